import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ACCOUNT_COOKIE } from '../../platform/auth/accounts.js';
import { parseInput, ruleErrorsOf } from '../../platform/http/forms.js';
import { sendHtml } from '../../platform/html/render.js';
import { registerAccount, resendVerification, verifyEmail } from './commands/register.js';
import { requestPasswordReset, resetPassword, signIn, signOut, UnverifiedError } from './commands/sign-in.js';
import type { TokenCheck } from './commands/tokens.js';
import { emailOnlySchema, loginSchema, newPasswordSchema, registerSchema } from './schemas.js';
import { accountCookieOptions, currentAccount, noStore, safeNext } from './session.js';
import { siteUrl } from '../../platform/http/site-url.js';
import { maskMobile } from '../../platform/mail/outbox.js';
import { mobileRoutes } from './routes.mobile.js';
import { EmailFormPage, LoginPage, MessagePage, NewPasswordPage, RegisterPage } from './views/auth-pages.js';
import { MobileCodePage } from './views/mobile-pages.js';

/** Every POST counts, mistakes included; the counters live in the database (every instance sees them). */
const REGISTER_RATE = { max: 10, timeWindow: 60 * 60 * 1000 };
const LOGIN_RATE = { max: 10, timeWindow: 60 * 1000 };
const MAIL_RATE = { max: 5, timeWindow: 60 * 60 * 1000 };

const TOKEN_MESSAGES: Record<Exclude<TokenCheck, { ok: true }>['reason'], string> = {
  invalid: '链接无效：可能复制不完整，或已被更改。请检查邮件中的链接，或重新获取。',
  expired: '链接已过期，请重新获取。',
  used: '该链接已使用过。',
};

/** Text fields of a posted form, to show again; passwords never go back into a page. */
function typed(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries((body ?? {}) as Record<string, unknown>)) if (typeof val === 'string' && !k.startsWith('password') && k !== '_csrf') out[k] = val.slice(0, 300);
  return out;
}

