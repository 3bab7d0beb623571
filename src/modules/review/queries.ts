import { sql, type Kysely } from 'kysely';
import type { Database, ItemStatus, ItemType } from '../../db/schema.js';
import { contentKinds, itemTitles, titleSql } from '../../platform/content/registry.js';
import type { ContentKind } from '../../platform/content/kind.js';

/** One publishable item as lists in the review module show it. */
export interface QueueRow {
  type: ItemType;
  id: number;
  org_id: number;
  org: string;
  title: string;
  status: ItemStatus;
  review_level: number;
  review_levels: number;
  submitted_at: Date | null;
  updated_at: Date;
  needs_review: boolean;
  urgent_reason: string | null;
  publish_at: Date | null;
  edition_of: number | null;
  created_by: number | null;
  updated_by: number | null;
  submitted_by: number | null;
  /** A citizen's letter brought in with the Q&A corpus, waiting for review before it is public. */
  imported: boolean;
}

/** Items of every kind in the given organizations and states (or needing a review after an urgent publication). */
export async function listQueue(db: Kysely<Database>, p: { orgIds: number[]; statuses: ItemStatus[]; needsReview?: boolean; limit?: number }): Promise<QueueRow[]> {
  if (p.orgIds.length === 0) return [];
  const cond = p.needsReview ? sql`x.needs_review` : sql`x.status in (${sql.join(p.statuses)})`;
  const union = contentKinds().map(
    (k) => sql`
    select ${k.type}::text as type, x.id, x.org_id, o.short_name as org, left(${titleSql(k, 'x')}, 200) as title, x.status, x.review_level, o.review_levels, x.submitted_at, x.updated_at,
           x.needs_review, x.urgent_reason, x.publish_at, x.edition_of, x.created_by, x.updated_by, x.submitted_by, ${k.importedSql?.('x') ?? sql`false`} as imported
    from ${sql.table(k.table)} x join organizations o on o.id = x.org_id
    where x.org_id in (${sql.join(p.orgIds)}) and ${cond}`,
  );
  // Staff's own submissions first: thousands of imported letters must not bury them.
  const r = await sql<QueueRow>`${sql.join(union, sql` union all `)}
    order by imported, submitted_at nulls last, updated_at limit ${p.limit ?? 200}`.execute(db);
  return r.rows;
}

/** The review ledger (审查台账): every review step in the organizations and period, oldest first. */
export async function listLedger(db: Kysely<Database>, p: { orgIds: number[]; from: string; to: string }) {
  if (p.orgIds.length === 0) return [];
  const r = await sql<{
    id: number; created_at: Date; org: string; item_type: ItemType; item_id: number; title: string | null; action: string; level: number | null;
    review_levels: number; staff: string; comment: string; findings: { blocking?: number; warnings?: number; open?: number };
  }>`
    select a.id, a.created_at, o.short_name as org, a.item_type, a.item_id, t.title, a.action, a.level, o.review_levels,
           s.display_name as staff, a.comment, a.findings
    from review_actions a
    join organizations o on o.id = a.org_id
    join staff s on s.id = a.staff_id
    left join lateral (${itemTitles('a')}) t on true
    where a.org_id in (${sql.join(p.orgIds)})
      and a.created_at >= (${p.from}::date)::timestamp at time zone 'Asia/Shanghai'
      and a.created_at < ((${p.to}::date + 1)::timestamp at time zone 'Asia/Shanghai')
    order by a.created_at, a.id
    limit 20000`.execute(db);
  return r.rows;
}
export type LedgerRow = Awaited<ReturnType<typeof listLedger>>[number];

/** The review steps taken on one item, newest last. */
export async function listItemActions(db: Kysely<Database>, type: ItemType, id: number) {
  return db
    .selectFrom('review_actions as a')
    .innerJoin('staff as s', 's.id', 'a.staff_id')
    .select(['a.id', 'a.action', 'a.level', 'a.comment', 'a.created_at', 's.display_name as staff'])
    .where('a.item_type', '=', type)
    .where('a.item_id', '=', id)
    .orderBy('a.id')
    .execute();
}

/** Items waiting for the actor's review: submitted or under review in the actor's organizations, not their own work. */
export async function listAwaitingReview(db: Kysely<Database>, actorId: number, reviewerOrgs: number[]): Promise<QueueRow[]> {
  const rows = await listQueue(db, { orgIds: reviewerOrgs, statuses: ['submitted', 'in_review'] });
  return rows.filter((r) => ![r.created_by, r.updated_by, r.submitted_by].includes(actorId));
}

/** One item of any kind as the review page shows it, or undefined when it is not in the given organizations. */
export async function findReviewItem(db: Kysely<Database>, kind: ContentKind, id: number, orgIds: number[]) {
  const row = await db
    .selectFrom(`${kind.table} as x` as 'documents as x')
    .innerJoin('organizations as o', 'o.id', 'x.org_id')
    .select([sql<string>`left(${titleSql(kind, 'x')}, 200)`.as('title'), 'x.id', 'x.org_id', 'x.status', 'x.review_level', 'x.edition_of', 'x.needs_review', 'x.urgent_reason', 'x.publish_at', 'x.created_by', 'x.updated_by', 'x.submitted_by', 'o.short_name as org', 'o.review_levels'])
    .where('x.id', '=', id)
    .executeTakeFirst();
  return row && orgIds.includes(row.org_id) ? row : undefined;
}

/** What the latest dictionary rescan found, item by item. */
export async function listRunHits(db: Kysely<Database>, runId: number) {
  const r = await sql<{ item_type: ItemType; item_id: number; findings: { severity: string; message: string }[]; title: string | null }>`
    select h.item_type, h.item_id, h.findings, t.title
    from check_run_hits h left join lateral (${itemTitles('h')}) t on true
    where h.run_id = ${runId}
    order by h.item_id
    limit 500`.execute(db);
  return r.rows;
}

/** One page of the dictionary of flagged terms, newest first, with the number that match the search. */
export async function listFlaggedTerms(db: Kysely<Database>, p: { q: string; page: number; pageSize: number }) {
  let query = db.selectFrom('flagged_terms');
  if (p.q) query = query.where((eb) => eb.or([eb('term', 'like', `%${p.q}%`), eb('category', 'like', `%${p.q}%`)]));
  const [terms, n] = await Promise.all([
    query.select(['id', 'term', 'category', 'action', 'replacement', 'note']).orderBy('id', 'desc').limit(p.pageSize).offset((p.page - 1) * p.pageSize).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { terms, total: Number(n.n) };
}

/** The latest rescan of published items against the dictionary, with what it found, or null before the first. */
export async function latestCheckRun(db: Kysely<Database>) {
  const run = (await db.selectFrom('check_runs').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst()) ?? null;
  return { run, hits: run ? await listRunHits(db, run.id) : [] };
}

/** The organizations in scope by name, in the tree's order (the ledger's choice of organization). */
export async function organizationsIn(db: Kysely<Database>, ids: readonly number[]): Promise<{ id: number; name: string }[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', [...ids]).orderBy('position').orderBy('id').execute();
}

/** One organization by name when it is in scope, or undefined (the ledger of another organization is not found). */
export async function findOrganizationIn(db: Kysely<Database>, id: number, scope: readonly number[]): Promise<{ id: number; name: string } | undefined> {
  return scope.includes(id) ? db.selectFrom('organizations').select(['id', 'name']).where('id', '=', id).executeTakeFirst() : undefined;
}
