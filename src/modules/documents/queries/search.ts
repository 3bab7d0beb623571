import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { buildSnippet, parseQuery, type ParsedQuery } from '../../../platform/search/index.js';
import { normalizeDocNumberQuery } from '../domain/doc-number.js';
import { VALIDITIES, type Validity } from '../domain/validity.js';

export interface SearchParams {
  q: string;
  docTypes: string[];
  issuers: string[];
  years: number[];
  topics: number[];
  audiences: string[];
  validities: Validity[];
  orgs: number[];
  sort: 'relevance' | 'date';
  page: number;
  pageSize: number;
}

export interface SearchItem {
  id: number;
  sourceId: string | null;
  title: string;
  docNo: string | null;
  issuers: string[];
  docType: string;
  orgId: number;
  publishedOn: string | null;
  validity: Validity;
  snippet: string;
}

export type FacetName = 'docType' | 'issuer' | 'year' | 'topic' | 'audience' | 'validity' | 'org';
export interface FacetValue {
  value: string;
  count: number;
}

export interface SearchResult {
  total: number;
  items: SearchItem[];
  facets: Record<FacetName, FacetValue[]>;
  parsed: ParsedQuery;
}

const FACET_LIMIT = 30;

/**
 * The policy library's search: Chinese full text over the weighted tsvector (title > number and
 * issuers > body), quoted phrases checked literally, document numbers matched exactly and by
 * trigram similarity, filters, facet counts over the whole match set, one round trip.
 */
export async function searchDocuments(db: Kysely<Database>, p: SearchParams): Promise<SearchResult> {
  const parsed = parseQuery(p.q);
  const docNo = p.q ? normalizeDocNumberQuery(p.q) : null;
  const where = [sql`d.status = 'published'`, sql`d.attribute in ('public', 'public_redacted')`, ...filterConditions(p)];
  const textMatch = textCondition(parsed, docNo, p.q);
  if (textMatch) where.push(textMatch.condition);
  for (const phrase of parsed.phrases) where.push(sql`strpos(d.title || ' ' || d.body_text, ${phrase}) > 0`);
  const rank = textMatch ? textMatch.rank : sql`0`;
  const order = p.sort === 'date' || !textMatch ? sql`published_on desc nulls last, id desc` : sql`rank desc, published_on desc nulls last, id desc`;
  const offset = (p.page - 1) * p.pageSize;

  const query = sql<{ total: number; items: number[] | null; facets: { f: FacetName; v: string; n: number }[] | null }>`
    with matched as materialized (
      select d.id, d.doc_type, d.issuers, d.year, d.audiences, d.validity, d.org_id, d.published_on,
             coalesce(t.parent_id, t.id) as topic_root, ${rank} as rank
      from documents d left join topics t on t.id = d.topic_id
      where ${sql.join(where, sql` and `)}
    )
    select
      (select count(*) from matched) as total,
      (select json_agg(p.id) from (select id from matched order by ${order} limit ${p.pageSize} offset ${offset}) p) as items,
      (select json_agg(fx) from (
        ${facetSql('docType', sql`doc_type`)}
        union all ${facetSql('year', sql`year::text`)}
        union all ${facetSql('validity', sql`validity`)}
        union all ${facetSql('org', sql`org_id::text`)}
        union all ${facetSql('topic', sql`topic_root::text`)}
        union all (select 'issuer' as f, i as v, count(*) as n from matched, unnest(issuers) i group by i order by n desc limit ${FACET_LIMIT})
        union all (select 'audience' as f, a as v, count(*) as n from matched, unnest(audiences) a group by a order by n desc limit ${FACET_LIMIT})
      ) fx) as facets
  `;
  const result = await query.execute(db);
  const row = result.rows[0]!;
  const ids = row.items ?? [];
  const items = await loadItems(db, ids, parsed);
  const facets: Record<FacetName, FacetValue[]> = { docType: [], issuer: [], year: [], topic: [], audience: [], validity: [], org: [] };
  for (const f of row.facets ?? []) {
    if (f.v !== null) facets[f.f].push({ value: f.v, count: Number(f.n) });
  }
  facets.year.sort((a, b) => Number(b.value) - Number(a.value));
  facets.validity.sort((a, b) => VALIDITIES.indexOf(a.value as Validity) - VALIDITIES.indexOf(b.value as Validity));
  return { total: Number(row.total), items, facets, parsed };
}

