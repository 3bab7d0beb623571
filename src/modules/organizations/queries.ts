import { countCatalogItems } from '../../platform/content/listing.js';
import { sql, type Kysely } from 'kysely';
import type { CatalogRole, Database, Organization } from '../../db/schema.js';

/**
 * The organizations in service, in the site's order: what the public lists and what new content
 * may be filed under. An organization merged or split away (已撤并) is kept as a record, listed
 * only when asked for. `inScope`: only these (the organizations an actor's scope reaches).
 */
export async function listOrganizations(db: Kysely<Database>, opts: { withDissolved?: boolean; inScope?: readonly number[] } = {}): Promise<Organization[]> {
  if (opts.inScope && opts.inScope.length === 0) return [];
  return db
    .selectFrom('organizations')
    .selectAll()
    .$call((q) => (opts.withDissolved ? q : q.where('successor_id', 'is', null)))
    .$call((q) => (opts.inScope ? q.where('id', 'in', [...opts.inScope]) : q))
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export async function findOrganizationBySlug(db: Kysely<Database>, slug: string): Promise<Organization | undefined> {
  return db.selectFrom('organizations').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function findOrganization(db: Kysely<Database>, id: number): Promise<Organization | undefined> {
  return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findCatalogNode(db: Kysely<Database>, id: number) {
  return db.selectFrom('catalog_nodes').select(['id', 'org_id']).where('id', '=', id).executeTakeFirst();
}

export interface CatalogNode {
  id: number;
  parentId: number | null;
  name: string;
  slug: string;
  description: string;
  position: number;
  /** Which standard column this is (the guide, the request links, 政策解读…), null for the rest. */
  role: CatalogRole | null;
  /** Public items placed in this column itself: published documents, and in 政策解读 the organization's published interpretations. */
  documentCount: number;
  /** Public items in this column and every column below it. */
  total: number;
  children: CatalogNode[];
}

/**
 * An organization's catalog as a tree in the template's order, with how many public items (of every
 * content kind filed in the catalog) each node holds.
 */
export async function getCatalogTree(db: Kysely<Database>, orgId: number): Promise<CatalogNode[]> {
  return (await getCatalogForest(db, [orgId])).get(orgId) ?? [];
}

/** The catalogs of several organizations at once (the back office's list of empty columns). */
export async function getCatalogForest(db: Kysely<Database>, orgIds: number[]): Promise<Map<number, CatalogNode[]>> {
  if (orgIds.length === 0) return new Map();
  const [rows, counts] = await Promise.all([
    db
      .selectFrom('catalog_nodes as c')
      .select(['c.id', 'c.org_id', 'c.parent_id', 'c.name', 'c.slug', 'c.description', 'c.position', 'c.role'])
      .where('c.org_id', 'in', orgIds)
      .orderBy('c.position')
      .orderBy('c.id')
      .execute(),
    countCatalogItems(db, orgIds),
  ]);
  const byId = new Map<number, CatalogNode & { orgId: number }>();
  for (const r of rows) {
    const count = counts.get(r.id) ?? 0;
    byId.set(r.id, { id: r.id, orgId: r.org_id, parentId: r.parent_id, name: r.name, slug: r.slug, description: r.description, position: r.position, role: r.role, documentCount: count, total: 0, children: [] });
  }
  const forest = new Map<number, CatalogNode[]>(orgIds.map((id) => [id, []]));
  for (const node of byId.values()) {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    (parent ? parent.children : forest.get(node.orgId)!).push(node);
  }
  const sum = (n: CatalogNode): number => (n.total = n.documentCount + n.children.reduce((s, c) => s + sum(c), 0));
  for (const roots of forest.values()) roots.forEach(sum);
  return forest;
}

/** Standard columns with content of their own beyond the catalog: the guide page, the request forms. */
const SELF_FILLED: readonly (CatalogRole | null)[] = ['guide', 'requests'];
/** The five entries users expect on every organ's platform, shown even before anything is filed. */
const STANDARD: readonly (CatalogRole | null)[] = ['guide', 'rules', 'proactive', 'reports', 'requests'];

/**
 * The columns the public sees: an empty column is never shown, since it is a failure in the
 * national website checks (domain.md §7.2); only the five standard entries always are.
 */
export function visibleColumns(nodes: CatalogNode[]): CatalogNode[] {
  return nodes.filter((n) => n.total > 0 || STANDARD.includes(n.role)).map((n) => ({ ...n, children: visibleColumns(n.children) }));
}

/** Columns with nothing public in them, for the back office to fill or remove (with their path of names). */
export function emptyColumns(nodes: CatalogNode[], path: string[] = []): { node: CatalogNode; path: string[] }[] {
  return nodes.flatMap((n) => [
    ...(n.total === 0 && !SELF_FILLED.includes(n.role) ? [{ node: n, path }] : []),
    ...emptyColumns(n.children, [...path, n.name]),
  ]);
}

/** Flat catalog rows (one organization's) in the tree's order, with their depth: for selects. */
export function inTreeOrder<T extends { id: number; parent_id: number | null; position: number }>(rows: T[]): (T & { depth: number })[] {
  const sorted = [...rows].sort((a, b) => a.position - b.position || a.id - b.id);
  const below = (parent: number | null, depth: number): (T & { depth: number })[] =>
    sorted.filter((r) => r.parent_id === parent).flatMap((r) => [{ ...r, depth }, ...below(r.id, depth + 1)]);
  return below(null, 0);
}

export function flattenTree(nodes: CatalogNode[], depth = 0): { node: CatalogNode; depth: number }[] {
  return nodes.flatMap((n) => [{ node: n, depth }, ...flattenTree(n.children, depth + 1)]);
}

/** The node and every node below it, for listing a catalog branch. */
export function subtreeIds(node: CatalogNode): number[] {
  return [node.id, ...node.children.flatMap(subtreeIds)];
}

/**
 * The site group's top organization (its people's government, else the first top-level one): the
 * holder of what belongs to the site as a whole, such as the reference library (法律法规 / 上级文件),
 * which it keeps for readers without publishing it as its own.
 */
export async function findSiteOrganization(db: Kysely<Database>): Promise<{ id: number; name: string } | undefined> {
  return db
    .selectFrom('organizations')
    .select(['id', 'name'])
    .where('parent_id', 'is', null)
    .orderBy(sql`kind = 'government'`, 'desc')
    .orderBy('position')
    .orderBy('id')
    .executeTakeFirst();
}
