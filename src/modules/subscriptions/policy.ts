import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../platform/auth/sessions.js';
import { isSiteAdmin } from '../../platform/auth/scope.js';

/**
 * Who may do what with subscriptions and mail (DESIGN.md “Policies”). A subscriber manages only
 * their own subscriptions (the account's, or the link's signed token). The outbox (发件箱) holds
 * mail to the public of every organ, so only the site group's administrator reads it.
 */
export function mayReadOutbox(db: Kysely<Database>, actor: Actor): Promise<boolean> {
  return isSiteAdmin(db, actor);
}
