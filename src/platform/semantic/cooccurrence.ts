/**
 * Word co-occurrence counts in typed arrays (an open-addressing hash of word pairs), so that a
 * corpus of millions of tokens is counted in seconds without a JS object per pair. Pure.
 *
 * A pair (i, j), i < j, is keyed i·65536 + j + 1 in a Uint32 (0 = empty): vocabularies are capped
 * below 65,536 words.
 */
export const MAX_VOCABULARY = 65_535;

export class PairCounts {
  private keys: Uint32Array;
  private values: Float32Array;
  private mask: number;
  size = 0;

  constructor(capacityLog2 = 20) {
    this.keys = new Uint32Array(1 << capacityLog2);
    this.values = new Float32Array(1 << capacityLog2);
    this.mask = (1 << capacityLog2) - 1;
  }

  add(i: number, j: number, w: number): void {
    if (i === j) return;
    const key = (i < j ? i * 65536 + j : j * 65536 + i) + 1;
    let h = Math.imul(key, 0x9e3779b1) >>> 0;
    for (;;) {
      const slot = h & this.mask;
      const k = this.keys[slot]!;
      if (k === key) {
        this.values[slot]! += w;
        return;
      }
      if (k === 0) {
        this.keys[slot] = key;
        this.values[slot] = w;
        if (++this.size * 10 > this.keys.length * 6) this.grow();
        return;
      }
      h = slot + 1;
    }
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Uint32Array(keys.length * 2);
    this.values = new Float32Array(keys.length * 2);
    this.mask = this.keys.length - 1;
    for (let s = 0; s < keys.length; s++) {
      const key = keys[s]!;
      if (key === 0) continue;
      let h = Math.imul(key, 0x9e3779b1) >>> 0;
      for (;;) {
        const slot = h & this.mask;
        if (this.keys[slot] === 0) {
          this.keys[slot] = key;
          this.values[slot] = values[s]!;
          break;
        }
        h = slot + 1;
      }
    }
  }

  /** Every pair once (i < j) with its count. */
  forEach(fn: (i: number, j: number, count: number) => void): void {
    for (let s = 0; s < this.keys.length; s++) {
      const key = this.keys[s]!;
      if (key === 0) continue;
      const k = key - 1;
      fn(Math.floor(k / 65536), k % 65536, this.values[s]!);
    }
  }
}

/** A symmetric sparse matrix in compressed rows. */
export interface SparseSymmetric {
  n: number;
  rowStart: Int32Array;
  cols: Int32Array;
  vals: Float32Array;
}

/** y = M·x for a dense block x of `width` columns, rows stored one after another. */
export function multiply(m: SparseSymmetric, x: Float64Array, width: number): Float64Array {
  const y = new Float64Array(m.n * width);
  for (let i = 0; i < m.n; i++) {
    const yo = i * width;
    for (let p = m.rowStart[i]!; p < m.rowStart[i + 1]!; p++) {
      const v = m.vals[p]!;
      const xo = m.cols[p]! * width;
      for (let c = 0; c < width; c++) y[yo + c]! += v * x[xo + c]!;
    }
  }
  return y;
}
