import type { ItemStatus } from '../../db/schema.js';
import type { Actor } from '../../platform/auth/sessions.js';
import { editPageRules, mayEditAt } from '../../platform/content/policy.js';

/**
 * Who may do what with information items (DESIGN.md “Policies”), on the shared content policy:
 * - the back office shows an item to its organization's staff (`viewScope`, which
 *   `getItemForAdmin` and `getAdminAttachment` take); editors write for the organizations in `editScope`;
 * - an editor of the organization edits its items, except a merged edition (edited in the live
 *   item), a withdrawn item, or a 公示 taken down when its period ended.
 */
export { viewScope, editScope } from '../../platform/content/policy.js';

export function mayWriteItemsAt(actor: Actor, orgId: number): boolean {
  return mayEditAt(actor, orgId);
}

/** Whether the item's page offers to edit it. */
export function mayEditItem(actor: Actor, item: { org_id: number }): boolean {
  return mayEditAt(actor, item.org_id);
}

/** The item's edit page: refused without the role; closed for a merged edition, a withdrawn item or a 公示 taken down. */
export function itemEditRules(actor: Actor, item: { org_id: number; status: ItemStatus; taken_down_at: unknown }) {
  return editPageRules(actor, item, { refused: '您没有编辑该信息的权限。', noun: '信息', withdrawn: '已撤稿或已撤下的信息不能修改。' }, Boolean(item.taken_down_at));
}
