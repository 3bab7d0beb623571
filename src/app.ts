import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import type { Database } from './db/schema.js';
import type { Clock } from './platform/clock/clock.js';
import type { FileStorage } from './platform/files/storage.js';
import { sealerFor, type Sealer } from './platform/crypto/sealer.js';
import { clearStaleUploads, drainPart, receiveUpload, RequestUploads, uploadDirFor } from './platform/files/uploads.js';
import { apiErrorBody, HttpError } from './platform/http/errors.js';
import { answerClientError, bodyErrorOf, parseFormStrictly } from './platform/http/body-errors.js';
import { PageCache } from './platform/http/page-cache.js';
import { SECURITY_HEADERS } from './platform/http/security-headers.js';
import { databaseRateLimitStore } from './platform/http/rate-limit-store.js';
import { MODE_COOKIE, parseMode, type PageContext } from './platform/html/page-context.js';
import { sendHtml } from './platform/html/render.js';
import { ErrorPage } from './platform/html/error-page.js';
import { editorAssets } from './platform/html/editor-assets.js';
import { loadActor, SESSION_COOKIE, type Actor } from './platform/auth/sessions.js';
import { registerContent } from './content-kinds.js';
import organizations from './modules/organizations/index.js';
import staff from './modules/staff/index.js';
import { adminMenuFor } from './modules/staff/navigation.js';
import documents from './modules/documents/index.js';
import portal from './modules/portal/index.js';
import review from './modules/review/index.js';
import interpretations from './modules/interpretations/index.js';
import calendar from './modules/calendar/index.js';
import requests from './modules/requests/index.js';
import qa from './modules/qa/index.js';
import ask from './modules/ask/index.js';
import accounts from './modules/accounts/index.js';
import subscriptions from './modules/subscriptions/index.js';
import columns from './modules/columns/index.js';
import lists from './modules/lists/index.js';
import items from './modules/items/index.js';
import searchLog from './modules/search-log/index.js';

export interface AppDeps {
  config: Config;
  db: Kysely<Database>;
  clock: Clock;
  storage: FileStorage;
  /** Secret for signing cookies, kept in the database so every instance shares it. */
  cookieSecret: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
    pageCache: PageCache;
    sealer: Sealer;
  }
  interface FastifyRequest {
    actor: Actor | null;
    pageCtx: PageContext;
    /** The temporary files of a multipart request, removed however it ends. */
    uploads: RequestUploads | null;
  }
}

const css = readFileSync(new URL('./platform/html/assets/site.css', import.meta.url), 'utf8');
const adminJs = readFileSync(new URL('./platform/html/assets/admin.js', import.meta.url), 'utf8');

