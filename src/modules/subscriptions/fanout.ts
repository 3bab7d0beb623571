import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Clock } from '../../platform/clock/clock.js';
import type { Sealer } from '../../platform/crypto/sealer.js';
import { queueSealedMails, type SealedMail } from '../../platform/mail/outbox.js';
import { deliverToInbox } from '../accounts/public.js';
import { describeSubscription } from './domain/kinds.js';
import { contentKind } from '../../platform/content/registry.js';
import { signLink } from './domain/tokens.js';
import { collectTargets, loadPublishedItem, type PublishedItem } from './matching.js';
import type { PublishedItemType } from './publication.js';

export interface FanoutOptions {
  /** Accounts served per transaction. */
  batchSize?: number;
  /** The site's address for links in mail, and its name for the subject. */
  baseUrl: string;
  siteName: string;
  /** Tests and the benchmark: stop (as if the process died) after this many committed batches. */
  stopAfterBatches?: number;
}

export interface FanoutResult {
  state: 'done' | 'skipped';
  matched: number;
  delivered: number;
  mailed: number;
  batches: number;
}

export class SimulatedCrash extends Error {
  constructor() {
    super('模拟中断（测试）');
  }
}

/**
 * Tells every matching subscriber about one publication. First, in one transaction, the matching
 * accounts are recorded (subscription_fanout_targets) with the fan-out's progress row; then they
 * are served in batches, each batch one transaction that puts the item in their inboxes, queues one
 * mail per account that wants mail, and moves the cursor. A crash loses at most the batch under
 * way, which is done again on the next run: the inbox's unique key and the mail's dedupe key make
 * a repeat a no-op, so nobody gets anything twice. An item withdrawn in the meantime stops it.
 */
