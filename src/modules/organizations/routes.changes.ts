import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Organization, Role } from '../../db/schema.js';
import { toChinaDate } from '../../platform/clock/clock.js';
import { actorOf, adminView, commandContext } from '../../platform/http/admin.js';
import { ForbiddenError, NotFoundError, type FieldErrors } from '../../platform/http/errors.js';
import { parseInput, ruleErrorsOf } from '../../platform/http/forms.js';
import { sendHtml } from '../../platform/html/render.js';
import { createOrganizationByAdmin } from './commands/create-organization.js';
import { mergeOrganizations } from './commands/merge-organizations.js';
import { moveOrganization } from './commands/move-organization.js';
import { renameOrganization } from './commands/rename-organization.js';
import { splitOrganization } from './commands/split-organization.js';
import { findOrganization, getCatalogTree, listOrganizations } from './queries.js';
import { listStaffRolesAt, listSuccessions } from './queries.changes.js';
import { mayChangeTree, mayRenameOrganization, organizationAdminScope } from './policy.js';
import { mergeSchema, moveSchema, newOrganizationSchema, renameSchema, splitSchema } from './schemas.js';
import { MergePage, NewOrganizationPage, SplitPage, StructurePage, type SplitStaff } from './views/changes.js';

type Values = Record<string, string | string[]>;

const ROLE_NAMES: Record<Role, string> = { admin: '管理员', drafter: '起草人', reviewer: '审核人', publisher: '发布人', request_handler: '依申请公开办理人', disclosure_office: '政务公开办' };

/**
 * Changing the tree of organizations (机构改革): create, rename, move, merge and split. The site
 * group's administrator does all of it; an organization's own administrator may rename it.
 */
