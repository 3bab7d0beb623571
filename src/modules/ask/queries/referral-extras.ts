import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { ratingsOf, type CaseRating } from '../../../platform/tracked-cases/satisfaction.js';
import { listTransfers, type TransferStep } from '../../../platform/tracked-cases/transfer.js';
import type { RoutingOrg } from '../domain/routing.js';

/** What the tracked-case seam keeps about a referral: its transfers (oldest first) and its rating. */
export async function referralHistory(db: Kysely<Database>, id: number): Promise<{ transfers: TransferStep[]; rating: CaseRating | null }> {
  const [transfers, ratings] = await Promise.all([listTransfers(db, 'referral', id), ratingsOf(db, 'referral', [id])]);
  return { transfers, rating: ratings.get(id) ?? null };
}

/** The ratings and the number of transfers of a page of referrals, by id. */
export async function referralListExtras(db: Kysely<Database>, ids: number[]): Promise<{ ratings: Map<number, CaseRating>; transfers: Map<number, number> }> {
  if (ids.length === 0) return { ratings: new Map(), transfers: new Map() };
  const [ratings, t] = await Promise.all([
    ratingsOf(db, 'referral', ids),
    db.selectFrom('case_transfers').select(['case_id', ({ fn }) => fn.countAll<number>().as('n')]).where('channel', '=', 'referral').where('case_id', 'in', ids).groupBy('case_id').execute(),
  ]);
  return { ratings, transfers: new Map(t.map((r) => [Number(r.case_id), Number(r.n)])) };
}

/** The places an asker may choose: every county and township (the city level is the form's 不限), with their depth below the county. */
export function referralPlaces(orgs: readonly RoutingOrg[]): { id: number; name: string; depth: number }[] {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const depth = (o: RoutingOrg) => {
    let d = 0;
    for (let p = o.parentId; p !== null && d < 50; p = byId.get(p)?.parentId ?? null) d++;
    return d;
  };
  return orgs.filter((o) => o.kind === 'county' || o.kind === 'township').map((o) => ({ id: o.id, name: o.name, depth: Math.max(0, depth(o) - 1) }));
}

/** 这个回答有帮助吗？ counts: all time and the last 30 days, and the latest unhelpful questions. */
export async function answerFeedbackSummary(db: Kysely<Database>, now: Date) {
  const since = new Date(now.getTime() - 30 * 86_400_000);
  const [counts, latest] = await Promise.all([
    sql<{ helpful: string; unhelpful: string; recent_helpful: string; recent_unhelpful: string }>`
      select count(*) filter (where helpful) as helpful, count(*) filter (where not helpful) as unhelpful,
             count(*) filter (where helpful and created_at >= ${since}) as recent_helpful,
             count(*) filter (where not helpful and created_at >= ${since}) as recent_unhelpful
      from answer_feedback`.execute(db),
    db.selectFrom('answer_feedback').select(['id', 'question', 'source_ids', 'created_at']).where('helpful', '=', false).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(10).execute(),
  ]);
  const c = counts.rows[0]!;
  return {
    helpful: Number(c.helpful), unhelpful: Number(c.unhelpful), recentHelpful: Number(c.recent_helpful), recentUnhelpful: Number(c.recent_unhelpful),
    latestUnhelpful: latest.map((r) => ({ question: r.question, sources: (typeof r.source_ids === 'string' ? JSON.parse(r.source_ids) : r.source_ids) as string[], at: new Date(r.created_at) })),
  };
}
export type AnswerFeedbackSummary = Awaited<ReturnType<typeof answerFeedbackSummary>>;
