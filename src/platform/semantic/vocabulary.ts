/**
 * The vocabulary of a training corpus: the words seen at least `minCount` times, most frequent
 * first, with their counts. Pure.
 */
export interface Vocabulary {
  words: string[];
  counts: Float64Array;
  index: Map<string, number>;
  /** Tokens in the corpus (all words, kept or not). */
  tokens: number;
}

export function buildVocabulary(lines: Iterable<readonly string[]>, minCount: number, maxWords: number): Vocabulary {
  const counts = new Map<string, number>();
  let tokens = 0;
  for (const line of lines) {
    for (const w of line) counts.set(w, (counts.get(w) ?? 0) + 1);
    tokens += line.length;
  }
  const kept = [...counts].filter(([, c]) => c >= minCount).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, maxWords);
  return {
    words: kept.map(([w]) => w),
    counts: Float64Array.from(kept, ([, c]) => c),
    index: new Map(kept.map(([w], i) => [w, i])),
    tokens,
  };
}