function facetSql(name: FacetName, expr: RawBuilder<unknown>) {
  return sql`(select ${name} as f, ${expr} as v, count(*) as n from matched where ${expr} is not null group by 2 order by n desc limit ${FACET_LIMIT})`;
}

function filterConditions(p: SearchParams): RawBuilder<SqlBool>[] {
  const c: RawBuilder<SqlBool>[] = [];
  if (p.docTypes.length) c.push(sql`d.doc_type in (${sql.join(p.docTypes)})`);
  if (p.issuers.length) c.push(sql`d.issuers && ${sql.val(p.issuers)}::text[]`);
  if (p.years.length) c.push(sql`d.year in (${sql.join(p.years)})`);
  if (p.topics.length) c.push(sql`(d.topic_id in (${sql.join(p.topics)}) or t.parent_id in (${sql.join(p.topics)}))`);
  if (p.audiences.length) c.push(sql`d.audiences && ${sql.val(p.audiences)}::text[]`);
  if (p.validities.length) c.push(sql`d.validity in (${sql.join(p.validities)})`);
  if (p.orgs.length) c.push(sql`d.org_id in (${sql.join(p.orgs)})`);
  return c;
}

/**
 * The full-text condition and its rank. A query that looks like a document number also finds
 * documents by their number's parts (exact) or by trigram similarity (typos, other brackets).
 * Ranking prefers title hits and documents still in force.
 */
function textCondition(parsed: ParsedQuery, docNo: ReturnType<typeof normalizeDocNumberQuery>, raw: string) {
  if (!parsed.tsquery && !docNo) return null;
  const tsq = parsed.tsquery ? sql`to_tsquery('simple', ${parsed.tsquery})` : null;
  const ors: RawBuilder<SqlBool>[] = [];
  if (tsq) ors.push(sql`d.search_vector @@ ${tsq}`);
  let numberBoost: RawBuilder<unknown> = sql`0`;
  if (docNo) {
    const parts: RawBuilder<SqlBool>[] = [];
    if (docNo.year !== null) parts.push(sql`d.doc_no_year = ${docNo.year}`);
    if (docNo.serial !== null) parts.push(sql`d.doc_no_serial = ${docNo.serial}`);
    if (docNo.prefix !== null) parts.push(sql`d.doc_no_prefix like ${'%' + escapeLike(docNo.prefix)}`);
    const exact = sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
    const compact = raw.replace(/\s+/g, '');
    ors.push(exact, sql`${compact} <% d.doc_no`);
    numberBoost = sql`(case when ${exact} then 100 else 0 end + coalesce(word_similarity(${compact}, d.doc_no), 0) * 10)`;
  }
  const title = parsed.text.replace(/["“”「」『』]/g, '');
  const textRank = tsq ? sql`ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', d.rank_vector, ${tsq}, 1)` : sql`0`;
  const rank = sql`(
    ${textRank}
    + case when d.title = ${title} then 2 when strpos(d.title, ${title}) > 0 then 0.5 else 0 end
    + ${numberBoost}
  ) * case d.validity when 'repealed' then 0.5 when 'expired' then 0.5 when 'amended' then 0.8 else 1 end`;
  return { condition: sql<SqlBool>`(${sql.join(ors, sql` or `)})`, rank };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

async function loadItems(db: Kysely<Database>, ids: number[], parsed: ParsedQuery): Promise<SearchItem[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('documents')
    .select(['id', 'source_id', 'title', 'doc_no', 'issuers', 'doc_type', 'org_id', 'published_on', 'validity', sql<string>`left(body_text, 6000)`.as('body')])
    .where('id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const terms = [...parsed.terms, ...parsed.phrases];
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [{ id: r.id, sourceId: r.source_id, title: r.title, docNo: r.doc_no, issuers: r.issuers, docType: r.doc_type, orgId: r.org_id, publishedOn: r.published_on, validity: r.validity as Validity, snippet: buildSnippet(r.body, terms) }];
  });
}
