import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
/**
 * A short-lived cache of rendered public pages. Local writes clear it at once; other app
 * instances see a change within `ttlSeconds` (public pages may lag that long; nothing that must
 * agree between instances is kept here). Bounded so it cannot grow without limit.
 */
export class PageCache {
  private entries = new Map<string, { html: string; etag: string; expires: number }>();
  constructor(
    private ttlSeconds: number,
    private maxEntries = 5000,
  ) {}

  get(key: string, now = Date.now()): { html: string; etag: string } | null {
    const e = this.entries.get(key);
    if (!e) return null;
    if (e.expires <= now) {
      this.entries.delete(key);
      return null;
    }
    return e;
  }

  set(key: string, html: string, now = Date.now()): { html: string; etag: string } {
    if (this.ttlSeconds === 0) return { html, etag: '' };
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    const entry = { html, etag: `W/"${(now + this.entries.size).toString(36)}"`, expires: now + this.ttlSeconds * 1000 };
    this.entries.set(key, entry);
    return entry;
  }

  clear(): void {
    this.entries.clear();
  }
}


/**
 * Serves a public page from the cache, rendering it on a miss; answers 304 when the browser's
 * copy is current. The key is the URL and the display mode, the only inputs of a public page.
 */
export async function serveCachedPage(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, render: () => Promise<string>): Promise<FastifyReply> {
  const key = `${req.pageCtx.mode}|${req.url}`;
  const entry = app.pageCache.get(key) ?? app.pageCache.set(key, await render());
  reply.type('text/html; charset=utf-8').header('cache-control', 'public, max-age=0, must-revalidate');
  if (entry.etag) {
    reply.header('etag', entry.etag);
    if (req.headers['if-none-match'] === entry.etag) return reply.code(304).send();
  }
  return reply.send(entry.html);
}
