import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Sealer } from '../crypto/sealer.js';

/** One e-mail to a member of the public. */
export interface OutgoingMail {
  /** What it is, for the outbox list: account_verify, subscription, referral_answer, … */
  kind: string;
  to: string;
  subject: string;
  text: string;
  accountId?: number | null;
  /** A message with a key goes out once only, however often it is queued. */
  dedupeKey?: string | null;
}

/** 'wang.xiaoming@example.com' → 'w***@example.com' (lists and logs never show the address). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** '13812345678' → '138****5678'. */
export function maskMobile(mobile: string): string {
  return mobile.length === 11 ? `${mobile.slice(0, 3)}****${mobile.slice(7)}` : '***';
}

/** One text message to a mobile number (a verification code): no subject, a short text. */
export interface OutgoingSms {
  kind: string;
  to: string;
  /** What it is, for the outbox list (a text message has no subject of its own). */
  subject: string;
  text: string;
  accountId?: number | null;
}

/**
 * Queues a text message in the same outbox as mail, on its own channel. There is no SMS gateway
 * in the box: the mail job never takes these rows, so they wait for the administrator
 * (/admin/outbox) until an SMS sender is configured to take the 'sms' channel.
 */
export async function queueSms(trx: Transaction<Database> | Kysely<Database>, sealer: Sealer, sms: OutgoingSms, now: Date): Promise<void> {
  await trx
    .insertInto('mail_outbox')
    .values({ channel: 'sms', kind: sms.kind, to_sealed: sealer.seal(sms.to), to_masked: maskMobile(sms.to), subject: sms.subject, body_text: sms.text, account_id: sms.accountId ?? null, dedupe_key: null, created_at: now, sent_at: null, last_error: null })
    .execute();
}

/**
 * Queues a message inside the caller's transaction, so it exists exactly when what it tells of
 * was committed. A job sends it over SMTP when configured; otherwise the administrator reads it
 * in the outbox. The address is sealed like other personal data. Returns false for a duplicate.
 */
export async function queueMail(trx: Transaction<Database> | Kysely<Database>, sealer: Sealer, mail: OutgoingMail, now: Date): Promise<boolean> {
  const r = await trx
    .insertInto('mail_outbox')
    .values({
      kind: mail.kind,
      to_sealed: sealer.seal(mail.to),
      to_masked: maskEmail(mail.to),
      subject: mail.subject,
      body_text: mail.text,
      account_id: mail.accountId ?? null,
      dedupe_key: mail.dedupeKey ?? null,
      created_at: now,
      sent_at: null,
      last_error: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** A message whose address is already sealed (the account's own sealed e-mail): bulk fan-out. */
export interface SealedMail extends Omit<OutgoingMail, 'to'> {
  toSealed: string;
  toMasked: string;
}

/**
 * Queues many messages in one statement (the fan-out's batches). The sealed address is the
 * account's, copied as is: sealing the same address again would cost a cipher per message for
 * nothing. Messages whose dedupe key is already there are skipped. Returns how many were queued.
 */
export async function queueSealedMails(trx: Transaction<Database> | Kysely<Database>, mails: SealedMail[], now: Date): Promise<number> {
  if (mails.length === 0) return 0;
  const r = await trx
    .insertInto('mail_outbox')
    .values(
      mails.map((m) => ({
        kind: m.kind, to_sealed: m.toSealed, to_masked: m.toMasked, subject: m.subject, body_text: m.text,
        account_id: m.accountId ?? null, dedupe_key: m.dedupeKey ?? null, created_at: now, sent_at: null, last_error: null,
      })),
    )
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}
