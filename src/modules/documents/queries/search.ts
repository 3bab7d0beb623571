import { sql, type Kysely, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { buildSnippet, highlightTerms, inIdOrder, loadSynonymGroups, parseQuery, type ParsedQuery } from '../../../platform/search/index.js';
import { docNumbersIn, type DocNumberQuery } from '../domain/doc-number.js';
import { allWords, anyWord, mostWords, publicTitles, readQuery, type QueryReading, type ReadWord } from './query-reading.js';
import { PUBLIC_ATTRIBUTES } from '../../../platform/content/lifecycle.js';
import type { IssuerLevel, Provenance } from '../domain/provenance.js';
import type { Validity } from '../domain/validity.js';
import { facetsOf, FACET_LIMIT, MATCHED_COLUMNS, recountImprecise, RECOUNT_MAX_MATCHES, toFacets, type FacetName, type FacetRow, type FacetValue } from './facets.js';

export type { FacetName, FacetValue } from './facets.js';

export interface SearchParams {
  q: string;
  docTypes: string[];
  issuers: string[];
  years: number[];
  topics: number[];
  audiences: string[];
  validities: Validity[];
  orgs: number[];
  /** 本站发布 / 法律法规 / 上级文件; none given: all of them. */
  provenances?: Provenance[];
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
  provenance: Provenance;
  issuerLevel: IssuerLevel | null;
  snippet: string;
}

export interface SearchResult {
  total: number;
  /**
   * The total was estimated from the library's fixed 1-in-16 sample (the query matches thousands
   * of documents); pages show it as “约”. Facet values say each whether they are estimated
   * (`estimated`): the rough ones are counted exactly. The ranked page is exact.
   */
  approximate: boolean;
  items: SearchItem[];
  facets: Record<FacetName, FacetValue[]>;
  parsed: ParsedQuery;
  /** How the query was read: words looked for as others, words not found, typos, whether some results match only most words. */
  reading: QueryReading & { partial: boolean; docNumbers: string[] };
}

/** The sample is the documents whose id ≡ 0 (mod 16): `sample_vector` (migration 0003). */
const SAMPLE_RATE = 16;
const IN_SAMPLE = sql<SqlBool>`d.sample_vector @@ 'zzsample0'::tsquery`;
/** Up to this many matches (as the sample estimates), counts and facets are exact. */
const EXACT_LIMIT = 4000;
/** A quoted phrase is checked in each candidate's text; up to this many candidates, all of them. */
const EXACT_PHRASE_CANDIDATES = 300;

/**
 * The policy library's search: Chinese full text over the weighted tsvector (title > number and
 * issuers > body), quoted phrases checked literally, document numbers matched exactly (or, when no
 * document has that number, by trigram similarity), filters, and facet counts.
 *
 * How a query is read and matched (every word, then most of them; words explained) is
 * textCondition's and readQuery's. Up to EXACT_LIMIT matches, every match is ranked. Above it, the
 * documents whose title or number holds most of the query are ranked (found through the ranking
 * vector's own index, so ranking costs what the title matches cost), then the other matches follow,
 * newest first. The page is always exact. Counting a common word's 40,000 matches and their facets
 * is not: above EXACT_LIMIT the total and the facets come from the fixed sixteenth of the library
 * the index marks, and say so.
 */
export async function searchDocuments(db: Kysely<Database>, p: SearchParams, limits = { exact: EXACT_LIMIT, exactPhraseCandidates: EXACT_PHRASE_CANDIDATES, recount: RECOUNT_MAX_MATCHES }): Promise<SearchResult> {
  const hints = docTypeHints(p.q);
  const numbers = docNumbersIn(hints.rest);
  const parsed = parseQuery(numbers.rest);
  // Read before the transaction: the embedded database has one connection, which the transaction holds.
  const synonyms = parsed.terms.length ? await loadSynonymGroups(db) : [];
  const titles = parsed.terms.length ? await publicTitles(db) : [];
  return db.transaction().execute(async (trx) => {
    // The planner prices a tsvector match by the table's heap, not by the TOASTed vectors it must
    // decompress for every row it checks; for a common word a sequential scan then looks cheaper
    // than the GIN index while being many times slower. Searches always go through the index.
    await sql`set local enable_seqscan = off`.execute(trx);
    const reading = parsed.terms.length ? await readQuery(db, trx, parsed, synonyms, titles) : { words: [], unmatched: [], corrections: [], suggestion: null };
    const base = [sql<SqlBool>`d.status = 'published'`, sql<SqlBool>`d.attribute in (${sql.join(PUBLIC_ATTRIBUTES)})`, ...filterConditions(p)];
    const textMatch = await textCondition(trx, sql.join(base, sql` and `), reading.words, numbers.numbers, parsed.text, hints.docTypes);
    if (textMatch) base.push(textMatch.condition);
    // -修改: whatever matched, documents holding an excluded word are not results.
    if (parsed.exclusions && textMatch) base.push(sql<SqlBool>`d.search_vector @@ to_tsquery('simple', ${parsed.exclusions})`);
    // The title first: a phrase found there saves decompressing the body.
    const phraseOk = parsed.phrases.length
      ? sql<SqlBool>`(${sql.join(parsed.phrases.map((ph) => sql`(strpos(d.title, ${ph}) > 0 or strpos(d.body_text, ${ph}) > 0)`), sql` and `)})`
      : null;
    const baseSql = sql.join(base, sql` and `);
    const sample = await sampleFacets(trx, baseSql, phraseOk);
    const exact = phraseOk ? sample.candidates * SAMPLE_RATE <= limits.exactPhraseCandidates : sample.matches * SAMPLE_RATE <= limits.exact;
    const where = phraseOk ? sql`${baseSql} and ${phraseOk}` : baseSql;
    const ranked = textMatch && p.sort === 'relevance';
    const terms = [...highlightTerms(parsed), ...reading.words.flatMap((w) => w.as), ...reading.corrections.map((c) => c.meant)];
    const read = { ...reading, partial: textMatch?.partial ?? false, docNumbers: numbers.numbers.map((n) => n.text) };
    if (exact) {
      // Every match is ranked; by date, none.
      const r = await exactSearch(trx, where, p, null, ranked ? textMatch.rank : null);
      return { ...r, approximate: false, items: await loadItems(trx, r.ids, terms), parsed, reading: read };
    }
    // Thousands of matches: those whose title holds most of the words, ranked, then the newest others.
    const tiered = ranked && textMatch.titleMatch ? { condition: textMatch.titleMatch, rank: textMatch.rank } : null;
    const ids = await pageOf(trx, { where, base: baseSql, phraseOk, tiered, p, estimated: sample.matches * SAMPLE_RATE });
    const facets = toFacets(sample.facets, SAMPLE_RATE);
    await recountImprecise(trx, where, facets, SAMPLE_RATE, sample.matches * SAMPLE_RATE, limits.recount);
    return { total: sample.matches * SAMPLE_RATE, approximate: true, facets, items: await loadItems(trx, ids, terms), parsed, reading: read };
  });
}

type Tier = { condition: RawBuilder<SqlBool>; rank: RawBuilder<unknown> } | null;
/** The sixteenth of the matches in the sample: how many candidates and matches, and their facets. */
async function sampleFacets(trx: Transaction<Database>, base: RawBuilder<unknown>, phraseOk: RawBuilder<SqlBool> | null) {
  const r = await sql<{ candidates: number; matches: number; facets: FacetRow[] | null }>`
    with candidates as materialized (
      select ${MATCHED_COLUMNS}, ${phraseOk ?? sql`true`} as ok
      from documents d left join topics t on t.id = d.topic_id
      where ${base} and ${IN_SAMPLE}
    ),
    matched as (select * from candidates where ok),
    ${facetsOf('matched')}
    select (select count(*) from candidates) as candidates, (select count(*) from matched) as matches,
           (select json_agg(json_build_object('f', f, 'v', v, 'n', n)) from ranked where r <= ${FACET_LIMIT}) as facets
  `.execute(trx);
  const row = r.rows[0]!;
  return { candidates: Number(row.candidates), matches: Number(row.matches), facets: row.facets ?? [] };
}

/** Every match counted: total, ranked page and facets in one statement. */
async function exactSearch(trx: Transaction<Database>, where: RawBuilder<unknown>, p: SearchParams, tiered: Tier, rank: RawBuilder<unknown> | null) {
  const offset = (p.page - 1) * p.pageSize;
  const limit = offset + p.pageSize;
  const order = rank ? sql`rank desc, published_on desc nulls last, id desc` : sql`published_on desc nulls last, id desc`;
  const page = tiered
    ? sql`head as (
        select d.id, ${tiered.rank} as rank, d.published_on from documents d left join topics t on t.id = d.topic_id
        where ${where} and ${tiered.condition} order by rank desc, d.published_on desc nulls last, d.id desc limit ${limit}
      ),
      fill as (
        select m.id, m.published_on from matched m where not exists (select 1 from head h where h.id = m.id)
        order by m.published_on desc nulls last, m.id desc limit ${limit}
      ),
      page as (select id, 0 as tier, rank, published_on from head union all select id, 1, 0, published_on from fill
               order by tier, rank desc, published_on desc nulls last, id desc limit ${p.pageSize} offset ${offset}),`
    : sql`page as (select id, 0 as tier, rank, published_on from matched order by ${order} limit ${p.pageSize} offset ${offset}),`;
  const result = await sql<{ total: number; items: number[] | null; facets: FacetRow[] | null }>`
    with matched as materialized (
      select ${MATCHED_COLUMNS}, ${rank ?? sql`0`} as rank
      from documents d left join topics t on t.id = d.topic_id
      where ${where}
    ),
    ${page}
    ${facetsOf('matched')}
    select
      (select count(*) from matched) as total,
      (select json_agg(id order by tier, rank desc, published_on desc nulls last, id desc) from page) as items,
      (select json_agg(json_build_object('f', f, 'v', v, 'n', n)) from ranked where r <= ${FACET_LIMIT}) as facets
  `.execute(trx);
  const row = result.rows[0]!;
  return { total: Number(row.total), ids: row.items ?? [], facets: toFacets(row.facets ?? [], 1) };
}

/**
 * The exact ranked page of a large match set, without visiting every match: the title tier
 * (bounded by the title matches), then the newest other matches. When matches are common, walking
 * the date index and checking each document costs a few dozen checks; otherwise the index's
 * candidates are sorted by date. A phrase is checked only on the rows the page needs.
 */
async function pageOf(trx: Transaction<Database>, a: { where: RawBuilder<unknown>; base: RawBuilder<unknown>; phraseOk: RawBuilder<SqlBool> | null; tiered: Tier; p: SearchParams; estimated: number }): Promise<number[]> {
  const { p } = a;
  const offset = (p.page - 1) * p.pageSize;
  const limit = offset + p.pageSize;
  const head = a.tiered
    ? (
        await sql<{ id: number }>`
          select d.id from documents d left join topics t on t.id = d.topic_id
          where ${a.where} and ${a.tiered.condition}
          order by ${a.tiered.rank} desc, d.published_on desc nulls last, d.id desc limit ${limit}`.execute(trx)
      ).rows.map((r) => r.id)
    : [];
  if (head.length >= limit) return head.slice(offset, limit);
  // The newest `limit` matches outside the head: fetched with room for those that are in it.
  const fetch = limit + head.length;
  const rows = await sql<{ n: number }>`select reltuples::bigint as n from pg_class where oid = 'documents'::regclass`.execute(trx);
  const share = a.estimated / Math.max(1, Number(rows.rows[0]?.n ?? 0));
  // Common matches (a quarter of the library or more): walk the date index in order, checking each
  // row, instead of fetching every match. A phrase's candidates are few; they are sorted instead.
  const walk = !a.phraseOk && share >= 0.25 && p.page <= 5;
  if (walk) await sql`set local enable_bitmapscan = off`.execute(trx);
  const newest = await sql<{ id: number }>`
    with c as materialized (
      select d.id, d.published_on from documents d left join topics t on t.id = d.topic_id
      where ${a.base} order by d.published_on desc nulls last, d.id desc
      ${a.phraseOk ? sql`` : sql`limit ${fetch}`}
    )
    select c.id from c ${a.phraseOk ? sql`join documents d on d.id = c.id where ${a.phraseOk}` : sql``}
    limit ${fetch}`.execute(trx);
  if (walk) await sql`set local enable_bitmapscan = on`.execute(trx);
  const inHead = new Set(head);
  return [...head, ...newest.rows.map((r) => r.id).filter((id) => !inHead.has(id))].slice(offset, limit);
}

function filterConditions(p: SearchParams): RawBuilder<SqlBool>[] {
  const c: RawBuilder<SqlBool>[] = [];
  if (p.docTypes.length) c.push(sql`d.doc_type in (${sql.join(p.docTypes)})`);
  if (p.issuers.length) c.push(sql`d.issuers && ${sql.val(p.issuers)}::text[]`);
  if (p.years.length) c.push(sql`d.year in (${sql.join(p.years)})`);
  if (p.topics.length) c.push(sql`(d.topic_id in (${sql.join(p.topics)}) or t.parent_id in (${sql.join(p.topics)}))`);
  if (p.audiences.length) c.push(sql`d.audiences && ${sql.val(p.audiences)}::text[]`);
  if (p.validities.length) c.push(sql`d.validity in (${sql.join(p.validities)})`);
  // An organization's documents are its own: not the reference material it holds for the site.
  if (p.orgs.length) c.push(sql`d.org_id in (${sql.join(p.orgs)}) and d.provenance = 'own'`);
  if (p.provenances?.length) c.push(sql`d.provenance in (${sql.join(p.provenances)})`);
  return c;
}

/**
 * Fewer documents than this holding every word, and documents holding most of the words follow
 * them (the page says which words were not required).
 */
const FEW_MATCHES = 10;
const tsq = (q: string) => sql`to_tsquery('simple', ${q})`;

/**
 * The full-text condition and its rank (docs/adr/0023-citizen-search.md).
 *
 * - A document number typed anywhere in the query finds its document first; a query that is only a
 *   number finds only that (or, when no document has it, similar numbers by trigrams).
 * - Every word found in the library must match; when fewer than FEW_MATCHES documents hold them
 *   all, documents holding most of them (by weight, readQuery) are matched too, after them; when
 *   none holds most of them, those holding any, by how much of the query's weight they hold.
 * - The rank: how much of the query's weight the title, number and issuers hold, the title's own
 *   ts_rank, a title that is the query itself, a document type named in the query, a place named
 *   in the query in the title or issuers, shorter titles on ties, and documents still in force.
 */
async function textCondition(trx: Transaction<Database>, publicBase: RawBuilder<unknown>, words: readonly ReadWord[], numbers: readonly { text: string; number: DocNumberQuery }[], text: string, typeHints: string[]) {
  const number = await numberCondition(trx, numbers);
  const numbered = number?.condition ?? null;
  if (!words.length) return numbered ? { condition: numbered, rank: sql`0`, titleMatch: null, partial: false } : null;
  const all = allWords(words);
  const most = mostWords(words);
  // No word of the query is in the library: nothing matches (not the whole library).
  if (!all) return { condition: numbered ?? sql<SqlBool>`false`, rank: sql`0`, titleMatch: null, partial: false };
  // A number some document has is what the query asks for: its words only rank (国务院令第375号 工伤).
  if (number?.exact) return { condition: number.condition, rank: wordRank(words, text, typeHints, null, []), titleMatch: null, partial: false };
  const some = async (q: string, limit: number) =>
    (await sql<{ id: number }>`select d.id from documents d left join topics t on t.id = d.topic_id where ${publicBase} and d.search_vector @@ ${tsq(q)} limit ${limit}`.execute(trx)).rows.map((r) => r.id);
  const holdingAll = most !== all ? await some(all, FEW_MATCHES) : [];
  const partial = most !== all && holdingAll.length < FEW_MATCHES;
  // No document holds even most of the words: those holding any of them, ranked by how much they hold.
  const loose = partial && (await some(most!, 1)).length === 0 ? anyWord(words)! : null;
  const rank = wordRank(words, text, typeHints, numbered, partial ? holdingAll : []);
  const matches = sql<SqlBool>`d.search_vector @@ ${tsq(loose ?? (partial ? most! : all))}`;
  return {
    condition: numbered ? sql<SqlBool>`(${numbered} or ${matches})` : matches,
    rank,
    titleMatch: sql<SqlBool>`d.rank_vector @@ ${tsq(loose ?? most!)}`,
    partial,
  };
}

/** The rank of a match (see textCondition): a number first, then how much of the query's weight the title holds, and the rest. */
function wordRank(words: readonly ReadWord[], text: string, typeHints: string[], numbered: RawBuilder<SqlBool> | null, holdingAll: number[]) {
  const found = words.filter((w) => w.found);
  const total = found.reduce((s, w) => s + w.weight, 0) || 1;
  const title = text.replace(/["“”「」『』]/g, '');
  const places = [...new Set(found.flatMap((w) => (w.place ? [w.place] : [])))];
  return sql`(
    ${numbered ? sql`case when ${numbered} then 20 else 0 end +` : sql``}
    ${holdingAll.length ? sql`case when d.id in (${sql.join(holdingAll)}) then 8 else 0 end +` : sql``}
    3 * (${sql.join(found.map((w) => sql`case when d.rank_vector @@ ${tsq(w.tsquery)} then ${w.weight / total}::float8 else 0 end`), sql` + `)})
    + ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', d.rank_vector, ${tsq(anyWord(words)!)}, 1)
    + case when d.title in (${title}, ${'中华人民共和国' + title}) then 2
           when strpos(d.title, ${title}) > 0 then 0.5 + 1.5 * ${title.length}::float / length(d.title) else 0 end
    + ${typeHints.length ? sql`case when d.doc_type in (${sql.join(typeHints)}) then 1 else 0 end` : sql`0`}
    + ${places.length ? sql`case when ${sql.join(places.map((pl) => sql`strpos(d.title, ${pl}) > 0 or strpos(array_to_string(d.issuers, ' '), ${pl}) > 0`), sql` or `)} then 1 else 0 end` : sql`0`}
    + 0.1 / (1 + length(d.title))
  ) * case d.validity when 'repealed' then 0.5 when 'expired' then 0.5 when 'amended' then 0.8 else 1 end`;
}

/**
 * Documents with a number typed in the query: exactly that number; when no document has it, a
 * number like it (trigram similarity: typos, a different prefix). Null when the query has none.
 */
async function numberCondition(trx: Transaction<Database>, numbers: readonly { text: string; number: DocNumberQuery }[]): Promise<{ condition: RawBuilder<SqlBool>; exact: boolean } | null> {
  const conditions: RawBuilder<SqlBool>[] = [];
  let exactOnly = true;
  for (const { text, number } of numbers) {
    const parts: RawBuilder<SqlBool>[] = [];
    if (number.year !== null) parts.push(sql`d.doc_no_year = ${number.year}`);
    if (number.serial !== null) parts.push(sql`d.doc_no_serial = ${number.serial}`);
    if (number.prefix !== null) parts.push(sql`d.doc_no_prefix like ${'%' + escapeLike(number.prefix)}`);
    const exact = sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
    const found = await sql`select 1 from documents d where ${exact} and d.status = 'published' limit 1`.execute(trx);
    if (found.rows.length) conditions.push(exact);
    else {
      exactOnly = false;
      await sql`set local pg_trgm.word_similarity_threshold = 0.8`.execute(trx);
      conditions.push(sql<SqlBool>`${text.replace(/\s+/g, '')} <% d.doc_no`);
      // The same year and serial under a prefix said another way (国令 for 国务院令, 市场监管总局令 for
      // 国家市场监督管理总局令): sharing a character of the prefix, and a decree for a decree.
      if (number.serial !== null && number.prefix !== null) {
        const chars = [...new Set(Array.from(number.prefix.replace(/令$/u, '')))];
        conditions.push(sql<SqlBool>`(d.doc_no_serial = ${number.serial} and ${number.year === null ? sql`d.doc_no_year is null` : sql`d.doc_no_year = ${number.year}`}
          ${number.prefix.endsWith('令') ? sql`and d.doc_no_prefix like '%令'` : sql``}
          ${chars.length ? sql`and (${sql.join(chars.map((c) => sql`strpos(d.doc_no_prefix, ${c}) > 0`), sql` or `)})` : sql``})`);
      }
    }
  }
  return conditions.length ? { condition: sql<SqlBool>`(${sql.join(conditions, sql` or `)})`, exact: exactOnly } : null;
}

/**
 * Words that name a kind of document (“劳动争议 司法解释”, “农村土地承包 法律”) describe what is
 * wanted rather than words it contains — a judicial interpretation is titled “…的解释”. When the
 * query has other words, such a word becomes a preference for that document type.
 */
const DOC_TYPE_WORDS: Record<string, string> = { 司法解释: '司法解释', 法律: '法律', 行政法规: '行政法规', 地方性法规: '地方性法规', 规章: '规章', 部门规章: '规章', 规范性文件: '行政规范性文件' };

export function docTypeHints(q: string): { rest: string; docTypes: string[] } {
  const words = q.trim().split(/\s+/);
  const types = words.filter((w) => DOC_TYPE_WORDS[w]).map((w) => DOC_TYPE_WORDS[w]!);
  if (types.length === 0 || types.length === words.length) return { rest: q, docTypes: [] };
  return { rest: words.filter((w) => !DOC_TYPE_WORDS[w]).join(' '), docTypes: [...new Set(types)] };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

async function loadItems(db: Transaction<Database>, ids: number[], terms: string[]): Promise<SearchItem[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('documents')
    .select(['id', 'source_id', 'title', 'doc_no', 'issuers', 'doc_type', 'org_id', 'published_on', 'validity', 'provenance', 'issuer_level', sql<string>`left(body_text, 6000)`.as('body')])
    .where('id', 'in', ids)
    .execute();
  return inIdOrder(ids, rows, (r) => ({
    id: r.id, sourceId: r.source_id, title: r.title, docNo: r.doc_no, issuers: r.issuers, docType: r.doc_type, orgId: r.org_id, publishedOn: r.published_on,
    validity: r.validity as Validity, provenance: r.provenance, issuerLevel: r.issuer_level, snippet: buildSnippet(r.body, terms),
  }));
}