export async function runFanout(db: Kysely<Database>, clock: Clock, sealer: Sealer, ref: { type: PublishedItemType; id: number }, opts: FanoutOptions): Promise<FanoutResult> {
  const batchSize = opts.batchSize ?? 1000;
  const progress = await db
    .selectFrom('subscription_fanouts')
    .selectAll()
    .where('item_type', '=', ref.type)
    .where('item_id', '=', ref.id)
    .executeTakeFirst();
  if (progress && progress.state !== 'delivering') return summary(progress);

  let item = await loadPublishedItem(db, ref.type, ref.id);
  if (!progress) {
    const now = clock.now();
    const started = await db.transaction().execute(async (trx) => {
      const base = { item_type: ref.type, item_id: ref.id, started_at: now, updated_at: now };
      if (!item) {
        await trx.insertInto('subscription_fanouts').values({ ...base, state: 'skipped', finished_at: now }).onConflict((oc) => oc.doNothing()).execute();
        return false;
      }
      const inserted = await trx.insertInto('subscription_fanouts').values({ ...base, state: 'delivering', finished_at: null }).onConflict((oc) => oc.doNothing()).executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return true; // another run began it
      const matched = await collectTargets(trx, item);
      await trx.updateTable('subscription_fanouts').set({ matched }).where('item_type', '=', ref.type).where('item_id', '=', ref.id).execute();
      return true;
    });
    if (!started) return { state: 'skipped', matched: 0, delivered: 0, mailed: 0, batches: 0 };
  }

  let batchesNow = 0;
  for (;;) {
    const step = await db.transaction().execute(async (trx) => {
      const p = await trx
        .selectFrom('subscription_fanouts')
        .selectAll()
        .where('item_type', '=', ref.type)
        .where('item_id', '=', ref.id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (p.state !== 'delivering') return 'finished' as const;
      const now = clock.now();
      item = await loadPublishedItem(trx, ref.type, ref.id);
      const rows = item ? await nextBatch(trx, ref, p.cursor_account_id, batchSize) : [];
      if (!item || rows.length === 0) {
        await trx.updateTable('subscription_fanouts').set({ state: item ? 'done' : 'skipped', finished_at: now, updated_at: now }).where('item_type', '=', ref.type).where('item_id', '=', ref.id).execute();
        await trx.deleteFrom('subscription_fanout_targets').where('item_type', '=', ref.type).where('item_id', '=', ref.id).execute();
        return 'finished' as const;
      }
      const live = rows.filter((r) => !r.disabled);
      const delivered = await deliverToInbox(
        trx,
        live.map((r) => ({ accountId: r.account_id, type: ref.type, id: ref.id, title: item!.title, url: item!.url, summary: item!.summary, subscriptionId: r.subscription_id })),
        now,
      );
      // Mail goes only to an address its owner confirmed: an account verified by its mobile number
      // alone (or registered without an e-mail) gets its inbox, and nobody else's mailbox is used.
      const mails = live.filter((r) => r.email_subscription_id !== null && r.sub_id !== null && r.email_sealed !== null && r.email_verified_at !== null).map((r) => subscriptionMail(item!, r, sealer, opts));
      const mailed = await queueSealedMails(trx, mails, now);
      await trx
        .updateTable('subscription_fanouts')
        .set((eb) => ({
          cursor_account_id: rows[rows.length - 1]!.account_id,
          delivered: eb('delivered', '+', delivered.length),
          mailed: eb('mailed', '+', mailed),
          batches: eb('batches', '+', 1),
          updated_at: now,
        }))
        .where('item_type', '=', ref.type)
        .where('item_id', '=', ref.id)
        .execute();
      return 'batch' as const;
    });
    if (step === 'finished') break;
    batchesNow++;
    if (opts.stopAfterBatches !== undefined && batchesNow >= opts.stopAfterBatches) throw new SimulatedCrash();
  }
  const done = await db.selectFrom('subscription_fanouts').selectAll().where('item_type', '=', ref.type).where('item_id', '=', ref.id).executeTakeFirstOrThrow();
  return summary(done);
}

function summary(p: { state: string; matched: number; delivered: number; mailed: number; batches: number }): FanoutResult {
  return { state: p.state === 'skipped' ? 'skipped' : 'done', matched: p.matched, delivered: p.delivered, mailed: p.mailed, batches: p.batches };
}

interface TargetRow {
  account_id: number;
  subscription_id: number;
  email_subscription_id: number | null;
  disabled: boolean;
  email_sealed: string | null;
  email_verified_at: Date | string | null;
  email_masked: string;
  sub_id: number | null;
  kind: 'topic' | 'audience' | 'org' | 'doc_type' | 'keyword' | null;
  term: string | null;
  topic_name: string | null;
  org_name: string | null;
}

async function nextBatch(trx: Parameters<typeof loadPublishedItem>[0], ref: { type: PublishedItemType; id: number }, cursor: number, limit: number): Promise<TargetRow[]> {
  return trx
    .selectFrom('subscription_fanout_targets as t')
    .innerJoin('accounts as a', 'a.id', 't.account_id')
    // The subscription named in the mail: the one with e-mail on, still there and still on.
    .leftJoin('subscriptions as s', (j) => j.onRef('s.id', '=', 't.email_subscription_id').on('s.email', '=', true))
    .leftJoin('topics as tp', 'tp.id', 's.topic_id')
    .leftJoin('organizations as o', 'o.id', 's.org_id')
    .select(['t.account_id', 't.subscription_id', 't.email_subscription_id', 'a.disabled', 'a.email_sealed', 'a.email_verified_at', 'a.email_masked', 's.id as sub_id', 's.kind', 's.term', 'tp.name as topic_name', 'o.name as org_name'])
    .where('t.item_type', '=', ref.type)
    .where('t.item_id', '=', ref.id)
    .where('t.account_id', '>', cursor)
    .orderBy('t.account_id')
    .limit(limit)
    .execute() as Promise<TargetRow[]>;
}

/** One subscriber's mail about one item: once only (its dedupe key), with a one-click unsubscribe link. */
function subscriptionMail(item: PublishedItem, r: TargetRow, sealer: Sealer, opts: FanoutOptions): SealedMail {
  const what = describeSubscription({ kind: r.kind!, term: r.term ?? '', topicName: r.topic_name, orgName: r.org_name });
  const unsubscribe = `${opts.baseUrl}/subscriptions/unsubscribe?token=${signLink(sealer, 'unsubscribe', r.sub_id!)}`;
  return {
    kind: 'subscription',
    toSealed: r.email_sealed!,
    toMasked: r.email_masked,
    accountId: r.account_id,
    dedupeKey: `pub:${item.type}:${item.id}:${r.account_id}`,
    subject: `【${opts.siteName}】您订阅的${contentKind(item.type).publicLabel}：${item.title}`.slice(0, 200),
    text:
      `您好：\n\n您订阅的“${what}”有新的${contentKind(item.type).publicLabel}发布：\n\n${item.title}\n${item.summary}\n${opts.baseUrl}${item.url}\n\n` +
      `在个人中心查看全部消息：${opts.baseUrl}/account\n管理订阅：${opts.baseUrl}/account/subscriptions\n不再接收此订阅（一键退订）：${unsubscribe}\n\n此邮件由系统自动发送，请勿直接回复。`,
  };
}
