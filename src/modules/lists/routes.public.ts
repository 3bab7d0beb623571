import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GoneError, NotFoundError } from '../../platform/http/errors.js';
import { serveCachedPage, spendRender } from '../../platform/http/page-cache.js';
import { renderHtml } from '../../platform/html/render.js';
import { idParam } from '../../platform/content/lifecycle.js';
import { findOrganizationBySlug, listOrganizations } from '../organizations/public.js';
import { listType } from './domain/list-types.js';
import { publicListUrl, publicVersionUrl } from './domain/labels.js';
import { diffRows } from './domain/rows.js';
import { findPublicVersionAddress, getPublicList, getPublishedVersion, listPublicLists, type PublicList, type PublicVersion } from './queries/public.js';
import { allRows, pageOfRows } from './queries/rows.js';
import { ListComparePage } from './views/compare-page.js';
import { ListsPage, ListVersionPage, ROWS_PAGE_SIZE } from './views/public-pages.js';
import { sendListWorkbook } from './export.js';

const pageOf = (s: unknown) => Math.max(1, Math.min(1000, Number(s) || 1));
const queryOf = (s: unknown) => (typeof s === 'string' ? s.trim().slice(0, 160) : '');
const versionNo = (s: string) => {
  if (!/^\d{1,6}$/.test(s)) throw new NotFoundError();
  return Number(s);
};

/**
 * The portal's lists (清单): only published versions, and only of lists that have a current one.
 * Drafts and versions in review have no public address at all; a withdrawn version answers 410.
 */
export async function publicListRoutes(app: FastifyInstance) {
  const { db } = app.deps;

  app.get<{ Querystring: { type?: string; org?: string } }>('/lists', (req, reply) =>
    serveCachedPage(app, req, reply, async () => {
      const type = req.query.type ? listType(req.query.type) : null;
      if (type === undefined) throw new NotFoundError('该清单类型不存在');
      const slug = typeof req.query.org === 'string' ? req.query.org : '';
      const org = slug ? (/^[a-z0-9-]{1,63}$/.test(slug) ? await findOrganizationBySlug(db, slug) : undefined) : null;
      if (org === undefined) throw new NotFoundError('该机构不存在');
      const [orgs, rows] = await Promise.all([listOrganizations(db), listPublicLists(db, { orgId: org?.id, type: type?.type })]);
      return renderHtml(ListsPage({ ctx: req.pageCtx, orgs, org, type, rows }));
    }, ['type', 'org']),
  );

  // The content kind's address of a version (catalog columns, feeds, the sitemap): its list's page while current, else its own.
  app.get<{ Params: { id: string } }>('/lists/version/:id', async (req, reply) => {
    const v = await findPublicVersionAddress(db, idParam(req.params.id));
    if (!v) throw new NotFoundError('清单不存在，或尚未发布。');
    return reply.redirect(v.current ? publicListUrl(v.list_id) : publicVersionUrl(v.list_id, v.version_no), 302);
  });

  async function publicList(id: number): Promise<PublicList> {
    const list = await getPublicList(db, id);
    if (!list) throw new NotFoundError('清单不存在，或尚未发布。');
    return list;
  }

  async function publishedVersion(list: PublicList, no: number): Promise<PublicVersion> {
    const v = await getPublishedVersion(db, list.id, no);
    if (!v) throw new NotFoundError('该版本不存在，或尚未发布。');
    if (v.status === 'withdrawn') throw new GoneError(`该版本已撤回，不再公开${v.withdrawal_reason && v.withdrawal_kind === 'notice' ? `。原因：${v.withdrawal_reason}` : '。'}`);
    return v;
  }

  async function renderVersion(req: FastifyRequest<{ Querystring: { q?: string; page?: string } }>, list: PublicList, version: PublicVersion) {
    const q = queryOf(req.query.q);
    const page = pageOf(req.query.page);
    const r = await pageOfRows(db, version.id, { q, limit: ROWS_PAGE_SIZE, offset: (page - 1) * ROWS_PAGE_SIZE });
    return renderHtml(ListVersionPage({ ctx: req.pageCtx, list, version, rows: r.rows, total: r.total, q, page }));
  }

  app.get<{ Params: { id: string }; Querystring: { q?: string; page?: string } }>('/lists/:id', (req, reply) =>
    serveCachedPage(app, req, reply, async () => {
      const list = await publicList(idParam(req.params.id));
      return renderVersion(req, list, list.current);
    }, ['q', 'page']),
  );

  app.get<{ Params: { id: string; v: string }; Querystring: { q?: string; page?: string } }>('/lists/:id/versions/:v', (req, reply) =>
    serveCachedPage(app, req, reply, async () => {
      const list = await publicList(idParam(req.params.id));
      return renderVersion(req, list, await publishedVersion(list, versionNo(req.params.v)));
    }, ['q', 'page']),
  );

  app.get<{ Params: { id: string }; Querystring: { from?: string; to?: string } }>('/lists/:id/compare', (req, reply) =>
    serveCachedPage(app, req, reply, async () => {
      const list = await publicList(idParam(req.params.id));
      const to = await publishedVersion(list, versionNo(String(req.query.to ?? list.current.version_no)));
      const before = list.versions.find((x) => x.version_no < to.version_no);
      const from = await publishedVersion(list, versionNo(String(req.query.from ?? before?.version_no ?? '')));
      const [a, b] = from.version_no <= to.version_no ? [from, to] : [to, from];
      const diff = diffRows(listType(list.list_type)!, await allRows(db, a.id), await allRows(db, b.id));
      return renderHtml(ListComparePage({ ctx: req.pageCtx, list, from: a, to: b, diff }));
    }, ['from', 'to']),
  );

  app.get<{ Params: { id: string; v: string } }>('/lists/:id/versions/:v/export.xlsx', async (req: FastifyRequest<{ Params: { id: string; v: string } }>, reply: FastifyReply) => {
    await spendRender(app, req, reply);
    const list = await publicList(idParam(req.params.id));
    const v = await publishedVersion(list, versionNo(req.params.v));
    return sendListWorkbook(reply, listType(list.list_type)!, v.title, v.version_no, await allRows(db, v.id));
  });
}
