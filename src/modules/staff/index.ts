import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { verifyChain } from '../../platform/audit/audit.js';
import { SESSION_COOKIE } from '../../platform/auth/sessions.js';
import { actorOf, adminView, commandContext, requireStaff } from '../../platform/http/admin.js';
import { parseInput, ruleErrorsOf } from '../../platform/http/forms.js';
import { sendHtml } from '../../platform/html/render.js';
import { countDocumentsForWorkbench } from '../documents/public.js';
import { login } from './commands/login.js';
import { logout } from './commands/logout.js';
import { AuditPage } from './views/audit-page.js';
import { predecessorIds } from '../organizations/public.js';
import { StaffPage } from './views/staff-page.js';
import { findStaffIdByUsername, listAuditEvents, listStaffInScope, organizationNames } from './queries.js';
import { formatChinaDateTime } from '../../platform/clock/clock.js';
import { createStaff, ROLE_LABELS } from './commands/create-staff.js';
import { setAccountState, setRole } from './commands/account-state.js';
import { fields } from '../../platform/http/forms.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError, type FieldErrors } from '../../platform/http/errors.js';
import type { Role } from '../../db/schema.js';
import { LoginPage } from './views/login-page.js';
import { Workbench } from './views/workbench.js';
import { whatWaitsFor } from './waiting.js';
import { accountScope, auditScope, mayCreateAccountAt, mayManageAccounts, mayVerifyAudit, workbenchScope } from './policy.js';

const newStaffSchema = z.object({
  username: z.string().trim().regex(/^[a-z0-9][a-z0-9.-]{2,39}$/i, '用户名为 3–40 位字母、数字、点或连字符'),
  displayName: fields.text('姓名', 40),
  password: z.string().min(1, '请填写初始密码').max(200),
  orgId: z.string().regex(/^\d+$/, '请选择机构').transform(Number),
  role: fields.oneOf('角色', Object.keys(ROLE_LABELS) as Role[]),
});

const roleSchema = z.object({
  username: z.string().trim().min(1, '请填写用户名').max(40),
  orgId: z.string().regex(/^\d+$/, '请选择机构').transform(Number),
  role: fields.oneOf('角色', Object.keys(ROLE_LABELS) as Role[]),
  granted: z.enum(['0', '1']),
});

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
      const names = await organizationNames(db, actor.roles.map((r) => r.orgId));
      const editable = await workbenchScope(db, actor);
      const [counts, waiting] = await Promise.all([countDocumentsForWorkbench(db, editable, clock.today()), whatWaitsFor(db, actor, clock.today())]);
      return sendHtml(
        reply,
        Workbench({ ...adminView(req, reply), actorName: actor.displayName, data: { roles: actor.roles.map((r) => ({ orgName: names.get(r.orgId) ?? '', role: r.role })), counts, waiting, editor: editable.length > 0 } }),
      );
    });

    const adminScope = (req: FastifyRequest) => accountScope(db, actorOf(req));

    async function staffPage(req: FastifyRequest, reply: FastifyReply, extra: { errors?: FieldErrors; values?: Record<string, string>; flash?: string | null } = {}, code = 200) {
      const scope = await adminScope(req);
      const [names, rows] = await Promise.all([organizationNames(db, scope), listStaffInScope(db, scope, clock.now())]);
      const orgs = [...names].map(([id, name]) => ({ id, name }));
      return sendHtml(reply, StaffPage({ ...adminView(req, reply), actorName: actorOf(req).displayName, rows, orgs, ...extra }), code);
    }

    admin.get<{ Querystring: { saved?: string } }>('/admin/staff', async (req, reply) => {
      if (!mayManageAccounts(actorOf(req))) throw new ForbiddenError('只有管理员可以管理账号与角色。');
      return staffPage(req, reply, { flash: req.query.saved ? '已保存。' : null });
    });

    admin.post('/admin/staff', async (req, reply) => {
      const values = req.body as Record<string, string>;
      const parsed = parseInput(newStaffSchema, req.body);
      if (!parsed.ok) return staffPage(req, reply, { errors: parsed.errors, values }, 422);
      if (!(await mayCreateAccountAt(db, actorOf(req), parsed.data.orgId))) return staffPage(req, reply, { errors: { orgId: '只能在您管理的机构新建账号' }, values }, 403);
      try {
        await createStaff(commandContext(app, req), { username: parsed.data.username, displayName: parsed.data.displayName, password: parsed.data.password, roles: [{ orgId: parsed.data.orgId, role: parsed.data.role }] });
      } catch (err) {
        return staffPage(req, reply, { errors: ruleErrorsOf(err), values }, 422);
      }
      return reply.redirect('/admin/staff?saved=1', 303);
    });

    admin.post('/admin/staff/roles', async (req, reply) => {
      const body = (req.body ?? {}) as Record<string, string>;
      const values = { grantUsername: body.username ?? '' };
      const parsed = parseInput(roleSchema, req.body);
      if (!parsed.ok) return staffPage(req, reply, { errors: { grantUsername: Object.values(parsed.errors).join('；') }, values }, 422);
      const staffId = await findStaffIdByUsername(db, parsed.data.username);
      if (staffId === null) return staffPage(req, reply, { errors: { grantUsername: `没有用户名为“${parsed.data.username}”的账号` }, values }, 422);
      await setRole({ ...commandContext(app, req), allowedOrgIds: await adminScope(req) }, { staffId, orgId: parsed.data.orgId, role: parsed.data.role, granted: parsed.data.granted === '1' });
      return reply.redirect('/admin/staff?saved=1', 303);
    });

    admin.post<{ Params: { id: string } }>('/admin/staff/:id/state', async (req, reply) => {
      if (!/^\d+$/.test(req.params.id)) return reply.callNotFound();
      await setAccountState({ ...commandContext(app, req), allowedOrgIds: await adminScope(req) }, { staffId: Number(req.params.id), disabled: (req.body as { disabled?: string })?.disabled === '1' });
      return reply.redirect('/admin/staff?saved=1', 303);
    });

    admin.get<{ Querystring: { verify?: string } }>('/admin/audit', async (req, reply) => {
      const actor = actorOf(req);
      const scope = await auditScope(db, actor);
      // A successor reads the history of the organizations it took over (the chain is never rewritten).
      const rows = await listAuditEvents(db, actor.id, [...scope, ...(await predecessorIds(db, scope))]);
      // Against the head anchor too: a chain that lost its newest rows or all of them is reported (ADR 0018).
      const chain = req.query.verify && mayVerifyAudit(actor) ? await verifyChain(db, { dataDir: config.dataDir }) : null;
      return sendHtml(
        reply,
        AuditPage({
          ...adminView(req, reply),
          actorName: actor.displayName,
          chain,
          canVerify: mayVerifyAudit(actor),
          rows: rows.map((r) => ({ seq: r.seq, occurredAt: formatChinaDateTime(new Date(r.occurred_at)), actorLabel: r.actor_label, action: r.action, entityType: r.entity_type, entityId: r.entity_id })),
        }),
      );
    });
  });
}

export default staffModule;
