import type { FastifyInstance } from 'fastify';
import { BadRequestError } from '../../platform/http/errors.js';
import { itemAtPath, publicPathOf } from './domain/targets.js';
import { recorderOf } from './recorders.js';

const REFUSED = '跳转地址无效：只能打开本站政策文件等公开信息的页面。';

/**
 * Results opened from a search (点击): the library's result links go through here, which counts an
 * open for the query's week and sends the reader on (303). Only to an item's public page on this
 * site, as its kind addresses it: any other `to` — another site, `//host`, a scheme, an admin
 * page — is a 400, so the address is no open redirect.
 */
export async function publicSearchLogRoutes(app: FastifyInstance) {
  app.get<{ Querystring: { q?: unknown; to?: unknown } }>('/search/open', async (req, reply) => {
    const { q, to } = req.query;
    if (typeof to !== 'string' || !to) throw new BadRequestError(REFUSED);
    const item = itemAtPath(to);
    if (!item) throw new BadRequestError(REFUSED);
    if (typeof q === 'string' && q.length <= 400) recorderOf(app)?.recordOpen(q);
    reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex, nofollow');
    return reply.redirect(publicPathOf(item), 303);
  });
}
