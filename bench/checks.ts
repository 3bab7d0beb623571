/**
 * `npm run bench:checks [-- --corpus PATH]`: the automatic pre-publication checks
 * (src/platform/text-checks) on real data.
 *
 * 1. Flagged wording: the 88,015-term lexicon of the shared corpus (sensitive-words.meta.tsv, or
 *    sensitive-words.txt without categories) compiled into our Aho–Corasick matcher, scanning every
 *    body of policy-docs.jsonl (4,006 documents, one `scan` call per document, every hit with its
 *    position built as an object). Throughput = UTF-8 MiB of body text per second on one core,
 *    best of --rounds passes.
 * 2. The same lexicon as a naive loop (for each term: indexOf until -1, collecting every position)
 *    on a sample, the first documents totalling --naive-mb MiB (88k terms × the whole corpus would
 *    take about four minutes). Our hit set must equal the naive one on every sample document, or
 *    the run exits 1. Both sides see the same width-folded text and terms (our matcher folds
 *    full-width forms itself; the naive loop gets pre-folded input, outside its timing).
 * 3. One RegExp alternation of all terms (longest first, `g`) on the same sample, document by
 *    document until --regexp-seconds have passed (the first exec, where V8 compiles the pattern,
 *    is timed separately). A `g` regexp cannot report overlapping hits, so its count is compared with
 *    our hits reduced to leftmost-longest non-overlapping ones: a sanity check, not a gate.
 * 4. Personal data: precision and recall of findPersonalData on the labelled set
 *    (bench/pii-labelled.ts); a hit is correct when kind and span match exactly.
 * 5. For information: personal-data hits and secrecy-marker hits over the whole corpus.
 *
 * Category → action (the corpus lexicon has topic tags and source-list names, no right-word pairs):
 * political, reactionary, terror and pornographic tags → block; everything else (drugs, gambling,
 * crime and weapons, which laws and notices discuss legitimately; ads; the noisy source lists such
 * as 零时-Tencent or 网易前端过滤敏感词库; untagged terms) → warn; no suggest entries exist.
 *
 * Progress goes to stderr; the report to stdout, whose last line is one JSON object.
 * Options: --corpus PATH (policy-docs.jsonl) · --lexicon PATH · --rounds R (default 3) ·
 * --naive-mb M (default 1) · --regexp-seconds S (default 10).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { systemClock } from '../src/platform/clock/clock.js';
import {
  compileLexicon,
  findPersonalData,
  findSecrecyMarkers,
  foldWidth,
  KIND_ORDER,
  type LexiconAction,
  type LexiconEntry,
  type LexiconMatcher,
  type PersonalDataKind,
} from '../src/platform/text-checks/index.js';
import { DEFAULT_CORPUS } from './lib/corpus.js';
import { log } from './lib/run.js';
import { positiveInt, round1, round3, seconds, table } from './lib/stats.js';
import { LABELLED_PII } from './pii-labelled.js';

const TARGET_MB_PER_S = 40;
const TARGET_SPEEDUP = 100;
const MiB = 1024 * 1024;

const { values: opts } = parseArgs({
  options: {
    corpus: { type: 'string', default: process.env.GONGKAI_CORPUS ?? DEFAULT_CORPUS },
    lexicon: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    'naive-mb': { type: 'string', default: '1' },
    'regexp-seconds': { type: 'string', default: '10' },
  },
  allowPositionals: false,
});
const CORPUS = path.resolve(opts.corpus!);
const ROUNDS = positiveInt(opts.rounds, '--rounds');
const NAIVE_MB = Number(opts['naive-mb']);
const REGEXP_SECONDS = Number(opts['regexp-seconds']);
if (!(NAIVE_MB > 0) || !(REGEXP_SECONDS > 0)) throw new Error('--naive-mb and --regexp-seconds must be positive numbers');

/** Three significant digits, for figures that span 0.0003 to 300. */
const sig3 = (x: number): number => (x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(3)));

// ---------------------------------------------------------------------------------------------
// Inputs.

const BLOCK_TAGS = ['政治', '政治类', '政治类型', '反动词库', '暴恐词库', '色情', '色情类', '色情类型', '色情词库'];

