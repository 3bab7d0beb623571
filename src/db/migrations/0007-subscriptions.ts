import type { Kysely } from 'kysely';

/** Subscriptions (政策找人) and the progress of each publication's fan-out. */
export async function up(_db: Kysely<unknown>): Promise<void> {}
