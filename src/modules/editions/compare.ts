import { diffChars } from 'diff';

export interface Segment {
  text: string;
  kind: 'same' | 'removed' | 'added';
}

/**
 * Character-level comparison of two versions' text (Chinese has no spaces between words, so
 * characters are the natural unit). Returns the left side (old, with removals) and the right side
 * (new, with additions) for a side-by-side view. Gives up after `timeoutMs` on huge rewrites and
 * then shows the whole text as replaced.
 */
export function compareTexts(before: string, after: string, timeoutMs = 2000): { left: Segment[]; right: Segment[]; changed: boolean } {
  if (before === after) return { left: [{ text: before, kind: 'same' }], right: [{ text: after, kind: 'same' }], changed: false };
  const parts = diffChars(before, after, { timeout: timeoutMs });
  if (!parts) return { left: [{ text: before, kind: 'removed' }], right: [{ text: after, kind: 'added' }], changed: true };
  const left: Segment[] = [];
  const right: Segment[] = [];
  for (const p of parts) {
    if (p.added) right.push({ text: p.value, kind: 'added' });
    else if (p.removed) left.push({ text: p.value, kind: 'removed' });
    else {
      left.push({ text: p.value, kind: 'same' });
      right.push({ text: p.value, kind: 'same' });
    }
  }
  return { left, right, changed: true };
}
