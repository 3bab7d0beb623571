import { sql, type Kysely } from 'kysely';

/**
 * The audit chain becomes keyed (ADR 0018). Each row states how its hash was made: 0 for the
 * unkeyed sha256 of the rows already there, 1 for HMAC-SHA256 under the audit key, which lives
 * outside the database. The column is added with default 0, so existing rows read 0 without being
 * rewritten (no row trigger fires on ALTER TABLE), and the default is then dropped: every new row
 * must say how it was sealed, and an older app version still writing unkeyed rows fails instead of
 * mixing them in. The key is not available to migrations: the first keyed row — the seal event
 * written at start-up by `sealLegacyChain` (src/platform/audit/seal.ts) — signs the old chain's head.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table audit_events add column key_version smallint not null default 0`.execute(db);
  await sql`alter table audit_events alter column key_version drop default`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table audit_events drop column key_version`.execute(db);
}
