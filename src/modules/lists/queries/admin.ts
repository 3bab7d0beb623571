import type { Kysely } from 'kysely';
import { inScope } from '../../../platform/content/paging.js';
import type { Database, ItemStatus } from '../../../db/schema.js';

export interface AdminListRow {
  id: number;
  title: string;
  list_type: string;
  org: string;
  current_no: number | null;
  open_id: number | null;
  open_no: number | null;
  open_status: ItemStatus | null;
  updated_at: Date;
}

/** The lists of the actor's organizations, with their current version and the open one. */
export async function listAdminLists(db: Kysely<Database>, p: { orgIds: number[]; type: string | null; q: string; page: number; pageSize: number }): Promise<{ total: number; rows: AdminListRow[] }> {
  if (p.orgIds.length === 0) return { total: 0, rows: [] };
  let base = db.selectFrom('official_lists as l').where('l.org_id', 'in', p.orgIds);
  if (p.type) base = base.where('l.list_type', '=', p.type);
  if (p.q) base = base.where('l.title', 'ilike', `%${p.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    base
      .innerJoin('organizations as o', 'o.id', 'l.org_id')
      .leftJoin('list_versions as c', 'c.id', 'l.current_version_id')
      .leftJoin('list_versions as d', (j) => j.onRef('d.list_id', '=', 'l.id').on('d.status', 'not in', ['published', 'withdrawn', 'merged']))
      .select(['l.id', 'l.title', 'l.list_type', 'o.name as org', 'c.version_no as current_no', 'd.id as open_id', 'd.version_no as open_no', 'd.status as open_status', 'l.updated_at'])
      .orderBy('l.updated_at', 'desc')
      .orderBy('l.id', 'desc')
      .limit(p.pageSize)
      .offset((p.page - 1) * p.pageSize)
      .execute(),
  ]);
  return { total: Number(count.n), rows: rows as AdminListRow[] };
}

export interface AdminVersion {
  id: number;
  version_no: number;
  title: string;
  status: ItemStatus;
  row_count: number;
  change_note: string;
  published_on: string | null;
  updated_at: Date;
  withdrawal_reason: string | null;
}

export interface AdminList {
  id: number;
  org_id: number;
  org_name: string;
  title: string;
  list_type: string;
  catalog_node_id: number | null;
  current_version_id: number | null;
  versions: AdminVersion[];
}

/** A list the actor may see (its organization in `scope`), with every version; undefined otherwise. */
export async function getListForAdmin(db: Kysely<Database>, id: number, scope: number[]): Promise<AdminList | undefined> {
  const l = await db
    .selectFrom('official_lists as l')
    .innerJoin('organizations as o', 'o.id', 'l.org_id')
    .select(['l.id', 'l.org_id', 'o.name as org_name', 'l.title', 'l.list_type', 'l.catalog_node_id', 'l.current_version_id'])
    .where('l.id', '=', id)
    .where(inScope('l.org_id', scope))
    .executeTakeFirst();
  if (!l) return undefined;
  const versions = await db
    .selectFrom('list_versions')
    .select(['id', 'version_no', 'title', 'status', 'row_count', 'change_note', 'published_on', 'updated_at', 'withdrawal_reason'])
    .where('list_id', '=', id)
    .orderBy('version_no', 'desc')
    .execute();
  return { ...l, versions };
}

/** A version the actor may see, with its list; undefined otherwise. */
export async function getVersionForAdmin(db: Kysely<Database>, versionId: number, scope: number[]): Promise<{ list: AdminList; version: AdminVersion } | undefined> {
  const v = await db.selectFrom('list_versions').select('list_id').where('id', '=', versionId).executeTakeFirst();
  if (!v) return undefined;
  const list = await getListForAdmin(db, v.list_id, scope);
  const version = list?.versions.find((x) => x.id === versionId);
  return list && version ? { list, version } : undefined;
}

export async function listOrganizationsByIds(db: Kysely<Database>, ids: number[]): Promise<{ id: number; name: string }[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', ids).where('successor_id', 'is', null).orderBy('position').execute();
}

/** The catalog columns of some organizations, for the list's placement: “name › name”, in tree order. */
export async function catalogChoices(db: Kysely<Database>, orgIds: number[]): Promise<{ id: number; org_id: number; label: string }[]> {
  if (orgIds.length === 0) return [];
  const rows = await db.selectFrom('catalog_nodes').select(['id', 'org_id', 'parent_id', 'name', 'position']).where('org_id', 'in', orgIds).orderBy('position').orderBy('id').execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const label = (r: (typeof rows)[number]): string => (r.parent_id !== null && byId.has(r.parent_id) ? `${label(byId.get(r.parent_id)!)} › ${r.name}` : r.name);
  return rows.map((r) => ({ id: r.id, org_id: r.org_id, label: label(r) })).sort((a, b) => a.org_id - b.org_id || a.label.localeCompare(b.label, 'zh'));
}
