import { multiply, MAX_VOCABULARY, PairCounts, type SparseSymmetric } from './cooccurrence.js';
import { orthonormalize, seededRandom, symmetricEigen, transposeTimes } from './linear-algebra.js';
import { buildVocabulary } from './vocabulary.js';

/**
 * Word vectors trained on the platform's own corpus, on CPU, in seconds: positive pointwise
 * mutual information of word co-occurrence (within a window of a sentence, and between the
 * words of a question and of its answer), factorized by a randomized truncated eigen-
 * decomposition (Levy & Goldberg 2014: the matrix word2vec's skip-gram factorizes implicitly).
 * Deterministic: the same corpus and options give the same vectors. See
 * docs/adr/0020-semantic-answers.md for why this and not fastText (measured there).
 */
export interface TrainingCorpus {
  /** Token sequences (a paragraph, a question, an answer): co-occurrence within a window. */
  lines: readonly (readonly string[])[];
  /** Texts that belong together (a question and its answer, two phrasings of one question): every word of one co-occurs with every word of the other. */
  pairs?: readonly (readonly [readonly string[], readonly string[]])[];
}

export interface TrainOptions {
  dim: number;
  window: number;
  minCount: number;
  maxWords: number;
  /** Context-distribution smoothing (0.75 as in word2vec's negative sampling). */
  alpha: number;
  /** Weight of one question–answer co-occurrence relative to one window co-occurrence. */
  pairWeight: number;
  /** Distinct words of each side of a pair used (the first ones). */
  pairWords: number;
  /** Eigenvalue weighting of the vectors: U·λ^p. */
  eigenPower: number;
  powerIterations: number;
  seed: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  dim: 128, window: 5, minCount: 3, maxWords: 50_000, alpha: 0.75, pairWeight: 0.5, pairWords: 40, eigenPower: 0.5, powerIterations: 2, seed: 20_261_203,
};

export interface WordVectors {
  dim: number;
  words: string[];
  /** words.length × dim, row after row. */
  vectors: Float32Array;
  /** Occurrences of each word in the training corpus, and the corpus's tokens (for SIF weights). */
  counts: Float64Array;
  tokens: number;
}

export function trainWordVectors(corpus: TrainingCorpus, options: Partial<TrainOptions> = {}): WordVectors {
  const o = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const vocab = buildVocabulary(corpus.lines, o.minCount, Math.min(o.maxWords, MAX_VOCABULARY));
  const n = vocab.words.length;
  const counts = new PairCounts(20);
  const ids = (line: readonly string[]) => {
    const out: number[] = [];
    for (const w of line) {
      const i = vocab.index.get(w);
      if (i !== undefined) out.push(i);
    }
    return out;
  };
  for (const line of corpus.lines) {
    // Window over the kept words (dropping rare words brings their neighbours closer, as word2vec does).
    const seq = ids(line);
    for (let a = 0; a < seq.length; a++) {
      for (let d = 1; d <= o.window && a + d < seq.length; d++) counts.add(seq[a]!, seq[a + d]!, 1 / d);
    }
  }
  if (o.pairWeight > 0) {
    for (const [left, right] of corpus.pairs ?? []) {
      const l = [...new Set(ids(left))].slice(0, o.pairWords);
      const r = [...new Set(ids(right))].slice(0, o.pairWords);
      const w = o.pairWeight / Math.sqrt(l.length * r.length || 1);
      for (const i of l) for (const j of r) counts.add(i, j, w);
    }
  }
  const m = ppmiMatrix(counts, n, o.alpha);
  // A tiny corpus has fewer useful directions than asked for.
  const dim = Math.min(o.dim, Math.max(1, n - 1));
  const vectors = topEigenvectors(m, dim, o);
  return { dim, words: vocab.words, vectors, counts: vocab.counts, tokens: vocab.tokens };
}

/** max(0, log p(i,j) / (pα(i)·pα(j))) for every counted pair, as a symmetric sparse matrix. */
function ppmiMatrix(counts: PairCounts, n: number, alpha: number): SparseSymmetric {
  const rowSum = new Float64Array(n);
  counts.forEach((i, j, c) => {
    rowSum[i]! += c;
    rowSum[j]! += c;
  });
  let total = 0;
  let smoothed = 0;
  for (let i = 0; i < n; i++) {
    total += rowSum[i]!;
    smoothed += rowSum[i]! ** alpha;
  }
  const pa = Float64Array.from(rowSum, (r) => r ** alpha / smoothed);
  const pmi = (i: number, j: number, c: number) => Math.log(c / total / (pa[i]! * pa[j]!));
  const perRow = new Int32Array(n + 1);
  counts.forEach((i, j, c) => {
    if (pmi(i, j, c) > 0) {
      perRow[i + 1]!++;
      perRow[j + 1]!++;
    }
  });
  for (let i = 0; i < n; i++) perRow[i + 1]! += perRow[i]!;
  const fill = Int32Array.from(perRow.subarray(0, n));
  const cols = new Int32Array(perRow[n]!);
  const vals = new Float32Array(perRow[n]!);
  counts.forEach((i, j, c) => {
    const v = pmi(i, j, c);
    if (v <= 0) return;
    cols[fill[i]!] = j;
    vals[fill[i]!++] = v;
    cols[fill[j]!] = i;
    vals[fill[j]!++] = v;
  });
  return { n, rowStart: perRow, cols, vals };
}

/** The `dim` leading eigenvectors of M, scaled by λ^p (randomized range finder with power iterations). */
function topEigenvectors(m: SparseSymmetric, dim: number, o: TrainOptions): Float32Array {
  const width = Math.min(m.n, dim + 16);
  const rand = seededRandom(o.seed);
  let y: Float64Array = Float64Array.from({ length: m.n * width }, () => rand() * 2 - 1);
  y = multiply(m, y, width);
  orthonormalize(y, m.n, width);
  for (let it = 0; it < o.powerIterations; it++) {
    y = multiply(m, y, width);
    orthonormalize(y, m.n, width);
  }
  const my = multiply(m, y, width);
  const t = transposeTimes(y, my, m.n, width);
  const { values, vectors } = symmetricEigen(t, width);
  const order = [...values.keys()].sort((a, b) => values[b]! - values[a]!).slice(0, dim);
  const out = new Float32Array(m.n * dim);
  for (let k = 0; k < order.length; k++) {
    const e = order[k]!;
    const scale = Math.max(values[e]!, 0) ** o.eigenPower;
    for (let i = 0; i < m.n; i++) {
      let s = 0;
      const yo = i * width;
      for (let c = 0; c < width; c++) s += y[yo + c]! * vectors[c * width + e]!;
      out[i * dim + k] = s * scale;
    }
  }
  return out;
}
