import ExcelJS from 'exceljs';
import { LEGAL_PERSON_LABEL, TABLE3_COLUMNS, TABLE3_RESULTS_LABEL, TABLE3_ROWS, TABLE3_STUB_NOTE, TABLE3_TITLE, type Table3 } from './table3.js';
import { LITIGATION_LABEL, TABLE4_COLUMNS, TABLE4_GROUPS, TABLE4_TITLE, type Table4 } from './table4.js';

export interface ReportWorkbookInput {
  orgName: string;
  year: number;
  table3: Table3;
  table4: Table4;
  problems: string[];
}

export const TABLE3_SHEET = '表三 收到和处理申请情况';
export const TABLE4_SHEET = '表四 行政复议行政诉讼情况';

const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
const CENTER: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'middle', wrapText: true };

/**
 * Tables 3 and 4 laid out as in the annual report (国办公开办函〔2021〕30号), one sheet each, with
 * the same merged header cells, so they can be copied into the report; the consistency check
 * follows table 3.
 */
export async function buildReportWorkbook(p: ReportWorkbookInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongkai';
  wb.title = `${p.orgName}${p.year}年度政府信息公开工作年度报告统计表`;
  addTable3(wb, p);
  addTable4(wb, p);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function heading(ws: ExcelJS.Worksheet, title: string, lastColumn: number, p: ReportWorkbookInput) {
  ws.mergeCells(1, 1, 1, lastColumn);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.mergeCells(2, 1, 2, lastColumn);
  ws.getCell(2, 1).value = `填报机构：${p.orgName}　统计年度：${p.year}年（${p.year}年1月1日至12月31日）`;
}

/** Sets a header cell, merged over the given range, centred and bordered. */
function header(ws: ExcelJS.Worksheet, top: number, left: number, bottom: number, right: number, text: string) {
  if (bottom > top || right > left) ws.mergeCells(top, left, bottom, right);
  const cell = ws.getCell(top, left);
  cell.value = text;
  cell.font = { bold: true };
  for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) Object.assign(ws.getCell(r, c), { border: THIN, alignment: CENTER });
}

function addTable3(wb: ExcelJS.Workbook, p: ReportWorkbookInput) {
  const ws = wb.addWorksheet(TABLE3_SHEET, { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [{ width: 14 }, { width: 46 }, ...TABLE3_COLUMNS.map(() => ({ width: 11 }))];
  heading(ws, TABLE3_TITLE, 9, p);
  // Rows 3–5: the stub note over columns A–B; 申请人情况 over C–I, 自然人 and 总计 down two rows.
  header(ws, 3, 1, 5, 2, TABLE3_STUB_NOTE);
  ws.getCell(3, 1).font = { bold: false };
  header(ws, 3, 3, 3, 9, '申请人情况');
  header(ws, 4, 3, 5, 3, TABLE3_COLUMNS[0]!.label);
  header(ws, 4, 4, 4, 8, LEGAL_PERSON_LABEL);
  TABLE3_COLUMNS.slice(1, 6).forEach((c, i) => header(ws, 5, 4 + i, 5, 4 + i, c.label));
  header(ws, 4, 9, 5, 9, TABLE3_COLUMNS[6]!.label);

  const first = 6;
  const resultRows = TABLE3_ROWS.map((r, i) => (r.level > 0 ? first + i : 0)).filter(Boolean);
  TABLE3_ROWS.forEach((r, i) => {
    const row = ws.getRow(first + i);
    if (r.level === 0) ws.mergeCells(first + i, 1, first + i, 2);
    const label = ws.getCell(first + i, r.level === 0 ? 1 : 2);
    label.value = r.label;
    label.alignment = { vertical: 'middle', wrapText: true, indent: r.level === 2 ? 2 : 0 };
    label.font = { bold: r.level < 2 };
    TABLE3_COLUMNS.forEach((c, j) => (row.getCell(3 + j).value = p.table3[r.key]?.[c.key] ?? null));
    for (let c = 1; c <= 9; c++) row.getCell(c).border = THIN;
  });
  header(ws, resultRows[0]!, 1, resultRows.at(-1)!, 1, TABLE3_RESULTS_LABEL);

  const note = first + TABLE3_ROWS.length + 1;
  ws.getCell(note, 1).value = p.problems.length ? `勾稽关系校验未通过，共 ${p.problems.length} 处：` : '勾稽关系校验：全部通过。';
  p.problems.forEach((m, i) => (ws.getCell(note + 1 + i, 1).value = `${i + 1}. ${m}`));
}

function addTable4(wb: ExcelJS.Workbook, p: ReportWorkbookInput) {
  const ws = wb.addWorksheet(TABLE4_SHEET, { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const width = TABLE4_COLUMNS.length;
  const last = TABLE4_GROUPS.length * width;
  ws.columns = Array.from({ length: last }, () => ({ width: 10 }));
  heading(ws, TABLE4_TITLE, last, p);
  // Row 3: 行政复议 (down two rows), 行政诉讼; row 4: its two kinds; row 5: the five columns of each.
  TABLE4_GROUPS.forEach((g, i) => {
    const left = 1 + i * width;
    if (!g.litigation) header(ws, 3, left, 4, left + width - 1, g.label);
    else header(ws, 4, left, 4, left + width - 1, g.label);
    TABLE4_COLUMNS.forEach((c, j) => header(ws, 5, left + j, 5, left + j, c.label));
    TABLE4_COLUMNS.forEach((c, j) => Object.assign(ws.getCell(6, left + j), { value: p.table4[g.kind][c.key], border: THIN }));
  });
  const litigation = TABLE4_GROUPS.findIndex((g) => g.litigation);
  header(ws, 3, 1 + litigation * width, 3, last, LITIGATION_LABEL);
}
