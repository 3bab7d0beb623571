/**
 * The in-memory peer of bench/search.ts, in its own process so that its memory is measured on its
 * own. It gets the same library (same rows, bench/lib/corpus.ts), the same jieba tokens the database
 * indexed, and queries already parsed by the app's parseQuery; it never segments anything itself.
 * Run by bench/search.ts as:  node --import tsx --expose-gc bench/search-peer.ts <input.json>
 *
 * Both engines AND all words (like the database's tsquery); a long word is OR-ed with its covering
 * sub-words exactly as the app's tsquery does; exclusions remove documents. Neither engine has
 * facets or a "count everything" mode, so each query retrieves the full ranked hit list, counts the
 * 5 facets the library uses over it (doc type, year, validity, organization, issuer; topics and
 * audiences are empty), sorts (relevance, or date) and cuts a page of 20.
 *
 * - flexsearch (default): one Index over title + number/issuers + body tokens (tokenize "strict",
 *   encode = split on space). FlexSearch ranks a document by the position of a word's first
 *   occurrence; a custom score puts title/number/issuer hits in the best slot, body hits after them
 *   by relative position. Word combinations use FlexSearch's Resolver (and / or / not). Filters are
 *   applied to the hit list (FlexSearch tags would need its Document index).
 * - minisearch: fields title / docNoIssuers / body, boosts 3 / 2 / 1, BM25, filters through the
 *   `filter` callback over stored fields. Indexing is ~20x slower than FlexSearch on these long
 *   documents (measured: 243 s of CPU for 20,000 documents), hence not the default at 100,000.
 */
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { Index } from 'flexsearch';
import MiniSearch, { type Query, type SearchResult } from 'minisearch';
import { copyPlan, type CopyRow } from './lib/corpus.js';
import type { PeerInput, PeerOutput, PeerQuery, PeerQueryResult, PeerQueryTree, SegmentedDoc } from './lib/peer-protocol.js';

const FACET_LIMIT = 30;

function versionOf(pkg: string): string {
  return (JSON.parse(readFileSync(new URL(`../node_modules/${pkg}/package.json`, import.meta.url), 'utf8')) as { version: string }).version;
}

const gc = (globalThis as { gc?: () => void }).gc;
function collect(): void {
  if (!gc) throw new Error('search-peer.ts needs node --expose-gc');
  gc();
  gc();
}

function log(msg: string): void {
  process.stderr.write(`[peer] ${msg}\n`);
}

async function readSegmented(path: string): Promise<SegmentedDoc[]> {
  const out: SegmentedDoc[] = [];
  const rl = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of rl) if (line) out.push(JSON.parse(line) as SegmentedDoc);
  return out;
}

/** Per-row metadata for filters, facets and date sorting (shared by both engines' result handling). */
interface RowMeta {
  sourceId: string;
  docType: string;
  validity: string;
  org: number;
  year: number | null;
  issuers: string[];
  publishedOn: string | null;
}

interface Engine {
  name: string;
  add(row: CopyRow, doc: SegmentedDoc): void;
  /** Called once all rows are added: drop indexing caches. */
  done(): void;
  /** All hits, best first (row numbers), filters applied. */
  search(q: PeerQuery, accept: ((row: number) => boolean) | null): number[];
  /** All rows matching the filters (browsing without words). */
  all(accept: ((row: number) => boolean) | null, rows: number): number[];
}

/** Tokens of a segmented string, cached per string: the copies of a document share the same string. */
function tokenCache() {
  let cache: Map<string, string[]> | null = new Map();
  return {
    split(text: string): string[] {
      if (!text) return [];
      if (!cache) return text.split(' ');
      let t = cache.get(text);
      if (!t) cache.set(text, (t = text.split(' ')));
      return t;
    },
    clear() {
      cache = null;
    },
  };
}

