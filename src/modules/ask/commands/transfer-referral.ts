import type { Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { recordEvent } from '../../../platform/audit/audit.js';
import type { Actor } from '../../../platform/auth/sessions.js';
import { loadWorkingCalendar } from '../../../platform/calendar/store.js';
import { formatChineseDate } from '../../../platform/clock/clock.js';
import { inTransaction } from '../../../platform/http/command.js';
import { ForbiddenError, RuleError } from '../../../platform/http/errors.js';
import { queueMail } from '../../../platform/mail/outbox.js';
import { checkTransfer, recordTransfer, transferredDeadline } from '../../../platform/tracked-cases/transfer.js';
import { deliverToInbox } from '../../accounts/public.js';
import { findReferralTransition, OPEN_REFERRAL_STATUSES } from '../domain/referral-workflow.js';
import { mayTransferReferralTo } from '../policy.js';
import { lockReferral, type ReferralRow } from './referral-action.js';
import type { ReferralContext } from './submit-referral.js';

export interface TransferInput {
  toOrgId: number;
  reason: string;
}

/**
 * 转办: a referral sent on to the organization it belongs to, in one transaction. The case is taken
 * from the actor's organizations (else not found) and given to another of them (else 403, nothing
 * written); it lands unassigned in the receiving organization's queue with its clock restarted
 * there (platform/tracked-cases/transfer.ts says why), the transfer is recorded for the timeline
 * and audited, and the asker is told where it went and by when to expect the answer — in the
 * personal center's inbox when signed in, by e-mail when they left an address, and on the tracker
 * page in any case (the mail goes out after commit, by the outbox job).
 */
export async function transferReferral(ctx: ReferralContext, actor: Actor, id: number, input: TransferInput): Promise<ReferralRow> {
  return inTransaction(ctx, async (trx) => {
    const r = await lockReferral(trx, actor, id);
    const reason = checkTransfer({ fromOrgId: r.org_id, toOrgId: input.toOrgId, reason: input.reason, concluded: !OPEN_REFERRAL_STATUSES.includes(r.status) });
    const to = await trx.selectFrom('organizations').select(['id', 'name', 'referral_days', 'successor_id']).where('id', '=', input.toOrgId).executeTakeFirst();
    if (!to || to.successor_id !== null) throw new RuleError('所选机构不存在或已撤并', 'toOrgId');
    if (!(await mayTransferReferralTo(trx, actor, to.id))) throw new ForbiddenError('只能转办给您所在机构管辖范围内的机构；需要转给其他机构的，请联系上级政务公开办公室转办。');
    const now = ctx.clock.now();
    const today = ctx.clock.today();
    const cal = await loadWorkingCalendar(trx);
    const d = transferredDeadline(cal, today, to.referral_days, to.name);
    const status = findReferralTransition('transfer', r.status)!.to!;
    await trx
      .updateTable('referrals')
      .set({ org_id: to.id, status, assignee_id: null, due_on: d.dueOn, due_provisional: d.provisional, deadline: JSON.stringify({ ...d, transferredFrom: r.org_id, previousDueOn: String(r.due_on) }), updated_at: now })
      .where('id', '=', id)
      .execute();
    const transferId = await recordTransfer(trx, { channel: 'referral', caseId: id, fromOrgId: r.org_id, toOrgId: to.id, reason, by: actor.id, at: now, on: today, dueBefore: String(r.due_on), dueAfter: d.dueOn });
    const delivered = await tellAsker(trx, ctx, r, { transferId, toName: to.name, reason, dueOn: d.dueOn }, now);
    await recordEvent(trx, { actor: ctx.actor, action: 'referral.transfer', entityType: 'referral', entityId: id, orgId: r.org_id, before: { orgId: r.org_id, status: r.status, dueOn: String(r.due_on) }, after: { orgId: to.id, status, dueOn: d.dueOn, reason, delivered }, at: now });
    return trx.selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  });
}

async function tellAsker(trx: Transaction<Database>, ctx: ReferralContext, r: ReferralRow, t: { transferId: number; toName: string; reason: string; dueOn: string }, now: Date): Promise<string[]> {
  const how: string[] = [];
  const url = `/ask/referrals/${encodeURIComponent(r.tracking_no)}`;
  const title = `您咨询的问题已转交${t.toName}办理`;
  const summary = `转办理由：${t.reason}。${t.toName}将于${formatChineseDate(t.dueOn)}前答复。`;
  if (r.account_id !== null) {
    // Its own item per transfer: the inbox keeps one item per (type, id), and the answer comes later as 'referral'.
    await deliverToInbox(trx, [{ accountId: r.account_id, type: 'referral_transfer', id: t.transferId, title, url, summary }], now);
    how.push('inbox');
  }
  const asker = r.asker_sealed ? ctx.sealer.unseal<{ name: string | null; email: string | null }>(r.asker_sealed) : null;
  if (asker?.email) {
    const text = [`${asker.name ? `${asker.name}：` : ''}您好！`, '', `您于 ${r.submitted_on} 咨询的问题：`, r.question, '', `已转交${t.toName}办理。${summary}`, '', `咨询编号：${r.tracking_no}（不变）。凭咨询编号和查询码可在网站“智能问答—咨询查询”查看办理进度。`].join('\n');
    await queueMail(trx, ctx.sealer, { kind: 'referral_transfer', to: asker.email, subject: title, text, accountId: r.account_id, dedupeKey: `referral_transfer:${t.transferId}` }, now);
    how.push('mail');
  }
  return how;
}
