/**
 * `npm run bench:search [-- --docs N]`: the policy library's search at scale.
 *
 * 1. Builds an N-document library (default 100,000) in the embedded database (PGlite, through the
 *    app's own connectDatabase / migrations / seeds) by replicating the real corpus
 *    (/work/shared/corpus/policy-docs.jsonl): every copy has its own id, organization and years
 *    (bench/lib/corpus.ts). Each corpus document is segmented once with the app's segmenter
 *    (searchVectorParts); copy 0 is inserted with its vectors built in the INSERT by the app's
 *    searchVectors(), and copies 1.. are INSERT … SELECT-ed from copy 0 (every column but their own
 *    id, organization, dates and index number: same text, hence the same vectors). Full text, no cap.
 *    The GIN/trigram indexes are dropped for the load and rebuilt as the migration defines them.
 * 2. Runs ~200 mixed queries (bench/lib/queries.ts) through the app's searchDocuments (ranked top 20,
 *    7 facets, snippets): one warm-up pass, then timed passes; reports p50/p95 overall and per shape.
 * 3. Success@5 on the judged queries (bench/search-judgments.json): a query succeeds when one of the
 *    first 5 distinct documents it returns (a copy counts as its original) is a correct one. The
 *    raw first-page top 5 is printed too; with 25 tied copies per document it mostly shows how an
 *    engine orders identical copies (see successAt5).
 * 4. The same library, tokens, queries and judgments through an in-memory engine in a child process
 *    (bench/search-peer.ts): FlexSearch by default, MiniSearch with --peer minisearch (too slow to
 *    index 100,000 long documents: ~20 min). Index time, memory, latency, Success@5.
 * The last line of stdout is one JSON object; progress goes to stderr.
 *
 * Options: --docs N (default 100000) · --rounds R timed passes (default 2) · --explain K plans of
 * the K slowest queries (default 3) · --peer flexsearch|minisearch · --no-peer · --peer-heap MB (default 16000) ·
 * --data-dir DIR keep the database there and reuse it on the next run with the same --docs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CompiledQuery, sql, type Kysely, type QueryId, type RootOperationNode } from 'kysely';
import { connectDatabase, type DatabaseHandle } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { Database } from '../src/db/schema.js';
import { seedReferenceData } from '../src/db/seeds/reference-data.js';
import { DEFAULT_SYNONYMS } from '../src/modules/ask/domain/default-synonyms.js';
import { searchVectorParts, searchVectors, type SearchVectorParts } from '../src/modules/documents/commands/document-state.js';
import { searchDocuments, type SearchParams, type SearchResult } from '../src/modules/documents/queries/search.js';
import { coveringSubWords, parseQuery, QUERY_STOP_WORDS } from '../src/platform/search/index.js';
import { BENCH_ORGS, copyPlan, loadCorpus, originalId, type BaseDoc, type CopyRow } from './lib/corpus.js';
import type { PeerInput, PeerOutput, PeerQuery, PeerQueryTree, SegmentedDoc } from './lib/peer-protocol.js';
import { buildQuerySet, loadJudgments, type BenchQuery } from './lib/queries.js';
import { log, started, tempRoot } from './lib/run.js';
import { mb, percentile, positiveInt, round1, round3, seconds, table } from './lib/stats.js';

const PAGE_SIZE = 20;
const INSERT_BATCH = 200;
const COPY_BATCH = 1000;
const TARGET_P95_MS = 50;

const { values: opts } = parseArgs({
  options: {
    docs: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '2' },
    explain: { type: 'string', default: '3' },
    'no-peer': { type: 'boolean', default: false },
    peer: { type: 'string', default: 'flexsearch' },
    'peer-heap': { type: 'string', default: '16000' },
    'data-dir': { type: 'string' },
  },
  allowPositionals: false,
});
const N_DOCS = positiveInt(opts.docs, '--docs');
const ROUNDS = positiveInt(opts.rounds, '--rounds');
const EXPLAIN = Math.max(0, Number(opts.explain) || 0);
if (opts.peer !== 'flexsearch' && opts.peer !== 'minisearch') throw new Error(`--peer must be flexsearch or minisearch (got ${opts.peer})`);
const PEER: 'flexsearch' | 'minisearch' = opts.peer;
/** Long page for judged queries: 5 copies' worth of every document, enough to see 5 distinct documents. */
let JUDGED_PAGE = 100;


// ---------------------------------------------------------------------------------------------
// Temporary files and cleanup (also on Ctrl-C).

const temp = tempRoot('gongkai-bench-', () => {
  if (peerChild?.pid) peerChild.kill('SIGKILL');
});
const tmpRoot = temp.path;
const keepDataDir = opts['data-dir'] !== undefined;
const dataDir = keepDataDir ? path.resolve(opts['data-dir']!) : path.join(tmpRoot, 'db');
const segmentedPath = keepDataDir ? path.join(dataDir, 'bench-segmented.jsonl') : path.join(tmpRoot, 'segmented.jsonl');
let handle: DatabaseHandle | null = null;
let peerChild: ChildProcess | null = null;

