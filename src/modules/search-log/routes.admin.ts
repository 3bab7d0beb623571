import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { idParam } from '../../platform/content/lifecycle.js';
import { actorOf, adminView, commandContext, requireStaff } from '../../platform/http/admin.js';
import { BadRequestError, ForbiddenError, type FieldErrors } from '../../platform/http/errors.js';
import { setFlash, takeFlash } from '../../platform/http/flash.js';
import { parseInput, ruleErrorsOf } from '../../platform/http/forms.js';
import { sendHtml } from '../../platform/html/render.js';
import { addBestBet, removeBestBet } from './commands/best-bets.js';
import { addWeeks, isWeekStart, weekLabel, weekOf, weeksLabel } from './domain/weeks.js';
import { mayOpenSearchLog } from './policy.js';
import { listBestBets } from './queries/best-bets.js';
import { listQueries, QUERY_LISTS, weeksWithCounts, type QueryList } from './queries/weekly.js';
import { bestBetFormSchema } from './schemas.js';
import { BestBetsPage, SearchLogPage, type BestBetValues, type WeekChoice } from './views/admin-pages.js';
import { MAX_EXPORT_ROWS, sendSearchLogWorkbook } from './xlsx.js';

const PAGE_ROWS = 50;
/** How many past weeks with counts the picker offers. */
const PICKER_WEEKS = 52;
const BEST_BETS = '/admin/search-log/best-bets';

/** The chosen weeks: one week by its Monday, or by default the last full week and this one. */
interface Period {
  /** The `week` parameter as given ('' for the default). */
  param: string;
  weeks: string[];
  label: string;
}

/** The search log's back office: the weekly lists with their exports, and the best bets. */
export async function adminSearchLogRoutes(app: FastifyInstance) {
  const { db, clock } = app.deps;
  requireStaff(app);

  async function guard(req: FastifyRequest) {
    if (!(await mayOpenSearchLog(db, actorOf(req)))) throw new ForbiddenError('您没有查看搜索分析的权限（限网站群管理员和市政务公开办）。');
  }

  function periodOf(raw: unknown): Period {
    const thisWeek = weekOf(clock.today());
    const year = thisWeek.slice(0, 4);
    if (raw === undefined || raw === '') {
      const last = addWeeks(thisWeek, -1);
      return { param: '', weeks: [last, thisWeek], label: `上周和本周（${weeksLabel(last, thisWeek, year)}）` };
    }
    if (typeof raw !== 'string' || !isWeekStart(raw) || raw > thisWeek) throw new BadRequestError('所选的周无效：请从列表中选择一周（以周一的日期表示，如 2026-11-16）。');
    return { param: raw, weeks: [raw], label: raw === thisWeek ? `本周（${weekLabel(raw, year)}）` : weekLabel(raw, year) };
  }

  async function weekChoices(): Promise<WeekChoice[]> {
    const thisWeek = weekOf(clock.today());
    const year = thisWeek.slice(0, 4);
    const weeks = [...new Set([thisWeek, addWeeks(thisWeek, -1), ...(await weeksWithCounts(db, PICKER_WEEKS))])].filter((w) => w <= thisWeek).sort().reverse();
    return weeks.map((w) => ({ value: w, label: `${w === thisWeek ? '本周' : w === addWeeks(thisWeek, -1) ? '上周' : ''}${weekLabel(w, year)}` }));
  }

  app.get<{ Querystring: { week?: unknown } }>('/admin/search-log', async (req, reply) => {
    await guard(req);
    const period = periodOf(req.query.week);
    const [choices, top, empty, unopened] = await Promise.all([weekChoices(), ...QUERY_LISTS.map((l) => listQueries(db, period.weeks, l, PAGE_ROWS))]);
    return sendHtml(reply, SearchLogPage({ ...adminView(req, reply), actorName: actorOf(req).displayName, period, choices, lists: { top: top!, empty: empty!, unopened: unopened! } }));
  });

  app.get<{ Querystring: { week?: unknown; list?: unknown } }>('/admin/search-log/export.xlsx', async (req, reply) => {
    await guard(req);
    const period = periodOf(req.query.week);
    const list = req.query.list;
    if (typeof list !== 'string' || !(QUERY_LISTS as readonly string[]).includes(list)) throw new BadRequestError('请选择要导出的列表：搜索热词（top）、无结果词（empty）或无人点击（unopened）。');
    const rows = await listQueries(db, period.weeks, list as QueryList, MAX_EXPORT_ROWS);
    return sendSearchLogWorkbook(reply, list as QueryList, period.label, period.param || `${period.weeks[0]}-2w`, rows);
  });

  async function bestBets(req: FastifyRequest, reply: FastifyReply, values: BestBetValues, errors?: FieldErrors) {
    const rows = await listBestBets(db);
    return sendHtml(reply, BestBetsPage({ ...adminView(req, reply), actorName: actorOf(req).displayName, flash: takeFlash(req, reply), rows, values, errors }), errors ? 422 : 200);
  }

  app.get<{ Querystring: { q?: unknown } }>(BEST_BETS, async (req, reply) => {
    await guard(req);
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 100) : '';
    return bestBets(req, reply, { query: q });
  });

  app.post(BEST_BETS, async (req, reply) => {
    await guard(req);
    const values = formValues(req.body);
    const parsed = parseInput(bestBetFormSchema, values);
    if (!parsed.ok) return bestBets(req, reply, values, parsed.errors);
    try {
      await addBestBet(commandContext(app, req), actorOf(req), parsed.data);
    } catch (err) {
      return bestBets(req, reply, values, ruleErrorsOf(err));
    }
    // The library's cached pages show the new best bet at once.
    app.pageCache.clear();
    setFlash(reply, '已添加推荐结果：搜索该词时，它显示在结果上方的“推荐”栏中。');
    return reply.redirect(BEST_BETS, 303);
  });

  app.post<{ Params: { id: string } }>(`${BEST_BETS}/:id/delete`, async (req, reply) => {
    await guard(req);
    await removeBestBet(commandContext(app, req), actorOf(req), idParam(req.params.id));
    app.pageCache.clear();
    setFlash(reply, '已删除推荐结果。');
    return reply.redirect(BEST_BETS, 303);
  });
}

/** The form as typed, to show again; the CSRF token is not echoed. */
function formValues(body: unknown): BestBetValues {
  const b = (body ?? {}) as Record<string, unknown>;
  const text = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : '');
  return { query: text('query'), target: text('target'), note: text('note') };
}
