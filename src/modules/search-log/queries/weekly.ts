import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';

/** The three lists of the search log (搜索热词 · 无结果词 · 无人点击). */
export const QUERY_LISTS = ['top', 'empty', 'unopened'] as const;
export type QueryList = (typeof QUERY_LISTS)[number];

export const QUERY_LIST_LABELS: Record<QueryList, string> = { top: '搜索热词', empty: '无结果词', unopened: '无人点击' };

export interface QueryRow {
  query: string;
  searches: number;
  /** Searches that found nothing. */
  empty: number;
  opens: number;
}

/** A query searched at least this often whose results nobody opened is on 无人点击. */
export const UNOPENED_MIN_SEARCHES = 2;

/**
 * One list over the given weeks, each query's counts added up:
 * - top: by searches;
 * - empty: the queries some search of which found nothing, by how often;
 * - unopened: queries searched at least twice that found something, and whose results nobody opened.
 */
export async function listQueries(db: Kysely<Database>, weeks: readonly string[], list: QueryList, limit: number): Promise<QueryRow[]> {
  if (weeks.length === 0) return [];
  const searches = sql<number>`sum(searches)::bigint`;
  const empty = sql<number>`sum(empty_searches)::bigint`;
  const opens = sql<number>`sum(opens)::bigint`;
  let q = db
    .selectFrom('search_weeks')
    .select(['query', searches.as('searches'), empty.as('empty'), opens.as('opens')])
    .where('week_start', 'in', [...weeks])
    .groupBy('query');
  if (list === 'top') q = q.having(searches, '>', 0).orderBy(searches, 'desc');
  if (list === 'empty') q = q.having(empty, '>', 0).orderBy(empty, 'desc').orderBy(searches, 'desc');
  if (list === 'unopened') q = q.having(searches, '>=', UNOPENED_MIN_SEARCHES).having(opens, '=', 0).having(sql<boolean>`sum(searches) > sum(empty_searches)`).orderBy(searches, 'desc');
  const rows = await q.orderBy('query').limit(limit).execute();
  return rows.map((r) => ({ query: r.query, searches: Number(r.searches), empty: Number(r.empty), opens: Number(r.opens) }));
}

/** The weeks that have counts, newest first (the week picker offers them). */
export async function weeksWithCounts(db: Kysely<Database>, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('search_weeks').select('week_start').distinct().orderBy('week_start', 'desc').limit(limit).execute();
  return rows.map((r) => r.week_start);
}