const removeTemp = temp.remove;

// ---------------------------------------------------------------------------------------------
// Segmentation (once per corpus document) and loading.

async function segmentCorpus(base: readonly BaseDoc[], count: number): Promise<SearchVectorParts[]> {
  const out = createWriteStream(segmentedPath, 'utf8');
  const parts: SearchVectorParts[] = [];
  const t0 = performance.now();
  let chars = 0;
  for (let i = 0; i < count; i++) {
    const b = base[i]!;
    const p = searchVectorParts({ title: b.title, doc_no: b.docNo?.text ?? null, issuers: b.issuers, body_text: b.body });
    parts.push(p);
    chars += b.body.length;
    const line: SegmentedDoc = { id: b.id, docType: b.docType, validity: b.validity, issuers: b.issuers, writtenOn: b.writtenOn, publishedOn: b.publishedOn, effectiveOn: b.effectiveOn, title: p.title, numberAndIssuers: p.numberAndIssuers, body: p.body };
    if (!out.write(JSON.stringify(line) + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
    if ((i + 1) % 500 === 0) log(`segmented ${i + 1}/${count} corpus documents`);
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  log(`segmented ${count} corpus documents (${(chars / 1e6).toFixed(1)} M chars of body) in ${seconds(performance.now() - t0)}`);
  return parts;
}

interface LoadStats {
  reused: boolean;
  insertMs: number;
  copyMs: number;
  indexMs: number;
  vacuumMs: number;
}

async function loadLibrary(db: Kysely<Database>, base: readonly BaseDoc[], parts: readonly SearchVectorParts[], plan: readonly CopyRow[]): Promise<LoadStats> {
  await migrateToLatest(db);
  await seedReferenceData(db);
  const orgRows = await db
    .insertInto('organizations')
    .values(BENCH_ORGS.map((o, i) => ({ parent_id: null, code: o.code, name: o.name, short_name: o.shortName, slug: o.slug, kind: o.kind, position: i })))
    .returning(['id', 'code'])
    .execute();
  const orgIds = BENCH_ORGS.map((o) => orgRows.find((r) => r.code === o.code)!.id);

  // Bulk load without the GIN indexes (full text, trigrams); they are rebuilt afterwards from their
  // own definitions (pg_indexes), so whatever the migrations define is what gets measured.
  const ginIndexes = (
    await sql<{ name: string; def: string }>`
      select indexname as name, indexdef as def from pg_indexes
      where schemaname = current_schema() and tablename = 'documents' and indexdef ilike '% using gin %'`.execute(db)
  ).rows;
  for (const ix of ginIndexes) await sql`drop index ${sql.id(ix.name)}`.execute(db);

  // Copy 0: every corpus document, its vectors built in the INSERT by the app's own searchVectors().
  const t0 = performance.now();
  const copy0 = plan.filter((r) => r.copy === 0);
  const dbIdOfBase = new Map<number, number>();
  const baseOfSource = new Map(copy0.map((r) => [r.sourceId, r.base]));
  for (let k = 0; k < copy0.length; k += INSERT_BATCH) {
    const batch = copy0.slice(k, k + INSERT_BATCH);
    const rows = await db
      .insertInto('documents')
      .values(
        batch.map((r) => {
          const b = base[r.base]!;
          return {
            org_id: orgIds[r.org]!,
            catalog_node_id: null,
            source_id: r.sourceId,
            index_no: r.indexNo,
            title: b.title,
            doc_no: b.docNo?.text ?? null,
            doc_no_prefix: b.docNo?.parsed?.prefix ?? null,
            doc_no_year: b.docNo?.parsed?.year ?? null,
            doc_no_serial: b.docNo?.parsed?.serial ?? null,
            issuers: b.issuers,
            doc_type: b.docType,
            topic_id: null,
            audiences: [],
            attribute: 'public' as const,
            written_on: r.writtenOn,
            published_on: r.publishedOn,
            effective_on: r.effectiveOn,
            expires_on: null,
            year: r.year,
            body_html: '',
            body_text: b.body,
            status: 'published' as const,
            validity: b.validity,
            validity_since: null,
            validity_next_change_on: null,
            source_validity_label: b.validityLabel,
            created_by: null,
            updated_by: null,
            published_at: r.publishedOn,
            ...searchVectors(parts[r.base]!),
          };
        }),
      )
      .returning(['id', 'source_id'])
      .execute();
    for (const row of rows) dbIdOfBase.set(baseOfSource.get(row.source_id!)!, row.id);
    if ((k / INSERT_BATCH) % 5 === 4 || k + INSERT_BATCH >= copy0.length) log(`inserted ${Math.min(k + INSERT_BATCH, copy0.length)}/${copy0.length} documents of copy 0`);
  }
  const insertMs = performance.now() - t0;

  // Copies 1..: every other column (text, vectors, …) copied from copy 0; own id / organization / dates / index number.
  const t1 = performance.now();
  const perCopy = ['org_id', 'source_id', 'index_no', 'written_on', 'published_on', 'effective_on', 'year', 'published_at'];
  const columns = (
    await sql<{ name: string }>`
      select column_name as name from information_schema.columns
      where table_schema = current_schema() and table_name = 'documents' and is_identity = 'NO' and is_generated = 'NEVER'
      order by ordinal_position`.execute(db)
  ).rows
    .map((r) => r.name)
    .filter((c) => !perCopy.includes(c) && c !== 'created_at' && c !== 'updated_at');
  const rest = plan.filter((r) => r.copy > 0);
  for (let k = 0; k < rest.length; k += COPY_BATCH) {
    const batch = rest.slice(k, k + COPY_BATCH);
    await sql`
      insert into documents (${sql.join(perCopy.map((c) => sql.id(c)))}, ${sql.join(columns.map((c) => sql.id(c)))})
      select c.org_id, c.source_id, c.index_no, c.written_on, c.published_on, c.effective_on, c.year, c.published_on::timestamptz,
             ${sql.join(columns.map((c) => sql.ref(`d.${c}`)))}
      from unnest(${batch.map((r) => dbIdOfBase.get(r.base)!)}::bigint[], ${batch.map((r) => r.sourceId)}::text[], ${batch.map((r) => r.indexNo)}::text[],
                  ${batch.map((r) => orgIds[r.org]!)}::bigint[], ${batch.map((r) => r.writtenOn)}::date[], ${batch.map((r) => r.publishedOn)}::date[],
                  ${batch.map((r) => r.effectiveOn)}::date[], ${batch.map((r) => r.year)}::int[])
           as c(src_id, source_id, index_no, org_id, written_on, published_on, effective_on, year)
      join documents d on d.id = c.src_id`.execute(db);
    const done = copy0.length + Math.min(k + COPY_BATCH, rest.length);
    if ((k / COPY_BATCH) % 10 === 9 || k + COPY_BATCH >= rest.length) log(`copied: ${done}/${plan.length} documents`);
  }
  const copyMs = performance.now() - t1;

  const t2 = performance.now();
  for (const ix of ginIndexes) {
    const ti = performance.now();
    await db.transaction().execute(async (trx) => {
      await sql`set local maintenance_work_mem = '256MB'`.execute(trx);
      await sql.raw(ix.def).execute(trx);
    });
    log(`built index ${ix.name} in ${seconds(performance.now() - ti)}`);
  }
  const indexMs = performance.now() - t2;
  const t3 = performance.now();
  await sql`vacuum analyze`.execute(db);
  const vacuumMs = performance.now() - t3;
  log(`vacuum analyze in ${seconds(vacuumMs)}`);
  await db.insertInto('settings').values({ key: 'bench.library', value: libraryKey() }).execute();
  return { reused: false, insertMs, copyMs, indexMs, vacuumMs };
}

function libraryKey(): string {
  return JSON.stringify({ docs: N_DOCS, version: 2 });
}

async function existingLibrary(db: Kysely<Database>): Promise<boolean> {
  const t = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_name = 'settings'`.execute(db);
  if (!t.rows[0]?.n) return false;
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'bench.library').executeTakeFirst();
  if (row && row.value !== libraryKey()) throw new Error(`${dataDir} holds another bench library (${row.value}); use another --data-dir`);
  return row !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Queries.

interface Outcome {
  ms: number[];
  total: number;
  top: string[];
  /** Judged queries: source_ids of one long page (JUDGED_PAGE), for Success@5 over distinct documents. */
  judgedTop: string[];
  facetValues: number;
  error: string | null;
}

function searchParams(q: BenchQuery, orgIds: readonly number[]): SearchParams {
  return {
    q: q.q,
    docTypes: q.docTypes,
    issuers: q.issuers,
    years: q.years,
    topics: [],
    audiences: [],
    validities: q.validities,
    orgs: q.orgs.map((k) => orgIds[k]!),
    sort: q.sort,
    page: q.page,
    pageSize: PAGE_SIZE,
  };
}

/** Problems in a result that a caller would notice (wrong page size, facets inconsistent with the total, …). */
function checkResult(q: BenchQuery, r: SearchResult): string[] {
  const problems: string[] = [];
  const expected = Math.max(0, Math.min(PAGE_SIZE, r.total - (q.page - 1) * PAGE_SIZE));
  if (r.items.length !== expected) problems.push(`${r.items.length} items for total ${r.total} (expected ${expected})`);
  const docTypeSum = r.facets.docType.reduce((s, f) => s + f.count, 0);
  if (docTypeSum !== r.total) problems.push(`docType facet sums to ${docTypeSum}, total is ${r.total}`);
  const validitySum = r.facets.validity.reduce((s, f) => s + f.count, 0);
  if (validitySum !== r.total) problems.push(`validity facet sums to ${validitySum}, total is ${r.total}`);
  for (const it of r.items) {
    if (q.docTypes.length && !q.docTypes.includes(it.docType)) problems.push(`item ${it.id} has doc type ${it.docType}`);
    if (q.validities.length && !q.validities.includes(it.validity)) problems.push(`item ${it.id} has validity ${it.validity}`);
  }
  if (q.sort === 'date') {
    for (let i = 1; i < r.items.length; i++) {
      if ((r.items[i - 1]!.publishedOn ?? '') < (r.items[i]!.publishedOn ?? '')) {
        problems.push('date sort out of order');
        break;
      }
    }
  }
  return problems;
}

async function runQueries(db: Kysely<Database>, queries: readonly BenchQuery[], orgIds: readonly number[]): Promise<{ outcomes: Outcome[]; problems: string[] }> {
  const outcomes: Outcome[] = queries.map(() => ({ ms: [], total: 0, top: [], judgedTop: [], facetValues: 0, error: null }));
  const problems: string[] = [];
  for (let round = 0; round <= ROUNDS; round++) {
    for (const [k, q] of queries.entries()) {
      const o = outcomes[k]!;
      const t = performance.now();
      try {
        const r = await searchDocuments(db, searchParams(q, orgIds));
        const elapsed = performance.now() - t;
        if (round > 0) o.ms.push(elapsed);
        o.total = r.total;
        o.top = r.items.map((i) => i.sourceId ?? '');
        o.facetValues = Object.values(r.facets).reduce((s, f) => s + f.length, 0);
        if (round === 0) for (const p of checkResult(q, r)) problems.push(`#${q.n} ${JSON.stringify(q.q)}: ${p}`);
      } catch (err) {
        if (o.error === null) {
          o.error = err instanceof Error ? err.message : String(err);
          problems.push(`#${q.n} ${JSON.stringify(q.q)}: error ${o.error}`);
        }
      }
    }
    log(round === 0 ? 'warm-up pass done' : `timed pass ${round}/${ROUNDS} done`);
  }
  // Judged queries once more with a long page (not timed): every copy of a document ties, so the
  // first page holds copies of very few documents; this shows the first 5 distinct documents.
  for (const [k, q] of queries.entries()) {
    if (!q.relevant) continue;
    try {
      const r = await searchDocuments(db, { ...searchParams(q, orgIds), pageSize: JUDGED_PAGE });
      outcomes[k]!.judgedTop = r.items.map((i) => i.sourceId ?? '');
    } catch {
      // already reported
    }
  }
  return { outcomes, problems };
}

