import type { ListColumn, ListType } from './list-types.js';

/** A row's cells by column key, every column present (empty string when blank). */
export type Cells = Record<string, string>;

/** The cells of a row as typed or imported: trimmed, inner line breaks kept, unknown keys dropped. */
export function normalizeCells(t: ListType, raw: Record<string, unknown>): Cells {
  const out: Cells = {};
  for (const c of t.columns) {
    const v = raw[c.key];
    out[c.key] = typeof v === 'string' ? v.replace(/\r\n?/g, '\n').trim() : typeof v === 'number' ? String(v) : '';
  }
  return out;
}

/** What is wrong with a row, in Chinese, one message per column (empty: the row is good). */
export function rowProblems(t: ListType, cells: Cells): { column: ListColumn; message: string }[] {
  const out: { column: ListColumn; message: string }[] = [];
  for (const c of t.columns) {
    const v = cells[c.key] ?? '';
    if (!v) {
      if (c.required || c.basis) out.push({ column: c, message: c.basis ? `缺少${c.label}（每一项都须列明法定依据）` : `请填写${c.label}` });
      continue;
    }
    if (c.choices && !c.choices.includes(v)) out.push({ column: c, message: `${c.label}应为“${c.choices.join('”“')}”之一` });
    else if (v.length > (c.max ?? 200)) out.push({ column: c, message: `${c.label}不能超过 ${c.max ?? 200} 个字` });
  }
  return out;
}

/** The row's words for the list's search box and the automatic checks. */
export function rowSearchText(t: ListType, cells: Cells): string {
  return t.columns.map((c) => cells[c.key] ?? '').filter(Boolean).join(' ');
}

/** The row's identity across versions: its key columns, spaces and punctuation width ignored. */
export function rowKey(t: ListType, cells: Cells): string {
  return t.columns
    .filter((c) => c.key_part)
    .map((c) => (cells[c.key] ?? '').replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')'))
    .join('|');
}

export interface RowChange {
  before: Cells;
  after: Cells;
  /** The keys of the columns whose value changed. */
  changed: string[];
}

export interface RowDiff {
  added: Cells[];
  removed: Cells[];
  changed: RowChange[];
  unchanged: number;
}

/**
 * Rows added, removed and changed from one version to the next, matched by their key columns
 * (two rows with the same key are matched in order). Pure; 6,000 rows take a few milliseconds.
 */
export function diffRows(t: ListType, older: Cells[], newer: Cells[]): RowDiff {
  const pool = new Map<string, Cells[]>();
  for (const r of older) {
    const k = rowKey(t, r);
    const q = pool.get(k);
    if (q) q.push(r);
    else pool.set(k, [r]);
  }
  const out: RowDiff = { added: [], removed: [], changed: [], unchanged: 0 };
  for (const r of newer) {
    const before = pool.get(rowKey(t, r))?.shift();
    if (!before) {
      out.added.push(r);
      continue;
    }
    const changed = t.columns.filter((c) => (before[c.key] ?? '') !== (r[c.key] ?? '')).map((c) => c.key);
    if (changed.length) out.changed.push({ before, after: r, changed });
    else out.unchanged++;
  }
  for (const q of pool.values()) out.removed.push(...q);
  return out;
}
