import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { PUBLIC_ATTRIBUTES } from '../../platform/content/lifecycle.js';
import { parseQuery } from '../../platform/search/index.js';
import { industryByCode, profileAudiences, type Profile } from './domain/profile.js';

export const INBOX_PAGE_SIZE = 20;
export const POLICIES_PAGE_SIZE = 20;
/** Documents that still apply: in force, or in force as amended or in part. */
const IN_FORCE = ['effective', 'amended', 'partially_invalid'];

export async function inboxPage(db: Kysely<Database>, accountId: number, page: number) {
  const [rows, counts] = await Promise.all([
    db
      .selectFrom('inbox_items')
      .select(['id', 'item_type', 'title', 'url', 'summary', 'created_at', 'read_at'])
      .where('account_id', '=', accountId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(INBOX_PAGE_SIZE)
      .offset((page - 1) * INBOX_PAGE_SIZE)
      .execute(),
    db
      .selectFrom('inbox_items')
      .select((eb) => [eb.fn.countAll<number>().as('total'), sql<number>`count(*) filter (where read_at is null)`.as('unread')])
      .where('account_id', '=', accountId)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(counts.total), unread: Number(counts.unread) };
}

export async function findAccountProfile(db: Kysely<Database>, accountId: number) {
  return db.selectFrom('accounts').select(['id', 'display_name', 'email_masked', 'kind', 'industry', 'size', 'district']).where('id', '=', accountId).executeTakeFirstOrThrow();
}

/** The site group's counties (区县): the district choices of a profile. */
export async function districtOptions(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('organizations').select('name').where('kind', '=', 'county').where('successor_id', 'is', null).orderBy('position').orderBy('id').execute();
  return rows.map((r) => r.name.replace(/人民政府$/, ''));
}

/**
 * 可能适用于您的政策: documents in force whose audiences include the profile's (企业, 中小微企业 for
 * medium, small and micro enterprises, 个体工商户 …) or whose title names the profile's industry
 * (its words, searched in the title vector under its GIN index); from another county than the
 * profile's district, none. Newest first.
 */
export async function policiesForProfile(db: Kysely<Database>, profile: Profile, page: number) {
  const audiences = profileAudiences(profile);
  const industry = industryByCode(profile.industry);
  const industryQuery = industry ? industry.keywords.map((k) => parseQuery(k).tsquery).filter(Boolean).map((q) => `(${q})`).join(' | ') : '';
  const match = sql<boolean>`(d.audiences && ${sql.val(audiences)}::text[]${industryQuery ? sql` or d.rank_vector @@ to_tsquery('simple', ${industryQuery})` : sql``})`;
  const otherCounties = profile.district ? await otherCountyOrgIds(db, profile.district) : [];
  let q = db
    .selectFrom('documents as d')
    .innerJoin('organizations as o', 'o.id', 'd.org_id')
    .where('d.status', '=', 'published')
    .where('d.attribute', 'in', PUBLIC_ATTRIBUTES)
    // The site's organizations' own policies: the list names the organization as the publisher.
    .where('d.provenance', '=', 'own')
    .where('d.validity', 'in', IN_FORCE)
    .where(match);
  if (otherCounties.length) q = q.where('d.org_id', 'not in', otherCounties);
  const [rows, total] = await Promise.all([
    q
      .select(['d.id', 'd.title', 'd.doc_no', 'd.published_on', 'd.audiences', 'o.short_name as org_name', sql<boolean>`d.audiences && ${sql.val(audiences)}::text[]`.as('by_audience')])
      .orderBy('d.published_on', 'desc')
      .orderBy('d.id', 'desc')
      .limit(POLICIES_PAGE_SIZE)
      .offset((page - 1) * POLICIES_PAGE_SIZE)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n), audiences, industry: industry?.name ?? null };
}

/** Organizations of the counties other than `district` (and everything below them). */
async function otherCountyOrgIds(db: Kysely<Database>, district: string): Promise<number[]> {
  const r = await sql<{ id: number }>`
    with recursive tree as (
      select id from organizations where kind = 'county' and regexp_replace(name, '人民政府$', '') <> ${district}
      union
      select o.id from organizations o join tree t on o.parent_id = t.id
    )
    select id from tree`.execute(db);
  return r.rows.map((x) => x.id);
}
