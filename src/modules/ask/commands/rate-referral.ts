import { recordEvent } from '../../../platform/audit/audit.js';
import { inTransaction } from '../../../platform/http/command.js';
import { NotFoundError, RuleError } from '../../../platform/http/errors.js';
import { checkRating, recordRating } from '../../../platform/tracked-cases/satisfaction.js';
import type { ReferralContext } from './submit-referral.js';

/**
 * 满意度: the asker rates the answer of their referral — once, after it was answered. The route has
 * checked that this browser or account may open the case; the rating is of the organization that
 * answered it, and is audited without the comment (the asker's own words stay in the rating).
 */
export async function rateReferral(ctx: ReferralContext, trackingNo: string, input: { rating: string; comment: string }): Promise<void> {
  const checked = checkRating(input.rating, input.comment);
  await inTransaction(ctx, async (trx) => {
    const r = await trx.selectFrom('referrals').select(['id', 'org_id', 'answered_at']).where('tracking_no', '=', trackingNo).forUpdate().executeTakeFirst();
    if (!r) throw new NotFoundError('该咨询不存在。');
    if (r.answered_at === null) throw new RuleError('部门答复后才能评价');
    const now = ctx.clock.now();
    await recordRating(trx, { channel: 'referral', caseId: r.id, orgId: r.org_id, rating: checked.rating, comment: checked.comment, at: now });
    await recordEvent(trx, { actor: ctx.actor, action: 'referral.rate', entityType: 'referral', entityId: r.id, orgId: r.org_id, after: { rating: checked.rating, comment: checked.comment !== '' }, at: now });
  });
}
