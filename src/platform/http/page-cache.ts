import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MODE_COOKIE, parseMode } from '../html/page-context.js';
import { HttpError } from './errors.js';
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
 * a public page; the URL keeps only the parameters the page understands). Local writes clear it at
 * once; other app instances see a change within `ttlSeconds` (nothing that must agree between
 * instances is kept here). Bounded in size; while a page is being rendered, other requests for it
 * wait for that render instead of starting their own. It also keeps, for as long and cleared
 * together, the data behind the most asked pages (search results), and each address's budget of
 * uncached renders.
 */
export class PageCache {
  private entries = new Map<string, Entry>();
  private pending = new Map<string, Promise<Entry>>();
  private data = new Map<string, { value: Promise<unknown>; expires: number }>();
  /** Paths whose requests with a given parameter always reach their handler (see passThrough). */
  private counted = new Map<string, RegExp>();
  readonly renders: RenderBudget;
  constructor(
    private ttlSeconds: number,
    rendersPerMinute = 0,
    private maxEntries = 5000,
  ) {
    this.renders = new RenderBudget(rendersPerMinute);
  }

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

  /** True when the page is cached or being rendered: a request for it costs no render. */
  has(key: string): boolean {
    return this.pending.has(key) || this.get(key) !== null;
  }

  /**
   * The value `load` gives for `key`, kept as long as a page (the results of a popular search, shared
   * by every display mode, page variant and the API). A failed load is not kept.
   */
  memo<T>(key: string, load: () => Promise<T>, now = Date.now()): Promise<T> {
    const hit = this.data.get(key);
    if (hit && hit.expires > now) {
      // Most recently used last, so the oldest-used go first when the map is full.
      this.data.delete(key);
      this.data.set(key, hit);
      return hit.value as Promise<T>;
    }
    const value = load();
    if (this.ttlSeconds === 0) return value;
    this.data.delete(key);
    if (this.data.size >= MAX_DATA_ENTRIES) this.data.delete(this.data.keys().next().value!);
    this.data.set(key, { value, expires: now + this.ttlSeconds * 1000 });
    value.catch(() => this.data.get(key)?.value === value && this.data.delete(key));
    return value;
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

  /**
   * Requests for `path` with a non-empty `param` are not answered by `serveRaw`: they go through the
   * framework to their handler, which serves the same cached page (serveCachedPage) and can count
   * them — the library counts its searches (search-log). Costs those requests the pipeline, not a render.
   */
  passThrough(path: string, param: string): void {
    this.counted.set(path, new RegExp(`[?&]${param.replace(/[^\w-]/g, '')}=[^&]`));
  }

  clear(): void {
    this.entries.clear();
    this.data.clear();
  }

  /**
   * Answers a GET for a cached page straight from the HTTP server, before the framework's request
   * pipeline (about a third of the cost of a cached response). Returns false when the page is not
   * cached, and the request then takes the normal route.
   */
  serveRaw(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET' || !req.url || req.url.startsWith('/admin') || req.url.startsWith('/api/')) return false;
    if (this.counted.size > 0 && this.isCounted(req.url)) return false;
    const cookie = req.headers.cookie;
    const mode = cookie ? parseMode(MODE_IN_COOKIE.exec(cookie)?.[1]) : 'standard';
    const entry = this.get(PageCache.key(mode, req.url));
    if (!entry) return false;
    writeCached(res, entry, req.headers['if-none-match']);
    return true;
  }

  private isCounted(url: string): boolean {
    const q = url.indexOf('?');
    const param = q < 0 ? undefined : this.counted.get(url.slice(0, q).replace(/(.)\/$/, '$1'));
    return param !== undefined && param.test(url.slice(q));
  }
}

const MAX_DATA_ENTRIES = 2000;

/**
 * Each address's budget of uncached public renders: a token bucket holding a minute's worth
 * (`perMinute`), refilled continuously. Cached pages cost nothing, so a reader never meets it;
 * a flood of distinct URLs from one address does, and gets a 429 instead of the server's time.
 * Kept per instance (a second instance doubles what one address may take); IPv6 addresses count
 * per /64, the block one subscriber holds. 0 turns the limit off.
 */
export class RenderBudget {
  private buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private perMinute: number,
    private maxAddresses = 50_000,
  ) {}

