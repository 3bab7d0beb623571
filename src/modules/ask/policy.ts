import type { Kysely } from 'kysely';
import type { Database, Role } from '../../db/schema.js';
import type { Actor } from '../../platform/auth/sessions.js';
import { holdsAnyRole, isSiteAdmin, scopeOrgIds } from '../../platform/auth/scope.js';

/**
 * Who may do what with the smart Q&A's back office (DESIGN.md “Policies”):
 * - a department's own staff handle the questions referred to it (转人工), and the disclosure
 *   office those of the organizations below it; they also read the unanswered questions and the
 *   synonym dictionary, and take questions off the list;
 * - the synonym dictionary serves the whole site group: only the site's administrator keeps it.
 */
export const REFERRAL_ROLES = ['admin', 'drafter', 'publisher', 'request_handler', 'disclosure_office'] as const satisfies readonly Role[];

/** Whether the actor opens the referrals, the unanswered questions and the synonym dictionary. */
export function mayOpenReferrals(actor: Actor): boolean {
  return holdsAnyRole(actor, REFERRAL_ROLES);
}

/** The organizations whose referrals the actor handles: a referral outside them is not found. */
export function referralScope(db: Kysely<Database>, actor: Actor): Promise<number[]> {
  return scopeOrgIds(db, actor, REFERRAL_ROLES);
}

/** The synonym dictionary serves the whole site group: the site's administrator keeps it. */
export function mayEditSynonyms(db: Kysely<Database>, actor: Actor): Promise<boolean> {
  return isSiteAdmin(db, actor);
}

/**
 * 转办 stays within the actor's organizations (rules of the house §5): a case is taken from one of
 * them (else it is not found) and given to another of them. A department that holds a question
 * belonging elsewhere asks the disclosure office above it, whose scope reaches both.
 */
export async function mayTransferReferralTo(db: Kysely<Database>, actor: Actor, toOrgId: number): Promise<boolean> {
  return (await referralScope(db, actor)).includes(toOrgId);
}
