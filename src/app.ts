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
import { receiveUpload, uploadDir, uploadsIn, discardUploads } from './platform/files/uploads.js';
import { apiErrorBody, HttpError } from './platform/http/errors.js';
import { PageCache } from './platform/http/page-cache.js';
import { SECURITY_HEADERS } from './platform/http/security-headers.js';
import { databaseRateLimitStore } from './platform/http/rate-limit-store.js';
import { MODE_COOKIE, parseMode, type PageContext } from './platform/html/page-context.js';
import { sendHtml } from './platform/html/render.js';
import { ErrorPage } from './platform/html/error-page.js';
import { editorAssets } from './platform/html/editor-assets.js';
import { loadActor, SESSION_COOKIE, type Actor } from './platform/auth/sessions.js';
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
  }
}

const css = readFileSync(new URL('./platform/html/assets/site.css', import.meta.url), 'utf8');
const adminJs = readFileSync(new URL('./platform/html/assets/admin.js', import.meta.url), 'utf8');

/** Builds the whole application without listening, for the server and for tests alike. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
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
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
  app.decorate('deps', deps);
  app.decorate('pageCache', pageCache);
  app.decorate('sealer', sealerFor(deps.config));
  app.decorateRequest('actor', null);
  app.decorateRequest('pageCtx', null as unknown as PageContext);

  await app.register(cookie, { secret: deps.cookieSecret });
  await app.register(formbody);
  mkdirSync(uploadDir, { recursive: true });
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: deps.config.maxUploadBytes, files: 20, fields: 100 },
    async onFile(part) {
      if (!part.filename) {
        part.file.resume();
        await new Promise((r) => part.file.on('end', r));
        return;
      }
      (part as unknown as { value: unknown }).value = await receiveUpload(part);
    },
  });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'gk_csrf',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/' },
    getToken: (req) => (req.body as Record<string, string> | undefined)?._csrf ?? (req.headers['x-csrf-token'] as string | undefined),
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
  // Every state-changing request carries a CSRF token (checked after the body is parsed).
  app.addHook('preHandler', (req, reply, done) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return done();
    app.csrfProtection(req, reply, done);
  });
  // Uploads a handler did not take into storage are removed after the response.
  app.addHook('onResponse', async (req) => {
    const left = uploadsIn(req.body);
    if (left.length) await discardUploads(left);
  });

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
  return app;
}

/**
 * A body the multipart parser (busboy) cannot read: no boundary, a broken part header, a body cut
 * short. busboy throws plain errors without a status, so they are told by their messages.
 */
const MALFORMED_BODY = /^(Multipart: Boundary not found|Malformed part header|Unexpected end of (form|multipart data)|Malformed urlencoded form|Part terminated early)/;
function isMalformedBody(e: { statusCode?: number; message?: string }): boolean {
  return e.statusCode === undefined && MALFORMED_BODY.test(e.message ?? '');
}

function handleError(app: FastifyInstance, err: unknown, req: FastifyRequest, reply: FastifyReply) {
  const e = err as { statusCode?: number; code?: string; message?: string };
  let status = err instanceof HttpError ? err.statusCode : (e.statusCode ?? 500);
  let message: string;
  if (err instanceof HttpError) message = err.message;
  else if (e.code?.startsWith('FST_CSRF')) {
    status = 403;
    message = '页面已过期或来源不明（CSRF 校验未通过），请返回上一页刷新后重新提交。';
  } else if (isMalformedBody(e)) {
    status = 400;
    message = '提交的表单格式有误（缺少分隔符、编码错误或内容不完整），请返回上一页重新提交。';
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
