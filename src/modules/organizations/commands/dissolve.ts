import type { Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { NotFoundError, RuleError } from '../../../platform/http/errors.js';
import { ancestorIds } from './organization-checks.js';

type Trx = Transaction<Database>;

/** An organization about to be merged or split: in service, not the top, not above its successors. */
export async function loadDissolvable(trx: Trx, orgId: number, successorIds: number[], field: string) {
  const org = await trx.selectFrom('organizations').select(['id', 'name', 'kind', 'parent_id', 'successor_id']).where('id', '=', orgId).forUpdate().executeTakeFirst();
  if (!org) throw new NotFoundError('机构不存在');
  if (org.successor_id !== null) throw new RuleError(`“${org.name}”已撤并`, field);
  if (org.parent_id === null) throw new RuleError('站群的顶级机构不能撤并或拆分', field);
  for (const s of successorIds) {
    if (s === orgId) throw new RuleError(`“${org.name}”不能承接它自己`, field);
    if ((await ancestorIds(trx, s)).includes(orgId)) throw new RuleError(`承接机构不能是“${org.name}”的下级机构，请先把它移到别处`, field);
  }
  return org;
}

/** A successor in service. */
export async function loadSuccessor(trx: Trx, orgId: number, field: string) {
  const org = await trx.selectFrom('organizations').select(['id', 'name', 'kind', 'successor_id']).where('id', '=', orgId).forUpdate().executeTakeFirst();
  if (!org || org.successor_id !== null) throw new RuleError('承接机构不存在或已撤并', field);
  return org;
}

/** Villages below stay under a township: a successor that is none cannot take them. */
export async function assertChildrenFit(trx: Trx, fromId: number, primaryKind: string, field: string) {
  const village = await trx.selectFrom('organizations').select('name').where('parent_id', '=', fromId).where('kind', '=', 'village').where('successor_id', 'is', null).executeTakeFirst();
  if (village && primaryKind !== 'township') throw new RuleError(`下设村（社区）“${village.name}”，承接机构须为乡镇（街道）`, field);
}

/** Marks the old organization 已撤并: kept as the record, its addresses leading to the main successor. */
export async function markDissolved(trx: Trx, fromId: number, change: 'merge' | 'split', successors: number[], primary: number, effectiveOn: string, now: Date) {
  await trx.updateTable('organizations').set({ successor_id: primary, dissolved_on: effectiveOn, updated_at: now }).where('id', '=', fromId).execute();
  for (const s of successors) {
    await trx.insertInto('organization_successions').values({ predecessor_id: fromId, successor_id: s, change, effective_on: effectiveOn, created_at: now }).execute();
  }
  // Earlier predecessors now lead straight to the new organization.
  await trx.updateTable('organizations').set({ successor_id: primary }).where('successor_id', '=', fromId).execute();
}
