import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { recordEvent } from '../audit/audit.js';
import type { Clock } from '../clock/clock.js';
import type { Sealer } from '../crypto/sealer.js';
import type { MailTransport } from './smtp.js';

export const MAIL_JOB = 'mail-send';
/** How long a claimed row is left to its sender before another instance may try it. */
const CLAIM_MS = 10 * 60 * 1000;
/** Minutes before the next try, by the number of tries so far; after the last, the mail is given up. */
export const RETRY_MINUTES = [1, 5, 15, 60, 180, 360, 720, 1440];

export interface SendResult {
  sent: number;
  failed: number;
  gaveUp: number;
}

/**
 * Sends due mail from the outbox. Rows are claimed first (next_attempt_at moved past the claim,
 * attempts counted) in one statement with SKIP LOCKED, so several instances never send the same
 * row; the network call happens outside any transaction. A failure is recorded and retried with
 * backoff (RETRY_MINUTES); without a transport nothing is touched and mail stays in the outbox.
 */
export async function sendDueMail(db: Kysely<Database>, clock: Clock, sealer: Sealer, transport: MailTransport | null, from: string, limit = 100): Promise<SendResult> {
  const result: SendResult = { sent: 0, failed: 0, gaveUp: 0 };
  if (!transport) return result;
  const now = clock.now();
  const claimed = await sql<{ id: number; kind: string; to_sealed: string; subject: string; body_text: string; attempts: number }>`
    update mail_outbox set attempts = attempts + 1, next_attempt_at = ${new Date(now.getTime() + CLAIM_MS)}
    where id in (
      select id from mail_outbox
      where channel = 'email' and sent_at is null and failed_at is null and (next_attempt_at is null or next_attempt_at <= ${now})
      order by next_attempt_at nulls first, id limit ${limit} for update skip locked
    )
    returning id, kind, to_sealed, subject, body_text, attempts`.execute(db);
  for (const m of claimed.rows) {
    try {
      await transport.send({ from, to: sealer.unseal<string>(m.to_sealed), subject: m.subject, text: m.body_text, headers: listHeaders(m.kind, m.body_text) });
      await db.updateTable('mail_outbox').set({ sent_at: clock.now(), last_error: null, next_attempt_at: null }).where('id', '=', m.id).execute();
      result.sent++;
    } catch (err) {
      const message = String((err as Error).message ?? err).slice(0, 500);
      const wait = RETRY_MINUTES[m.attempts - 1];
      const t = clock.now();
      if (wait === undefined) result.gaveUp++;
      else result.failed++;
      await db
        .updateTable('mail_outbox')
        .set({ last_error: message, next_attempt_at: wait === undefined ? null : new Date(t.getTime() + wait * 60_000), failed_at: wait === undefined ? t : null })
        .where('id', '=', m.id)
        .execute();
    }
  }
  if (claimed.rows.length) {
    await db.transaction().execute((trx) =>
      recordEvent(trx, { actor: { id: null, label: '系统（邮件发送）' }, action: 'mail.send', entityType: 'mail_outbox', entityId: '-', after: result, at: clock.now() }),
    );
  }
  return result;
}

/** A subscription mail names its one-click unsubscribe page for mail clients (RFC 2369 List-Unsubscribe). */
function listHeaders(kind: string, body: string): Record<string, string> | undefined {
  if (kind !== 'subscription') return undefined;
  const m = /(https?:\/\/\S+\/subscriptions\/unsubscribe\?token=[\w.-]+)/.exec(body);
  return m ? { 'List-Unsubscribe': `<${m[1]}>` } : undefined;
}

/** Where each outbox row stands, for the administrator's list. */
export function mailStatus(row: { sent_at: unknown; failed_at: unknown; attempts: number; channel?: string }, smtpConfigured: boolean): string {
  if (row.sent_at) return '已发送';
  if (row.failed_at) return '发送失败（已放弃）';
  if (row.attempts > 0) return '发送失败，等待重试';
  // No SMS sender ships with the platform: a text message waits here for the administrator.
  if (row.channel === 'sms') return '短信：未配置短信网关，留存于发件箱';
  return smtpConfigured ? '待发送' : '未配置发信服务器，留存于发件箱';
}
