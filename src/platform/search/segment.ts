/**
 * Chinese word segmentation for full-text search.
 *
 * PostgreSQL's 'simple' parser cannot split Chinese: an unsegmented run such
 * as 政府信息公开 becomes ONE token (and in a C locale every non-ASCII
 * character, punctuation included, counts as a letter). So the app segments
 * with jieba and stores/queries space-separated words:
 *
 *   index: to_tsvector('simple', segmentForIndex(body))
 *   query: to_tsquery('simple', parseQuery(input).tsquery)   (see query.ts)
 *
 * Index and query MUST go through the same normalization and tokenizer,
 * otherwise a word typed by the user may never match the stored one.
 */
import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';

const require = createRequire(import.meta.url);

// HMM guesses unknown words from context, so the same characters may be
// merged differently in a short query and in a long document. Without it,
// unknown words fall back to single characters on both sides, which keeps
// "every query token is in the index" true. Both cut modes use this setting.
const HMM = false;

let jieba: Jieba | undefined;

/**
 * One instance per process. `new Jieba()` has an EMPTY dictionary (it splits
 * every character), so we must load the bundled 349k-word dict, which takes
 * ~230 ms. It is required lazily so that merely importing this module (e.g.
 * for snippet.ts or in tests that never segment) costs nothing.
 */
function getJieba(): Jieba {
  if (jieba === undefined) {
    const mod = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { dict } = require('@node-rs/jieba/dict.js') as typeof import('@node-rs/jieba/dict.js');
    jieba = mod.Jieba.withDict(dict);
  }
  return jieba;
}

/** Load the dictionary now (call at server/worker start to keep the first search fast). */
export function warmSegmenter(): void {
  getJieba();
}

// Full-width ASCII (ＡＢＣ２０２２！) and the ideographic space. Mapping each
// to one half-width UTF-16 unit keeps string length unchanged, which lets
// snippet.ts match folded terms against folded text at the same offsets.
const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/g;

/** Full-width ASCII → half-width, U+3000 → space. Length-preserving. */
export function toHalfWidth(s: string): string {
  return s.replace(FULL_WIDTH, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

// Zero-width characters hidden inside a word (e.g. pasted from Word/web
// pages) would break it in two for jieba; they carry no meaning, drop them.
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/**
 * THE token filter (one precompiled regex, shared by every call): anything
 * that is not a letter, number or combining mark is removed. This drops
 * punctuation/whitespace/symbol-only tokens entirely and guarantees that no
 * tsquery/tsvector syntax character (' : & | ! ( ) < > \ * -) survives.
 * Digits are kept (2022, 711); \p{N} also keeps 〇 (as in 二〇二二年).
 */
const NOT_WORD_CHAR = /[^\p{L}\p{N}\p{M}]+/gu;

function normalizeInput(text: string): string {
  // Lower-case BEFORE cutting so that "T恤" and "t恤" segment identically.
  return toHalfWidth(text).replace(INVISIBLE, '').toLowerCase();
}

/**
 * Fast path for the common token (CJK unified ideographs, a-z, 0-9 only):
 * a char-code loop is ~2x cheaper than running even a precompiled Unicode
 * regex on each of the ~10k tokens of a 15 KB document.
 */
function isPlainWord(tok: string): boolean {
  for (let k = 0; k < tok.length; k++) {
    const c = tok.charCodeAt(k);
    if (!((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39))) return false;
  }
  return tok.length > 0;
}

function cleanToken(tok: string): string {
  return isPlainWord(tok) ? tok : tok.replace(NOT_WORD_CHAR, '');
}

/** Cleaned jieba tokens in order, empty ones (punctuation, spaces) dropped. */
function cleanTokens(tokens: string[]): string[] {
  const out: string[] = [];
  for (const tok of tokens) {
    const w = cleanToken(tok);
    if (w.length > 0) out.push(w);
  }
  return out;
}

/**
 * Text for to_tsvector('simple', …): jieba cutForSearch tokens (which add
 * the sub-words, e.g. 政府 inside 中华人民共和国政府) joined by single spaces.
 */
export function segmentForIndex(text: string): string {
  if (!text) return '';
  let out = '';
  for (const tok of getJieba().cutForSearch(normalizeInput(text), HMM)) {
    const w = cleanToken(tok);
    if (w.length > 0) out = out.length > 0 ? out + ' ' + w : w;
  }
  return out;
}

/**
 * Query words: jieba `cut` (coarser than cutForSearch). Every `cut` token is
 * also emitted by cutForSearch, so AND-ing these words matches any document
 * containing the query text, without demanding all the sub-words too.
 */
export function segmentQueryWords(text: string): string[] {
  if (!text) return [];
  return cleanTokens(getJieba().cut(normalizeInput(text), HMM));
}

/**
 * Where the words of an already folded text begin and end (offsets into it), as the query's
 * segmentation cuts it: a dictionary term found inside a longer word (个人所得税 in 个人所得税法) is
 * not that term.
 */
export function wordBoundaries(folded: string): Set<number> {
  const at = new Set<number>([0]);
  let pos = 0;
  for (const tok of getJieba().cut(folded, HMM)) {
    pos += tok.length;
    at.add(pos);
  }
  return at;
}

/**
 * Parts of a long query word that the INDEX is guaranteed to contain when a
 * document contains the word inside an even longer one.
 *
 * cutForSearch only adds 2- and 3-character dictionary sub-words, so a query
 * word of 4+ characters can be missing from the index: the query
 * 中华人民共和国 is cut as one word, but a document saying
 * 中华人民共和国政府 is indexed as 中华人民共和国政府 + 中华 华人 人民 共和 国政
 * 政府 共和国 — no 中华人民共和国. Those 2/3-grams of the query word are
 * 2/3-grams of any longer word containing it, so they are always indexed.
 * Returns [] for short words, or when the parts do not cover every
 * character (requiring only 中华 for a longer word would match too much).
 */
export function coveringSubWords(word: string): string[] {
  const chars = Array.from(word).length;
  if (chars < 4) return [];
  const parts = [...new Set(cleanTokens(getJieba().cutForSearch(word, HMM)))].filter((p) => p !== word);
  const covered = new Uint8Array(word.length);
  for (const p of parts) {
    for (let i = word.indexOf(p); i !== -1; i = word.indexOf(p, i + 1)) covered.fill(1, i, i + p.length);
  }
  return parts.length > 0 && covered.every((c) => c === 1) ? parts : [];
}
