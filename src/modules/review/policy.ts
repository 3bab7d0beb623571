import type { Kysely } from 'kysely';
import type { Database, ItemStatus, Role } from '../../db/schema.js';
import type { Actor } from '../../platform/auth/sessions.js';
import { hasRole, holdsAnyRole, holdsRoleAtTop, scopeOrgIds } from '../../platform/auth/scope.js';
import { EDITOR_ROLES, VIEWER_ROLES } from '../../platform/content/lifecycle.js';
import type { ContentKind } from '../../platform/content/kind.js';

/**
 * Who may do what in review (DESIGN.md “Policies”). Each step of the workflow is allowed or refused
 * by domain/workflow.ts from the roles the actor holds at the item's organization; this file says
 * who opens which page, and whose items each list and loader reaches:
 * - reviewers review the items of their organizations; publishers and administrators publish them;
 *   drafters, publishers and administrators get back what was returned to them;
 * - the ledger is for reviewers, publishers, administrators and the disclosure office (and the
 *   organizations below it);
 * - the dictionary of flagged terms is read by everyone in the back office, and kept by the site
 *   group's top organization's administrator or disclosure office (it holds for every organization).
 */
export const REVIEW_QUEUE_ROLES: readonly Role[] = ['reviewer', 'publisher', 'admin', 'drafter'];
const PUBLISHER_ROLES: readonly Role[] = ['publisher', 'admin'];
const RETURNED_TO_ROLES: readonly Role[] = ['drafter', 'publisher', 'admin'];
const ITEM_ROLES: readonly Role[] = ['drafter', 'reviewer', 'publisher', 'admin', 'disclosure_office'];
const LEDGER_ROLES: readonly Role[] = ['reviewer', 'publisher', 'admin', 'disclosure_office'];
const ACKNOWLEDGING_ROLES: readonly Role[] = ['drafter', 'publisher', 'admin', 'reviewer'];
const TERM_KEEPER_ROLES: readonly Role[] = ['admin', 'disclosure_office'];

/** Who opens the review workbench: reviewers, and those who draft, publish or administer items. */
export function mayOpenReview(actor: Actor): boolean {
  return holdsAnyRole(actor, REVIEW_QUEUE_ROLES);
}

/** The organizations whose submitted items wait for the actor's review. */
export function reviewerScope(db: Kysely<Database>, actor: Actor): Promise<number[]> {
  return scopeOrgIds(db, actor, ['reviewer']);
}

/** The organizations whose approved items the actor publishes. */
export function publisherScope(db: Kysely<Database>, actor: Actor): Promise<number[]> {
  return scopeOrgIds(db, actor, PUBLISHER_ROLES);
}

/** The organizations whose drafts (and returned items) the actor works on. */
export function draftScope(db: Kysely<Database>, actor: Actor): Promise<number[]> {
  return scopeOrgIds(db, actor, RETURNED_TO_ROLES);
}

/** The organizations whose items' review pages the actor opens: an item outside them is not found. */
export function itemScope(db: Kysely<Database>, actor: Actor): Promise<number[]> {
  return scopeOrgIds(db, actor, ITEM_ROLES);
}

/** The organizations whose review ledger (审查台账) the actor reads. */
export function ledgerScope(db: Kysely<Database>, actor: Actor): Promise<number[]> {
  return scopeOrgIds(db, actor, LEDGER_ROLES);
}

/** A review step or a finding is taken only on an item of an organization where the actor holds a role; any other is not found. */
export function mayActAt(actor: Actor, orgId: number): boolean {
  return actor.roles.some((r) => r.orgId === orgId);
}

/** Only a reviewer of the item's organization dismisses a finding as a false positive. */
export function mayDismissFinding(actor: Actor, orgId: number): boolean {
  return hasRole(actor, orgId, ['reviewer']);
}

/** A warning is marked as seen by those who draft, publish, administer or review at the item's organization. */
export function mayAcknowledgeFinding(actor: Actor, orgId: number): boolean {
  return hasRole(actor, orgId, ACKNOWLEDGING_ROLES);
}

/** 一键替换 is an edit: the kind must take edited text, the actor edit at the item's organization, the item be live or in the works. */
export function mayReplaceWording(actor: Actor, kind: ContentKind, item: { org_id: number; status: ItemStatus }): boolean {
  return !!kind.saveEditedText && hasRole(actor, item.org_id, EDITOR_ROLES) && item.status !== 'withdrawn' && item.status !== 'merged';
}

export function mayReadTerms(actor: Actor): boolean {
  return holdsAnyRole(actor, VIEWER_ROLES);
}

/** The dictionary holds for every organization's checks, so only the top organization's administrator or disclosure office keeps it. */
export function mayEditTerms(db: Kysely<Database>, actor: Actor): Promise<boolean> {
  return holdsRoleAtTop(db, actor, TERM_KEEPER_ROLES);
}
