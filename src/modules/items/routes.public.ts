import { sendAttachment } from '../../platform/files/download.js';
import type { FastifyInstance } from 'fastify';
import { idParam } from '../../platform/content/lifecycle.js';
import { GoneError, NotFoundError } from '../../platform/http/errors.js';
import { canonicalUrl, serveCachedPage, spendRender } from '../../platform/http/page-cache.js';
import { siteUrl } from '../../platform/http/site-url.js';
import { renderHtml } from '../../platform/html/render.js';
import { registerPublicItemRoutes } from '../editions/public.js';
import { requirePublicPage } from '../../platform/content/admin-routes.js';
import { findOrganizationBySlug, listOrganizations } from '../organizations/public.js';
import { findCategory } from './domain/categories.js';
import { getPublicAttachment, getPublicItem, listPublicItems } from './queries/public.js';
import { itemsAtom } from './views/feed.js';
import { ITEMS_PAGE_SIZE, ItemsPage } from './views/public-list.js';
import { ItemPage } from './views/public-page.js';

const WORDS = { notFound: '信息不存在，或尚未发布。', gone: '该信息已撤下，不再公开。' };

export async function publicItemRoutes(app: FastifyInstance) {
  const { db, clock, config, storage } = app.deps;

  /** ?category=通知公告 (or its code) and ?org=slug: unknown ones are “not found”, never ignored. */
  async function filters(q: { category?: string; org?: string }) {
    const c = typeof q.category === 'string' && q.category ? findCategory(q.category) : null;
    if (c === undefined) throw new NotFoundError('该栏目类别不存在');
    const slug = typeof q.org === 'string' ? q.org : '';
    const org = slug ? (/^[a-z0-9-]{1,63}$/.test(slug) ? await findOrganizationBySlug(db, slug) : undefined) : null;
    if (org === undefined) throw new NotFoundError('该机构不存在');
    return { category: c, org };
  }

  app.get<{ Querystring: { category?: string; org?: string; page?: string } }>('/items', (req, reply) =>
    serveCachedPage(app, req, reply, async () => {
      const { category, org } = await filters(req.query);
      const page = Math.max(1, Math.min(1000, Number(req.query.page) || 1));
      const [orgs, r] = await Promise.all([
        listOrganizations(db),
        listPublicItems(db, { category: category?.code, orgId: org?.id, limit: ITEMS_PAGE_SIZE, offset: (page - 1) * ITEMS_PAGE_SIZE }),
      ]);
      return renderHtml(ItemsPage({ ctx: req.pageCtx, orgs, org, category, rows: r.rows, total: r.total, page }));
    }, ['category', 'org', 'page']),
  );

  app.get<{ Querystring: { category?: string; org?: string } }>('/items/feed.atom', async (req, reply) => {
    await spendRender(app, req, reply);
    const { category, org } = await filters(req.query);
    const r = await listPublicItems(db, { category: category?.code, orgId: org?.id, limit: 50 });
    const base = siteUrl(config);
    reply.type('application/atom+xml; charset=utf-8');
    return itemsAtom({ id: `${base}${canonicalUrl(req.url, ['category', 'org'])}`, title: `${config.siteName} · ${org?.name ?? ''}${category?.label ?? '公开信息'}`, siteUrl: base, selfUrl: `${base}${canonicalUrl(req.url, ['category', 'org'])}`, rows: r.rows });
  });

  // Public; withdrawn with a notice, or a 公示 taken down at the end of its period: the page with a
  // short notice only; withdrawn and removed: 410; anything else is not public.
  // Its editions side by side at /compare, only while it is public (not once taken down either).
  registerPublicItemRoutes(app, {
    type: 'info',
    base: '/items',
    async load(id, comparing) {
      const item = requirePublicPage(await getPublicItem(db, id), WORDS);
      if (comparing && !item.is_public) throw new GoneError(WORDS.gone);
      return item;
    },
    page: (req, item) => ItemPage({ ctx: req.pageCtx, item, today: clock.today() }),
    title: (item) => item.title,
    backLabel: '返回信息',
  });

  // An attachment is served only while its item is public.
  app.get<{ Params: { id: string; aid: string } }>('/items/:id/attachments/:aid', async (req, reply) => {
    const att = await getPublicAttachment(db, idParam(req.params.id), idParam(req.params.aid));
    return sendAttachment(reply, storage, att, req.params.aid);
  });
}
