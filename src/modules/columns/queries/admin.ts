import { sql, type Kysely } from 'kysely';
import type { Database, ItemType } from '../../../db/schema.js';
import type { PlacementStatus } from '../../../db/schema-columns.js';
import { contentKind, contentKinds, isContentType, itemTitles, titleSql } from '../../../platform/content/registry.js';
import { STATUS_LABELS } from '../../../platform/content/lifecycle.js';

export interface AdminColumnRow {
  id: number;
  org_id: number | null;
  org_name: string | null;
  parent_id: number | null;
  depth: number;
  name: string;
  slug: string;
  visible: boolean;
  open_for_submissions: boolean;
  kinds: string[];
  accepted: number;
  pending: number;
}

/**
 * The columns a person sees in the back office: those of the organizations they work in, the site
 * group's, and other organizations' columns open for submissions (where they may 报送). A closed or
 * hidden column of another organization is not shown.
 */
export async function listAdminColumns(db: Kysely<Database>, orgIds: number[]): Promise<AdminColumnRow[]> {
  const rows = await db
    .selectFrom('special_columns as c')
    .leftJoin('organizations as o', 'o.id', 'c.org_id')
    .select(['c.id', 'c.org_id', 'o.name as org_name', 'c.parent_id', 'c.depth', 'c.name', 'c.slug', 'c.visible', 'c.open_for_submissions', 'c.kinds', 'c.position'])
    .select((eb) => [
      eb.selectFrom('column_placements as p').select(({ fn }) => fn.countAll<number>().as('n')).whereRef('p.column_id', '=', 'c.id').where('p.status', '=', 'accepted').as('accepted'),
      eb.selectFrom('column_placements as p').select(({ fn }) => fn.countAll<number>().as('n')).whereRef('p.column_id', '=', 'c.id').where('p.status', '=', 'pending').as('pending'),
    ])
    .where((eb) => eb.or([eb('c.org_id', 'is', null), ...(orgIds.length ? [eb('c.org_id', 'in', orgIds)] : []), eb.and([eb('c.open_for_submissions', '=', true), eb('c.visible', '=', true)])]))
    .orderBy('c.depth')
    .orderBy('c.position')
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({ ...r, accepted: Number(r.accepted ?? 0), pending: Number(r.pending ?? 0) }));
}

/** Rows in tree order (each parent followed by its children), for lists and the parent choice. */
export function inTreeOrder<T extends { id: number; parent_id: number | null }>(rows: T[]): T[] {
  const out: T[] = [];
  const walk = (parent: number | null) => {
    for (const r of rows.filter((x) => x.parent_id === parent)) {
      out.push(r);
      walk(r.id);
    }
  };
  walk(null);
  // Children whose parent the person does not see come last, under no one.
  for (const r of rows) if (!out.includes(r)) out.push(r);
  return out;
}

export async function getColumn(db: Kysely<Database>, id: number) {
  return db
    .selectFrom('special_columns as c')
    .leftJoin('organizations as o', 'o.id', 'c.org_id')
    .selectAll('c')
    .select('o.name as org_name')
    .where('c.id', '=', id)
    .executeTakeFirst();
}
export type AdminColumn = NonNullable<Awaited<ReturnType<typeof getColumn>>>;

export async function childColumns(db: Kysely<Database>, parentId: number) {
  return db.selectFrom('special_columns').select(['id', 'name', 'slug', 'visible', 'depth']).where('parent_id', '=', parentId).orderBy('position').orderBy('id').execute();
}

export async function columnPath(db: Kysely<Database>, id: number): Promise<{ id: number; name: string }[]> {
  const out: { id: number; name: string }[] = [];
  let next: number | null = id;
  while (next !== null && out.length < 5) {
    const c: { id: number; name: string; parent_id: number | null } | undefined = await db.selectFrom('special_columns').select(['id', 'name', 'parent_id']).where('id', '=', next).executeTakeFirst();
    if (!c) break;
    out.unshift({ id: c.id, name: c.name });
    next = c.parent_id;
  }
  return out;
}

export interface PlacementRow {
  id: number;
  column_id: number;
  column_name: string;
  item_type: ItemType;
  item_id: number;
  title: string;
  kind_label: string;
  item_status: string;
  org_name: string;
  status: PlacementStatus;
  reason: string;
  submitted_by_name: string | null;
  decided_by_name: string | null;
  created_at: Date;
  decided_at: Date | null;
}

