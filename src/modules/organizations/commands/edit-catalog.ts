import { recordEvent } from '../../../platform/audit/audit.js';
import { ForbiddenError, NotFoundError, RuleError } from '../../../platform/http/errors.js';
import { inTransaction, type CommandContext } from '../../../platform/http/command.js';

type Ctx = CommandContext & { allowedOrgIds: number[] };

/** Adds a column (栏目) to an organization's catalog. */
export async function addCatalogNode(ctx: Ctx, orgId: number, input: { parentId: number | null; name: string; slug: string }): Promise<number> {
  if (!ctx.allowedOrgIds.includes(orgId)) throw new ForbiddenError();
  return inTransaction(ctx, async (trx) => {
    if (input.parentId) {
      const parent = await trx.selectFrom('catalog_nodes').select('org_id').where('id', '=', input.parentId).executeTakeFirst();
      if (!parent || parent.org_id !== orgId) throw new RuleError('上级栏目不存在', 'parentId');
    }
    const clash = await trx.selectFrom('catalog_nodes').select('id').where('org_id', '=', orgId).where('slug', '=', input.slug).executeTakeFirst();
    if (clash) throw new RuleError(`栏目路径“${input.slug}”已被使用，请换一个`, 'slug');
    const max = await trx.selectFrom('catalog_nodes').select(({ fn }) => fn.max('position').as('p')).where('org_id', '=', orgId).executeTakeFirst();
    const row = await trx
      .insertInto('catalog_nodes')
      .values({ org_id: orgId, parent_id: input.parentId, name: input.name, slug: input.slug, position: Number(max?.p ?? 0) + 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordEvent(trx, { actor: ctx.actor, action: 'catalog.create', entityType: 'catalog_node', entityId: row.id, orgId, after: input, at: ctx.clock.now() });
    return row.id;
  });
}

/** Renames or reorders a column. */
export async function updateCatalogNode(ctx: Ctx, nodeId: number, input: { name: string; position: number }): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const node = await trx.selectFrom('catalog_nodes').selectAll().where('id', '=', nodeId).forUpdate().executeTakeFirst();
    if (!node) throw new NotFoundError('栏目不存在');
    if (!ctx.allowedOrgIds.includes(node.org_id)) throw new ForbiddenError();
    await trx.updateTable('catalog_nodes').set({ name: input.name, position: input.position }).where('id', '=', nodeId).execute();
    await recordEvent(trx, { actor: ctx.actor, action: 'catalog.update', entityType: 'catalog_node', entityId: nodeId, orgId: node.org_id, before: { name: node.name, position: node.position }, after: input, at: ctx.clock.now() });
  });
}

/** Removes a column that holds nothing: no sub-columns and no documents. */
export async function deleteCatalogNode(ctx: Ctx, nodeId: number): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const node = await trx.selectFrom('catalog_nodes').selectAll().where('id', '=', nodeId).forUpdate().executeTakeFirst();
    if (!node) throw new NotFoundError('栏目不存在');
    if (!ctx.allowedOrgIds.includes(node.org_id)) throw new ForbiddenError();
    // The standard columns are what users look for on every organ's platform (reference/portal.md).
    if (node.role) throw new RuleError(`“${node.name}”是标准栏目，不能删除，可以改名`);
    const child = await trx.selectFrom('catalog_nodes').select('id').where('parent_id', '=', nodeId).executeTakeFirst();
    if (child) throw new RuleError(`栏目“${node.name}”下还有子栏目，请先删除子栏目`);
    const doc = await trx.selectFrom('documents').select('id').where('catalog_node_id', '=', nodeId).executeTakeFirst();
    if (doc) throw new RuleError(`栏目“${node.name}”下还有文件，请先把文件移到其他栏目`);
    await trx.deleteFrom('catalog_nodes').where('id', '=', nodeId).execute();
    await recordEvent(trx, { actor: ctx.actor, action: 'catalog.delete', entityType: 'catalog_node', entityId: nodeId, orgId: node.org_id, before: node, at: ctx.clock.now() });
  });
}