/** EXPLAIN ANALYZE of the main (ranked + facets) statement searchDocuments sends for these params. */
async function explainSearch(db: Kysely<Database>, params: SearchParams): Promise<string> {
  const seen: { node: RootOperationNode; queryId: QueryId }[] = [];
  const capturing = db.withPlugin({
    transformQuery: (args) => {
      seen.push({ node: args.node, queryId: args.queryId });
      return args.node;
    },
    transformResult: async (args) => args.result,
  });
  await searchDocuments(capturing, params);
  const main = seen.map((q) => db.getExecutor().compileQuery(q.node, q.queryId)).find((c) => /^\s*with matched/.test(c.sql));
  if (!main) return '(no statement captured)';
  // The same session settings as searchDocuments (it always goes through the GIN index).
  const res = await db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    return trx.executeQuery<Record<string, string>>(CompiledQuery.raw(`explain (analyze, buffers) ${main.sql}`, [...main.parameters]));
  });
  return res.rows.map((r) => Object.values(r)[0]).join('\n');
}

/**
 * Success on the judged queries. Every copy of a document ties with the others, so a first page
 * holds a run of copies of very few documents (PGlite orders ties by date, so the 25 copies of its
 * top document fill its first page; FlexSearch keeps insertion order, which interleaves documents):
 * the raw top 5 measures how an engine orders identical copies more than how it ranks documents.
 * The headline Success@5 therefore looks at the first 5 DISTINCT documents (copies mapped to their
 * original) of a long page, which is what a user sees in a library without duplicates. The raw
 * top-5 figure is reported too.
 */
