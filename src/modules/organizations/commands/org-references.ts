import { contentKinds } from '../../../platform/content/registry.js';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';

/**
 * How each column that points at an organization is carried to a successor when the organization
 * is merged or split (机构改革). The columns are found in the database's own catalog at the time of
 * the change, so a table added later is carried too (its rows go to the main successor); the test
 * `organization-changes.test.ts` fails when a column is missing here, so that whoever adds one
 * decides how it is carried — a unique constraint over org_id needs more than an update.
 *
 * - kept: stays with the old organization, which is kept as the record (已撤并)
 * - catalog: the catalog tree is merged into the successor's (same role or slug: items join it)
 * - staff: each person's roles go where the administrator sends them (merge: the successor)
 * - counter: the 索引号 counters go to every successor, the higher serial winning, so no new
 *   index number repeats an old one (existing items keep theirs)
 * - subscription: to the main successor, without duplicating one the subscriber already has there
 * - children: organizations below go under the main successor
 * - moved: rows go to the successor; rows placed in a catalog column follow that column's new organization
 */
export type Carry = 'kept' | 'catalog' | 'staff' | 'counter' | 'subscription' | 'children' | 'moved';

const DECLARED: Record<string, Carry> = {
  // The audit chain is hash-linked and never rewritten: the successor reads it through the successions.
  'audit_events.org_id': 'kept',
  'organizations.parent_id': 'children',
  'organizations.successor_id': 'kept',
  'organization_former_slugs.org_id': 'kept',
  'organization_successions.predecessor_id': 'kept',
  'organization_successions.successor_id': 'kept',
  'catalog_nodes.org_id': 'catalog',
  'staff_roles.org_id': 'staff',
  'index_counters.org_id': 'counter',
  'subscriptions.org_id': 'subscription',
  // 清单 (migration 0018): a list follows its catalog column, else the main successor; its versions (a content kind) go to the main successor.
  'official_lists.org_id': 'moved',
  'referrals.org_id': 'moved',
  'requests.org_id': 'moved',
  'request_letters.org_id': 'moved',
  'review_actions.org_id': 'moved',
  // 专题/专栏 (migration 0019): an organization's columns and the items it placed or submitted go to its successor.
  'special_columns.org_id': 'moved',
  'column_placements.org_id': 'moved',
  // Tracked cases (migration 0021): a transfer and a rating are history — who sent it where, whose
  // answer was rated — and stay with the organization of the day, like the audit trail; so does
  // the place an asker chose.
  'case_transfers.from_org_id': 'kept',
  'case_transfers.to_org_id': 'kept',
  'case_ratings.org_id': 'kept',
  'referrals.place_org_id': 'kept',
};

/**
 * How each column that points at an organization is carried to a successor: those declared above,
 * and every content kind's items (from the registry), which move with their organization.
 */
export function organizationReferences(): Record<string, Carry> {
  const kinds = Object.fromEntries(contentKinds().map((k) => [`${k.table}.org_id`, 'moved' as const]));
  return { ...kinds, ...DECLARED };
}

export interface ColumnRef {
  table: string;
  column: string;
}

/** Every column named org_id in a table, and every column with a foreign key to organizations. */
export async function findOrganizationColumns(db: Kysely<Database> | Transaction<Database>): Promise<ColumnRef[]> {
  const r = await sql<ColumnRef>`
    select c.table_name as "table", c.column_name as "column"
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' and c.column_name = 'org_id'
    union
    select cl.relname, a.attname
    from pg_constraint k
    join pg_class cl on cl.oid = k.conrelid
    join pg_attribute a on a.attrelid = k.conrelid and a.attnum = any (k.conkey)
    where k.contype = 'f' and k.confrelid = 'organizations'::regclass
    order by 1, 2`.execute(db);
  return r.rows;
}

/** Every column with a foreign key to catalog_nodes, but the tree's own parent link. */
export async function findCatalogNodeColumns(db: Kysely<Database> | Transaction<Database>): Promise<ColumnRef[]> {
  const r = await sql<ColumnRef>`
    select cl.relname as "table", a.attname as "column"
    from pg_constraint k
    join pg_class cl on cl.oid = k.conrelid
    join pg_attribute a on a.attrelid = k.conrelid and a.attnum = any (k.conkey)
    where k.contype = 'f' and k.confrelid = 'catalog_nodes'::regclass and cl.relname <> 'catalog_nodes'
    order by 1, 2`.execute(db);
  return r.rows;
}

/** Tables with both an org_id and a column named edition_of (an edition stays with its live row). */
export async function findEditionTables(db: Kysely<Database> | Transaction<Database>): Promise<string[]> {
  const r = await sql<{ table: string }>`
    select e.table_name as "table" from information_schema.columns e
    join information_schema.columns o on o.table_schema = e.table_schema and o.table_name = e.table_name and o.column_name = 'org_id'
    join information_schema.tables t on t.table_schema = e.table_schema and t.table_name = e.table_name
    where e.table_schema = current_schema() and t.table_type = 'BASE TABLE' and e.column_name = 'edition_of'
    order by 1`.execute(db);
  return r.rows.map((x) => x.table);
}

export const carryOf = (ref: ColumnRef): Carry => organizationReferences()[`${ref.table}.${ref.column}`] ?? 'moved';