export async function organizationChangeRoutes(app: FastifyInstance) {
  const { db } = app.deps;
  const base = (req: FastifyRequest, reply: FastifyReply) => ({ ...adminView(req, reply), actorName: actorOf(req).displayName });
  const siteAdmin = (req: FastifyRequest) => mayChangeTree(db, actorOf(req));
  const siteCtx = async (req: FastifyRequest) => ({ ...commandContext(app, req), siteAdmin: await siteAdmin(req) });
  const today = () => toChinaDate(app.deps.clock.now());
  async function requireSiteAdminPage(req: FastifyRequest) {
    if (!(await siteAdmin(req))) throw new ForbiddenError('只有站群管理员可以新建、调整、撤并或拆分机构。');
  }
  async function orgOf(id: string): Promise<Organization> {
    const org = /^\d{1,12}$/.test(id) ? await findOrganization(db, Number(id)) : undefined;
    if (!org) throw new NotFoundError('机构不存在');
    return org;
  }
  const done = (reply: FastifyReply, to: string) => {
    app.pageCache.clear();
    return reply.redirect(to, 303);
  };

  const newPage = async (req: FastifyRequest, reply: FastifyReply, values: Values = {}, errors?: FieldErrors) =>
    sendHtml(reply, NewOrganizationPage({ ...base(req, reply), orgs: await listOrganizations(db), values, errors }), errors ? 422 : 200);

  app.get('/admin/organizations/new', async (req, reply) => {
    await requireSiteAdminPage(req);
    return newPage(req, reply, { kind: 'department' });
  });

  app.post('/admin/organizations/new', async (req, reply) => {
    await requireSiteAdminPage(req);
    const values = req.body as Values;
    const parsed = parseInput(newOrganizationSchema, req.body);
    if (!parsed.ok) return newPage(req, reply, values, parsed.errors);
    let id: number;
    try {
      id = await createOrganizationByAdmin(await siteCtx(req), parsed.data);
    } catch (err) {
      return newPage(req, reply, values, ruleErrorsOf(err));
    }
    return done(reply, `/admin/organizations/${id}/structure?saved=1`);
  });

  async function structurePage(req: FastifyRequest, reply: FastifyReply, org: Organization, values?: Values, errors?: FieldErrors) {
    const admin = await siteAdmin(req);
    if (!(await mayRenameOrganization(db, actorOf(req), org.id))) throw new ForbiddenError('只有该机构的管理员可以修改机构名称。');
    const saved = (req.query as { saved?: string }).saved;
    return sendHtml(
      reply,
      StructurePage({
        ...base(req, reply),
        org,
        orgs: await listOrganizations(db),
        siteAdmin: admin,
        successions: await listSuccessions(db, org.id),
        values: values ?? { name: org.name, shortName: org.short_name, slug: org.slug, parentId: String(org.parent_id ?? '') },
        errors,
        flash: saved && !errors ? '已保存。' : null,
      }),
      errors ? 422 : 200,
    );
  }

  app.get<{ Params: { id: string } }>('/admin/organizations/:id/structure', async (req, reply) => structurePage(req, reply, await orgOf(req.params.id)));

  app.post<{ Params: { id: string } }>('/admin/organizations/:id/rename', async (req, reply) => {
    const org = await orgOf(req.params.id);
    const values = { ...(req.body as Values), parentId: String(org.parent_id ?? '') };
    const parsed = parseInput(renameSchema, req.body);
    if (!parsed.ok) return structurePage(req, reply, org, values, parsed.errors);
    try {
      await renameOrganization({ ...commandContext(app, req), allowedOrgIds: await organizationAdminScope(db, actorOf(req)) }, org.id, parsed.data);
    } catch (err) {
      return structurePage(req, reply, org, values, ruleErrorsOf(err));
    }
    return done(reply, `/admin/organizations/${org.id}/structure?saved=1`);
  });

  app.post<{ Params: { id: string } }>('/admin/organizations/:id/move', async (req, reply) => {
    await requireSiteAdminPage(req);
    const org = await orgOf(req.params.id);
    const values = { name: org.name, shortName: org.short_name, slug: org.slug, ...(req.body as Values) };
    const parsed = parseInput(moveSchema, req.body);
    if (!parsed.ok) return structurePage(req, reply, org, values, parsed.errors);
    try {
      await moveOrganization(await siteCtx(req), org.id, parsed.data.parentId);
    } catch (err) {
      return structurePage(req, reply, org, values, ruleErrorsOf(err));
    }
    return done(reply, `/admin/organizations/${org.id}/structure?saved=1`);
  });

  const mergePage = async (req: FastifyRequest, reply: FastifyReply, values: Values, errors?: FieldErrors) =>
    sendHtml(reply, MergePage({ ...base(req, reply), orgs: await listOrganizations(db), values, errors }), errors ? 422 : 200);

  app.get<{ Querystring: { source?: string } }>('/admin/organizations/merge', async (req, reply) => {
    await requireSiteAdminPage(req);
    return mergePage(req, reply, { sourceIds: req.query.source ? [req.query.source] : [], successorMode: 'existing', kind: 'department', effectiveOn: today() });
  });

  app.post('/admin/organizations/merge', async (req, reply) => {
    await requireSiteAdminPage(req);
    const values = req.body as Values;
    const parsed = parseInput(mergeSchema, req.body);
    if (!parsed.ok) return mergePage(req, reply, values, parsed.errors);
    let successor: { id: number } | { create: import('./commands/create-organization.js').NewOrganization };
    if (parsed.data.successorMode === 'existing') successor = { id: Number(parsed.data.successorId) };
    else {
      const created = parseInput(newOrganizationSchema, req.body);
      if (!created.ok) return mergePage(req, reply, values, created.errors);
      successor = { create: created.data };
    }
    let successorId: number;
    try {
      ({ successorId } = await mergeOrganizations(await siteCtx(req), { sourceIds: parsed.data.sourceIds, successor, effectiveOn: parsed.data.effectiveOn }));
    } catch (err) {
      return mergePage(req, reply, values, ruleErrorsOf(err));
    }
    return done(reply, `/admin/organizations/${successorId}/structure?saved=1`);
  });

  async function splitPage(req: FastifyRequest, reply: FastifyReply, org: Organization, a: string, b: string, values: Values = {}, errors?: FieldErrors) {
    const orgs = (await listOrganizations(db)).filter((o) => o.id !== org.id);
    const pick = (id: string) => orgs.find((o) => String(o.id) === id) ?? null;
    const staff = new Map<number, SplitStaff>();
    for (const r of await listStaffRolesAt(db, org.id)) {
      const s = staff.get(r.id) ?? { id: r.id, username: r.username, displayName: r.display_name, roles: [] };
      s.roles.push(ROLE_NAMES[r.role]);
      staff.set(r.id, s);
    }
    return sendHtml(
      reply,
      SplitPage({ ...base(req, reply), org, orgs, a: pick(a), b: pick(b), tree: await getCatalogTree(db, org.id), staff: [...staff.values()], values: { effectiveOn: today(), ...values }, errors }),
      errors ? 422 : 200,
    );
  }

  app.get<{ Params: { id: string }; Querystring: { a?: string; b?: string } }>('/admin/organizations/:id/split', async (req, reply) => {
    await requireSiteAdminPage(req);
    const org = await orgOf(req.params.id);
    const errors = req.query.a && req.query.a === req.query.b ? { b: '两个承接机构不能相同' } : undefined;
    return splitPage(req, reply, org, req.query.a ?? '', errors ? '' : (req.query.b ?? ''), {}, errors);
  });

  app.post<{ Params: { id: string } }>('/admin/organizations/:id/split', async (req, reply) => {
    await requireSiteAdminPage(req);
    const org = await orgOf(req.params.id);
    const values = req.body as Values;
    const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
    const fail = (errors: FieldErrors) => splitPage(req, reply, org, str('successorA'), str('successorB'), values, errors);
    const parsed = parseInput(splitSchema, req.body);
    if (!parsed.ok) return fail(parsed.errors);
    const { successorA: a, successorB: b } = parsed.data;
    const side = (x: string) => (x === 'a' ? a : x === 'b' ? b : null);
    const columns = new Map<number, number>();
    const staff = new Map<number, number[]>();
    for (const [key, raw] of Object.entries(values)) {
      const val = typeof raw === 'string' ? raw : '';
      const col = /^col-(\d{1,12})$/.exec(key);
      const person = /^staff-(\d{1,12})$/.exec(key);
      if (col && val !== '') {
        const to = side(val);
        if (to === null) return fail({ _form: '栏目归属的取值无效' });
        columns.set(Number(col[1]), to);
      }
      if (person) {
        const to = val === 'both' ? [a, b] : val === 'none' ? [] : side(val);
        if (to === null) return fail({ _form: '工作人员去向的取值无效' });
        staff.set(Number(person[1]), Array.isArray(to) ? to : [to]);
      }
    }
    try {
      await splitOrganization(await siteCtx(req), { sourceId: org.id, successorIds: [a, b], columns, staff, effectiveOn: parsed.data.effectiveOn });
    } catch (err) {
      return fail(ruleErrorsOf(err));
    }
    return done(reply, `/admin/organizations/${a}/structure?saved=1`);
  });
}
