import ExcelJS from 'exceljs';
import type { ListType } from './domain/list-types.js';
import { normalizeCells, rowProblems, type Cells } from './domain/rows.js';

/** The most rows one list version may hold (the largest real 权责清单 run to a few thousand). */
export const MAX_ROWS = 20_000;
const SERIAL = '序号';
/** How far down the header row may be: staff sheets often start with a title line or two. */
const HEADER_SEARCH_ROWS = 5;
const MAX_REPORTED = 50;

/**
 * A version as staff keep it: one sheet, a 序号 column, then the type's columns under a header
 * row of their names; reading it back gives the same rows (the round trip is tested).
 */
export async function buildListWorkbook(t: ListType, title: string, rows: Cells[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongkai';
  wb.title = title;
  const ws = wb.addWorksheet(t.label.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [{ header: SERIAL, width: 6 }, ...t.columns.map((c) => ({ header: c.label, width: c.max && c.max > 500 ? 48 : 20 }))];
  ws.getRow(1).font = { bold: true };
  rows.forEach((r, i) => ws.addRow([i + 1, ...t.columns.map((c) => r[c.key] ?? '')]));
  ws.eachRow((row) => (row.alignment = { vertical: 'top', wrapText: true }));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export type ParsedSheet = { ok: true; rows: Cells[] } | { ok: false; errors: string[] };

/**
 * Reads a version's rows from a workbook's first sheet. The header row is found by the type's
 * column names (in any order; 序号 and other columns are ignored); each later non-empty row is
 * checked, and any bad row fails the whole file, with every problem reported by its row number
 * in the spreadsheet. The file's archive has already been checked for size (extract.ts).
 */
export async function parseListWorkbook(t: ListType, data: Buffer): Promise<ParsedSheet> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    return { ok: false, errors: ['无法读取该文件：请上传 Excel 工作簿（.xlsx）'] };
  }
  const ws = wb.worksheets[0];
  if (!ws) return { ok: false, errors: ['工作簿中没有工作表'] };
  const text = (row: ExcelJS.Row, col: number) => cellText(row.getCell(col));
  let headerRow = 0;
  let positions = new Map<string, number>();
  for (let r = 1; r <= Math.min(HEADER_SEARCH_ROWS, ws.rowCount); r++) {
    const row = ws.getRow(r);
    const found = new Map<string, number>();
    for (let c = 1; c <= row.cellCount; c++) {
      const label = text(row, c).replace(/\s+/g, '');
      const col = t.columns.find((x) => x.label.replace(/\s+/g, '') === label);
      if (col && !found.has(col.key)) found.set(col.key, c);
    }
    if (found.size > positions.size) {
      positions = found;
      headerRow = r;
    }
  }
  const missing = t.columns.filter((c) => (c.required || c.basis) && !positions.has(c.key));
  if (headerRow === 0 || missing.length) {
    return { ok: false, errors: [`表头应为“${t.label}”的列名：缺少${missing.map((c) => `“${c.label}”`).join('、')}列（表头须在前 ${HEADER_SEARCH_ROWS} 行内）`] };
  }
  const rows: Cells[] = [];
  const errors: string[] = [];
  let bad = 0;
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const raw: Record<string, string> = {};
    for (const [key, col] of positions) raw[key] = text(row, col);
    if (Object.values(raw).every((v) => !v.trim())) continue;
    if (rows.length >= MAX_ROWS) return { ok: false, errors: [`清单不能超过 ${MAX_ROWS} 行`] };
    const cells = normalizeCells(t, raw);
    const problems = rowProblems(t, cells);
    if (problems.length) {
      bad++;
      if (errors.length < MAX_REPORTED) errors.push(`第 ${r} 行：${problems.map((p) => p.message).join('；')}`);
    }
    rows.push(cells);
  }
  if (bad > errors.length) errors.push(`另有 ${bad - errors.length} 行有误，未逐一列出`);
  if (errors.length) return { ok: false, errors };
  if (rows.length === 0) return { ok: false, errors: ['表头下没有任何数据行'] };
  return { ok: true, rows };
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((x) => x.text).join('');
  if (typeof v === 'object' && 'result' in v) return v.result === undefined || v.result === null ? '' : String(v.result);
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  return cell.text ?? '';
}
