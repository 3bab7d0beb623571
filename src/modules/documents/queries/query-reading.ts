import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { PUBLIC_ATTRIBUTES } from '../../../platform/content/lifecycle.js';
import { analyzeQuestion, conceptTsquery, expandShortForm, likelyTypos, normalizeQuestion, placeNamed, shortFormCandidates, type Concept, type Correction, type ParsedQuery, type SynonymGroup } from '../../../platform/search/index.js';

/**
 * How the library reads a query before searching: the things it asks about (concepts: a word, or a
 * dictionary group's terms, or a typo with its correction, as alternatives), how much each weighs,
 * which of them the library holds at all, and the conditions “every word” and “most of the words”.
 *
 * - Filler and question words (怎么, 规定, 哪里, 吗) are not concepts (platform/search/concepts.ts).
 * - Citizens' words reach official ones through the synonym dictionary (养狗 → 养犬), shared with smart
 *   answers, and likely typos through their same-sounding words (代款 → 贷款).
 * - A concept weighs by how rare it is (its share of the library's fixed sixteenth, migration 0003);
 *   a place (嘉兴, 山东) weighs half, because the query is about something in that place.
 * - A concept no public document holds is left out of matching and named on the page (未找到).
 */
export interface ReadWord {
  /** As typed (after folding): 养狗. */
  text: string;
  /** Other terms it was looked for as (养犬), from the dictionary; empty when only as typed. */
  as: string[];
  found: boolean;
  place: string | null;
  weight: number;
  /** The tsquery that finds it anywhere. */
  tsquery: string;
}

export interface QueryReading {
  words: ReadWord[];
  /** Words no public document holds (未找到：养狗). */
  unmatched: string[];
  /** Likely typos the library holds a correction for (代款 → 贷款). */
  corrections: { typed: string; meant: string }[];
  /** The query with its typos corrected, to offer as 您是不是要找. */
  suggestion: string | null;
}

/** A word in at most this many documents of the library's sixteenth may be a short form. */
const RARE = 8;

/** At most this many of the heaviest words decide “most of the words” (2^8 subsets at most). */
const MOST_WORDS = 8;

/** Reads the query inside the search's transaction; `db` keys the word counts kept between searches. */
export async function readQuery(db: Kysely<Database>, trx: Transaction<Database>, parsed: ParsedQuery, groups: readonly SynonymGroup[], titles: readonly string[]): Promise<QueryReading> {
  const typos = await confirmInTitles(trx, likelyTypos(parsed.plain));
  const text = [parsed.plain, ...parsed.phrases].join(' ');
  const analyze = (more: SynonymGroup[]) => {
    const found = analyzeQuestion(text, [...groups, ...typos.map((t) => [t.typed, ...t.candidates]), ...more], { wholeWords: true }).concepts;
    // A query of filler words only (关于) still looks for them.
    return found.length ? found : parsed.terms.map((t): Concept => ({ text: t, alternatives: [[t]], expanded: false }));
  };
  const count = (cs: Concept[]) => countInSample(db, trx, [...new Set(cs.flatMap((c) => c.alternatives.map((a) => conceptTsquery({ ...c, alternatives: [a] }))))]);
  let concepts = analyze([]);
  let counts = await count(concepts);
  // Short forms the library barely holds, expanded from its public titles: 民诉法 → 民事诉讼法.
  const rare = concepts.filter((c) => !c.expanded && c.alternatives.every((a) => (counts.of.get(conceptTsquery({ ...c, alternatives: [a] })) ?? 0) <= RARE));
  const expansions = shortFormCandidates(parsed.plain).filter((span) => rare.some((c) => span.includes(c.text))).flatMap((span) => expandShortForm(span, titles) ?? []);
  if (expansions.length) {
    concepts = analyze(expansions.map((e) => [e.typed, e.meant]));
    counts = await count(concepts);
  }
  const typed = new Set(typos.map((t) => t.typed));
  const size = Math.max(1, counts.size);
  const words = concepts.map((c): ReadWord => {
    const alts = c.alternatives.map((a) => ({ words: a, n: counts.of.get(conceptTsquery({ ...c, alternatives: [a] })) ?? 0 }));
    const present = alts.filter((a) => a.n > 0);
    const df = Math.min(size, present.reduce((s, a) => s + a.n - 0.5, 0) + 0.5);
    const place = placeNamed(c.text)?.short ?? null;
    const idf = Math.log(1 + size / (df + 0.5));
    return {
      text: c.text,
      // Explained only when the documents do not say it as typed: 养狗 (按“养犬”查找).
      as: c.terms && !typed.has(c.text) && !present.some((a) => a.words.join('') === c.text) ? c.terms.filter((t) => t !== c.text && present.some((a) => a.words.join('') === t)) : [],
      found: present.length > 0,
      place,
      weight: present.length ? idf * (place ? 0.5 : 1) : 0,
      tsquery: present.length ? conceptTsquery({ ...c, alternatives: present.map((a) => a.words) }) : conceptTsquery(c),
    };
  });
  const corrections = typos.flatMap((t) => {
    const meant = t.candidates.find((w) => concepts.some((c) => c.text === t.typed && (counts.of.get(conceptTsquery({ ...c, alternatives: [segmentedAlternative(c, w)] })) ?? 0) > 0));
    return meant ? [{ typed: t.typed, meant }] : [];
  });
  let suggestion: string | null = null;
  if (corrections.length) suggestion = corrections.reduce((q, c) => q.replace(c.typed, c.meant), parsed.text);
  return { words, unmatched: unmatchedAsTyped(parsed.plain, words), corrections, suggestion };
}

