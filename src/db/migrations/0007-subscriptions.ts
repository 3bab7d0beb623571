import { sql, type Kysely } from 'kysely';

/**
 * Subscriptions (政策找人) and the progress of each publication's fan-out.
 *
 * A subscription follows one thing: a topic (and the topics below it), an audience, an
 * organization, a document type, or a keyword. A keyword is kept as typed and as a tsquery built
 * with the search's own segmentation, so a published item's tsvector is matched against it in SQL.
 * The fan-out of one publication is recorded in `subscription_fanouts` (state and a cursor over
 * account ids) with its matched accounts in `subscription_fanout_targets`, so a crash resumes
 * where it stopped; the inbox's and the outbox's unique keys make any repeat a no-op.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table subscriptions (
      id bigint generated always as identity primary key,
      account_id bigint not null references accounts(id),
      kind text not null check (kind in ('topic', 'audience', 'org', 'doc_type', 'keyword')),
      topic_id bigint references topics(id),
      org_id bigint references organizations(id),
      term text not null default '',
      keyword_query tsquery,
      email boolean not null default true,
      created_at timestamptz not null,
      check ((kind = 'topic') = (topic_id is not null)),
      check ((kind = 'org') = (org_id is not null)),
      check ((kind = 'keyword') = (keyword_query is not null)),
      check ((kind in ('audience', 'doc_type', 'keyword')) = (term <> ''))
    )`.execute(db);
  await sql`create unique index subscriptions_unique on subscriptions (account_id, kind, coalesce(topic_id, 0), coalesce(org_id, 0), term)`.execute(db);
  // One index per way of matching a publication; each is scanned only for its own kind.
  await sql`create index subscriptions_topic on subscriptions (topic_id) where kind = 'topic'`.execute(db);
  await sql`create index subscriptions_org on subscriptions (org_id) where kind = 'org'`.execute(db);
  await sql`create index subscriptions_term on subscriptions (kind, term) where kind in ('audience', 'doc_type')`.execute(db);
  await sql`create index subscriptions_keyword on subscriptions (id) include (account_id, keyword_query, email) where kind = 'keyword'`.execute(db);

  await sql`
    create table subscription_fanouts (
      item_type text not null check (item_type in ('document', 'interpretation', 'qa')),
      item_id bigint not null,
      state text not null check (state in ('delivering', 'done', 'skipped')),
      cursor_account_id bigint not null default 0,
      matched integer not null default 0,
      delivered integer not null default 0,
      mailed integer not null default 0,
      batches integer not null default 0,
      started_at timestamptz not null,
      updated_at timestamptz not null,
      finished_at timestamptz,
      primary key (item_type, item_id)
    )`.execute(db);
  await sql`
    create table subscription_fanout_targets (
      item_type text not null,
      item_id bigint not null,
      account_id bigint not null,
      subscription_id bigint not null,
      email_subscription_id bigint,
      primary key (item_type, item_id, account_id)
    )`.execute(db);

  // The mail sender's backoff: a row is tried again at next_attempt_at; after the last try it is given up.
  await sql`alter table mail_outbox add column next_attempt_at timestamptz`.execute(db);
  await sql`alter table mail_outbox add column failed_at timestamptz`.execute(db);
  await sql`drop index mail_outbox_unsent`.execute(db);
  await sql`create index mail_outbox_unsent on mail_outbox (next_attempt_at nulls first, id) where sent_at is null and failed_at is null`.execute(db);
  await sql`create index mail_outbox_created on mail_outbox (created_at desc, id desc)`.execute(db);
}
