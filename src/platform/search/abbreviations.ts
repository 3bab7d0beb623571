import { segmentForIndex, segmentQueryWords } from './segment.js';
import { QUESTION_STOP_WORDS } from './concepts.js';

/**
 * Short forms people type for the long names documents use: 民诉法 → 民事诉讼法, 危化品 → 危险化学品,
 * 环卫 → 环境卫生, 人防 → 人民防空, 电诈 → 电信网络诈骗. A short form keeps the long name's first and
 * last characters and some in between, in order. Expansions are read from the library's own titles
 * (the caller passes them): the shortest stretch of a title that starts and ends like the short
 * form, holds its characters in order, and begins and ends where the title's words do. The stretch
 * found in most titles wins.
 */
export interface Expansion {
  typed: string;
  meant: string;
  titles: number;
}

/** A long name is at most this many times longer than its short form (plus two). */
const STRETCH = 2;

/** Spans of a query that could be short forms: 2–4 Chinese characters, no question words, as typed between spaces. */
export function shortFormCandidates(text: string): string[] {
  const out = new Set<string>();
  for (const piece of text.split(/\s+/)) {
    const words = segmentQueryWords(piece);
    for (let i = 0; i < words.length; i++) {
      for (let j = i + 1; j <= Math.min(words.length, i + 3); j++) {
        const parts = words.slice(i, j);
        const span = parts.join('');
        const n = Array.from(span).length;
        if (n >= 2 && n <= 4 && /^\p{Script=Han}+$/u.test(span) && !parts.some((w) => QUESTION_STOP_WORDS.has(w))) out.add(span);
      }
    }
  }
  return [...out];
}

/** The long name a short form stands for in these titles, or null (never a span some title holds as typed). */
export function expandShortForm(short: string, titles: readonly string[]): Expansion | null {
  const chars = Array.from(short);
  const maxLen = chars.length * STRETCH + 2;
  const counts = new Map<string, number>();
  for (const title of titles) {
    if (title.includes(short)) return null;
    if (!chars.every((c) => title.includes(c))) continue;
    const found = stretchIn(title, chars, maxLen);
    if (found) counts.set(found, (counts.get(found) ?? 0) + 1);
  }
  let best: Expansion | null = null;
  for (const [meant, n] of counts) if (!best || n > best.titles || (n === best.titles && meant.length < best.meant.length)) best = { typed: short, meant, titles: n };
  return best;
}

/**
 * The stretch of a title a short form abbreviates: it starts where a word starts; each typed
 * character but the last starts a word or a part of one (环境卫生: 环境 + 卫生); the last does too in a
 * two-character form (办证 is not 办理居住证); it ends where the word holding the last character ends.
 */
function stretchIn(title: string, chars: readonly string[], maxLen: number): string | null {
  const { starts, ends } = wordEdges(title);
  for (let at = title.indexOf(chars[0]!); at !== -1; at = title.indexOf(chars[0]!, at + 1)) {
    if (!starts.has(at)) continue;
    let pos = at + 1;
    let last = at;
    let ok = true;
    for (const [i, c] of chars.slice(1).entries()) {
      const next = title.indexOf(c, pos);
      const isLast = i === chars.length - 2;
      if (next === -1 || next - at >= maxLen || ((!isLast || chars.length === 2) && !starts.has(next))) {
        ok = false;
        break;
      }
      pos = next + 1;
      last = next;
    }
    if (!ok) continue;
    const end = [...ends].filter((e) => e > last).sort((a, b) => a - b)[0];
    if (end !== undefined && end - at <= maxLen && end - at > chars.length) return title.slice(at, end);
  }
  return null;
}

/** Where a title's words begin (and their parts: 环境卫生 → 环境, 卫生) and where its words end. */
function wordEdges(title: string): { starts: Set<number>; ends: Set<number> } {
  const starts = new Set<number>();
  const ends = new Set<number>();
  let pos = 0;
  for (const w of segmentQueryWords(title)) {
    const at = title.indexOf(w, pos);
    if (at === -1) continue;
    starts.add(at);
    ends.add(at + w.length);
    if (w.length >= 4) for (const part of segmentForIndex(w).split(' ')) if (part !== w && w.indexOf(part) > 0) starts.add(at + w.indexOf(part));
    pos = at + w.length;
  }
  return { starts, ends };
}