/** The words not found, a piece typed as one (火星文, cut as 火星 + 文) named as typed. */
function unmatchedAsTyped(plain: string, words: readonly ReadWord[]): string[] {
  const out: string[] = [];
  const named = new Set<string>();
  for (const piece of plain.split(' ').map((p) => normalizeQuestion(p)).filter(Boolean)) {
    const inPiece = words.filter((w) => piece.includes(w.text));
    if (inPiece.length > 1 && inPiece.every((w) => !w.found)) {
      out.push(piece);
      for (const w of inPiece) named.add(w.text);
    }
  }
  return [...out, ...words.filter((w) => !w.found && !named.has(w.text)).map((w) => w.text)];
}

/**
 * Typos whose correction only the library's titles know (食品安全发 → 食品安全法): kept when a public
 * title holds a variant and none holds what was typed. Dictionary corrections pass as they are.
 */
async function confirmInTitles(trx: Transaction<Database>, typos: Correction[]): Promise<{ typed: string; candidates: string[] }[]> {
  const publicDoc = sql`d.status = 'published' and d.attribute in (${sql.join(PUBLIC_ATTRIBUTES)})`;
  const inTitles = async (patterns: string[]) =>
    patterns.length
      ? (await sql<{ title: string }>`select d.title from documents d where (${sql.join(patterns.map((v) => sql`d.title like ${'%' + v + '%'}`), sql` or `)}) and ${publicDoc} limit 500`.execute(trx)).rows.map((r) => r.title)
      : [];
  // What a title already holds as typed (中小微企业) is no typo; constant patterns go through the titles' trigram index.
  // One statement, one existence check per span.
  const spans = typos.filter((x) => x.variants.length).map((x) => x.typed);
  const held = spans.length
    ? Object.values((await sql<Record<string, boolean>>`select ${sql.join(spans.map((v, i) => sql`exists (select 1 from documents d where d.title like ${'%' + v + '%'} and ${publicDoc}) as ${sql.ref(`h${i}`)}`))}`.execute(trx)).rows[0]!)
    : [];
  const toLook = typos.filter((t) => t.variants.length && !held[spans.indexOf(t.typed)]);
  const titles = await inTitles([...new Set(toLook.flatMap((t) => t.variants))]);
  const found = new Map<string, string[]>();
  for (const t of toLook) found.set(t.typed, t.variants.filter((v) => titles.some((title) => title.includes(v))));
  return typos.flatMap((t) => {
    if (!t.variants.length) return [t];
    const hits = found.get(t.typed) ?? [];
    return hits.length ? [{ typed: t.typed, candidates: hits.slice(0, 1) }] : [];
  });
}

/** The alternative of a concept that spells `word` (a correction's words, as the concept holds them). */
function segmentedAlternative(c: Concept, word: string): string[] {
  return c.alternatives.find((a) => a.join('') === word) ?? [word];
}

/** Every word found matches. */
export function allWords(words: readonly ReadWord[]): string | null {
  const found = words.filter((w) => w.found);
  return found.length ? found.map((w) => `(${w.tsquery})`).join(' & ') : null;
}

/** Any word found matches (for ranking). */
export function anyWord(words: readonly ReadWord[]): string | null {
  const found = words.filter((w) => w.found);
  return found.length ? found.map((w) => `(${w.tsquery})`).join(' | ') : null;
}

/**
 * Most of the words match: the found words whose weights add up to at least half of the found
 * words' total, written as the smallest such sets (OR of ANDs), so the index finds them directly.
 */
