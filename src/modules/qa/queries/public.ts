import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { withPublicEditions } from '../../editions/public.js';
import { buildSnippet, highlight, highlightTerms, inIdOrder, parseQuery, type ParsedQuery } from '../../../platform/search/index.js';
import { publicLinkedDocuments } from '../../documents/public.js';
import { questionHeadline } from '../domain/labels.js';
import { QA_DOCUMENTS } from '../document-link.js';

export interface QaSearchParams {
  q: string;
  department: string | null;
  /** A topic, with its sub-topics. */
  topicId: number | null;
  page: number;
  pageSize: number;
}

export interface QaSearchItem {
  id: number;
  /** The question's first line, highlighted (escaped HTML). */
  questionHtml: string;
  department: string;
  org: string;
  publishedOn: string | null;
  /** A piece of the answer around the query's words (escaped HTML). */
  snippet: string;
}

export interface QaFacetValue {
  value: string;
  label: string;
  count: number;
}

export interface QaSearchResult {
  total: number;
  items: QaSearchItem[];
  facets: { department: QaFacetValue[]; topic: QaFacetValue[] };
  parsed: ParsedQuery;
}

const FACET_LIMIT = 40;

/**
 * The public Q&A library: published entries, browsed by department and topic, searched over the
 * same jieba-segmented words as the policy library. A match in the question or its other
 * phrasings (weight A) ranks far above one in the answer (D). Facet counts are over every match.
 */
export async function searchQa(db: Kysely<Database>, p: QaSearchParams): Promise<QaSearchResult> {
  const parsed = parseQuery(p.q);
  const tsq = parsed.tsquery ? sql`to_tsquery('simple', ${parsed.tsquery})` : null;
  const where: RawBuilder<SqlBool>[] = [sql`e.status = 'published'`];
  if (tsq) where.push(sql`e.search_vector @@ ${tsq}`);
  for (const ph of parsed.phrases) where.push(sql`(strpos(e.question, ${ph}) > 0 or strpos(e.answer_text, ${ph}) > 0)`);
  const matchedWhere = sql.join(where, sql` and `);
  const filters: RawBuilder<SqlBool>[] = [];
  if (p.department !== null) filters.push(sql`e.department = ${p.department}`);
  if (p.topicId !== null) filters.push(sql`(e.topic_id = ${p.topicId} or t.parent_id = ${p.topicId})`);
  const filtered = filters.length ? sql`${matchedWhere} and ${sql.join(filters, sql` and `)}` : matchedWhere;
  const rank = tsq ? sql`ts_rank_cd(e.search_vector, ${tsq})` : sql`0`;
  const offset = (p.page - 1) * p.pageSize;
  // Facets count the text matches under the other facet's filter, so each list says what choosing it would give.
  const r = await sql<{ total: number; ids: number[] | null; departments: { v: string; n: number }[] | null; topics: { v: number; l: string; n: number }[] | null }>`
    with page as (
      select e.id, ${rank} as rank, e.published_on from qa_entries e left join topics t on t.id = e.topic_id
      where ${filtered} order by rank desc, e.published_on desc nulls last, e.id desc limit ${p.pageSize} offset ${offset}
    ),
    department_facet as (
      select e.department as v, count(*) as n from qa_entries e left join topics t on t.id = e.topic_id
      where ${matchedWhere} and e.department <> '' ${p.topicId !== null ? sql`and (e.topic_id = ${p.topicId} or t.parent_id = ${p.topicId})` : sql``}
      group by e.department order by n desc, v limit ${FACET_LIMIT}
    ),
    topic_facet as (
      select r.id as v, r.name as l, count(*) as n from qa_entries e join topics t on t.id = e.topic_id join topics r on r.id = coalesce(t.parent_id, t.id)
      where ${matchedWhere} ${p.department !== null ? sql`and e.department = ${p.department}` : sql``}
      group by r.id, r.name order by n desc, r.name limit ${FACET_LIMIT}
    )
    select (select count(*) from qa_entries e left join topics t on t.id = e.topic_id where ${filtered}) as total,
           (select json_agg(id order by rank desc, published_on desc nulls last, id desc) from page) as ids,
           (select json_agg(json_build_object('v', v, 'n', n) order by n desc, v) from department_facet) as departments,
           (select json_agg(json_build_object('v', v, 'l', l, 'n', n) order by n desc, l) from topic_facet) as topics
  `.execute(db);
  const row = r.rows[0]!;
  return {
    total: Number(row.total),
    items: await loadItems(db, row.ids ?? [], parsed),
    facets: {
      department: (row.departments ?? []).map((d) => ({ value: d.v, label: d.v, count: Number(d.n) })),
      topic: (row.topics ?? []).map((t) => ({ value: String(t.v), label: t.l, count: Number(t.n) })),
    },
    parsed,
  };
}

async function loadItems(db: Kysely<Database>, ids: number[], parsed: ParsedQuery): Promise<QaSearchItem[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('qa_entries as e')
    .innerJoin('organizations as o', 'o.id', 'e.org_id')
    .select(['e.id', sql<string>`left(e.question, 300)`.as('question'), sql<string>`left(e.answer_text, 6000)`.as('answer'), 'e.department', 'e.published_on', 'o.short_name as org'])
    .where('e.id', 'in', ids)
    .execute();
  const terms = highlightTerms(parsed);
  return inIdOrder(ids, rows, (r) => ({ id: r.id, questionHtml: highlight(questionHeadline(r.question, 100), terms), department: r.department, org: r.org, publishedOn: r.published_on, snippet: buildSnippet(r.answer, terms) }));
}

/**
 * An entry as the portal shows it: published, or withdrawn (the route decides what a withdrawal
 * leaves visible). Editions and drafts are never public, nor linked documents the public cannot see.
 */
export async function getPublicQa(db: Kysely<Database>, id: number) {
  const e = await db
    .selectFrom('qa_entries as e')
    .innerJoin('organizations as o', 'o.id', 'e.org_id')
    .leftJoin('topics as t', 't.id', 'e.topic_id')
    .select([
      'e.id', 'e.question', 'e.phrasings', 'e.answer_html', 'e.answer_text', 'e.department', 'e.contact', 'e.audiences', 'e.status', 'e.published_on', 'e.updated_at',
      'e.withdrawn_at', 'e.withdrawal_kind', 'e.withdrawal_reason', 'e.topic_id', 't.name as topic', 'o.name as org_name', 'o.slug as org_slug', 'o.phone as org_phone',
    ])
    .where('e.id', '=', id)
    .where('e.edition_of', 'is', null)
    .where('e.status', 'in', ['published', 'withdrawn'])
    .executeTakeFirst();
  if (!e) return null;
  const documents = await publicLinkedDocuments(db, QA_DOCUMENTS, id);
  // A withdrawn entry's answer is not shown again, only its question and the reason.
  const shown = await withPublicEditions(db, 'qa', e, { shown: e.status !== 'withdrawn', body: ['answer_html', 'answer_text'] });
  return { ...shown, documents };
}
export type PublicQa = NonNullable<Awaited<ReturnType<typeof getPublicQa>>>;

/** Whether a topic exists (a filter naming an unknown one is a 400, as in the library). */
export async function topicExists(db: Kysely<Database>, id: number): Promise<boolean> {
  return !!(await db.selectFrom('topics').select('id').where('id', '=', id).executeTakeFirst());
}
