import type { Actor } from '../../../platform/auth/sessions.js';
import { recordEvent } from '../../../platform/audit/audit.js';
import { contentKind } from '../../../platform/content/registry.js';
import { inTransaction, type CommandContext } from '../../../platform/http/command.js';
import { ForbiddenError, NotFoundError, RuleError } from '../../../platform/http/errors.js';
import { normalizeQuery } from '../domain/normalize.js';
import { itemFromInput } from '../domain/targets.js';
import { mayEditBestBets } from '../policy.js';
import { itemStates } from '../queries/items.js';
import { MAX_BEST_BETS_PER_QUERY } from '../queries/best-bets.js';
import type { BestBetForm } from '../schemas.js';

/**
 * Pins an item to a query (设为推荐). The query is stored as the log normalizes it, so it matches
 * however searchers type it; the item must be public now (a draft, a withdrawn or a non-public item
 * is refused, and one withdrawn later is no longer shown).
 */
export async function addBestBet(ctx: CommandContext, actor: Actor, input: BestBetForm): Promise<number> {
  if (!(await mayEditBestBets(ctx.db, actor))) throw new ForbiddenError('您没有维护搜索推荐结果的权限。');
  const query = normalizeQuery(input.query);
  if (!query) throw new RuleError('请填写检索词', 'query');
  const ref = itemFromInput(input.target);
  if (!ref) throw new RuleError('无法识别推荐的条目：请填写其公开页面地址（如 /documents/123）或文件编号', 'target');
  const kind = contentKind(ref.type);
  return inTransaction(ctx, async (trx) => {
    const item = (await itemStates(trx, ref.type, [ref.id])).get(ref.id);
    if (!item) throw new RuleError(`${kind.publicLabel}（编号 ${ref.id}）不存在`, 'target');
    if (!item.isPublic) throw new RuleError(`《${item.title}》当前未公开（草稿、审核中、已撤稿或不予公开），不能设为推荐`, 'target');
    const existing = await trx.selectFrom('search_best_bets').select(['item_type', 'item_id']).where('query', '=', query).execute();
    if (existing.some((b) => b.item_type === ref.type && Number(b.item_id) === ref.id)) throw new RuleError(`检索词“${query}”已推荐了《${item.title}》`, 'target');
    if (existing.length >= MAX_BEST_BETS_PER_QUERY) throw new RuleError(`检索词“${query}”已有 ${MAX_BEST_BETS_PER_QUERY} 条推荐结果，请先删除不再需要的`, 'query');
    const row = await trx
      .insertInto('search_best_bets')
      .values({ query, item_type: ref.type, item_id: ref.id, note: input.note ?? '', created_by: actor.id, created_at: ctx.clock.now() })
      .onConflict((oc) => oc.columns(['query', 'item_type', 'item_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new RuleError(`检索词“${query}”已推荐了《${item.title}》`, 'target');
    await recordEvent(trx, { actor: ctx.actor, action: 'best_bet.create', entityType: 'best_bet', entityId: row.id, after: { query, itemType: ref.type, itemId: ref.id, title: item.title, note: input.note ?? '' }, at: ctx.clock.now() });
    return Number(row.id);
  });
}

export async function removeBestBet(ctx: CommandContext, actor: Actor, id: number): Promise<void> {
  if (!(await mayEditBestBets(ctx.db, actor))) throw new ForbiddenError('您没有维护搜索推荐结果的权限。');
  await inTransaction(ctx, async (trx) => {
    const gone = await trx.deleteFrom('search_best_bets').where('id', '=', id).returning(['query', 'item_type', 'item_id', 'note']).executeTakeFirst();
    if (!gone) throw new NotFoundError('该推荐结果不存在或已被删除。');
    await recordEvent(trx, { actor: ctx.actor, action: 'best_bet.delete', entityType: 'best_bet', entityId: id, before: { query: gone.query, itemType: gone.item_type, itemId: Number(gone.item_id), note: gone.note }, at: ctx.clock.now() });
  });
}
