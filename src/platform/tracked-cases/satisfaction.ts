import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { SatisfactionRating } from '../../db/schema-tracked-cases.js';
import { RuleError } from '../http/errors.js';

/**
 * 满意度: the person who waited rates the answer, once per case (the table's primary key), with an
 * optional comment. The same three grades as 12345 回访 (domain.md §9) for every channel.
 */
export const SATISFACTION_LABELS: Record<SatisfactionRating, string> = { satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意' };
export const MAX_RATING_COMMENT = 500;

export function checkRating(rating: string, comment: string): { rating: SatisfactionRating; comment: string } {
  if (!Object.hasOwn(SATISFACTION_LABELS, rating)) throw new RuleError('请选择满意、基本满意或不满意', 'rating');
  const c = comment.trim();
  if (c.length > MAX_RATING_COMMENT) throw new RuleError(`意见不能超过 ${MAX_RATING_COMMENT} 字`, 'comment');
  if (/[<>]/.test(c)) throw new RuleError('意见不能包含尖括号 < >', 'comment');
  return { rating: rating as SatisfactionRating, comment: c };
}

/** Stores the rating; a case already rated keeps its first rating (RuleError, nothing written). */
export async function recordRating(trx: Transaction<Database>, r: { channel: string; caseId: number; orgId: number; rating: SatisfactionRating; comment: string; at: Date }): Promise<void> {
  const row = await trx
    .insertInto('case_ratings')
    .values({ channel: r.channel, case_id: r.caseId, org_id: r.orgId, rating: r.rating, comment: r.comment, rated_at: r.at })
    .onConflict((oc) => oc.columns(['channel', 'case_id']).doNothing())
    .returning('case_id')
    .executeTakeFirst();
  if (!row) throw new RuleError('您已经评价过了，每件事项只能评价一次');
}

export interface CaseRating {
  rating: SatisfactionRating;
  comment: string;
  ratedAt: Date;
}

/** The ratings of some cases of a channel, by case id. */
export async function ratingsOf(db: Kysely<Database>, channel: string, caseIds: number[]): Promise<Map<number, CaseRating>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db.selectFrom('case_ratings').select(['case_id', 'rating', 'comment', 'rated_at']).where('channel', '=', channel).where('case_id', 'in', caseIds).execute();
  return new Map(rows.map((r) => [Number(r.case_id), { rating: r.rating, comment: r.comment, ratedAt: new Date(r.rated_at) }]));
}