function flexSearchEngine(docs: number): Engine {
  const RESOLUTION = 9;
  const tokens = tokenCache();
  let headLength = 0; // tokens of title + number/issuers of the document being added
  const index = new Index({
    tokenize: 'strict',
    resolution: RESOLUTION,
    encode: (text: string) => tokens.split(text),
    score: (content: string[], _term: string, i: number) =>
      i < headLength ? 0 : 1 + Math.floor(((RESOLUTION - 2) * (i - headLength)) / Math.max(1, content.length - headLength)),
  });
  const contentOf = new Map<SegmentedDoc, { text: string; head: number }>();
  // FlexSearch's Resolver (index.search(…, { resolve: false })), typed loosely: its typings are generic over documents.
  interface Resolver {
    and(...r: Resolver[]): Resolver;
    or(...r: Resolver[]): Resolver;
    not(...r: Resolver[]): Resolver;
    resolve(o: { limit: number }): number[];
  }
  const leaf = (w: string) => index.search(w, { resolve: false }) as unknown as Resolver;
  const empty = (r: unknown) => Array.isArray(r) || typeof (r as Resolver).and !== 'function';
  const build = (t: PeerQueryTree): Resolver => {
    if (typeof t === 'string') return leaf(t);
    const parts = t.queries.map(build);
    // Empty parts: an AND with one is empty, an OR ignores it, an AND_NOT of it removes nothing.
    if (t.combineWith === 'AND' && parts.some(empty)) return [] as unknown as Resolver;
    const kept = t.combineWith === 'OR' ? parts.filter((x) => !empty(x)) : t.combineWith === 'AND_NOT' ? [parts[0]!, ...parts.slice(1).filter((x) => !empty(x))] : parts;
    if (kept.length === 0 || empty(kept[0])) return [] as unknown as Resolver;
    const [first, ...rest] = kept;
    if (rest.length === 0) return first!;
    if (t.combineWith === 'AND') return first!.and(...rest);
    if (t.combineWith === 'OR') return first!.or(...rest);
    return first!.not(...rest);
  };
  return {
    name: `flexsearch@${versionOf('flexsearch')}`,
    add(row, doc) {
      let c = contentOf.get(doc);
      if (!c) {
        const head = [doc.title, doc.numberAndIssuers].filter(Boolean).join(' ');
        c = { text: [head, doc.body].filter(Boolean).join(' '), head: head ? head.split(' ').length : 0 };
        contentOf.set(doc, c);
      }
      headLength = c.head;
      index.add(row.row, c.text);
    },
    done() {
      tokens.clear();
      contentOf.clear();
    },
    search(q, accept) {
      // A word the index lacks (citizen queries have them) yields a plain empty array, not a Resolver.
      const r = build(q.tree!) as Partial<Resolver> | unknown[];
      const ids = !Array.isArray(r) && typeof r.resolve === 'function' ? r.resolve({ limit: docs }) : [];
      return accept ? ids.filter(accept) : ids;
    },
    all(accept, rows) {
      const out: number[] = [];
      for (let r = 0; r < rows; r++) if (!accept || accept(r)) out.push(r);
      return out;
    },
  };
}

function miniSearchEngine(meta: RowMeta[]): Engine {
  const tokens = tokenCache();
  const ms = new MiniSearch<{ id: number; doc: SegmentedDoc; meta: RowMeta }>({
    fields: ['title', 'docNoIssuers', 'body'],
    storeFields: ['sourceId', 'docType', 'validity', 'org', 'year', 'issuers', 'publishedOn'],
    extractField: (d, field) => {
      if (field === 'id') return d.id;
      if (field === 'title') return d.doc.title;
      if (field === 'docNoIssuers') return d.doc.numberAndIssuers;
      if (field === 'body') return d.doc.body;
      return d.meta[field as keyof RowMeta];
    },
    tokenize: (text: string) => tokens.split(text),
    processTerm: (term: string) => term,
    searchOptions: { boost: { title: 3, docNoIssuers: 2 }, combineWith: 'AND', prefix: false, fuzzy: false },
  });
  const toQuery = (t: PeerQueryTree): Query => (typeof t === 'string' ? t : { combineWith: t.combineWith, queries: t.queries.map(toQuery) });
  return {
    name: `minisearch@${versionOf('minisearch')}`,
    add(row, doc) {
      ms.add({ id: row.row, doc, meta: meta[row.row]! });
    },
    done() {
      tokens.clear();
    },
    search(q, accept) {
      const filter = accept ? (r: SearchResult) => accept(r.id as number) : undefined;
      return ms.search(toQuery(q.tree!), { combineWith: 'AND', filter }).map((r) => r.id as number);
    },
    all(accept) {
      const filter = accept ? (r: SearchResult) => accept(r.id as number) : undefined;
      return ms.search(MiniSearch.wildcard, { filter }).map((r) => r.id as number);
    },
  };
}

function acceptFor(q: PeerQuery, meta: RowMeta[]): ((row: number) => boolean) | null {
  const docTypes = q.docTypes.length ? new Set(q.docTypes) : null;
  const years = q.years.length ? new Set(q.years) : null;
  const validities = q.validities.length ? new Set(q.validities) : null;
  const orgs = q.orgs.length ? new Set(q.orgs) : null;
  const issuers = q.issuers.length ? new Set(q.issuers) : null;
  if (!docTypes && !years && !validities && !orgs && !issuers) return null;
  return (row) => {
    const m = meta[row]!;
    return (
      (!docTypes || docTypes.has(m.docType)) &&
      (!years || (m.year !== null && years.has(m.year))) &&
      (!validities || validities.has(m.validity)) &&
      (!orgs || orgs.has(m.org)) &&
      (!issuers || m.issuers.some((i) => issuers.has(i)))
    );
  };
}

