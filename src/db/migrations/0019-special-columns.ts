import { sql, type Kysely } from 'kysely';

/**
 * Topics and special columns (专题/专栏, issue 13): a tree up to three levels deep, owned by an
 * organization or (org_id null) by the whole site group, with a banner, an introduction and the
 * content kinds it collects; and the placement of items of any kind in columns. An item of the
 * column's own organization is placed at once (accepted); one of another organization is a
 * submission (报送, 003 三(一)) that the column's owner accepts or returns with a reason.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table special_columns (
      id bigint generated always as identity primary key,
      org_id bigint references organizations(id),
      parent_id bigint references special_columns(id),
      depth integer not null check (depth between 1 and 3),
      name text not null check (length(name) between 1 and 100),
      slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
      intro_html text not null default '',
      kinds text[] not null default '{}',
      open_for_submissions boolean not null default true,
      visible boolean not null default true,
      position integer not null default 0,
      banner_key text,
      banner_type text,
      created_by bigint references staff(id),
      updated_by bigint references staff(id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check ((parent_id is null) = (depth = 1)),
      check ((banner_key is null) = (banner_type is null))
    )`.execute(db);
  await sql`create index special_columns_parent on special_columns (parent_id, position)`.execute(db);
  await sql`create index special_columns_org on special_columns (org_id)`.execute(db);

  await sql`
    create table column_placements (
      id bigint generated always as identity primary key,
      column_id bigint not null references special_columns(id),
      item_type text not null,
      item_id bigint not null,
      org_id bigint not null references organizations(id),
      submitted_by bigint references staff(id),
      status text not null check (status in ('pending', 'accepted', 'returned')),
      reason text not null default '',
      decided_by bigint references staff(id),
      decided_at timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (column_id, item_type, item_id),
      check (status <> 'returned' or reason <> '')
    )`.execute(db);
  await sql`create index column_placements_column on column_placements (column_id, status)`.execute(db);
  await sql`create index column_placements_item on column_placements (item_type, item_id)`.execute(db);
  await sql`create index column_placements_org on column_placements (org_id, status)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table column_placements`.execute(db);
  await sql`drop table special_columns`.execute(db);
}
