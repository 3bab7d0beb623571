import type { Kysely, Transaction } from 'kysely';
import type { Database, Role } from '../../db/schema.js';
import type { Actor } from '../../platform/auth/sessions.js';
import { hasRole, holdsAnyRole, scopeOrgIds } from '../../platform/auth/scope.js';
import type { RequestActorKind } from './domain/workflow.js';
import { routedOrgIds } from './routing.js';

/**
 * Who may do what with disclosure requests (DESIGN.md “Policies”):
 * - an organization's request handlers register and handle its requests (and the disclosure office
 *   an organization without a handler routes to, routing.ts, acts as its handler);
 * - the disclosure office oversees the requests of the organizations below it;
 * - the system administrator sees every case of its organization, read only, applicants masked.
 * What a step of the workflow needs is in domain/workflow.ts, by the kinds `actorKindsFor` returns.
 */
export const CASE_ROLES = ['request_handler', 'disclosure_office', 'admin'] as const satisfies readonly Role[];
/** Who registers applications that came in person, by post or by fax. */
export const INTAKE_ROLES = ['request_handler'] as const satisfies readonly Role[];

type Db = Kysely<Database> | Transaction<Database>;

/** Whether the actor opens the back office's requests (the workbench, proposals, the annual report's tables). */
export function mayOpenCases(actor: Actor): boolean {
  return holdsAnyRole(actor, CASE_ROLES);
}

/** The organizations whose requests the actor sees: a case outside them is not found. */
export function caseScope(db: Kysely<Database>, actor: Actor): Promise<number[]> {
  return scopeOrgIds(db, actor, CASE_ROLES);
}

/** The organizations the actor registers applications for at the counter. */
export function intakeScope(db: Kysely<Database>, actor: Actor): Promise<number[]> {
  return scopeOrgIds(db, actor, INTAKE_ROLES);
}

/**
 * How the actor stands to a request's organization: its handlers (or the disclosure office an
 * organization without a handler routes to, routing.ts), or the disclosure office above it.
 */
export async function actorKindsFor(db: Db, actor: Actor, orgId: number): Promise<RequestActorKind[]> {
  const kinds: RequestActorKind[] = [];
  if (hasRole(actor, orgId, INTAKE_ROLES) || (await routedOrgIds(db, actor)).includes(orgId)) kinds.push('handler');
  if (actor.roles.some((r) => r.role === 'disclosure_office') && (await scopeOrgIds(db as Kysely<Database>, actor, ['disclosure_office'])).includes(orgId)) kinds.push('office');
  return kinds;
}

/** Drafting the reply, linking published information, recording appeals, and the applicant in clear: the case's handlers only. */
export function mayHandle(kinds: readonly RequestActorKind[]): boolean {
  return kinds.includes('handler');
}

/** What the applicant sent (ID copies, say) is for those who handle or oversee the case, not for an administrator who only sees it. */
export function maySeeApplicantFiles(kinds: readonly RequestActorKind[]): boolean {
  return kinds.length > 0;
}
