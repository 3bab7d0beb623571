import type { ColumnType, Generated } from 'kysely';

/** Row types of the tracked-case seam's own tables (migration 0021): transfers (转办) and satisfaction ratings (满意度), for every channel. */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface CaseTransfersTable {
  id: Generated<number>;
  /** The channel's name ('referral' …), with case_id the case within it. */
  channel: string;
  case_id: number;
  from_org_id: number;
  to_org_id: number;
  reason: string;
  transferred_by: number | null;
  transferred_at: Timestamp;
  transferred_on: string;
  due_before: string | null;
  due_after: string | null;
}

export type SatisfactionRating = 'satisfied' | 'basically_satisfied' | 'unsatisfied';

export interface CaseRatingsTable {
  channel: string;
  case_id: number;
  /** The organization whose answer was rated (the case's organization then). */
  org_id: number;
  rating: SatisfactionRating;
  comment: Generated<string>;
  rated_at: Timestamp;
}

export interface TrackedCaseTables {
  case_transfers: CaseTransfersTable;
  case_ratings: CaseRatingsTable;
}
