import type { Kysely } from 'kysely';
import type { Database, ItemStatus, WithdrawalKind } from '../../../db/schema.js';

export interface PublicListRow {
  id: number;
  title: string;
  list_type: string;
  org_name: string;
  org_slug: string;
  version_no: number;
  row_count: number;
  published_on: string | null;
}

/** Lists with a published current version, by type and organization. */
export async function listPublicLists(db: Kysely<Database>, p: { orgId?: number; type?: string }): Promise<PublicListRow[]> {
  let q = db
    .selectFrom('official_lists as l')
    .innerJoin('list_versions as v', (j) => j.onRef('v.id', '=', 'l.current_version_id').on('v.status', '=', 'published'))
    .innerJoin('organizations as o', 'o.id', 'l.org_id')
    .select(['l.id', 'l.title', 'l.list_type', 'o.name as org_name', 'o.slug as org_slug', 'v.version_no', 'v.row_count', 'v.published_on'])
    .orderBy('o.position')
    .orderBy('l.list_type')
    .orderBy('l.id');
  if (p.orgId !== undefined) q = q.where('l.org_id', '=', p.orgId);
  if (p.type) q = q.where('l.list_type', '=', p.type);
  return q.execute();
}

export interface PublicVersion {
  id: number;
  version_no: number;
  title: string;
  status: ItemStatus;
  row_count: number;
  published_on: string | null;
  change_note: string;
  withdrawal_kind: WithdrawalKind | null;
  withdrawal_reason: string | null;
}

export interface PublicList {
  id: number;
  title: string;
  list_type: string;
  org_name: string;
  org_slug: string;
  current: PublicVersion;
  /** Every version the public may read, newest first. */
  versions: PublicVersion[];
}

const VERSION_COLUMNS = ['id', 'version_no', 'title', 'status', 'row_count', 'published_on', 'change_note', 'withdrawal_kind', 'withdrawal_reason'] as const;

/** A list with a published current version, and its published versions; undefined otherwise. */
export async function getPublicList(db: Kysely<Database>, id: number): Promise<PublicList | undefined> {
  const l = await db
    .selectFrom('official_lists as l')
    .innerJoin('organizations as o', 'o.id', 'l.org_id')
    .select(['l.id', 'l.title', 'l.list_type', 'l.current_version_id', 'o.name as org_name', 'o.slug as org_slug'])
    .where('l.id', '=', id)
    .executeTakeFirst();
  if (!l || l.current_version_id === null) return undefined;
  const versions = await db.selectFrom('list_versions').select(VERSION_COLUMNS).where('list_id', '=', id).where('status', '=', 'published').orderBy('version_no', 'desc').execute();
  const current = versions.find((v) => v.id === l.current_version_id);
  if (!current) return undefined;
  return { id: l.id, title: l.title, list_type: l.list_type, org_name: l.org_name, org_slug: l.org_slug, current, versions };
}

/** A version by its number, if it was ever published (a withdrawn one is returned for its notice). */
export async function getPublishedVersion(db: Kysely<Database>, listId: number, versionNo: number): Promise<PublicVersion | undefined> {
  return db.selectFrom('list_versions').select(VERSION_COLUMNS).where('list_id', '=', listId).where('version_no', '=', versionNo).where('status', 'in', ['published', 'withdrawn']).executeTakeFirst();
}

/** Where the kind's address of a version leads: its list's page or its own, only when public. */
export async function findPublicVersionAddress(db: Kysely<Database>, versionId: number): Promise<{ list_id: number; version_no: number; current: boolean } | undefined> {
  const v = await db
    .selectFrom('list_versions as v')
    .innerJoin('official_lists as l', 'l.id', 'v.list_id')
    .select(['v.list_id', 'v.version_no', 'l.current_version_id'])
    .where('v.id', '=', versionId)
    .where('v.status', '=', 'published')
    .executeTakeFirst();
  return v ? { list_id: v.list_id, version_no: v.version_no, current: v.current_version_id === versionId } : undefined;
}
