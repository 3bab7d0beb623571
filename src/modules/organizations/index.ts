import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf, adminView, commandContext, requireStaff } from '../../platform/http/admin.js';
import { ForbiddenError, NotFoundError, type FieldErrors } from '../../platform/http/errors.js';
import { fields, parseInput, ruleErrorsOf } from '../../platform/http/forms.js';
import { sendHtml } from '../../platform/html/render.js';
import { addCatalogNode, deleteCatalogNode, updateCatalogNode } from './commands/edit-catalog.js';
import { updateOrganization } from './commands/update-organization.js';
import { findCatalogNode, findOrganization, getCatalogTree, listOrganizations } from './queries.js';
import { CatalogEditor, OrganizationForm, OrganizationList } from './views/admin.js';
import { organizationChangeRoutes } from './routes.changes.js';
import { findOrganizationRedirect } from './queries.changes.js';
import { mayChangeTree, mayOpenOrganizations, organizationAdminScope } from './policy.js';

const orgSchema = z.object({
  name: fields.text('机构名称', 100),
  shortName: fields.text('简称', 40),
  address: z.string().trim().max(200).default(''),
  postcode: z.string().trim().regex(/^(\d{6})?$/, '邮政编码应为 6 位数字').default(''),
  officeHours: z.string().trim().max(100).default(''),
  phone: z.string().trim().max(60).default(''),
  fax: z.string().trim().max(60).default(''),
  email: z.union([z.literal(''), z.email('电子邮箱格式不正确')]).default(''),
  indexTemplate: fields.text('索引号规则', 100),
  reviewLevels: z.coerce.number({ error: '审核级数须为 1 至 3' }).int('审核级数须为 1 至 3').min(1, '审核级数须为 1 至 3').max(3, '审核级数须为 1 至 3'),
  interpretationRule: fields.oneOf('解读要求', ['required', 'grace', 'none'] as const),
  interpretationGraceDays: z.coerce.number({ error: '解读宽限期须为 0 至 30 个工作日' }).int('解读宽限期须为整数').min(0, '解读宽限期须为 0 至 30 个工作日').max(30, '解读宽限期须为 0 至 30 个工作日'),
  replyReview: fields.checkbox(),
  feePausesClock: fields.checkbox(),
  correctionDays: z.coerce.number({ error: '补正期限须为 1 至 60 个工作日' }).int('补正期限须为整数').min(1, '补正期限须为 1 至 60 个工作日').max(60, '补正期限须为 1 至 60 个工作日').default(15),
  guideHtml: z.string().max(200_000, '公开指南过长').default(''),
});

const nodeSchema = z.object({
  name: fields.text('栏目名称', 40),
  slug: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, '栏目路径只能用小写字母、数字和连字符'),
  parentId: z.string().optional().transform((s) => (s && /^\d+$/.test(s) ? Number(s) : null)),
});

const renameSchema = z.object({ name: fields.text('栏目名称', 40), position: z.coerce.number({ error: '排序须为数字' }).int().min(0).max(9999) });

/**
 * Organizations: the back office (contact details, disclosure guide, 索引号 rule, the catalog tree,
 * and the tree of organizations itself), and the redirects from a former organization's portal.
 */
export default async function organizations(app: FastifyInstance) {
  // Old portal addresses of a renamed, merged or split organization that no portal route matches
  // (the portal's own routes are redirected by its hook, through public.ts).
  app.get('/org/:slug/*', async (req, reply) => {
    const to = await findOrganizationRedirect(app.deps.db, req.url);
    if (to) return reply.redirect(to, 301);
    throw new NotFoundError();
  });
  await app.register(async (scoped) => {
    requireStaff(scoped);
    await scoped.register(organizationsAdmin);
    await scoped.register(organizationChangeRoutes);
  });
}

