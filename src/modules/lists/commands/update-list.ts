import { recordEvent } from '../../../platform/audit/audit.js';
import type { Actor } from '../../../platform/auth/sessions.js';
import { hasRole } from '../../../platform/auth/scope.js';
import { EDITOR_ROLES } from '../../../platform/content/lifecycle.js';
import { inTransaction, type CommandContext } from '../../../platform/http/command.js';
import { ForbiddenError, NotFoundError } from '../../../platform/http/errors.js';
import { checkCatalogNode } from './create-list.js';

/** Files a list in a catalog column of its organization (or takes it out): where the portal lists it. */
export async function placeList(ctx: CommandContext, a: { actor: Actor; listId: number; catalogNodeId: number | null }): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const list = await trx.selectFrom('official_lists').select(['id', 'org_id', 'catalog_node_id']).where('id', '=', a.listId).forUpdate().executeTakeFirst();
    if (!list || !a.actor.roles.some((r) => r.orgId === list.org_id)) throw new NotFoundError('清单不存在，或您无权查看。');
    if (!hasRole(a.actor, list.org_id, EDITOR_ROLES)) throw new ForbiddenError('您没有修改该清单的权限。');
    await checkCatalogNode(trx, list.org_id, a.catalogNodeId);
    const now = ctx.clock.now();
    await trx.updateTable('official_lists').set({ catalog_node_id: a.catalogNodeId, updated_at: now }).where('id', '=', list.id).execute();
    await recordEvent(trx, { actor: ctx.actor, action: 'list.update', entityType: 'official_list', entityId: list.id, orgId: list.org_id, before: { catalog_node_id: list.catalog_node_id }, after: { catalog_node_id: a.catalogNodeId }, at: now });
  });
}
