import type { FastifyReply } from 'fastify';
import type { ListType } from './domain/list-types.js';
import type { Cells } from './domain/rows.js';
import { buildListWorkbook } from './xlsx.js';

/** Sends a version as the spreadsheet staff import (XLSX), named after the list and the version. */
export async function sendListWorkbook(reply: FastifyReply, t: ListType, title: string, versionNo: number, rows: Cells[]): Promise<FastifyReply> {
  const buf = await buildListWorkbook(t, title, rows);
  const name = `${title}-第${versionNo}版.xlsx`;
  return reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="list-${versionNo}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .header('cache-control', 'no-store')
    .send(buf);
}
