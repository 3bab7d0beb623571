import { recordEvent } from '../../../platform/audit/audit.js';
import type { Actor } from '../../../platform/auth/sessions.js';
import { hasRole } from '../../../platform/auth/scope.js';
import { EDITOR_ROLES } from '../../../platform/content/lifecycle.js';
import { inTransaction, type CommandContext } from '../../../platform/http/command.js';
import { ForbiddenError, RuleError } from '../../../platform/http/errors.js';
import type { Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { LIST_TYPES, type ListTypeKey } from '../domain/list-types.js';
import { newDraftColumns } from '../../editions/public.js';

export interface ListInput {
  orgId: number;
  listType: ListTypeKey;
  title: string;
  catalogNodeId: number | null;
}

/** A catalog column of the list's own organization, or a refusal naming the field. */
export async function checkCatalogNode(trx: Transaction<Database>, orgId: number, nodeId: number | null): Promise<void> {
  if (nodeId === null) return;
  const node = await trx.selectFrom('catalog_nodes').select('org_id').where('id', '=', nodeId).executeTakeFirst();
  if (!node || node.org_id !== orgId) throw new RuleError('所选栏目不属于本机构的公开目录', 'catalogNodeId');
}

/** Creates a list and its first version, an empty draft to fill in (rows edited or imported). */
export async function createList(ctx: CommandContext, a: { actor: Actor; input: ListInput }): Promise<{ listId: number; versionId: number }> {
  const { actor, input } = a;
  if (!hasRole(actor, input.orgId, EDITOR_ROLES)) throw new ForbiddenError('您没有在该机构编制清单的权限。');
  return inTransaction(ctx, async (trx) => {
    await checkCatalogNode(trx, input.orgId, input.catalogNodeId);
    const now = ctx.clock.now();
    const list = await trx
      .insertInto('official_lists')
      .values({ org_id: input.orgId, list_type: input.listType, title: input.title, catalog_node_id: input.catalogNodeId, created_by: actor.id, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const version = await trx
      .insertInto('list_versions')
      .values({ ...newDraftColumns({ orgId: input.orgId, editionOf: null, createdBy: actor.id, now }), list_id: list.id, version_no: 1, title: input.title, updated_by: actor.id, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordEvent(trx, { actor: ctx.actor, action: 'list.create', entityType: 'official_list', entityId: list.id, orgId: input.orgId, after: { type: LIST_TYPES[input.listType].label, title: input.title, catalog_node_id: input.catalogNodeId, version_id: version.id }, at: now });
    return { listId: list.id, versionId: version.id };
  });
}
