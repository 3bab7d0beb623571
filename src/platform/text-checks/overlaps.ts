/**
 * One finding per span: of candidates that overlap, keep the better ones (greedily, best first)
 * and drop whatever overlaps a kept one. Candidates are first split into clusters of transitively
 * overlapping spans, so the greedy pass is quadratic only within a cluster (a handful of
 * candidates), never across a text with thousands of hits.
 */
export function keepBest<T extends { start: number; end: number }>(hits: readonly T[], better: (a: T, b: T) => number): T[] {
  const byStart = [...hits].sort((a, b) => a.start - b.start || a.end - b.end);
  const kept: T[] = [];
  for (let i = 0; i < byStart.length; ) {
    let end = byStart[i]!.end;
    let j = i + 1;
    while (j < byStart.length && byStart[j]!.start < end) end = Math.max(end, byStart[j++]!.end);
    if (j === i + 1) kept.push(byStart[i]!);
    else {
      const cluster = byStart.slice(i, j).sort(better);
      const chosen: T[] = [];
      for (const h of cluster) if (!chosen.some((k) => k.start < h.end && h.start < k.end)) chosen.push(h);
      for (const h of chosen.sort((a, b) => a.start - b.start)) kept.push(h);
    }
    i = j;
  }
  return kept;
}
