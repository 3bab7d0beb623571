import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { hashToken } from './sessions.js';

/**
 * Sessions of the public's own accounts (personal center, subscriptions), kept apart from staff
 * sessions: another cookie, another table, never a route under /admin. Only the token's SHA-256
 * is stored.
 */
export const ACCOUNT_COOKIE = 'gk_account';
const IDLE_MS = 7 * 24 * 60 * 60 * 1000; // signed out after a week without activity
const ABSOLUTE_MS = 30 * 24 * 60 * 60 * 1000; // and after 30 days in any case
const TOUCH_EVERY_MS = 5 * 60 * 1000;

export interface PublicAccount {
  id: number;
  displayName: string;
  /** The masked e-mail, or for an account registered by mobile number only, the masked number. */
  emailMasked: string;
  verified: boolean;
  kind: 'person' | 'enterprise';
}

export async function createAccountSession(trx: Transaction<Database>, accountId: number, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await trx
    .insertInto('account_sessions')
    .values({ id: hashToken(token), account_id: accountId, created_at: now, last_seen_at: now, expires_at: new Date(now.getTime() + ABSOLUTE_MS) })
    .execute();
  return token;
}

export async function deleteAccountSession(db: Transaction<Database> | Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('account_sessions').where('id', '=', hashToken(token)).execute();
}

/** The account behind a session token, or null when it is unknown, expired, idle or disabled. */
export async function loadAccount(db: Kysely<Database>, token: string | undefined, now: Date): Promise<PublicAccount | null> {
  if (!token || token.length > 100) return null;
  const id = hashToken(token);
  const row = await db
    .selectFrom('account_sessions as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .select(['a.id', 'a.display_name', 'a.email_masked', 'a.email_verified_at', 'a.mobile_masked', 'a.mobile_verified_at', 'a.kind', 'a.disabled', 's.expires_at', 's.last_seen_at'])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row || row.disabled) return null;
  const lastSeen = new Date(row.last_seen_at).getTime();
  if (new Date(row.expires_at).getTime() <= now.getTime() || lastSeen + IDLE_MS <= now.getTime()) {
    await db.deleteFrom('account_sessions').where('id', '=', id).execute();
    return null;
  }
  if (now.getTime() - lastSeen > TOUCH_EVERY_MS) await db.updateTable('account_sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
  return { id: row.id, displayName: row.display_name, emailMasked: row.email_masked || row.mobile_masked, verified: row.email_verified_at !== null || row.mobile_verified_at !== null, kind: row.kind };
}
