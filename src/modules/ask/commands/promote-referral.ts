import { recordEvent } from '../../../platform/audit/audit.js';
import type { Actor } from '../../../platform/auth/sessions.js';
import { inTransaction } from '../../../platform/http/command.js';
import { RuleError } from '../../../platform/http/errors.js';
import { saveQaEntry } from '../../qa/public.js';
import { applyReviewAction } from '../../review/public.js';
import { referralRefusal } from '../domain/referral-workflow.js';
import { lockReferral } from './referral-action.js';
import type { ReferralContext } from './submit-referral.js';

/**
 * Turns an answered referral into a Q&A entry with one action: the entry is written through the
 * Q&A library's own command (origin 'referral', the question and answer prefilled, the
 * department's organization and contact, the topic staff chose so topic subscribers hear of it) and submitted into review; once published, the
 * subscription fan-out tells its subscribers. Returns the new entry's id.
 *
 * Three transactions (the library's save, the review step, the link back), because each command
 * owns its own; the referral is checked first and linked last with `qa_id is null`, so a second
 * click can at worst leave a draft entry behind, never two links.
 */
export async function promoteReferral(ctx: ReferralContext, actor: Actor, id: number, opts: { topicId: number | null } = { topicId: null }): Promise<number> {
  const r = await inTransaction(ctx, async (trx) => {
    const row = await lockReferral(trx, actor, id);
    const refused = referralRefusal('promote', { status: row.status, answered: row.answered_at !== null, promoted: row.qa_id !== null });
    if (refused) throw new RuleError(refused);
    const org = await trx.selectFrom('organizations').select(['name', 'phone']).where('id', '=', row.org_id).executeTakeFirstOrThrow();
    return { ...row, orgName: org.name, orgPhone: org.phone };
  });
  const saved = await saveQaEntry(ctx, {
    actor, qaId: null,
    input: {
      orgId: r.org_id, question: r.question, phrasings: [], answerHtml: r.answer_html, department: r.orgName.slice(0, 100), contact: r.orgPhone.slice(0, 100),
      topicId: opts.topicId, audiences: [], reviewOn: null, documents: [], origin: 'referral',
    },
  });
  await applyReviewAction(ctx, actor, { type: 'qa', id: saved.id, action: 'submit', comment: '由转人工咨询的答复转入' });
  await inTransaction(ctx, async (trx) => {
    const linked = await trx.updateTable('referrals').set({ qa_id: saved.id, updated_at: ctx.clock.now() }).where('id', '=', id).where('qa_id', 'is', null).executeTakeFirst();
    if (Number(linked.numUpdatedRows) === 0) throw new RuleError('该问题已转为政策问答');
    await recordEvent(trx, { actor: ctx.actor, action: 'referral.promote', entityType: 'referral', entityId: id, orgId: r.org_id, after: { qaId: saved.id }, at: ctx.clock.now() });
  });
  return saved.id;
}
