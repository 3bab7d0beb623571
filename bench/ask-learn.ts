/**
 * `npm run bench:ask-learn -- --data-dir DIR`: fits the weights of the smart answers' learned blend
 * (src/modules/ask/domain/rerank.ts) on the two development sets, over a library built by
 * `npm run bench:ask -- --data-dir DIR` (the same directory).
 *
 * For every paraphrase of bench/ask-paraphrases.json and bench/ask-dev2.json, the app's own
 * retrieval returns every candidate entry with its figures (retrieveAnswers with features). A
 * linear score is fitted by gradient descent on the softmax of each question's candidates (the
 * right entry's share; L2 on the weights); questions whose entry is among no candidate teach
 * nothing. Printed: Recall@1/@3 of the weights in the code, then each set fitted on the other
 * (the cross-validation ADR 0020 reports), then the weights fitted on both, for the code. The
 * held-out test set is never read here. Last line: JSON.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { connectDatabase } from '../src/db/connect.js';
import { FEATURES, RERANK_WEIGHTS, type Feature } from '../src/modules/ask/domain/rerank.js';
import { retrieveAnswers } from '../src/modules/ask/queries/retrieve.js';
import { warmSegmenter } from '../src/platform/search/index.js';
import { log } from './lib/run.js';
import { round3 } from './lib/stats.js';

const { values: opts } = parseArgs({ options: { 'data-dir': { type: 'string' }, l2: { type: 'string', default: '0.001' }, epochs: { type: 'string', default: '400' } } });
if (!opts['data-dir']) throw new Error('--data-dir: the directory of a library built by npm run bench:ask -- --data-dir DIR');
const L2 = Number(opts.l2);
const EPOCHS = Number(opts.epochs);

interface ParaphraseFile { paraphrases: { sourceId: string; q: string }[] }
interface Question { candidates: { right: boolean; x: number[] }[] }

warmSegmenter();
const handle = await connectDatabase({ databaseUrl: null, dataDir: path.resolve(opts['data-dir']) });
const db = handle.db;
const questionOf = new Map((await db.selectFrom('qa_entries').select(['source_id', 'question']).execute()).map((r) => [r.source_id, r.question]));

async function collect(file: string): Promise<Question[]> {
  const f = JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8')) as ParaphraseFile;
  const out: Question[] = [];
  for (const p of f.paraphrases) {
    const r = await retrieveAnswers(db, p.q, { qaLimit: 1000, clauseLimit: 1, features: true });
    // Right: the entry, or one with the very same question (as bench:ask counts).
    const right = (sid: string) => sid === p.sourceId || (questionOf.get(sid) !== undefined && questionOf.get(sid) === questionOf.get(p.sourceId));
    out.push({ candidates: r.qa.filter((a) => a.features).map((a) => ({ right: right(a.sourceId), x: a.features! })) });
  }
  log(`${file}: ${out.length} questions, ${out.reduce((s, q) => s + q.candidates.length, 0)} candidates`);
  return out;
}

const score = (w: readonly number[], x: readonly number[]) => x.reduce((s, v, k) => s + v * w[k]!, 0);

function fit(set: Question[]): number[] {
  // From a neutral start (the lexical score and the cosine, as the hand blend), never from the
  // code's weights: those were fitted on both sets, and would leak one into the other's check.
  const w: number[] = FEATURES.map((f) => (f === 'lexical' || f === 'cosine' ? 1 : 0));
  const usable = set.filter((q) => q.candidates.some((c) => c.right));
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const grad = w.map(() => 0);
    for (const q of usable) {
      const s = q.candidates.map((c) => score(w, c.x));
      const top = Math.max(...s);
      const e = s.map((v) => Math.exp(v - top));
      const z = e.reduce((a, b) => a + b, 0);
      const rightShare = q.candidates.reduce((a, c, i) => a + (c.right ? e[i]! : 0), 0) / z;
      q.candidates.forEach((c, i) => {
        // d(−log Σ_right p)/d score_i = p_i − (right ? p_i / Σ_right p : 0)
        const p = e[i]! / z;
        const g = p - (c.right ? p / rightShare : 0);
        c.x.forEach((v, k) => (grad[k]! += g * v));
      });
    }
    w.forEach((_, k) => (w[k] = w[k]! - 0.5 * (grad[k]! / Math.max(1, usable.length) + L2 * w[k]!)));
  }
  return w;
}

function measure(set: Question[], w: readonly number[]) {
  let r1 = 0;
  let r3 = 0;
  for (const q of set) {
    const order = q.candidates.map((c) => ({ right: c.right, s: score(w, c.x) })).sort((a, b) => b.s - a.s);
    const rank = order.findIndex((c) => c.right);
    if (rank === 0) r1++;
    if (rank >= 0 && rank < 3) r3++;
  }
  return { r1: round3(r1 / set.length), r3: round3(r3 / set.length), pool: round3(set.filter((q) => q.candidates.some((c) => c.right)).length / set.length) };
}

const dev = await collect('./ask-paraphrases.json');
const dev2 = await collect('./ask-dev2.json');
await handle.close();
const inCode = FEATURES.map((f) => RERANK_WEIGHTS[f]);
const onDev = fit(dev);
const onDev2 = fit(dev2);
const onBoth = fit([...dev, ...dev2]);
const fmt = (m: ReturnType<typeof measure>) => `R@1 ${m.r1}  R@3 ${m.r3}  (entry among the candidates: ${m.pool})`;
console.log(`\nbench:ask-learn — L2 ${L2}, ${EPOCHS} epochs\n`);
console.log(`weights in the code:  dev ${fmt(measure(dev, inCode))}\n                      dev2 ${fmt(measure(dev2, inCode))}`);
console.log(`fitted on dev  → dev2 ${fmt(measure(dev2, onDev))}`);
console.log(`fitted on dev2 → dev  ${fmt(measure(dev, onDev2))}`);
console.log(`fitted on both:       dev ${fmt(measure(dev, onBoth))}; dev2 ${fmt(measure(dev2, onBoth))} (tuned on: not a result)\n`);
const weights = Object.fromEntries(FEATURES.map((f, k) => [f, Math.round(onBoth[k]! * 100) / 100])) as Record<Feature, number>;
console.log(`export const RERANK_WEIGHTS: Record<Feature, number> = ${JSON.stringify(weights, null, 2).replace(/"(\w+)":/g, '$1:')};\n`);
console.log(JSON.stringify({
  bench: 'ask-learn', l2: L2, code_dev_recall_at_3: measure(dev, inCode).r3, code_dev2_recall_at_3: measure(dev2, inCode).r3,
  cross_dev_to_dev2_recall_at_3: measure(dev2, onDev).r3, cross_dev2_to_dev_recall_at_3: measure(dev, onDev2).r3,
  cross_dev_to_dev2_recall_at_1: measure(dev2, onDev).r1, cross_dev2_to_dev_recall_at_1: measure(dev, onDev2).r1, weights,
}));
