import type { ApplicantKind } from '../../../db/schema.js';
import { APPLICANT_KINDS, OUTCOME_GROUPS, OUTCOMES, type OutcomeGroup } from '../domain/outcomes.js';

/**
 * Table 3 of the annual report, 收到和处理政府信息公开申请情况, in the format of 国办公开办函〔2021〕30号:
 * the rows as printed, one column per kind of applicant and 总计, and its 勾稽 rules. Pure.
 */

export const TABLE3_TITLE = '三、收到和处理政府信息公开申请情况';
/** The note printed in the stub's header cell (国办公开办函〔2021〕30号). */
export const TABLE3_STUB_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
/** The stub cell that spans every row of the third item. */
export const TABLE3_RESULTS_LABEL = '三、本年度办理结果';

export type Table3Column = ApplicantKind | 'total';
export const TABLE3_COLUMNS: readonly { key: Table3Column; label: string }[] = [
  ...APPLICANT_KINDS.map(({ kind, label }) => ({ key: kind, label })),
  { key: 'total', label: '总计' },
];
/** 法人或其他组织: the five columns after 自然人. */
export const LEGAL_PERSON_LABEL = '法人或其他组织';

export interface Table3Row {
  /** received | carried_over | an outcome code | an outcome group (（三）…（六）) | total | carried_forward */
  key: string;
  /** Exactly as printed. */
  label: string;
  /** 0: 一、二、四; 1: （一）…（七） under 三; 2: the numbered items under （三）…（六）. */
  level: 0 | 1 | 2;
  /** Computed from other rows (（三）…（六） and （七）总计), never counted directly. */
  sum: boolean;
  /** For （三）…（六） and their items: the group. */
  group?: OutcomeGroup;
}

/**
 * The rows in the printed order. The printed form shows （三）…（六） only as stub cells spanning
 * their items; here each also has a row of its own, the sum of its items, so the sum can be shown
 * and checked. （一） and （二） have no items: their row is the outcome itself.
 */
export const TABLE3_ROWS: readonly Table3Row[] = [
  { key: 'received', label: '一、本年新收政府信息公开申请数量', level: 0, sum: false },
  { key: 'carried_over', label: '二、上年结转政府信息公开申请数量', level: 0, sum: false },
  ...OUTCOME_GROUPS.flatMap(({ group, label }): Table3Row[] => {
    const items = OUTCOMES.filter((o) => o.group === group);
    if (items.length === 1 && items[0]!.code === group) return [{ key: group, label, level: 1, sum: false }];
    return [
      { key: group, label, level: 1, sum: true, group },
      ...items.map((o, i): Table3Row => ({ key: o.code, label: `${i + 1}.${o.label}`, level: 2, sum: false, group })),
    ];
  }),
  { key: 'total', label: '（七）总计', level: 1, sum: true },
  { key: 'carried_forward', label: '四、结转下年度继续办理', level: 0, sum: false },
];

const ROW_BY_KEY = new Map(TABLE3_ROWS.map((r) => [r.key, r]));

export type Table3Cells = Record<Table3Column, number>;
/** The numbers of table 3: for every row key, its seven columns. */
export type Table3 = Readonly<Record<string, Table3Cells>>;

/** How many requests of one applicant kind fall on one directly counted row. */
export interface Table3Count {
  /** received | carried_over | carried_forward | an outcome code */
  row: string;
  kind: ApplicantKind;
  count: number;
}

const emptyCells = (): Table3Cells => ({ natural: 0, business: 0, research: 0, public_interest: 0, legal_service: 0, other: 0, total: 0 });
const KINDS = APPLICANT_KINDS.map((k) => k.kind);

