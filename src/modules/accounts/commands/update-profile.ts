import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { recordEvent, type AuditActor } from '../../../platform/audit/audit.js';
import type { Clock } from '../../../platform/clock/clock.js';
import { RuleError } from '../../../platform/http/errors.js';
import type { Profile } from '../domain/profile.js';

/** Saves the profile (可能适用于您的政策 reads it). The district must be one of the site group's counties. */
export async function updateProfile(
  ctx: { db: Kysely<Database>; clock: Clock; actor: AuditActor },
  accountId: number,
  input: Profile & { displayName: string | null },
  districts: readonly string[],
): Promise<void> {
  if (input.district && !districts.includes(input.district)) throw new RuleError('所在地区的取值无效', 'district');
  const profile = {
    display_name: input.displayName ?? '',
    kind: input.kind,
    industry: input.kind === 'enterprise' ? input.industry : '',
    size: input.kind === 'enterprise' ? input.size : '',
    district: input.district,
  };
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('accounts').select(['display_name', 'kind', 'industry', 'size', 'district']).where('id', '=', accountId).forUpdate().executeTakeFirstOrThrow();
    await trx.updateTable('accounts').set({ ...profile, updated_at: now }).where('id', '=', accountId).execute();
    await recordEvent(trx, { actor: ctx.actor, action: 'account.update', entityType: 'account', entityId: accountId, before, after: profile, at: now });
  });
}

/** Marks one inbox item (or all of them) read. Only the account's own items are touched. */
export async function markInboxRead(db: Kysely<Database>, accountId: number, itemId: number | 'all', now: Date): Promise<void> {
  let q = db.updateTable('inbox_items').set({ read_at: now }).where('account_id', '=', accountId).where('read_at', 'is', null);
  if (itemId !== 'all') q = q.where('id', '=', itemId);
  await q.execute();
}