function successAt5(queries: readonly BenchQuery[], tops: readonly string[][], longTops: readonly string[][], only: (q: BenchQuery) => boolean = (q) => q.set === 'judged'): { s1: number; s5raw: number; s5: number; misses: string[]; n: number } {
  let s1 = 0;
  let s5raw = 0;
  let s5 = 0;
  let judged = 0;
  const misses: string[] = [];
  queries.forEach((q, k) => {
    if (!q.relevant || !only(q)) return;
    judged++;
    const rel = new Set(q.relevant);
    const originals = tops[k]!.map((s) => originalId(s));
    if (originals.length && rel.has(originals[0]!)) s1++;
    if (originals.slice(0, 5).some((o) => o !== null && rel.has(o))) s5raw++;
    const distinct = [...new Set(longTops[k]!.map((s) => originalId(s)))].slice(0, 5);
    if (distinct.some((o) => o !== null && rel.has(o))) s5++;
    else misses.push(q.q);
  });
  return { s1: s1 / judged, s5raw: s5raw / judged, s5: s5 / judged, misses, n: judged };
}

// ---------------------------------------------------------------------------------------------
// The in-memory peer.

function peerTree(q: string): PeerQueryTree | null {
  const p = parseQuery(q);
  if (!p.tsquery) return null;
  const required = p.terms.filter((w) => !QUERY_STOP_WORDS.has(w));
  const must = required.length > 0 ? required : p.terms;
  const term = (w: string): PeerQueryTree => {
    const parts = coveringSubWords(w);
    return parts.length ? { combineWith: 'OR', queries: [w, parts.length === 1 ? parts[0]! : { combineWith: 'AND', queries: parts }] } : w;
  };
  const positive: PeerQueryTree = must.length === 1 ? term(must[0]!) : { combineWith: 'AND', queries: must.map(term) };
  // Exclusions: each excluded word removes its documents (the query set only excludes single words).
  return p.excluded.length ? { combineWith: 'AND_NOT', queries: [positive, ...p.excluded.map(term)] } : positive;
}