/** The facet counts the database computes (top 30 values each), over the full hit list. */
function facetCounts(hits: number[], meta: RowMeta[]): number {
  const maps = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];
  const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const row of hits) {
    const h = meta[row]!;
    inc(maps[0]!, h.docType);
    if (h.year !== null) inc(maps[1]!, String(h.year));
    inc(maps[2]!, h.validity);
    inc(maps[3]!, String(h.org));
    for (const i of h.issuers) inc(maps[4]!, i);
  }
  let values = 0;
  for (const m of maps) values += [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, FACET_LIMIT).length;
  return values;
}

function runQuery(engine: Engine, q: PeerQuery, meta: RowMeta[]): { total: number; top: string[]; facetValues: number } {
  const accept = acceptFor(q, meta);
  const hits = q.tree === null ? engine.all(accept, meta.length) : engine.search(q, accept);
  const facetValues = facetCounts(hits, meta);
  if (q.sort === 'date' || q.tree === null) {
    hits.sort((a, b) => (meta[b]!.publishedOn ?? '').localeCompare(meta[a]!.publishedOn ?? '') || b - a);
  }
  const offset = (q.page - 1) * q.pageSize;
  return { total: hits.length, top: hits.slice(offset, offset + q.pageSize).map((row) => meta[row]!.sourceId), facetValues };
}

async function main(): Promise<void> {
  const inputPath = process.argv[2];
  if (!inputPath) throw new Error('usage: search-peer.ts <input.json>');
  const input = JSON.parse(readFileSync(inputPath, 'utf8')) as PeerInput;

  collect();
  const heapBefore = process.memoryUsage().heapUsed;

  let segmented: SegmentedDoc[] | null = await readSegmented(input.segmentedPath);
  log(`read ${segmented.length} segmented corpus documents`);

  const t0 = performance.now();
  const plan = [...copyPlan(segmented, input.docs)];
  const meta: RowMeta[] = plan.map((r) => {
    const s = segmented![r.base]!;
    return { sourceId: r.sourceId, docType: s.docType, validity: s.validity, org: r.org, year: r.year, issuers: s.issuers, publishedOn: r.publishedOn };
  });
  const engine = input.engine === 'minisearch' ? miniSearchEngine(meta) : flexSearchEngine(input.docs);
  let lastLog = t0;
  for (const r of plan) {
    engine.add(r, segmented[r.base]!);
    const now = performance.now();
    if (now - lastLog > 15_000) {
      lastLog = now;
      log(`${engine.name}: indexed ${r.row + 1}/${input.docs} (${((now - t0) / 1000).toFixed(0)} s, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB)`);
    }
  }
  engine.done();
  const indexMs = performance.now() - t0;
  segmented = null; // the index must not count the input text
  plan.length = 0;
  collect();
  const mem = process.memoryUsage();
  log(`${engine.name}: indexed ${input.docs} documents in ${(indexMs / 1000).toFixed(1)} s; heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MB, rss ${(mem.rss / 2 ** 20).toFixed(0)} MB`);

  const results: PeerQueryResult[] = input.queries.map((q) => ({ n: q.n, ms: [], total: 0, top: [], facetValues: 0, judgedTop: [] }));
  for (let round = 0; round <= input.rounds; round++) {
    for (const [k, q] of input.queries.entries()) {
      const t = performance.now();
      const r = runQuery(engine, q, meta);
      const elapsed = performance.now() - t;
      const out = results[k]!;
      if (round > 0) out.ms.push(elapsed); // round 0 warms up
      out.total = r.total;
      out.top = r.top;
      out.facetValues = r.facetValues;
    }
    log(round === 0 ? 'warm-up pass done' : `timed pass ${round} done`);
  }
  // Judged queries once more with a long page, for "Success@5 over distinct documents".
  for (const [k, q] of input.queries.entries()) {
    if (q.judgedPage) results[k]!.judgedTop = runQuery(engine, { ...q, pageSize: q.judgedPage, page: 1 }, meta).top;
  }

  const output: PeerOutput = {
    engine: engine.name,
    indexMs,
    heapIndexBytes: mem.heapUsed - heapBefore,
    heapUsedBytes: mem.heapUsed,
    rssBytes: mem.rss,
    results,
  };
  writeFileSync(input.resultPath, JSON.stringify(output));
}

main().catch((err) => {
  process.stderr.write(`[peer] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
