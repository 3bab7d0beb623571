import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { SynonymGroup } from './concepts.js';

/**
 * The site's synonym dictionary (同义词词典: 简称 ↔ 全称, 口语 ↔ 公文用语), shared by smart answers and
 * the policy library's search. Administrators keep it at /admin/ask/synonyms; groups learned from
 * the corpus sit beside theirs.
 *
 * Every search reads it, so it is kept in memory per database and re-read only when its version
 * (row count and last change) moves: one tiny query per search, and an edit on any instance is
 * seen by every instance at its next search.
 */
const cache = new WeakMap<Kysely<Database>, { version: string; groups: SynonymGroup[] }>();

export async function loadSynonymGroups(db: Kysely<Database>): Promise<SynonymGroup[]> {
  const v = await sql<{ n: number; at: string | null }>`select count(*)::int as n, max(updated_at)::text as at from ask_synonyms`.execute(db);
  const version = `${v.rows[0]?.n ?? 0}|${v.rows[0]?.at ?? ''}`;
  const known = cache.get(db);
  if (known?.version === version) return known.groups;
  const groups = (await db.selectFrom('ask_synonyms').select('terms').orderBy('id').execute()).map((r) => r.terms);
  cache.set(db, { version, groups });
  return groups;
}