  /** Takes one render from the address's budget: 0, or the seconds until one is free again. */
  take(address: string, now = Date.now()): number {
    if (this.perMinute === 0) return 0;
    const key = addressBlock(address);
    const perMs = this.perMinute / 60_000;
    const b = this.buckets.get(key);
    const bucket = b ? { tokens: Math.min(this.perMinute, b.tokens + (now - b.at) * perMs), at: now } : { tokens: this.perMinute, at: now };
    // Most recently seen last; the longest-quiet address (whose bucket is full again) goes first.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxAddresses) this.buckets.delete(this.buckets.keys().next().value!);
    if (bucket.tokens < 1) return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
    bucket.tokens -= 1;
    return 0;
  }
}

/** An IPv4 address as it is; an IPv6 address as its /64 network. */
export function addressBlock(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (v4) return v4[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/** The 429 for an address past its budget, with the seconds to wait. */
export class TooManyRendersError extends HttpError {
  constructor(readonly retryAfter: number) {
    super(429, `访问过于频繁，请 ${retryAfter} 秒后再刷新页面。若您在单位或小区共用网络，可稍候片刻再试。`);
  }
}

/**
 * How long a refused request is held before its 429. A client that ignores Retry-After and asks
 * again at once would otherwise keep the server busy answering refusals as fast as it can send
 * (one address, 200 connections: about 5,000 429s a second on these machines, enough to starve
 * everyone else); held, each of its connections asks about once a second, for a timer's cost.
 */
const REFUSAL_DELAY_MS = 1000;

/** Spends one uncached render of the request's address; past the budget, a 429 with Retry-After, after a pause. */
export async function spendRender(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const wait = app.pageCache.renders.take(req.ip);
  if (!wait) return;
  await new Promise((r) => setTimeout(r, REFUSAL_DELAY_MS));
  reply.header('retry-after', String(wait));
  throw new TooManyRendersError(wait);
}

/**
 * The address a public page answers to: its path and, of the query, only the parameters the page
 * understands, in the order given. Anything else (a tracking tag, a cache-busting `?x=1`) would
 * make a new cache entry and a new render for the same page.
 */
export function canonicalUrl(url: string, params: readonly string[]): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const kept = url
    .slice(q + 1)
    .split('&')
    .filter((pair) => pair !== '' && params.includes(paramName(pair)));
  return kept.length ? `${url.slice(0, q)}?${kept.join('&')}` : url.slice(0, q);
}

function paramName(pair: string): string {
  const raw = pair.split('=', 1)[0]!;
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return '';
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

/**
 * Serves a public page from the cache, rendering it on a miss (within the address's render budget);
 * answers 304 when the browser's copy is current. `params` are the query parameters the page
 * understands: a URL with any other is redirected (301) to the one without, so each page has one
 * address, one cache entry, and one render per TTL however its URL is dressed up.
 */
export async function serveCachedPage(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, render: () => Promise<string>, params: readonly string[] = []): Promise<FastifyReply> {
  const url = canonicalUrl(req.url, params);
  if (url !== req.url) return reply.redirect(url, 301);
  const key = PageCache.key(req.pageCtx.mode, url);
  if (!app.pageCache.has(key)) await spendRender(app, req, reply);
  const entry = await app.pageCache.getOrRender(key, render);
  reply.headers({ ...HEADERS, etag: entry.etag });
  if (req.headers['if-none-match'] === entry.etag) return reply.code(304).send();
  return reply.send(entry.body);
}

