import { recordEvent } from '../../../platform/audit/audit.js';
import { loadWorkingCalendar } from '../../../platform/calendar/store.js';
import { inTransaction } from '../../../platform/http/command.js';
import { NotFoundError, RuleError } from '../../../platform/http/errors.js';
import { clockOf, loadCase } from '../case.js';
import { outcomeRule } from '../domain/workflow.js';
import { issueLetter } from '../letters.js';
import { replyEditRefusal } from './reply-materials.js';
import type { RequestCommandContext } from './request-action.js';

export interface ReplyDraftInput {
  outcome: string;
  /** The handler's edited text; empty: compose it from the outcome's template. */
  body: string;
  disclosedContent: string | null;
  withheldReason: string | null;
  referTo: string | null;
}

/**
 * Writes (or rewrites) the reply letter before it is sent: composed from the outcome's template
 * with the case's facts and the published documents linked to it, or the handler's edited text.
 * Only a draft changes; a sent letter is the record and never does.
 */
export async function saveReplyDraft(ctx: RequestCommandContext, requestId: number, input: ReplyDraftInput): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const c = await loadCase(trx, requestId, { lock: true });
    if (!c) throw new NotFoundError('申请不存在，或您无权查看。');
    const notNow = replyEditRefusal(c.row.status);
    if (notNow) throw new RuleError(notNow);
    const today = ctx.clock.today();
    const refused = outcomeRule(input.outcome, { clock: clockOf(c, await loadWorkingCalendar(trx), today), today });
    if (refused) throw new RuleError(refused.message, 'outcome');
    // A new outcome without edited text means: compose again from that outcome's template.
    const recompose = !input.body || (c.draft !== null && c.draft.outcome !== input.outcome && input.body === c.draft.body);
    const docs = await trx
      .selectFrom('request_documents as rd')
      .innerJoin('documents as d', 'd.id', 'rd.document_id')
      .select(['d.id', 'd.title'])
      .where('rd.request_id', '=', requestId)
      .execute();
    await issueLetter(
      trx,
      c,
      ctx.sealer,
      {
        kind: 'reply', outcome: input.outcome, disclosedContent: input.disclosedContent ?? undefined, withheldReason: input.withheldReason ?? undefined, referTo: input.referTo ?? undefined,
        publishedAt: docs.map((d) => ({ title: d.title, url: `/documents/${d.id}` })),
      },
      { date: today, actorId: ctx.actor.id, status: 'draft', body: recompose ? undefined : input.body, draftId: c.draft?.id, at: ctx.clock.now() },
    );
    await recordEvent(trx, { actor: ctx.actor, action: 'request.reply_draft', entityType: 'request', entityId: requestId, orgId: c.row.org_id, after: { outcome: input.outcome, recomposed: recompose }, at: ctx.clock.now() });
  });
}
