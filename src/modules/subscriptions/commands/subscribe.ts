import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { SubscriptionKind } from '../../../db/schema-subscriptions.js';
import { recordEvent, type AuditActor } from '../../../platform/audit/audit.js';
import type { Clock } from '../../../platform/clock/clock.js';
import { NotFoundError, RuleError } from '../../../platform/http/errors.js';
import { parseQuery } from '../../../platform/search/index.js';
import { MAX_KEYWORD_LENGTH, MAX_SUBSCRIPTIONS } from '../domain/kinds.js';

export interface SubscriptionContext {
  db: Kysely<Database>;
  clock: Clock;
  actor: AuditActor;
}

export interface NewSubscription {
  kind: SubscriptionKind;
  /** Topic or organization id, audience or document type name, or the keyword as typed. */
  target: string;
  email: boolean;
}

/** Checks the target against the reference lists and returns the row's columns. */
async function columnsOf(db: Kysely<Database>, s: NewSubscription) {
  const none = { topic_id: null, org_id: null, term: '', keyword_query: null } as { topic_id: number | null; org_id: number | null; term: string; keyword_query: ReturnType<typeof sql<string>> | null };
  if (s.kind === 'topic' || s.kind === 'org') {
    const id = /^\d{1,15}$/.test(s.target) ? Number(s.target) : 0;
    const found = s.kind === 'topic' ? await db.selectFrom('topics').select('id').where('id', '=', id).executeTakeFirst() : await db.selectFrom('organizations').select('id').where('id', '=', id).executeTakeFirst();
    if (!found) throw new RuleError(s.kind === 'topic' ? '请选择主题分类' : '请选择发布机构', 'target');
    return s.kind === 'topic' ? { ...none, topic_id: id } : { ...none, org_id: id };
  }
  if (s.kind === 'audience' || s.kind === 'doc_type') {
    const found = s.kind === 'audience' ? await db.selectFrom('audiences').select('name').where('name', '=', s.target).executeTakeFirst() : await db.selectFrom('doc_types').select('name').where('name', '=', s.target).executeTakeFirst();
    if (!found) throw new RuleError(s.kind === 'audience' ? '请选择服务对象' : '请选择文种', 'target');
    return { ...none, term: s.target };
  }
  const keyword = s.target.replace(/\s+/g, ' ').trim();
  if (!keyword) throw new RuleError('请填写关键词', 'target');
  if (Array.from(keyword).length > MAX_KEYWORD_LENGTH) throw new RuleError(`关键词不能超过 ${MAX_KEYWORD_LENGTH} 个字`, 'target');
  if (/[<>]/.test(keyword)) throw new RuleError('关键词不能包含尖括号 < >', 'target');
  // Segmented exactly like a search of the library, so a keyword matches what searching it would find.
  const query = parseQuery(keyword, { maxLength: MAX_KEYWORD_LENGTH }).tsquery;
  if (!query) throw new RuleError('关键词中没有可检索的文字，请换一个词', 'target');
  return { ...none, term: keyword, keyword_query: sql<string>`to_tsquery('simple', ${query})` };
}

/** Adds a subscription; the same one twice is refused with a message, not a second row. */
export async function createSubscription(ctx: SubscriptionContext, accountId: number, s: NewSubscription): Promise<number> {
  const cols = await columnsOf(ctx.db, s);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    await trx.selectFrom('accounts').select('id').where('id', '=', accountId).forUpdate().executeTakeFirstOrThrow();
    const n = await trx.selectFrom('subscriptions').select((eb) => eb.fn.countAll<number>().as('n')).where('account_id', '=', accountId).executeTakeFirstOrThrow();
    if (Number(n.n) >= MAX_SUBSCRIPTIONS) throw new RuleError(`每个账号最多订阅 ${MAX_SUBSCRIPTIONS} 项，请先退订不需要的。`, 'target');
    const row = await trx
      .insertInto('subscriptions')
      .values({ account_id: accountId, kind: s.kind, ...cols, email: s.email, created_at: now })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new RuleError('您已订阅过这一项。', 'target');
    await recordEvent(trx, { actor: ctx.actor, action: 'subscription.create', entityType: 'subscription', entityId: row.id, after: { accountId, kind: s.kind, topicId: cols.topic_id, orgId: cols.org_id, term: cols.term, email: s.email }, at: now });
    return row.id;
  });
}

/**
 * Removes a subscription: from the personal center (accountId given: only one's own) or by a
 * signed one-click link (accountId null: the link's signature was checked by the caller).
 * Returns false when it was already gone.
 */
export async function deleteSubscription(ctx: SubscriptionContext, subscriptionId: number, accountId: number | null, via: 'center' | 'link'): Promise<boolean> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('subscriptions').select(['id', 'account_id', 'kind', 'topic_id', 'org_id', 'term']).where('id', '=', subscriptionId).forUpdate().executeTakeFirst();
    if (!row) return false;
    if (accountId !== null && row.account_id !== accountId) throw new NotFoundError('该订阅不存在。');
    await trx.deleteFrom('subscriptions').where('id', '=', subscriptionId).execute();
    await recordEvent(trx, { actor: ctx.actor, action: 'subscription.delete', entityType: 'subscription', entityId: subscriptionId, before: { accountId: row.account_id, kind: row.kind, topicId: row.topic_id, orgId: row.org_id, term: row.term }, after: { via }, at: ctx.clock.now() });
    return true;
  });
}

/** Turns a subscription's e-mail on or off (the inbox always gets it). */
export async function setSubscriptionEmail(ctx: SubscriptionContext, subscriptionId: number, accountId: number, email: boolean): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const r = await trx.updateTable('subscriptions').set({ email }).where('id', '=', subscriptionId).where('account_id', '=', accountId).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new NotFoundError('该订阅不存在。');
    await recordEvent(trx, { actor: ctx.actor, action: 'account.update', entityType: 'subscription', entityId: subscriptionId, after: { email }, at: ctx.clock.now() });
  });
}
