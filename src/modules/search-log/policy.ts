import type { Kysely } from 'kysely';
import type { Database, Role } from '../../db/schema.js';
import type { Actor } from '../../platform/auth/sessions.js';
import { holdsRoleAtTop } from '../../platform/auth/scope.js';

/**
 * Who may do what with the search log (DESIGN.md “Policies”). What the public searches and what
 * the library pins for a query are the whole site group's, as the synonym dictionary and the flagged
 * wording are: the top organization's administrator (the site group's, isSiteAdmin) and its
 * disclosure office (政务公开办) read the weekly lists and keep the best bets. A county's or a
 * department's roles do not reach them.
 */
export const SEARCH_LOG_ROLES: readonly Role[] = ['admin', 'disclosure_office'];

export function mayOpenSearchLog(db: Kysely<Database>, actor: Actor): Promise<boolean> {
  return holdsRoleAtTop(db, actor, SEARCH_LOG_ROLES);
}

/** The best bets change the library for everyone: the same people keep them. */
export const mayEditBestBets = mayOpenSearchLog;
