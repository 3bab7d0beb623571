import type { FastifyInstance } from 'fastify';
import { BadRequestError, GoneError, NotFoundError } from '../../platform/http/errors.js';
import { parseInput } from '../../platform/http/forms.js';
import { serveCachedPage, spendRender } from '../../platform/http/page-cache.js';
import { renderHtml } from '../../platform/html/render.js';
import { idParam } from '../../platform/content/lifecycle.js';
import { getPublicQa, searchQa, topicExists } from './queries/public.js';
import { qaSearchSchema } from './schemas.js';
import { QaEntryPage } from './views/entry-page.js';
import { QaLibraryPage } from './views/library-page.js';
import { questionHeadline } from './domain/labels.js';
import { comparePublicEditions, PublicComparePage } from '../editions/public.js';

const PAGE_SIZE = 20;

export async function publicQaRoutes(app: FastifyInstance) {
  const { db } = app.deps;

  app.get('/qa', (req, reply) =>
    serveCachedPage(app, req, reply, async () => {
      const parsed = parseInput(qaSearchSchema, req.query);
      if (!parsed.ok) throw new BadRequestError(Object.values(parsed.errors).join('；'));
      const p = { ...parsed.data, topicId: parsed.data.topic, pageSize: PAGE_SIZE };
      if (p.topicId !== null && !(await topicExists(db, p.topicId))) throw new BadRequestError(`未知的主题分类：${p.topicId}`);
      const result = await searchQa(db, p);
      return renderHtml(QaLibraryPage({ ctx: req.pageCtx, params: p, result }));
    }, Object.keys(qaSearchSchema.shape)),
  );

  // Published; withdrawn with a notice: 200, the page says why; withdrawn and taken down: 410, as
  // for documents; anything else is not public.
  app.get<{ Params: { id: string } }>('/qa/:id', (req, reply) =>
    serveCachedPage(app, req, reply, async () => {
      const entry = await getPublicQa(db, idParam(req.params.id));
      if (!entry) throw new NotFoundError('政策问答不存在，或尚未发布。');
      if (entry.status === 'withdrawn' && entry.withdrawal_kind !== 'notice') throw new GoneError('该政策问答已撤下，不再公开。');
      return renderHtml(QaEntryPage({ ctx: req.pageCtx, entry }));
    }),
  );

  // Two published editions side by side; a withdrawn entry has none to show.
  app.get<{ Params: { id: string } }>('/qa/:id/compare', async (req, reply) => {
    await spendRender(app, req, reply);
    const entry = await getPublicQa(db, idParam(req.params.id));
    if (!entry) throw new NotFoundError('政策问答不存在，或尚未发布。');
    if (entry.status === 'withdrawn') throw new GoneError('该政策问答已撤下，不再公开。');
    const comparison = await comparePublicEditions(db, { type: 'qa', id: entry.id }, req.query);
    return reply.type('text/html; charset=utf-8').send(renderHtml(PublicComparePage({ ctx: req.pageCtx, title: questionHeadline(entry.question, 60), href: `/qa/${entry.id}`, backLabel: '返回问答', comparison })));
  });
}
