import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { SubscriptionKind } from '../../db/schema-subscriptions.js';
import { PUBLIC_ATTRIBUTES } from '../documents/domain/labels.js';
import { describeSubscription } from './domain/kinds.js';

export async function listSubscriptions(db: Kysely<Database>, accountId: number) {
  const rows = await db
    .selectFrom('subscriptions as s')
    .leftJoin('topics as t', 't.id', 's.topic_id')
    .leftJoin('organizations as o', 'o.id', 's.org_id')
    .select(['s.id', 's.kind', 's.term', 's.email', 's.created_at', 't.name as topic_name', 'o.name as org_name'])
    .where('s.account_id', '=', accountId)
    .orderBy('s.id')
    .execute();
  return rows.map((r) => ({ ...r, label: describeSubscription({ kind: r.kind, term: r.term, topicName: r.topic_name, orgName: r.org_name }) }));
}

export type SubscriptionRow = Awaited<ReturnType<typeof listSubscriptions>>[number];

/** The choices of the subscription form: topics (indented under their parents), organizations, audiences, document types. */
export async function subscriptionChoices(db: Kysely<Database>) {
  const [topics, orgs, audiences, docTypes] = await Promise.all([
    db.selectFrom('topics').select(['id', 'name', 'parent_id', 'position']).orderBy('position').orderBy('id').execute(),
    db.selectFrom('organizations').select(['id', 'name', 'parent_id']).where('successor_id', 'is', null).orderBy('position').orderBy('id').execute(),
    db.selectFrom('audiences').select('name').orderBy('position').execute(),
    db.selectFrom('doc_types').select('name').orderBy('position').execute(),
  ]);
  const topicOptions: { id: number; label: string }[] = [];
  for (const t of topics.filter((x) => x.parent_id === null)) {
    topicOptions.push({ id: t.id, label: t.name });
    for (const c of topics.filter((x) => x.parent_id === t.id)) topicOptions.push({ id: c.id, label: `　${c.name}` });
  }
  return { topics: topicOptions, orgs: orgs.map((o) => ({ id: o.id, label: o.name })), audiences: audiences.map((a) => a.name), docTypes: docTypes.map((d) => d.name) };
}

export type SubscriptionChoices = Awaited<ReturnType<typeof subscriptionChoices>>;

export async function findSubscription(db: Kysely<Database>, id: number) {
  const r = await db
    .selectFrom('subscriptions as s')
    .leftJoin('topics as t', 't.id', 's.topic_id')
    .leftJoin('organizations as o', 'o.id', 's.org_id')
    .select(['s.id', 's.account_id', 's.kind', 's.term', 's.topic_id', 's.org_id', 's.keyword_query', 't.name as topic_name', 'o.name as org_name'])
    .where('s.id', '=', id)
    .executeTakeFirst();
  return r ? { ...r, label: describeSubscription({ kind: r.kind, term: r.term, topicName: r.topic_name, orgName: r.org_name }) } : null;
}

export interface FeedItem {
  type: 'document' | 'qa';
  id: number;
  title: string;
  url: string;
  summary: string;
  published_at: Date | null;
}

/** The newest published documents and Q&A entries a subscription matches, for its feed. */
export async function feedItems(db: Kysely<Database>, s: { id: number; kind: SubscriptionKind; term: string; topic_id: number | null; org_id: number | null }, limit = 30): Promise<FeedItem[]> {
  const topics = s.topic_id ? sql`(select id from topics where id = ${s.topic_id} or parent_id = ${s.topic_id})` : sql`(select null::bigint)`;
  const keyword = sql`(select keyword_query from subscriptions where id = ${s.id})`;
  const docMatch = {
    topic: sql`d.topic_id in ${topics}`,
    // Following an organization means its own documents, not the reference material it holds for the site.
    org: sql`d.org_id = ${s.org_id} and d.provenance = 'own'`,
    audience: sql`${s.term} = any(d.audiences)`,
    doc_type: sql`d.doc_type = ${s.term}`,
    keyword: sql`d.search_vector @@ ${keyword}`,
  }[s.kind];
  const qaMatch = {
    topic: sql`q.topic_id in ${topics}`,
    org: sql`q.org_id = ${s.org_id}`,
    audience: sql`${s.term} = any(q.audiences)`,
    doc_type: sql`false`,
    keyword: sql`q.search_vector @@ ${keyword}`,
  }[s.kind];
  const r = await sql<FeedItem>`
    (select 'document' as type, d.id, d.title, coalesce(d.doc_no, '') as summary, d.published_at
     from documents d where d.status = 'published' and d.attribute in (${sql.join([...PUBLIC_ATTRIBUTES])}) and ${docMatch}
     order by d.published_at desc nulls last, d.id desc limit ${limit})
    union all
    (select 'qa' as type, q.id, q.question as title, q.department as summary, q.published_at
     from qa_entries q where q.status = 'published' and ${qaMatch}
     order by q.published_at desc nulls last, q.id desc limit ${limit})
    order by published_at desc nulls last
    limit ${limit}`.execute(db);
  return r.rows.map((x) => ({ ...x, id: Number(x.id), url: x.type === 'document' ? `/documents/${x.id}` : `/qa/${x.id}`, title: x.title.split('\n', 1)[0]!.slice(0, 120) }));
}
