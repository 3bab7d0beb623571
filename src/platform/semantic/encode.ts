import { segmentQueryWords } from '../search/index.js';
import type { WordVectors } from './train.js';

/**
 * Sentence vectors: the smooth-inverse-frequency average of the words' vectors (Arora et al.
 * 2017: a word weighs a / (a + p(word)), so 的 and 办理 count little and 公积金 much), minus the
 * corpus's common direction, scaled to length 1 — so the dot product of two is their cosine.
 * A word the model does not know counts by its characters that it knows (typos, new compounds).
 */
export interface EncoderSettings {
  dim: number;
  /** Tokens of the training corpus (p(word) = count / tokens). */
  tokens: number;
  /** SIF's a. */
  sifA: number;
  /** The common direction subtracted from every sentence vector (null: none). */
  mean: Float32Array | null;
}

export interface WordInfo {
  vector: Float32Array;
  count: number;
}
export type WordLookup = (word: string) => WordInfo | undefined;

/** The words of a text as the models see them (jieba `cut`, as search's query words). */
export function semanticTokens(text: string): string[] {
  return segmentQueryWords(text);
}

/** What to look up for these tokens: each token and, for the fallback, its characters. */
export function wordsToLookUp(tokens: readonly string[]): string[] {
  const out = new Set<string>();
  for (const t of tokens) {
    out.add(t);
    if (t.length > 1) for (const ch of t) out.add(ch);
  }
  return [...out];
}

/** The sentence vector of `tokens`, or null when no word is known. */
export function encodeTokens(tokens: readonly string[], lookup: WordLookup, s: EncoderSettings, skip: ReadonlySet<string> = new Set()): Float32Array | null {
  const v = new Float32Array(s.dim);
  let any = false;
  const add = (info: WordInfo, share: number) => {
    const w = (share * s.sifA) / (s.sifA + info.count / Math.max(1, s.tokens));
    for (let c = 0; c < s.dim; c++) v[c]! += w * info.vector[c]!;
    any = true;
  };
  for (const t of tokens) {
    if (skip.has(t)) continue;
    const info = lookup(t);
    if (info) {
      add(info, 1);
      continue;
    }
    const chars = [...t].map((ch) => lookup(ch)).filter((x): x is WordInfo => x !== undefined);
    for (const c of chars) add(c, 1 / chars.length);
  }
  if (!any) return null;
  if (s.mean) {
    // Remove the common direction's share of the vector, not the mean itself: the result keeps its scale.
    let proj = 0;
    for (let c = 0; c < s.dim; c++) proj += v[c]! * s.mean[c]!;
    for (let c = 0; c < s.dim; c++) v[c]! -= proj * s.mean[c]!;
  }
  return normalize(v);
}

export function normalize(v: Float32Array): Float32Array {
  let n = 0;
  for (let c = 0; c < v.length; c++) n += v[c]! * v[c]!;
  n = Math.sqrt(n);
  if (n > 0) for (let c = 0; c < v.length; c++) v[c]! /= n;
  return v;
}

/** A lookup over freshly trained vectors (each word's vector scaled to length 1). */
export function lexiconOf(wv: WordVectors): WordLookup {
  const index = new Map(wv.words.map((w, i) => [w, i]));
  const cache = new Map<number, WordInfo>();
  return (word) => {
    const i = index.get(word);
    if (i === undefined) return undefined;
    let hit = cache.get(i);
    if (!hit) {
      hit = { vector: normalize(wv.vectors.slice(i * wv.dim, (i + 1) * wv.dim)), count: wv.counts[i]! };
      cache.set(i, hit);
    }
    return hit;
  };
}

/**
 * The common direction of a sample of sentence vectors (their first principal direction, by a
 * few power iterations), unit length.
 */
export function commonDirection(vectors: readonly Float32Array[], dim: number): Float32Array | null {
  if (vectors.length < 10) return null;
  let d: Float32Array = new Float32Array(dim).fill(1 / Math.sqrt(dim));
  for (let it = 0; it < 20; it++) {
    const next = new Float32Array(dim);
    for (const v of vectors) {
      let p = 0;
      for (let c = 0; c < dim; c++) p += v[c]! * d[c]!;
      for (let c = 0; c < dim; c++) next[c]! += p * v[c]!;
    }
    d = normalize(next);
  }
  return d;
}
