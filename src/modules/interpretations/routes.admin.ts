import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isRevision } from '../editions/public.js';
import type { ItemStatus } from '../../db/schema.js';
import { actorOf, adminView, commandContext, requireStaff } from '../../platform/http/admin.js';
import { ForbiddenError, type FieldErrors } from '../../platform/http/errors.js';
import { parseInput, ruleErrorsOf, typedValues } from '../../platform/http/forms.js';
import { sendHtml } from '../../platform/html/render.js';
import { idParam } from '../../platform/content/lifecycle.js';
import { getAdminItemPage, guardEditPage, openAdminList, postCreateAndSave, savedFlag, visibleLoader } from '../../platform/content/admin-routes.js';
import { saveInterpretation } from './commands/save-interpretation.js';
import { interpretationEditRules, editScope, mayEditInterpretation, mayOversee } from './policy.js';
import { lookUpDocuments, startFromDocument, tickedDocumentIds } from './queries/document-choice.js';
import { documentsByIds, getInterpretationForAdmin, listAdminInterpretations, listOrganizationsByIds, resolveDocumentRefs, type LinkableDocument } from './queries/admin.js';
import { interpretationFormSchema } from './schemas.js';
import { AdminInterpretationList, AdminInterpretationPage } from './views/admin-pages.js';
import { InterpretationForm, type InterpretationFormValues } from './views/admin-form.js';

const PAGE_SIZE = 30;

export async function adminInterpretationRoutes(app: FastifyInstance) {
  const { db } = app.deps;
  requireStaff(app);

  const editableOrgIds = (req: FastifyRequest) => editScope(db, actorOf(req));

  const visible = visibleLoader(db, getInterpretationForAdmin, '政策解读不存在，或您无权查看。');

  app.get<{ Querystring: { q?: string; status?: string; page?: string; saved?: string } }>('/admin/interpretations', async (req, reply) => {
    const { actor, scope: orgIds, status, page, q } = await openAdminList(db, req, '您没有查看政策解读的权限。');
    const r = await listAdminInterpretations(db, { orgIds, status, q, page, pageSize: PAGE_SIZE });
    const canCreate = (await editableOrgIds(req)).length > 0;
    return sendHtml(reply, AdminInterpretationList({ ...adminView(req, reply), actorName: actor.displayName, rows: r.rows, total: r.total, page, pageSize: PAGE_SIZE, q, status: status ?? '', canCreate, canOversee: mayOversee(actor) }));
  });

  async function renderForm(req: FastifyRequest, reply: FastifyReply, p: { interpretationId: number | null; status: ItemStatus | null; revision?: boolean; values: InterpretationFormValues; chosen: LinkableDocument[]; found?: LinkableDocument[] | null; errors?: FieldErrors }, code = 200) {
    const orgs = await listOrganizationsByIds(db, await editableOrgIds(req));
    return sendHtml(reply, InterpretationForm({ ...adminView(req, reply), actorName: actorOf(req).displayName, orgs, found: null, ...p }), code);
  }

  app.get<{ Querystring: { document?: string } }>('/admin/interpretations/new', async (req, reply) => {
    const orgIds = await editableOrgIds(req);
    if (orgIds.length === 0) throw new ForbiddenError('您没有在任何机构起草政策解读的权限。');
    const { chosen, orgId } = await startFromDocument(db, req.query.document, orgIds);
    return renderForm(req, reply, { interpretationId: null, status: null, values: { orgId: String(orgId), form: 'text' }, chosen });
  });

  app.get<{ Params: { id: string } }>('/admin/interpretations/:id/edit', async (req, reply) => {
    const item = await visible(req, idParam(req.params.id));
    // A published interpretation is edited in its open edition, once there is one.
    const elsewhere = guardEditPage(reply, item, interpretationEditRules(actorOf(req), item), (id) => `/admin/interpretations/${id}/edit`);
    if (elsewhere) return elsewhere;
    const values: InterpretationFormValues = {
      orgId: String(item.org_id), title: item.title, form: item.form, department: item.department, contact: item.contact, bodyHtml: item.body_html, changeNote: item.change_note,
      documentIds: item.documents.map((d) => String(d.id)),
    };
    return renderForm(req, reply, { interpretationId: item.id, status: item.status, revision: isRevision(item), values, chosen: item.documents });
  });

  /** Create (no id) and edit share one path: validate, resolve the documents, then one command — or the form again. */
  async function submit(req: FastifyRequest, reply: FastifyReply, id: number | null) {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values: InterpretationFormValues = typedValues(body);
    const parsed = parseInput(interpretationFormSchema, body);
    const existing = id === null ? null : await visible(req, id);
    const form = { interpretationId: id, status: existing?.status ?? null, revision: existing ? isRevision(existing) : false, values };
    const orgIds = await editableOrgIds(req);
    const tickedIds = tickedDocumentIds(parsed, values);
    const lookup = await lookUpDocuments(db, orgIds, parsed, tickedIds);
    if (lookup) return renderForm(req, reply, { ...form, ...lookup.shown }, lookup.code);
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
      return reply.redirect(`/admin/interpretations/${r.id}?saved=${savedFlag(r)}`, 303);
    } catch (err) {
      return fail(ruleErrorsOf(err));
    }
  }

  postCreateAndSave(app, '/admin/interpretations', submit);

  getAdminItemPage(app, '/admin/interpretations/:id', { load: visible, mayEdit: mayEditInterpretation, saved: { noun: '解读' }, page: AdminInterpretationPage });
}
