import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';

/**
 * The append-only audit log. Every write records one event in the same transaction.
 * Events form a hash chain: each row's hash covers its content and the previous row's hash,
 * so an edited row breaks its own hash and a deleted row breaks the sequence and the link.
 */
export const AUDIT_ACTIONS = [
  'staff.login',
  'staff.login_failed',
  'staff.locked',
  'staff.logout',
  'staff.create',
  'staff.update',
  'organization.update',
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
  'ask.synonym_create',
  'ask.synonym_update',
  'ask.synonym_delete',
  'ask.question_dismiss',
  'referral.submit',
  'referral.assign',
  'referral.answer',
  'referral.promote',
  'referral.close',
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

export const GENESIS_HASH = '0'.repeat(64);
/** Arbitrary constant naming the advisory lock that serializes appends across app instances. */
const AUDIT_LOCK_KEY = 4_200_2019;

type Db = Kysely<Database> | Transaction<Database>;

export async function recordEvent(trx: Transaction<Database>, e: AuditEventInput): Promise<void> {
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
  const last = await trx
    .selectFrom('audit_events')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const row = {
    seq: (last?.seq ?? 0) + 1,
    occurred_at: e.at.toISOString(),
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
  };
  await trx
    .insertInto('audit_events')
    .values({
      ...row,
      before: row.before === null ? null : JSON.stringify(row.before),
      after: row.after === null ? null : JSON.stringify(row.after),
      hash: hashEvent(row),
    })
    .execute();
}

export interface ChainRow {
  seq: number;
  occurred_at: string;
  actor_id: number | null;
  actor_label: string;
  org_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  ip: string | null;
  prev_hash: string;
}

export function hashEvent(row: ChainRow): string {
  return createHash('sha256').update(canonicalJson(row)).digest('hex');
}

export interface VerifyResult {
  ok: boolean;
  count: number;
  headHash: string;
  problems: string[];
}

/** Walks the whole chain in order and reports every broken link. */
export async function verifyChain(db: Db, batch = 1000): Promise<VerifyResult> {
  const problems: string[] = [];
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(batch)
      .execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.seq !== expectedSeq) problems.push(`第 ${expectedSeq}–${r.seq - 1} 条记录缺失（被删除）`);
      if (r.prev_hash !== prevHash) problems.push(`第 ${r.seq} 条记录与前一条的链接不符`);
      const recomputed = hashEvent({
        seq: r.seq,
        occurred_at: new Date(r.occurred_at).toISOString(),
        actor_id: r.actor_id,
        actor_label: r.actor_label,
        org_id: r.org_id,
        action: r.action,
        entity_type: r.entity_type,
        entity_id: r.entity_id,
        before: r.before ?? null,
        after: r.after ?? null,
        ip: r.ip,
        prev_hash: r.prev_hash,
      });
      if (recomputed !== r.hash) problems.push(`第 ${r.seq} 条记录的内容被改动（哈希不符）`);
      prevHash = r.hash;
      expectedSeq = r.seq + 1;
      count++;
    }
  }
  return { ok: problems.length === 0, count, headHash: prevHash, problems };
}

function normalizeJson(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  return JSON.parse(JSON.stringify(v));
}

/** JSON with object keys sorted at every level, so jsonb's reordering does not change the hash. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const obj = v as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
    .join(',')}}`;
}
