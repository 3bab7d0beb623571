/**
 * Flagged wording (错敏词): an admin-managed dictionary compiled into an Aho–Corasick automaton
 * over UTF-16 code units. `scan` reports every occurrence of every term, overlapping ones
 * included, with UTF-16 offsets into the scanned string.
 *
 * Why hand-written (docs/adr/0006-text-checks.md, stack-notes §7): the npm matchers are 10–100×
 * slower, and modern-ahocorasick walks graphemes with Intl.Segmenter, which is quadratic on
 * Node 20. Working on code units needs no segmentation and keeps offsets equal to JS string
 * indices; a term containing a non-BMP character (emoji, CJK extension B) is simply a sequence of
 * two surrogate code units, and a well-formed term can never match half of a surrogate pair.
 *
 * Layout (all flat typed arrays, no per-character allocation in `scan`):
 * - `sym`: code unit → symbol (1..K, 0 = the code unit occurs in no term). Symbols are numbered by
 *   frequency in the dictionary, so the common ones are small and pack densely. A code unit with
 *   symbol 0 sends the automaton straight back to the root.
 * - goto function as a double array (double-array.ts): the child of state s on symbol c is
 *   t = base[s] + c when check[t] === s. One addition and one comparison per transition, whatever
 *   the fan-out (the root of the 88k-term lexicon has 3,695 children).
 * - `fail`: the Aho–Corasick failure links; `firstOut`/`dictLink`: the state of the longest term
 *   ending here and the next shorter one (dictionary suffix links), so reporting all hits at a
 *   position costs one step per hit.
 *
 * Normalization (the only one, and it is on by default): full-width ASCII forms U+FF01–U+FF5E and
 * the ideographic space U+3000 match their half-width counterparts (ＡＢＣ１２３ ≙ ABC123), in the
 * text and in the terms alike; see width.ts. It maps one code unit to one, so offsets stay exact.
 * ASCII case folding is available (`ignoreAsciiCase`) but off by default. Nothing else is folded:
 * no trimming, no NFKC, no traditional/simplified mapping; the dictionary must list variants.
 *
 * Dictionary rules: empty terms and terms with a lone surrogate (not well-formed UTF-16) are
 * ignored. Duplicate terms (equal after folding) are not merged: the LAST entry wins, as when an
 * administrator's later edit overrides an earlier line; `entries` lists the winners.
 */
import { buildAlphabet, buildDoubleArray, compareSeq, maxSymbol, type Fold } from './double-array.js';
import { foldWidthUnit } from './width.js';

export type LexiconAction = 'block' | 'suggest' | 'warn';

export interface LexiconEntry {
  term: string;
  /** Free text chosen by the administrator (政治, 机构名称, 规范用语 …). */
  category: string;
  /** block: sensitive term, blocks submission · suggest: wrong word → `replacement` · warn: irregular usage. */
  action: LexiconAction;
  replacement?: string | null;
}

export interface LexiconHit {
  /** UTF-16 offsets into the scanned string, end exclusive: `text.slice(start, end)` is the hit. */
  start: number;
  end: number;
  entry: LexiconEntry;
}

export interface LexiconOptions {
  /** Full-width ASCII forms and U+3000 match their half-width forms (default true). */
  foldWidth?: boolean;
  /** A–Z match a–z (default false). */
  ignoreAsciiCase?: boolean;
}

export interface LexiconMatcher {
  /** The effective entries, one per distinct term (after folding and last-wins de-duplication), in no particular order. */
  readonly entries: readonly LexiconEntry[];
  /** Every hit, overlapping ones included, sorted by start, then by end. */
  scan(text: string): LexiconHit[];
  /** The number of hits `scan` would return, without building them. */
  count(text: string): number;
  /** Whether there is at least one hit (stops at the first). */
  test(text: string): boolean;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function compileLexicon(entries: readonly LexiconEntry[], options: LexiconOptions = {}): LexiconMatcher {
  return new AhoCorasick(entries, options);
}

function makeFold(options: LexiconOptions): Fold {
  const width = options.foldWidth !== false;
  const lower = options.ignoreAsciiCase === true;
  return (c) => {
    const w = width ? foldWidthUnit(c) : c;
    return lower && w >= 0x41 && w <= 0x5a ? w + 0x20 : w;
  };
}

class AhoCorasick implements LexiconMatcher {
  readonly entries: readonly LexiconEntry[];
  private readonly sym: Uint16Array;
  private readonly base: Int32Array;
  private readonly check: Int32Array;
  private readonly fail: Int32Array;
  /** Per state: the state of the longest term that ends here (itself or a suffix), or -1. */
  private readonly firstOut: Int32Array;
  /** Per output state: the next shorter term ending at the same position, or -1. */
  private readonly dictLink: Int32Array;
  /** Per output state: the term (index into patLen/entries). */
  private readonly outPat: Int32Array;
  private readonly patLen: Int32Array;
  /** Scratch for `scan`, reused across calls (JS is single-threaded; scan never re-enters). */
  private hitStart = new Int32Array(1024);
  private hitPat = new Int32Array(1024);

