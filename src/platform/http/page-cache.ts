import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MODE_COOKIE, parseMode } from '../html/page-context.js';
import { SECURITY_HEADERS } from './security-headers.js';

interface Entry {
  body: Buffer;
  etag: string;
  expires: number;
  /** The 200 response's headers, prepared once (a flat array is the cheapest form for Node). */
  rawHeaders: string[];
}

/**
 * A short-lived cache of rendered public pages, keyed by display mode and URL (the only inputs of
 * a public page). Local writes clear it at once; other app instances see a change within
 * `ttlSeconds` (nothing that must agree between instances is kept here). Bounded in size; while a
 * page is being rendered, other requests for it wait for that render instead of starting their own.
 */
export class PageCache {
  private entries = new Map<string, Entry>();
  private pending = new Map<string, Promise<Entry>>();
  constructor(
    private ttlSeconds: number,
    private maxEntries = 5000,
  ) {}

  static key(mode: string, url: string): string {
    return `${mode}|${url}`;
  }

  get(key: string, now = Date.now()): Entry | null {
    const e = this.entries.get(key);
    if (!e) return null;
    if (e.expires <= now) {
      this.entries.delete(key);
      return null;
    }
    return e;
  }

  /** The cached page, or the one being rendered, or a new render. */
  async getOrRender(key: string, render: () => Promise<string>): Promise<Entry> {
    const hit = this.get(key);
    if (hit) return hit;
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const job = render()
      .then((html) => this.store(key, html))
      .finally(() => this.pending.delete(key));
    this.pending.set(key, job);
    return job;
  }

  private store(key: string, html: string): Entry {
    const body = Buffer.from(html);
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    const rawHeaders = [...Object.entries(HEADERS).flat(), 'etag', etag, 'content-length', String(body.length)];
    const entry = { body, etag, rawHeaders, expires: Date.now() + this.ttlSeconds * 1000 };
    if (this.ttlSeconds === 0) return entry;
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, entry);
    return entry;
  }

  clear(): void {
    this.entries.clear();
  }

  /**
   * Answers a GET for a cached page straight from the HTTP server, before the framework's request
   * pipeline (about a third of the cost of a cached response). Returns false when the page is not
   * cached, and the request then takes the normal route.
   */
  serveRaw(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET' || !req.url || req.url.startsWith('/admin') || req.url.startsWith('/api/')) return false;
    const cookie = req.headers.cookie;
    const mode = cookie ? parseMode(MODE_IN_COOKIE.exec(cookie)?.[1]) : 'standard';
    const entry = this.get(PageCache.key(mode, req.url));
    if (!entry) return false;
    writeCached(res, entry, req.headers['if-none-match']);
    return true;
  }
}

const MODE_IN_COOKIE = new RegExp(`(?:^|;\\s*)${MODE_COOKIE}=([a-z]+)`);
const HEADERS = { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=0, must-revalidate' };

function writeCached(res: ServerResponse, entry: Entry, ifNoneMatch: string | undefined) {
  if (ifNoneMatch === entry.etag) {
    res.writeHead(304, { etag: entry.etag, 'cache-control': HEADERS['cache-control'] });
    res.end();
    return;
  }
  res.writeHead(200, entry.rawHeaders);
  res.end(entry.body);
}

/** Serves a public page from the cache, rendering it on a miss; answers 304 when the browser's copy is current. */
export async function serveCachedPage(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, render: () => Promise<string>): Promise<FastifyReply> {
  const entry = await app.pageCache.getOrRender(PageCache.key(req.pageCtx.mode, req.url), render);
  reply.headers({ ...HEADERS, etag: entry.etag });
  if (req.headers['if-none-match'] === entry.etag) return reply.code(304).send();
  return reply.send(entry.body);
}

