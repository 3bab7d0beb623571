/**
 * Construction of the lexicon's automaton (lexicon.ts): the symbol alphabet and the goto function
 * as a double array (Aoe, "An efficient digital search algorithm by using a double-array
 * structure", IEEE TSE 1989), with Aho–Corasick failure and dictionary links. Build cost is paid
 * once per dictionary change; what matters is that scanning is one addition and one comparison
 * per transition.
 */
/** Maps a code unit to the one it is matched as (width/case folding); identity when none. */
export type Fold = (c: number) => number;

/** Lexicographic order of symbol sequences; a prefix sorts before its extensions. */
export function compareSeq(a: Uint16Array, b: Uint16Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** Code unit → symbol, most frequent first; folded variants share their target's symbol. */
export function buildAlphabet(keys: readonly string[], fold: Fold): Uint16Array {
  const freq = new Float64Array(65536);
  for (const k of keys) for (let i = 0; i < k.length; i++) freq[k.charCodeAt(i)]!++;
  const used: number[] = [];
  for (let c = 0; c < 65536; c++) if (freq[c]! > 0) used.push(c);
  // 65,535 symbols at most (0 means "in no term"); only a dictionary of every code unit exceeds it.
  if (used.length > 65535) throw new Error('lexicon alphabet too large');
  used.sort((a, b) => freq[b]! - freq[a]! || a - b);
  const sym = new Uint16Array(65536);
  used.forEach((c, i) => (sym[c] = i + 1));
  for (let c = 0; c < 65536; c++) {
    const f = fold(c);
    if (f !== c) sym[c] = sym[f]!;
  }
  return sym;
}

export function maxSymbol(sym: Uint16Array): number {
  let m = 0;
  for (let c = 0; c < sym.length; c++) if (sym[c]! > m) m = sym[c]!;
  return m;
}

export interface DoubleArray {
  base: Int32Array;
  check: Int32Array;
  fail: Int32Array;
  firstOut: Int32Array;
  dictLink: Int32Array;
  outPat: Int32Array;
}

/**
 * Builds the trie of the sorted symbol sequences directly as a double array, breadth first: a
 * node is a range of sequences sharing a prefix. Failure and dictionary links are set as each
 * child is placed; breadth-first order guarantees every shallower state is complete by then.
 *
 * Cells 1..maxSym are never used, so any free cell p ≥ maxSym + 1 gives a base p − c ≥ 1 and
 * base + symbol never points below the array. Free cells are kept in a doubly linked list, so
 * placing a node visits free cells only (a single child always takes the first one).
 */
/** Free cells a multi-child node tries among taken cells before it jumps to the frontier. */
const JUMP_AFTER = 256;

export function buildDoubleArray(seqs: readonly Uint16Array[], maxSym: number): DoubleArray {
  const FIRST = maxSym + 1;
  let cap = Math.max(1024, 4 * FIRST);
  let base = new Int32Array(cap);
  let check = new Int32Array(cap).fill(-1);
  let fail = new Int32Array(cap);
  let dictLink = new Int32Array(cap).fill(-1);
  let outPat = new Int32Array(cap).fill(-1);
  // Free list over cells ≥ FIRST; -1 ends it. The list always runs to cap - 1.
  let nextFree = new Int32Array(cap);
  let prevFree = new Int32Array(cap);
  let head = FIRST;
  const link = (from: number, to: number): void => {
    for (let p = from; p < to; p++) {
      nextFree[p] = p + 1 < to ? p + 1 : -1;
      prevFree[p] = p - 1;
    }
  };
  link(FIRST, cap);
  prevFree[FIRST] = -1;
  let tail = cap - 1;
  const grow = (need: number): void => {
    if (need < cap) return;
    let next = cap;
    while (next <= need) next *= 2;
    const g = (a: Int32Array<ArrayBuffer>, fill: number): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(next);
      if (fill !== 0) b.fill(fill, a.length);
      b.set(a);
      return b;
    };
    base = g(base, 0);
    check = g(check, -1);
    fail = g(fail, 0);
    dictLink = g(dictLink, -1);
    outPat = g(outPat, -1);
    nextFree = g(nextFree, 0);
    prevFree = g(prevFree, 0);
    const old = cap;
    cap = next;
    link(old, cap);
    // Append the new cells after the current tail.
    if (tail >= 0 && check[tail] === -1) {
      nextFree[tail] = old;
      prevFree[old] = tail;
    } else {
      prevFree[old] = -1;
      head = old;
    }
    tail = cap - 1;
  };
  const take = (p: number): void => {
    const a = prevFree[p]!;
    const z = nextFree[p]!;
    if (a >= 0) nextFree[a] = z;
    else head = z;
    if (z >= 0) prevFree[z] = a;
    else tail = a;
  };

  check[0] = -2; // the root's cell is never a child: every base + symbol ≥ FIRST
  for (let p = 1; p < FIRST; p++) check[p] = -2;
  let maxIndex = 0;
  let multiStart = FIRST;
  // BFS queue of nodes: state, range [lo, hi) of sequences, depth. Flat, growable.
  let queue = new Int32Array(4 * 1024);
  let qHead = 0;
  let qTail = 0;
  const push = (state: number, lo: number, hi: number, depth: number): void => {
    if (qTail + 4 > queue.length) {
      // Reclaim the consumed head before growing.
      const live = queue.subarray(qHead, qTail);
      const q2 = new Int32Array(Math.max(queue.length, 2 * live.length + 8));
      q2.set(live);
      queue = q2;
      qTail -= qHead;
      qHead = 0;
    }
    queue[qTail++] = state;
    queue[qTail++] = lo;
    queue[qTail++] = hi;
    queue[qTail++] = depth;
  };
  const childSyms: number[] = [];
  const childLo: number[] = [];
  const childHi: number[] = [];

  if (seqs.length > 0) push(0, 0, seqs.length, 0);
  while (qHead < qTail) {
    const s = queue[qHead++]!;
    let lo = queue[qHead++]!;
    const hi = queue[qHead++]!;
    const depth = queue[qHead++]!;
    // The one sequence that ends here (recorded when s was placed) sorts first in the range.
    if (outPat[s]! >= 0) lo++;
    if (lo >= hi) continue;
    childSyms.length = childLo.length = childHi.length = 0;
    for (let r = lo; r < hi; ) {
      const c = seqs[r]![depth]!;
      const start = r;
      while (r < hi && seqs[r]![depth] === c) r++;
      childSyms.push(c);
      childLo.push(start);
      childHi.push(r);
    }
    // First free cell p (for the first child) such that every other child's cell is free too.
    const c0 = childSyms[0]!;
    const cLast = childSyms[childSyms.length - 1]!;
    let b = 0;
    let p = head;
    if (childSyms.length > 1) {
      // Multi-child nodes start further on (darts' heuristic): below multiStart the cells are
      // ≥ 95 % taken, and its few holes are left to single-child nodes.
      p = Math.max(head, multiStart);
      while (p < cap && check[p] !== -1) p++;
      if (p >= cap) p = -1;
    }
    const from = p;
    let visited = 0;
    for (;;) {
      if (p < 0 || p - c0 + cLast >= cap) {
        const resume = p < 0 ? cap : p;
        grow((p < 0 ? cap : p - c0 + cLast) + 1);
        p = resume;
        continue;
      }
      b = p - c0;
      let ok = true;
      for (let k = 1; k < childSyms.length; k++) {
        if (check[b + childSyms[k]!] !== -1) {
          ok = false;
          break;
        }
      }
      if (ok) break;
      p = nextFree[p]!;
      if (++visited === JUMP_AFTER && p >= 0) {
        // A wide node rarely fits among taken cells: jump to where its last child lands past
        // the last taken cell, where the cells run free.
        let q = Math.max(p, maxIndex + 1 - (cLast - c0));
        while (q < cap && check[q] !== -1) q++;
        p = q < cap ? q : -1;
      }
    }
    if (childSyms.length > 1 && from >= 0 && visited > 0 && visited <= 0.05 * (p - from + 1)) multiStart = p;
    base[s] = b;
    for (let k = 0; k < childSyms.length; k++) {
      const t = b + childSyms[k]!;
      check[t] = s;
      take(t);
      if (t > maxIndex) maxIndex = t;
    }
    // Failure and dictionary links of the new children.
    for (let k = 0; k < childSyms.length; k++) {
      const c = childSyms[k]!;
      const t = b + c;
      let f = 0;
      if (s !== 0) {
        let g = fail[s]!;
        for (;;) {
          const u = base[g]! + c;
          if (check[u] === g) {
            f = u;
            break;
          }
          if (g === 0) break;
          g = fail[g]!;
        }
      }
      fail[t] = f;
      // f is shallower than t, so its own term and its dictionary link are already known.
      dictLink[t] = outPat[f]! >= 0 ? f : dictLink[f]!;
      const clo = childLo[k]!;
      if (seqs[clo]!.length === depth + 1) outPat[t] = clo;
      push(t, clo, childHi[k]!, depth + 1);
    }
  }
  const size = maxIndex + maxSym + 2; // base[s] + c never reads past the end
  grow(size);
  const firstOut = new Int32Array(size).fill(-1);
  for (let s = 0; s <= maxIndex; s++) if (s === 0 || check[s]! >= 0) firstOut[s] = outPat[s]! >= 0 ? s : dictLink[s]!;
  const fix = (a: Int32Array): Int32Array => a.slice(0, size);
  const finalCheck = fix(check);
  for (let p = 0; p < size; p++) if (finalCheck[p]! < 0) finalCheck[p] = -1;
  return { base: fix(base), check: finalCheck, fail: fix(fail), firstOut, dictLink: fix(dictLink), outPat: fix(outPat) };
}
