import { recordEvent } from '../../../platform/audit/audit.js';
import type { Actor } from '../../../platform/auth/sessions.js';
import { inTransaction, type CommandContext } from '../../../platform/http/command.js';
import { ForbiddenError, NotFoundError, RuleError } from '../../../platform/http/errors.js';
import { placementRefusal, placementTransition } from '../domain/rules.js';
import { mayDecide, mayPlaceFor, ownerOrgOf } from '../policy.js';

/**
 * The column owner's answer to a submission (报送): accepted, it shows in the column (while the
 * item is public); returned, with the reason the submitter reads. Only the owner's administrator
 * or publisher decides, and never on a submission of their own.
 */
export async function decidePlacement(ctx: CommandContext, a: { actor: Actor; placementId: number; action: 'accept' | 'return'; reason: string }): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const p = await trx.selectFrom('column_placements').selectAll().where('id', '=', a.placementId).forUpdate().executeTakeFirst();
    if (!p) throw new NotFoundError('报送记录不存在');
    const column = await trx.selectFrom('special_columns').select(['id', 'org_id', 'name']).where('id', '=', p.column_id).executeTakeFirstOrThrow();
    if (!mayDecide(a.actor, await ownerOrgOf(trx, column))) throw new ForbiddenError('只有专栏所属机构的管理员或发布人可以采用或退回报送的信息。');
    if (p.submitted_by === a.actor.id) throw new ForbiddenError('不能采用或退回本人报送的信息，请由本机构其他管理员或发布人处理。');
    const t = placementTransition(a.action, p.status);
    if (!t) throw new RuleError(placementRefusal(a.action, p.status));
    const reason = a.reason.trim();
    if (a.action === 'return' && !reason) throw new RuleError('请填写退回理由，报送单位将看到它', 'reason');
    const now = ctx.clock.now();
    await trx.updateTable('column_placements').set({ status: t.to!, reason: a.action === 'return' ? reason : '', decided_by: a.actor.id, decided_at: now, updated_at: now }).where('id', '=', p.id).execute();
    await recordEvent(trx, {
      actor: ctx.actor, action: a.action === 'accept' ? 'column.accept' : 'column.return', entityType: 'column_placement', entityId: p.id, orgId: column.org_id, at: now,
      before: { status: p.status }, after: { column_id: column.id, column: column.name, item_type: p.item_type, item_id: p.item_id, status: t.to, reason: a.action === 'return' ? reason : undefined },
    });
  });
}

/**
 * Takes an item out of a column: the owner removes any, the submitting organization withdraws its
 * own submission. The item itself is untouched.
 */
export async function removePlacement(ctx: CommandContext, a: { actor: Actor; placementId: number }): Promise<number> {
  return inTransaction(ctx, async (trx) => {
    const p = await trx.selectFrom('column_placements').selectAll().where('id', '=', a.placementId).forUpdate().executeTakeFirst();
    if (!p) throw new NotFoundError('报送记录不存在');
    const column = await trx.selectFrom('special_columns').select(['id', 'org_id', 'name']).where('id', '=', p.column_id).executeTakeFirstOrThrow();
    if (!mayDecide(a.actor, await ownerOrgOf(trx, column)) && !mayPlaceFor(a.actor, p.org_id)) throw new ForbiddenError('您没有将该信息移出专栏的权限。');
    if (!placementTransition('remove', p.status)) throw new RuleError(placementRefusal('remove', p.status));
    await trx.deleteFrom('column_placements').where('id', '=', p.id).execute();
    await recordEvent(trx, {
      actor: ctx.actor, action: 'column.remove', entityType: 'column_placement', entityId: p.id, orgId: column.org_id, at: ctx.clock.now(),
      before: { column_id: column.id, column: column.name, item_type: p.item_type, item_id: p.item_id, status: p.status },
    });
    return column.id;
  });
}
