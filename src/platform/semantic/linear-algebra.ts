/**
 * The little dense linear algebra the trainer needs: orthonormal columns of a tall block
 * (Cholesky QR, twice), and the eigen-decomposition of a small symmetric matrix (cyclic Jacobi).
 * Row-major Float64Arrays. Pure.
 */

/** A deterministic pseudo-random generator (mulberry32): the same corpus trains the same model. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Gram matrix Yᵀ·Y (width × width) of a rows × width block. */
function gram(y: Float64Array, rows: number, width: number): Float64Array {
  const g = new Float64Array(width * width);
  for (let r = 0; r < rows; r++) {
    const o = r * width;
    for (let a = 0; a < width; a++) {
      const ya = y[o + a]!;
      if (ya === 0) continue;
      const go = a * width;
      for (let b = a; b < width; b++) g[go + b]! += ya * y[o + b]!;
    }
  }
  for (let a = 0; a < width; a++) for (let b = 0; b < a; b++) g[a * width + b] = g[b * width + a]!;
  return g;
}

/** Lower-triangular L with L·Lᵀ = g (a small ridge keeps a rank-deficient block going). */
function cholesky(g: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  let trace = 0;
  for (let i = 0; i < n; i++) trace += g[i * n + i]!;
  const ridge = (trace / n) * 1e-10 + 1e-300;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = g[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) l[i * n + i] = Math.sqrt(Math.max(s, 0) + ridge);
      else l[i * n + j] = s / l[j * n + j]!;
    }
  }
  return l;
}

/** Y ← Y·L⁻ᵀ in place (each row solved against L). */
function solveRows(y: Float64Array, rows: number, l: Float64Array, n: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * n;
    for (let j = 0; j < n; j++) {
      let s = y[o + j]!;
      for (let k = 0; k < j; k++) s -= y[o + k]! * l[j * n + k]!;
      y[o + j] = s / l[j * n + j]!;
    }
  }
}

/** Orthonormal columns spanning Y's (in place), by Cholesky QR done twice for accuracy. */
export function orthonormalize(y: Float64Array, rows: number, width: number): void {
  for (let pass = 0; pass < 2; pass++) solveRows(y, rows, cholesky(gram(y, rows, width), width), width);
}

/** C = Aᵀ·B for two rows × width blocks (width × width). */
export function transposeTimes(a: Float64Array, b: Float64Array, rows: number, width: number): Float64Array {
  const c = new Float64Array(width * width);
  for (let r = 0; r < rows; r++) {
    const o = r * width;
    for (let i = 0; i < width; i++) {
      const ai = a[o + i]!;
      if (ai === 0) continue;
      const co = i * width;
      for (let j = 0; j < width; j++) c[co + j]! += ai * b[o + j]!;
    }
  }
  return c;
}

/** Eigenvalues and eigenvectors (columns of `vectors`) of a small symmetric matrix, by cyclic Jacobi. */
export function symmetricEigen(m: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(m);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!;
          const aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = a[i * n + i]!;
  return { values, vectors: v };
}
