import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../platform/http/errors.js';
import { serveCachedPage, spendRender } from '../../platform/http/page-cache.js';
import { renderHtml } from '../../platform/html/render.js';
import { idParam } from '../../platform/content/lifecycle.js';
import { findOrganizationBySlug, listOrganizations } from '../organizations/public.js';
import { getPublicInterpretation, listPublicInterpretations } from './queries/public.js';
import { InterpretationPage } from './views/public-page.js';
import { sendPublicComparison } from '../editions/public.js';
import { requirePublicPage } from '../../platform/content/admin-routes.js';
import { INTERPRETATIONS_PAGE_SIZE, InterpretationsPage } from './views/public-list.js';

const WORDS = { notFound: '政策解读不存在，或尚未发布。', gone: '该政策解读已撤下，不再公开。' };

export async function publicInterpretationRoutes(app: FastifyInstance) {
  const { db } = app.deps;

  // Every organization's published interpretations, or one organization's (?org=slug).
  app.get<{ Querystring: { org?: string; page?: string } }>('/interpretations', (req, reply) =>
    serveCachedPage(app, req, reply, async () => {
      const slug = typeof req.query.org === 'string' ? req.query.org : '';
      const org = slug ? (/^[a-z0-9-]{1,63}$/.test(slug) ? await findOrganizationBySlug(db, slug) : undefined) : null;
      if (org === undefined) throw new NotFoundError('该机构不存在');
      const page = Math.max(1, Math.min(1000, Number(req.query.page) || 1));
      const [orgs, r] = await Promise.all([
        listOrganizations(db),
        listPublicInterpretations(db, { orgId: org?.id, limit: INTERPRETATIONS_PAGE_SIZE, offset: (page - 1) * INTERPRETATIONS_PAGE_SIZE }),
      ]);
      return renderHtml(InterpretationsPage({ ctx: req.pageCtx, orgs, org, rows: r.rows, total: r.total, page }));
    }, ['org', 'page']),
  );

  // Published; withdrawn with a notice: 200, the page says why; withdrawn and taken down: 410, as
  // for documents; anything else is not public.
  app.get<{ Params: { id: string } }>('/interpretations/:id', (req, reply) =>
    serveCachedPage(app, req, reply, async () => {
      const item = requirePublicPage(await getPublicInterpretation(db, idParam(req.params.id)), WORDS);
      return renderHtml(InterpretationPage({ ctx: req.pageCtx, item }));
    }),
  );

  // Two published editions side by side; a withdrawn interpretation has none to show.
  app.get<{ Params: { id: string } }>('/interpretations/:id/compare', async (req, reply) => {
    await spendRender(app, req, reply);
    const item = requirePublicPage(await getPublicInterpretation(db, idParam(req.params.id)), WORDS, true);
    return sendPublicComparison(db, req, reply, { type: 'interpretation', id: item.id, title: item.title }, { href: `/interpretations/${item.id}`, label: '返回解读' });
  });
}
