import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../platform/http/errors.js';
import { parseInput } from '../../platform/http/forms.js';
import { sendHtml } from '../../platform/html/render.js';
import { resendMobileCode, verifyMobile } from './commands/mobile.js';
import type { CodeCheck } from './commands/tokens.js';
import { mobileCodeSchema, mobileOnlySchema } from './schemas.js';
import { MessagePage } from './views/auth-pages.js';
import { MobileCodePage } from './views/mobile-pages.js';

const CODE_MESSAGES: Record<Exclude<CodeCheck, { ok: true }>['reason'], string> = {
  none: '验证码不正确，或已失效。请重新获取验证码。',
  wrong: '验证码不正确，请核对短信后重新输入。',
  expired: '验证码已过期（15 分钟内有效），请重新获取。',
  tries: '验证码输错次数过多，已失效。请重新获取验证码。',
};

interface Shared {
  view: (req: FastifyRequest, reply: FastifyReply) => { ctx: FastifyRequest['pageCtx']; csrfToken: string };
  typed: (body: unknown) => Record<string, string>;
  rates: { verify: { max: number; timeWindow: number }; resend: { max: number; timeWindow: number } };
}

/** Verifying a mobile number with the code from its SMS (registration by mobile), and asking for a new code. */
export function mobileRoutes(app: FastifyInstance, { view, typed, rates }: Shared) {
  const { db, clock, config } = app.deps;
  const ctx = { db, clock, sealer: app.sealer };
  const page = (req: FastifyRequest, reply: FastifyReply, extra: { values?: Record<string, string>; errors?: FieldErrors; notice?: string | null }, code = 200) =>
    sendHtml(reply, MobileCodePage({ ...view(req, reply), values: extra.values ?? {}, errors: extra.errors, notice: extra.notice ?? null }), code);

  app.get('/account/verify-mobile', (req, reply) => page(req, reply, {}));

  app.post('/account/verify-mobile', { config: { rateLimit: rates.verify } }, async (req, reply) => {
    const values = typed(req.body);
    const input = parseInput(mobileCodeSchema, req.body);
    if (!input.ok) return page(req, reply, { values, errors: input.errors }, 400);
    const r = await verifyMobile(ctx, input.data.mobile, input.data.code, req.ip);
    if (!r.ok) return page(req, reply, { values: { mobile: values.mobile ?? '' }, errors: { code: CODE_MESSAGES[r.reason] } }, 422);
    return sendHtml(reply, MessagePage({ ctx: req.pageCtx, title: '手机号码已验证', message: '您的手机号码已验证，现在可以用手机号码和密码登录个人中心了。', links: [{ href: '/account/login', label: '登录' }] }));
  });

  app.post('/account/verify-mobile/resend', { config: { rateLimit: rates.resend } }, async (req, reply) => {
    const values = typed(req.body);
    const input = parseInput(mobileOnlySchema, req.body);
    if (!input.ok) return page(req, reply, { values, errors: input.errors }, 400);
    await resendMobileCode(ctx, input.data.mobile, config.siteName);
    return page(req, reply, { values: { mobile: input.data.mobile }, notice: '如果该号码已注册且尚未验证，新的验证码已通过短信发送（15 分钟内有效），之前的验证码随之失效。' });
  });
}
