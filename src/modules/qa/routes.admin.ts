import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isRevision } from '../editions/public.js';
import type { ItemStatus } from '../../db/schema.js';
import { hasRole, scopeOrgIds } from '../../platform/auth/scope.js';
import { actorOf, adminView, commandContext, requireStaff } from '../../platform/http/admin.js';
import { ForbiddenError, NotFoundError, type FieldErrors } from '../../platform/http/errors.js';
import { parseInput, ruleErrorsOf } from '../../platform/http/forms.js';
import { sendHtml } from '../../platform/html/render.js';
import { EDITOR_ROLES, VIEWER_ROLES } from '../../platform/content/lifecycle.js';
import { loadFormOptions } from '../documents/public.js';
import { idParam } from '../../platform/content/lifecycle.js';
import { documentsByIds, resolveDocumentRefs, searchLinkableDocuments } from '../interpretations/public.js';
import { saveQaEntry, type QaDocumentLink } from './commands/save-qa.js';
import { splitClause } from './domain/labels.js';
import { getQaForAdmin, listAdminQa, listQaDepartments } from './queries/admin.js';
import { clauseSchema, qaFormSchema } from './schemas.js';
import { QaForm, type QaFormProps, type QaFormValues } from './views/admin-form.js';
import { AdminQaList, AdminQaPage, QA_LIST_STATUSES } from './views/admin-pages.js';

const PAGE_SIZE = 30;

