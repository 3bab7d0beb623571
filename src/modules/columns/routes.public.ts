import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../platform/http/errors.js';
import { canonicalUrl, serveCachedPage, spendRender } from '../../platform/http/page-cache.js';
import { siteUrl } from '../../platform/http/site-url.js';
import { renderHtml } from '../../platform/html/render.js';
import { findOrganizationBySlug } from '../organizations/public.js';
import { columnAtom } from './feed.js';
import { SLUG_PATTERN } from './domain/rules.js';
import { columnOwnerName, countColumnItems, findPublicColumn, publicColumnPath, listColumnItems, listPublicTopColumns, publicDescendants, type PublicColumn } from './queries/public.js';
import { COLUMN_PAGE_SIZE, ColumnPage, ColumnsPage } from './views/public-pages.js';

/** The public 专题/专栏 pages: only visible columns, only accepted items that are public by their kind's rule. */
export async function publicColumnRoutes(app: FastifyInstance) {
  const { db, config, storage } = app.deps;

  async function columnOr404(slug: string): Promise<PublicColumn> {
    const column = SLUG_PATTERN.test(slug) ? await findPublicColumn(db, slug) : undefined;
    if (!column) throw new NotFoundError('该专题专栏不存在');
    return column;
  }

  /** The column and every visible column below it: a column lists its sub-columns' items too. */
  const subtree = (column: PublicColumn, below: PublicColumn[]) => [column.id, ...below.map((b) => b.id)];
  function idsUnder(id: number, below: PublicColumn[]): number[] {
    const out = [id];
    for (const b of below) if (b.parent_id !== null && out.includes(b.parent_id)) out.push(b.id);
    return out;
  }

  app.get<{ Querystring: { org?: string } }>('/columns', (req, reply) =>
    serveCachedPage(app, req, reply, async () => {
      const slug = typeof req.query.org === 'string' ? req.query.org : '';
      const org = slug ? (SLUG_PATTERN.test(slug) ? await findOrganizationBySlug(db, slug) : undefined) : null;
      if (org === undefined) throw new NotFoundError('该机构不存在');
      const columns = await listPublicTopColumns(db, org?.id);
      return renderHtml(ColumnsPage({ ctx: req.pageCtx, columns, org: org ? { name: org.name, slug: org.slug } : null }));
    }, ['org']),
  );

  app.get<{ Params: { slug: string }; Querystring: { page?: string } }>('/columns/:slug', (req, reply) =>
    serveCachedPage(app, req, reply, async () => {
      const column = await columnOr404(req.params.slug);
      const page = Math.max(1, Math.min(1000, Number(req.query.page) || 1));
      const below = await publicDescendants(db, column.id);
      const children = below.filter((b) => b.parent_id === column.id);
      const [r, counts, owner, path] = await Promise.all([
        listColumnItems(db, subtree(column, below), { limit: COLUMN_PAGE_SIZE, offset: (page - 1) * COLUMN_PAGE_SIZE }),
        Promise.all(children.map((c) => countColumnItems(db, idsUnder(c.id, below)))),
        columnOwnerName(db, column),
        publicColumnPath(db, column),
      ]);
      return renderHtml(ColumnPage({ ctx: req.pageCtx, column, ownerName: owner, path, children: children.map((c, i) => ({ ...c, count: counts[i]! })), rows: r.rows, total: r.total, page }));
    }, ['page']),
  );

  app.get<{ Params: { slug: string } }>('/columns/:slug/feed.atom', async (req, reply) => {
    await spendRender(app, req, reply);
    const column = await columnOr404(req.params.slug);
    const below = await publicDescendants(db, column.id);
    const r = await listColumnItems(db, subtree(column, below), { limit: 50 });
    const base = siteUrl(config);
    reply.type('application/atom+xml; charset=utf-8');
    return columnAtom({ id: `${base}/columns/${column.slug}/feed.atom`, title: `${config.siteName} · ${column.name}`, siteUrl: base, selfUrl: `${base}${canonicalUrl(req.url, [])}`, rows: r.rows });
  });

  // The banner is served only while the column is public.
  app.get<{ Params: { slug: string } }>('/columns/:slug/banner', async (req, reply) => {
    const column = await columnOr404(req.params.slug);
    if (!column.banner_key || !column.banner_type) throw new NotFoundError('该专题没有横幅图片');
    const file = await storage.read(column.banner_key);
    reply.header('content-length', file.size).header('cache-control', 'public, max-age=300').type(column.banner_type);
    return reply.send(file.stream);
  });
}
