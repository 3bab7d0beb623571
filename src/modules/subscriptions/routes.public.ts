import { Feed } from 'feed';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { PublicAccount } from '../../platform/auth/accounts.js';
import { HttpError, type FieldErrors } from '../../platform/http/errors.js';
import { fields, parseInput, ruleErrorsOf } from '../../platform/http/forms.js';
import { sendHtml } from '../../platform/html/render.js';
import { centerView } from '../accounts/public.js';
import { accountActor, noStore, requireAccount } from '../accounts/public.js';
import { siteUrl } from '../../platform/http/site-url.js';
import { createSubscription, deleteSubscription, setSubscriptionEmail } from './commands/subscribe.js';
import { SUBSCRIPTION_KINDS } from './domain/kinds.js';
import { signLink, verifyLink } from './domain/tokens.js';
import { feedItems, findSubscription, listSubscriptions, subscriptionChoices } from './queries.js';
import { SubscriptionsPage } from './views/center-subscriptions.js';
import { UnsubscribePage } from './views/public-pages.js';

const newSchema = z.object({
  kind: fields.oneOf('订阅类型', SUBSCRIPTION_KINDS),
  target: z.string({ error: '请选择或填写订阅内容' }).trim().min(1, '请选择或填写订阅内容').max(100, '订阅内容过长'),
  email: fields.checkbox(),
});

const BAD_LINK = '退订链接无效：链接不完整或已被更改，未做任何修改。请使用邮件中的原始链接，或登录个人中心管理订阅。';
const BAD_FEED = 'RSS 订阅地址无效：链接不完整或已被更改。请到个人中心“我的订阅”复制正确的地址。';
const idOf = (s: string) => (/^\d{1,15}$/.test(s) ? Number(s) : null);

