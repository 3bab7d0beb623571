import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, adminView, commandContext, requireStaff } from '../../platform/http/admin.js';
import { BadRequestError, ForbiddenError, NotFoundError, type FieldErrors } from '../../platform/http/errors.js';
import { isValidDate, parseInput, ruleErrorsOf } from '../../platform/http/forms.js';
import { sendHtml } from '../../platform/html/render.js';
import { confirmYear, deleteOverride, setOverride, unconfirmYear } from './commands.js';
import { mayKeepCalendar } from './policy.js';
import { loadCalendarYear } from './queries.js';
import { confirmSchema, FIRST_YEAR, LAST_YEAR, overrideSchema, yearQuerySchema } from './schemas.js';
import { CalendarAdminPage } from './views/admin-page.js';

const DONE: Record<string, string> = { override: '已保存调整。', deleted: '已删除调整。', confirmed: '已确认该年度放假安排。', unconfirmed: '已撤销确认，该年度恢复为暂定。' };

/** 工作日历 in the back office: the site group's calendar, kept by the administrators of its top-level organizations. */
export async function adminCalendarRoutes(app: FastifyInstance) {
  const { db, clock } = app.deps;
  requireStaff(app);

  // The calendar is one for the whole site group: only an administrator of a top-level organization changes it.
  app.addHook('preHandler', async (req) => {
    if (!req.actor) return; // requireStaff has sent the visitor to the login page
    if (!(await mayKeepCalendar(db, actorOf(req)))) throw new ForbiddenError('只有系统管理员可以查看和维护工作日历。');
  });

  async function render(req: FastifyRequest, reply: FastifyReply, year: number, extra: { flash?: string | null; errors?: FieldErrors; values?: Record<string, string> } = {}, code = 200) {
    const page = await loadCalendarYear(db, year);
    return sendHtml(reply, CalendarAdminPage({ ...adminView(req, reply), actorName: actorOf(req).displayName, page, ...extra }), code);
  }

  /** Back to the year's page after a change, with how many deadlines were recomputed. */
  const done = (reply: FastifyReply, year: number, what: string, recomputed: number) => reply.redirect(`/admin/calendar?year=${year}&done=${what}&n=${recomputed}`, 303);

  app.get<{ Querystring: Record<string, string> }>('/admin/calendar', async (req, reply) => {
    const parsed = parseInput(yearQuerySchema, { year: req.query.year || undefined });
    if (!parsed.ok) throw new BadRequestError(Object.values(parsed.errors).join('；'));
    const year = parsed.data.year ?? Number(clock.today().slice(0, 4));
    const what = DONE[req.query.done ?? ''];
    const n = /^\d{1,9}$/.test(req.query.n ?? '') ? Number(req.query.n) : null;
    const flash = what ? `${what}${n !== null ? `已重新计算 ${n} 件未办结申请的答复期限。` : ''}` : null;
    return render(req, reply, year, { flash });
  });

  app.post('/admin/calendar/overrides', async (req, reply) => {
    const values = formValues(req.body);
    const parsed = parseInput(overrideSchema, req.body);
    // The page of the year being edited: the entered date's, when it is one.
    const year = isValidDate(values.day ?? '') && inRange(Number(values.day!.slice(0, 4))) ? Number(values.day!.slice(0, 4)) : Number(clock.today().slice(0, 4));
    if (!parsed.ok) return render(req, reply, year, { errors: parsed.errors, values: { ...values, form: 'override' } }, 400);
    try {
      const n = await setOverride(commandContext(app, req), parsed.data);
      return done(reply, year, 'override', n);
    } catch (err) {
      return render(req, reply, year, { errors: ruleErrorsOf(err), values: { ...values, form: 'override' } }, 422);
    }
  });

  app.post<{ Params: { day: string } }>('/admin/calendar/overrides/:day/delete', async (req, reply) => {
    const day = req.params.day;
    if (!isValidDate(day)) throw new NotFoundError();
    const year = Number(day.slice(0, 4));
    try {
      return done(reply, year, 'deleted', await deleteOverride(commandContext(app, req), day));
    } catch (err) {
      return render(req, reply, inRange(year) ? year : Number(clock.today().slice(0, 4)), { errors: ruleErrorsOf(err) }, 422);
    }
  });

  app.post<{ Params: { year: string; action: string } }>('/admin/calendar/years/:year/:action', async (req, reply) => {
    const year = Number(req.params.year);
    if (!/^\d{4}$/.test(req.params.year) || !inRange(year) || (req.params.action !== 'confirm' && req.params.action !== 'unconfirm')) throw new NotFoundError();
    const values = { ...formValues(req.body), form: 'confirm' };
    try {
      if (req.params.action === 'unconfirm') return done(reply, year, 'unconfirmed', await unconfirmYear(commandContext(app, req), year));
      const parsed = parseInput(confirmSchema, req.body);
      if (!parsed.ok) return render(req, reply, year, { errors: parsed.errors, values }, 400);
      return done(reply, year, 'confirmed', await confirmYear(commandContext(app, req), { year, note: parsed.data.confirmNote }));
    } catch (err) {
      return render(req, reply, year, { errors: ruleErrorsOf(err), values }, 422);
    }
  });
}

const inRange = (year: number) => year >= FIRST_YEAR && year <= LAST_YEAR;

/** The raw form values to show again; the CSRF token is not echoed. */
function formValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) if (k !== '_csrf' && typeof v === 'string') out[k] = v;
  return out;
}
