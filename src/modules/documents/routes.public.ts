import { sendAttachment } from '../../platform/files/download.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BadRequestError } from '../../platform/http/errors.js';
import { idParam } from '../../platform/content/lifecycle.js';
import { parseInput } from '../../platform/http/forms.js';
import { serveCachedPage, spendRender } from '../../platform/http/page-cache.js';
import { renderHtml } from '../../platform/html/render.js';
import type { Validity } from './domain/validity.js';
import { getAttachment, requirePublicDocument } from './queries/public.js';
import { searchDocuments, type SearchParams } from './queries/search.js';
import { loadReferenceLists, type ReferenceLists } from './queries/reference.js';
import { searchQuerySchema } from './schemas.js';
import { registerPublicItemRoutes } from '../editions/public.js';
import { toChinaDate } from '../../platform/clock/clock.js';
import { DocumentPage } from './views/document-page.js';
import { LibraryPage } from './views/library-page.js';
import { bestBetsFor, recordSearch } from '../search-log/public.js';

const INVALID: Validity[] = ['repealed', 'expired', 'partially_invalid'];
const SEARCH_PARAMS = Object.keys(searchQuerySchema.shape);

export async function publicDocumentRoutes(app: FastifyInstance) {
  const { db, clock, storage } = app.deps;

  /** Parses and checks the library's query string; unknown filter values are a 400, not ignored. */
  async function searchParams(req: FastifyRequest, preset: Partial<SearchParams> = {}): Promise<{ params: SearchParams; refs: ReferenceLists }> {
    const parsed = parseInput(searchQuerySchema, req.query);
    if (!parsed.ok) throw new BadRequestError(Object.values(parsed.errors).join('；'));
    const q = parsed.data;
    const refs = await loadReferenceLists(db);
    const unknown = (label: string, values: (string | number)[], known: Set<string | number>) => {
      const bad = values.filter((v) => !known.has(v));
      if (bad.length) throw new BadRequestError(`未知的${label}：${bad.join('、')}`);
    };
    unknown('文种', q.docType, refs.docTypes);
    unknown('服务对象', q.audience, refs.audiences);
    unknown('主题分类', q.topic, refs.topicIds);
    unknown('公开机构', q.org, refs.orgIds);
    const params: SearchParams = {
      q: q.q,
      docTypes: q.docType,
      issuers: q.issuer,
      years: q.year,
      topics: q.topic,
      audiences: q.audience,
      validities: q.validity.length ? q.validity : (preset.validities ?? []),
      orgs: q.org,
      provenances: q.provenance,
      sort: q.sort ?? preset.sort ?? (q.q ? 'relevance' : 'date'),
      page: q.page ?? 1,
      pageSize: q.pageSize ?? 20,
    };
    return { params, refs };
  }

  /** One search's results, shared by the library's pages in every display mode and the API while they are current. */
  const search = (params: SearchParams) => app.pageCache.memo(`library:${JSON.stringify({ ...params, q: params.q.replace(/\s+/g, ' ') })}`, () => searchDocuments(db, params));

  /** What each library address found when it was last rendered (more than the page cache holds), to count it when served from the cache. */
  const totals = new Map<string, number>();

  async function renderLibrary(req: FastifyRequest, preset: Partial<SearchParams> = {}): Promise<string> {
    const { params, refs } = await searchParams(req, preset);
    const [result, bestBets] = await Promise.all([search(params), params.q && params.page === 1 ? bestBetsFor(db, params.q) : []]);
    totals.delete(req.url);
    totals.set(req.url, result.total);
    if (totals.size > 10_000) totals.delete(totals.keys().next().value!);
    const baseQuery = new URLSearchParams(Object.entries(req.query as Record<string, string | string[]>).flatMap(([k, v]) => (k === 'page' ? [] : (Array.isArray(v) ? v : [v]).map((x) => [k, x] as [string, string])))).toString();
    return renderHtml(LibraryPage({ ctx: req.pageCtx, params, result, orgNames: refs.orgNames, topicNames: refs.topicNames, baseQuery, bestBets }));
  }

  /**
   * A library page, and its search counted (search-log): on every request, outside the page cache,
   * whose page is the same for everyone (the library's addresses with a query skip the raw cache
   * path to reach this handler).
   */
  async function library(req: FastifyRequest, reply: FastifyReply, preset: Partial<SearchParams> = {}) {
    const sent = await serveCachedPage(app, req, reply, () => renderLibrary(req, preset), SEARCH_PARAMS);
    const { q, page } = req.query as { q?: string; page?: string };
    const total = totals.get(req.url);
    if (typeof q === 'string' && total !== undefined && (reply.statusCode === 200 || reply.statusCode === 304)) recordSearch(app, { q, total, page: Number(page ?? 1) });
    return sent;
  }
  app.pageCache.passThrough('/library', 'q');
  app.pageCache.passThrough('/library/invalid', 'q');

  app.get('/library', (req, reply) => library(req, reply));
  app.get('/library/invalid', (req, reply) => library(req, reply, { validities: INVALID, sort: 'date' }));

  // ?print=1 is the print view (打印 without script); the page cache keys it by its own URL.
  registerPublicItemRoutes(app, {
    type: 'document',
    base: '/documents',
    load: (id) => requirePublicDocument(db, id, clock.today()),
    page: (req, doc) => DocumentPage({ ctx: req.pageCtx, doc, print: (req.query as { print?: string }).print === '1' }),
    title: (doc) => doc.title,
    backLabel: '返回文件',
    pageParams: ['print'],
  });

  app.get<{ Params: { id: string; aid: string } }>('/documents/:id/attachments/:aid', async (req, reply) => {
    const att = await getAttachment(db, idParam(req.params.id), idParam(req.params.aid));
    return sendAttachment(reply, storage, att, req.params.aid);
  });

  // JSON API for other systems (the same search and visibility rules as the portal).
  app.get('/api/v1/documents', async (req, reply) => {
    const { params } = await searchParams(req);
    await spendRender(app, req, reply);
    const r = await search(params);
    const base = app.deps.config.publicUrl ?? '';
    return {
      total: r.total,
      // true: total and facet counts are estimates (the query matched thousands of documents).
      approximate: r.approximate,
      items: r.items.map((d) => ({
        id: d.id, sourceId: d.sourceId, title: d.title, docNo: d.docNo, issuers: d.issuers, publishedOn: d.publishedOn, validity: d.validity,
        provenance: d.provenance, issuerLevel: d.issuerLevel, url: `${base}/documents/${d.id}`, snippet: d.snippet,
      })),
      facets: r.facets,
      // How the query was read: words looked for as others, words not found, a corrected query, results holding only most words.
      reading: {
        words: r.reading.words.map((w) => ({ word: w.text, found: w.found, as: w.as })),
        explained: r.reading.words.filter((w) => w.as.length).map((w) => ({ word: w.text, as: w.as })),
        unmatched: r.reading.unmatched,
        suggestion: r.reading.suggestion,
        partial: r.reading.partial,
        docNumbers: r.reading.docNumbers,
      },
    };
  });

  app.get<{ Params: { id: string } }>('/api/v1/documents/:id', async (req) => {
    const d = await requirePublicDocument(db, idParam(req.params.id), clock.today());
    return {
      id: d.id,
      sourceId: d.source_id,
      indexNo: d.index_no,
      // own: the organization's disclosure; law / superior: reference material kept by the site (no 索引号, no organization).
      provenance: d.provenance,
      issuerLevel: d.issuer_level,
      title: d.title,
      docNo: d.doc_no,
      issuers: d.issuers,
      docType: d.doc_type,
      topic: d.topic ? (d.parent_topic ? `${d.parent_topic}\\${d.topic}` : d.topic) : null,
      audiences: d.audiences,
      organization: d.provenance === 'own' ? d.org_name : null,
      writtenOn: d.written_on,
      publishedOn: d.published_on,
      effectiveOn: d.effective_on,
      expiresOn: d.expires_on,
      validity: d.validity.validity,
      validitySince: d.validity.since,
      validityCause: d.validity.cause,
      relations: d.relations.map((r) => ({ kind: r.kind, effectiveOn: r.effective_on, byDocumentId: r.by_document_id, byTitle: r.title })),
      attachments: d.attachments.map((a) => ({ id: a.id, fileName: a.file_name, size: a.size_bytes, url: `/documents/${d.id}/attachments/${a.id}` })),
      // Published editions only, each with its date and public change note.
      editions: d.editions.map((e) => ({ edition: e.editionNo, publishedOn: toChinaDate(e.publishedAt), changeNote: e.changeNote || null, compareUrl: e.editionNo > 1 ? `/documents/${d.id}/compare?a=${e.editionNo - 1}&b=${e.editionNo}` : null })),
      bodyHtml: d.body_html,
      withdrawn: d.status === 'withdrawn' ? { at: d.withdrawn_at, reason: d.withdrawal_reason } : null,
      url: `${app.deps.config.publicUrl ?? ''}/documents/${d.id}`,
    };
  });
}