async function organizationsAdmin(app: FastifyInstance) {
  const { db } = app.deps;

  const adminOrgIds = (req: FastifyRequest) => organizationAdminScope(db, actorOf(req));
  async function adminOrg(req: FastifyRequest, id: string) {
    const org = /^\d+$/.test(id) ? await findOrganization(db, Number(id)) : undefined;
    if (!org) throw new NotFoundError('机构不存在');
    if (!(await adminOrgIds(req)).includes(org.id)) throw new ForbiddenError('只有该机构的管理员可以修改机构信息。');
    return org;
  }
  const ctxFor = async (req: FastifyRequest) => ({ ...commandContext(app, req), allowedOrgIds: await adminOrgIds(req) });
  const base = (req: FastifyRequest, reply: FastifyReply) => ({ ...adminView(req, reply), actorName: actorOf(req).displayName });

  app.get('/admin/organizations', async (req, reply) => {
    if (!mayOpenOrganizations(actorOf(req))) throw new ForbiddenError('只有管理员可以管理机构与目录。');
    const siteAdmin = await mayChangeTree(db, actorOf(req));
    const orgs = await listOrganizations(db, siteAdmin ? { withDissolved: true } : { inScope: await adminOrgIds(req) });
    return sendHtml(reply, OrganizationList({ ...base(req, reply), orgs, siteAdmin }));
  });

  app.get<{ Params: { id: string }; Querystring: { saved?: string } }>('/admin/organizations/:id', async (req, reply) => {
    const org = await adminOrg(req, req.params.id);
    const values = { name: org.name, shortName: org.short_name, address: org.address, postcode: org.postcode, officeHours: org.office_hours, phone: org.phone, fax: org.fax, email: org.email, indexTemplate: org.index_template, guideHtml: org.guide_html,
      reviewLevels: String(org.review_levels), interpretationRule: org.interpretation_rule, interpretationGraceDays: String(org.interpretation_grace_days),
      replyReview: org.request_reply_review ? 'on' : '', feePausesClock: org.request_fee_pauses_clock ? 'on' : '', correctionDays: String(org.request_correction_days) };
    return sendHtml(reply, OrganizationForm({ ...base(req, reply), org, values, flash: req.query.saved ? '已保存。' : null }));
  });

  app.post<{ Params: { id: string } }>('/admin/organizations/:id', async (req, reply) => {
    const org = await adminOrg(req, req.params.id);
    const values = req.body as Record<string, string>;
    const fail = (errors: FieldErrors) => sendHtml(reply, OrganizationForm({ ...base(req, reply), org, values, errors }), 422);
    const parsed = parseInput(orgSchema, req.body);
    if (!parsed.ok) return fail(parsed.errors);
    try {
      await updateOrganization(await ctxFor(req), org.id, parsed.data);
    } catch (err) {
      return fail(ruleErrorsOf(err));
    }
    app.pageCache.clear();
    return reply.redirect(`/admin/organizations/${org.id}?saved=1`, 303);
  });

  async function catalogPage(req: FastifyRequest, reply: FastifyReply, orgId: string, extra: { errors?: FieldErrors; values?: Record<string, string>; flash?: string | null } = {}, code = 200) {
    const org = await adminOrg(req, orgId);
    return sendHtml(reply, CatalogEditor({ ...base(req, reply), org, tree: await getCatalogTree(db, org.id), ...extra }), code);
  }

  app.get<{ Params: { id: string }; Querystring: { saved?: string } }>('/admin/organizations/:id/catalog', (req, reply) => catalogPage(req, reply, req.params.id, { flash: req.query.saved ? '已保存。' : null }));

  app.post<{ Params: { id: string } }>('/admin/organizations/:id/catalog', async (req, reply) => {
    const org = await adminOrg(req, req.params.id);
    const values = req.body as Record<string, string>;
    const parsed = parseInput(nodeSchema, req.body);
    if (!parsed.ok) return catalogPage(req, reply, req.params.id, { errors: parsed.errors, values }, 422);
    try {
      await addCatalogNode(await ctxFor(req), org.id, parsed.data);
    } catch (err) {
      return catalogPage(req, reply, req.params.id, { errors: ruleErrorsOf(err), values }, 422);
    }
    app.pageCache.clear();
    return reply.redirect(`/admin/organizations/${org.id}/catalog?saved=1`, 303);
  });

  async function nodeOrg(nodeId: string) {
    const node = /^\d+$/.test(nodeId) ? await findCatalogNode(db, Number(nodeId)) : undefined;
    if (!node) throw new NotFoundError('栏目不存在');
    return node;
  }

  app.post<{ Params: { nodeId: string } }>('/admin/catalog/:nodeId', async (req, reply) => {
    const node = await nodeOrg(req.params.nodeId);
    const parsed = parseInput(renameSchema, req.body);
    if (!parsed.ok) return catalogPage(req, reply, String(node.org_id), { errors: parsed.errors }, 422);
    await updateCatalogNode(await ctxFor(req), node.id, parsed.data);
    app.pageCache.clear();
    return reply.redirect(`/admin/organizations/${node.org_id}/catalog?saved=1`, 303);
  });

  app.post<{ Params: { nodeId: string } }>('/admin/catalog/:nodeId/delete', async (req, reply) => {
    const node = await nodeOrg(req.params.nodeId);
    try {
      await deleteCatalogNode(await ctxFor(req), node.id);
    } catch (err) {
      return catalogPage(req, reply, String(node.org_id), { errors: ruleErrorsOf(err) }, 422);
    }
    app.pageCache.clear();
    return reply.redirect(`/admin/organizations/${node.org_id}/catalog?saved=1`, 303);
  });
}
