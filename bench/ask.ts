/**
 * `npm run bench:ask [-- --docs N --data-dir DIR]`: smart answers over the full library.
 *
 * 1. On PGlite (the app's connectDatabase, migrations and seeds): the real corpus through the app's
 *    importers — importPolicyDocs (4,006 documents) and importQaPairs (10,072 Q&A pairs) — then
 *    the clauses of those documents by the app's buildMissingClauses, then the search benchmark's
 *    replicated library up to N documents (default 100,000; bench/lib/corpus.ts copyPlan) with
 *    every copy's clauses copied from its original (same text, same vectors), and the default
 *    synonym dictionary. The GIN indexes are rebuilt after the load; VACUUM ANALYZE.
 * 2. Set A, the 2020 questions (qa-pairs with docId): each must find its linked document among the
 *    clause answers; the 2020 set's own entries are EXCLUDED from the answers (else a question
 *    finds itself). A copy of the linked document counts as the document.
 *    Set B, hand-written paraphrases (bench/ask-paraphrases.json): each must find its entry (or an
 *    entry with the very same question) among the Q&A answers; also run without the synonym
 *    dictionary, and the `negatives` show how `confident` is calibrated.
 * 3. The same questions through MiniSearch (in this process) with the same jieba tokens and
 *    synonym-expanded words, over the same entries and the clauses of the corpus documents in force
 *    (the 4,006 originals: indexing 2.5 million identical copies in memory is not practical).
 * Prints Recall@1, Recall@3, MRR (first 10) per set and p50/p95 latency; the last line is JSON.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import MiniSearch from 'minisearch';
import { sql, type Kysely } from 'kysely';
import { connectDatabase, type DatabaseHandle } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { Database } from '../src/db/schema.js';
import { seedReferenceData } from '../src/db/seeds/reference-data.js';
import { buildMissingClauses } from '../src/modules/ask/commands/build-clauses.js';
import { DEFAULT_SYNONYMS } from '../src/modules/ask/domain/default-synonyms.js';
import { analyzeQuestion } from '../src/modules/ask/domain/question.js';
import { retrieveAnswers, type AskResult } from '../src/modules/ask/queries/retrieve.js';
import { clearTermStats } from '../src/modules/ask/queries/term-stats.js';
import { importPolicyDocs } from '../src/modules/documents/commands/import-policy-docs.js';
import { importQaPairs } from '../src/modules/qa/commands/import-qa.js';
import { fixedClock } from '../src/platform/clock/clock.js';
import { segmentForIndex, warmSegmenter } from '../src/platform/search/index.js';
import { BENCH_ORGS, copyPlan, DEFAULT_CORPUS, loadCorpus, originalId } from './lib/corpus.js';
import { log, tempRoot } from './lib/run.js';
import { percentile, positiveInt, round1, round3, seconds, table } from './lib/stats.js';

const { values: opts } = parseArgs({
  options: { docs: { type: 'string', default: '100000' }, 'data-dir': { type: 'string' }, 'no-peer': { type: 'boolean', default: false }, limit: { type: 'string' } },
});
const N_DOCS = positiveInt(opts.docs, '--docs');
const QA_FILE = process.env.GONGKAI_QA_CORPUS ?? '/work/shared/corpus/qa-pairs.jsonl';
const DOCS_FILE = process.env.GONGKAI_CORPUS ?? DEFAULT_CORPUS;
const SET_A_PREFIX = 'ncp-q-';
const TOP = 10;
const temp = tempRoot('gongkai-bench-ask-');
const dataDir = opts['data-dir'] ? path.resolve(opts['data-dir']) : path.join(temp.path, 'db');
const clock = fixedClock('2026-11-22T02:00:00Z');

interface Pair { id: string; question: string; answer: string; docId?: string | null; kind?: string }
const pairs: Pair[] = readFileSync(QA_FILE, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Pair);
const paraFile = JSON.parse(readFileSync(new URL('./ask-paraphrases.json', import.meta.url), 'utf8')) as { paraphrases: { sourceId: string; q: string }[]; negatives: string[] };

async function loadLibrary(db: Kysely<Database>): Promise<void> {
  await migrateToLatest(db);
  await seedReferenceData(db);
  const orgRows = await db.insertInto('organizations').values(BENCH_ORGS.map((o, i) => ({ parent_id: null, code: o.code, name: o.name, short_name: o.shortName, slug: o.slug, kind: o.kind, position: i }))).returning(['id', 'code']).execute();
  const orgIds = BENCH_ORGS.map((o) => orgRows.find((r) => r.code === o.code)!.id);
  let t = performance.now();
  await importPolicyDocs(db, clock, DOCS_FILE, (p) => p.imported % 1000 < 50 && log(`imported ${p.imported} documents`));
  log(`importPolicyDocs: ${seconds(performance.now() - t)}`);
  t = performance.now();
  await importQaPairs(db, clock, QA_FILE);
  log(`importQaPairs: ${seconds(performance.now() - t)}`);
  t = performance.now();
  const built = await buildMissingClauses(db);
  log(`buildMissingClauses: ${built.clauses} clauses of ${built.documents} documents in ${seconds(performance.now() - t)}`);

  // The replicated library: copies 1.. of every document, and of its clauses.
  const gin = (await sql<{ name: string; def: string }>`select indexname as name, indexdef as def from pg_indexes where schemaname = current_schema() and tablename in ('documents', 'document_clauses') and indexdef ilike '% using gin %'`.execute(db)).rows;
  for (const ix of gin) await sql`drop index ${sql.id(ix.name)}`.execute(db);
  const plan = [...copyPlan(loadCorpus(DOCS_FILE), N_DOCS)].filter((r) => r.copy > 0);
  const perCopy = ['org_id', 'source_id', 'index_no', 'written_on', 'published_on', 'effective_on', 'year', 'published_at'];
  const columns = (await sql<{ name: string }>`select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = 'documents' and is_identity = 'NO' and is_generated = 'NEVER' order by ordinal_position`.execute(db)).rows
    .map((r) => r.name).filter((c) => !perCopy.includes(c));
  t = performance.now();
  for (let k = 0; k < plan.length; k += 2000) {
    const batch = plan.slice(k, k + 2000);
    await sql`
      insert into documents (${sql.join(perCopy.map((c) => sql.id(c)))}, ${sql.join(columns.map((c) => sql.id(c)))})
      select c.org_id, c.source_id, c.index_no, c.written_on, c.published_on, c.effective_on, c.year, c.published_on::timestamptz, ${sql.join(columns.map((c) => sql.ref(`d.${c}`)))}
      from unnest(${batch.map((r) => originalId(r.sourceId))}::text[], ${batch.map((r) => r.sourceId)}::text[], ${batch.map((r) => r.indexNo)}::text[], ${batch.map((r) => orgIds[r.org]!)}::bigint[],
                  ${batch.map((r) => r.writtenOn)}::date[], ${batch.map((r) => r.publishedOn)}::date[], ${batch.map((r) => r.effectiveOn)}::date[], ${batch.map((r) => r.year)}::int[])
           as c(original, source_id, index_no, org_id, written_on, published_on, effective_on, year)
      join documents d on d.source_id = c.original`.execute(db);
    await sql`
      insert into document_clauses (document_id, position, label, text, in_force, search_vector)
      select n.id, c.position, c.label, c.text, c.in_force, c.search_vector
      from documents n join documents o on o.source_id = split_part(n.source_id, '#', 1)
      join document_clauses c on c.document_id = o.id
      where n.source_id = any(${batch.map((r) => r.sourceId)}::text[])`.execute(db);
    if ((k / 2000) % 10 === 9 || k + 2000 >= plan.length) log(`copied ${Math.min(k + 2000, plan.length)}/${plan.length} documents with their clauses`);
  }
  log(`copies: ${seconds(performance.now() - t)}`);
  for (const ix of gin) {
    t = performance.now();
    await db.transaction().execute(async (trx) => {
      await sql`set local maintenance_work_mem = '512MB'`.execute(trx);
      await sql.raw(ix.def).execute(trx);
    });
    log(`built ${ix.name} in ${seconds(performance.now() - t)}`);
  }
  t = performance.now();
  await sql`vacuum analyze`.execute(db);
  log(`vacuum analyze in ${seconds(performance.now() - t)}`);
  await db.insertInto('settings').values({ key: 'bench.ask', value: JSON.stringify({ docs: N_DOCS }) }).execute();
}

interface Measured { rank: number | null; ms: number; confident: boolean }
const metrics = (ms: Measured[]) => ({
  n: ms.length,
  r1: round3(ms.filter((m) => m.rank === 1).length / ms.length),
  r3: round3(ms.filter((m) => m.rank !== null && m.rank <= 3).length / ms.length),
  mrr: round3(ms.reduce((s, m) => s + (m.rank ? 1 / m.rank : 0), 0) / ms.length),
  confident: round3(ms.filter((m) => m.confident).length / ms.length),
});
const rankOf = (ids: string[], ok: (id: string) => boolean) => {
  const i = ids.findIndex(ok);
  return i === -1 ? null : i + 1;
};

async function main() {
  warmSegmenter();
  const reuse = existsSync(path.join(dataDir, 'PG_VERSION')) || existsSync(dataDir);
  let handle: DatabaseHandle | null = await connectDatabase({ databaseUrl: null, dataDir });
  const db = handle.db;
  const has = reuse && (await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_name = 'settings'`.execute(db)).rows[0]!.n > 0
    ? await db.selectFrom('settings').select('value').where('key', '=', 'bench.ask').executeTakeFirst() : undefined;
  if (has && has.value !== JSON.stringify({ docs: N_DOCS })) throw new Error(`${dataDir} holds another library (${has.value})`);
  const t0 = performance.now();
  if (!has) await loadLibrary(db);
  const loadMs = performance.now() - t0;
  // The dictionary as the code defines it now (a reused library keeps up with edits to it).
  await db.deleteFrom('ask_synonyms').execute();
  await db.insertInto('ask_synonyms').values(DEFAULT_SYNONYMS.map((s) => ({ terms: s.terms, note: s.note, created_by: null, updated_by: null, created_at: clock.now(), updated_at: clock.now() }))).execute();
  clearTermStats();
  const counts = (await sql<{ docs: number; clauses: number; qa: number }>`select (select count(*)::int from documents) as docs, (select count(*)::int from document_clauses) as clauses, (select count(*)::int from qa_entries where status = 'published') as qa`.execute(db)).rows[0]!;
  log(`library: ${counts.docs} documents, ${counts.clauses} clauses, ${counts.qa} Q&A entries${has ? ' (reused)' : ` (built in ${seconds(loadMs)})`}`);

  const questionOf = new Map((await db.selectFrom('qa_entries').select(['source_id', 'question']).where('source_id', 'in', paraFile.paraphrases.map((p) => p.sourceId)).execute()).map((r) => [r.source_id!, r.question]));
  const sameQuestion = new Map((await db.selectFrom('qa_entries').select(['source_id', 'question']).where('question', 'in', [...questionOf.values()]).execute()).map((r) => [r.source_id!, r.question]));
  const setA = pairs.filter((p) => p.docId && p.id.startsWith(SET_A_PREFIX)).slice(0, opts.limit ? Number(opts.limit) : undefined);
  const setB = paraFile.paraphrases;

  const timed = async (q: string, o: Parameters<typeof retrieveAnswers>[2]): Promise<{ r: AskResult; ms: number }> => {
    const t = performance.now();
    const r = await retrieveAnswers(db, q, o);
    return { r, ms: performance.now() - t };
  };
  // Warm-up: the statistics, the segmenter, the indexes' first pages.
  for (const p of setB.slice(0, 20)) await timed(p.q, {});
  const a: Measured[] = [];
  for (const [i, p] of setA.entries()) {
    const { r, ms } = await timed(p.question, { qaLimit: 3, clauseLimit: TOP, excludeQaSourcePrefix: SET_A_PREFIX });
    a.push({ rank: rankOf(r.clauses.map((c) => originalId(c.sourceId)!), (id) => id === p.docId), ms, confident: r.confident });
    if ((i + 1) % 250 === 0) log(`set A: ${i + 1}/${setA.length}`);
  }
  const hitB = (target: string) => (id: string) => id === target || (sameQuestion.get(id) !== undefined && sameQuestion.get(id) === questionOf.get(target));
  const b: Measured[] = [];
  const bPlain: Measured[] = [];
  for (const p of setB) {
    const { r, ms } = await timed(p.q, { qaLimit: TOP, clauseLimit: 3 });
    b.push({ rank: rankOf(r.qa.map((x) => x.sourceId), hitB(p.sourceId)), ms, confident: r.confident });
    const plain = await timed(p.q, { qaLimit: TOP, clauseLimit: 3, synonyms: false });
    bPlain.push({ rank: rankOf(plain.r.qa.map((x) => x.sourceId), hitB(p.sourceId)), ms: plain.ms, confident: plain.r.confident });
  }
  const neg: Measured[] = [];
  for (const q of paraFile.negatives) {
    const { r, ms } = await timed(q, {});
    neg.push({ rank: null, ms, confident: r.confident });
  }
  const all = [...a, ...b, ...neg].map((m) => m.ms);
  const ours = { a: metrics(a), b: metrics(b), bPlain: metrics(bPlain), p50: round1(percentile(all, 50)), p95: round1(percentile(all, 95)), max: round1(Math.max(...all)), negConfident: round3(neg.filter((m) => m.confident).length / neg.length) };
  const missedB = setB.filter((_, i) => !b[i]!.rank || b[i]!.rank! > 3).map((p) => `${p.sourceId} ${p.q}`);
  log(`set B misses (not in first 3): ${missedB.length}\n  ${missedB.join('\n  ')}`);

  const peer = opts['no-peer'] ? null : await runPeer(db, setA, setB);
  await handle.close();
  handle = null;
  if (!opts['data-dir']) temp.remove();

  console.log(`\nbench:ask — ${counts.docs} documents (${counts.clauses} clauses), ${counts.qa} Q&A entries; set A: the 2020 set's own entries excluded from the answers\n`);
  const rows: (string | number)[][] = [
    ['Gongkai · A 2020 questions → clause', ours.a.n, ours.a.r1, ours.a.r3, ours.a.mrr, ours.a.confident],
    ['Gongkai · B paraphrases → entry', ours.b.n, ours.b.r1, ours.b.r3, ours.b.mrr, ours.b.confident],
    ['Gongkai · B without synonyms', ours.bPlain.n, ours.bPlain.r1, ours.bPlain.r3, ours.bPlain.mrr, ours.bPlain.confident],
    ['Gongkai · off-topic questions', neg.length, '-', '-', '-', ours.negConfident],
  ];
  if (peer) rows.push(['MiniSearch · A', peer.a.n, peer.a.r1, peer.a.r3, peer.a.mrr, '-'], ['MiniSearch · B', peer.b.n, peer.b.r1, peer.b.r3, peer.b.mrr, '-']);
  console.log(table(['set', 'n', 'Recall@1', 'Recall@3', 'MRR', 'confident'], rows));
  console.log(`\nlatency over all ${all.length} questions: Gongkai p50 ${ours.p50} ms, p95 ${ours.p95} ms, max ${ours.max} ms${peer ? `; MiniSearch p50 ${peer.p50} ms, p95 ${peer.p95} ms (index ${seconds(peer.indexMs)}, ${peer.docs} documents in memory)` : ''}`);
  console.log(JSON.stringify({
    bench: 'ask', recall_at_1: ours.b.r1, recall_at_3: ours.b.r3, mrr: ours.b.mrr, p95_ms: ours.p95, p50_ms: ours.p50, docs: counts.docs, clauses: counts.clauses, qa: counts.qa,
    set_a: { n: ours.a.n, recall_at_1: ours.a.r1, recall_at_3: ours.a.r3, mrr: ours.a.mrr }, without_synonyms_recall_at_3: ours.bPlain.r3,
    paraphrases_confident: ours.b.confident, off_topic_confident: ours.negConfident,
    ...(peer ? { peer: 'minisearch', peer_recall_at_3: peer.b.r3, peer_set_a_recall_at_3: peer.a.r3, peer_p95_ms: peer.p95 } : {}),
  }));
}

/** MiniSearch with the app's jieba tokens: entries (question ×3, answer) and in-force clauses (text, title ×0.5). */
async function runPeer(db: Kysely<Database>, setA: Pair[], setB: { sourceId: string; q: string }[]) {
  const t = performance.now();
  const split = (s: string) => s.split(' ').filter(Boolean);
  const qa = new MiniSearch<{ id: number; sid: string; q: string; a: string }>({ fields: ['q', 'a'], storeFields: ['sid'], tokenize: split, processTerm: (x) => x });
  const entries = await db.selectFrom('qa_entries').select(['id', 'source_id', 'question', 'answer_text']).where('status', '=', 'published').execute();
  qa.addAll(entries.map((e) => ({ id: e.id, sid: e.source_id ?? '', q: segmentForIndex(e.question), a: segmentForIndex(e.answer_text.slice(0, 20000)) })));
  const cl = new MiniSearch<{ id: number; sid: string; t: string; x: string }>({ fields: ['t', 'x'], storeFields: ['sid'], tokenize: split, processTerm: (x) => x });
  const rows = await sql<{ id: number; sid: string; title: string; text: string }>`
    select c.id, d.source_id as sid, d.title, c.text from document_clauses c join documents d on d.id = c.document_id
    where c.in_force and d.source_id not like '%#%'`.execute(db);
  cl.addAll(rows.rows.map((r) => ({ id: r.id, sid: r.sid, t: segmentForIndex(r.title), x: segmentForIndex(r.text) })));
  const indexMs = performance.now() - t;
  log(`MiniSearch: indexed ${entries.length} entries and ${rows.rows.length} clauses in ${seconds(indexMs)}`);
  const groups = (await db.selectFrom('ask_synonyms').select('terms').execute()).map((r) => r.terms);
  const words = (q: string) => analyzeQuestion(q, groups).concepts.flatMap((c) => c.alternatives.flat()).join(' ');
  const ms: number[] = [];
  const a: Measured[] = [];
  for (const p of setA) {
    const t1 = performance.now();
    const w = words(p.question);
    const hits = cl.search(w, { combineWith: 'OR', boost: { x: 1, t: 0.5 } }).slice(0, TOP);
    qa.search(w, { combineWith: 'OR', boost: { q: 3, a: 1 }, filter: (r) => !String(r.sid).startsWith(SET_A_PREFIX) }).slice(0, 3);
    ms.push(performance.now() - t1);
    a.push({ rank: rankOf([...new Set(hits.map((h) => String(h.sid)))], (id) => id === p.docId), ms: 0, confident: false });
  }
  const b: Measured[] = [];
  for (const p of setB) {
    const t1 = performance.now();
    const w = words(p.q);
    const hits = qa.search(w, { combineWith: 'OR', boost: { q: 3, a: 1 } }).slice(0, TOP);
    cl.search(w, { combineWith: 'OR', boost: { x: 1, t: 0.5 } }).slice(0, 3);
    ms.push(performance.now() - t1);
    b.push({ rank: rankOf(hits.map((h) => String(h.sid)), (id) => id === p.sourceId), ms: 0, confident: false });
  }
  return { a: metrics(a), b: metrics(b), p50: round1(percentile(ms, 50)), p95: round1(percentile(ms, 95)), indexMs, docs: entries.length + rows.rows.length };
}

await main();