/** Builds table 3 from counts (the same row and kind may come several times: they add up), computing every sum. */
export function buildTable3(counts: Iterable<Table3Count>): Table3 {
  const t: Record<string, Table3Cells> = {};
  for (const r of TABLE3_ROWS) t[r.key] = emptyCells();
  for (const c of counts) {
    const row = ROW_BY_KEY.get(c.row);
    if (!row || row.sum) throw new RangeError(`表三没有可直接统计的行：${c.row}`);
    if (!KINDS.includes(c.kind)) throw new RangeError(`未知的申请人类型：${c.kind}`);
    t[c.row]![c.kind] += c.count;
  }
  for (const kind of KINDS) {
    for (const g of TABLE3_ROWS.filter((r) => r.level === 1 && r.sum && r.group)) {
      t[g.key]![kind] = sum(itemsOf(g).map((r) => t[r.key]![kind]));
    }
    t.total![kind] = sum(resultRows().map((r) => t[r.key]![kind]));
  }
  for (const r of TABLE3_ROWS) t[r.key]!.total = sum(KINDS.map((k) => t[r.key]![k]));
  return t;
}

/** One cell; throws on a row table 3 does not have. */
export function table3Cell(table: Table3, row: string, column: Table3Column): number {
  const cells = table[row];
  if (!cells || !ROW_BY_KEY.has(row)) throw new RangeError(`表三没有这一行：${row}`);
  return cells[column];
}

/**
 * The rules table 3 must satisfy, as a list of what is violated (empty when consistent):
 * - for every column, 一 + 二 = 三（七）总计 + 四 (the 勾稽 note printed in the table);
 * - （七）总计 = （一）+ … +（六）, and each of （三）…（六） = the sum of its items;
 * - 总计 column = 自然人 + the five 法人或其他组织 columns.
 */
export function checkTable3(table: Table3): string[] {
  const malformed: string[] = [];
  for (const r of TABLE3_ROWS) {
    const cells = table[r.key];
    if (!cells) {
      malformed.push(`缺少“${r.label}”一行`);
      continue;
    }
    for (const c of TABLE3_COLUMNS) {
      const v = cells[c.key];
      if (!Number.isSafeInteger(v) || v < 0) malformed.push(`“${r.label}”的“${c.label}”应为非负整数，现为 ${String(v)}`);
    }
  }
  if (malformed.length) return malformed;

  const v = (row: string, col: Table3Column) => table[row]![col];
  const out: string[] = [];
  for (const { key: col, label } of TABLE3_COLUMNS) {
    const [a, b, c, d] = [v('received', col), v('carried_over', col), v('total', col), v('carried_forward', col)];
    if (a + b !== c + d) out.push(`${label}：第一项（${a}）加第二项（${b}）之和为 ${a + b}，不等于第三项（七）总计（${c}）加第四项（${d}）之和 ${c + d}`);
    const results = sum(resultRows().map((r) => v(r.key, col)));
    if (c !== results) out.push(`${label}：（七）总计为 ${c}，不等于（一）至（六）之和 ${results}`);
    for (const g of TABLE3_ROWS.filter((r) => r.level === 1 && r.sum && r.group)) {
      const items = itemsOf(g);
      const s = sum(items.map((r) => v(r.key, col)));
      if (v(g.key, col) !== s) out.push(`${label}：${g.label}为 ${v(g.key, col)}，不等于其 ${items.length} 个子项之和 ${s}`);
    }
  }
  for (const r of TABLE3_ROWS) {
    const s = sum(KINDS.map((k) => v(r.key, k)));
    if (v(r.key, 'total') !== s) out.push(`${r.label}：总计为 ${v(r.key, 'total')}，不等于自然人与${LEGAL_PERSON_LABEL}各项之和 ${s}`);
  }
  return out;
}

/** The items of a group row （三）…（六）. */
export function itemsOf(group: Table3Row): Table3Row[] {
  return TABLE3_ROWS.filter((r) => r.level === 2 && r.group === group.group);
}

/** （一）…（六）: the rows whose sum is （七）总计. */
function resultRows(): Table3Row[] {
  return TABLE3_ROWS.filter((r) => r.level === 1 && r.key !== 'total');
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
