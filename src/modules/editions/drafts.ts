import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { recordEvent, type AuditAction, type AuditActor } from '../../platform/audit/audit.js';

/** A kind, by its audit entity type, whose published items are edited through editions (it has `<type>.edition_create`). */
export type EditionEntity = { [A in AuditAction]: A extends `${infer K}.edition_create` ? K : never }[AuditAction];

/**
 * The review columns of a new draft row, the same for every kind: a new item, or (editionOf set)
 * the first edition of a published one. Nothing of review, publication or withdrawal is carried.
 */
export function newDraftColumns(a: { orgId: number; editionOf: number | null; createdBy: number; now: Date }) {
  return {
    org_id: a.orgId, status: 'draft' as const, edition_of: a.editionOf, submitted_by: null, submitted_at: null, urgent_reason: null, publish_at: null,
    withdrawn_at: null, withdrawal_kind: null, withdrawal_reason: null, published_on: null, published_at: null, created_by: a.createdBy, created_at: a.now,
  };
}

/**
 * The audit event of a new draft row: `<type>.create` for a new item, `<type>.edition_create`
 * (with the item it edits) for the first edition of a published one. `after` is the kind's
 * summary of what was written; the draft's organization, status and original are added here.
 */
export async function recordDraftCreated(
  trx: Transaction<Database>,
  e: { actor: AuditActor; entityType: EditionEntity; id: number; orgId: number; editionOf: number | null; at: Date; after: Record<string, unknown> },
): Promise<void> {
  const action: AuditAction = e.editionOf === null ? `${e.entityType}.create` : `${e.entityType}.edition_create`;
  await recordEvent(trx, {
    actor: e.actor, entityType: e.entityType, orgId: e.orgId, at: e.at, entityId: e.id, action,
    before: e.editionOf === null ? undefined : { edition_of: e.editionOf },
    after: { ...e.after, org_id: e.orgId, status: 'draft', edition_of: e.editionOf ?? undefined },
  });
}
