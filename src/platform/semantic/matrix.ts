import { packedDim } from './codec.js';

/**
 * Many packed vectors in one block, for an exact scan: int8 components row after row and a scale
 * per row. 10,000 rows of 128 dimensions are 1.3 MB and scan in about a millisecond. Pure.
 */
export class VectorMatrix {
  readonly ids: Float64Array;
  private readonly q: Int8Array;
  private readonly scales: Float32Array;

  constructor(readonly dim: number, rows: readonly { id: number; vec: Uint8Array }[]) {
    const good = rows.filter((r) => packedDim(r.vec) === dim);
    this.ids = Float64Array.from(good, (r) => r.id);
    this.q = new Int8Array(good.length * dim);
    this.scales = new Float32Array(good.length);
    good.forEach((r, k) => {
      this.scales[k] = new DataView(r.vec.buffer, r.vec.byteOffset, 4).getFloat32(0, true) / 127;
      this.q.set(new Int8Array(r.vec.buffer, r.vec.byteOffset + 4, dim), k * dim);
    });
  }

  private rows: Map<number, number> | null = null;

  /** Similarity of `query` to the row with this id (null when the id has no row). */
  scoreOf(query: Float32Array, id: number): number | null {
    this.rows ??= new Map(Array.from(this.ids, (x, r) => [x, r]));
    const r = this.rows.get(id);
    if (r === undefined) return null;
    let s = 0;
    const o = r * this.dim;
    for (let c = 0; c < this.dim; c++) s += query[c]! * this.q[o + c]!;
    return s * this.scales[r]!;
  }

  get size(): number {
    return this.ids.length;
  }

  /** The `k` rows most similar to `query` (dot product: cosine for unit vectors), best first. */
  nearest(query: Float32Array, k: number, keep: (id: number) => boolean = () => true): { id: number; score: number }[] {
    const { dim, q, scales, ids } = this;
    const best: { id: number; score: number }[] = [];
    let floor = -Infinity;
    for (let r = 0; r < ids.length; r++) {
      let s = 0;
      const o = r * dim;
      for (let c = 0; c < dim; c++) s += query[c]! * q[o + c]!;
      s *= scales[r]!;
      if (s <= floor && best.length >= k) continue;
      const id = ids[r]!;
      if (!keep(id)) continue;
      best.push({ id, score: s });
      if (best.length > k * 4) {
        best.sort((a, b) => b.score - a.score);
        best.length = k;
        floor = best[k - 1]!.score;
      }
    }
    return best.sort((a, b) => b.score - a.score).slice(0, k);
  }
}

/** Dot product of a query with one packed vector. */
export function similarity(query: Float32Array, packed: Uint8Array): number {
  const dim = packedDim(packed);
  if (dim !== query.length) return 0;
  const scale = new DataView(packed.buffer, packed.byteOffset, 4).getFloat32(0, true) / 127;
  const q = new Int8Array(packed.buffer, packed.byteOffset + 4, dim);
  let s = 0;
  for (let c = 0; c < dim; c++) s += query[c]! * q[c]!;
  return s * scale;
}
