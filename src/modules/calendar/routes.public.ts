import type { FastifyInstance, FastifyRequest } from 'fastify';
import { loadWorkingCalendar } from '../../platform/calendar/store.js';
import { explainDeadline } from '../../platform/calendar/working-calendar.js';
import { BadRequestError } from '../../platform/http/errors.js';
import { parseInput, type FormResult } from '../../platform/http/forms.js';
import { sendHtml } from '../../platform/html/render.js';
import { deadlineQuerySchema } from './schemas.js';
import { DeadlinePage } from './views/deadline-page.js';

type DeadlineQuery = { receivedOn: string; workingDays: number };

/**
 * The public deadline calculator (答复期限计算器) and its JSON API, on the same calendar the
 * disclosure-request clock uses (the administrator's overrides included). Not page-cached: the
 * answer changes with the calendar.
 */
export async function publicCalendarRoutes(app: FastifyInstance) {
  const { db, clock } = app.deps;

  const parse = (req: FastifyRequest): FormResult<DeadlineQuery> => parseInput(deadlineQuerySchema, req.query);
  const compute = async (q: DeadlineQuery) => explainDeadline(await loadWorkingCalendar(db), q.receivedOn, q.workingDays);

  app.get<{ Querystring: Record<string, string | undefined> }>('/deadline', async (req, reply) => {
    const raw = req.query;
    const values = { receivedOn: typeof raw.receivedOn === 'string' ? raw.receivedOn : clock.today(), workingDays: typeof raw.workingDays === 'string' ? raw.workingDays : '20' };
    // A first visit: the form, filled with today.
    if (raw.receivedOn === undefined && raw.workingDays === undefined) return sendHtml(reply, DeadlinePage({ ctx: req.pageCtx, values, result: null }));
    const parsed = parse(req);
    if (!parsed.ok) return sendHtml(reply, DeadlinePage({ ctx: req.pageCtx, values, errors: parsed.errors, result: null }), 400);
    const r = await compute(parsed.data);
    return sendHtml(reply, DeadlinePage({ ctx: req.pageCtx, values, result: { ...parsed.data, ...r } }));
  });

  // JSON API for other systems: the same answer as the calculator.
  app.get('/api/v1/deadline', async (req) => {
    const parsed = parse(req);
    if (!parsed.ok) throw new BadRequestError(Object.values(parsed.errors).join('；'));
    const r = await compute(parsed.data);
    return { dueOn: r.dueOn, provisional: r.provisional, explanation: r.explanation };
  });
}
