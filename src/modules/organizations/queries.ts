import type { Kysely } from 'kysely';
import type { Database, Organization } from '../../db/schema.js';

export async function listOrganizations(db: Kysely<Database>): Promise<Organization[]> {
  return db.selectFrom('organizations').selectAll().orderBy('position').orderBy('id').execute();
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
  documentCount: number;
  children: CatalogNode[];
}

/** An organization's catalog as a tree, with how many published documents each node holds. */
export async function getCatalogTree(db: Kysely<Database>, orgId: number): Promise<CatalogNode[]> {
  const rows = await db
    .selectFrom('catalog_nodes as c')
    .leftJoin('documents as d', (j) => j.onRef('d.catalog_node_id', '=', 'c.id').on('d.status', '=', 'published'))
    .select(({ fn }) => ['c.id', 'c.parent_id', 'c.name', 'c.slug', 'c.description', 'c.position', fn.count<number>('d.id').as('n')])
    .where('c.org_id', '=', orgId)
    .groupBy(['c.id', 'c.parent_id', 'c.name', 'c.slug', 'c.description', 'c.position'])
    .orderBy('c.position')
    .orderBy('c.id')
    .execute();
  const byId = new Map<number, CatalogNode>();
  for (const r of rows) {
    byId.set(r.id, { id: r.id, parentId: r.parent_id, name: r.name, slug: r.slug, description: r.description, position: r.position, documentCount: Number(r.n), children: [] });
  }
  const roots: CatalogNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

export function flattenTree(nodes: CatalogNode[], depth = 0): { node: CatalogNode; depth: number }[] {
  return nodes.flatMap((n) => [{ node: n, depth }, ...flattenTree(n.children, depth + 1)]);
}

/** The node and every node below it, for listing a catalog branch. */
export function subtreeIds(node: CatalogNode): number[] {
  return [node.id, ...node.children.flatMap(subtreeIds)];
}