  constructor(input: readonly LexiconEntry[], options: LexiconOptions) {
    const fold = makeFold(options);
    const winners = new Map<string, LexiconEntry>(); // folded term → the last entry with it
    for (const e of input) {
      if (e.term.length === 0 || LONE_SURROGATE.test(e.term)) continue;
      let key = '';
      for (let i = 0; i < e.term.length; i++) key += String.fromCharCode(fold(e.term.charCodeAt(i)));
      winners.set(key, e);
    }
    const keys = [...winners.keys()];
    const sym = buildAlphabet(keys, fold);
    const seqs = keys.map((k, i) => {
      const s = new Uint16Array(k.length);
      for (let j = 0; j < k.length; j++) s[j] = sym[k.charCodeAt(j)]!;
      return { s, entry: winners.get(keys[i]!)! };
    });
    seqs.sort((a, b) => compareSeq(a.s, b.s));
    this.entries = seqs.map((x) => x.entry);
    this.sym = sym;
    this.patLen = Int32Array.from(seqs, (x) => x.s.length);
    const da = buildDoubleArray(
      seqs.map((x) => x.s),
      maxSymbol(sym),
    );
    this.base = da.base;
    this.check = da.check;
    this.fail = da.fail;
    this.firstOut = da.firstOut;
    this.dictLink = da.dictLink;
    this.outPat = da.outPat;
  }

  scan(text: string): LexiconHit[] {
    const n = this.collect(text);
    const lens = this.patLen;
    const { starts, pats } = sortHits(this.hitStart, this.hitPat, lens, n);
    const out: LexiconHit[] = new Array<LexiconHit>(n);
    const entries = this.entries;
    for (let i = 0; i < n; i++) {
      const s = starts[i]!;
      const p = pats[i]!;
      out[i] = { start: s, end: s + lens[p]!, entry: entries[p]! };
    }
    return out;
  }

  /**
   * The automaton's move on one UTF-16 code unit: a unit no term contains returns to the root, else
   * goto, following failure links (small enough for V8 to inline into the scan loops).
   */
  private step(state: number, unit: number): number {
    const c = this.sym[unit]!;
    if (c === 0) return 0;
    const { base, check, fail } = this;
    for (;;) {
      const t = base[state]! + c;
      if (check[t] === state) return t;
      if (state === 0) return 0;
      state = fail[state]!;
    }
  }

  count(text: string): number {
    const { firstOut, dictLink } = this;
    let state = 0;
    let n = 0;
    for (let i = 0, len = text.length; i < len; i++) {
      state = this.step(state, text.charCodeAt(i));
      for (let o = firstOut[state]!; o >= 0; o = dictLink[o]!) n++;
    }
    return n;
  }

  test(text: string): boolean {
    const { firstOut } = this;
    let state = 0;
    for (let i = 0, len = text.length; i < len; i++) {
      state = this.step(state, text.charCodeAt(i));
      if (firstOut[state]! >= 0) return true;
    }
    return false;
  }

  /** Runs the automaton, leaving (start, term) pairs in the scratch arrays in end order. */
  private collect(text: string): number {
    const { firstOut, dictLink, outPat, patLen } = this;
    let starts = this.hitStart;
    let pats = this.hitPat;
    let cap = starts.length;
    let state = 0;
    let n = 0;
    for (let i = 0, len = text.length; i < len; i++) {
      state = this.step(state, text.charCodeAt(i));
      for (let o = firstOut[state]!; o >= 0; o = dictLink[o]!) {
        if (n === cap) {
          cap *= 2;
          const s2 = new Int32Array(cap);
          s2.set(starts);
          const p2 = new Int32Array(cap);
          p2.set(pats);
          starts = this.hitStart = s2;
          pats = this.hitPat = p2;
        }
        const p = outPat[o]!;
        starts[n] = i + 1 - patLen[p]!;
        pats[n] = p;
        n++;
      }
    }
    return n;
  }
}

/**
 * Hits come out in end order, and at one end longest first. Sorted by (start, end) they are a
 * nearly sorted run: a hit moves back only past hits that end within the longest term's length of
 * it. Sparse hits: insertion sort, linear in practice. Dense hits (many per position, e.g. a run of
 * one repeated character against 啊, 啊啊, 啊啊啊 …): a stable counting sort by start, linear in hits
 * plus the span they cover; stable keeps equal starts in end order.
 */
function sortHits(starts: Int32Array, pats: Int32Array, lens: Int32Array, n: number): { starts: Int32Array; pats: Int32Array } {
  if (n < 2) return { starts, pats };
  let min = starts[0]!;
  let max = min;
  for (let i = 1; i < n; i++) {
    const s = starts[i]!;
    if (s < min) min = s;
    else if (s > max) max = s;
  }
  const range = max - min + 1;
  if (n > 64 && range <= 16 * n) {
    const next = new Int32Array(range + 1);
    for (let i = 0; i < n; i++) next[starts[i]! - min + 1]!++;
    for (let k = 1; k <= range; k++) next[k]! += next[k - 1]!;
    const s2 = new Int32Array(n);
    const p2 = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const at = next[starts[i]! - min]!++;
      s2[at] = starts[i]!;
      p2[at] = pats[i]!;
    }
    return { starts: s2, pats: p2 };
  }
  for (let i = 1; i < n; i++) {
    const s = starts[i]!;
    const p = pats[i]!;
    const e = s + lens[p]!;
    let j = i - 1;
    while (j >= 0) {
      const sj = starts[j]!;
      if (sj < s || (sj === s && sj + lens[pats[j]!]! <= e)) break;
      starts[j + 1] = sj;
      pats[j + 1] = pats[j]!;
      j--;
    }
    starts[j + 1] = s;
    pats[j + 1] = p;
  }
  return { starts, pats };
}
