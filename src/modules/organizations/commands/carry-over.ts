import { sql, type Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { contentKinds } from '../../../platform/content/registry.js';
import { inTreeOrder } from '../queries.js';
import { carryOf, findCatalogNodeColumns, findEditionTables, findOrganizationColumns } from './org-references.js';

type Trx = Transaction<Database>;

/** Where an organization's holdings go when it is merged (one successor) or split (several). */
export interface CarryPlan {
  from: number;
  /** Takes everything not assigned otherwise: cases, Q&A, interpretations, sub-organizations. */
  primary: number;
  /** Every successor, the main one included. */
  successors: number[];
  /** Which successor takes a catalog column, with the items placed in it. */
  nodeTarget: (nodeId: number) => number;
  /** Which successors a staff member's roles go to (none: the roles end). */
  staffTargets: (staffId: number) => number[];
}

export interface CarrySummary {
  /** Rows moved, per table.column. */
  moved: Record<string, number>;
  /** Columns that joined a successor's existing column, and columns added to a successor's catalog. */
  columnsJoined: number;
  columnsAdded: number;
}

/**
 * Carries everything that belongs to an organization to its successors, inside the caller's
 * transaction: the catalog tree (joined by role or slug), the items in each column, staff roles,
 * 索引号 counters, subscriptions, sub-organizations and every other row with its org_id.
 * Existing items keep their index numbers; the audit chain stays as written.
 */
export async function carryOver(trx: Trx, plan: CarryPlan): Promise<CarrySummary> {
  const summary: CarrySummary = { moved: {}, columnsJoined: 0, columnsAdded: 0 };
  const count = (key: string, n: bigint | number | undefined) => {
    if (Number(n ?? 0) > 0) summary.moved[key] = (summary.moved[key] ?? 0) + Number(n);
  };
  await carryCatalog(trx, plan, summary, count);
  await followColumns(trx, plan.from, count);
  for (const ref of await findOrganizationColumns(trx)) {
    const key = `${ref.table}.${ref.column}`;
    switch (carryOf(ref)) {
      case 'kept':
      case 'catalog':
        break;
      case 'staff':
        count(key, await carryStaff(trx, plan));
        break;
      case 'counter':
        count(key, await carryCounters(trx, plan));
        break;
      case 'subscription':
        count(key, await carrySubscriptions(trx, plan));
        break;
      case 'children': {
        const r = await trx.updateTable('organizations').set({ parent_id: plan.primary }).where('parent_id', '=', plan.from).where('id', '<>', plan.primary).executeTakeFirst();
        count(key, r.numUpdatedRows);
        break;
      }
      case 'moved': {
        const r = await sql`update ${sql.table(ref.table)} set ${sql.ref(ref.column)} = ${plan.primary} where ${sql.ref(ref.column)} = ${plan.from}`.execute(trx);
        count(key, r.numAffectedRows);
        break;
      }
    }
  }
  return summary;
}

/**
 * Places each column of the old catalog in its successor's tree: a column with the same standard
 * role, or else the same slug, takes the items; any other is added under its parent's place (the
 * parent is placed first, and added as an empty heading if its own items went elsewhere). Every
 * reference to an old column then points at its place, and the old tree is removed.
 */
async function carryCatalog(trx: Trx, plan: CarryPlan, summary: CarrySummary, count: (k: string, n: bigint | number | undefined) => void) {
  const nodes = inTreeOrder(await trx.selectFrom('catalog_nodes').selectAll().where('org_id', '=', plan.from).execute());
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const placed = new Map<string, number>();
  const place = async (node: (typeof nodes)[number], target: number, withItems: boolean): Promise<number> => {
    const key = `${node.id}:${target}`;
    const done = placed.get(key);
    if (done !== undefined) return done;
    const byRole = node.role ? await trx.selectFrom('catalog_nodes').select('id').where('org_id', '=', target).where('role', '=', node.role).executeTakeFirst() : undefined;
    const match = byRole ?? (await trx.selectFrom('catalog_nodes').select('id').where('org_id', '=', target).where('slug', '=', node.slug).executeTakeFirst());
    let id: number;
    if (match) {
      id = match.id;
      if (withItems) summary.columnsJoined++;
    } else {
      const parent = node.parent_id === null ? null : await place(byId.get(node.parent_id)!, target, false);
      const row = await trx
        .insertInto('catalog_nodes')
        .values({ org_id: target, parent_id: parent, name: node.name, slug: node.slug, description: node.description, position: node.position, role: node.role })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = row.id;
      summary.columnsAdded++;
    }
    placed.set(key, id);
    return id;
  };
  const refs = await findCatalogNodeColumns(trx);
  for (const node of nodes) {
    const to = await place(node, plan.nodeTarget(node.id), true);
    for (const ref of refs) {
      const r = await sql`update ${sql.table(ref.table)} set ${sql.ref(ref.column)} = ${to} where ${sql.ref(ref.column)} = ${node.id}`.execute(trx);
      count(`${ref.table}.${ref.column}`, r.numAffectedRows);
    }
  }
  // One statement: the tree's parent links are checked at its end.
  await trx.deleteFrom('catalog_nodes').where('org_id', '=', plan.from).execute();
}

/**
 * Rows placed in a catalog column go to the organization that took the column; editions go with
 * their live row; review records with their item. What is left goes to the main successor.
 */
async function followColumns(trx: Trx, from: number, count: (k: string, n: bigint | number | undefined) => void) {
  const refs = await findCatalogNodeColumns(trx);
  const orgTables = new Set((await findOrganizationColumns(trx)).filter((r) => r.column === 'org_id').map((r) => r.table));
  for (const ref of refs.filter((r) => orgTables.has(r.table))) {
    const r = await sql`
      update ${sql.table(ref.table)} x set org_id = c.org_id from catalog_nodes c
      where c.id = x.${sql.ref(ref.column)} and x.org_id = ${from} and c.org_id <> ${from}`.execute(trx);
    count(`${ref.table}.org_id`, r.numAffectedRows);
  }
  for (const table of await findEditionTables(trx)) {
    const r = await sql`
      update ${sql.table(table)} e set org_id = l.org_id from ${sql.table(table)} l
      where e.edition_of = l.id and e.org_id = ${from} and l.org_id <> ${from}`.execute(trx);
    count(`${table}.org_id`, r.numAffectedRows);
  }
  // Every content kind's review records (documents, interpretations, Q&A, items, list versions …).
  for (const { type, table } of contentKinds()) {
    const r = await sql`
      update review_actions r set org_id = i.org_id from ${sql.table(table)} i
      where r.item_type = ${type} and r.item_id = i.id and r.org_id = ${from} and i.org_id <> ${from}`.execute(trx);
    count('review_actions.org_id', r.numAffectedRows);
  }
}

async function carryStaff(trx: Trx, plan: CarryPlan): Promise<number> {
  const roles = await trx.selectFrom('staff_roles').select(['staff_id', 'role']).where('org_id', '=', plan.from).execute();
  for (const r of roles) {
    for (const to of plan.staffTargets(r.staff_id)) {
      await trx.insertInto('staff_roles').values({ staff_id: r.staff_id, org_id: to, role: r.role }).onConflict((oc) => oc.doNothing()).execute();
    }
  }
  await trx.deleteFrom('staff_roles').where('org_id', '=', plan.from).execute();
  return roles.length;
}

async function carryCounters(trx: Trx, plan: CarryPlan): Promise<number> {
  for (const to of plan.successors) {
    await sql`
      insert into index_counters (org_id, scope_key, last_serial)
      select ${to}, scope_key, last_serial from index_counters where org_id = ${plan.from}
      on conflict (org_id, scope_key) do update set last_serial = greatest(index_counters.last_serial, excluded.last_serial)`.execute(trx);
  }
  const r = await trx.deleteFrom('index_counters').where('org_id', '=', plan.from).executeTakeFirst();
  return Number(r.numDeletedRows);
}

async function carrySubscriptions(trx: Trx, plan: CarryPlan): Promise<number> {
  await sql`
    delete from subscriptions s where s.org_id = ${plan.from} and exists (
      select 1 from subscriptions t where t.org_id = ${plan.primary} and t.account_id = s.account_id and t.kind = s.kind
        and coalesce(t.topic_id, 0) = coalesce(s.topic_id, 0) and t.term = s.term)`.execute(trx);
  const r = await trx.updateTable('subscriptions').set({ org_id: plan.primary }).where('org_id', '=', plan.from).executeTakeFirst();
  return Number(r.numUpdatedRows);
}
