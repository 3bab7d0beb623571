import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { recordEvent } from '../../../platform/audit/audit.js';
import { verifyPassword } from '../../../platform/auth/password.js';
import { createSession } from '../../../platform/auth/sessions.js';
import type { Clock } from '../../../platform/clock/clock.js';
import { RuleError } from '../../../platform/http/errors.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

/** A fixed hash to compare against when the account does not exist, so timing reveals nothing. */
const DUMMY_HASH = 'scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/**
 * Signs a staff member in. After MAX_FAILED_LOGINS wrong passwords in a row the account locks for
 * LOCK_MINUTES; the message never says whether the user name exists.
 */
export async function login(db: Kysely<Database>, clock: Clock, input: { username: string; password: string; ip: string }): Promise<string> {
  const now = clock.now();
  const account = await db.selectFrom('staff').selectAll().where('username', '=', input.username).executeTakeFirst();
  const ok = await verifyPassword(input.password, account?.password_hash ?? DUMMY_HASH);
  const actor = { id: account?.id ?? null, label: account ? `${account.display_name}（${account.username}）` : `未知账号（${input.username.slice(0, 40)}）`, ip: input.ip };
  if (account && account.locked_until && new Date(account.locked_until).getTime() > now.getTime()) {
    throw new RuleError(`该账号因多次密码错误已被临时锁定，请于 ${minutesLeft(account.locked_until, now)} 分钟后再试，或联系管理员解锁。`);
  }
  if (!account || !ok || account.disabled) {
    await db.transaction().execute(async (trx) => {
      if (account && !account.disabled) {
        const failed = account.failed_logins + 1;
        const locked = failed >= MAX_FAILED_LOGINS;
        await trx
          .updateTable('staff')
          .set({ failed_logins: locked ? 0 : failed, locked_until: locked ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null })
          .where('id', '=', account.id)
          .execute();
        await recordEvent(trx, { actor, action: locked ? 'staff.locked' : 'staff.login_failed', entityType: 'staff', entityId: account.id, after: { failed }, at: now });
      } else {
        await recordEvent(trx, { actor, action: 'staff.login_failed', entityType: 'staff', entityId: '-', at: now });
      }
    });
    throw new RuleError('用户名或密码不正确。');
  }
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('staff').set({ failed_logins: 0, locked_until: null, last_login_at: now }).where('id', '=', account.id).execute();
    const token = await createSession(trx, account.id, now);
    await recordEvent(trx, { actor, action: 'staff.login', entityType: 'staff', entityId: account.id, at: now });
    return token;
  });
}

function minutesLeft(until: Date | string, now: Date): number {
  return Math.max(1, Math.ceil((new Date(until).getTime() - now.getTime()) / 60_000));
}
