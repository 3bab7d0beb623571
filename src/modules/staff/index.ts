import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { verifyChain } from '../../platform/audit/audit.js';
import { scopeOrgIds } from '../../platform/auth/scope.js';
import { SESSION_COOKIE } from '../../platform/auth/sessions.js';
import { actorOf, adminView, commandContext, requireStaff } from '../../platform/http/admin.js';
import { parseInput, ruleErrorsOf } from '../../platform/http/forms.js';
import { sendHtml } from '../../platform/html/render.js';
import { countDocumentsForWorkbench } from '../documents/queries/admin.js';
import { login } from './commands/login.js';
import { logout } from './commands/logout.js';
import { AuditPage } from './views/audit-page.js';
import { LoginPage } from './views/login-page.js';
import { Workbench } from './views/workbench.js';

const loginSchema = z.object({
  username: z.string().trim().min(1, '请填写用户名').max(60, '用户名过长'),
  password: z.string().min(1, '请填写密码').max(200, '密码过长'),
  next: z.string().optional(),
});

/** Only same-site back-office paths are followed after login (no open redirect). */
function safeNext(next: string | undefined): string {
  return next && /^\/admin(\/|$|\?)/.test(next) ? next : '/admin';
}

async function staffModule(app: FastifyInstance) {
  const { db, clock, config } = app.deps;
  const cookieOpts = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.production };

  app.get<{ Querystring: { next?: string } }>('/admin/login', async (req, reply) => {
    if (req.actor) return reply.redirect(safeNext(req.query.next), 303);
    return sendHtml(reply, LoginPage({ ...adminView(req, reply), next: safeNext(req.query.next), demo: config.seedDemo }));
  });

  app.post('/admin/login', { config: { rateLimit: { max: 10, timeWindow: 60_000 } } }, async (req, reply) => {
    const input = parseInput(loginSchema, req.body);
    const view = () => ({ ...adminView(req, reply), next: safeNext((req.body as { next?: string })?.next), demo: config.seedDemo, username: (req.body as { username?: string })?.username });
    if (!input.ok) return sendHtml(reply, LoginPage({ ...view(), errors: input.errors }), 400);
    try {
      const token = await login(db, clock, { username: input.data.username, password: input.data.password, ip: req.ip });
      reply.setCookie(SESSION_COOKIE, token, cookieOpts);
      return reply.redirect(safeNext(input.data.next), 303);
    } catch (err) {
      return sendHtml(reply, LoginPage({ ...view(), errors: ruleErrorsOf(err) }), 401);
    }
  });

  await app.register(async (admin) => {
    requireStaff(admin);

    admin.post('/admin/logout', async (req, reply) => {
      await logout(commandContext(app, req), req.cookies[SESSION_COOKIE]!);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.redirect('/admin/login', 303);
    });

    admin.get('/admin', async (req, reply) => {
      const actor = actorOf(req);
      const orgs = await db.selectFrom('organizations').select(['id', 'name']).execute();
      const names = new Map(orgs.map((o) => [o.id, o.name]));
      const editable = await scopeOrgIds(db, actor, ['admin', 'drafter', 'publisher', 'reviewer', 'disclosure_office']);
      const counts = await countDocumentsForWorkbench(db, editable, clock.today());
      return sendHtml(
        reply,
        Workbench({ ...adminView(req, reply), actorName: actor.displayName, data: { roles: actor.roles.map((r) => ({ orgName: names.get(r.orgId) ?? '', role: r.role })), counts } }),
      );
    });

    admin.get<{ Querystring: { verify?: string } }>('/admin/audit', async (req, reply) => {
      const actor = actorOf(req);
      const scope = await scopeOrgIds(db, actor, ['admin', 'disclosure_office']);
      const rows = await db
        .selectFrom('audit_events')
        .select(['seq', 'occurred_at', 'actor_label', 'action', 'entity_type', 'entity_id'])
        .where((eb) => eb.or([eb('actor_id', '=', actor.id), ...(scope.length ? [eb('org_id', 'in', scope)] : [])]))
        .orderBy('seq', 'desc')
        .limit(200)
        .execute();
      const chain = req.query.verify && scope.length ? await verifyChain(db) : null;
      return sendHtml(
        reply,
        AuditPage({
          ...adminView(req, reply),
          actorName: actor.displayName,
          chain,
          rows: rows.map((r) => ({ seq: r.seq, occurredAt: new Date(r.occurred_at).toISOString().replace('T', ' ').slice(0, 19), actorLabel: r.actor_label, action: r.action, entityType: r.entity_type, entityId: r.entity_id })),
        }),
      );
    });
  });
}

export default staffModule;
