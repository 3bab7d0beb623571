/**
 * Result snippets and highlighting, computed on the ORIGINAL text (the
 * segmented index text has extra spaces and duplicated sub-words, so it is
 * useless for display). Output is always escaped HTML: the source text may
 * contain markup (<script>…) and must never be trusted.
 *
 * Matching is done on a "folded" copy of the text (full-width → half-width,
 * lower-case) that has exactly the same length as the original, so offsets
 * found in the fold can be used to slice the original.
 */
import { toHalfWidth } from './segment.js';

export const DEFAULT_SNIPPET_LENGTH = 120;
const ELLIPSIS = '…';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
};
const HTML_SPECIAL = /[&<>"']/g;

export function escapeHtml(s: string): string {
  return s.replace(HTML_SPECIAL, (c) => HTML_ESCAPES[c] as string);
}

/** Same-length fold: width + case. toLowerCase() may change length for a few
 *  characters (İ → i̇); in that rare case fall back to per-character folding. */
function fold(s: string): string {
  const half = toHalfWidth(s);
  const lower = half.toLowerCase();
  if (lower.length === half.length) return lower;
  let out = '';
  for (const ch of half) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

interface Hit { start: number; end: number; term: number }

/** Folded, non-empty, distinct terms, longest first. */
function prepareTerms(terms: readonly string[]): string[] {
  const set = new Set<string>();
  for (const t of terms) {
    const f = fold(String(t ?? '').trim());
    if (f) set.add(f);
  }
  return [...set].sort((a, b) => b.length - a.length);
}

/** Every occurrence (overlaps included) of every term, sorted by start. */
function findAll(folded: string, terms: readonly string[]): Hit[] {
  const hits: Hit[] = [];
  terms.forEach((t, term) => {
    for (let p = folded.indexOf(t); p !== -1; p = folded.indexOf(t, p + 1)) {
      hits.push({ start: p, end: p + t.length, term });
    }
  });
  return hits.sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * Escaped HTML with occurrences wrapped in <mark>. On overlap the longest
 * term wins (then the earliest): with terms 政府 and 府信息公开 in 政府信息公开,
 * the 5-char match is marked, not the 2-char one.
 */
export function highlight(text: string, terms: string[]): string {
  const prepared = prepareTerms(terms);
  if (prepared.length === 0 || !text) return escapeHtml(text ?? '');
  const hits = findAll(fold(text), prepared)
    // Greedy by length: longest first, earliest among equals.
    .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken = new Uint8Array(text.length);
  const chosen: Hit[] = [];
  for (const h of hits) {
    let free = true;
    for (let k = h.start; k < h.end; k++) if (taken[k]) { free = false; break; }
    if (!free) continue;
    taken.fill(1, h.start, h.end);
    chosen.push(h);
  }
  chosen.sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  for (const h of chosen) {
    out += escapeHtml(text.slice(pos, h.start)) + '<mark>' + escapeHtml(text.slice(h.start, h.end)) + '</mark>';
    pos = h.end;
  }
  return out + escapeHtml(text.slice(pos));
}

// Where a sentence (or clause, in long Chinese sentences) ends: a good place
// to start or stop a snippet.
const SENTENCE_END = new Set(['。', '！', '？', '；', '!', '?', ';']);
const WHITESPACE = /\s+/g;

function isLowSurrogate(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * Escaped, highlighted excerpt of about `length` UTF-16 units (ellipses not
 * counted). Picks the window containing the most DISTINCT terms (earliest on
 * a tie), gives it some leading context, snaps the edges to nearby sentence
 * ends, and marks cut ends with '…'. Without any hit: the first `length` chars.
 */
export function buildSnippet(text: string, terms: string[], opts: { length?: number } = {}): string {
  const L = Math.max(1, Math.floor(opts.length ?? DEFAULT_SNIPPET_LENGTH));
  const clean = String(text ?? '').replace(WHITESPACE, ' ').trim();
  const n = clean.length;
  if (n <= L) return highlight(clean, terms);

  const prepared = prepareTerms(terms);
  const hits = prepared.length ? findAll(fold(clean), prepared) : [];
  let s = 0;
  let e = L;
  if (hits.length > 0) {
    // Best window = one starting at some hit: any optimal window can be
    // slid right until its first hit is at its start without losing hits.
    let best = -1, bestCount = 0, bestEnd = 0;
    const stamp = new Int32Array(prepared.length).fill(-1);
    for (let i = 0; i < hits.length; i++) {
      const first = hits[i] as Hit;
      if (i > 0 && (hits[i - 1] as Hit).start === first.start) continue;
      const limit = first.start + L;
      let count = 0, lastEnd = first.end;
      for (let j = i; j < hits.length; j++) {
        const h = hits[j] as Hit;
        if (h.start >= limit) break;
        if (h.end > limit) continue;
        if (stamp[h.term] !== i) { stamp[h.term] = i; count++; }
        if (h.end > lastEnd) lastEnd = h.end;
      }
      if (count > bestCount) { best = first.start; bestCount = count; bestEnd = lastEnd; }
      if (bestCount === prepared.length && best !== -1) break; // cannot do better
    }
    // Lead context: split the slack, but at most a quarter of the window so
    // the first hit stays near the start where readers look.
    const slack = L - (bestEnd - best);
    const lead = Math.min(Math.floor(slack / 2), Math.floor(L / 4));
    s = Math.min(Math.max(0, best - lead), n - L);
    // Start at the sentence containing the first hit if one begins in the lead.
    for (let k = best - 1; k >= s; k--) {
      if (SENTENCE_END.has(clean[k] as string)) { s = k + 1; break; }
    }
    if (clean[s] === ' ') s++;
    e = Math.min(n, s + L);
    // Stop at a sentence end in the last quarter, after the last hit.
    if (e < n) {
      for (let k = e - 1; k >= Math.max(bestEnd, e - Math.floor(L / 4)); k--) {
        if (SENTENCE_END.has(clean[k] as string)) { e = k + 1; break; }
      }
    }
  }
  // Never split a surrogate pair (CJK extension characters, emoji).
  if (s > 0 && isLowSurrogate(clean, s)) s++;
  if (e < n && isLowSurrogate(clean, e)) e--;
  const body = highlight(clean.slice(s, e).trim(), terms);
  return (s > 0 ? ELLIPSIS : '') + body + (e < n ? ELLIPSIS : '');
}
