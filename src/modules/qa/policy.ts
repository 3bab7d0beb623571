import type { ItemStatus } from '../../db/schema.js';
import type { Actor } from '../../platform/auth/sessions.js';
import { editPageRules, mayEditAt } from '../../platform/content/policy.js';

/**
 * Who may do what with Q&A entries (DESIGN.md “Policies”), on the shared content policy:
 * - the back office shows an entry to its organization's staff (`viewScope`, which `getQaForAdmin`
 *   takes; the list narrows it to one organization at most); editors write for the organizations
 *   in `editScope`;
 * - an editor of the organization edits its entries, except a merged edition (edited in the live
 *   entry) or a withdrawn one.
 */
export { viewScope, editScope } from '../../platform/content/policy.js';

export function mayEditQa(actor: Actor, entry: { org_id: number }): boolean {
  return mayEditAt(actor, entry.org_id);
}

/** The entry's edit page: refused without the role; closed for a merged edition or a withdrawn one. */
export function qaEditRules(actor: Actor, entry: { org_id: number; status: ItemStatus }) {
  return editPageRules(actor, entry, { refused: '您没有编辑该政策问答的权限。', noun: '问答', withdrawn: '已撤稿的政策问答不能修改。' });
}
