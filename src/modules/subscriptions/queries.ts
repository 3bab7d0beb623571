import { sql, type Kysely } from 'kysely';
import type { Database, ItemType } from '../../db/schema.js';
import type { SubscriptionKind } from '../../db/schema-subscriptions.js';
import { contentKind, contentKinds, titleSql } from '../../platform/content/registry.js';
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
  type: ItemType;
  id: number;
  title: string;
  url: string;
  summary: string;
  published_at: Date | null;
}

/** The newest published items of every kind a subscription matches, for its feed. */
export async function feedItems(db: Kysely<Database>, s: { id: number; kind: SubscriptionKind; term: string; topic_id: number | null; org_id: number | null }, limit = 30): Promise<FeedItem[]> {
  const topics = s.topic_id ? sql`array(select id from topics where id = ${s.topic_id} or parent_id = ${s.topic_id})` : sql`array[]::bigint[]`;
  const keyword = sql`(select keyword_query from subscriptions where id = ${s.id})`;
  const parts = contentKinds().flatMap((k) => {
    const f = k.subscription;
    if (!f) return [];
    const match = {
      topic: f.topicIds ? sql`${f.topicIds('x')} && ${topics}` : sql`false`,
      org: sql`x.org_id = ${s.org_id} and ${f.ownSql?.('x') ?? sql`true`}`,
      audience: f.audiences ? sql`${s.term} = any(${f.audiences('x')})` : sql`false`,
      doc_type: f.docTypes ? sql`${s.term} = any(${f.docTypes('x')})` : sql`false`,
      // A kind that keeps no search text is not matched by keyword in feeds (its mail is, at publication).
      keyword: f.vector ? sql`${f.vector('x')} @@ ${keyword}` : sql`false`,
    }[s.kind];
    return [sql`(select ${k.type}::text as type, x.id, left(${titleSql(k, 'x')}, 120) as title, ${f.summary('x')} as summary, x.published_at
      from ${sql.table(k.table)} x join organizations o on o.id = x.org_id where ${k.publicSql('x')} and ${match}
      order by x.published_at desc nulls last, x.id desc limit ${limit})`];
  });
  if (parts.length === 0) return [];
  const r = await sql<FeedItem>`${sql.join(parts, sql` union all `)} order by published_at desc nulls last limit ${limit}`.execute(db);
  return r.rows.map((x) => ({ ...x, id: Number(x.id), url: contentKind(x.type).publicUrl(Number(x.id)) }));
}

const OUTBOX_COLUMNS = ['id', 'channel', 'kind', 'to_masked', 'subject', 'created_at', 'sent_at', 'failed_at', 'attempts', 'last_error'] as const;

/** One page of the outbox (发件箱), newest first, with the number of mails in it. */
export async function listOutbox(db: Kysely<Database>, page: number, pageSize: number) {
  const [rows, total] = await Promise.all([
    db.selectFrom('mail_outbox').select(OUTBOX_COLUMNS).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
    db.selectFrom('mail_outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** One mail of the outbox with its text. */
export async function findOutboxMail(db: Kysely<Database>, id: number) {
  return db.selectFrom('mail_outbox').select([...OUTBOX_COLUMNS, 'body_text']).where('id', '=', id).executeTakeFirst();
}
