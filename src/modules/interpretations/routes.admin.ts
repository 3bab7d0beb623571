import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isRevision } from '../editions/public.js';
import type { ItemStatus } from '../../db/schema.js';
import { hasRole, scopeOrgIds } from '../../platform/auth/scope.js';
import { actorOf, adminView, commandContext, requireStaff } from '../../platform/http/admin.js';
import { ForbiddenError, NotFoundError, type FieldErrors } from '../../platform/http/errors.js';
import { parseInput, ruleErrorsOf } from '../../platform/http/forms.js';
import { sendHtml } from '../../platform/html/render.js';
import { EDITOR_ROLES, VIEWER_ROLES } from '../../platform/content/lifecycle.js';
import { idParam } from '../../platform/content/lifecycle.js';
import { saveInterpretation } from './commands/save-interpretation.js';
import { OVERSIGHT_ROLES } from './routes.oversight.js';
import { documentsByIds, getInterpretationForAdmin, listAdminInterpretations, listOrganizationsByIds, resolveDocumentRefs, searchLinkableDocuments, type LinkableDocument } from './queries/admin.js';
import { interpretationFormSchema } from './schemas.js';
import { AdminInterpretationList, AdminInterpretationPage, LIST_STATUSES } from './views/admin-pages.js';
import { InterpretationForm, type InterpretationFormValues } from './views/admin-form.js';

const PAGE_SIZE = 30;

