import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { findDutyRows } from '../../lists/public.js';
import { MATTER_WORDS } from '../domain/matter-words.js';
import { analyzeQuestion } from '../domain/question.js';
import { placeNamedIn, routeQuestion, routingWords, type Routing, type RoutingOrg } from '../domain/routing.js';
import { loadSynonymGroups } from '../../../platform/search/index.js';
import type { AskResult } from './retrieve.js';

const like = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The organizations a referral may go to: every one not merged away, in tree order. */
export async function listRoutingOrgs(db: Kysely<Database>): Promise<RoutingOrg[]> {
  const rows = await db.selectFrom('organizations').select(['id', 'name', 'short_name', 'parent_id', 'kind']).where('successor_id', 'is', null).orderBy('position').orderBy('id').execute();
  return rows.map((o) => ({ id: Number(o.id), name: o.name, shortName: o.short_name, parentId: o.parent_id === null ? null : Number(o.parent_id), kind: o.kind }));
}

/**
 * The department a question is suggested to, with its reason (domain/routing.ts has the rule):
 * the organizations' duty lists, their catalog columns, the departments that answered the nearest
 * published Q&A entries and the issuers of the nearest clauses, within the asker's chosen place
 * (or, when none was chosen, the place the question names; returned so the form shows it chosen).
 * An entry of the answers that is not published (a draft, in review, withdrawn) is not evidence:
 * public means approved.
 */
export async function suggestReferralOrg(db: Kysely<Database>, p: { question: string; result: AskResult | null; placeOrgId: number | null }): Promise<Routing & { orgs: RoutingOrg[]; place: number | null }> {
  const [orgs, synonyms] = await Promise.all([listRoutingOrgs(db), loadSynonymGroups(db)]);
  const concepts = analyzeQuestion(p.question, [...synonyms, ...MATTER_WORDS]).concepts;
  const words = routingWords(concepts);
  const qa = p.result?.qa ?? [];
  const [duties, columns, published] = await Promise.all([
    findDutyRows(db, words),
    distinctiveColumns(db, words),
    qa.length ? db.selectFrom('qa_entries').select('id').where('id', 'in', qa.map((a) => a.id)).where('status', '=', 'published').execute() : Promise.resolve([]),
  ]);
  const isPublished = new Set(published.map((r) => Number(r.id)));
  // The place the asker chose, else the one the question names (问题里写了东山县).
  const place = p.placeOrgId !== null && orgs.some((o) => o.id === p.placeOrgId) ? p.placeOrgId : placeNamedIn(p.question, orgs);
  const routing = routeQuestion(
    orgs,
    {
      concepts,
      duties,
      columns,
      answers: qa.filter((a) => isPublished.has(a.id)).map((a) => ({ orgId: a.orgId, department: a.department ?? '', title: a.title, score: a.score })),
      clauses: (p.result?.clauses ?? []).map((c) => ({ orgId: c.orgId, score: c.score })),
    },
    place,
  );
  return { ...routing, orgs, place };
}

/** Catalog columns whose names contain a word, among names fewer than half of the organizations share. */
async function distinctiveColumns(db: Kysely<Database>, words: string[]): Promise<{ orgId: number; name: string }[]> {
  if (words.length === 0) return [];
  const r = await sql<{ org_id: number; name: string }>`
    select n.org_id, n.name
    from catalog_nodes n
    join organizations o on o.id = n.org_id and o.successor_id is null
    where (${sql.join(words.slice(0, 60).map((w) => sql`n.name ilike ${like(w)}`), sql` or `)})
      and (select count(distinct m.org_id) from catalog_nodes m where m.name = n.name) * 2
          < (select count(*) from organizations where successor_id is null)
    limit 200`.execute(db);
  return r.rows.map((x) => ({ orgId: Number(x.org_id), name: x.name }));
}
