import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ContentKind } from '../../platform/content/kind.js';
import { contentKind, titleSql } from '../../platform/content/registry.js';
import { segmentForIndex } from '../../platform/search/index.js';
import type { PublishedItemType } from './publication.js';

/** What a subscription can match in a published item, and how the item is shown to a subscriber. */
export interface PublishedItem {
  type: PublishedItemType;
  id: number;
  title: string;
  url: string;
  summary: string;
  orgIds: number[];
  /** The item's topic and the topics above it: a subscription to a parent topic covers its children. */
  topicIds: number[];
  audiences: string[];
  docTypes: string[];
  /** The item's segmented title and body as a tsvector, for keyword subscriptions. */
  vector: RawBuilder<unknown>;
}

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The item as published now, or null when it is not (withdrawn before the fan-out ran, not public,
 * or gone): then nobody is told about it. What it offers to follow comes from its kind's facets.
 */
export async function loadPublishedItem(db: Db, type: PublishedItemType, id: number): Promise<PublishedItem | null> {
  const kind = contentKind(type);
  const f = kind.subscription;
  if (!f) return null;
  const none = sql`array[]::text[]`;
  const r = await sql<{ title: string; org_id: number; topic_ids: number[] | null; audiences: string[] | null; doc_types: string[] | null; summary: string; text: string | null }>`
    select left(${titleSql(kind, 'x')}, 200) as title, x.org_id, ${f.topicIds?.('x') ?? sql`array[]::bigint[]`} as topic_ids,
           ${f.audiences?.('x') ?? none} as audiences, ${f.docTypes?.('x') ?? none} as doc_types, ${f.summary('x')} as summary,
           ${f.vector ? sql`null` : (f.searchText?.('x') ?? sql`''`)} as text
    from ${sql.table(kind.table)} x join organizations o on o.id = x.org_id
    where x.id = ${id} and ${kind.publicSql('x')}`.execute(db);
  const row = r.rows[0];
  if (!row) return null;
  const title = row.title.length > 80 ? `${row.title.slice(0, 80)}…` : row.title;
  return {
    type, id, title, url: kind.publicUrl(id), summary: row.summary,
    orgIds: (await ownedBy(db, kind, id)) ? [Number(row.org_id)] : [],
    topicIds: await withParentTopics(db, (row.topic_ids ?? []).map(Number)),
    audiences: row.audiences ?? [], docTypes: row.doc_types ?? [],
    vector: f.vector ? sql`(select ${f.vector('x')} from ${sql.table(kind.table)} x where x.id = ${id})` : sql`to_tsvector('simple', ${segmentForIndex(row.text ?? '')})`,
  };
}

/** Whether following the item's organization covers it (its own items, not the reference material it keeps). */
async function ownedBy(db: Db, kind: ContentKind, id: number): Promise<boolean> {
  const own = kind.subscription?.ownSql;
  if (!own) return true;
  const r = await sql<{ own: boolean }>`select ${own('x')} as own from ${sql.table(kind.table)} x where x.id = ${id}`.execute(db);
  return r.rows[0]?.own === true;
}

async function withParentTopics(db: Db, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const r = await sql<{ id: number }>`
    with recursive up as (
      select id, parent_id from topics where id in (${sql.join(ids)})
      union
      select t.id, t.parent_id from topics t join up on t.id = up.parent_id
    )
    select id from up`.execute(db);
  return r.rows.map((x) => Number(x.id));
}

/**
 * Every subscription that matches the item, as one UNION ALL of the five kinds, each under its own
 * partial index (keyword subscriptions: the item's tsvector against each stored tsquery).
 */
export function matchingSubscriptions(item: PublishedItem): RawBuilder<{ id: number; account_id: number; email: boolean }> {
  const parts: RawBuilder<unknown>[] = [];
  if (item.topicIds.length) parts.push(sql`select id, account_id, email from subscriptions where kind = 'topic' and topic_id in (${sql.join(item.topicIds)})`);
  if (item.orgIds.length) parts.push(sql`select id, account_id, email from subscriptions where kind = 'org' and org_id in (${sql.join(item.orgIds)})`);
  if (item.audiences.length) parts.push(sql`select id, account_id, email from subscriptions where kind = 'audience' and term in (${sql.join(item.audiences)})`);
  if (item.docTypes.length) parts.push(sql`select id, account_id, email from subscriptions where kind = 'doc_type' and term in (${sql.join(item.docTypes)})`);
  // OFFSET 0 keeps the planner from pulling the item's vector into the scan, where an interpretation's
  // to_tsvector(…) would be computed again for every keyword subscription.
  parts.push(sql`select s.id, s.account_id, s.email from subscriptions s, (select ${item.vector} as tsv offset 0) v where s.kind = 'keyword' and v.tsv @@ s.keyword_query`);
  return sql`${sql.join(parts, sql` union all `)}`;
}

/**
 * Records, in the caller's transaction, every verified and enabled account with a matching
 * subscription: its first matching subscription and its first with e-mail on. Returns how many.
 */
export async function collectTargets(trx: Transaction<Database>, item: PublishedItem): Promise<number> {
  const r = await sql`
    insert into subscription_fanout_targets (item_type, item_id, account_id, subscription_id, email_subscription_id)
    select ${item.type}, ${item.id}, m.account_id, min(m.id), min(m.id) filter (where m.email)
    from (${matchingSubscriptions(item)}) m
    join accounts a on a.id = m.account_id
    where (a.email_verified_at is not null or a.mobile_verified_at is not null) and not a.disabled
    group by m.account_id
    on conflict do nothing`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}