/** The personal center's subscriptions, the one-click unsubscribe link and the per-subscription feed. */
export function subscriptionRoutes(app: FastifyInstance) {
  const { db, clock, config } = app.deps;
  const sealer = app.sealer;

  async function page(req: FastifyRequest, reply: FastifyReply, account: PublicAccount, extra: { values?: Record<string, string>; errors?: FieldErrors; flash?: string | null } = {}, code = 200) {
    const [rows, choices] = await Promise.all([listSubscriptions(db, account.id), subscriptionChoices(db)]);
    const shown = rows.map((r) => ({
      id: r.id, label: r.label, email: r.email, created_at: r.created_at,
      feedUrl: `/subscriptions/${r.id}/feed.xml?token=${signLink(sealer, 'feed', r.id)}`,
      unsubscribeUrl: `/subscriptions/unsubscribe?token=${signLink(sealer, 'unsubscribe', r.id)}`,
    }));
    return sendHtml(reply, SubscriptionsPage({ ...centerView(req, reply, account), rows: shown, choices, ...extra }), code);
  }

  app.get<{ Querystring: { saved?: string } }>('/account/subscriptions', async (req, reply) => {
    const account = await requireAccount(app, req, reply);
    if (!account) return reply;
    return page(req, reply, account, { flash: req.query.saved === 'added' ? '已订阅。' : req.query.saved === 'removed' ? '已退订。' : req.query.saved ? '已保存。' : null });
  });

  // “订阅” links elsewhere on the site land here with the choice filled in, to confirm.
  app.get<{ Querystring: { kind?: string; target?: string } }>('/account/subscriptions/new', async (req, reply) => {
    const account = await requireAccount(app, req, reply);
    if (!account) return reply;
    const kind = SUBSCRIPTION_KINDS.find((k) => k === req.query.kind);
    const target = typeof req.query.target === 'string' ? req.query.target.slice(0, 100) : '';
    return page(req, reply, account, { values: kind ? { kind, target } : undefined });
  });

  app.post('/account/subscriptions', async (req, reply) => {
    const account = await requireAccount(app, req, reply);
    if (!account) return reply;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = { kind: String(body.kind ?? '').slice(0, 20), target: String(body.target ?? '').slice(0, 100), email: body.email ? '1' : '0' };
    const input = parseInput(newSchema, body);
    if (!input.ok) return page(req, reply, account, { values, errors: { target: Object.values(input.errors)[0]! } }, 400);
    try {
      await createSubscription({ db, clock, actor: accountActor(account, req.ip) }, account.id, input.data);
    } catch (err) {
      return page(req, reply, account, { values, errors: ruleErrorsOf(err) }, 422);
    }
    return reply.redirect('/account/subscriptions?saved=added', 303);
  });

  app.post<{ Params: { id: string } }>('/account/subscriptions/:id/delete', async (req, reply) => {
    const account = await requireAccount(app, req, reply);
    if (!account) return reply;
    const id = idOf(req.params.id);
    if (id === null) return reply.callNotFound();
    await deleteSubscription({ db, clock, actor: accountActor(account, req.ip) }, id, account.id, 'center');
    return reply.redirect('/account/subscriptions?saved=removed', 303);
  });

  app.post<{ Params: { id: string } }>('/account/subscriptions/:id/email', async (req, reply) => {
    const account = await requireAccount(app, req, reply);
    if (!account) return reply;
    const id = idOf(req.params.id);
    if (id === null) return reply.callNotFound();
    await setSubscriptionEmail({ db, clock, actor: accountActor(account, req.ip) }, id, account.id, (req.body as { email?: string })?.email === '1');
    return reply.redirect('/account/subscriptions?saved=1', 303);
  });

  // One-click unsubscribe: no sign-in, the signed link is the authority. GET only asks.
  app.get<{ Querystring: { token?: string } }>('/subscriptions/unsubscribe', async (req, reply) => {
    noStore(reply);
    const id = verifyLink(sealer, 'unsubscribe', req.query.token);
    if (id === null) throw new HttpError(400, BAD_LINK);
    const s = await findSubscription(db, id);
    return sendHtml(reply, UnsubscribePage({ ctx: req.pageCtx, csrfToken: reply.generateCsrf(), state: s ? 'confirm' : 'gone', token: String(req.query.token), label: s?.label }));
  });

  app.post('/subscriptions/unsubscribe', async (req, reply) => {
    noStore(reply);
    const token = (req.body as { token?: unknown })?.token;
    const id = verifyLink(sealer, 'unsubscribe', token);
    if (id === null) throw new HttpError(400, BAD_LINK);
    const s = await findSubscription(db, id);
    const removed = s ? await deleteSubscription({ db, clock, actor: { id: null, label: `公众账号 #${s.account_id}（邮件退订链接）`, ip: req.ip } }, id, null, 'link') : false;
    return sendHtml(reply, UnsubscribePage({ ctx: req.pageCtx, csrfToken: reply.generateCsrf(), state: removed ? 'done' : 'gone', token: String(token), label: s?.label }));
  });

  app.get<{ Params: { id: string }; Querystring: { token?: string } }>('/subscriptions/:id/feed.xml', async (req, reply) => {
    const id = verifyLink(sealer, 'feed', req.query.token);
    if (id === null || id !== idOf(req.params.id)) throw new HttpError(403, BAD_FEED);
    const s = await findSubscription(db, id);
    if (!s) throw new HttpError(410, '该订阅已退订，RSS 地址不再提供内容。');
    const base = siteUrl(app.deps.config);
    const items = await feedItems(db, s);
    const feed = new Feed({
      id: `${base}/subscriptions/${id}/feed.xml`, title: `${config.siteName} · ${s.label}`, link: base, language: 'zh-CN',
      updated: items[0]?.published_at ? new Date(items[0].published_at) : new Date(0), copyright: config.siteName, generator: 'Gongkai',
    });
    for (const it of items) {
      feed.addItem({ title: it.title, id: `${base}${it.url}`, link: `${base}${it.url}`, date: it.published_at ? new Date(it.published_at) : new Date(0), description: it.summary });
    }
    reply.header('cache-control', 'private, max-age=300').header('x-robots-tag', 'noindex').type('application/rss+xml; charset=utf-8');
    return feed.rss2();
  });
}
