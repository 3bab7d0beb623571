/**
 * Parse what a user typed into the library search box into a safe
 * to_tsquery('simple', …) string plus the pieces the SQL/UI layers need.
 *
 * Syntax (deliberately small, like common search engines):
 *   政府 信息公开        all words required (AND)
 *   "信息公开 指南"      phrase: its words are ANDed into the tsquery AND the
 *   “…” 「…」 『…』      raw phrase is returned for a literal strpos() check
 *   -财政               exclude (a leading '-' or full-width '－')
 *
 * Why not websearch_to_tsquery? It would see unsegmented Chinese as one
 * token, and we never want user text to reach any tsquery parser unescaped:
 * every operand here is a cleaned word (letters/digits only, see segment.ts)
 * wrapped in single quotes, so operators typed by the user cannot get through.
 */
import { coveringSubWords, segmentQueryWords, toHalfWidth } from './segment.js';

export interface ParsedQuery {
  /** All positive words (segmented, lower-cased), deduplicated, in input order. */
  terms: string[];
  /** Raw text of quoted phrases, whitespace-normalized (case/width as typed). */
  phrases: string[];
  /** Segmented words of '-' exclusions, deduplicated. */
  excluded: string[];
  /** For to_tsquery('simple', $1); null when there is no positive word. */
  tsquery: string | null;
  /** The cleaned query as typed (trimmed, spaces collapsed, truncated). */
  text: string;
  /** The positive words as typed, without quotes and exclusions: what query analysis reads for meaning. */
  plain: string;
  /** The exclusions alone, for to_tsquery('simple', …) (`!'修改'`); null when there are none. */
  exclusions: string | null;
}

export const DEFAULT_MAX_QUERY_LENGTH = 100;

/**
 * Function words that are not worth REQUIRING in the tsquery: they occur in
 * almost every document, so AND-ing them only costs index work and can drop
 * results whose wording differs slightly (关于X的通知 vs X通知). They stay in
 * `terms` (for highlighting) and are required only when nothing else is left
 * (a user searching just "关于" still gets documents containing it).
 */
export const QUERY_STOP_WORDS: ReadonlySet<string> = new Set([
  '的', '地', '得', '之', '了', '着', '和', '与', '及', '以及', '或', '或者',
  '在', '是', '对', '关于', '等',
]);

// Opening quote → closing quote. Straight quotes and ＂ (after half-width
// folding) pair with themselves.
const QUOTES: Record<string, string> = { '"': '"', '“': '”', '「': '」', '『': '』' };

// Control characters and all whitespace (incl. U+3000) → one space.
const SPACES = /[\s\p{Cc}]+/gu;

/** Quote an operand for to_tsquery. Words are already letters/digits only;
 *  escaping anyway keeps this safe if the token filter ever changes. */
function quoteLexeme(w: string): string {
  return `'${w.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** A word as a tsquery operand: 'w', or ('w' | 'p1' & 'p2' …) for long words
 *  whose sub-words must be used to find it inside longer words (segment.ts). */
function operand(w: string): string {
  const parts = coveringSubWords(w);
  if (parts.length === 0) return quoteLexeme(w);
  return `(${quoteLexeme(w)} | ${parts.map(quoteLexeme).join(' & ')})`;
}

function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  // Cut by code points so a surrogate pair (rare CJK ext. B chars) is not split.
  return Array.from(s).slice(0, max).join('');
}

function pushUnique(list: string[], seen: Set<string>, words: Iterable<string>): void {
  for (const w of words) {
    if (!seen.has(w)) {
      seen.add(w);
      list.push(w);
    }
  }
}

export function parseQuery(input: string, opts: { maxLength?: number } = {}): ParsedQuery {
  const max = Math.max(1, opts.maxLength ?? DEFAULT_MAX_QUERY_LENGTH);
  const text = truncate(String(input ?? '').replace(SPACES, ' ').trim(), max).trim();

  const positiveWords: string[] = []; // segmented bare words and phrase words, in order
  const plain: string[] = [];
  const phrases: string[] = [];
  const excludedGroups: string[][] = [];

  // Fold only the full-width '＂' and '－' so they act as syntax; the rest of
  // the text is passed on unchanged (segmentation does its own folding).
  const src = text.replace(/[＂－]/g, (c) => toHalfWidth(c));
  let i = 0;
  let word = '';
  const flushWord = (): void => {
    if (word.startsWith('-')) {
      // "-财政预算" may segment into several words: exclude documents that
      // contain ALL of them (!('财政' & '预算')), not any one of them.
      const ws = segmentQueryWords(word.slice(1));
      if (ws.length > 0) excludedGroups.push(ws);
    } else if (word) {
      positiveWords.push(...segmentQueryWords(word));
      plain.push(word);
    }
    word = '';
  };
  while (i < src.length) {
    const c = src[i] as string;
    const close = QUOTES[c];
    const end = close === undefined ? -1 : src.indexOf(close, i + 1);
    if (end > i && (word === '' || word === '-')) {
      // A complete quoted phrase (a quote inside a word, or an unbalanced
      // one, is an ordinary character that segmentation strips).
      const raw = src.slice(i + 1, end).replace(SPACES, ' ').trim();
      const ws = segmentQueryWords(raw);
      if (word === '-') {
        if (ws.length > 0) excludedGroups.push(ws); // -"…": exclude all its words together
      } else if (ws.length > 0) {
        // Phrases without any word (e.g. "!!!") are dropped: they would
        // need a full scan and could never be ranked.
        if (!phrases.includes(raw)) phrases.push(raw);
        positiveWords.push(...ws);
      }
      word = '';
      i = end + 1;
    } else if (c === ' ') {
      flushWord();
      i++;
    } else {
      word += c;
      i++;
    }
  }
  flushWord();

  const terms: string[] = [];
  pushUnique(terms, new Set(), positiveWords);
  const excluded: string[] = [];
  pushUnique(excluded, new Set(), excludedGroups.flat());

  const required = terms.filter((w) => !QUERY_STOP_WORDS.has(w));
  const must = required.length > 0 ? required : terms;
  const nots: string[] = [];
  const seenGroups = new Set<string>();
  for (const group of excludedGroups) {
    const key = group.join(' ');
    if (seenGroups.has(key)) continue;
    seenGroups.add(key);
    nots.push(group.length === 1 ? `!${operand(group[0] as string)}` : `!(${group.map(operand).join(' & ')})`);
  }
  const tsquery = must.length > 0 ? [...must.map(operand), ...nots].join(' & ') : null;
  return { terms, phrases, excluded, tsquery, text, plain: plain.join(' '), exclusions: nots.length ? nots.join(' & ') : null };
}
