import { sql, type Kysely } from 'kysely';

/**
 * The policy Q&A library (政策问答库) as a publishable item under review, and the public's own
 * accounts (政策找人): e-mail verified sign-in, sessions, the personal center's inbox, and the mail
 * outbox every message to the public goes through.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table qa_entries (
      id bigint generated always as identity primary key,
      org_id bigint not null references organizations(id),
      source_id text unique,
      question text not null,
      phrasings text[] not null default '{}',
      answer_html text not null default '',
      answer_text text not null default '',
      department text not null default '',
      contact text not null default '',
      topic_id bigint references topics(id),
      audiences text[] not null default '{}',
      review_on date,
      origin text not null default 'manual' check (origin in ('manual', 'import', 'referral')),
      status text not null check (status in ('draft', 'submitted', 'in_review', 'approved', 'scheduled', 'published', 'withdrawn', 'merged')),
      published_on date,
      published_at timestamptz,
      search_vector tsvector not null default ''::tsvector,
      created_by bigint references staff(id),
      updated_by bigint references staff(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      edition_of bigint references qa_entries(id),
      review_level integer not null default 0,
      submitted_by bigint references staff(id),
      submitted_at timestamptz,
      needs_review boolean not null default false,
      urgent_reason text,
      publish_at timestamptz,
      withdrawn_at timestamptz,
      withdrawal_kind text check (withdrawal_kind in ('notice', 'remove')),
      withdrawal_reason text
    )`.execute(db);
  await sql`create unique index qa_entries_open_edition on qa_entries (edition_of) where edition_of is not null and status not in ('merged')`.execute(db);
  await sql`create index qa_entries_org on qa_entries (org_id, status)`.execute(db);
  await sql`create index qa_entries_published on qa_entries (published_at desc) where status = 'published'`.execute(db);
  await sql`create index qa_entries_search on qa_entries using gin (search_vector)`.execute(db);

  // The documents (and, where known, the clause: 第十二条) an entry rests on.
  await sql`
    create table qa_entry_documents (
      qa_id bigint not null references qa_entries(id),
      document_id bigint not null references documents(id),
      clause text not null default '',
      primary key (qa_id, document_id)
    )`.execute(db);
  await sql`create index qa_entry_documents_document on qa_entry_documents (document_id)`.execute(db);

  await sql`alter table review_actions drop constraint review_actions_item_type_check`.execute(db);
  await sql`alter table review_actions add constraint review_actions_item_type_check check (item_type in ('document', 'interpretation', 'qa'))`.execute(db);

  // Working days a department has to answer a question sent to it from the smart Q&A (转人工).
  await sql`alter table organizations add column referral_days integer not null default 5 check (referral_days between 1 and 60)`.execute(db);

  // Public accounts. The e-mail address is personal data: sealed, found by its blind index.
  await sql`
    create table accounts (
      id bigint generated always as identity primary key,
      email_sealed text not null,
      email_key text not null unique,
      email_masked text not null,
      display_name text not null default '',
      password_hash text not null,
      email_verified_at timestamptz,
      kind text not null default 'person' check (kind in ('person', 'enterprise')),
      industry text not null default '',
      size text not null default '',
      district text not null default '',
      failed_logins integer not null default 0,
      locked_until timestamptz,
      disabled boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  // One-time links sent by mail (verify the address, reset the password): only their hash is kept.
  await sql`
    create table account_tokens (
      id text primary key,
      account_id bigint not null references accounts(id),
      purpose text not null check (purpose in ('verify', 'reset')),
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index account_tokens_account on account_tokens (account_id)`.execute(db);
  await sql`
    create table account_sessions (
      id text primary key,
      account_id bigint not null references accounts(id),
      created_at timestamptz not null,
      expires_at timestamptz not null,
      last_seen_at timestamptz not null
    )`.execute(db);
  await sql`create index account_sessions_account on account_sessions (account_id)`.execute(db);

  // The personal center's inbox: one row per account and thing delivered, so nothing arrives twice.
  await sql`
    create table inbox_items (
      id bigint generated always as identity primary key,
      account_id bigint not null references accounts(id),
      item_type text not null check (item_type in ('document', 'interpretation', 'qa', 'referral')),
      item_id bigint not null,
      subscription_id bigint,
      title text not null,
      url text not null,
      summary text not null default '',
      created_at timestamptz not null,
      read_at timestamptz,
      unique (account_id, item_type, item_id)
    )`.execute(db);
  await sql`create index inbox_items_account on inbox_items (account_id, created_at desc)`.execute(db);

  // Every e-mail to the public. Sent by a job when SMTP is configured; otherwise it stays here for the administrator to read.
  await sql`
    create table mail_outbox (
      id bigint generated always as identity primary key,
      kind text not null,
      to_sealed text not null,
      to_masked text not null,
      subject text not null,
      body_text text not null,
      account_id bigint references accounts(id),
      dedupe_key text unique,
      created_at timestamptz not null,
      sent_at timestamptz,
      attempts integer not null default 0,
      last_error text
    )`.execute(db);
  await sql`create index mail_outbox_unsent on mail_outbox (id) where sent_at is null`.execute(db);
}
