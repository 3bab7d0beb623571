import type { Selectable, Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { ReferralsTable } from '../../../db/schema-ask.js';
import { recordEvent } from '../../../platform/audit/audit.js';
import type { Actor } from '../../../platform/auth/sessions.js';
import { inTransaction } from '../../../platform/http/command.js';
import { NotFoundError, RuleError } from '../../../platform/http/errors.js';
import { sanitizeBodyInput } from '../../../platform/html/sanitize.js';
import { publicText } from '../../../platform/html/redaction.js';
import { queueMail } from '../../../platform/mail/outbox.js';
import { deliverToInbox } from '../../accounts/public.js';
import { findReferralTransition, referralRefusal, type ReferralAction } from '../domain/referral-workflow.js';
import type { ReferralContext } from './submit-referral.js';
import { referralScope } from '../policy.js';

export const MAX_ANSWER_HTML = 50_000;

export type ReferralActionInput =
  | { action: 'assign'; assigneeId: number }
  | { action: 'answer'; answerHtml: string }
  | { action: 'close'; reason: string };

export type ReferralRow = Selectable<ReferralsTable>;

/** The referral, locked, when the actor's organizations reach it; else not found (another organization's case is not shown). */
export async function lockReferral(trx: Transaction<Database>, actor: Actor, id: number): Promise<ReferralRow> {
  const scope = await referralScope(trx, actor);
  const r = scope.length ? await trx.selectFrom('referrals').selectAll().where('id', '=', id).where('org_id', 'in', scope).forUpdate().executeTakeFirst() : undefined;
  if (!r) throw new NotFoundError('该咨询不存在，或不属于您的机构。');
  return r;
}

/**
 * One step on a referral in one transaction: assign it, answer it (the answer reaches the asker:
 * the personal center's inbox when they were signed in, an e-mail when they left an address, and
 * the tracking page in any case), or close it.
 */
export async function applyReferralAction(ctx: ReferralContext, actor: Actor, id: number, input: ReferralActionInput): Promise<ReferralRow> {
  return inTransaction(ctx, async (trx) => {
    const r = await lockReferral(trx, actor, id);
    const refused = referralRefusal(input.action as ReferralAction, { status: r.status, answered: r.answered_at !== null, promoted: r.qa_id !== null });
    if (refused) throw new RuleError(refused);
    const to = findReferralTransition(input.action, r.status)!.to!;
    const now = ctx.clock.now();
    let after: Record<string, unknown> = { status: to };
    if (input.action === 'assign') {
      const ok = await trx.selectFrom('staff_roles').select('staff_id').where('staff_id', '=', input.assigneeId).where('org_id', '=', r.org_id).executeTakeFirst();
      if (!ok) throw new RuleError('办理人须是本机构的工作人员', 'assigneeId');
      await trx.updateTable('referrals').set({ status: to, assignee_id: input.assigneeId, updated_at: now }).where('id', '=', id).execute();
      after = { ...after, assigneeId: input.assigneeId };
    } else if (input.action === 'answer') {
      const html = sanitizeBodyInput(input.answerHtml);
      // What reaches the asker (inbox, mail) is the public text: a span marked 删减 never leaves.
      const text = publicText(html);
      if (!text.trim()) throw new RuleError('请填写答复内容', 'answerHtml');
      if (input.answerHtml.length > MAX_ANSWER_HTML) throw new RuleError('答复内容过长', 'answerHtml');
      await trx.updateTable('referrals').set({ status: to, answer_html: html, answer_text: text, answered_at: now, answered_by: actor.id, updated_at: now }).where('id', '=', id).execute();
      after = { ...after, delivered: await deliverAnswer(trx, ctx, r, text, now) };
    } else {
      const reason = input.reason.trim();
      if (r.answered_at === null && !reason) throw new RuleError('未答复即办结的，请填写理由', 'reason');
      if (reason.length > 500 || /[<>]/.test(reason)) throw new RuleError('理由不能超过 500 字，且不能包含尖括号', 'reason');
      await trx.updateTable('referrals').set({ status: to, closed_at: now, close_reason: reason, updated_at: now }).where('id', '=', id).execute();
    }
    await recordEvent(trx, { actor: ctx.actor, action: `referral.${input.action}`, entityType: 'referral', entityId: id, orgId: r.org_id, before: { status: r.status }, after, at: now });
    return (await trx.selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  });
}

/** The answer to the asker, in the same transaction as the answer itself (mail goes out after commit, by the outbox job). */
async function deliverAnswer(trx: Transaction<Database>, ctx: ReferralContext, r: ReferralRow, answer: string, now: Date): Promise<string[]> {
  const how: string[] = [];
  const url = `/ask/referrals/${encodeURIComponent(r.tracking_no)}`;
  const title = `您咨询的问题已答复：${r.question.slice(0, 40)}${r.question.length > 40 ? '…' : ''}`;
  if (r.account_id !== null) {
    await deliverToInbox(trx, [{ accountId: r.account_id, type: 'referral', id: r.id, title, url, summary: answer.slice(0, 200) }], now);
    how.push('inbox');
  }
  const asker = r.asker_sealed ? ctx.sealer.unseal<{ name: string | null; email: string | null }>(r.asker_sealed) : null;
  if (asker?.email) {
    const text = [`${asker.name ? `${asker.name}：` : ''}您好！`, '', `您于 ${r.submitted_on} 咨询的问题：`, r.question, '', '答复如下：', answer, '', `咨询编号：${r.tracking_no}。凭咨询编号和查询码可在网站“智能问答—咨询查询”查看。`].join('\n');
    await queueMail(trx, ctx.sealer, { kind: 'referral_answer', to: asker.email, subject: '您咨询的问题已答复', text, accountId: r.account_id, dedupeKey: `referral_answer:${r.id}` }, now);
    how.push('mail');
  }
  return how;
}
