import { sql, type Kysely } from 'kysely';

/**
 * Public editions (公开版本): what the public may see of an item's history.
 *
 * Staff keep every saved version (`document_versions`), drafts before review included; the public
 * sees only what was approved: the first publication and each approved edition, recorded at the
 * moment of publication, redacted as the public page was, with the public change note the edition
 * carried through review (`change_note`, a reviewed content column of every publishable kind). Rows
 * are written once, by the publishing transaction, and never changed; a withdrawal hides them with
 * the item, because every public read goes through the item's own visibility first.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['documents', 'interpretations', 'qa_entries']) {
    await sql`alter table ${sql.table(table)} add column change_note text not null default ''`.execute(db);
  }
  await sql`
    create table public_editions (
      id bigint generated always as identity primary key,
      item_type text not null check (item_type in ('document', 'interpretation', 'qa')),
      item_id bigint not null,
      edition_no integer not null check (edition_no > 0),
      published_at timestamptz not null,
      title text not null,
      -- [label, value] pairs of the public metadata, in display order
      fields jsonb not null,
      -- redacted as the public page showed it
      body_html text not null,
      change_note text not null default '',
      unique (item_type, item_id, edition_no)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table public_editions`.execute(db);
  for (const table of ['documents', 'interpretations', 'qa_entries']) {
    await sql`alter table ${sql.table(table)} drop column change_note`.execute(db);
  }
}
