import type { ColumnType, Generated } from 'kysely';

/** Row types of the subscriptions' tables (migration 0007): subscriptions and fan-out progress. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type SubscriptionKind = 'topic' | 'audience' | 'org' | 'doc_type' | 'keyword';
export type FanoutItemType = string;

export interface SubscriptionsTable {
  id: Generated<number>;
  account_id: number;
  kind: SubscriptionKind;
  topic_id: number | null;
  org_id: number | null;
  /** The audience, the document type, or the keyword as typed; '' for topics and organizations. */
  term: Generated<string>;
  /** The keyword segmented like a search (to_tsquery('simple', …)). */
  keyword_query: string | null;
  /** Also tell by e-mail (the personal center's inbox always gets it). */
  email: Generated<boolean>;
  created_at: Timestamp;
}

export interface SubscriptionFanoutsTable {
  item_type: FanoutItemType;
  item_id: number;
  state: 'delivering' | 'done' | 'skipped';
  /** Accounts up to this id have been served. */
  cursor_account_id: Generated<number>;
  matched: Generated<number>;
  delivered: Generated<number>;
  mailed: Generated<number>;
  batches: Generated<number>;
  started_at: Timestamp;
  updated_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface SubscriptionFanoutTargetsTable {
  item_type: FanoutItemType;
  item_id: number;
  account_id: number;
  /** The first matching subscription, and the first with e-mail on (null: inbox only). */
  subscription_id: number;
  email_subscription_id: number | null;
}

export interface SubscriptionTables {
  subscriptions: SubscriptionsTable;
  subscription_fanouts: SubscriptionFanoutsTable;
  subscription_fanout_targets: SubscriptionFanoutTargetsTable;
}

// Migration 0007 adds the mail sender's backoff to the outbox (table of migration 0005).
declare module './schema.js' {
  interface MailOutboxTable {
    next_attempt_at: Timestamp | null;
    failed_at: Timestamp | null;
  }
}
