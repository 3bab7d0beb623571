import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';

/**
 * How common each word is, for weighing a question's words by rarity (BM25's idf), read from the
 * statistics PostgreSQL keeps anyway: ANALYZE records a tsvector column's most common lexemes and
 * the share of rows holding each (pg_stats.most_common_elems, up to 10,000 per column with the
 * statistics target migration 0006 sets). A word not listed is rarer than the rarest listed.
 *
 * Why not count: counting a common word's rows in 2.5 million clauses costs tens of
 * milliseconds per word; the statistics cost one small read every few minutes, the same for every
 * app instance, and stay as fresh as the last ANALYZE (the clause job and the importers run it).
 */
export interface TermStats {
  rows: number;
  /** Share of rows containing the word, for the most common words. */
  freq: ReadonlyMap<string, number>;
  /** The share below which a word is not listed (the rarest listed word's). */
  floor: number;
}

const TTL_MS = 5 * 60 * 1000;
interface Cached { at: number; stats: TermStats; refreshing: boolean }
const cache = new Map<string, Cached>();
/** Bumped by clearTermStats: a refresh started before it must not put old figures back. */
let generation = 0;

/**
 * The statistics of a table, read once and then kept. When they are older than five minutes the
 * question still gets them at once and a fresh copy is read behind it (stale while revalidating):
 * reading them costs a few hundred milliseconds at millions of clauses, which no question should
 * wait for. The server reads them before it listens (warmAnswers).
 */
export async function loadTermStats(db: Kysely<Database>, table: 'qa_entries' | 'document_clauses', now = Date.now()): Promise<TermStats> {
  const hit = cache.get(table);
  if (hit) {
    if (now - hit.at >= TTL_MS && !hit.refreshing) {
      hit.refreshing = true;
      const gen = generation;
      readTermStats(db, table).then(
        (stats) => {
          if (gen === generation) cache.set(table, { at: Date.now(), stats, refreshing: false });
        },
        () => {
          hit.refreshing = false; // tried again on a later question
        },
      );
    }
    return hit.stats;
  }
  const stats = await readTermStats(db, table);
  cache.set(table, { at: now, stats, refreshing: false });
  return stats;
}

async function readTermStats(db: Kysely<Database>, table: 'qa_entries' | 'document_clauses'): Promise<TermStats> {
  const r = await sql<{ elems: string | null; freqs: (number | string)[] | null; rows: number | string | null }>`
    select s.most_common_elems::text as elems, s.most_common_elem_freqs as freqs,
           (select reltuples from pg_class where oid = ${table}::regclass) as rows
    from (select 1) one
    left join pg_stats s on s.schemaname = current_schema() and s.tablename = ${table} and s.attname = 'search_vector'`.execute(db);
  const row = r.rows[0];
  const freq = new Map<string, number>();
  let floor = 0;
  if (row?.elems && row.freqs) {
    const words = row.elems.replace(/^\{|\}$/g, '').split(',').map((w) => w.replace(/^"|"$/g, ''));
    const freqs = row.freqs.map(Number);
    words.forEach((w, i) => freq.set(w, freqs[i] ?? 0));
    // The array ends with the minimum and maximum frequency and the null share.
    floor = freqs.length > words.length ? freqs[words.length]! : Math.min(...freqs);
  }
  return { rows: Math.max(0, Number(row?.rows ?? 0)), freq, floor };
}

/** Forget the cached statistics (after ANALYZE, in tests and the benchmark). */
export function clearTermStats(): void {
  generation++;
  cache.clear();
}

/** Estimated rows containing every word of `words`. Unlisted words count as half the floor. */
export function estimatedRows(stats: TermStats, words: readonly string[]): number {
  const n = Math.max(1, stats.rows);
  if (stats.freq.size === 0) return 1;
  let f = 1;
  for (const w of words) f = Math.min(f, stats.freq.get(w) ?? stats.floor / 2);
  return Math.max(1, f * n);
}

/** BM25's idf of a word found in `df` of the rows. Without statistics every word weighs the same. */
export function idf(stats: TermStats, df: number): number {
  const n = Math.max(1, stats.rows);
  if (stats.freq.size === 0) return 1;
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}