/** Placements with the item's title, kind and state; filtered by column, by submitting organizations, by status. */
export async function listPlacements(db: Kysely<Database>, p: { columnId?: number; ownerOrgIds?: number[]; includeSiteColumns?: boolean; fromOrgIds?: number[]; status?: PlacementStatus; submissionsOnly?: boolean; limit?: number }): Promise<PlacementRow[]> {
  if (contentKinds().length === 0) return [];
  const where = [sql<boolean>`true`];
  if (p.columnId !== undefined) where.push(sql<boolean>`p.column_id = ${p.columnId}`);
  if (p.fromOrgIds) where.push(p.fromOrgIds.length ? sql<boolean>`p.org_id in (${sql.join(p.fromOrgIds)})` : sql<boolean>`false`);
  if (p.ownerOrgIds) {
    const owners = [p.ownerOrgIds.length ? sql<boolean>`c.org_id in (${sql.join(p.ownerOrgIds)})` : sql<boolean>`false`];
    if (p.includeSiteColumns) owners.push(sql<boolean>`c.org_id is null`);
    where.push(sql<boolean>`(${sql.join(owners, sql` or `)})`);
  }
  if (p.status) where.push(sql<boolean>`p.status = ${p.status}`);
  // 报送 only: items placed in another owner's column (a site-wide column's owner is the top organization).
  if (p.submissionsOnly) where.push(sql<boolean>`p.org_id <> coalesce(c.org_id, (select s.id from organizations s where s.parent_id is null order by s.kind = 'government' desc, s.position, s.id limit 1))`);
  const states = contentKinds().map((k) => sql`select x.status::text as status from ${sql.table(k.table)} x where p.item_type = ${k.type} and x.id = p.item_id`);
  const r = await sql<Omit<PlacementRow, 'kind_label' | 'item_status'> & { item_status: string | null }>`
    select p.id, p.column_id, c.name as column_name, p.item_type, p.item_id, coalesce(t.title, '（已删除）') as title, s.status as item_status,
      o.short_name as org_name, p.status, p.reason, sb.display_name as submitted_by_name, db_.display_name as decided_by_name, p.created_at, p.decided_at
    from column_placements p
    join special_columns c on c.id = p.column_id
    join organizations o on o.id = p.org_id
    left join staff sb on sb.id = p.submitted_by
    left join staff db_ on db_.id = p.decided_by
    left join lateral (${itemTitles('p')}) t on true
    left join lateral (${sql.join(states, sql` union all `)}) s on true
    where ${sql.join(where, sql` and `)}
    order by p.updated_at desc, p.id desc
    limit ${p.limit ?? 200}`.execute(db);
  return r.rows.map((x) => ({
    ...x,
    id: Number(x.id), column_id: Number(x.column_id), item_id: Number(x.item_id),
    kind_label: isContentType(x.item_type) ? contentKind(x.item_type).label : x.item_type,
    item_status: x.item_status ? (STATUS_LABELS as Record<string, string>)[x.item_status] ?? x.item_status : '—',
  }));
}

export async function getPlacement(db: Kysely<Database>, id: number) {
  return db.selectFrom('column_placements').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface PlaceableItem {
  type: ItemType;
  id: number;
  title: string;
  kind_label: string;
  status: string;
  org_name: string;
}

/**
 * Items the person may place in a column, found by words of the title: of the kinds the column
 * collects, of the organizations the person edits for, live rows (not an edition, not merged or
 * withdrawn). One query over the registry: no kind is named here.
 */
export async function searchPlaceableItems(db: Kysely<Database>, p: { kinds: string[]; orgIds: number[]; q: string; limit?: number }): Promise<PlaceableItem[]> {
  const kinds = contentKinds().filter((k) => p.kinds.includes(k.type));
  if (kinds.length === 0 || p.orgIds.length === 0) return [];
  const like = `%${p.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const parts = kinds.map(
    (k) => sql`select ${k.type}::text as type, x.id, left(${titleSql(k, 'x')}, 200) as title, x.status::text as status, o.short_name as org_name, x.updated_at
      from ${sql.table(k.table)} x join organizations o on o.id = x.org_id
      where x.org_id in (${sql.join(p.orgIds)}) and x.edition_of is null and x.status not in ('merged', 'withdrawn')
        and ${titleSql(k, 'x')} like ${like}`,
  );
  const r = await sql<{ type: string; id: number; title: string; status: string; org_name: string }>`
    select * from (${sql.join(parts, sql` union all `)}) u order by updated_at desc, id desc limit ${p.limit ?? 20}`.execute(db);
  return r.rows.map((x) => ({ type: x.type, id: Number(x.id), title: x.title, org_name: x.org_name, kind_label: contentKind(x.type).label, status: (STATUS_LABELS as Record<string, string>)[x.status] ?? x.status }));
}

/** The item behind a type and id, as placing needs it; undefined for an unknown kind or id. */
export async function findItem(db: Kysely<Database>, type: string, id: number): Promise<{ org_id: number; status: string; edition_of: number | null; title: string } | undefined> {
  if (!isContentType(type)) return undefined;
  const k = contentKind(type);
  const r = await sql<{ org_id: number; status: string; edition_of: number | null; title: string }>`
    select x.org_id, x.status, x.edition_of, left(${titleSql(k, 'x')}, 200) as title from ${sql.table(k.table)} x where x.id = ${id}`.execute(db);
  const row = r.rows[0];
  return row ? { ...row, org_id: Number(row.org_id), edition_of: row.edition_of === null ? null : Number(row.edition_of) } : undefined;
}

export async function listOrganizationsByIds(db: Kysely<Database>, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', ids).where('successor_id', 'is', null).orderBy('position').orderBy('id').execute();
}

/** The kinds a column may collect, as the registry has them. */
export function kindChoices(): { type: string; label: string }[] {
  return contentKinds().map((k) => ({ type: k.type, label: k.publicLabel }));
}