function loadLexicon(): { entries: LexiconEntry[]; file: string } {
  const dir = path.dirname(CORPUS);
  const file = opts.lexicon ? path.resolve(opts.lexicon) : [path.join(dir, 'sensitive-words.meta.tsv'), path.join(dir, 'sensitive-words.txt')].find((f) => existsSync(f));
  if (!file || !existsSync(file)) throw new Error(`no lexicon next to ${CORPUS} (sensitive-words.meta.tsv / .txt); pass --lexicon`);
  const lines = readFileSync(file, 'utf8').split('\n');
  const entries: LexiconEntry[] = [];
  if (file.endsWith('.tsv')) {
    for (const line of lines.slice(1)) {
      if (!line) continue;
      const [term = '', cats = ''] = line.split('\t');
      const tags = cats ? cats.split('|') : [];
      const blockTag = tags.find((t) => BLOCK_TAGS.includes(t));
      const action: LexiconAction = blockTag ? 'block' : 'warn';
      entries.push({ term, category: blockTag ?? tags[0] ?? '未分类', action });
    }
  } else {
    for (const term of lines) if (term) entries.push({ term, category: '未分类', action: 'warn' });
  }
  return { entries, file };
}

function loadBodies(): string[] {
  if (!existsSync(CORPUS)) throw new Error(`corpus not found: ${CORPUS} (pass --corpus PATH to policy-docs.jsonl)`);
  return readFileSync(CORPUS, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { body: string }).body);
}

// ---------------------------------------------------------------------------------------------
// The three matchers.

function timeOurs(m: LexiconMatcher, docs: readonly string[]): { ms: number; hits: number } {
  let best = Infinity;
  let hits = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    let n = 0;
    for (const d of docs) n += m.scan(d).length;
    best = Math.min(best, performance.now() - t0);
    hits = n;
  }
  return { ms: best, hits };
}

/** Every (start, end) of every term, as the naive loop finds them; terms deduplicated. */
function naiveScan(terms: readonly string[], text: string, out: number[]): void {
  for (const t of terms) {
    for (let i = text.indexOf(t); i !== -1; i = text.indexOf(t, i + 1)) out.push(i, i + t.length);
  }
}

function spanKeys(pairs: readonly number[]): string[] {
  const keys: string[] = [];
  for (let i = 0; i < pairs.length; i += 2) keys.push(`${pairs[i]}:${pairs[i + 1]}`);
  return keys.sort();
}

/** Leftmost-longest, non-overlapping: what a longest-first alternation with `g` returns. */
function leftmostLongest(m: LexiconMatcher, text: string): number {
  const hits = m.scan(text).sort((a, b) => a.start - b.start || b.end - a.end);
  let n = 0;
  let last = 0;
  for (const h of hits) {
    if (h.start >= last) {
      n++;
      last = h.end;
    }
  }
  return n;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

// ---------------------------------------------------------------------------------------------
// Personal data on the labelled set.

function evaluatePii(today: string) {
  const perKind = new Map<PersonalDataKind, { tp: number; fp: number; fn: number }>(KIND_ORDER.map((k) => [k, { tp: 0, fp: 0, fn: 0 }]));
  const errors: string[] = [];
  for (const s of LABELLED_PII) {
    const got = findPersonalData(s.text, { today });
    const key = (x: { kind: string; start: number; end: number }) => `${x.kind}@${x.start}-${x.end}`;
    const want = new Set(s.labels.map(key));
    const have = new Set(got.map(key));
    for (const h of got) {
      const k = perKind.get(h.kind)!;
      if (want.has(key(h))) k.tp++;
      else {
        k.fp++;
        errors.push(`FP ${h.kind} ${JSON.stringify(h.value)} in ${JSON.stringify(s.text)} (${s.note})`);
      }
    }
    for (const l of s.labels) {
      if (have.has(key(l))) continue;
      perKind.get(l.kind)!.fn++;
      errors.push(`FN ${l.kind} ${JSON.stringify(s.text.slice(l.start, l.end))} in ${JSON.stringify(s.text)} (${s.note})`);
    }
  }
  const sum = [...perKind.values()].reduce((a, k) => ({ tp: a.tp + k.tp, fp: a.fp + k.fp, fn: a.fn + k.fn }), { tp: 0, fp: 0, fn: 0 });
  const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);
  return {
    precision: ratio(sum.tp, sum.tp + sum.fp),
    recall: ratio(sum.tp, sum.tp + sum.fn),
    labels: sum.tp + sum.fn,
    perKind,
    errors,
    ratio,
  };
}

