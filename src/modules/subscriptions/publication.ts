import type { Transaction } from 'kysely';
import type { Database, ItemType } from '../../db/schema.js';
import { scheduleJob } from '../../platform/jobs/runner.js';

/** What subscribers can be told about: a first publication of one of these. */
export type PublishedItemType = ItemType;

export const FANOUT_JOB = 'subscription-fanout';

/**
 * Called inside the publishing transaction when an item is first published (not when a later
 * edition is merged into it). It only queues the fan-out job, so publishing never waits for the
 * subscribers, and the job exists exactly when the publication was committed.
 */
export async function notePublication(trx: Transaction<Database>, now: Date, item: { type: PublishedItemType; id: number }): Promise<void> {
  await scheduleJob(trx, FANOUT_JOB, now, { uniqueKey: `fanout:${item.type}:${item.id}`, payload: item });
}
