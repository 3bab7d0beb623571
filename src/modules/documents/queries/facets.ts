import { sql, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { VALIDITIES, type Validity } from '../domain/validity.js';
import { PROVENANCES, type Provenance } from '../domain/provenance.js';

export type FacetName = 'docType' | 'issuer' | 'year' | 'topic' | 'audience' | 'validity' | 'org' | 'provenance';
export interface FacetValue {
  value: string;
  count: number;
  /** The count is the sample's ×16 (shown as “约”); otherwise every match was counted. */
  estimated: boolean;
}
export type FacetRow = { f: FacetName; v: string; n: number };

export const FACET_LIMIT = 30;

/**
 * A sample count k estimates 16·k with a relative standard error of about √(15/16 ÷ k): 5 % at
 * k = 375, 25 % at k = 15. Below this many sample rows a shown count is counted exactly instead.
 */
export const PRECISE_SAMPLE_COUNT = 375;
/**
 * Up to this many matches (as the sample estimates) the rough facet values are counted exactly.
 * The facet columns have no index to narrow the recount by, so it reads every match whatever the
 * values: measured at 100,000 documents it doubled the time of a 35,000–49,000-match query, and
 * costs about what the exact path costs at 4,000–8,000 matches. Above it the estimates stay, marked.
 */
export const RECOUNT_MAX_MATCHES = 8000;

/** The columns a facet is counted on, per matched document. */
// Reference material (法律法规 / 上级文件) counts under its provenance, never under the organization that holds it (公开机构).
export const MATCHED_COLUMNS = sql`d.id, d.doc_type, d.issuers[1] as lead_issuer, d.year, d.audiences, d.validity, case when d.provenance = 'own' then d.org_id end as org_id, d.provenance, d.published_on, coalesce(t.parent_id, t.id) as topic_root`;

/** The facet counts of a set of matched rows (one grouping-sets pass, one for audiences), top FACET_LIMIT per facet. */
export function facetsOf(matched: string) {
  const m = sql.table(matched);
  // The issuer facet counts the lead issuer (主办机关), while the issuer filter matches any of a joint issuance.
  return sql`
    counted as (
      select case when grouping(doc_type) = 0 then 'docType' when grouping(year) = 0 then 'year' when grouping(validity) = 0 then 'validity'
                  when grouping(org_id) = 0 then 'org' when grouping(lead_issuer) = 0 then 'issuer' when grouping(provenance) = 0 then 'provenance' else 'topic' end as f,
             coalesce(doc_type, year::text, validity, org_id::text, lead_issuer, provenance, topic_root::text) as v, count(*) as n
      from ${m} group by grouping sets ((doc_type), (year), (validity), (org_id), (lead_issuer), (provenance), (topic_root))
      union all
      select 'audience', a, count(*) from ${m}, unnest(audiences) a where cardinality(audiences) > 0 group by a
    ),
    ranked as (select f, v, n, row_number() over (partition by f order by n desc, v) as r from counted where v is not null)`;
}

export function toFacets(rows: FacetRow[], scale: number): Record<FacetName, FacetValue[]> {
  const facets: Record<FacetName, FacetValue[]> = { docType: [], issuer: [], year: [], topic: [], audience: [], validity: [], org: [], provenance: [] };
  for (const f of rows) facets[f.f].push({ value: f.v, count: Number(f.n) * scale, estimated: scale !== 1 });
  facets.year.sort((a, b) => Number(b.value) - Number(a.value));
  facets.validity.sort((a, b) => VALIDITIES.indexOf(a.value as Validity) - VALIDITIES.indexOf(b.value as Validity));
  facets.provenance.sort((a, b) => PROVENANCES.indexOf(a.value as Provenance) - PROVENANCES.indexOf(b.value as Provenance));
  return facets;
}

/** The condition that a document has one of these values of a facet (`d` documents, `t` its topic). */
function hasValue(f: FacetName, values: string[]): RawBuilder<SqlBool> {
  switch (f) {
    case 'docType': return sql`d.doc_type in (${sql.join(values)})`;
    case 'issuer': return sql`d.issuers[1] in (${sql.join(values)})`;
    case 'year': return sql`d.year in (${sql.join(values.map(Number))})`;
    case 'validity': return sql`d.validity in (${sql.join(values)})`;
    case 'org': return sql`d.org_id in (${sql.join(values.map(Number))}) and d.provenance = 'own'`;
    case 'provenance': return sql`d.provenance in (${sql.join(values)})`;
    case 'topic': return sql`coalesce(t.parent_id, t.id) in (${sql.join(values.map(Number))})`;
    case 'audience': return sql`d.audiences && ${sql.val(values)}::text[]`;
  }
}

/**
 * Replaces the sampled counts that are too rough to show (fewer than PRECISE_SAMPLE_COUNT sample
 * rows) by exact ones when the matches are at most `maxMatches`: one statement counts the matches
 * that have any of those values. Otherwise every value stays `estimated`, and the page says so.
 */
export async function recountImprecise(trx: Transaction<Database>, where: RawBuilder<unknown>, facets: Record<FacetName, FacetValue[]>, scale: number, total: number, maxMatches = RECOUNT_MAX_MATCHES): Promise<void> {
  if (total > maxMatches) return;
  const chosen = (Object.keys(facets) as FacetName[]).flatMap((f) => facets[f].filter((x) => x.estimated && x.count / scale < PRECISE_SAMPLE_COUNT).map((x) => ({ f, x })));
  if (chosen.length === 0) return;
  const byFacet = new Map<FacetName, string[]>();
  for (const c of chosen) byFacet.set(c.f, [...(byFacet.get(c.f) ?? []), c.x.value]);
  const anyValue = sql.join([...byFacet].map(([f, values]) => hasValue(f, values)), sql` or `);
  const r = await sql<{ facets: FacetRow[] | null }>`
    with recount as materialized (
      select ${MATCHED_COLUMNS} from documents d left join topics t on t.id = d.topic_id
      where ${where} and (${anyValue})
    ),
    ${facetsOf('recount')}
    select (select json_agg(json_build_object('f', f, 'v', v, 'n', n)) from counted where v is not null) as facets
  `.execute(trx);
  const exact = new Map((r.rows[0]?.facets ?? []).map((row) => [`${row.f}|${row.v}`, Number(row.n)]));
  for (const c of chosen) {
    // A value the sample saw is in the matches; the exact count is at least 1 (0 only if it changed meanwhile).
    c.x.count = exact.get(`${c.f}|${c.x.value}`) ?? 0;
    c.x.estimated = false;
  }
  for (const f of byFacet.keys()) {
    facets[f] = facets[f].filter((x) => x.count > 0);
    if (f !== 'year' && f !== 'validity' && f !== 'provenance') facets[f].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }
}