async function runPeer(queries: readonly BenchQuery[]): Promise<PeerOutput> {
  const input: PeerInput = {
    engine: PEER,
    docs: N_DOCS,
    segmentedPath,
    rounds: ROUNDS,
    resultPath: path.join(tmpRoot, 'peer-result.json'),
    queries: queries.map(
      (q): PeerQuery => ({ n: q.n, tree: peerTree(q.q), docTypes: q.docTypes, issuers: q.issuers, years: q.years, validities: q.validities, orgs: q.orgs, sort: q.sort, page: q.page, pageSize: PAGE_SIZE, ...(q.relevant ? { judgedPage: JUDGED_PAGE } : {}) }),
    ),
  };
  const inputPath = path.join(tmpRoot, 'peer-input.json');
  writeFileSync(inputPath, JSON.stringify(input));
  const script = fileURLToPath(new URL('./search-peer.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', '--expose-gc', `--max-old-space-size=${positiveInt(opts['peer-heap'], '--peer-heap')}`, script, inputPath], {
    stdio: ['ignore', 2, 2],
  });
  peerChild = child;
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c, signal) => resolve(signal ? -1 : c)));
  peerChild = null;
  if (code !== 0) throw new Error(`peer process exited with ${code}`);
  return JSON.parse(readFileSync(input.resultPath, 'utf8')) as PeerOutput;
}

// ---------------------------------------------------------------------------------------------

function dirSize(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) total += dirSize(p);
    else if (e.isFile()) total += statSync(p).size;
  }
  return total;
}

function latencyRows(queries: readonly BenchQuery[], times: readonly number[][], totals: readonly number[]): (string | number)[][] {
  const shapes = [...new Set(queries.map((q) => q.shape))].sort();
  const row = (label: string, idx: number[]) => {
    const ms = idx.flatMap((k) => times[k]!);
    const tot = idx.map((k) => totals[k]!);
    return [label, idx.length, percentile(ms, 50).toFixed(1), percentile(ms, 95).toFixed(1), Math.max(...ms).toFixed(1), Math.round(percentile(tot, 50)), Math.max(...tot)];
  };
  return [...shapes.map((s) => row(s, queries.flatMap((q, k) => (q.shape === s ? [k] : [])))), row('ALL', queries.map((_, k) => k))];
}

