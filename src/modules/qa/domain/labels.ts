export type QaOrigin = 'manual' | 'import' | 'referral';

/** Where an entry came from: written by staff, imported from a corpus, or promoted from a question sent to a department (转人工). */
export const ORIGIN_LABELS: Record<QaOrigin, string> = {
  manual: '人工录入',
  import: '批量导入',
  referral: '转人工答复',
};

export const adminUrl = (id: number) => `/admin/qa/${id}`;
export const publicUrl = (id: number) => `/qa/${id}`;
export const reviewUrl = (id: number) => `/admin/review/qa/${id}`;

/** A clause an answer rests on: 第十二条, 第十二条第二款, 第三条之一 (Chinese or Arabic numerals). */
export const CLAUSE_PATTERN = /^第[一二三四五六七八九十百千零〇两\d]+条(?:之[一二三四五六七八九十\d]+)?(?:第[一二三四五六七八九十\d]+款)?(?:第[一二三四五六七八九十\d]+项)?$/;

/**
 * A line of the form's free entry: a document (id, 发文字号 or title) optionally followed by the
 * clause, e.g. "宁人社发〔2023〕8号 第五条". Returns the reference and the clause ('' if none).
 */
export function splitClause(line: string): { ref: string; clause: string } {
  const m = /^(.*?)[\s，,]+(第\S+条\S*)$/.exec(line.trim());
  if (m && CLAUSE_PATTERN.test(m[2]!)) return { ref: m[1]!.trim(), clause: m[2]! };
  return { ref: line.trim(), clause: '' };
}

/** The first line of a question, shortened: how lists show an entry (a citizen's message may run to pages). */
export function questionHeadline(question: string, max = 80): string {
  const first = question.split('\n', 1)[0]!.trim();
  return first.length > max ? `${first.slice(0, max)}…` : first;
}
