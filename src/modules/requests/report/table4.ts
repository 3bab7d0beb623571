import type { AppealKind, AppealResult } from '../../../db/schema.js';

/**
 * Table 4 of the annual report, 政府信息公开行政复议、行政诉讼情况 (国办公开办函〔2021〕30号): for
 * administrative review, litigation without review and litigation after review, the cases filed in
 * the year by their result at the end of the year, each group with its 总计. Pure.
 */

export const TABLE4_TITLE = '四、政府信息公开行政复议、行政诉讼情况';
export const LITIGATION_LABEL = '行政诉讼';

export const TABLE4_GROUPS: readonly { kind: AppealKind; label: string; litigation: boolean }[] = [
  { kind: 'review', label: '行政复议', litigation: false },
  { kind: 'litigation', label: '未经复议直接起诉', litigation: true },
  { kind: 'litigation_after_review', label: '复议后起诉', litigation: true },
];

export type Table4Column = AppealResult | 'total';
export const TABLE4_COLUMNS: readonly { key: Table4Column; label: string }[] = [
  { key: 'upheld', label: '结果维持' },
  { key: 'corrected', label: '结果纠正' },
  { key: 'other', label: '其他结果' },
  { key: 'pending', label: '尚未审结' },
  { key: 'total', label: '总计' },
];

export type Table4Cells = Record<Table4Column, number>;
export type Table4 = Readonly<Record<AppealKind, Table4Cells>>;

/** How many appeals of one kind, filed in the year, had a given result at the end of the year. */
export interface Table4Count {
  kind: AppealKind;
  result: AppealResult;
  count: number;
}

const RESULTS: AppealResult[] = ['upheld', 'corrected', 'other', 'pending'];
const emptyCells = (): Table4Cells => ({ upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 });

/** Builds table 4 from counts (repeated kind and result add up), computing each group's 总计. */
export function buildTable4(counts: Iterable<Table4Count>): Table4 {
  const t: Record<AppealKind, Table4Cells> = { review: emptyCells(), litigation: emptyCells(), litigation_after_review: emptyCells() };
  for (const c of counts) {
    const cells = t[c.kind];
    if (!cells) throw new RangeError(`未知的复议诉讼类型：${c.kind}`);
    if (!RESULTS.includes(c.result)) throw new RangeError(`未知的复议诉讼结果：${c.result}`);
    cells[c.result] += c.count;
  }
  for (const g of TABLE4_GROUPS) t[g.kind].total = RESULTS.reduce((s, r) => s + t[g.kind][r], 0);
  return t;
}

/** Violated rules (empty when consistent): every value a non-negative integer; in each group, 总计 = the other four. */
export function checkTable4(table: Table4): string[] {
  const out: string[] = [];
  for (const g of TABLE4_GROUPS) {
    const name = g.litigation ? `${LITIGATION_LABEL}（${g.label}）` : g.label;
    const cells = table[g.kind];
    if (!cells) {
      out.push(`缺少“${name}”一组`);
      continue;
    }
    const bad = TABLE4_COLUMNS.filter((c) => !Number.isSafeInteger(cells[c.key]) || cells[c.key] < 0);
    for (const c of bad) out.push(`${name}的“${c.label}”应为非负整数，现为 ${String(cells[c.key])}`);
    if (bad.length) continue;
    const s = RESULTS.reduce((acc, r) => acc + cells[r], 0);
    if (cells.total !== s) out.push(`${name}：总计为 ${cells.total}，不等于结果维持、结果纠正、其他结果、尚未审结之和 ${s}`);
  }
  return out;
}
