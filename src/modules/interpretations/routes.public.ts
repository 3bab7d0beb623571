import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../platform/http/errors.js';
import { serveCachedPage } from '../../platform/http/page-cache.js';
import { renderHtml } from '../../platform/html/render.js';
import { findOrganizationBySlug, listOrganizations } from '../organizations/public.js';
import { getPublicInterpretation, listPublicInterpretations } from './queries/public.js';
import { InterpretationPage } from './views/public-page.js';
import { registerPublicItemRoutes } from '../editions/public.js';
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
  // Two published editions side by side at /compare; a withdrawn interpretation has none to show.
  registerPublicItemRoutes(app, {
    type: 'interpretation',
    base: '/interpretations',
    load: async (id, comparing) => requirePublicPage(await getPublicInterpretation(db, id), WORDS, comparing),
    page: (req, item) => InterpretationPage({ ctx: req.pageCtx, item }),
    title: (item) => item.title,
    backLabel: '返回解读',
  });
}
