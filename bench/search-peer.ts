/**
 * The in-memory peer of bench/search.ts: MiniSearch 7 over the same library (same rows, same jieba
 * tokens, same parsed queries), in its own process so that its memory is measured on its own.
 * Run by bench/search.ts as:  node --import tsx --expose-gc bench/search-peer.ts <input.json>
 *
 * - fields title / docNoIssuers / body, boosts 3 / 2 / 1, tokenize = split on space, processTerm = identity
 * - combineWith AND (the database ANDs all words too); long words are OR-ed with their covering
 *   sub-words exactly as the app's tsquery does; exclusions use AND_NOT
 * - filters through MiniSearch's `filter` callback over stored fields; facet counts over the full
 *   result list (MiniSearch has no facets and no limit); then sort (relevance or date) and a page of 20
 */
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import MiniSearch, { type Query, type SearchResult } from 'minisearch';
import { copyPlan } from './lib/corpus.js';
import type { PeerInput, PeerOutput, PeerQuery, PeerQueryResult, PeerQueryTree, SegmentedDoc } from './lib/peer-protocol.js';

const FACET_LIMIT = 30;
const MINISEARCH_VERSION = (JSON.parse(readFileSync(new URL('../node_modules/minisearch/package.json', import.meta.url), 'utf8')) as { version: string }).version;

const gc = (globalThis as { gc?: () => void }).gc;
function collect(): void {
  if (!gc) throw new Error('search-peer.ts needs node --expose-gc');
  gc();
  gc();
}

function log(msg: string): void {
  process.stderr.write(`[peer] ${msg}\n`);
}

interface PeerDoc {
  id: number;
  title: string;
  docNoIssuers: string;
  body: string;
  sourceId: string;
  docType: string;
  validity: string;
  org: number;
  year: number | null;
  issuers: string[];
  publishedOn: string | null;
}

async function readSegmented(path: string): Promise<SegmentedDoc[]> {
  const out: SegmentedDoc[] = [];
  const rl = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of rl) if (line) out.push(JSON.parse(line) as SegmentedDoc);
  return out;
}

function toQuery(t: PeerQueryTree): Query {
  return typeof t === 'string' ? t : { combineWith: t.combineWith, queries: t.queries.map(toQuery) };
}

type Hit = SearchResult & { sourceId: string; docType: string; validity: string; org: number; year: number | null; issuers: string[]; publishedOn: string | null };

function facetCounts(hits: Hit[]): number {
  const maps = { docType: new Map<string, number>(), year: new Map<string, number>(), validity: new Map<string, number>(), org: new Map<string, number>(), issuer: new Map<string, number>() };
  const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const h of hits) {
    inc(maps.docType, h.docType);
    if (h.year !== null) inc(maps.year, String(h.year));
    inc(maps.validity, h.validity);
    inc(maps.org, String(h.org));
    for (const i of h.issuers) inc(maps.issuer, i);
  }
  // topic and audience: the library has none (the database returns empty lists for them too).
  let values = 0;
  for (const m of Object.values(maps)) values += [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, FACET_LIMIT).length;
  return values;
}

function runQuery(ms: MiniSearch<PeerDoc>, q: PeerQuery): { total: number; top: string[]; facetValues: number } {
  const docTypes = q.docTypes.length ? new Set(q.docTypes) : null;
  const years = q.years.length ? new Set(q.years) : null;
  const validities = q.validities.length ? new Set(q.validities) : null;
  const orgs = q.orgs.length ? new Set(q.orgs) : null;
  const issuers = q.issuers.length ? new Set(q.issuers) : null;
  const filtered = docTypes || years || validities || orgs || issuers;
  const filter = filtered
    ? (r: SearchResult) => {
        const h = r as Hit;
        return (!docTypes || docTypes.has(h.docType)) && (!years || (h.year !== null && years.has(h.year))) && (!validities || validities.has(h.validity)) && (!orgs || orgs.has(h.org)) && (!issuers || h.issuers.some((i) => issuers.has(i)));
      }
    : undefined;
  const hits = (q.tree === null ? ms.search(MiniSearch.wildcard, { filter }) : ms.search(toQuery(q.tree), { combineWith: 'AND', filter })) as Hit[];
  const facetValues = facetCounts(hits);
  if (q.sort === 'date' || q.tree === null) {
    hits.sort((a, b) => (b.publishedOn ?? '').localeCompare(a.publishedOn ?? '') || (b.id as number) - (a.id as number));
  }
  const offset = (q.page - 1) * q.pageSize;
  return { total: hits.length, top: hits.slice(offset, offset + q.pageSize).map((h) => h.sourceId), facetValues };
}

async function main(): Promise<void> {
  const inputPath = process.argv[2];
  if (!inputPath) throw new Error('usage: search-peer.ts <input.json>');
  const input = JSON.parse(readFileSync(inputPath, 'utf8')) as PeerInput;

  collect();
  const heapBefore = process.memoryUsage().heapUsed;

  let segmented: SegmentedDoc[] | null = await readSegmented(input.segmentedPath);
  log(`read ${segmented.length} segmented corpus documents`);

  const ms = new MiniSearch<PeerDoc>({
    fields: ['title', 'docNoIssuers', 'body'],
    storeFields: ['sourceId', 'docType', 'validity', 'org', 'year', 'issuers', 'publishedOn'],
    tokenize: (text: string) => (text ? text.split(' ') : []),
    processTerm: (term: string) => term,
    searchOptions: { boost: { title: 3, docNoIssuers: 2 }, combineWith: 'AND', prefix: false, fuzzy: false },
  });

  const t0 = performance.now();
  let lastLog = t0;
  for (const r of copyPlan(segmented, input.docs)) {
    const s = segmented[r.base]!;
    ms.add({
      id: r.row,
      title: s.title,
      docNoIssuers: s.numberAndIssuers,
      body: s.body,
      sourceId: r.sourceId,
      docType: s.docType,
      validity: s.validity,
      org: r.org,
      year: r.year,
      issuers: s.issuers,
      publishedOn: r.publishedOn,
    });
    const now = performance.now();
    if (now - lastLog > 15_000) {
      lastLog = now;
      log(`indexed ${r.row + 1}/${input.docs} (${((now - t0) / 1000).toFixed(0)} s, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB)`);
    }
  }
  const indexMs = performance.now() - t0;
  segmented = null; // the index must not count the input text
  collect();
  const mem = process.memoryUsage();
  log(`indexed ${input.docs} documents in ${(indexMs / 1000).toFixed(1)} s; heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MB, rss ${(mem.rss / 2 ** 20).toFixed(0)} MB`);

  const results: PeerQueryResult[] = input.queries.map((q) => ({ n: q.n, ms: [], total: 0, top: [], facetValues: 0 }));
  for (let round = 0; round <= input.rounds; round++) {
    for (const [k, q] of input.queries.entries()) {
      const t = performance.now();
      const r = runQuery(ms, q);
      const elapsed = performance.now() - t;
      const out = results[k]!;
      if (round > 0) out.ms.push(elapsed); // round 0 warms up
      out.total = r.total;
      out.top = r.top;
      out.facetValues = r.facetValues;
    }
    log(round === 0 ? 'warm-up pass done' : `timed pass ${round} done`);
  }

  const output: PeerOutput = {
    engine: `minisearch@${MINISEARCH_VERSION}`,
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
