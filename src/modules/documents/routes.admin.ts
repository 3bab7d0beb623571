import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { compareSnapshots, isRevision, listPublicEditions, parseVersionPair } from '../editions/public.js';
import { discardUploads, isUpload, type Upload } from '../../platform/files/uploads.js';
import { actorOf, adminView, commandContext, requireStaff } from '../../platform/http/admin.js';
import { ForbiddenError, NotFoundError, type FieldErrors } from '../../platform/http/errors.js';
import { parseInput, ruleErrorsOf, typedValues } from '../../platform/http/forms.js';
import { sendHtml } from '../../platform/html/render.js';
import type { DocumentStatus } from '../../db/schema.js';
import { checkAttachment, docxToHtml, readAttachments } from './attachments.js';
import { checkItem } from '../review/public.js';
import { documentKind } from './review-kind.js';
import { addRelation } from './commands/add-relation.js';
import { removeAttachment } from './commands/remove-attachment.js';
import { saveDocument } from './commands/save-document.js';
import { checkDocumentInput, splitIssuers, type DocumentInput } from './domain/document-input.js';
import { addMonths, getDocumentForEdit, getDocumentVersionPair, listAdminDocuments, listDocumentVersions, listRelationsOf, loadFormOptions, resolveDocumentRef } from './queries/admin.js';
import { idParam } from '../../platform/content/lifecycle.js';
import { guardEditPage, listQuery, postCreateAndSave, visibleLoader } from '../../platform/content/admin-routes.js';
import { editRefusal, editScope, mayWriteDocumentsAt, viewScope } from './policy.js';
import { documentFormSchema, relationFormSchema } from './schemas.js';
import { AdminDocumentList, AdminDocumentPage } from './views/admin-pages.js';
import { DocumentForm, type DocumentFormValues } from './views/admin-form.js';
import { DocumentHistoryPage, DocumentVersionComparePage } from './views/admin-history.js';