export async function adminInterpretationRoutes(app: FastifyInstance) {
  const { db } = app.deps;
  requireStaff(app);

  const editableOrgIds = (req: FastifyRequest) => scopeOrgIds(db, actorOf(req), EDITOR_ROLES);

  /** An interpretation the actor may see in the back office, or 404 (another organization's drafts are never revealed). */
  async function visible(req: FastifyRequest, id: number) {
    const item = await getInterpretationForAdmin(db, id);
    const scope = await scopeOrgIds(db, actorOf(req), VIEWER_ROLES);
    if (!item || !scope.includes(item.org_id)) throw new NotFoundError('政策解读不存在，或您无权查看。');
    return item;
  }

  app.get<{ Querystring: { q?: string; status?: string; page?: string; saved?: string } }>('/admin/interpretations', async (req, reply) => {
    const actor = actorOf(req);
    const orgIds = await scopeOrgIds(db, actor, VIEWER_ROLES);
    if (orgIds.length === 0) throw new ForbiddenError('您没有查看政策解读的权限。');
    const status = LIST_STATUSES.find((s) => s === req.query.status) ?? null;
    const page = Math.max(1, Math.min(1000, Number(req.query.page) || 1));
    const q = (req.query.q ?? '').trim().slice(0, 100);
    const r = await listAdminInterpretations(db, { orgIds, status, q, page, pageSize: PAGE_SIZE });
    const canCreate = (await editableOrgIds(req)).length > 0;
    const canOversee = actor.roles.some((x) => OVERSIGHT_ROLES.includes(x.role));
    return sendHtml(reply, AdminInterpretationList({ ...adminView(req, reply), actorName: actor.displayName, rows: r.rows, total: r.total, page, pageSize: PAGE_SIZE, q, status: status ?? '', canCreate, canOversee }));
  });

  async function renderForm(req: FastifyRequest, reply: FastifyReply, p: { interpretationId: number | null; status: ItemStatus | null; revision?: boolean; values: InterpretationFormValues; chosen: LinkableDocument[]; found?: LinkableDocument[] | null; errors?: FieldErrors }, code = 200) {
    const orgs = await listOrganizationsByIds(db, await editableOrgIds(req));
    return sendHtml(reply, InterpretationForm({ ...adminView(req, reply), actorName: actorOf(req).displayName, orgs, found: null, ...p }), code);
  }

  app.get<{ Querystring: { document?: string } }>('/admin/interpretations/new', async (req, reply) => {
    const orgIds = await editableOrgIds(req);
    if (orgIds.length === 0) throw new ForbiddenError('您没有在任何机构起草政策解读的权限。');
    // Started from a document's page: that document is already ticked.
    const documentId = /^\d{1,12}$/.test(req.query.document ?? '') ? Number(req.query.document) : null;
    const chosen = documentId ? await documentsByIds(db, [documentId]) : [];
    const orgId = chosen[0] && orgIds.includes(chosen[0].org_id) ? chosen[0].org_id : orgIds[0]!;
    return renderForm(req, reply, { interpretationId: null, status: null, values: { orgId: String(orgId), form: 'text' }, chosen });
  });

  app.get<{ Params: { id: string } }>('/admin/interpretations/:id/edit', async (req, reply) => {
    const item = await visible(req, idParam(req.params.id));
    if (!hasRole(actorOf(req), item.org_id, EDITOR_ROLES)) throw new ForbiddenError('您没有编辑该政策解读的权限。');
    // A published interpretation is edited in its open edition, once there is one.
    if (item.openEdition) return reply.redirect(`/admin/interpretations/${item.openEdition.id}/edit`, 303);
    if (item.status === 'merged' || item.status === 'withdrawn') throw new ForbiddenError(item.status === 'merged' ? '这一版本已发布并入原解读，请编辑原解读。' : '已撤稿的政策解读不能修改。');
    const values: InterpretationFormValues = {
      orgId: String(item.org_id), title: item.title, form: item.form, department: item.department, contact: item.contact, bodyHtml: item.body_html, changeNote: item.change_note,
      documentIds: item.documents.map((d) => String(d.id)),
    };
    return renderForm(req, reply, { interpretationId: item.id, status: item.status, revision: isRevision(item), values, chosen: item.documents });
  });

  /** Create (no id) and edit share one path: validate, resolve the documents, then one command — or the form again. */
  async function submit(req: FastifyRequest, reply: FastifyReply, id: number | null) {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = formValues(body);
    const existing = id === null ? null : await visible(req, id);
    const orgIds = await editableOrgIds(req);
    const parsed = parseInput(interpretationFormSchema, body);
    const tickedIds = parsed.ok ? parsed.data.documentIds : [values.documentIds ?? []].flat().filter((x) => /^\d{1,12}$/.test(x)).map(Number);
    const form = { interpretationId: id, status: existing?.status ?? null, revision: existing ? isRevision(existing) : false, values };
    if (parsed.ok && parsed.data.action === 'search') {
      // 查找文件: the same form again with what was typed and what was found; nothing is written.
      const q = parsed.data.docQuery;
      const found = q ? await searchLinkableDocuments(db, orgIds, q) : [];
      return renderForm(req, reply, { ...form, chosen: await documentsByIds(db, tickedIds), found, errors: q ? undefined : { docQuery: '请输入要查找的文件标题或发文字号' } }, q ? 200 : 422);
    }
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    const refs = parsed.ok ? await resolveDocumentRefs(db, orgIds, parsed.data.documentRefs) : { ids: [], errors: [] };
    if (refs.errors.length) errors.documentRefs = refs.errors.join('；');
    const documentIds = [...new Set([...tickedIds, ...refs.ids])];
    const fail = async (e: FieldErrors) => renderForm(req, reply, { ...form, chosen: await documentsByIds(db, documentIds), errors: e }, 422);
    if (!parsed.ok || Object.keys(errors).length) return fail(errors);
    const f = parsed.data;
    if (documentIds.length === 0) return fail({ documents: '请选择至少一个被解读的文件' });
    try {
      const r = await saveInterpretation(commandContext(app, req), {
        actor: actorOf(req),
        interpretationId: id,
        input: { orgId: f.orgId, title: f.title, form: f.form, department: f.department ?? '', contact: f.contact ?? '', bodyHtml: f.bodyHtml, changeNote: f.changeNote ?? '', documentIds },
      });
      return reply.redirect(`/admin/interpretations/${r.id}?saved=${r.editionOf ? 'edition' : r.recalled ? 'recalled' : '1'}`, 303);
    } catch (err) {
      return fail(ruleErrorsOf(err));
    }
  }

  app.post('/admin/interpretations', (req, reply) => submit(req, reply, null));
  app.post<{ Params: { id: string } }>('/admin/interpretations/:id', (req, reply) => submit(req, reply, idParam(req.params.id)));

  app.get<{ Params: { id: string }; Querystring: { saved?: string } }>('/admin/interpretations/:id', async (req, reply) => {
    const item = await visible(req, idParam(req.params.id));
    const actor = actorOf(req);
    const flash = FLASH[req.query.saved ?? ''] ?? null;
    return sendHtml(reply, AdminInterpretationPage({ ...adminView(req, reply), actorName: actor.displayName, item, canEdit: hasRole(actor, item.org_id, EDITOR_ROLES), flash }));
  });
}

const FLASH: Record<string, string> = {
  '1': '已保存。起草完成后请点击“审核与发布”提交审核。',
  edition: '已保存为修订版本。门户上的解读保持不变，修订版本审核发布后替换原内容。',
  recalled: '已保存。修改后的解读已退回草稿，需要重新提交审核。',
};

/** The raw form values to show again; the CSRF token is not echoed. */
function formValues(body: Record<string, unknown>): InterpretationFormValues {
  const out: InterpretationFormValues = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === '_csrf') continue;
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) out[k] = v as string[];
  }
  return out;
}
