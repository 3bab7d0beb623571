import { randomBytes } from 'node:crypto';
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
