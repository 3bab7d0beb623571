import type { Kysely } from 'kysely';
import type { Database, Role } from '../../db/schema.js';
import type { Actor } from '../../platform/auth/sessions.js';
import { scopeOrgIds } from '../../platform/auth/scope.js';

/**
 * Who may do what with the portal in the back office (DESIGN.md “Policies”): anyone with a role
 * sees the empty columns of the organizations in their scope; an organization's administrator is
 * sent on to edit its catalog.
 */
const ANY_ROLE: readonly Role[] = ['admin', 'drafter', 'reviewer', 'publisher', 'request_handler', 'disclosure_office'];

/** The organizations whose empty columns the actor is shown. */
export function portalScope(db: Kysely<Database>, actor: Actor): Promise<number[]> {
  return scopeOrgIds(db, actor, ANY_ROLE);
}

/** The organizations whose catalogs the actor edits. */
export function catalogEditScope(db: Kysely<Database>, actor: Actor): Promise<number[]> {
  return scopeOrgIds(db, actor, ['admin']);
}