/** Builds the whole application without listening, for the server and for tests alike. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  registerContent();
  const pageCache = new PageCache(deps.config.pageCacheSeconds, deps.config.publicRenderRate);
  const app = Fastify({
    // Cached public pages are answered by the HTTP server itself, before Fastify's pipeline.
    serverFactory: (handler) => createServer((req, res) => pageCache.serveRaw(req, res) || handler(req, res)),
    logger:
      deps.config.logLevel === 'silent'
        ? false
        : {
            level: deps.config.logLevel,
            // Personal data and secrets never reach the logs.
            redact: ['req.headers.cookie', 'req.headers.authorization', 'req.body.password', 'req.body._csrf'],
          },
    trustProxy: deps.config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    clientErrorHandler: answerClientError,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
  app.decorate('deps', deps);
  app.decorate('pageCache', pageCache);
  app.decorate('sealer', sealerFor(deps.config));
  app.decorateRequest('actor', null);
  app.decorateRequest('pageCtx', null as unknown as PageContext);
  app.decorateRequest('uploads', null);

  await app.register(cookie, { secret: deps.cookieSecret });
  await app.register(formbody, { parser: parseFormStrictly });
  const uploadDir = await prepareUploadDir(app, deps.config);
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: deps.config.maxUploadBytes, files: MAX_FILES, fields: 100 },
    async onFile(part) {
      const owner = (this.uploads ??= new RequestUploads(uploadDir));
      if (!part.filename || !mayWriteFiles(app, this, owner)) return drainPart(part);
      (part as unknown as { value: unknown }).value = await receiveUpload(part, owner);
    },
  });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'gk_csrf',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/' },
    getToken: csrfTokenOf,
  });
  await app.register(rateLimit, {
    global: false,
    store: databaseRateLimitStore(deps.db, () => deps.clock.now()) as unknown as rateLimit.FastifyRateLimitStoreCtor,
    errorResponseBuilder: (_req, ctx) => new HttpError(429, `操作过于频繁，请 ${Math.ceil(ctx.ttl / 1000)} 秒后再试。`),
  });

  app.addHook('onRequest', async (req, reply) => {
    reply.headers(SECURITY_HEADERS);
    req.pageCtx = { siteName: deps.config.siteName, footer: deps.config.footer, mode: parseMode(req.cookies[MODE_COOKIE]), path: req.url };
    if (req.url.startsWith('/admin')) {
      req.actor = await loadActor(deps.db, req.cookies[SESSION_COOKIE], deps.clock.now());
      if (req.actor) req.pageCtx.adminNav = await adminMenuFor(deps.db, req.actor);
    }
  });
  // Every state-changing request carries a CSRF token (checked after the body is parsed; files
  // were already refused unwritten while it arrived, see mayWriteFiles).
  app.addHook('preHandler', (req, reply, done) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return done();
    app.csrfProtection(req, reply, () => {
      if (req.uploads?.refused === 'token') return done(new HttpError(400, '表单中的安全校验字段须在文件之前提交，文件未保存。请返回上一页刷新后重新提交。'));
      done();
    });
  });
  trackRequestUploads(app, uploadDir);

  app.setErrorHandler((err, req, reply) => handleError(app, err, req, reply));
  app.setNotFoundHandler((req, reply) => handleError(app, new HttpError(404, '您访问的页面不存在或已被移除。'), req, reply));

  app.get('/assets/site.css', (_req, reply) => {
    reply.header('cache-control', 'public, max-age=31536000, immutable').type('text/css; charset=utf-8').send(css);
  });
  app.get('/assets/admin.js', (_req, reply) => {
    reply.header('cache-control', 'public, max-age=31536000, immutable').type('text/javascript; charset=utf-8').send(adminJs);
  });
  app.get('/healthz', async () => ({ ok: true }));
  await app.register(editorAssets);

  await app.register(staff);
  await app.register(organizations);
  await app.register(documents);
  await app.register(portal);
  await app.register(review);
  await app.register(interpretations);
  await app.register(calendar);
  await app.register(requests);
  await app.register(qa);
  await app.register(ask);
  await app.register(accounts);
  await app.register(subscriptions);
  await app.register(columns);
  await app.register(lists);
  await app.register(items);
  await app.register(searchLog);
  return app;
}

const MAX_FILES = 20;
const HOUR = 3_600_000;

/**
 * The upload directory, cleared of what earlier runs left. The embedded database locks the data
 * directory to one process, so everything older than this start is a leftover; instances sharing a
 * PostgreSQL server may share a data directory too, so there only files idle for an hour go (no
 * request keeps a file that long). The same sweep runs hourly for anything that slipped through.
 */
async function prepareUploadDir(app: FastifyInstance, config: Config): Promise<string> {
  const dir = uploadDirFor(config.dataDir);
  mkdirSync(dir, { recursive: true });
  await clearStaleUploads(dir, config.databaseUrl ? Date.now() - HOUR : Date.now());
  const sweep = setInterval(() => void clearStaleUploads(dir, Date.now() - HOUR), HOUR).unref();
  app.addHook('onClose', async () => clearInterval(sweep));
  return dir;
}

/**
 * Upload temp files belong to their request and go when it ends: after the answer (files a
 * handler took into storage were moved away already), on an error, and when the client goes away
 * midway — which neither onResponse nor the error handler sees.
 */
