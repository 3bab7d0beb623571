import { recordEvent } from '../../../platform/audit/audit.js';
import { NotFoundError, RuleError } from '../../../platform/http/errors.js';
import { inTransaction } from '../../../platform/http/command.js';
import { wouldCycle } from '../domain/tree-rules.js';
import { ancestorIds, loadParent, requireSiteAdmin, type SiteAdminContext } from './organization-checks.js';

/**
 * Moves an organization (with everything below it) under another parent: a department placed
 * under a different government after a restructuring, a township under another county. The tree
 * stays a tree: no organization goes under itself or one of its own descendants.
 */
export async function moveOrganization(ctx: SiteAdminContext, orgId: number, newParentId: number): Promise<void> {
  requireSiteAdmin(ctx);
  await inTransaction(ctx, async (trx) => {
    const org = await trx.selectFrom('organizations').select(['id', 'name', 'kind', 'parent_id', 'successor_id']).where('id', '=', orgId).forUpdate().executeTakeFirst();
    if (!org) throw new NotFoundError('机构不存在');
    if (org.successor_id !== null) throw new RuleError('该机构已撤并，不能调整隶属关系');
    if (org.parent_id === null) throw new RuleError('站群的顶级机构不能移动', 'parentId');
    if (wouldCycle(orgId, newParentId, await ancestorIds(trx, newParentId))) throw new RuleError(`不能把“${org.name}”移到它自己或它的下级机构之下`, 'parentId');
    const parent = await loadParent(trx, newParentId, org.kind);
    if (newParentId === org.parent_id) return;
    await trx.updateTable('organizations').set({ parent_id: newParentId, updated_at: ctx.clock.now() }).where('id', '=', orgId).execute();
    await recordEvent(trx, { actor: ctx.actor, action: 'organization.move', entityType: 'organization', entityId: orgId, orgId, before: { parent_id: org.parent_id }, after: { parent_id: newParentId, parent_name: parent.name }, at: ctx.clock.now() });
  });
}
