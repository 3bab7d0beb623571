import { sql, type Kysely } from 'kysely';

/**
 * Organizations change after they are seeded (机构改革): a village or community level (村/社区)
 * under townships; an organ merged into or split between successors is kept as a record marked
 * 已撤并 with its successor and the day it was dissolved; every succession is listed (a split has
 * several successors); and a slug an organization gave up stays reserved, so its old portal
 * addresses keep leading to it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table organizations drop constraint organizations_kind_check`.execute(db);
  await sql`alter table organizations add constraint organizations_kind_check check (kind in ('government', 'department', 'county', 'township', 'office', 'village'))`.execute(db);
  await sql`alter table organizations add column successor_id bigint references organizations(id)`.execute(db);
  await sql`alter table organizations add column dissolved_on date`.execute(db);
  await sql`alter table organizations add constraint organizations_dissolution check ((successor_id is null) = (dissolved_on is null) and successor_id <> id)`.execute(db);
  await sql`create index organizations_successor on organizations (successor_id) where successor_id is not null`.execute(db);

  await sql`
    create table organization_former_slugs (
      slug text primary key check (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
      org_id bigint not null references organizations(id),
      retired_at timestamptz not null
    )`.execute(db);

  await sql`
    create table organization_successions (
      predecessor_id bigint not null references organizations(id),
      successor_id bigint not null references organizations(id),
      change text not null check (change in ('merge', 'split')),
      effective_on date not null,
      created_at timestamptz not null,
      primary key (predecessor_id, successor_id),
      check (predecessor_id <> successor_id)
    )`.execute(db);
  await sql`create index organization_successions_successor on organization_successions (successor_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table organization_successions`.execute(db);
  await sql`drop table organization_former_slugs`.execute(db);
  await sql`alter table organizations drop constraint organizations_dissolution`.execute(db);
  await sql`alter table organizations drop column dissolved_on`.execute(db);
  await sql`alter table organizations drop column successor_id`.execute(db);
  await sql`alter table organizations drop constraint organizations_kind_check`.execute(db);
  await sql`alter table organizations add constraint organizations_kind_check check (kind in ('government', 'department', 'county', 'township', 'office'))`.execute(db);
}
