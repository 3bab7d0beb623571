import { sql, type Kysely } from 'kysely';

/**
 * The audit trail refuses TRUNCATE. The append-only trigger of migration 0001 is row-level, and
 * TRUNCATE fires no row triggers: `truncate audit_events` emptied the log, which then verified as
 * an intact chain of 0 rows. A statement-level trigger refuses it, as the row-level one refuses
 * UPDATE and DELETE.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create trigger audit_events_no_truncate before truncate on audit_events
    for each statement execute function audit_events_append_only()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger audit_events_no_truncate on audit_events`.execute(db);
}
