import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { Clock } from '../../platform/clock/clock.js';
import type { Sealer } from '../../platform/crypto/sealer.js';
import type { Actor } from '../../platform/auth/sessions.js';
import { hashPassword } from '../../platform/auth/password.js';
import { maskEmail } from '../../platform/mail/outbox.js';
import { emailKey } from '../../modules/accounts/commands/tokens.js';
import { createSubscription } from '../../modules/subscriptions/commands/subscribe.js';
import { runFanout } from '../../modules/subscriptions/fanout.js';

export const DEMO_ACCOUNT_EMAIL = 'demo@example.com';

/**
 * A verified public account (a small manufacturer in 东山县) with two subscriptions, and its inbox
 * filled by running the fan-out of the demo's published documents (the queued fan-out jobs then
 * find them done and send nothing twice).
 */
export async function seedDemoSubscriptions(db: Kysely<Database>, clock: Clock, sealer: Sealer, demo: { orgIds: Map<string, number>; actors: Map<string, Actor>; docIds: Map<string, number> }): Promise<void> {
  const now = clock.now();
  const { DEMO_PASSWORD } = await import('./demo.js');
  const account = await db
    .insertInto('accounts')
    .values({
      email_sealed: sealer.seal(DEMO_ACCOUNT_EMAIL), email_key: emailKey(sealer, DEMO_ACCOUNT_EMAIL), email_masked: maskEmail(DEMO_ACCOUNT_EMAIL),
      display_name: '江宁精工机械有限公司', password_hash: await hashPassword(DEMO_PASSWORD), email_verified_at: now,
      kind: 'enterprise', industry: 'C', size: 'small', district: '东山县', locked_until: null, created_at: now, updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ctx = { db, clock, actor: { id: null, label: `公众账号 #${account.id}（演示数据）` } };
  const topic = await db.selectFrom('topics').select('id').where('name', '=', '劳动就业').executeTakeFirstOrThrow();
  await createSubscription(ctx, account.id, { kind: 'topic', target: String(topic.id), email: true });
  await createSubscription(ctx, account.id, { kind: 'audience', target: '中小微企业', email: false });
  for (const id of demo.docIds.values()) {
    await runFanout(db, clock, sealer, { type: 'document', id }, { baseUrl: 'http://localhost:3000', siteName: '江宁市人民政府信息公开平台' });
  }
}
