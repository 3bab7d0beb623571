import type { Kysely } from 'kysely';
import type { Database, Role } from '../../db/schema.js';
import type { Actor } from '../../platform/auth/sessions.js';
import { hasRole, holdsAnyRole, isSiteAdmin } from '../../platform/auth/scope.js';
import { EDITOR_ROLES } from '../../platform/content/lifecycle.js';
import { findSiteOrganization } from '../organizations/public.js';

/**
 * Who may do what with 专题/专栏 (DESIGN.md “Policies”):
 * - an organization's administrator builds its columns; the site group's administrator builds the
 *   site-wide ones;
 * - an organization's editors place its own items in its own columns (accepted at once) and submit
 *   them to another owner's open column (报送);
 * - the owner's administrator or publisher accepts or returns a submission (for a site-wide column
 *   the owner is the site group's top organization), never one they submitted themselves.
 */
export const COLUMN_ROLES: readonly Role[] = EDITOR_ROLES;
export const DECIDER_ROLES: readonly Role[] = ['admin', 'publisher'];

export function mayOpenColumns(actor: Actor): boolean {
  return holdsAnyRole(actor, COLUMN_ROLES);
}

export async function mayManageColumn(db: Kysely<Database>, actor: Actor, orgId: number | null): Promise<boolean> {
  return orgId === null ? isSiteAdmin(db, actor) : hasRole(actor, orgId, ['admin']);
}

/** The organization that owns a column's placements: its own, or the site group's top one. */
export async function ownerOrgOf(db: Kysely<Database>, column: { org_id: number | null }): Promise<number | null> {
  return column.org_id ?? (await findSiteOrganization(db))?.id ?? null;
}

export function mayDecide(actor: Actor, ownerOrgId: number | null): boolean {
  return ownerOrgId !== null && hasRole(actor, ownerOrgId, DECIDER_ROLES);
}

export function mayPlaceFor(actor: Actor, itemOrgId: number): boolean {
  return hasRole(actor, itemOrgId, COLUMN_ROLES);
}

/** The organizations whose items the actor may place or submit. */
export function placingOrgIds(actor: Actor): number[] {
  return [...new Set(actor.roles.filter((r) => COLUMN_ROLES.includes(r.role)).map((r) => r.orgId))];
}

/** The organizations whose columns' submissions the actor decides. */
export function decidingOrgIds(actor: Actor): number[] {
  return [...new Set(actor.roles.filter((r) => DECIDER_ROLES.includes(r.role)).map((r) => r.orgId))];
}
