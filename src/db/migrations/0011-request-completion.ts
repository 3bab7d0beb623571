import { sql, type Kysely } from 'kysely';

/**
 * Disclosure requests finished online: the information provided with a reply (files the handler
 * attaches), the log of the applicant's downloads of it, and the transfer letter (转送告知书) for an
 * application sent on to the organization that holds the information.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // The reply's files are part of the reply: shown to the applicant only once it is sent.
  await sql`alter table request_attachments add column for_reply boolean not null default false`.execute(db);

  await sql`alter table request_letters drop constraint request_letters_kind_check`.execute(db);
  await sql`
    alter table request_letters add constraint request_letters_kind_check
      check (kind in ('receipt', 'correction', 'consultation', 'extension', 'fee', 'reply', 'transfer'))`.execute(db);

  // The organization that issued a letter: a transferred case keeps the letters of the organization
  // it was sent to first (null: the case's organization, as before).
  await sql`alter table request_letters add column org_id bigint references organizations(id)`.execute(db);

  // Every download of a reply's file by the applicant (the audit chain records it too).
  await sql`
    create table request_downloads (
      id bigint generated always as identity primary key,
      request_id bigint not null references requests(id),
      attachment_id bigint not null references request_attachments(id),
      downloaded_at timestamptz not null,
      ip text
    )`.execute(db);
  await sql`create index request_downloads_attachment on request_downloads (attachment_id, downloaded_at)`.execute(db);
}
