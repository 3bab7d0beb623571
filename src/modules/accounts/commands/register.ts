import { recordEvent } from '../../../platform/audit/audit.js';
import { checkPasswordStrength, hashPassword } from '../../../platform/auth/password.js';
import { RuleError } from '../../../platform/http/errors.js';
import { maskEmail, queueMail } from '../../../platform/mail/outbox.js';
import { alreadyRegisteredMail, verifyMail } from '../domain/mails.js';
import { registerMobileAccount } from './mobile.js';
import { emailKey, issueToken, spendToken, type AccountsContext, type TokenCheck } from './tokens.js';

export interface Registration {
  /** One of the two: the e-mail address or the mobile number the account signs in with. */
  email: string | null;
  mobile: string | null;
  password: string;
  kind: 'person' | 'enterprise';
}

/**
 * Registers a public account and queues the verification mail (sent after commit by the mail
 * job). The answer is the same whether or not the address is already registered — its owner gets
 * a mail saying so — so the form cannot be used to find out who has an account.
 */
export async function registerAccount(ctx: AccountsContext, input: Registration, mail: { site: string; base: string; ip: string }): Promise<void> {
  const weak = checkPasswordStrength(input.password, [input.email, input.mobile]);
  if (weak) throw new RuleError(weak, 'password');
  const passwordHash = await hashPassword(input.password);
  if (input.mobile) return registerMobileAccount(ctx, { mobile: input.mobile, kind: input.kind, passwordHash }, { site: mail.site, ip: mail.ip });
  if (!input.email) throw new RuleError('请填写手机号码或电子邮箱', 'email');
  const email = input.email;
  const now = ctx.clock.now();
  const key = emailKey(ctx.sealer, email);
  const masked = maskEmail(email);
  await ctx.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('accounts').select('id').where('email_key', '=', key).executeTakeFirst();
    if (existing) {
      await queueMail(trx, ctx.sealer, { kind: 'account_exists', to: email, accountId: existing.id, ...textOf(alreadyRegisteredMail(mail.site, mail.base)) }, now);
      return;
    }
    const row = await trx
      .insertInto('accounts')
      .values({ email_sealed: ctx.sealer.seal(email), email_key: key, email_masked: masked, password_hash: passwordHash, email_verified_at: null, kind: input.kind, locked_until: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const token = await issueToken(trx, row.id, 'verify', now);
    await queueMail(trx, ctx.sealer, { kind: 'account_verify', to: email, accountId: row.id, ...textOf(verifyMail(mail.site, mail.base, token)) }, now);
    await recordEvent(trx, { actor: { id: null, label: `公众账号 #${row.id}（${masked}）`, ip: mail.ip }, action: 'account.register', entityType: 'account', entityId: row.id, after: { email: masked, kind: input.kind }, at: now });
  });
}

/** Sends a new verification link to an unverified account; silent for any other address. */
export async function resendVerification(ctx: AccountsContext, email: string, mail: { site: string; base: string }): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const a = await trx.selectFrom('accounts').select(['id', 'email_verified_at', 'disabled']).where('email_key', '=', emailKey(ctx.sealer, email)).executeTakeFirst();
    if (!a || a.email_verified_at || a.disabled) return;
    const token = await issueToken(trx, a.id, 'verify', now);
    await queueMail(trx, ctx.sealer, { kind: 'account_verify', to: email, accountId: a.id, ...textOf(verifyMail(mail.site, mail.base, token)) }, now);
  });
}

/** Marks the address verified by the link's one-time token. */
export async function verifyEmail(ctx: Omit<AccountsContext, 'sealer'>, token: string, ip: string): Promise<TokenCheck> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const check = await spendToken(trx, token, 'verify', now);
    if (!check.ok) return check;
    const a = await trx.selectFrom('accounts').select(['id', 'email_masked', 'email_verified_at']).where('id', '=', check.accountId).executeTakeFirstOrThrow();
    if (!a.email_verified_at) {
      await trx.updateTable('accounts').set({ email_verified_at: now, updated_at: now }).where('id', '=', a.id).execute();
      await recordEvent(trx, { actor: { id: null, label: `公众账号 #${a.id}（${a.email_masked}）`, ip }, action: 'account.verify', entityType: 'account', entityId: a.id, at: now });
    }
    return check;
  });
}

const textOf = (m: { subject: string; text: string }) => ({ subject: m.subject, text: m.text });