export async function adminDocumentRoutes(app: FastifyInstance) {
  const { db, clock, config, storage } = app.deps;
  requireStaff(app);

  const editableOrgIds = (req: FastifyRequest) => editScope(db, actorOf(req));

  const visibleDocument = visibleLoader(db, getDocumentForEdit, '文件不存在，或您无权查看。');

  app.get<{ Querystring: { q?: string; status?: string; page?: string; expiring?: string } }>('/admin/documents', async (req, reply) => {
    const orgIds = await viewScope(db, actorOf(req));
    if (orgIds.length === 0) throw new ForbiddenError('您没有查看文件的权限。');
    const status = (['draft', 'published'] as const).find((s) => s === req.query.status) ?? null;
    const { page, q } = listQuery(req.query);
    const r = await listAdminDocuments(db, { orgIds, status, q, expiringBefore: req.query.expiring ? addMonths(clock.today(), 6) : null, page, pageSize: 30 });
    return sendHtml(reply, AdminDocumentList({ ...adminView(req, reply), actorName: actorOf(req).displayName, rows: r.rows, total: r.total, page, q, status: status ?? '' }));
  });

  async function renderForm(req: FastifyRequest, reply: FastifyReply, p: { documentId: number | null; values: DocumentFormValues; errors?: FieldErrors; status?: DocumentStatus; revision?: boolean; attachments?: { id: number; file_name: string; size_bytes: number }[] }, code = 200) {
    const actor = actorOf(req);
    const options = await loadFormOptions(db, await editableOrgIds(req));
    // The automatic checks' open findings of the saved text, shown where the drafter edits it.
    const report = p.documentId === null ? null : await checkItem(db, documentKind, p.documentId, commandContext(app, req));
    const findings = report?.findings.filter((f) => !f.resolution).map((f) => ({ severity: f.severity, message: f.message, excerpt: f.excerpt })) ?? [];
    return sendHtml(reply, DocumentForm({ ...adminView(req, reply), actorName: actor.displayName, options, findings, ...p }), code);
  }

  app.get('/admin/documents/new', async (req, reply) => {
    const options = await loadFormOptions(db, await editableOrgIds(req));
    if (options.orgs.length === 0) throw new ForbiddenError('您没有在任何机构起草文件的权限。');
    const org = options.orgs[0]!;
    return renderForm(req, reply, { documentId: null, values: { orgId: String(org.id), issuers: org.name, docType: '行政规范性文件', attribute: 'public' } });
  });

  app.get<{ Params: { id: string } }>('/admin/documents/:id/edit', async (req, reply) => {
    const live = await visibleDocument(req, idParam(req.params.id));
    // A published document is edited through its open edition, when it has one.
    const elsewhere = guardEditPage(reply, live, { refused: editRefusal(actorOf(req), live), closed: null }, (id) => `/admin/documents/${id}/edit`);
    if (elsewhere) return elsewhere;
    const d = live;
    const values: DocumentFormValues = {
      orgId: String(d.org_id), title: d.title, docNo: d.doc_no ?? '', issuers: d.issuers.join('、'), docType: d.doc_type,
      catalogNodeId: d.catalog_node_id ? String(d.catalog_node_id) : '', topicId: d.topic_id ? String(d.topic_id) : '', audiences: d.audiences,
      attribute: d.attribute, writtenOn: d.written_on ?? '', publishedOn: d.published_on ?? '', effectiveOn: d.effective_on ?? '', expiresOn: d.expires_on ?? '', bodyHtml: d.body_html,
      changeNote: d.change_note,
    };
    return renderForm(req, reply, { documentId: d.id, values, status: d.status, revision: isRevision(d), attachments: d.attachments });
  });

  /** Create (no id) and edit share one path: validate everything, then one command, or the form again. */
  async function submitDocument(req: FastifyRequest, reply: FastifyReply, documentId: number | null) {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values: DocumentFormValues = typedValues(body);
    const uploads = [body.bodyDocx, body.attachments].flat().filter(isUpload) as Upload[];
    const existing = documentId ? await visibleDocument(req, documentId) : null;
    const fail = (errors: FieldErrors) => renderForm(req, reply, { documentId, values, errors, status: existing?.status, revision: existing ? isRevision(existing) : false, attachments: existing?.attachments }, 422);
    const parsed = parseInput(documentFormSchema, body);
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    const docx = isUpload(body.bodyDocx) ? body.bodyDocx : null;
    const files = [body.attachments].flat().filter(isUpload);
    const docxError = docx ? checkAttachment(docx, config.maxUploadBytes, ['docx']) : null;
    if (docxError) errors.bodyDocx = docxError;
    const fileErrors = files.map((f) => checkAttachment(f, config.maxUploadBytes)).filter(Boolean);
    if (fileErrors.length) errors.attachments = fileErrors.join('；');
    if (!parsed.ok || Object.keys(errors).length) return fail(errors);
    const f = parsed.data;
    // Files are read here, on a worker thread with limits, before the command's transaction opens:
    // a slow or hostile file holds no database connection. Only someone who may save them is served.
    if (!mayWriteDocumentsAt(actorOf(req), f.orgId)) throw new ForbiddenError('您没有在该机构编辑文件的权限。');
    let bodyHtml = f.bodyHtml;
    if (docx) {
      try {
        bodyHtml = await docxToHtml(docx, config.extract);
      } catch (err) {
        return fail(ruleErrorsOf(err));
      }
    }
    const input: DocumentInput = { ...f, issuers: splitIssuers(f.issuers), bodyHtml, note: f.note ?? '', changeNote: f.changeNote ?? '' };
    const checked = checkDocumentInput(input, clock.today(), config.validityTerms);
    if (!checked.ok) return fail(checked.errors);
    // A file that cannot be read is refused like a rule: the form again, nothing kept.
    try {
      const attachments = await readAttachments(files, config.extract);
      const id = await saveDocument(commandContext(app, req), { actor: actorOf(req), documentId, input, checked: checked.value, attachments, storage, redactedCopies: f.redactedCopies });
      return reply.redirect(`/admin/documents/${id}?saved=1`, 303);
    } catch (err) {
      await discardUploads(uploads);
      return fail(ruleErrorsOf(err));
    }
  }

  postCreateAndSave(app, '/admin/documents', submitDocument);

  async function renderDocument(req: FastifyRequest, reply: FastifyReply, id: number, extra: { errors?: FieldErrors; values?: Record<string, string>; flash?: string | null } = {}, code = 200) {
    const d = await visibleDocument(req, id);
    const relations = await listRelationsOf(db, id);
    const actor = actorOf(req);
    // The automatic checks' verdict, where the drafter works; the review page lists each finding.
    const report = d.status === 'merged' ? null : await checkItem(db, documentKind, id, commandContext(app, req));
    return sendHtml(
      reply,
      AdminDocumentPage({ ...adminView(req, reply), actorName: actor.displayName, doc: { ...d, relations }, canEdit: editRefusal(actor, d) === null, isEditor: mayWriteDocumentsAt(actor, d.org_id), checks: report && { blocking: report.openBlocking, warnings: report.openWarnings }, ...extra }),
      code,
    );
  }

  app.get<{ Params: { id: string }; Querystring: { saved?: string } }>('/admin/documents/:id', (req, reply) =>
    renderDocument(req, reply, idParam(req.params.id), { flash: req.query.saved ? '已保存。需要公开时，请在“审核与发布”中提交审核。' : null }),
  );

  // The internal history: every saved version with staff notes, for the organization's staff only.
  app.get<{ Params: { id: string } }>('/admin/documents/:id/versions', async (req, reply) => {
    const d = await visibleDocument(req, idParam(req.params.id));
    const [versions, editions] = await Promise.all([listDocumentVersions(db, d.id), listPublicEditions(db, { type: 'document', id: d.id })]);
    return sendHtml(reply, DocumentHistoryPage({ ...adminView(req, reply), actorName: actorOf(req).displayName, documentId: d.id, title: d.title, versions, editions }));
  });

  app.get<{ Params: { id: string } }>('/admin/documents/:id/versions/compare', async (req, reply) => {
    const d = await visibleDocument(req, idParam(req.params.id));
    const [a, b] = parseVersionPair(req.query);
    const [va, vb] = await getDocumentVersionPair(db, d.id, a, b);
    if (!va || !vb) throw new NotFoundError('所选版本不存在');
    const comparison = compareSnapshots([`第 ${a} 版`, `第 ${b} 版`], va, vb);
    return sendHtml(reply, DocumentVersionComparePage({ ...adminView(req, reply), actorName: actorOf(req).displayName, documentId: d.id, title: d.title, comparison }));
  });

  app.post<{ Params: { id: string } }>('/admin/documents/:id/relations', async (req, reply) => {
    const id = idParam(req.params.id);
    const values = typedValues(req.body) as Record<string, string>;
    const parsed = parseInput(relationFormSchema, req.body);
    if (!parsed.ok) return renderDocument(req, reply, id, { errors: parsed.errors, values }, 422);
    const byDocumentId = parsed.data.byDocument ? await resolveDocumentRef(db, parsed.data.byDocument) : null;
    if (parsed.data.byDocument && byDocumentId === null) return renderDocument(req, reply, id, { errors: { byDocument: `找不到发文字号或编号为“${parsed.data.byDocument}”的已发布文件` }, values }, 422);
    try {
      await addRelation(commandContext(app, req), actorOf(req), { documentId: id, byDocumentId, kind: parsed.data.kind, effectiveOn: parsed.data.effectiveOn, note: parsed.data.note ?? '' });
    } catch (err) {
      return renderDocument(req, reply, id, { errors: ruleErrorsOf(err), values }, 422);
    }
    app.pageCache.clear();
    return reply.redirect(`/admin/documents/${id}?saved=1`, 303);
  });

  app.post<{ Params: { id: string; aid: string } }>('/admin/documents/:id/attachments/:aid/remove', async (req, reply) => {
    const id = idParam(req.params.id);
    await visibleDocument(req, id);
    await removeAttachment(commandContext(app, req), actorOf(req), { documentId: id, attachmentId: idParam(req.params.aid) });
    app.pageCache.clear();
    return reply.redirect(`/admin/documents/${id}?saved=1`, 303);
  });
}
