import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database, Role } from '../../db/schema.js';

/**
 * Staff sessions live in the database (any app instance can serve any request). The browser
 * holds a random token; the table holds only its SHA-256, so a leaked table opens no session.
 */
export const SESSION_COOKIE = 'gk_session';
const IDLE_MS = 2 * 60 * 60 * 1000; // signed out after 2 hours without activity
const ABSOLUTE_MS = 12 * 60 * 60 * 1000; // and after 12 hours in any case
const TOUCH_EVERY_MS = 60 * 1000;

export interface Actor {
  id: number;
  username: string;
  displayName: string;
  roles: { orgId: number; role: Role }[];
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(trx: Transaction<Database>, staffId: number, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await trx
    .insertInto('sessions')
    .values({ id: hashToken(token), staff_id: staffId, created_at: now, last_seen_at: now, expires_at: new Date(now.getTime() + ABSOLUTE_MS) })
    .execute();
  return token;
}

export async function deleteSession(trx: Transaction<Database> | Kysely<Database>, token: string): Promise<void> {
  await trx.deleteFrom('sessions').where('id', '=', hashToken(token)).execute();
}

/** The staff member behind a session token, or null when it is unknown, expired or idle. */
export async function loadActor(db: Kysely<Database>, token: string | undefined, now: Date): Promise<Actor | null> {
  if (!token || token.length > 100) return null;
  const id = hashToken(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('staff', 'staff.id', 'sessions.staff_id')
    .select(['staff.id', 'staff.username', 'staff.display_name', 'staff.disabled', 'sessions.expires_at', 'sessions.last_seen_at'])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row || row.disabled) return null;
  const lastSeen = new Date(row.last_seen_at).getTime();
  if (new Date(row.expires_at).getTime() <= now.getTime() || lastSeen + IDLE_MS <= now.getTime()) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  if (now.getTime() - lastSeen > TOUCH_EVERY_MS) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
  }
  const roles = await db
    .selectFrom('staff_roles')
    .select(['org_id as orgId', 'role'])
    .where('staff_id', '=', row.id)
    .execute();
  return { id: row.id, username: row.username, displayName: row.display_name, roles };
}
