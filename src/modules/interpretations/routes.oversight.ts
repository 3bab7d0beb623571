import type { FastifyInstance } from 'fastify';
import { actorOf, adminView, requireStaff } from '../../platform/http/admin.js';
import { ForbiddenError } from '../../platform/http/errors.js';
import { parseInput } from '../../platform/http/forms.js';
import { sendHtml } from '../../platform/html/render.js';
import { overseenScope } from './policy.js';
import { rateQuerySchema } from './schemas.js';
import { interpretationRate, listOverdueInterpretations } from './sync.js';
import { OverduePage, RatePage } from './views/oversight-pages.js';

export async function oversightRoutes(app: FastifyInstance) {
  const { db, clock } = app.deps;
  requireStaff(app);

  async function overseenOrgIds(actor: ReturnType<typeof actorOf>) {
    const orgIds = await overseenScope(db, actor);
    if (orgIds.length === 0) throw new ForbiddenError('只有政务公开办或管理员可以查看政策解读的督查统计。');
    return orgIds;
  }

  app.get('/admin/interpretations/overdue', async (req, reply) => {
    const actor = actorOf(req);
    const today = clock.today();
    const rows = await listOverdueInterpretations(db, await overseenOrgIds(actor), today);
    return sendHtml(reply, OverduePage({ ...adminView(req, reply), actorName: actor.displayName, rows, today }));
  });

  app.get<{ Querystring: Record<string, string> }>('/admin/interpretations/rate', async (req, reply) => {
    const actor = actorOf(req);
    const orgIds = await overseenOrgIds(actor);
    const values = { from: typeof req.query.from === 'string' ? req.query.from : '', to: typeof req.query.to === 'string' ? req.query.to : '' };
    const view = { ...adminView(req, reply), actorName: actor.displayName, values };
    const parsed = parseInput(rateQuerySchema, values);
    if (!parsed.ok) return sendHtml(reply, RatePage({ ...view, rows: [], from: '', to: '', errors: parsed.errors }), 400);
    // The current year by default.
    const year = clock.today().slice(0, 4);
    const from = parsed.data.from ?? `${year}-01-01`;
    const to = parsed.data.to ?? `${year}-12-31`;
    if (from > to) return sendHtml(reply, RatePage({ ...view, rows: [], from, to, errors: { to: '开始日期不能晚于结束日期' } }), 400);
    const rows = await interpretationRate(db, orgIds, from, to);
    return sendHtml(reply, RatePage({ ...view, values: { from, to }, rows, from, to }));
  });
}
