import { recordEvent } from '../../../platform/audit/audit.js';
import { RuleError } from '../../../platform/http/errors.js';
import { inTransaction } from '../../../platform/http/command.js';
import { carryOver, type CarrySummary } from './carry-over.js';
import { assertChildrenFit, loadDissolvable, loadSuccessor, markDissolved } from './dissolve.js';
import { requireSiteAdmin, type SiteAdminContext } from './organization-checks.js';

export interface Split {
  sourceId: number;
  /** The successors, in service (created beforehand); the first is the main one. */
  successorIds: number[];
  /** Catalog column → successor; a column not listed goes with its parent column, the top ones with the main successor. */
  columns: Map<number, number>;
  /** Staff member → the successors that take their roles (an empty list ends them); not listed: the main successor. */
  staff: Map<number, number[]>;
  effectiveOn: string;
}

/**
 * Splits an organ between successors after a restructuring: each catalog column, with the items
 * placed in it, goes to the successor the administrator chose; each person's roles too. Whatever
 * has no column (cases, Q&A, interpretations, sub-organizations) and the old portal's addresses go
 * to the main successor. The old organization is kept as a record marked 已撤并.
 */
export async function splitOrganization(ctx: SiteAdminContext, input: Split): Promise<{ carried: CarrySummary }> {
  requireSiteAdmin(ctx);
  const successorIds = [...new Set(input.successorIds)];
  if (successorIds.length < 2) throw new RuleError('拆分须有两个不同的承接机构', 'successorIds');
  const primary = successorIds[0]!;
  for (const to of [...input.columns.values(), ...[...input.staff.values()].flat()]) {
    if (!successorIds.includes(to)) throw new RuleError('只能分给所选的承接机构', 'successorIds');
  }
  return inTransaction(ctx, async (trx) => {
    const successors = [];
    for (const id of successorIds) successors.push(await loadSuccessor(trx, id, 'successorIds'));
    const org = await loadDissolvable(trx, input.sourceId, successorIds, 'successorIds');
    await assertChildrenFit(trx, org.id, successors[0]!.kind, 'successorIds');
    const nodes = await trx.selectFrom('catalog_nodes').select(['id', 'parent_id']).where('org_id', '=', org.id).execute();
    const parentOf = new Map(nodes.map((n) => [n.id, n.parent_id]));
    const nodeTarget = (id: number): number => {
      const chosen = input.columns.get(id);
      if (chosen !== undefined) return chosen;
      const parent = parentOf.get(id);
      return parent ? nodeTarget(parent) : primary;
    };
    const carried = await carryOver(trx, { from: org.id, primary, successors: successorIds, nodeTarget, staffTargets: (staffId) => input.staff.get(staffId) ?? [primary] });
    await markDissolved(trx, org.id, 'split', successorIds, primary, input.effectiveOn, ctx.clock.now());
    await recordEvent(trx, {
      actor: ctx.actor,
      action: 'organization.split',
      entityType: 'organization',
      entityId: org.id,
      orgId: primary,
      before: { id: org.id, name: org.name },
      after: {
        successors: successors.map((s) => ({ id: s.id, name: s.name })),
        columns: Object.fromEntries(nodes.map((n) => [n.id, nodeTarget(n.id)])),
        staff: Object.fromEntries(input.staff),
        effective_on: input.effectiveOn,
        carried,
      },
      at: ctx.clock.now(),
    });
    return { carried };
  });
}