export async function adminQaRoutes(app: FastifyInstance) {
  const { db, clock } = app.deps;
  requireStaff(app);

  const editableOrgIds = (req: FastifyRequest) => scopeOrgIds(db, actorOf(req), EDITOR_ROLES);

  /** An entry the actor may see in the back office, or 404 (another organization's drafts are never revealed). */
  async function visible(req: FastifyRequest, id: number) {
    const item = await getQaForAdmin(db, id);
    const scope = await scopeOrgIds(db, actorOf(req), VIEWER_ROLES);
    if (!item || !scope.includes(item.org_id)) throw new NotFoundError('政策问答不存在，或您无权查看。');
    return item;
  }

  app.get<{ Querystring: Record<string, string | undefined> }>('/admin/qa', async (req, reply) => {
    const actor = actorOf(req);
    const scope = await scopeOrgIds(db, actor, VIEWER_ROLES);
    if (scope.length === 0) throw new ForbiddenError('您没有查看政策问答的权限。');
    const org = Number(req.query.org) || null;
    const orgIds = org === null ? scope : scope.filter((x) => x === org);
    const status = QA_LIST_STATUSES.find((s) => s === req.query.status) ?? null;
    const page = Math.max(1, Math.min(1000, Number(req.query.page) || 1));
    const q = (req.query.q ?? '').trim().slice(0, 100);
    const department = (req.query.department ?? '').trim().slice(0, 100);
    const due = req.query.due === '1';
    const r = await listAdminQa(db, { orgIds, status, department, q, dueOn: due ? clock.today() : null, page, pageSize: PAGE_SIZE });
    const [options, departments] = await Promise.all([loadFormOptions(db, scope), listQaDepartments(db, scope)]);
    const filters = { q, status: status ?? '', department, org: org === null ? '' : String(org), due };
    return sendHtml(reply, AdminQaList({ ...adminView(req, reply), rows: r.rows, total: r.total, page, pageSize: PAGE_SIZE, filters, orgs: options.orgs, departments, canCreate: (await editableOrgIds(req)).length > 0 }));
  });

  async function renderForm(req: FastifyRequest, reply: FastifyReply, p: Pick<QaFormProps, 'qaId' | 'status' | 'values' | 'chosen'> & Partial<Pick<QaFormProps, 'found' | 'errors' | 'revision'>>, code = 200) {
    const options = await loadFormOptions(db, await editableOrgIds(req));
    return sendHtml(reply, QaForm({ ...adminView(req, reply), options, found: null, ...p }), code);
  }

  app.get<{ Querystring: { document?: string } }>('/admin/qa/new', async (req, reply) => {
    const orgIds = await editableOrgIds(req);
    if (orgIds.length === 0) throw new ForbiddenError('您没有在任何机构编写政策问答的权限。');
    // Started from a document's page: that document is already ticked.
    const documentId = /^\d{1,12}$/.test(req.query.document ?? '') ? Number(req.query.document) : null;
    const chosen = documentId ? await documentsByIds(db, [documentId]) : [];
    const orgId = chosen[0] && orgIds.includes(chosen[0].org_id) ? chosen[0].org_id : orgIds[0]!;
    return renderForm(req, reply, { qaId: null, status: null, values: { orgId: String(orgId) }, chosen });
  });

  app.get<{ Params: { id: string } }>('/admin/qa/:id/edit', async (req, reply) => {
    const item = await visible(req, idParam(req.params.id));
    if (!hasRole(actorOf(req), item.org_id, EDITOR_ROLES)) throw new ForbiddenError('您没有编辑该政策问答的权限。');
    // A published entry is edited in its open edition, once there is one.
    if (item.openEdition) return reply.redirect(`/admin/qa/${item.openEdition.id}/edit`, 303);
    if (item.status === 'merged' || item.status === 'withdrawn') throw new ForbiddenError(item.status === 'merged' ? '这一版本已发布并入原问答，请编辑原问答。' : '已撤稿的政策问答不能修改。');
    const values: QaFormValues = {
      orgId: String(item.org_id), question: item.question, phrasings: item.phrasings.join('\n'), answerHtml: item.answer_html, department: item.department, contact: item.contact, changeNote: item.change_note,
      topicId: item.topic_id === null ? '' : String(item.topic_id), audiences: item.audiences, reviewOn: item.review_on ?? '',
      documentIds: item.documents.map((d) => String(d.id)), ...Object.fromEntries(item.documents.map((d) => [`clause_${d.id}`, d.clause])),
    };
    return renderForm(req, reply, { qaId: item.id, status: item.status, revision: isRevision(item), values, chosen: item.documents });
  });

  /** Create (no id) and edit share one path: validate, resolve the documents, then one command — or the form again. */
  async function submit(req: FastifyRequest, reply: FastifyReply, id: number | null) {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = typedValues(body);
    const existing = id === null ? null : await visible(req, id);
    const orgIds = await editableOrgIds(req);
    const parsed = parseInput(qaFormSchema, body);
    const tickedIds = parsed.ok ? parsed.data.documentIds : [values.documentIds ?? []].flat().filter((x) => /^\d{1,12}$/.test(x)).map(Number);
    const form = { qaId: id, status: (existing?.status ?? null) as ItemStatus | null, revision: existing ? isRevision(existing) : false, values };
    if (parsed.ok && parsed.data.action === 'search') {
      // 查找文件: the same form again with what was typed and what was found; nothing is written.
      const q = parsed.data.docQuery;
      const found = q ? await searchLinkableDocuments(db, orgIds, q) : [];
      return renderForm(req, reply, { ...form, chosen: await documentsByIds(db, tickedIds), found, errors: q ? undefined : { docQuery: '请输入要查找的文件标题或发文字号' } }, q ? 200 : 422);
    }
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    const links: QaDocumentLink[] = [];
    for (const documentId of tickedIds) {
      const clause = parseInput(clauseSchema, body[`clause_${documentId}`]);
      if (clause.ok) links.push({ documentId, clause: clause.data });
      else errors.documents = `条款：${Object.values(clause.errors)[0]}`;
    }
    if (parsed.ok) {
      const typed = await resolveTypedRefs(orgIds, parsed.data.documentRefs);
      links.push(...typed.links);
      if (typed.errors.length) errors.documentRefs = typed.errors.join('；');
    }
    const fail = async (e: FieldErrors) => renderForm(req, reply, { ...form, chosen: await documentsByIds(db, [...new Set([...tickedIds, ...links.map((l) => l.documentId)])]), errors: e }, 422);
    if (!parsed.ok || Object.keys(errors).length) return fail(errors);
    const f = parsed.data;
    try {
      const r = await saveQaEntry(commandContext(app, req), {
        actor: actorOf(req),
        qaId: id,
        input: { orgId: f.orgId, question: f.question, phrasings: f.phrasings, answerHtml: f.answerHtml, department: f.department, contact: f.contact, topicId: f.topicId, audiences: f.audiences, reviewOn: f.reviewOn, changeNote: f.changeNote, documents: links },
      });
      return reply.redirect(`/admin/qa/${r.id}?saved=${r.editionOf ? 'edition' : r.recalled ? 'recalled' : '1'}`, 303);
    } catch (err) {
      return fail(ruleErrorsOf(err));
    }
  }

  /** Lines of the free entry: a document by number, 发文字号 or title, then perhaps its clause. */
  async function resolveTypedRefs(orgIds: number[], lines: string[]) {
    const links: QaDocumentLink[] = [];
    const errors: string[] = [];
    for (const line of lines.slice(0, 50)) {
      const { ref, clause } = splitClause(line);
      const r = await resolveDocumentRefs(db, orgIds, [ref]);
      // The shared lookup speaks of interpretations; here a document is linked, not interpreted.
      errors.push(...r.errors.map((e) => e.replace('只能解读', '只能关联')));
      if (r.ids[0] !== undefined) links.push({ documentId: r.ids[0], clause });
    }
    return { links, errors };
  }

  app.post('/admin/qa', (req, reply) => submit(req, reply, null));
  app.post<{ Params: { id: string } }>('/admin/qa/:id', (req, reply) => submit(req, reply, idParam(req.params.id)));

  app.get<{ Params: { id: string }; Querystring: { saved?: string } }>('/admin/qa/:id', async (req, reply) => {
    const item = await visible(req, idParam(req.params.id));
    const actor = actorOf(req);
    const flash = FLASH[req.query.saved ?? ''] ?? null;
    return sendHtml(reply, AdminQaPage({ ...adminView(req, reply), item, canEdit: hasRole(actor, item.org_id, EDITOR_ROLES), flash, today: clock.today() }));
  });
}

const FLASH: Record<string, string> = {
  '1': '已保存。编写完成后请点击“审核与发布”提交审核。',
  edition: '已保存为修订版本。门户上的问答保持不变，修订版本审核发布后替换原内容。',
  recalled: '已保存。修改后的问答已退回草稿，需要重新提交审核。',
};

/** The form's values as typed, to show them again; the CSRF token is not echoed. */
function typedValues(body: Record<string, unknown>): QaFormValues {
  const keep = (v: unknown): v is string | string[] => typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'));
  return Object.fromEntries(Object.entries(body).filter(([k, v]) => k !== '_csrf' && keep(v))) as QaFormValues;
}
