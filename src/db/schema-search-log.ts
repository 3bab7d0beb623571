import type { ColumnType, Generated } from 'kysely';

/** Row types of the search log's tables (migration 0023): weekly counts per query, and best bets. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** One week's counts for one normalized, masked query (搜索分析). */
export interface SearchWeeksTable {
  /** The week's Monday in China time, 'YYYY-MM-DD'. */
  week_start: string;
  query: string;
  searches: Generated<number>;
  /** Searches that found nothing (无结果). */
  empty_searches: Generated<number>;
  /** Results opened from the query's result pages. */
  opens: Generated<number>;
}

/** A staff-curated result pinned to a normalized query (推荐结果): any content kind's item, shown while public. */
export interface SearchBestBetsTable {
  id: Generated<number>;
  query: string;
  /** A registered content kind's name (platform/content/registry.ts). */
  item_type: string;
  item_id: number;
  note: Generated<string>;
  created_by: number | null;
  created_at: Timestamp;
}

export interface SearchLogTables {
  search_weeks: SearchWeeksTable;
  search_best_bets: SearchBestBetsTable;
}
