import { addDays } from '../../../platform/calendar/dates.js';
import { segmentQueryWords } from '../../../platform/search/index.js';

/**
 * How alike two requests' contents are, for repeat requests (条例 第三十六条第六项) and for
 * information asked by several applicants (第四十四条): the Jaccard overlap of their words, as
 * segmented for search. Single characters and common request phrasing are left out.
 */
const FILLER = new Set(['申请', '公开', '政府', '信息', '提供', '关于', '相关', '有关', '请求', '要求', '获取', '本人', '我们', '我']);

export function contentTokens(...texts: (string | null | undefined)[]): string {
  const words = new Set<string>();
  for (const t of texts) for (const w of segmentQueryWords(t ?? '')) if (w.length > 1 && !FILLER.has(w)) words.add(w);
  return [...words].sort().join(' ');
}

export function similarity(a: string, b: string): number {
  if (!a || !b) return 0;
  const x = new Set(a.split(' '));
  const y = b.split(' ');
  const shared = y.filter((w) => x.has(w)).length;
  return shared / (x.size + new Set(y).size - shared);
}

/** At or above this, two requests ask for the same information. */
export const SAME_CONTENT = 0.6;
/** 第三十五条: requests whose number clearly exceeds a reasonable range; the free monthly allowance (109号) marks it. */
export const MASS_PER_MONTH = 10;

/** Repeats and requests from several applicants are looked for over the past year, from `today` (Beijing date). */
export function lookbackStart(today: string): Date {
  return new Date(`${addDays(today, -365)}T00:00:00+08:00`);
}
