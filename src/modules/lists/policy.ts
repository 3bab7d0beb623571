import type { Actor } from '../../platform/auth/sessions.js';
import { mayEditAt } from '../../platform/content/policy.js';

/**
 * Who may do what with official lists (DESIGN.md “Policies”), on the shared content policy:
 * - the back office shows a list and its versions to its organization's staff (`viewScope`, which
 *   `getListForAdmin` and `getVersionForAdmin` take); editors compile lists for the organizations
 *   in `editScope`;
 * - an editor of the list's organization edits its versions, rows and placement (the commands check
 *   a version's state).
 */
export { viewScope, editScope } from '../../platform/content/policy.js';

export function mayEditList(actor: Actor, list: { org_id: number }): boolean {
  return mayEditAt(actor, list.org_id);
}
