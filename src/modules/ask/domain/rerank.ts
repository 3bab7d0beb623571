import { semanticTokens, type WordLookup } from '../../../platform/semantic/index.js';
import { QUESTION_STOP_WORDS } from './question.js';

/**
 * The learned blend of smart answers (docs/adr/0020-semantic-answers.md, addendum): each candidate
 * entry is described by a few figures of how the question meets it — the lexical score, the
 * cosines of the question to the entry's vector and to its answer's, how many of the question's
 * words find a word of the same meaning in the entry (soft matching with the trained word vectors),
 * and how many of its characters and character pairs the entry shares (abbreviations and typos
 * keep characters: 临牌 → 临时号牌, 发漂 → 发票) — and ranked by a weighted sum whose weights were
 * fitted on the two development sets (`npm run bench:ask-learn`). Pure, apart from jieba.
 */

/** What the re-ranker knows of a text (a question, or an entry's question and phrasings). */
export interface TextFacts {
  /** Its words that carry a subject (no question words, no punctuation), each once. */
  words: string[];
  /** Its characters and character pairs that carry a subject, each once. */
  grams: Set<string>;
}

/** An entry's facts: its question's and phrasings', and the words of its answer's beginning. */
export interface EntryFacts extends TextFacts {
  answerWords: string[];
}

/** Characters of a question that say nothing of its subject (for the character pairs). */
const FILLER_CHARS = new Set([...'的了吗呢吧啊呀么嘛哦我你您他她它这那是在有和与及或个些一要想请问能会可以怎样什啥哪几多少如何为还也都就又才再把被给向从到对于上下中里咋']);
/** Characters of an answer read for its words: its first sentences carry what it is about. */
export const ANSWER_CHARS = 300;

const subjectWords = (text: string) => [...new Set(semanticTokens(text).filter((t) => !QUESTION_STOP_WORDS.has(t) && /[\p{L}\p{N}]/u.test(t)))];

/** Characters (not filler) and adjacent pairs (not both filler) of the text's runs of letters. */
export function charGrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const run of text.toLowerCase().split(/[^\p{Script=Han}a-z0-9]+/u)) {
    const cs = [...run];
    for (let i = 0; i < cs.length; i++) {
      if (!FILLER_CHARS.has(cs[i]!)) out.add(cs[i]!);
      if (i + 1 < cs.length && !(FILLER_CHARS.has(cs[i]!) && FILLER_CHARS.has(cs[i + 1]!))) out.add(cs[i]! + cs[i + 1]!);
    }
  }
  return out;
}

export function questionFacts(question: string): TextFacts {
  return { words: subjectWords(question), grams: charGrams(question) };
}

export function entryFacts(e: { question: string; phrasings: readonly string[]; answer_text: string }): EntryFacts {
  const text = [e.question, ...e.phrasings].join('\n');
  return { words: subjectWords(text), grams: charGrams(text), answerWords: subjectWords(e.answer_text.slice(0, ANSWER_CHARS)) };
}

/** How rare each word and character gram is among the entries (idf), for weighing the question's. */
export class EntryStats {
  private readonly words = new Map<string, number>();
  private readonly grams = new Map<string, number>();
  private n = 0;

  constructor(entries: Iterable<TextFacts>) {
    for (const e of entries) {
      this.n++;
      for (const w of e.words) this.words.set(w, (this.words.get(w) ?? 0) + 1);
      for (const g of e.grams) this.grams.set(g, (this.grams.get(g) ?? 0) + 1);
    }
  }

  wordIdf(w: string): number {
    return Math.log((this.n + 1) / ((this.words.get(w) ?? 0) + 0.5));
  }

  /** A single character says less than a pair: half the weight. */
  gramIdf(g: string): number {
    return Math.log((this.n + 1) / ((this.grams.get(g) ?? 0) + 0.5)) * (g.length === 1 ? 0.5 : 1);
  }
}

/**
 * Words under the trained vectors: similarity 1 for the same word, the cosine otherwise (a word the
 * model lacks is the mean of its characters'), at least 0.8 when one holds the other (公积金 in
 * 住房公积金). The index builds its entries' words' vectors at once (prime); other words' are
 * remembered up to a bound.
 */
export class WordSpace {
  /** The entries' words the model lacks, built once (prime). */
  private readonly kept = new Map<string, Float32Array | null>();
  /** Other words the model lacks (questions'): bounded, so months of new questions hold no memory. */
  private recent = new Map<string, Float32Array | null>();
  private static readonly RECENT = 20_000;

  constructor(private readonly lookup: WordLookup, private readonly dim: number) {}

  /** Builds and keeps the vector of an entry's word now, not in front of a question. */
  prime(w: string): void {
    if (!this.lookup(w) && !this.kept.has(w)) this.kept.set(w, this.fromCharacters(w));
  }

  vectorOf(w: string): Float32Array | null {
    const known = this.lookup(w);
    if (known) return known.vector;
    let v = this.kept.get(w) ?? this.recent.get(w);
    if (v !== undefined) return v;
    v = this.fromCharacters(w);
    if (this.recent.size >= WordSpace.RECENT) this.recent = new Map();
    this.recent.set(w, v);
    return v;
  }

  /** A word the model lacks: the mean of its characters' vectors, or null when it knows none. */
  private fromCharacters(w: string): Float32Array | null {
    const chars = [...w].map((c) => this.lookup(c)?.vector).filter((x): x is Float32Array => x !== undefined);
    if (chars.length === 0) return null;
    const sum = new Float32Array(this.dim);
    for (const c of chars) for (let i = 0; i < this.dim; i++) sum[i]! += c[i]!;
    return unit(sum);
  }