async function main(): Promise<void> {
  log(`docs ${N_DOCS}, timed passes ${ROUNDS}, temp ${tmpRoot}${keepDataDir ? `, data dir ${dataDir} (kept)` : ''}`);
  const base = loadCorpus();
  const judgments = loadJudgments(fileURLToPath(new URL('./search-judgments.json', import.meta.url)));
  const citizen = { dev: loadJudgments(fileURLToPath(new URL('./search-citizen-dev.json', import.meta.url))), test: loadJudgments(fileURLToPath(new URL('./search-citizen-test.json', import.meta.url))) };
  const queries = buildQuerySet(base, judgments, citizen);
  const plan = [...copyPlan(base, N_DOCS)];
  const nBase = Math.min(base.length, N_DOCS);
  JUDGED_PAGE = Math.min(200, 5 * Math.ceil(N_DOCS / base.length));
  log(`corpus ${base.length} documents → library ${plan.length} (${Math.ceil(N_DOCS / base.length)} copies); ${queries.length} queries, ${judgments.length} judged`);

  handle = await connectDatabase({ databaseUrl: null, dataDir });
  const db = handle.db;
  let load: LoadStats;
  let segmentMs = 0;
  if (await existingLibrary(db)) {
    log(`reusing the library in ${dataDir}`);
    load = { reused: true, insertMs: 0, copyMs: 0, indexMs: 0, vacuumMs: 0 };
  } else {
    const ts = performance.now();
    const parts = await segmentCorpus(base, nBase);
    segmentMs = performance.now() - ts;
    load = await loadLibrary(db, base, parts, plan);
  }
  const count = await sql<{ n: number }>`select count(*)::int as n from documents where status = 'published'`.execute(db);
  if (count.rows[0]!.n !== N_DOCS) throw new Error(`library holds ${count.rows[0]!.n} documents, expected ${N_DOCS}`);
  const orgRows = await db.selectFrom('organizations').select(['id', 'code']).execute();
  const orgIds = BENCH_ORGS.map((o) => orgRows.find((r) => r.code === o.code)!.id);
  // The synonym dictionary a site starts with (the demo's), as smart answers' bench uses it.
  if ((await db.selectFrom('ask_synonyms').select('id').limit(1).execute()).length === 0) {
    const now = new Date().toISOString();
    await db.insertInto('ask_synonyms').values(DEFAULT_SYNONYMS.map((g) => ({ terms: g.terms, note: g.note, created_by: null, updated_by: null, created_at: now, updated_at: now }))).execute();
  }

  log('running queries');
  const { outcomes, problems } = await runQueries(db, queries, orgIds);
  const mem = process.memoryUsage();
  const sizes = (
    await sql<{ db: number; docs: number; heap: number; toast: number; indexes: number }>`
      select pg_database_size(current_database())::bigint as db, pg_total_relation_size('documents')::bigint as docs,
             pg_relation_size('documents')::bigint as heap, pg_relation_size(c.reltoastrelid)::bigint as toast,
             pg_indexes_size('documents')::bigint as indexes
      from pg_class c where c.oid = 'documents'::regclass`.execute(db)
  ).rows[0]!;
  // Small columns pushed out of line by the toaster cost a TOAST fetch per matched row when a search
  // reads them (title in the rank, issuers in the facets). pg_column_toast_chunk_id needs PG 17+.
  let outOfLine = '';
  try {
    const r = (
      await sql<{ title: number; issuers: number; source_id: number }>`
        select count(*) filter (where pg_column_toast_chunk_id(title) is not null)::int as title,
               count(*) filter (where pg_column_toast_chunk_id(issuers) is not null)::int as issuers,
               count(*) filter (where pg_column_toast_chunk_id(source_id) is not null)::int as source_id
        from documents`.execute(db)
    ).rows[0]!;
    outOfLine = `; stored out of line (TOAST): title in ${r.title}, issuers in ${r.issuers}, source_id in ${r.source_id} of ${N_DOCS} rows`;
  } catch {
    // older engine
  }
  const dataDirBytes = dirSize(dataDir);

  const times = outcomes.map((o) => o.ms);
  const allMs = times.flat();
  const p50 = percentile(allMs, 50);
  const p95 = percentile(allMs, 95);
  const slowest = queries
    .map((q, k) => ({ q, k, med: percentile(times[k]!, 50) }))
    .filter((x) => !Number.isNaN(x.med))
    .sort((a, b) => b.med - a.med);
  const plans: string[] = [];
  for (const s of slowest.slice(0, EXPLAIN)) {
    try {
      plans.push(`#${s.q.n} [${s.q.shape}] ${JSON.stringify(s.q.q)} ${JSON.stringify(searchParams(s.q, orgIds))} median ${s.med.toFixed(1)} ms\n${await explainSearch(db, searchParams(s.q, orgIds))}`);
    } catch (err) {
      plans.push(`#${s.q.n}: explain failed: ${(err as Error).message}`);
    }
  }
  await handle.close();
  handle = null;
  const ours = successAt5(
    queries,
    outcomes.map((o) => o.top),
    outcomes.map((o) => o.judgedTop),
  );

  let peer: PeerOutput | null = null;
  let peerError: string | null = null;
  if (!opts['no-peer']) {
    if (!existsSync(segmentedPath)) await segmentCorpus(base, nBase);
    log(`starting the in-memory peer (${PEER})`);
    try {
      peer = await runPeer(queries);
    } catch (err) {
      peerError = (err as Error).message;
      log(`peer failed: ${peerError}`);
    }
  }
  const peerTimes = peer ? queries.map((_, k) => peer!.results[k]!.ms) : null;
  const peerAll = peerTimes ? peerTimes.flat() : [];
  const theirs = peer
    ? successAt5(
        queries,
        peer.results.map((r) => r.top),
        peer.results.map((r) => r.judgedTop),
      )
    : null;
  // Citizen-style sets (bench/search-sets.md): the development set's misses are printed, the test set's never.
  const bySet = (tops: readonly string[][], longTops: readonly string[][], set: 'dev' | 'test', style?: string) =>
    successAt5(queries, tops, longTops, (q) => q.set === set && (style === undefined || q.style === style));
  const oursDev = bySet(outcomes.map((o) => o.top), outcomes.map((o) => o.judgedTop), 'dev');
  const oursTest = bySet(outcomes.map((o) => o.top), outcomes.map((o) => o.judgedTop), 'test');
  const theirsDev = peer ? bySet(peer.results.map((r) => r.top), peer.results.map((r) => r.judgedTop), 'dev') : null;
  const theirsTest = peer ? bySet(peer.results.map((r) => r.top), peer.results.map((r) => r.judgedTop), 'test') : null;
  const styles = [...new Set(queries.flatMap((q) => (q.style ? [q.style] : [])))];
  const emptyPages = queries.filter((q, k) => (q.set === 'dev' || q.set === 'test') && outcomes[k]!.total === 0 && outcomes[k]!.error === null).length;

  // ------------------------------------------------------------------ report (stdout)
  const out: string[] = [];
  out.push(`# Policy library search benchmark: ${N_DOCS.toLocaleString('en')} documents (${base.length} corpus documents × ${Math.ceil(N_DOCS / base.length)} copies), ${os.cpus().length} CPUs, Node ${process.version}`);
  out.push('');
  out.push(
    load.reused
      ? `Load: reused ${dataDir}`
      : `Load: segment ${seconds(segmentMs)} · insert copy 0 (vectors built in SQL) ${seconds(load.insertMs)} · copies ${seconds(load.copyMs)} · GIN/trigram indexes ${seconds(load.indexMs)} · vacuum analyze ${seconds(load.vacuumMs)}`,
  );
  out.push(`Memory (ours): Node RSS ${mb(mem.rss)} (PGlite runs in a worker thread of this process), heap ${mb(mem.heapUsed)}; PGlite data dir ${mb(dataDirBytes)}, pg_database_size ${mb(sizes.db)}, documents total ${mb(sizes.docs)} (heap ${mb(sizes.heap)}, TOAST ${mb(sizes.toast)}, indexes ${mb(sizes.indexes)})${outOfLine}`);
  if (peer) out.push(`Memory (${peer.engine}): index heap ${mb(peer.heapIndexBytes)} (heap after GC minus heap before loading), heap used ${mb(peer.heapUsedBytes)}, RSS ${mb(peer.rssBytes)}; index build ${seconds(peer.indexMs)}`);
  out.push('');
  out.push(`## searchDocuments on PGlite (end to end: ranked page of ${PAGE_SIZE} + 7 facets + snippets), ${ROUNDS} timed pass(es) after one warm-up; ms`);
  out.push(table(['shape', 'queries', 'p50', 'p95', 'max', 'median hits', 'max hits'], latencyRows(queries, times, outcomes.map((o) => o.total))));
  if (peerTimes) {
    out.push('');
    out.push(`## ${peer!.engine} (same rows, tokens and parsed queries; filter callback, facets over all hits, page of ${PAGE_SIZE}); ms`);
    out.push(table(['shape', 'queries', 'p50', 'p95', 'max', 'median hits', 'max hits'], latencyRows(queries, peerTimes, peer!.results.map((r) => r.total))));
  }
  out.push('');
  out.push(`## Slowest queries (PGlite, median ms${peerTimes ? ' | peer median ms' : ''})`);
  out.push(
    table(
      ['#', 'shape', 'query', 'filters', 'hits', 'ms', ...(peerTimes ? ['peer ms'] : [])],
      slowest.slice(0, 12).map((s) => {
        const f = [s.q.docTypes.join('/'), s.q.years.join('/'), s.q.validities.join('/'), s.q.orgs.map((o) => `org${o}`).join('/'), s.q.issuers.join('/'), s.q.sort === 'date' ? 'date' : '', s.q.page > 1 ? `p${s.q.page}` : ''].filter(Boolean).join(' ');
        return [s.q.n, s.q.shape, s.q.q || '(empty)', f || '-', outcomes[s.k]!.total, s.med.toFixed(1), ...(peerTimes ? [percentile(peerTimes[s.k]!, 50).toFixed(1)] : [])];
      }),
    ),
  );
  out.push('');
  out.push(`## Success on ${judgments.length} judged queries (a copy counts as its original)`);
  const judgedRows: (string | number)[][] = [['PGlite searchDocuments', ours.s5.toFixed(3), ours.s1.toFixed(3), ours.s5raw.toFixed(3)]];
  if (theirs) judgedRows.push([peer!.engine, theirs.s5.toFixed(3), theirs.s1.toFixed(3), theirs.s5raw.toFixed(3)]);
  out.push(table(['system', 'Success@5 (first 5 distinct documents)', 'Success@1', 'raw top 5 of the first page'], judgedRows));
  out.push(`(Copies of one document tie and crowd the raw first page, hence the distinct-document figure; see successAt5 in bench/search.ts. Long page: ${JUDGED_PAGE}.)`);
  out.push(`PGlite misses: ${ours.misses.map((m) => JSON.stringify(m)).join(' ') || 'none'}`);
  out.push('');
  out.push(`## Citizen-style queries (bench/search-sets.md): development set (tuned on) and test set (misses never read)`);
  const citizenRows: (string | number)[][] = [
    ['PGlite searchDocuments', `${oursDev.s5.toFixed(3)} / ${oursDev.s1.toFixed(3)} (${oursDev.n})`, `${oursTest.s5.toFixed(3)} / ${oursTest.s1.toFixed(3)} (${oursTest.n})`],
  ];
  if (theirsDev && theirsTest) citizenRows.push([peer!.engine, `${theirsDev.s5.toFixed(3)} / ${theirsDev.s1.toFixed(3)}`, `${theirsTest.s5.toFixed(3)} / ${theirsTest.s1.toFixed(3)}`]);
  out.push(table(['system', 'dev Success@5 / @1 (n)', 'test Success@5 / @1 (n)'], citizenRows));
  out.push(table(['style', 'dev Success@5', 'test Success@5'], styles.map((st) => {
    const d = bySet(outcomes.map((o) => o.top), outcomes.map((o) => o.judgedTop), 'dev', st);
    const t = bySet(outcomes.map((o) => o.top), outcomes.map((o) => o.judgedTop), 'test', st);
    return [st, d.s5.toFixed(3), t.s5.toFixed(3)];
  })));
  out.push(`Empty result pages on citizen queries (every one names a document the library holds): ${emptyPages}`);
  out.push(`Development-set misses: ${oursDev.misses.map((m) => JSON.stringify(m)).join(' ') || 'none'}`);
  if (theirs) out.push(`${peer!.engine} misses: ${theirs.misses.map((m) => JSON.stringify(m)).join(' ') || 'none'}`);
  if (peer) {
    // Plain word queries must match the same documents on both sides (phrases, exclusions and
    // document numbers legitimately differ: literal phrase check, number matching in SQL).
    const plain = queries.flatMap((q, k) => (/^(text|browse)/.test(q.shape) ? [k] : []));
    const differ = plain.filter((k) => outcomes[k]!.total !== peer!.results[k]!.total);
    out.push('');
    out.push(`Match counts, plain word queries: ${plain.length - differ.length}/${plain.length} equal between PGlite and the peer` + (differ.length ? `; differing: ${differ.slice(0, 10).map((k) => `${JSON.stringify(queries[k]!.q)} ${outcomes[k]!.total} vs ${peer!.results[k]!.total}`).join(', ')}` : ''));
  }
  if (peerError) out.push(`Peer failed: ${peerError}`);
  out.push('');
  out.push(problems.length ? `## Problems in searchDocuments results (${problems.length})\n${problems.slice(0, 40).join('\n')}` : 'No problems found in searchDocuments results (page sizes, facet sums, filters, date order).');
  if (plans.length) {
    out.push('');
    out.push(`## EXPLAIN (ANALYZE, BUFFERS) of the ${plans.length} slowest queries' main statement`);
    out.push(plans.join('\n\n'));
  }
  out.push('');
  out.push(`p95 ${p95.toFixed(1)} ms vs target ${TARGET_P95_MS} ms: ${p95 <= TARGET_P95_MS ? 'met' : 'NOT met'}; Success@5 ${ours.s5.toFixed(3)} vs peer ${theirs ? theirs.s5.toFixed(3) : 'n/a'}. Total run ${seconds(performance.now() - started)}.`);
  const result = {
    bench: 'search',
    docs: N_DOCS,
    p50_ms: round1(p50),
    p95_ms: round1(p95),
    success_at_5: round3(ours.s5),
    peer: peer ? peer.engine : 'none',
    peer_p95_ms: peer ? round1(percentile(peerAll, 95)) : null,
    peer_success_at_5: theirs ? round3(theirs.s5) : null,
    citizen_success_at_5: round3(oursTest.s5),
    citizen_dev_success_at_5: round3(oursDev.s5),
    peer_citizen_success_at_5: theirsTest ? round3(theirsTest.s5) : null,
    empty_pages: emptyPages,
  };
  process.stdout.write(out.join('\n') + '\n' + JSON.stringify(result) + '\n');
}

main()
  .catch(async (err) => {
    process.stderr.write(`[bench] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  })
  .finally(async () => {
    if (handle) await handle.close().catch(() => undefined);
    if (peerChild?.pid) peerChild.kill('SIGKILL');
    removeTemp();
  });
