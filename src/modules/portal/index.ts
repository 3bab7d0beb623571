import { listCatalogItems } from '../../platform/content/listing.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { siteUrl } from '../../platform/http/site-url.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { canonicalUrl, serveCachedPage, spendRender } from '../../platform/http/page-cache.js';
import { MODE_COOKIE, parseMode } from '../../platform/html/page-context.js';
import { renderHtml } from '../../platform/html/render.js';
import { countPublicDocuments, listPublished } from '../documents/public.js';
import type { Organization } from '../../db/schema.js';
import { findOrganizationBySlug, flattenTree, getCatalogTree, listOrganizations, subtreeIds, visibleColumns, type CatalogNode } from '../organizations/public.js';
import { findOrganizationRedirect } from '../organizations/public.js';
import { documentsAtom } from './feeds.js';
import { adminPortalRoutes } from './routes.admin.js';
import { siteRoutes } from './routes.site.js';
import { CatalogPage, GuidePage, HomePage, OrganizationPortal, OrganizationsPage } from './views/pages.js';
import { registerPublicSection } from '../../platform/html/sections.js';

/** The public portal: home, organizations with their catalogs and guides, feeds, sitemap. */
export default async function portal(app: FastifyInstance) {
  registerPublicSection({ href: '/', label: '首页', order: 0, nav: true });
  registerPublicSection({ href: '/organizations', label: '信息公开机构', order: 80, nav: true });
  const { db, config } = app.deps;
  // A renamed, merged or split organization's old addresses lead to its successor's (301).
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/org/')) return;
    const to = await findOrganizationRedirect(db, req.url);
    if (to) return reply.redirect(to, 301);
  });
  await app.register(adminPortalRoutes);
  await app.register(siteRoutes);

  /** An organization's columns with what the public can see in each. */
  const publicCatalog = (orgId: number) => getCatalogTree(db, orgId);

  async function orgOr404(slug: string) {
    const org = /^[a-z0-9-]{1,63}$/.test(slug) ? await findOrganizationBySlug(db, slug) : undefined;
    if (!org) throw new NotFoundError('该机构不存在');
    return org;
  }

  app.get('/', (req, reply) =>
    serveCachedPage(app, req, reply, async () => {
      const [orgs, latest, counts] = await Promise.all([
        listOrganizations(db),
        listPublished(db, { limit: 10 }),
        countPublicDocuments(db),
      ]);
      return renderHtml(HomePage({ ctx: req.pageCtx, orgs, latest: latest.rows, counts }));
    }),
  );

  app.get('/organizations', (req, reply) => serveCachedPage(app, req, reply, async () => renderHtml(OrganizationsPage({ ctx: req.pageCtx, orgs: await listOrganizations(db) }))));

  app.get<{ Params: { slug: string } }>('/org/:slug', (req, reply) =>
    serveCachedPage(app, req, reply, async () => {
      const org = await orgOr404(req.params.slug);
      const [catalog, latest, all] = await Promise.all([publicCatalog(org.id), listPublished(db, { orgId: org.id, limit: 10 }), listOrganizations(db)]);
      return renderHtml(OrganizationPortal({ ctx: req.pageCtx, org, catalog: visibleColumns(catalog), latest: latest.rows, children: all.filter((o) => o.parent_id === org.id) }));
    }),
  );

  /** The guide, with whatever is filed in its column (a printable version, say). */
  async function guidePage(req: FastifyRequest, org: Organization, catalog: CatalogNode[]) {
    const node = flattenTree(catalog).find((n) => n.node.role === 'guide')?.node;
    const files = node && node.total > 0 ? await listPublished(db, { orgId: org.id, catalogNodeIds: subtreeIds(node), limit: 50 }) : null;
    return renderHtml(GuidePage({ ctx: req.pageCtx, org, files: files?.rows ?? [] }));
  }

  app.get<{ Params: { slug: string } }>('/org/:slug/guide', (req, reply) =>
    serveCachedPage(app, req, reply, async () => {
      const org = await orgOr404(req.params.slug);
      return guidePage(req, org, await publicCatalog(org.id));
    }),
  );

  app.get<{ Params: { slug: string; node: string }; Querystring: { page?: string } }>('/org/:slug/catalog/:node', (req, reply) =>
    serveCachedPage(app, req, reply, async () => {
      const org = await orgOr404(req.params.slug);
      const catalog = await publicCatalog(org.id);
      const node = flattenTree(catalog).find((n) => n.node.slug === req.params.node)?.node;
      if (!node) throw new NotFoundError('该栏目不存在');
      // The menu links the guide's own page; its column's address shows the same guide.
      if (node.role === 'guide') return guidePage(req, org, catalog);
      const page = Math.max(1, Math.min(1000, Number(req.query.page) || 1));
      // Every kind filed in the column or below it (documents, interpretations in 政策解读, notices, lists …), newest first.
      const r = await listCatalogItems(db, { orgId: org.id, nodeIds: subtreeIds(node), limit: 20, offset: (page - 1) * 20 });
      return renderHtml(CatalogPage({ ctx: req.pageCtx, org, catalog: visibleColumns(catalog), node, rows: r.rows, total: r.total, page }));
    }, ['page']),
  );

  const topicParam = (q: { topic?: string }) => (q.topic && /^\d{1,9}$/.test(q.topic) ? Number(q.topic) : undefined);

  app.get<{ Querystring: { topic?: string } }>('/feed.atom', async (req, reply) => {
    await spendRender(app, req, reply);
    const topicId = topicParam(req.query);
    const r = await listPublished(db, { topicId, limit: 50 });
    reply.type('application/atom+xml; charset=utf-8');
    return documentsAtom({ id: `${siteUrl(config)}/feed.atom${topicId ? `?topic=${topicId}` : ''}`, title: `${config.siteName} · 最新政策文件`, siteUrl: siteUrl(config), selfUrl: `${siteUrl(config)}${canonicalUrl(req.url, ['topic'])}`, rows: r.rows });
  });

  app.get<{ Params: { slug: string }; Querystring: { topic?: string } }>('/org/:slug/feed.atom', async (req, reply) => {
    await spendRender(app, req, reply);
    const org = await orgOr404(req.params.slug);
    const topicId = topicParam(req.query);
    const r = await listPublished(db, { orgId: org.id, topicId, limit: 50 });
    reply.type('application/atom+xml; charset=utf-8');
    return documentsAtom({ id: `${siteUrl(config)}/org/${org.slug}/feed.atom${topicId ? `?topic=${topicId}` : ''}`, title: `${org.name} · 最新公开信息`, siteUrl: siteUrl(config), selfUrl: `${siteUrl(config)}${canonicalUrl(req.url, ['topic'])}`, rows: r.rows });
  });

  // Display mode (大字版 / 高对比度) without script: a link sets a cookie and returns to the page.
  app.get<{ Querystring: { mode?: string; back?: string } }>('/prefs', async (req, reply) => {
    const mode = parseMode(req.query.mode);
    const back = req.query.back && req.query.back.startsWith('/') && !req.query.back.startsWith('//') ? req.query.back : '/';
    reply.setCookie(MODE_COOKIE, mode, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax', httpOnly: true });
    return reply.redirect(back, 303);
  });
}
