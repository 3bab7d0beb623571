import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isRevision } from '../editions/public.js';
import type { ItemStatus } from '../../db/schema.js';
import { actorOf, adminView, commandContext, requireStaff } from '../../platform/http/admin.js';
import { ForbiddenError, type FieldErrors } from '../../platform/http/errors.js';
import { parseInput, ruleErrorsOf, typedValues } from '../../platform/http/forms.js';
import { sendHtml } from '../../platform/html/render.js';
import { loadFormOptions } from '../documents/public.js';
import { idParam } from '../../platform/content/lifecycle.js';
import { getAdminItemPage, guardEditPage, openAdminList, postCreateAndSave, savedFlag, visibleLoader } from '../../platform/content/admin-routes.js';
import { documentsByIds, lookUpDocuments, resolveDocumentRefs, startFromDocument, tickedDocumentIds } from '../interpretations/public.js';
import { qaEditRules, editScope, mayEditQa } from './policy.js';
import { saveQaEntry, type QaDocumentLink } from './commands/save-qa.js';
import { splitClause } from './domain/labels.js';
import { getQaForAdmin, listAdminQa, listQaDepartments } from './queries/admin.js';
import { clauseSchema, qaFormSchema } from './schemas.js';
import { QaForm, type QaFormProps, type QaFormValues } from './views/admin-form.js';
import { AdminQaList, AdminQaPage } from './views/admin-pages.js';

const PAGE_SIZE = 30;

export async function adminQaRoutes(app: FastifyInstance) {
  const { db, clock } = app.deps;
  requireStaff(app);

  const editableOrgIds = (req: FastifyRequest) => editScope(db, actorOf(req));

  const visible = visibleLoader(db, getQaForAdmin, '政策问答不存在，或您无权查看。');

  app.get<{ Querystring: Record<string, string | undefined> }>('/admin/qa', async (req, reply) => {
    const { scope, status, page, q } = await openAdminList(db, req, '您没有查看政策问答的权限。');
    const org = Number(req.query.org) || null;
    const orgIds = org === null ? scope : scope.filter((x) => x === org);
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
    const { chosen, orgId } = await startFromDocument(db, req.query.document, orgIds);
    return renderForm(req, reply, { qaId: null, status: null, values: { orgId: String(orgId) }, chosen });
  });

  app.get<{ Params: { id: string } }>('/admin/qa/:id/edit', async (req, reply) => {
    const item = await visible(req, idParam(req.params.id));
    // A published entry is edited in its open edition, once there is one.
    const elsewhere = guardEditPage(reply, item, qaEditRules(actorOf(req), item), (id) => `/admin/qa/${id}/edit`);
    if (elsewhere) return elsewhere;
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
    const values: QaFormValues = typedValues(body);
    const existing = id === null ? null : await visible(req, id);
    const form = { qaId: id, status: (existing?.status ?? null) as ItemStatus | null, revision: existing ? isRevision(existing) : false, values };
    const parsed = parseInput(qaFormSchema, body);
    const orgIds = await editableOrgIds(req);
    const tickedIds = tickedDocumentIds(parsed, values);
    const lookup = await lookUpDocuments(db, orgIds, parsed, tickedIds);
    if (lookup) return renderForm(req, reply, { ...form, ...lookup.shown }, lookup.code);
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
      return reply.redirect(`/admin/qa/${r.id}?saved=${savedFlag(r)}`, 303);
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

  postCreateAndSave(app, '/admin/qa', submit);

  getAdminItemPage(app, '/admin/qa/:id', { load: visible, mayEdit: mayEditQa, saved: { noun: '问答', drafting: '编写' }, page: (p) => AdminQaPage({ ...p, today: clock.today() }) });
}
