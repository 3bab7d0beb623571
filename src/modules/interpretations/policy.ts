import type { Kysely } from 'kysely';
import type { Database, ItemStatus, Role } from '../../db/schema.js';
import type { Actor } from '../../platform/auth/sessions.js';
import { holdsAnyRole, scopeOrgIds } from '../../platform/auth/scope.js';
import { editPageRules, mayEditAt } from '../../platform/content/policy.js';

/**
 * Who may do what with interpretations (DESIGN.md “Policies”), on the shared content policy:
 * - the back office shows an interpretation to its organization's staff (`viewScope`, which
 *   `getInterpretationForAdmin` takes); editors write for the organizations in `editScope`;
 * - an editor of the organization edits its interpretations, except a merged edition (edited in
 *   the live one) or a withdrawn one;
 * - the disclosure office and administrators oversee 三同步 for their organizations.
 */
export { viewScope, editScope } from '../../platform/content/policy.js';

/** Who oversees 三同步: the disclosure office (its organization and those below) and administrators. */
export const OVERSIGHT_ROLES: readonly Role[] = ['disclosure_office', 'admin'];

export function mayOversee(actor: Actor): boolean {
  return holdsAnyRole(actor, OVERSIGHT_ROLES);
}

/** The organizations whose 三同步 the actor oversees. */
export function overseenScope(db: Kysely<Database>, actor: Actor): Promise<number[]> {
  return scopeOrgIds(db, actor, OVERSIGHT_ROLES);
}

export function mayEditInterpretation(actor: Actor, item: { org_id: number }): boolean {
  return mayEditAt(actor, item.org_id);
}

/** The interpretation's edit page: refused without the role; closed for a merged edition or a withdrawn one. */
export function interpretationEditRules(actor: Actor, item: { org_id: number; status: ItemStatus }) {
  return editPageRules(actor, item, { refused: '您没有编辑该政策解读的权限。', noun: '解读', withdrawn: '已撤稿的政策解读不能修改。' });
}
