import { recordEvent } from '../../../platform/audit/audit.js';
import { RuleError } from '../../../platform/http/errors.js';
import { inTransaction } from '../../../platform/http/command.js';
import { carryOver, type CarrySummary } from './carry-over.js';
import { insertCheckedOrganization, type NewOrganization } from './create-organization.js';
import { assertChildrenFit, loadDissolvable, loadSuccessor, markDissolved } from './dissolve.js';
import { requireSiteAdmin, type SiteAdminContext } from './organization-checks.js';

export interface Merge {
  /** The organs merged away (撤并). */
  sourceIds: number[];
  /** The successor: an organization in service, or one created by the merge. */
  successor: { id: number } | { create: NewOrganization };
  /** The day the restructuring took effect (YYYY-MM-DD). */
  effectiveOn: string;
}

/**
 * Merges organs into a successor after a restructuring (机构改革): their catalogs, items, cases,
 * staff roles and sub-organizations go to the successor in one transaction; each is kept as a
 * record marked 已撤并 whose portal addresses answer 301 to the successor's. Items keep their 索引号
 * and their public addresses; history (versions, the audit trail) is read under the successor.
 */
export async function mergeOrganizations(ctx: SiteAdminContext, input: Merge): Promise<{ successorId: number; carried: Record<number, CarrySummary> }> {
  requireSiteAdmin(ctx);
  const sources = [...new Set(input.sourceIds)];
  if (sources.length === 0) throw new RuleError('请选择要撤并的机构', 'sourceIds');
  return inTransaction(ctx, async (trx) => {
    const successorId = 'id' in input.successor ? input.successor.id : await insertCheckedOrganization(trx, input.successor.create);
    const successor = await loadSuccessor(trx, successorId, 'successorId');
    const carried: Record<number, CarrySummary> = {};
    const names: string[] = [];
    for (const id of sources) {
      const org = await loadDissolvable(trx, id, [successorId], 'sourceIds');
      await assertChildrenFit(trx, id, successor.kind, 'successorId');
      names.push(org.name);
      carried[id] = await carryOver(trx, { from: id, primary: successorId, successors: [successorId], nodeTarget: () => successorId, staffTargets: () => [successorId] });
      await markDissolved(trx, id, 'merge', [successorId], successorId, input.effectiveOn, ctx.clock.now());
    }
    await recordEvent(trx, {
      actor: ctx.actor,
      action: 'organization.merge',
      entityType: 'organization',
      entityId: successorId,
      orgId: successorId,
      before: { organizations: sources.map((id, i) => ({ id, name: names[i] })) },
      after: { successor: { id: successorId, name: successor.name, created: !('id' in input.successor) }, effective_on: input.effectiveOn, carried },
      at: ctx.clock.now(),
    });
    return { successorId, carried };
  });
}
