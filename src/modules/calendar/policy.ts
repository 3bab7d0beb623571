import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../platform/auth/sessions.js';
import { isSiteAdmin } from '../../platform/auth/scope.js';

/**
 * Who may do what with the working-day calendar (DESIGN.md “Policies”): the calendar is one for
 * the whole site group, so only an administrator of a top-level organization reads its back-office
 * page and changes it; the public deadline calculator is for everyone.
 */
export function mayKeepCalendar(db: Kysely<Database>, actor: Actor): Promise<boolean> {
  return isSiteAdmin(db, actor);
}
