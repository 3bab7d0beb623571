/**
 * Splits a text into plain and highlighted segments for showing findings in place (the review
 * screen escapes each segment and wraps the highlighted ones in <mark>). Findings overlap (中华 and
 * 中华人民共和国; a wording hit inside a phone number), a mark cannot, so overlapping findings merge
 * into one segment that points at the earliest of them (lowest index on a tie).
 */
export interface Segment {
  text: string;
  /** Index into the findings passed in. */
  finding?: number;
}

/**
 * Pass the findings of this one text (filter by field/name first). Spans are clamped to the text,
 * and empty ones are ignored; spans that only touch stay separate segments. Concatenating the
 * segments' text gives `text` back.
 */
export function highlightFindings(text: string, findings: readonly { start: number; end: number }[]): Segment[] {
  const spans = findings
    .map((f, index) => ({ start: Math.max(0, f.start), end: Math.min(text.length, f.end), index }))
    .filter((s) => s.start < s.end)
    .sort((a, b) => a.start - b.start || a.index - b.index);
  const out: Segment[] = [];
  let pos = 0;
  for (let i = 0; i < spans.length; ) {
    const first = spans[i]!;
    let end = first.end;
    let j = i + 1;
    while (j < spans.length && spans[j]!.start < end) end = Math.max(end, spans[j++]!.end);
    if (first.start > pos) out.push({ text: text.slice(pos, first.start) });
    out.push({ text: text.slice(first.start, end), finding: first.index });
    pos = end;
    i = j;
  }
  if (pos < text.length) out.push({ text: text.slice(pos) });
  return out;
}
