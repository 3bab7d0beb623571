import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorOf, adminView, requireStaff } from '../../platform/http/admin.js';
import { ForbiddenError } from '../../platform/http/errors.js';
import { mailStatus } from '../../platform/mail/sender.js';
import { sendHtml } from '../../platform/html/render.js';
import { mayReadOutbox } from './policy.js';
import { findOutboxMail, listOutbox } from './queries.js';
import { OutboxMailPage, OutboxPage } from './views/admin-outbox.js';

const PAGE_SIZE = 50;

/**
 * 发件箱 (/admin/outbox): every mail to the public with its masked address, for the site's
 * administrators only (an administrator of a top-level organization: mail crosses every organ).
 * In production the one-time links of a body are hidden, so reading the outbox opens nobody's account.
 */
export async function adminOutboxRoutes(app: FastifyInstance) {
  const { db, config } = app.deps;
  requireStaff(app);

  async function requireSiteAdmin(req: FastifyRequest) {
    if (!(await mayReadOutbox(db, actorOf(req)))) throw new ForbiddenError('只有网站管理员可以查看发件箱。');
  }

  app.get<{ Querystring: { page?: string } }>('/admin/outbox', async (req, reply) => {
    await requireSiteAdmin(req);
    const page = Math.max(1, Math.min(10_000, Number(req.query.page) || 1));
    const { rows, total } = await listOutbox(db, page, PAGE_SIZE);
    return sendHtml(
      reply,
      OutboxPage({ ...adminView(req, reply), rows: rows.map((r) => ({ ...r, status: mailStatus(r, Boolean(config.smtpUrl)) })), total, page, pageSize: PAGE_SIZE, smtpConfigured: Boolean(config.smtpUrl) }),
    );
  });

  app.get<{ Params: { id: string } }>('/admin/outbox/:id', async (req, reply) => {
    await requireSiteAdmin(req);
    if (!/^\d{1,15}$/.test(req.params.id)) return reply.callNotFound();
    const m = await findOutboxMail(db, Number(req.params.id));
    if (!m) return reply.callNotFound();
    const body = config.production ? m.body_text.replace(/([?&]token=)[\w.-]+/g, '$1（已隐藏）').replace(/(验证码[：:]\s*)\d+/g, '$1（已隐藏）') : m.body_text;
    return sendHtml(reply, OutboxMailPage({ ...adminView(req, reply), mail: { ...m, body, status: mailStatus(m, Boolean(config.smtpUrl)) } }));
  });
}
