import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { chainRowOf, GENESIS_HASH, sealEvent } from './chain-hash.js';
import { currentAuditKey } from './key.js';
import { noteAuditWrite } from './anchor-loop.js';

export { canonicalJson, GENESIS_HASH, hashEvent, sealEvent, type ChainRow } from './chain-hash.js';
export { verifyChain, type VerifyResult } from './verify.js';

/**
 * The append-only audit log. Every write records one event in the same transaction.
 * Events form a hash chain: each row's hash covers its content and the previous row's hash,
 * so an edited row breaks its own hash and a deleted row breaks the sequence and the link.
 * The hash is an HMAC under a key kept outside the database (key.ts), so whoever can write the
 * table but lacks the key cannot re-hash an edit or forge a row; the chain's head is anchored
 * outside the database (anchor.ts), so deleting the newest rows or all of them is seen too (ADR 0018).
 */
export const AUDIT_ACTIONS = [
  'staff.login',
  'staff.login_failed',
  'staff.locked',
  'staff.logout',
  'staff.create',
  'staff.update',
  'organization.update',
  'organization.create',
  'organization.rename',
  'organization.move',
  'organization.merge',
  'organization.split',
  'catalog.create',
  'catalog.update',
  'catalog.delete',
  'document.create',
  'document.update',
  'document.publish',
  'document.relation_add',
  'document.attachment_add',
  'document.attachment_remove',
  'document.import',
  'document.validity_refresh',
  'document.edition_create',
  'interpretation.create',
  'interpretation.update',
  'interpretation.edition_create',
  'interpretation.publish',
  'info.create',
  'info.update',
  'info.edition_create',
  'info.publish',
  'info.attachment_add',
  'info.attachment_remove',
  'info.take_down',
  'review.submit',
  'review.approve',
  'review.return',
  'review.publish',
  'review.schedule',
  'review.unschedule',
  'review.publish_scheduled',
  'review.urgent_publish',
  'review.post_review',
  'review.withdraw',
  'review.recall',
  'review.dismiss',
  'review.acknowledge',
  'flagged_term.create',
  'flagged_term.delete',
  'calendar.override_set',
  'calendar.override_delete',
  'calendar.year_confirm',
  'calendar.year_unconfirm',
  'request.submit',
  'request.intake',
  'request.register',
  'request.assign',
  'request.correction_request',
  'request.correction_receive',
  'request.consultation_start',
  'request.consultation_end',
  'request.extension_request',
  'request.extension_approve',
  'request.extension_refuse',
  'request.fee_notify',
  'request.fee_paid',
  'request.reply_draft',
  'request.reply_submit',
  'request.reply_return',
  'request.reply_approve',
  'request.reply_send',
  'request.deliver',
  'request.archive',
  'request.withdraw',
  'request.link_document',
  'request.appeal_record',
  'request.deadline_recompute',
  'request.personal_data_view',
  'request.transfer',
  'request.reply_file_add',
  'request.reply_file_remove',
  'request.reply_file_download',
  'qa.create',
  'qa.update',
  'qa.edition_create',
  'qa.import',
  'list.create',
  'list.update',
  'list.version_create',
  'list.version_update',
  'list.row_save',
  'list.row_delete',
  'list.import',
  'ask.synonym_create',
  'ask.synonym_update',
  'ask.synonym_delete',
  'ask.question_dismiss',
  'best_bet.create',
  'best_bet.delete',
  'referral.submit',
  'referral.assign',
  'referral.answer',
  'referral.promote',
  'referral.close',
  'referral.transfer',
  'referral.rate',
  'account.register',
  'account.verify',
  'account.login',
  'account.login_failed',
  'account.logout',
  'account.update',
  'account.password_reset',
  'subscription.create',
  'subscription.delete',
  'mail.send',
  'column.create',
  'column.update',
  'column.place',
  'column.submit',
  'column.accept',
  'column.return',
  'column.remove',
  'audit.chain_sealed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditActor {
  id: number | null;
  label: string;
  ip?: string | null;
}

export interface AuditEventInput {
  actor: AuditActor;
  action: AuditAction;
  entityType: string;
  entityId: string | number;
  orgId?: number | null;
  before?: unknown;
  after?: unknown;
  at: Date;
}

/** Arbitrary constant naming the advisory lock that serializes appends across app instances. */
export const AUDIT_LOCK_KEY = 4_200_2019;

export async function recordEvent(trx: Transaction<Database>, e: AuditEventInput): Promise<void> {
  const key = currentAuditKey();
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
  const last = await trx
    .selectFrom('audit_events')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const row = chainRowOf({
    seq: (last?.seq ?? 0) + 1,
    occurred_at: e.at,
    actor_id: e.actor.id,
    actor_label: e.actor.label,
    org_id: e.orgId ?? null,
    action: e.action,
    entity_type: e.entityType,
    entity_id: String(e.entityId),
    before: normalizeJson(e.before),
    after: normalizeJson(e.after),
    ip: e.actor.ip ?? null,
    prev_hash: last?.hash ?? GENESIS_HASH,
  });
  await trx
    .insertInto('audit_events')
    .values({
      ...row,
      before: row.before === null ? null : JSON.stringify(row.before),
      after: row.after === null ? null : JSON.stringify(row.after),
      key_version: key.version,
      hash: sealEvent(row, key),
    })
    .execute();
  noteAuditWrite();
}

function normalizeJson(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  return JSON.parse(JSON.stringify(v));
}
