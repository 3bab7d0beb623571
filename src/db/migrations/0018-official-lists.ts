import { sql, type Kysely } from 'kysely';

/**
 * Official lists (清单) as versioned tables (issue 13): a list belongs to an organization and has a
 * type (权责清单, 行政许可事项清单, 市场准入负面清单, 收费目录清单, 政务公开事项标准目录, 政务公开负面清单);
 * its content is a sequence of versions, each reviewed and published like any content kind (the
 * version is the kind, `list_version`, and carries the review columns); a published version becomes
 * the list's current one. Rows keep their cells as JSON keyed by the type's columns, and their
 * words for the list's search box.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table official_lists (
      id bigint generated always as identity primary key,
      org_id bigint not null references organizations(id),
      list_type text not null check (list_type in ('powers', 'licensing', 'market_access', 'fees', 'disclosure_catalog', 'disclosure_negative')),
      title text not null,
      catalog_node_id bigint references catalog_nodes(id),
      current_version_id bigint,
      created_by bigint references staff(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index official_lists_org on official_lists (org_id, list_type)`.execute(db);

  await sql`
    create table list_versions (
      id bigint generated always as identity primary key,
      list_id bigint not null references official_lists(id),
      org_id bigint not null references organizations(id),
      version_no integer not null check (version_no > 0),
      title text not null,
      row_count integer not null default 0,
      status text not null check (status in ('draft', 'submitted', 'in_review', 'approved', 'scheduled', 'published', 'withdrawn', 'merged')),
      published_on date,
      published_at timestamptz,
      created_by bigint references staff(id),
      updated_by bigint references staff(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      -- the review columns every publishable kind has (0002, 0008); a version is never an edition of another
      edition_of bigint,
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
      unique (list_id, version_no),
      check (edition_of is null)
    )`.execute(db);
  // One version of a list is open (drafted or in review) at a time.
  await sql`create unique index list_versions_open on list_versions (list_id) where status not in ('published', 'withdrawn', 'merged')`.execute(db);
  await sql`create index list_versions_org on list_versions (org_id, status)`.execute(db);
  await sql`alter table official_lists add constraint official_lists_current_version foreign key (current_version_id) references list_versions(id)`.execute(db);

  await sql`
    create table list_rows (
      id bigint generated always as identity primary key,
      version_id bigint not null references list_versions(id) on delete cascade,
      position integer not null,
      cells jsonb not null,
      search_text text not null
    )`.execute(db);
  await sql`create index list_rows_version on list_rows (version_id, position)`.execute(db);

  // Content kinds are the registry's (platform/content/registry.ts), not a list fixed in the
  // schema: the review ledger, the subscriptions' fan-out and the inbox take any registered kind.
  for (const table of ['review_actions', 'subscription_fanouts', 'inbox_items']) {
    await sql`alter table ${sql.table(table)} drop constraint if exists ${sql.id(`${table}_item_type_check`)}`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table official_lists drop constraint official_lists_current_version`.execute(db);
  await sql`drop table list_rows`.execute(db);
  await sql`drop table list_versions`.execute(db);
  await sql`drop table official_lists`.execute(db);
}
