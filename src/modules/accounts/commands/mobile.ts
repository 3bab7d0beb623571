import { recordEvent } from '../../../platform/audit/audit.js';
import { maskMobile, queueSms } from '../../../platform/mail/outbox.js';
import { mobileCodeSms, mobileExistsSms } from '../domain/mails.js';
import { issueSmsCode, mobileKey, spendSmsCode, type AccountsContext, type CodeCheck } from './tokens.js';

const label = (id: number, masked: string) => `公众账号 #${id}（${masked}）`;

/**
 * Registers an account by mobile number and queues the SMS with its code. As with e-mail, the
 * answer does not tell whether the number is registered: its owner gets a message saying so.
 * Called by registerAccount once the password has passed the rule and been hashed.
 */
export async function registerMobileAccount(ctx: AccountsContext, input: { mobile: string; kind: 'person' | 'enterprise'; passwordHash: string }, meta: { site: string; ip: string }): Promise<void> {
  const now = ctx.clock.now();
  const key = mobileKey(ctx.sealer, input.mobile);
  const masked = maskMobile(input.mobile);
  await ctx.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('accounts').select('id').where('mobile_key', '=', key).executeTakeFirst();
    if (existing) {
      await queueSms(trx, ctx.sealer, { kind: 'account_exists', to: input.mobile, accountId: existing.id, ...mobileExistsSms(meta.site) }, now);
      return;
    }
    const row = await trx
      .insertInto('accounts')
      .values({ email_sealed: null, email_key: null, mobile_sealed: ctx.sealer.seal(input.mobile), mobile_key: key, mobile_masked: masked, password_hash: input.passwordHash, email_verified_at: null, kind: input.kind, locked_until: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const code = await issueSmsCode(trx, ctx.sealer, row.id, now);
    await queueSms(trx, ctx.sealer, { kind: 'account_verify_mobile', to: input.mobile, accountId: row.id, ...mobileCodeSms(meta.site, code) }, now);
    await recordEvent(trx, { actor: { id: null, label: label(row.id, masked), ip: meta.ip }, action: 'account.register', entityType: 'account', entityId: row.id, after: { mobile: masked, kind: input.kind }, at: now });
  });
}

/** Marks the number verified by the code from its SMS. An unknown number answers like a wrong code. */
export async function verifyMobile(ctx: AccountsContext, mobile: string, code: string, ip: string): Promise<CodeCheck> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const a = await trx.selectFrom('accounts').select(['id', 'mobile_masked', 'mobile_verified_at', 'disabled']).where('mobile_key', '=', mobileKey(ctx.sealer, mobile)).executeTakeFirst();
    if (!a || a.disabled) return { ok: false, reason: 'wrong' } as const;
    const check = await spendSmsCode(trx, ctx.sealer, a.id, code, now);
    if (check.ok && !a.mobile_verified_at) {
      await trx.updateTable('accounts').set({ mobile_verified_at: now, updated_at: now }).where('id', '=', a.id).execute();
      await recordEvent(trx, { actor: { id: null, label: label(a.id, a.mobile_masked), ip }, action: 'account.verify', entityType: 'account', entityId: a.id, after: { channel: 'mobile' }, at: now });
    }
    return check;
  });
}

/** A new code for a registered number not yet verified; silent for any other number. */
export async function resendMobileCode(ctx: AccountsContext, mobile: string, site: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const a = await trx.selectFrom('accounts').select(['id', 'mobile_verified_at', 'disabled']).where('mobile_key', '=', mobileKey(ctx.sealer, mobile)).executeTakeFirst();
    if (!a || a.mobile_verified_at || a.disabled) return;
    const code = await issueSmsCode(trx, ctx.sealer, a.id, now);
    await queueSms(trx, ctx.sealer, { kind: 'account_verify_mobile', to: mobile, accountId: a.id, ...mobileCodeSms(site, code) }, now);
  });
}
