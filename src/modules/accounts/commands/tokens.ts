import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { hashToken } from '../../../platform/auth/sessions.js';
import type { Clock } from '../../../platform/clock/clock.js';
import type { Sealer } from '../../../platform/crypto/sealer.js';

/** What the account commands need: the database, the clock, and the sealer for addresses. */
export interface AccountsContext {
  db: Kysely<Database>;
  clock: Clock;
  sealer: Sealer;
}

export type TokenPurpose = 'verify' | 'reset';
/** A verification link is good for 3 days; a reset link for an hour (it opens the account). */
export const TOKEN_TTL_MS: Record<TokenPurpose, number> = { verify: 3 * 24 * 3600_000, reset: 3600_000 };
/** A code sent by SMS: six digits, 15 minutes, five tries (then a new code must be asked for). */
export const SMS_CODE_TTL_MS = 15 * 60_000;
export const SMS_CODE_TRIES = 5;

/** A one-time link's token; only its hash is stored. */
export async function issueToken(trx: Transaction<Database>, accountId: number, purpose: TokenPurpose, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await trx
    .insertInto('account_tokens')
    .values({ id: hashToken(token), account_id: accountId, purpose, expires_at: new Date(now.getTime() + TOKEN_TTL_MS[purpose]), used_at: null, created_at: now })
    .execute();
  return token;
}

export type TokenCheck = { ok: true; accountId: number } | { ok: false; reason: 'invalid' | 'expired' | 'used' };

/** Spends a one-time token inside the caller's transaction (locked, so it is spent once). */
export async function spendToken(trx: Transaction<Database>, token: string, purpose: TokenPurpose, now: Date): Promise<TokenCheck> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { ok: false, reason: 'invalid' };
  const row = await trx.selectFrom('account_tokens').selectAll().where('id', '=', hashToken(token)).where('purpose', '=', purpose).forUpdate().executeTakeFirst();
  if (!row) return { ok: false, reason: 'invalid' };
  if (row.used_at) return { ok: false, reason: 'used' };
  if (new Date(row.expires_at).getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  await trx.updateTable('account_tokens').set({ used_at: now }).where('id', '=', row.id).execute();
  return { ok: true, accountId: row.account_id };
}

/** The blind index of an address: how an account is found without decrypting anything. */
export const emailKey = (sealer: Sealer, email: string) => sealer.blindIndex(`email:${email.trim().toLowerCase()}`);

/** The blind index of a mobile number (normalized to its 11 digits). */
export const mobileKey = (sealer: Sealer, mobile: string) => sealer.blindIndex(`mobile:${mobile}`);

const codeHash = (sealer: Sealer, id: string, code: string) => sealer.blindIndex(`sms:${id}:${code}`);

/**
 * A new six-digit code for the account's mobile number; earlier unused codes stop working. Only
 * its keyed hash is kept (six digits hashed without the key could be read back by trying them all).
 */
export async function issueSmsCode(trx: Transaction<Database>, sealer: Sealer, accountId: number, now: Date): Promise<string> {
  await trx.updateTable('account_tokens').set({ used_at: now }).where('account_id', '=', accountId).where('purpose', '=', 'verify_mobile').where('used_at', 'is', null).execute();
  const id = hashToken(randomBytes(32).toString('base64url'));
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await trx
    .insertInto('account_tokens')
    .values({ id, account_id: accountId, purpose: 'verify_mobile', code_hash: codeHash(sealer, id, code), attempts: 0, expires_at: new Date(now.getTime() + SMS_CODE_TTL_MS), used_at: null, created_at: now })
    .execute();
  return code;
}

export type CodeCheck = { ok: true } | { ok: false; reason: 'none' | 'wrong' | 'expired' | 'tries' };

/** Spends the account's current code when `code` is right; a wrong one counts a try (in the caller's transaction). */
export async function spendSmsCode(trx: Transaction<Database>, sealer: Sealer, accountId: number, code: string, now: Date): Promise<CodeCheck> {
  const row = await trx.selectFrom('account_tokens').selectAll().where('account_id', '=', accountId).where('purpose', '=', 'verify_mobile').where('used_at', 'is', null).orderBy('created_at', 'desc').forUpdate().executeTakeFirst();
  if (!row || !row.code_hash) return { ok: false, reason: 'none' };
  if (new Date(row.expires_at).getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  if (row.attempts >= SMS_CODE_TRIES) return { ok: false, reason: 'tries' };
  const given = Buffer.from(codeHash(sealer, row.id, code));
  const expected = Buffer.from(row.code_hash);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    await trx.updateTable('account_tokens').set({ attempts: row.attempts + 1 }).where('id', '=', row.id).execute();
    return { ok: false, reason: row.attempts + 1 >= SMS_CODE_TRIES ? 'tries' : 'wrong' };
  }
  await trx.updateTable('account_tokens').set({ used_at: now }).where('id', '=', row.id).execute();
  return { ok: true };
}