  readonly similarity = (a: string, b: string): number => {
    if (a === b) return 1;
    const contains = a.length >= 2 && b.length >= 2 && (a.includes(b) || b.includes(a)) ? 0.8 : 0;
    const va = this.vectorOf(a);
    const vb = this.vectorOf(b);
    return Math.max(contains, va && vb ? dot(va, vb) : 0);
  };
}

const dot = (a: Float32Array, b: Float32Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};
const unit = (v: Float32Array) => {
  const n = Math.sqrt(dot(v, v)) || 1;
  for (let i = 0; i < v.length; i++) v[i]! /= n;
  return v;
};

/**
 * The similarity of the question's words to any word, remembered per question word: a question
 * meets the same words in many candidates (公积金 in forty of them). Either argument may be the
 * question's word (the coverage is read both ways).
 */
export function questionSimilarity(questionWords: readonly string[], sim: (a: string, b: string) => number): (a: string, b: string) => number {
  const rows = new Map(questionWords.map((w) => [w, new Map<string, number>()]));
  return (a, b) => {
    const row = rows.get(a) ?? rows.get(b);
    if (!row) return sim(a, b);
    const other = rows.has(a) ? b : a;
    let v = row.get(other);
    if (v === undefined) {
      v = sim(a, b);
      row.set(other, v);
    }
    return v;
  };
}

/** Below this similarity a word has found nothing of its meaning. */
const SOFT_FLOOR = 0.35;

/** Σ idf × best similarity of each word of `from` to a word of `to` (0 below the floor), over Σ idf. */
function softCoverage(from: readonly string[], to: readonly string[], idf: (w: string) => number, sim: (a: string, b: string) => number): number {
  let found = 0;
  let total = 0;
  for (const w of from) {
    let best = 0;
    for (const x of to) best = Math.max(best, sim(w, x));
    const weight = idf(w);
    found += weight * (best >= SOFT_FLOOR ? best : 0);
    total += weight;
  }
  return total > 0 ? found / total : 0;
}

/** Σ idf of the grams of `from` found in `to`, over Σ idf of `from`'s. */
export function gramCoverage(from: ReadonlySet<string>, to: ReadonlySet<string>, idf: (g: string) => number): number {
  let found = 0;
  let total = 0;
  for (const g of from) {
    const weight = idf(g);
    total += weight;
    if (to.has(g)) found += weight;
  }
  return total > 0 ? found / total : 0;
}

/** The figures, in this order. */
export const FEATURES = [
  'lexical', // the lexical score (0–1; 0 when only another signal found the entry)
  'notLexical', // 1 when the lexical search did not find it
  'cosine', // question to the entry's vector
  'answerCosine', // question to the entry's answer's vector
  'wordsFound', // the question's words found (by meaning) in the entry's question
  'wordsCovered', // the entry's words found in the question
  'wordsInAnswer', // the question's words found in the answer's beginning
  'gramsFound', // the question's characters and pairs in the entry's question
  'gramsCovered', // the entry's in the question
  'length', // log(1 + the entry's words): long questions match much by chance
] as const;
export type Feature = (typeof FEATURES)[number];

export interface Candidate {
  facts: EntryFacts;
  lexical: number | null;
  cosine: number;
  answerCosine: number;
}

export function featuresOf(q: TextFacts, c: Candidate, stats: EntryStats, sim: (a: string, b: string) => number): number[] {
  const wordIdf = (w: string) => stats.wordIdf(w);
  const gramIdf = (g: string) => stats.gramIdf(g);
  return [
    c.lexical ?? 0,
    c.lexical === null ? 1 : 0,
    c.cosine,
    c.answerCosine,
    softCoverage(q.words, c.facts.words, wordIdf, sim),
    softCoverage(c.facts.words, q.words, wordIdf, sim),
    softCoverage(q.words, c.facts.answerWords, wordIdf, sim),
    gramCoverage(q.grams, c.facts.grams, gramIdf),
    gramCoverage(c.facts.grams, q.grams, gramIdf),
    Math.log(1 + c.facts.words.length),
  ];
}

/**
 * The weights, fitted by `npm run bench:ask-learn` on both development sets together (a softmax
 * over each question's candidates, L2 0.001, from a neutral start); fitted on either set alone they
 * raise the other's Recall@3 (dev → dev2 0.656 → 0.688, dev2 → dev 0.761 → 0.804; ADR 0020).
 * Refit when the features, the candidates or the model change.
 */
export const RERANK_WEIGHTS: Record<Feature, number> = {
  lexical: 5.24,
  notLexical: 0.14,
  cosine: 4.37,
  answerCosine: 2.86,
  wordsFound: 3.21,
  wordsCovered: 1.51,
  wordsInAnswer: 4.69,
  gramsFound: 4.32,
  gramsCovered: 3.67,
  length: -0.71,
};

export function rerankScore(features: readonly number[], weights: Record<Feature, number> = RERANK_WEIGHTS): number {
  return FEATURES.reduce((s, f, i) => s + weights[f] * features[i]!, 0);
}

/**
 * Whether the blend is sure of the first of these learned scores (best first): it holds at least
 * `share` of their softmax and reaches `score` (scoring.ts LEARNED_CONFIDENT). Scores that are not
 * finite (candidates the index does not hold) take no share.
 */
export function learnedSure(ranks: readonly number[], at: { share: number; score: number }): boolean {
  const top = ranks[0];
  if (top === undefined || !Number.isFinite(top) || top < at.score) return false;
  const z = ranks.reduce((sum, r) => sum + (Number.isFinite(r) ? Math.exp(r - top) : 0), 0);
  return 1 / z >= at.share;
}