function trackRequestUploads(app: FastifyInstance, dir: string) {
  app.addHook('onRequest', (req, reply, done) => {
    if (!/^multipart\//i.test(req.headers['content-type'] ?? '')) return done();
    const owner = (req.uploads = new RequestUploads(dir));
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) void owner.abandon();
    });
    done();
  });
  app.addHook('preValidation', async (req) => req.uploads?.markHandling());
  app.addHook('onSend', async (req) => {
    await req.uploads?.markAnswered();
  });
  app.addHook('onError', async (req) => {
    await req.uploads?.discard();
  });
  app.addHook('onResponse', async (req) => {
    await req.uploads?.discard();
  });
}

/**
 * The CSRF token of a request: the `_csrf` field (forms send it first, so it has arrived when the
 * first file does; until the body is parsed the field is the parser's record) or the header.
 */
function csrfTokenOf(req: FastifyRequest): string | undefined {
  const field = (req.body as Record<string, unknown> | null | undefined)?._csrf;
  if (field === undefined) return req.headers['x-csrf-token'] as string | undefined;
  const value = field !== null && typeof field === 'object' && !Array.isArray(field) ? (field as { value?: unknown }).value : field;
  return typeof value === 'string' ? value : undefined;
}

/**
 * Whether a request's files may be written to disk, decided at its first file: only with a valid
 * CSRF token (the plugin's own check, given a reply that only unsigns its cookie; the preHandler
 * answers the 403 as before) and, in the back office, a signed-in actor. Other files are drained
 * unwritten, so an anonymous forged post costs the server no disk.
 */
function mayWriteFiles(app: FastifyInstance, req: FastifyRequest, owner: RequestUploads): boolean {
  if (!owner.verdict) {
    let tokenOk = false;
    const probe = { unsignCookie: (v: string) => app.unsignCookie(v), send: () => probe } as unknown as FastifyReply;
    app.csrfProtection(req, probe, () => (tokenOk = true));
    if (!tokenOk) owner.verdict = { ok: false, reason: 'token' };
    else if (req.url.startsWith('/admin') && !req.actor) owner.verdict = { ok: false, reason: 'anonymous' };
    else owner.verdict = { ok: true };
  }
  if (owner.verdict.ok) return true;
  owner.refused = owner.verdict.reason;
  return false;
}

function handleError(app: FastifyInstance, err: unknown, req: FastifyRequest, reply: FastifyReply) {
  const e = err as { statusCode?: number; code?: string; message?: string };
  let status = err instanceof HttpError ? err.statusCode : (e.statusCode ?? 500);
  let message: string;
  // A body nobody can read (malformed, cut short, too large, the client gone): see body-errors.ts.
  const bodyError = err instanceof HttpError ? null : bodyErrorOf(err);
  if (err instanceof HttpError) message = err.message;
  else if (e.code?.startsWith('FST_CSRF')) {
    status = 403;
    message = '页面已过期或来源不明（CSRF 校验未通过），请返回上一页刷新后重新提交。';
  } else if (bodyError) {
    ({ status, message } = bodyError);
  } else if (status === 413 || e.code === 'FST_REQ_FILE_TOO_LARGE') message = '提交的内容过大，请压缩或拆分后再试。';
  else if (status === 415) message = '不支持的提交格式。';
  else if (status === 400) message = '请求格式有误，请检查后重试。';
  else if (status < 500) message = '请求无法处理。';
  else {
    status = 500;
    message = `服务器内部错误，请稍后再试。如问题持续，请联系网站管理员并提供编号 ${req.id}。`;
    req.log.error({ err }, 'unhandled error');
  }
  if (req.url.startsWith('/api/')) return reply.code(status).send(apiErrorBody(status, message));
  return sendHtml(reply, ErrorPage({ ctx: req.pageCtx ?? { siteName: app.deps.config.siteName, mode: 'standard', path: '/' }, status, message }), status);
}
