import type { FastifyInstance } from 'fastify';
import { GoneError, NotFoundError } from '../../platform/http/errors.js';
import { serveCachedPage } from '../../platform/http/page-cache.js';
import { renderHtml } from '../../platform/html/render.js';
import { idParam } from '../documents/routes.public.js';
import { getPublicInterpretation } from './queries/public.js';
import { InterpretationPage } from './views/public-page.js';

export async function publicInterpretationRoutes(app: FastifyInstance) {
  const { db } = app.deps;

  // Published; withdrawn with a notice: 200, the page says why; withdrawn and taken down: 410, as
  // for documents; anything else is not public.
  app.get<{ Params: { id: string } }>('/interpretations/:id', (req, reply) =>
    serveCachedPage(app, req, reply, async () => {
      const item = await getPublicInterpretation(db, idParam(req.params.id));
      if (!item) throw new NotFoundError('政策解读不存在，或尚未发布。');
      if (item.status === 'withdrawn' && item.withdrawal_kind !== 'notice') throw new GoneError('该政策解读已撤下，不再公开。');
      return renderHtml(InterpretationPage({ ctx: req.pageCtx, item }));
    }),
  );
}