// ---------------------------------------------------------------------------------------------

function main(): void {
  const out: string[] = [];
  const { entries, file: lexFile } = loadLexicon();
  log(`lexicon: ${entries.length} terms from ${lexFile}`);
  const docs = loadBodies();
  const bytes = docs.map((d) => Buffer.byteLength(d, 'utf8'));
  const totalBytes = bytes.reduce((a, b) => a + b, 0);
  log(`corpus: ${docs.length} bodies, ${(totalBytes / MiB).toFixed(1)} MiB UTF-8 from ${CORPUS}`);

  // 1. Ours.
  let t0 = performance.now();
  const matcher = compileLexicon(entries);
  const buildColdMs = performance.now() - t0;
  let buildMs = buildColdMs;
  for (let r = 1; r < ROUNDS; r++) {
    t0 = performance.now();
    compileLexicon(entries);
    buildMs = Math.min(buildMs, performance.now() - t0);
  }
  const actions = { block: 0, suggest: 0, warn: 0 };
  for (const e of matcher.entries) actions[e.action]++;
  log(`compiled ${matcher.entries.length} distinct terms in ${buildColdMs.toFixed(0)} ms (best of ${ROUNDS}: ${buildMs.toFixed(0)} ms); scanning ${ROUNDS}×`);
  const ours = timeOurs(matcher, docs);
  const mbPerS = totalBytes / MiB / (ours.ms / 1000);
  let countBest = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    t0 = performance.now();
    for (const d of docs) matcher.count(d);
    countBest = Math.min(countBest, performance.now() - t0);
  }
  log(`ours: ${ours.hits} hits, ${mbPerS.toFixed(1)} MiB/s (scan), ${(totalBytes / MiB / (countBest / 1000)).toFixed(1)} MiB/s (count only)`);

  // 2. Naive, on a sample.
  const sample: number[] = [];
  let sampleBytes = 0;
  for (let i = 0; i < docs.length && sampleBytes < NAIVE_MB * MiB; i++) {
    sample.push(i);
    sampleBytes += bytes[i]!;
  }
  const terms = [...new Set(matcher.entries.map((e) => foldWidth(e.term)))];
  const folded = sample.map((i) => foldWidth(docs[i]!));
  log(`naive loop: ${terms.length} terms × ${sample.length} documents (${(sampleBytes / MiB).toFixed(2)} MiB), ${ROUNDS}×`);
  let naiveMs = Infinity;
  let naiveSpans: number[][] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const spans: number[][] = [];
    t0 = performance.now();
    for (const text of folded) {
      const s: number[] = [];
      naiveScan(terms, text, s);
      spans.push(s);
    }
    naiveMs = Math.min(naiveMs, performance.now() - t0);
    naiveSpans = spans;
    log(`  naive pass ${r + 1}: ${seconds(performance.now() - t0)}`);
  }
  const naiveMbPerS = sampleBytes / MiB / (naiveMs / 1000);
  const oursSample = timeOurs(
    matcher,
    sample.map((i) => docs[i]!),
  );
  const oursSampleMbPerS = sampleBytes / MiB / (oursSample.ms / 1000);
  let mismatched = 0;
  let naiveHits = 0;
  sample.forEach((i, k) => {
    const mine = spanKeys(matcher.scan(docs[i]!).flatMap((h) => [h.start, h.end]));
    const theirs = spanKeys(naiveSpans[k]!);
    naiveHits += theirs.length;
    if (mine.length !== theirs.length || mine.some((x, j) => x !== theirs[j])) {
      mismatched++;
      log(`  MISMATCH in sample document ${i}: ours ${mine.length} hits, naive ${theirs.length}`);
    }
  });
  log(`naive: ${naiveHits} hits, ${naiveMbPerS.toFixed(3)} MiB/s; hit sets equal in ${sample.length - mismatched}/${sample.length} documents`);

  // 3. One RegExp alternation, time-capped.
  let regexp: { mbPerS: number; compileMs: number; constructMs: number; bytes: number; docs: number; hits: number; expected: number; error: string | null } = {
    mbPerS: NaN, compileMs: NaN, constructMs: NaN, bytes: 0, docs: 0, hits: 0, expected: 0, error: null,
  };
  try {
    t0 = performance.now();
    const re = new RegExp([...terms].sort((a, b) => b.length - a.length).map(escapeRe).join('|'), 'g');
    regexp.constructMs = performance.now() - t0;
    t0 = performance.now();
    re.lastIndex = 0;
    re.exec('预热');
    regexp.compileMs = performance.now() - t0;
    log(`regexp: constructed in ${regexp.constructMs.toFixed(0)} ms, first exec (V8 compiles) ${regexp.compileMs.toFixed(0)} ms; scanning up to ${REGEXP_SECONDS} s`);
    let ms = 0;
    for (let k = 0; k < sample.length && ms < REGEXP_SECONDS * 1000; k++) {
      const text = folded[k]!;
      t0 = performance.now();
      let n = 0;
      re.lastIndex = 0;
      while (re.exec(text) !== null) n++;
      ms += performance.now() - t0;
      regexp.hits += n;
      regexp.expected += leftmostLongest(matcher, docs[sample[k]!]!);
      regexp.bytes += bytes[sample[k]!]!;
      regexp.docs++;
    }
    regexp.mbPerS = regexp.bytes / MiB / (ms / 1000);
    log(`regexp: ${regexp.docs} documents, ${(regexp.bytes / 1024).toFixed(0)} KiB in ${seconds(ms)}: ${regexp.mbPerS.toFixed(4)} MiB/s, ${regexp.hits} non-overlapping hits (ours, leftmost-longest: ${regexp.expected})`);
  } catch (err) {
    regexp = { ...regexp, error: err instanceof Error ? err.message : String(err) };
    log(`regexp failed: ${regexp.error}`);
  }

  // 4. Personal data, labelled set.
  const today = systemClock.today();
  const pii = evaluatePii(today);
  log(`personal data: ${LABELLED_PII.length} samples, ${pii.labels} labels: precision ${pii.precision.toFixed(3)}, recall ${pii.recall.toFixed(3)}`);

  // 5. Whole corpus, for information.
  t0 = performance.now();
  const piiCorpus = new Map<string, number>();
  let secrecyDocs = 0;
  for (const d of docs) {
    for (const h of findPersonalData(d, { today })) piiCorpus.set(h.kind, (piiCorpus.get(h.kind) ?? 0) + 1);
    if (findSecrecyMarkers(d).length) secrecyDocs++;
  }
  const otherChecksMs = performance.now() - t0;

  // Report.
  const speedup = mbPerS / naiveMbPerS;
  out.push(`# Automatic checks (src/platform/text-checks), ${new Date().toISOString().slice(0, 10)}`);
  out.push('');
  out.push(`Lexicon: ${lexFile}, ${entries.length} lines → ${matcher.entries.length} distinct terms (${actions.block} block, ${actions.warn} warn, ${actions.suggest} suggest).`);
  out.push(`Corpus: ${CORPUS}, ${docs.length} bodies, ${(totalBytes / MiB).toFixed(1)} MiB UTF-8. One call per document, one core, best of ${ROUNDS}. MiB = 2^20 bytes.`);
  out.push('');
  out.push(
    table(
      ['matcher', 'text', 'build', 'MiB/s', 'hits'],
      [
        ['Aho–Corasick (ours), scan()', 'whole corpus', `${buildMs.toFixed(0)} ms`, mbPerS.toFixed(1), ours.hits],
        ['Aho–Corasick (ours), count()', 'whole corpus', '', (totalBytes / MiB / (countBest / 1000)).toFixed(1), ours.hits],
        ['Aho–Corasick (ours), scan()', `sample ${(sampleBytes / MiB).toFixed(2)} MiB`, '', oursSample.hits ? oursSampleMbPerS.toFixed(1) : '-', oursSample.hits],
        ['naive indexOf loop', `sample ${(sampleBytes / MiB).toFixed(2)} MiB`, '-', naiveMbPerS.toFixed(3), naiveHits],
        [
          'RegExp alternation (g, no overlaps)',
          `${(regexp.bytes / 1024).toFixed(0)} KiB of the sample`,
          regexp.error ? 'failed' : `${regexp.constructMs.toFixed(0)} + ${regexp.compileMs.toFixed(0)} ms`,
          regexp.error ? '-' : regexp.mbPerS.toFixed(4),
          regexp.error ? '-' : regexp.hits,
        ],
      ],
    ),
  );
  out.push('');
  out.push(`Build: first compile ${buildColdMs.toFixed(0)} ms, best ${buildMs.toFixed(0)} ms. RegExp build = new RegExp + first exec (V8 compiles lazily).`);
  out.push(`Hit sets, ours vs naive, on ${sample.length} sample documents: ${mismatched === 0 ? 'identical' : `${mismatched} documents DIFFER`}.`);
  if (!regexp.error) out.push(`RegExp non-overlapping hit count ${regexp.hits} vs ours reduced to leftmost-longest ${regexp.expected}: ${regexp.hits === regexp.expected ? 'equal' : 'different'}.`);
  out.push(`Speed-up over the naive loop: ${speedup.toFixed(0)}× (whole-corpus scan vs sample), ${(oursSampleMbPerS / naiveMbPerS).toFixed(0)}× on the same sample.`);
  out.push(`Targets: ≥ ${TARGET_MB_PER_S} MiB/s ${mbPerS >= TARGET_MB_PER_S ? 'met' : 'NOT met'}; ≥ ${TARGET_SPEEDUP}× naive ${speedup >= TARGET_SPEEDUP ? 'met' : 'NOT met'}.`);
  out.push('');
  out.push(`## Personal data on the labelled set (bench/pii-labelled.ts): ${LABELLED_PII.length} samples, ${pii.labels} labelled spans`);
  out.push(
    table(
      ['kind', 'TP', 'FP', 'FN', 'precision', 'recall'],
      [...pii.perKind].map(([k, v]) => [k, v.tp, v.fp, v.fn, pii.ratio(v.tp, v.tp + v.fp).toFixed(3), pii.ratio(v.tp, v.tp + v.fn).toFixed(3)]),
    ),
  );
  out.push(`all: precision ${pii.precision.toFixed(3)}, recall ${pii.recall.toFixed(3)}`);
  if (pii.errors.length) out.push(pii.errors.join('\n'));
  out.push('');
  out.push(`## Whole corpus (${seconds(otherChecksMs)} for both): personal data ${[...piiCorpus].map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}; documents with a secrecy/attribute marking: ${secrecyDocs}.`);

  const result = {
    bench: 'checks',
    mb_per_s: round1(mbPerS),
    naive_mb_per_s: sig3(naiveMbPerS),
    regexp_mb_per_s: regexp.error ? null : sig3(regexp.mbPerS),
    pii_precision: round3(pii.precision),
    pii_recall: round3(pii.recall),
    speedup_vs_naive: Math.round(speedup),
    terms: matcher.entries.length,
    hits: ours.hits,
    build_ms: Math.round(buildMs),
    count_mb_per_s: round1(totalBytes / MiB / (countBest / 1000)),
    naive_sample_mb: round3(sampleBytes / MiB),
    regexp_sample_kb: Math.round(regexp.bytes / 1024),
    pii_samples: LABELLED_PII.length,
    secrecy_flagged_docs: secrecyDocs,
  };
  process.stdout.write(out.join('\n') + '\n' + JSON.stringify(result) + '\n');
  if (mismatched > 0) {
    process.stderr.write(`[bench] our hits differ from the naive loop in ${mismatched} documents\n`);
    process.exitCode = 1;
  }
}

main();
