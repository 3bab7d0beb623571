import { sql, type Kysely } from 'kysely';

/**
 * Information items (信息): 工作动态, 通知公告, 公示, 人事信息, 规划计划, 统计信息, 财政信息 and the other
 * catalog columns of 条例 第20条 that are not policy documents, as a content kind (`info`) under
 * review, with the catalog's metadata (索引号, 主题分类, 公开属性, 来源) and attachments. A 公示 carries
 * its period, its scope and what happens when the period ends (条例 第20条, 000 (九)): kept and
 * marked as ended, or taken down (`taken_down_at`, set by the daily job), which takes it off every
 * public list.
 *
 * Content kinds are registered in code (platform/content/registry.ts), so the lists of kind names
 * that earlier migrations put into check constraints are dropped rather than widened once more per
 * kind: each new kind would otherwise have to rewrite them, and two kinds added side by side would
 * drop each other's names.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, constraint] of [
    ['review_actions', 'review_actions_item_type_check'],
    ['inbox_items', 'inbox_items_item_type_check'],
    ['subscription_fanouts', 'subscription_fanouts_item_type_check'],
    ['public_editions', 'public_editions_item_type_check'],
  ] as const) {
    await sql`alter table ${sql.table(table)} drop constraint if exists ${sql.id(constraint)}`.execute(db);
  }

  await sql`
    create table info_items (
      id bigint generated always as identity primary key,
      org_id bigint not null references organizations(id),
      catalog_node_id bigint references catalog_nodes(id),
      category text not null check (category ~ '^[a-z_]{1,40}$'),
      index_no text,
      title text not null,
      body_html text not null default '',
      body_text text not null default '',
      topic_id bigint references topics(id),
      attribute text not null check (attribute in ('public', 'public_redacted', 'on_request', 'not_public')),
      source text not null default '',
      publicity_start date,
      publicity_end date,
      publicity_scope text check (publicity_scope in ('all', 'residents')),
      publicity_place text not null default '',
      after_period text check (after_period in ('keep', 'remove')),
      taken_down_at timestamptz,
      status text not null check (status in ('draft', 'submitted', 'in_review', 'approved', 'scheduled', 'published', 'withdrawn', 'merged')),
      published_on date,
      published_at timestamptz,
      search_vector tsvector not null default ''::tsvector,
      created_by bigint references staff(id),
      updated_by bigint references staff(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      edition_of bigint references info_items(id),
      review_level integer not null default 0,
      submitted_by bigint references staff(id),
      submitted_at timestamptz,
      needs_review boolean not null default false,
      urgent_reason text,
      publish_at timestamptz,
      withdrawn_at timestamptz,
      withdrawal_kind text check (withdrawal_kind in ('notice', 'remove')),
      withdrawal_reason text,
      change_note text not null default '',
      check (publicity_end is null or publicity_start is null or publicity_end >= publicity_start)
    )`.execute(db);
  await sql`create unique index info_items_open_edition on info_items (edition_of) where edition_of is not null and status not in ('merged')`.execute(db);
  await sql`create index info_items_org on info_items (org_id, status)`.execute(db);
  await sql`create index info_items_public on info_items (category, published_on desc) where status = 'published' and taken_down_at is null`.execute(db);
  await sql`create index info_items_catalog on info_items (catalog_node_id) where status = 'published'`.execute(db);
  // The daily job's work: published notices whose period has run out and that are to be taken down.
  await sql`create index info_items_period_end on info_items (publicity_end) where status = 'published' and after_period = 'remove' and taken_down_at is null`.execute(db);
  await sql`create index info_items_search on info_items using gin (search_vector)`.execute(db);

  await sql`
    create table info_item_attachments (
      id bigint generated always as identity primary key,
      item_id bigint not null references info_items(id),
      file_name text not null,
      media_type text not null,
      size_bytes bigint not null,
      sha256 text not null,
      storage_key text not null,
      position integer not null default 0,
      text_content text not null default '',
      redacted_copy boolean not null default false,
      removed_at timestamptz,
      created_by bigint references staff(id),
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index info_item_attachments_item on info_item_attachments (item_id) where removed_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table info_item_attachments`.execute(db);
  await sql`drop table info_items`.execute(db);
}
