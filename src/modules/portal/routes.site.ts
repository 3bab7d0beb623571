import type { FastifyInstance } from 'fastify';
import { siteUrl } from '../../platform/http/site-url.js';
import { serveCachedPage, spendRender } from '../../platform/http/page-cache.js';
import { buildFavicon } from '../../platform/html/favicon.js';
import { renderHtml } from '../../platform/html/render.js';
import { listPublicAddresses } from '../../platform/content/listing.js';
import { publicSections } from '../../platform/html/sections.js';
import { flattenTree, getCatalogForest, listOrganizations, visibleColumns, type CatalogNode } from '../organizations/public.js';
import { SitemapPage } from './views/sitemap-page.js';

const favicon = buildFavicon();

/** Crawlers read the public portal; the back office, personal centers and case tracking pages are nobody's search result. */
const NOT_CRAWLED = ['/admin', '/account', '/requests/', '/ask/referrals/', '/subscriptions/', '/prefs', '/search/'];

/**
 * What every site answers at its root: the sitemap for people (/sitemap) and for crawlers
 * (/sitemap.xml), robots.txt and the icon.
 */
export async function siteRoutes(app: FastifyInstance) {
  const { db, config } = app.deps;

  /** Every organization with the columns the public sees. */
  async function publicCatalogs() {
    const orgs = await listOrganizations(db);
    const forest = await getCatalogForest(db, orgs.map((o) => o.id));
    return { orgs, catalogs: new Map([...forest].map(([id, nodes]) => [id, visibleColumns(nodes)] as [number, CatalogNode[]])) };
  }

  /** The sections the modules declare, each with its own pages. */
  const sectionsWithPages = () => Promise.all(publicSections().map(async (s) => ({ ...s, pages: s.pages ? await s.pages(db) : [] })));

  app.get('/sitemap', (req, reply) => serveCachedPage(app, req, reply, async () => renderHtml(SitemapPage({ ctx: req.pageCtx, sections: await sectionsWithPages(), ...(await publicCatalogs()) }))));

  app.get('/sitemap.xml', async (req, reply) => {
    await spendRender(app, req, reply);
    const base = siteUrl(config);
    const [{ orgs, catalogs }, sections, items] = await Promise.all([publicCatalogs(), sectionsWithPages(), listPublicAddresses(db)]);
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    const day = (d: Date | string) => new Date(d).toISOString().slice(0, 10);
    const url = (path: string, updatedAt?: Date) => `<url><loc>${esc(`${base}${path}`)}</loc>${updatedAt ? `<lastmod>${day(updatedAt)}</lastmod>` : ''}</url>`;
    // As robots.txt reads a Disallow line: every path that starts with it.
    const crawled = (path: string) => !NOT_CRAWLED.some((p) => path.startsWith(p));
    const urls = [
      ...sections.filter((s) => crawled(s.href)).flatMap((s) => [url(s.href), ...s.pages.map((p) => url(p.href, p.updatedAt))]),
      url('/sitemap'),
      ...orgs.flatMap((o) => [
        url(`/org/${o.slug}`),
        url(`/org/${o.slug}/guide`),
        // Columns that hold something; the guide's column is the guide page above.
        ...flattenTree(catalogs.get(o.id) ?? []).filter(({ node }) => node.total > 0 && node.role !== 'guide').map(({ node }) => url(`/org/${o.slug}/catalog/${node.slug}`)),
      ]),
      // Every public item of every kind, as its kind addresses it.
      ...items.map((i) => url(i.url, i.updatedAt)),
    ];
    reply.type('application/xml; charset=utf-8');
    return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.join('')}</urlset>`;
  });

  app.get('/robots.txt', async (req, reply) => {
    reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600');
    return [
      'User-agent: *',
      'Allow: /',
      ...NOT_CRAWLED.map((p) => `Disallow: ${p}`),
      '',
      `Sitemap: ${siteUrl(config)}/sitemap.xml`,
      '',
    ].join('\n');
  });

  app.get('/favicon.ico', (_req, reply) => {
    reply.header('cache-control', 'public, max-age=604800').type('image/x-icon').send(favicon);
  });
}
