import type { Kysely } from 'kysely';
import type { Database, Role } from '../../db/schema.js';
import type { Actor } from '../../platform/auth/sessions.js';
import { holdsAnyRole, isSiteAdmin, scopeOrgIds } from '../../platform/auth/scope.js';

/**
 * Who may do what with organizations and their catalogs (DESIGN.md “Policies”):
 * - an organization's administrator keeps its contact details, disclosure guide, 索引号 rule and
 *   catalog, and may rename it;
 * - the site group's administrator (of a top-level organization) changes the tree itself: creates,
 *   moves, merges and splits organizations, and sees the dissolved ones.
 */
const ORG_ADMIN_ROLES: readonly Role[] = ['admin'];

/** Whether the actor opens 机构与目录. */
export function mayOpenOrganizations(actor: Actor): boolean {
  return holdsAnyRole(actor, ORG_ADMIN_ROLES);
}

/** The organizations the actor administers: their details and catalogs are the actor's to change. */
export function organizationAdminScope(db: Kysely<Database>, actor: Actor): Promise<number[]> {
  return scopeOrgIds(db, actor, ORG_ADMIN_ROLES);
}

/** Whether the actor changes the tree of organizations (机构改革). */
export function mayChangeTree(db: Kysely<Database>, actor: Actor): Promise<boolean> {
  return isSiteAdmin(db, actor);
}

/** Whether the actor may rename the organization (its own administrator, or the site group's). */
export async function mayRenameOrganization(db: Kysely<Database>, actor: Actor, orgId: number): Promise<boolean> {
  return (await mayChangeTree(db, actor)) || (await organizationAdminScope(db, actor)).includes(orgId);
}
