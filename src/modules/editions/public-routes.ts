import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { idParam } from '../../platform/content/lifecycle.js';
import { serveCachedPage, spendRender } from '../../platform/http/page-cache.js';
import { renderHtml } from '../../platform/html/render.js';
import { sendPublicComparison } from './compare-route.js';
import type { EditionItemType } from './record.js';

/** What a kind's public item routes need of it. */
export interface PublicItemRoutes<T extends { id: number }> {
  type: EditionItemType;
  /** The kind's public addresses: `${base}/:id` and `${base}/:id/compare`. */
  base: string;
  /**
   * The item as the public may see it, or a 404 / 410 thrown: `comparing` for its comparison of
   * editions, which a withdrawn item no longer has (see requirePublicPage).
   */
  load(id: number, comparing: boolean): Promise<T>;
  page(req: FastifyRequest, item: T): VNode;
  /** The heading of the comparison page. */
  title(item: T): string;
  /** 返回解读 / 返回问答 …: the comparison page's way back to the item. */
  backLabel: string;
  /** Query parameters the item's page reads (its cache keys them). */
  pageParams?: readonly string[];
}

/**
 * An item's public page (`base/:id`, through the page cache) and the comparison of two of its
 * public editions (`base/:id/compare?a=&b=`), the same for every kind with public editions.
 */
export function registerPublicItemRoutes<T extends { id: number }>(app: FastifyInstance, k: PublicItemRoutes<T>): void {
  app.get<{ Params: { id: string } }>(`${k.base}/:id`, (req, reply) =>
    serveCachedPage(app, req, reply, async () => renderHtml(k.page(req, await k.load(idParam(req.params.id), false))), k.pageParams),
  );
  app.get<{ Params: { id: string } }>(`${k.base}/:id/compare`, async (req, reply) => {
    await spendRender(app, req, reply);
    const item = await k.load(idParam(req.params.id), true);
    return sendPublicComparison(app.deps.db, req, reply, { type: k.type, id: item.id, title: k.title(item) }, { href: `${k.base}/${item.id}`, label: k.backLabel });
  });
}
