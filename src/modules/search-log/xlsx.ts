import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { QUERY_LIST_LABELS, type QueryList, type QueryRow } from './queries/weekly.js';

/** The most rows an export holds: far more than any week has queries worth reading. */
export const MAX_EXPORT_ROWS = 10_000;

const COLUMNS = [
  { header: '序号', width: 6 },
  { header: '检索词', width: 40 },
  { header: '搜索次数', width: 12 },
  { header: '无结果次数', width: 12 },
  { header: '点击次数', width: 12 },
  { header: '点击率', width: 10 },
];

/** One list of the search log as a worksheet: a title line for the weeks, then a header row and the queries. */
export async function buildSearchLogWorkbook(list: QueryList, period: string, rows: QueryRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongkai';
  wb.title = `${QUERY_LIST_LABELS[list]}（${period}）`;
  const ws = wb.addWorksheet(QUERY_LIST_LABELS[list], { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.addRow([`${QUERY_LIST_LABELS[list]}（${period}）`]).font = { bold: true };
  ws.addRow(COLUMNS.map((c) => c.header)).font = { bold: true };
  COLUMNS.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  rows.forEach((r, i) => {
    // A string cell, never a formula, whatever the query starts with (= + - @).
    ws.addRow([i + 1, r.query, r.searches, r.empty, r.opens, r.searches > 0 ? r.opens / r.searches : 0]);
  });
  ws.getColumn(6).numFmt = '0.0%';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function sendSearchLogWorkbook(reply: FastifyReply, list: QueryList, period: string, fileWeek: string, rows: QueryRow[]): Promise<FastifyReply> {
  const buf = await buildSearchLogWorkbook(list, period, rows);
  const name = `${QUERY_LIST_LABELS[list]}-${fileWeek}.xlsx`;
  return reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="search-${list}-${fileWeek}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .header('cache-control', 'no-store')
    .send(buf);
}
