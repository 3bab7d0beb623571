import type { FastifyInstance } from 'fastify';
import { BadRequestError } from '../../platform/http/errors.js';
import { parseInput } from '../../platform/http/forms.js';
import { serveCachedPage } from '../../platform/http/page-cache.js';
import { renderHtml } from '../../platform/html/render.js';
import { getPublicQa, searchQa, topicExists } from './queries/public.js';
import { qaSearchSchema } from './schemas.js';
import { QaEntryPage } from './views/entry-page.js';
import { QaLibraryPage } from './views/library-page.js';
import { questionHeadline } from './domain/labels.js';
import { registerPublicItemRoutes } from '../editions/public.js';
import { requirePublicPage } from '../../platform/content/admin-routes.js';

const PAGE_SIZE = 20;

const WORDS = { notFound: '政策问答不存在，或尚未发布。', gone: '该政策问答已撤下，不再公开。' };

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
  // Two published editions side by side at /compare; a withdrawn entry has none to show.
  registerPublicItemRoutes(app, {
    type: 'qa',
    base: '/qa',
    load: async (id, comparing) => requirePublicPage(await getPublicQa(db, id), WORDS, comparing),
    page: (req, entry) => QaEntryPage({ ctx: req.pageCtx, entry }),
    title: (entry) => questionHeadline(entry.question, 60),
    backLabel: '返回问答',
  });
}
