/** Row types of the subscriptions' tables (migration 0007): subscriptions and fan-out progress. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SubscriptionTables {}