export function authRoutes(app: FastifyInstance) {
  const { db, clock, config } = app.deps;
  const ctx = { db, clock, sealer: app.sealer };
  const mailBase = (req: FastifyRequest) => ({ site: config.siteName, base: siteUrl(config) });
  const view = (req: FastifyRequest, reply: FastifyReply) => {
    noStore(reply);
    return { ctx: req.pageCtx, csrfToken: reply.generateCsrf() };
  };

  // No SMS gateway is wired yet: codes wait in the outbox, where the demo's staff read them. A live
  // site cannot deliver them, so there a number cannot be registered (it could never be verified).
  const mobile = !config.production;

  app.get('/account/register', async (req, reply) => {
    if (await currentAccount(app, req)) return reply.redirect('/account', 303);
    return sendHtml(reply, RegisterPage({ ...view(req, reply), mobile }));
  });

  app.post('/account/register', { config: { rateLimit: REGISTER_RATE } }, async (req, reply) => {
    const values = typed(req.body);
    const input = parseInput(registerSchema, req.body);
    if (!input.ok) return sendHtml(reply, RegisterPage({ ...view(req, reply), mobile, values, errors: input.errors }), 400);
    if (input.data.mobile && !mobile) return sendHtml(reply, RegisterPage({ ...view(req, reply), mobile, values, errors: { email: '本站暂未开通短信验证码，请用电子邮箱注册。' } }), 400);
    try {
      await registerAccount(ctx, input.data, { ...mailBase(req), ip: req.ip });
    } catch (err) {
      return sendHtml(reply, RegisterPage({ ...view(req, reply), mobile, values, errors: ruleErrorsOf(err) }), 422);
    }
    if (input.data.mobile) return sendHtml(reply, MobileCodePage({ ...view(req, reply), values: { mobile: input.data.mobile }, notice: `验证码已通过短信发送到 ${maskMobile(input.data.mobile)}，15 分钟内有效。请输入验证码完成注册。` }));
    return sendHtml(reply, MessagePage({ ctx: req.pageCtx, title: '请查收验证邮件', message: `我们已向 ${input.data.email} 发送了一封验证邮件，请在 3 天内打开邮件中的链接完成验证，然后登录。`, links: [{ href: '/account/login', label: '登录' }, { href: '/account/verify/resend', label: '没有收到？重新发送验证邮件' }] }));
  });

  app.get<{ Querystring: { token?: string } }>('/account/verify', async (req, reply) => {
    noStore(reply);
    const token = typeof req.query.token === 'string' ? req.query.token : '';
    const r = await verifyEmail(ctx, token, req.ip);
    if (!r.ok) return sendHtml(reply, MessagePage({ ctx: req.pageCtx, title: '邮箱验证未完成', message: TOKEN_MESSAGES[r.reason], warn: true, links: [{ href: '/account/verify/resend', label: '重新发送验证邮件' }, { href: '/account/login', label: '登录' }] }), r.reason === 'expired' ? 410 : 400);
    return sendHtml(reply, MessagePage({ ctx: req.pageCtx, title: '邮箱已验证', message: '您的电子邮箱已验证，现在可以登录个人中心了。', links: [{ href: '/account/login', label: '登录' }] }));
  });

  const resendPage = (req: FastifyRequest, reply: FastifyReply, extra: { values?: Record<string, string>; errors?: Record<string, string> } = {}) =>
    EmailFormPage({ ...view(req, reply), ...extra, title: '重新发送验证邮件', action: '/account/verify/resend', intro: '填写注册时使用的电子邮箱，我们会重新发送验证链接。', button: '发送' });

  app.get<{ Querystring: { email?: string } }>('/account/verify/resend', async (req, reply) =>
    sendHtml(reply, resendPage(req, reply, { values: { email: typeof req.query.email === 'string' ? req.query.email.slice(0, 254) : '' } })),
  );

  app.post('/account/verify/resend', { config: { rateLimit: MAIL_RATE } }, async (req, reply) => {
    const input = parseInput(emailOnlySchema, req.body);
    if (!input.ok) return sendHtml(reply, resendPage(req, reply, { values: typed(req.body), errors: input.errors }), 400);
    await resendVerification(ctx, input.data.email, mailBase(req));
    return sendHtml(reply, MessagePage({ ctx: req.pageCtx, title: '请查收验证邮件', message: '如果该邮箱已注册且尚未验证，验证邮件已重新发送，请查收。' }));
  });

  app.get<{ Querystring: { next?: string; reset?: string } }>('/account/login', async (req, reply) => {
    if (await currentAccount(app, req)) return reply.redirect(safeNext(req.query.next), 303);
    return sendHtml(reply, LoginPage({ ...view(req, reply), next: safeNext(req.query.next), notice: req.query.reset ? '密码已重设，请用新密码登录。' : null }));
  });

  app.post('/account/login', { config: { rateLimit: LOGIN_RATE } }, async (req, reply) => {
    const values = typed(req.body);
    const next = safeNext(values.next);
    const input = parseInput(loginSchema, req.body);
    if (!input.ok) return sendHtml(reply, LoginPage({ ...view(req, reply), values, next, errors: input.errors }), 400);
    try {
      const token = await signIn(ctx, { login: input.data.login, password: input.data.password, ip: req.ip });
      reply.setCookie(ACCOUNT_COOKIE, token, accountCookieOptions(app, req));
      return reply.redirect(next, 303);
    } catch (err) {
      const unverified = err instanceof UnverifiedError ? err.via : undefined;
      return sendHtml(reply, LoginPage({ ...view(req, reply), values, next, errors: ruleErrorsOf(err), unverified }), unverified ? 403 : 401);
    }
  });

  mobileRoutes(app, { view, typed, rates: { verify: LOGIN_RATE, resend: MAIL_RATE } });

  app.post('/account/logout', async (req, reply) => {
    const account = await currentAccount(app, req);
    const token = req.cookies[ACCOUNT_COOKIE];
    if (account && token) await signOut(ctx, token, account, req.ip);
    reply.clearCookie(ACCOUNT_COOKIE, { path: '/' });
    return reply.redirect('/', 303);
  });

  const resetRequestPage = (req: FastifyRequest, reply: FastifyReply, extra: { values?: Record<string, string>; errors?: Record<string, string> } = {}) =>
    EmailFormPage({ ...view(req, reply), ...extra, title: '忘记密码', action: '/account/reset', intro: '填写注册时使用的电子邮箱，我们会发送一个重设密码的链接（1 小时内有效）。', button: '发送重设链接' });

  app.get('/account/reset', async (req, reply) => sendHtml(reply, resetRequestPage(req, reply)));

  app.post('/account/reset', { config: { rateLimit: MAIL_RATE } }, async (req, reply) => {
    const input = parseInput(emailOnlySchema, req.body);
    if (!input.ok) return sendHtml(reply, resetRequestPage(req, reply, { values: typed(req.body), errors: input.errors }), 400);
    await requestPasswordReset(ctx, input.data.email, mailBase(req));
    return sendHtml(reply, MessagePage({ ctx: req.pageCtx, title: '请查收邮件', message: '如果该邮箱已注册，重设密码的链接已发送，请在 1 小时内使用。' }));
  });

  app.get<{ Querystring: { token?: string } }>('/account/reset/set', async (req, reply) => {
    const token = typeof req.query.token === 'string' ? req.query.token.slice(0, 100) : '';
    return sendHtml(reply, NewPasswordPage({ ...view(req, reply), token }));
  });

  app.post('/account/reset/set', { config: { rateLimit: MAIL_RATE } }, async (req, reply) => {
    const token = typed(req.body).token ?? '';
    const input = parseInput(newPasswordSchema, req.body);
    if (!input.ok) return sendHtml(reply, NewPasswordPage({ ...view(req, reply), token, errors: input.errors }), 400);
    let r: TokenCheck;
    try {
      r = await resetPassword(ctx, { token: input.data.token, password: input.data.password, ip: req.ip });
    } catch (err) {
      return sendHtml(reply, NewPasswordPage({ ...view(req, reply), token, errors: ruleErrorsOf(err) }), 422);
    }
    if (!r.ok) return sendHtml(reply, MessagePage({ ctx: req.pageCtx, title: '无法重设密码', message: TOKEN_MESSAGES[r.reason], warn: true, links: [{ href: '/account/reset', label: '重新获取重设链接' }] }), 400);
    reply.clearCookie(ACCOUNT_COOKIE, { path: '/' });
    return reply.redirect('/account/login?reset=1', 303);
  });
}
