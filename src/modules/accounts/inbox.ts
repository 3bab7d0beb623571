import type { Kysely, Transaction } from 'kysely';
import type { Database, InboxItemType } from '../../db/schema.js';

/** One thing for an account's personal center: a matching publication, or the answer to its question. */
export interface InboxDelivery {
  accountId: number;
  type: InboxItemType;
  id: number;
  title: string;
  url: string;
  summary?: string;
  subscriptionId?: number | null;
}

/**
 * Puts things in personal centers' inboxes, in the caller's transaction. An account gets each
 * thing once: a second delivery of the same item (a retried fan-out, two matching subscriptions)
 * is ignored. Returns the ids of the accounts that received it now.
 */
export async function deliverToInbox(trx: Transaction<Database> | Kysely<Database>, items: InboxDelivery[], now: Date): Promise<number[]> {
  if (items.length === 0) return [];
  const rows = await trx
    .insertInto('inbox_items')
    .values(items.map((i) => ({ account_id: i.accountId, item_type: i.type, item_id: i.id, title: i.title, url: i.url, summary: i.summary ?? '', subscription_id: i.subscriptionId ?? null, created_at: now, read_at: null })))
    .onConflict((oc) => oc.columns(['account_id', 'item_type', 'item_id']).doNothing())
    .returning('account_id')
    .execute();
  return rows.map((r) => r.account_id);
}