export function mostWords(words: readonly ReadWord[]): string | null {
  const found = words.filter((w) => w.found).sort((a, b) => b.weight - a.weight).slice(0, MOST_WORDS);
  if (found.length === 0) return null;
  const total = found.reduce((s, w) => s + w.weight, 0);
  const minimal: number[] = [];
  for (let mask = 1; mask < 1 << found.length; mask++) {
    const weight = found.reduce((s, w, i) => (mask & (1 << i) ? s + w.weight : s), 0);
    if (weight < total / 2 - 1e-9) continue;
    // Minimal: dropping any one of its words falls below half.
    if (found.some((w, i) => mask & (1 << i) && weight - w.weight >= total / 2 - 1e-9)) continue;
    minimal.push(mask);
  }
  return minimal.map((mask) => `(${found.filter((_, i) => mask & (1 << i)).map((w) => `(${w.tsquery})`).join(' & ')})`).join(' | ');
}

/**
 * How many public documents of the library's sixteenth hold each tsquery, and the sixteenth's
 * size; a tsquery absent there is looked for in the whole library (a rare word). Found counts are
 * kept for ten minutes; absences are never kept, so a word is found the moment it is published.
 */
async function countInSample(db: Kysely<Database>, trx: Transaction<Database>, tsqueries: string[]): Promise<{ of: Map<string, number>; size: number }> {
  const now = Date.now();
  let kept = caches.get(db);
  if (!kept || now - kept.at > CACHE_MS || kept.counts.size > CACHE_MAX) caches.set(db, (kept = { at: now, counts: new Map() }));
  const cache = kept.counts;
  const publicDoc = sql`d.status = 'published' and d.attribute in (${sql.join(PUBLIC_ATTRIBUTES)})`;
  const inSample = sql`d.sample_vector @@ 'zzsample0'::tsquery`;
  const missing = tsqueries.filter((q) => !cache.has(q));
  if (!cache.has(SIZE)) {
    const r = await sql<{ n: number }>`select count(*)::int as n from documents d where ${publicDoc} and ${inSample}`.execute(trx);
    if (r.rows[0]!.n > 0) cache.set(SIZE, r.rows[0]!.n);
  }
  if (missing.length) {
    const rows = await sql<{ q: string; n: number }>`
      select q, (select count(*) from documents d where ${publicDoc} and ${inSample} and d.search_vector @@ to_tsquery('simple', q))::int as n
      from unnest(${sql.val(missing)}::text[]) as q`.execute(trx);
    const absent = rows.rows.filter((r) => r.n === 0).map((r) => r.q);
    const rare = absent.length
      ? new Set((await sql<{ q: string }>`select q from unnest(${sql.val(absent)}::text[]) as q
          where exists (select 1 from documents d where d.search_vector @@ to_tsquery('simple', q) and ${publicDoc})`.execute(trx)).rows.map((r) => r.q))
      : new Set<string>();
    for (const r of rows.rows) {
      // A word the sixteenth lacks but the library holds counts as half a document there.
      const n = r.n > 0 ? r.n : rare.has(r.q) ? 0.5 : 0;
      if (n > 0) cache.set(r.q, n);
    }
  }
  return { of: new Map(tsqueries.map((q) => [q, cache.get(q) ?? 0])), size: cache.get(SIZE) ?? 0 };
}

const SIZE = '<size>';
const CACHE_MS = 10 * 60_000;
const CACHE_MAX = 50_000;
const caches = new WeakMap<Kysely<Database>, { at: number; counts: Map<string, number> }>();

/**
 * The public documents' titles, where short forms are expanded from: kept per database and read
 * again in the background after ten minutes (a title is seen at most that late).
 */
export async function publicTitles(db: Kysely<Database>): Promise<readonly string[]> {
  const kept = titleCaches.get(db);
  const read = async () => {
    const rows = await sql<{ title: string }>`select distinct d.title from documents d where d.status = 'published' and d.attribute in (${sql.join(PUBLIC_ATTRIBUTES)})`.execute(db);
    const fresh = { at: Date.now(), titles: rows.rows.map((r) => r.title), refreshing: false };
    titleCaches.set(db, fresh);
    return fresh.titles;
  };
  if (!kept) return read();
  if (Date.now() - kept.at > CACHE_MS && !kept.refreshing) {
    kept.refreshing = true;
    void read().catch(() => (kept.refreshing = false));
  }
  return kept.titles;
}

const titleCaches = new WeakMap<Kysely<Database>, { at: number; titles: string[]; refreshing: boolean }>();
