import { recordEvent } from '../../../platform/audit/audit.js';
import { createAccountSession, deleteAccountSession } from '../../../platform/auth/accounts.js';
import { checkPasswordStrength, hashPassword, verifyPassword } from '../../../platform/auth/password.js';
import { RuleError } from '../../../platform/http/errors.js';
import { queueMail } from '../../../platform/mail/outbox.js';
import { resetMail } from '../domain/mails.js';
import type { Identifier } from '../domain/identifier.js';
import { emailKey, issueToken, mobileKey, spendToken, type AccountsContext, type TokenCheck } from './tokens.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
/** Compared against when the address is unknown, so the time taken reveals nothing. */
const DUMMY_HASH = 'scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** The password was right but the address (or number) is not verified yet: the page offers a new link or code. */
export class UnverifiedError extends RuleError {
  constructor(public readonly via: 'email' | 'mobile' = 'email') {
    super(via === 'email' ? '您的电子邮箱尚未验证，请先打开验证邮件中的链接。没有收到邮件？可以重新发送验证邮件。' : '您的手机号码尚未验证，请输入短信中的验证码完成验证。');
  }
}

const label = (a: { id: number; email_masked: string; mobile_masked?: string }) => `公众账号 #${a.id}（${a.email_masked || a.mobile_masked}）`;

/**
 * Signs a public account in and returns the session token. Wrong passwords count towards a
 * temporary lock (MAX_FAILED_LOGINS, then LOCK_MINUTES); messages never tell whether an address
 * is registered; an unverified address is told only to whoever knows its password.
 */
export async function signIn(ctx: AccountsContext, input: { login: Identifier; password: string; ip: string }): Promise<string> {
  const now = ctx.clock.now();
  const { login } = input;
  const byKey = login.kind === 'email' ? ctx.db.selectFrom('accounts').selectAll().where('email_key', '=', emailKey(ctx.sealer, login.value)) : ctx.db.selectFrom('accounts').selectAll().where('mobile_key', '=', mobileKey(ctx.sealer, login.value));
  const a = await byKey.executeTakeFirst();
  const ok = await verifyPassword(input.password, a?.password_hash ?? DUMMY_HASH);
  if (a && a.locked_until && new Date(a.locked_until).getTime() > now.getTime()) {
    const minutes = Math.max(1, Math.ceil((new Date(a.locked_until).getTime() - now.getTime()) / 60_000));
    throw new RuleError(`该账号因多次密码错误已被临时锁定，请于 ${minutes} 分钟后再试，或通过“忘记密码”重设密码。`);
  }
  if (!a || !ok || a.disabled) {
    if (a && !a.disabled) {
      await ctx.db.transaction().execute(async (trx) => {
        const failed = a.failed_logins + 1;
        const locked = failed >= MAX_FAILED_LOGINS;
        await trx.updateTable('accounts').set({ failed_logins: locked ? 0 : failed, locked_until: locked ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null }).where('id', '=', a.id).execute();
        await recordEvent(trx, { actor: { id: null, label: label(a), ip: input.ip }, action: 'account.login_failed', entityType: 'account', entityId: a.id, after: { failed, locked }, at: now });
      });
    }
    throw new RuleError(login.kind === 'email' ? '电子邮箱或密码不正确。' : '手机号码或密码不正确。');
  }
  if (!(login.kind === 'email' ? a.email_verified_at : a.mobile_verified_at)) throw new UnverifiedError(login.kind);
  return ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('accounts').set({ failed_logins: 0, locked_until: null }).where('id', '=', a.id).execute();
    const token = await createAccountSession(trx, a.id, now);
    await recordEvent(trx, { actor: { id: null, label: label(a), ip: input.ip }, action: 'account.login', entityType: 'account', entityId: a.id, at: now });
    return token;
  });
}

export async function signOut(ctx: Omit<AccountsContext, 'sealer'>, token: string, account: { id: number; emailMasked: string }, ip: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await deleteAccountSession(trx, token);
    await recordEvent(trx, { actor: { id: null, label: `公众账号 #${account.id}（${account.emailMasked}）`, ip }, action: 'account.logout', entityType: 'account', entityId: account.id, at: ctx.clock.now() });
  });
}

/** Mails a reset link to a registered address; silent for any other. */
export async function requestPasswordReset(ctx: AccountsContext, email: string, mail: { site: string; base: string }): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const a = await trx.selectFrom('accounts').select(['id', 'disabled']).where('email_key', '=', emailKey(ctx.sealer, email)).executeTakeFirst();
    if (!a || a.disabled) return;
    const token = await issueToken(trx, a.id, 'reset', now);
    await queueMail(trx, ctx.sealer, { kind: 'account_reset', to: email, accountId: a.id, ...resetMail(mail.site, mail.base, token) }, now);
  });
}

/**
 * Sets a new password with a reset link: the lock is lifted, every session of the account ends,
 * and the address counts as verified (the link reached its mailbox).
 */
export async function resetPassword(ctx: Omit<AccountsContext, 'sealer'>, input: { token: string; password: string; ip: string }): Promise<TokenCheck> {
  const weak = checkPasswordStrength(input.password);
  if (weak) throw new RuleError(weak, 'password');
  const hash = await hashPassword(input.password);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const check = await spendToken(trx, input.token, 'reset', now);
    if (!check.ok) return check;
    const a = await trx.selectFrom('accounts').select(['id', 'email_masked', 'email_verified_at']).where('id', '=', check.accountId).executeTakeFirstOrThrow();
    await trx
      .updateTable('accounts')
      .set({ password_hash: hash, failed_logins: 0, locked_until: null, email_verified_at: a.email_verified_at ?? now, updated_at: now })
      .where('id', '=', a.id)
      .execute();
    await trx.deleteFrom('account_sessions').where('account_id', '=', a.id).execute();
    await recordEvent(trx, { actor: { id: null, label: label(a), ip: input.ip }, action: 'account.password_reset', entityType: 'account', entityId: a.id, at: now });
    return check;
  });
}
