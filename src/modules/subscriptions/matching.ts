import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { PUBLIC_ATTRIBUTES } from '../documents/domain/labels.js';
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
 * or gone): then nobody is told about it.
 */
export async function loadPublishedItem(db: Db, type: PublishedItemType, id: number): Promise<PublishedItem | null> {
  if (type === 'document') {
    const d = await db
      .selectFrom('documents as d')
      .innerJoin('organizations as o', 'o.id', 'd.org_id')
      .select(['d.id', 'd.title', 'd.doc_no', 'd.org_id', 'd.topic_id', 'd.audiences', 'd.doc_type', 'o.short_name'])
      .where('d.id', '=', id)
      .where('d.status', '=', 'published')
      .where('d.attribute', 'in', PUBLIC_ATTRIBUTES)
      .executeTakeFirst();
    if (!d) return null;
    return {
      type, id, title: d.title, url: `/documents/${id}`, summary: [d.short_name, d.doc_no].filter(Boolean).join(' · '),
      orgIds: [d.org_id], topicIds: await withParentTopics(db, d.topic_id ? [d.topic_id] : []), audiences: d.audiences, docTypes: [d.doc_type],
      vector: sql`(select search_vector from documents where id = ${id})`,
    };
  }
  if (type === 'interpretation') {
    const i = await db
      .selectFrom('interpretations as i')
      .innerJoin('organizations as o', 'o.id', 'i.org_id')
      .select(['i.id', 'i.title', 'i.body_text', 'i.org_id', 'o.short_name'])
      .where('i.id', '=', id)
      .where('i.status', '=', 'published')
      .executeTakeFirst();
    if (!i) return null;
    // What it explains: the topics, audiences and document types of its documents.
    const docs = await db
      .selectFrom('interpretation_documents as l')
      .innerJoin('documents as d', 'd.id', 'l.document_id')
      .select(['d.topic_id', 'd.audiences', 'd.doc_type'])
      .where('l.interpretation_id', '=', id)
      .execute();
    return {
      type, id, title: i.title, url: `/interpretations/${id}`, summary: `${i.short_name} · 政策解读`,
      orgIds: [i.org_id],
      topicIds: await withParentTopics(db, docs.flatMap((d) => (d.topic_id ? [d.topic_id] : []))),
      audiences: [...new Set(docs.flatMap((d) => d.audiences))],
      docTypes: [...new Set(docs.map((d) => d.doc_type))],
      vector: sql`to_tsvector('simple', ${segmentForIndex(`${i.title} ${i.body_text.slice(0, 100_000)}`)})`,
    };
  }
  const q = await db
    .selectFrom('qa_entries as q')
    .innerJoin('organizations as o', 'o.id', 'q.org_id')
    .select(['q.id', 'q.question', 'q.org_id', 'q.topic_id', 'q.audiences', 'q.department', 'o.short_name'])
    .where('q.id', '=', id)
    .where('q.status', '=', 'published')
    .executeTakeFirst();
  if (!q) return null;
  const headline = q.question.split('\n', 1)[0]!.trim();
  return {
    type, id, title: headline.length > 80 ? `${headline.slice(0, 80)}…` : headline, url: `/qa/${id}`, summary: `${q.department || q.short_name} · 政策问答`,
    orgIds: [q.org_id], topicIds: await withParentTopics(db, q.topic_id ? [q.topic_id] : []), audiences: q.audiences, docTypes: [],
    vector: sql`(select search_vector from qa_entries where id = ${id})`,
  };
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
