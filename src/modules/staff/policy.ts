import type { Kysely } from 'kysely';
import type { Database, Role } from '../../db/schema.js';
import type { Actor } from '../../platform/auth/sessions.js';
import { holdsAnyRole, scopeOrgIds } from '../../platform/auth/scope.js';

/**
 * Who may do what with staff accounts and the audit trail (DESIGN.md “Policies”):
 * - an organization's administrator creates accounts there, grants and revokes its roles, and
 *   locks, unlocks or disables an account whose roles are all in organizations they administer;
 * - administrators and the disclosure office (for the organizations below it) read the audit
 *   events of their organizations, and verify the chain; everyone reads their own events;
 * - the workbench counts the documents of the organizations where one drafts, reviews,
 *   publishes, administers or oversees.
 */
export const ACCOUNT_ROLES: readonly Role[] = ['admin'];
const AUDIT_ROLES: readonly Role[] = ['admin', 'disclosure_office'];
const WORKBENCH_ROLES: readonly Role[] = ['admin', 'drafter', 'publisher', 'reviewer', 'disclosure_office'];

/** Whether the actor opens 账号与角色. */
export function mayManageAccounts(actor: Actor): boolean {
  return holdsAnyRole(actor, ACCOUNT_ROLES);
}

/** The organizations whose accounts and roles the actor manages: nothing outside them is listed or changed. */
export function accountScope(db: Kysely<Database>, actor: Actor): Promise<number[]> {
  return scopeOrgIds(db, actor, ACCOUNT_ROLES);
}

/** Whether the actor may create an account at the organization (one they administer). */
export async function mayCreateAccountAt(db: Kysely<Database>, actor: Actor, orgId: number): Promise<boolean> {
  return (await accountScope(db, actor)).includes(orgId);
}

/** The organizations whose audit events the actor reads (besides their own). */
export function auditScope(db: Kysely<Database>, actor: Actor): Promise<number[]> {
  return scopeOrgIds(db, actor, AUDIT_ROLES);
}

/** Whether the actor may have the audit chain verified. */
export function mayVerifyAudit(actor: Actor): boolean {
  return holdsAnyRole(actor, AUDIT_ROLES);
}

/** The organizations whose documents the workbench counts. */
export function workbenchScope(db: Kysely<Database>, actor: Actor): Promise<number[]> {
  return scopeOrgIds(db, actor, WORKBENCH_ROLES);
}
