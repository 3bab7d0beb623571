import { recordEvent } from '../../../platform/audit/audit.js';
import type { Actor } from '../../../platform/auth/sessions.js';
import { contentKind, isContentType } from '../../../platform/content/registry.js';
import { inTransaction, type CommandContext } from '../../../platform/http/command.js';
import { ForbiddenError, NotFoundError, RuleError } from '../../../platform/http/errors.js';
import type { PlacementStatus } from '../../../db/schema-columns.js';
import { placementRefusal, placementTransition } from '../domain/rules.js';
import { mayPlaceFor, ownerOrgOf } from '../policy.js';
import { findItem } from '../queries/admin.js';

/**
 * Puts an item of any kind in a column. An item of the column's own organization is placed at
 * once; another organization's is submitted (报送, 003 三(一)) and waits for the owner. The item
 * itself is not touched: it is published through its own workflow, and the column shows it only
 * while it is accepted there and public by its kind's rule. Returns the placement's state.
 */
export async function placeItem(ctx: CommandContext, a: { actor: Actor; columnId: number; itemType: string; itemId: number }): Promise<PlacementStatus> {
  return inTransaction(ctx, async (trx) => {
    const column = await trx.selectFrom('special_columns').select(['id', 'org_id', 'kinds', 'open_for_submissions', 'name']).where('id', '=', a.columnId).executeTakeFirst();
    if (!column) throw new NotFoundError('专题专栏不存在');
    if (!isContentType(a.itemType)) throw new RuleError('信息类型无效', 'item');
    const kind = contentKind(a.itemType);
    if (!column.kinds.includes(a.itemType)) throw new RuleError(`本专栏不收录${kind.label}`, 'item');
    const item = await findItem(trx, a.itemType, a.itemId);
    if (!item) throw new RuleError(`编号为 ${a.itemId} 的${kind.label}不存在`, 'item');
    if (!mayPlaceFor(a.actor, item.org_id)) throw new ForbiddenError('您只能将本机构的信息放入专栏或报送。');
    if (item.edition_of !== null || item.status === 'merged') throw new RuleError('这是一条信息的修订版本，请选择原信息', 'item');
    if (item.status === 'withdrawn') throw new RuleError('已撤稿的信息不能放入专栏', 'item');
    const owner = await ownerOrgOf(trx, column);
    const action = item.org_id === owner ? 'place' : 'submit';
    if (action === 'submit' && !column.open_for_submissions) throw new RuleError('本专栏暂不接受其他机构报送', 'item');
    const existing = await trx.selectFrom('column_placements').selectAll().where('column_id', '=', column.id).where('item_type', '=', a.itemType).where('item_id', '=', a.itemId).forUpdate().executeTakeFirst();
    const from = existing?.status ?? null;
    const t = placementTransition(action, from);
    if (!t || !t.to) throw new RuleError(placementRefusal(action, from), 'item');
    const now = ctx.clock.now();
    const decided = t.to === 'accepted' ? { decided_by: a.actor.id, decided_at: now } : { decided_by: null, decided_at: null };
    let id: number;
    if (existing) {
      await trx.updateTable('column_placements').set({ status: t.to, reason: '', submitted_by: a.actor.id, ...decided, updated_at: now }).where('id', '=', existing.id).execute();
      id = existing.id;
    } else {
      const row = await trx
        .insertInto('column_placements')
        .values({ column_id: column.id, item_type: a.itemType, item_id: a.itemId, org_id: item.org_id, submitted_by: a.actor.id, status: t.to, ...decided, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = row.id;
    }
    await recordEvent(trx, {
      actor: ctx.actor, action: action === 'place' ? 'column.place' : 'column.submit', entityType: 'column_placement', entityId: id, orgId: item.org_id, at: now,
      before: existing ? { status: existing.status, reason: existing.reason } : undefined,
      after: { column_id: column.id, column: column.name, item_type: a.itemType, item_id: a.itemId, title: item.title, status: t.to },
    });
    return t.to;
  });
}
