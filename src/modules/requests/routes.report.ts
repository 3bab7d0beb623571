import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf, adminView, requireStaff } from '../../platform/http/admin.js';
import { BadRequestError, ForbiddenError, NotFoundError } from '../../platform/http/errors.js';
import { parseInput } from '../../platform/http/forms.js';
import { sendHtml } from '../../platform/html/render.js';
import { caseScope, mayOpenCases } from './policy.js';
import { organizationsIn } from './queries.admin.js';
import { requestReportCounts } from './report/queries.js';
import { buildTable3, checkTable3 } from './report/table3.js';
import { buildTable4, checkTable4 } from './report/table4.js';
import { ReportPage } from './report/views.js';
import { buildReportWorkbook } from './report/xlsx.js';

/** The 条例 took effect on 1 May 2008; the first annual reports cover 2008. */
const FIRST_YEAR = 2008;

const reportSchema = z.object({
  org: z
    .string()
    .regex(/^\d{1,12}$/, '请选择机构')
    .optional()
    .transform((s) => (s ? Number(s) : null)),
  year: z
    .string()
    .regex(/^\d{4}$/, '年度应为四位数字，如 2025')
    .optional()
    .transform((s) => (s ? Number(s) : null)),
});

/**
 * Tables 3 and 4 of the annual report on requests (国办公开办函〔2021〕30号), computed from the
 * requests of one organization in one year, as a page and as an XLSX file. Staff see the
 * organizations where they handle requests, run the disclosure office (and those below it) or administer.
 */
export async function requestReportRoutes(app: FastifyInstance) {
  const { db, clock } = app.deps;
  requireStaff(app);

  async function load(req: FastifyRequest) {
    const parsed = parseInput(reportSchema, req.query);
    if (!parsed.ok) throw new BadRequestError(Object.values(parsed.errors).join('；'));
    const thisYear = Number(clock.today().slice(0, 4));
    // The report is written in January for the year before (条例 第49条: by 31 January).
    const year = parsed.data.year ?? thisYear - 1;
    if (year < FIRST_YEAR || year > thisYear) throw new BadRequestError(`年度应在 ${FIRST_YEAR} 年至 ${thisYear} 年之间`);
    const actor = actorOf(req);
    if (!mayOpenCases(actor)) throw new ForbiddenError('您没有查看依申请公开统计的权限。');
    const orgs = await organizationsIn(db, await caseScope(db, actor), 'tree');
    const org = parsed.data.org === null ? orgs[0] : orgs.find((o) => o.id === parsed.data.org);
    if (!org) throw new NotFoundError('机构不存在，或您无权查看其依申请公开统计。');
    const counts = await requestReportCounts(db, org.id, year);
    const table3 = buildTable3(counts.table3);
    const table4 = buildTable4(counts.table4);
    const problems = [...checkTable3(table3), ...checkTable4(table4).map((m) => `表四：${m}`)];
    const years = Array.from({ length: Math.min(10, thisYear - FIRST_YEAR + 1) }, (_, i) => thisYear - i);
    if (!years.includes(year)) years.push(year);
    return { orgs, org, year, years, table3, table4, problems };
  }

  app.get('/admin/requests/report', async (req, reply) => {
    const r = await load(req);
    return sendHtml(reply, ReportPage({ ...adminView(req, reply), actorName: actorOf(req).displayName, ...r }));
  });

  app.get('/admin/requests/report.xlsx', async (req, reply) => {
    const r = await load(req);
    const buf = await buildReportWorkbook({ orgName: r.org.name, year: r.year, table3: r.table3, table4: r.table4, problems: r.problems });
    // RFC 5987 / RFC 6266: an ASCII fallback, then the Chinese name percent-encoded as UTF-8.
    const name = `政府信息公开申请情况统计-${r.org.name}-${r.year}年度.xlsx`;
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="requests-report-${r.year}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .send(buf);
  });
}
