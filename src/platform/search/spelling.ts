import { createRequire } from 'node:module';
import { QUESTION_STOP_WORDS } from './concepts.js';
import { segmentQueryWords } from './segment.js';

/**
 * Likely typos in a query, by sound: people type on phones with pinyin input, so a wrong character
 * is almost always one that sounds the same (代款 → 贷款, 公基金 → 公积金, 社宝 → 社保, 工伤认订 →
 * 工伤认定). A typo is not a word, so the segmenter breaks it into single characters; a run of
 * words with a single character in it that is not itself a word, and becomes a common word when one
 * character is replaced by another of the same pinyin, is offered that word. Whether the library
 * holds the correction is the caller's to check.
 *
 * Words and their frequencies come from the segmenter's own dictionary (jieba's 349,045 words);
 * readings from pinyin-pro. Both are loaded on first use (about a second), or by `warmSpelling`.
 */
const require = createRequire(import.meta.url);
/** A correction must be at least this common in the dictionary (贷款 4,000; 社保 556). */
const MIN_FREQUENCY = 50;

interface Lexicon {
  frequency: Map<string, number>;
  soundsLike: Map<string, string[]>;
  readings: Map<string, string[]>;
}
let lexicon: Lexicon | undefined;

function load(): Lexicon {
  if (lexicon) return lexicon;
  const { dict } = require('@node-rs/jieba/dict.js') as { dict: Buffer };
  const { pinyin } = require('pinyin-pro') as typeof import('pinyin-pro');
  const frequency = new Map<string, number>();
  const chars = new Set<string>();
  for (const line of dict.toString('utf8').split('\n')) {
    const sp = line.indexOf(' ');
    const w = line.slice(0, sp);
    const n = w.length;
    if (n < 2 || n > 4 || !/^\p{Script=Han}+$/u.test(w)) continue;
    frequency.set(w, Number(line.slice(sp + 1, line.indexOf(' ', sp + 1))));
    for (const c of w) chars.add(c);
  }
  const readings = new Map<string, string[]>();
  const soundsLike = new Map<string, string[]>();
  for (const c of chars) {
    const rs = [...new Set(pinyin(c, { toneType: 'none', type: 'array', multiple: true }))];
    readings.set(c, rs);
    for (const r of rs) soundsLike.set(r, [...(soundsLike.get(r) ?? []), c]);
  }
  lexicon = { frequency, soundsLike, readings };
  return lexicon;
}

/** Load the dictionary and readings now (in the background at start-up keeps the first typo fast). */
export function warmSpelling(): void {
  load();
}

export interface Correction {
  /** What was typed: 代款. */
  typed: string;
  /** The word meant, most common first: 贷款. */
  candidates: string[];
  /**
   * When no dictionary word sounds like it: the span with one of its single characters replaced by
   * a same-sounding one (食品安全发 → 食品安全法), for the caller to look up in the library's titles,
   * where the names of laws are.
   */
  variants: string[];
}

/** At most this many variants of one span are offered for a title lookup. */
const MAX_VARIANTS = 40;

/** Same-sounding common words for one typed span; none when the span is a word already. */
function soundAlikes(span: string, lx: Lexicon): string[] {
  if (lx.frequency.has(span)) return [];
  const found = new Map<string, number>();
  const chars = Array.from(span);
  chars.forEach((c, i) => {
    for (const r of lx.readings.get(c) ?? []) {
      for (const alt of lx.soundsLike.get(r) ?? []) {
        if (alt === c) continue;
        const w = [...chars.slice(0, i), alt, ...chars.slice(i + 1)].join('');
        const f = lx.frequency.get(w);
        if (f !== undefined && f >= MIN_FREQUENCY) found.set(w, f);
      }
    }
  });
  return [...found.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([w]) => w);
}

/** A single character left over by the segmenter, and not a question word (吗, 能, 要): where typos show. */
function typoSuspect(w: string): boolean {
  return Array.from(w).length === 1 && !QUESTION_STOP_WORDS.has(w);
}

/** The span with one of its single-character words replaced by a character of the same sound. */
function singleCharVariants(parts: readonly string[], lx: Lexicon): string[] {
  const out: string[] = [];
  parts.forEach((w, i) => {
    if (!typoSuspect(w)) return;
    for (const r of lx.readings.get(w) ?? []) {
      for (const alt of lx.soundsLike.get(r) ?? []) if (alt !== w) out.push([...parts.slice(0, i), alt, ...parts.slice(i + 1)].join(''));
    }
  });
  return [...new Set(out)].slice(0, MAX_VARIANTS);
}

/**
 * Typed spans that look like typos, each with its likely corrections. Spans are one to three
 * consecutive words of one piece of the query (as typed between spaces), two to four characters
 * long (six when looked up in titles), at least one of them a single character.
 */
export function likelyTypos(text: string): Correction[] {
  const out: Correction[] = [];
  const seen = new Set<string>();
  for (const piece of text.split(/\s+/)) {
    const words = segmentQueryWords(piece);
    if (!words.some(typoSuspect)) continue;
    const lx = load();
    for (let i = 0; i < words.length; i++) {
      for (let j = i + 1; j <= Math.min(words.length, i + 3); j++) {
        const parts = words.slice(i, j);
        const span = parts.join('');
        const n = Array.from(span).length;
        if (n < 2 || n > 6 || !parts.some(typoSuspect) || seen.has(span) || !/^\p{Script=Han}+$/u.test(span)) continue;
        const candidates = n <= 4 ? soundAlikes(span, lx) : [];
        // Titles are looked up only for a word with one stray character after or before it (食品安全发).
        const titleShaped = parts.filter(typoSuspect).length === 1 && parts.some((w) => Array.from(w).length > 1);
        const variants = candidates.length || !titleShaped ? [] : singleCharVariants(parts, lx);
        if (candidates.length || variants.length) {
          seen.add(span);
          out.push({ typed: span, candidates, variants });
        }
      }
    }
  }
  return out;
}
