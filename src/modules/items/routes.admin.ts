import { sendAttachment } from '../../platform/files/download.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ItemStatus } from '../../db/schema.js';
import { getAdminItemPage, guardEditPage, openAdminList, postCreateAndSave, pickOne, savedFlag, visibleLoader } from '../../platform/content/admin-routes.js';
import { idParam } from '../../platform/content/lifecycle.js';
import { discardUploads, isUpload, type Upload } from '../../platform/files/uploads.js';
import { actorOf, adminView, commandContext, requireStaff } from '../../platform/http/admin.js';
import { ForbiddenError, type FieldErrors } from '../../platform/http/errors.js';
import { parseInput, ruleErrorsOf, typedValues } from '../../platform/http/forms.js';
import { sendHtml } from '../../platform/html/render.js';
import { checkAttachment, loadFormOptions, readAttachments } from '../documents/public.js';
import { isRevision } from '../editions/public.js';
import { saveItem } from './commands/save-item.js';
import { CATEGORY_CODES, findCategory } from './domain/categories.js';
import { getAdminAttachment, getItemForAdmin, listAdminItems, type ItemAttachment } from './queries/admin.js';
import { itemFormSchema } from './schemas.js';
import { ItemForm, type ItemFormValues } from './views/admin-form.js';
import { AdminItemList, AdminItemPage } from './views/admin-pages.js';
import { itemEditRules, editScope, mayEditItem, mayWriteItemsAt, viewScope } from './policy.js';

const PAGE_SIZE = 30;

export async function adminItemRoutes(app: FastifyInstance) {
  const { db, config, storage } = app.deps;
  requireStaff(app);

  const editableOrgIds = (req: FastifyRequest) => editScope(db, actorOf(req));

  const visible = visibleLoader(db, getItemForAdmin, '信息不存在，或您无权查看。');

  app.get<{ Querystring: { q?: string; status?: string; category?: string; page?: string } }>('/admin/items', async (req, reply) => {
    const { actor, scope: orgIds, status, page, q } = await openAdminList(db, req, '您没有查看信息的权限。');
    const category = pickOne(CATEGORY_CODES, req.query.category);
    const r = await listAdminItems(db, { orgIds, status, category, q, page, pageSize: PAGE_SIZE });
    const canCreate = (await editableOrgIds(req)).length > 0;
    return sendHtml(reply, AdminItemList({ ...adminView(req, reply), actorName: actor.displayName, rows: r.rows, total: r.total, page, pageSize: PAGE_SIZE, q, status: status ?? '', category: category ?? '', canCreate }));
  });

  async function renderForm(req: FastifyRequest, reply: FastifyReply, p: { itemId: number | null; status: ItemStatus | null; revision?: boolean; values: ItemFormValues; errors?: FieldErrors; attachments?: ItemAttachment[] }, code = 200) {
    const options = await loadFormOptions(db, await editableOrgIds(req));
    return sendHtml(reply, ItemForm({ ...adminView(req, reply), actorName: actorOf(req).displayName, options, ...p }), code);
  }

  app.get<{ Querystring: { category?: string } }>('/admin/items/new', async (req, reply) => {
    const orgIds = await editableOrgIds(req);
    if (orgIds.length === 0) throw new ForbiddenError('您没有在任何机构发布信息的权限。');
    const category = findCategory(req.query.category ?? '')?.code ?? 'news';
    return renderForm(req, reply, { itemId: null, status: null, values: { orgId: String(orgIds[0]), category, attribute: 'public' } });
  });

  app.get<{ Params: { id: string } }>('/admin/items/:id/edit', async (req, reply) => {
    const item = await visible(req, idParam(req.params.id));
    const elsewhere = guardEditPage(reply, item, itemEditRules(actorOf(req), item), (id) => `/admin/items/${id}/edit`);
    if (elsewhere) return elsewhere;
    const s = (v: string | number | null) => (v === null ? '' : String(v));
    const values: ItemFormValues = {
      orgId: s(item.org_id), category: item.category, catalogNodeId: s(item.catalog_node_id), title: item.title, topicId: s(item.topic_id), attribute: item.attribute, source: item.source,
      bodyHtml: item.body_html, publicityStart: s(item.publicity_start), publicityEnd: s(item.publicity_end), publicityScope: s(item.publicity_scope), publicityPlace: item.publicity_place,
      afterPeriod: s(item.after_period), changeNote: item.change_note,
    };
    return renderForm(req, reply, { itemId: item.id, status: item.status, revision: isRevision(item), values, attachments: item.attachments });
  });

  /** Create (no id) and edit share one path: validate everything, read the files, then one command — or the form again. */
  async function submit(req: FastifyRequest, reply: FastifyReply, id: number | null) {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values: ItemFormValues = typedValues(body);
    const files = [body.attachments].flat().filter(isUpload) as Upload[];
    const existing = id === null ? null : await visible(req, id);
    const fail = async (errors: FieldErrors) => {
      await discardUploads(files);
      return renderForm(req, reply, { itemId: id, status: existing?.status ?? null, revision: existing ? isRevision(existing) : false, values, errors, attachments: existing?.attachments }, 422);
    };
    const parsed = parseInput(itemFormSchema, body);
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    const fileErrors = files.map((f) => checkAttachment(f, config.maxUploadBytes)).filter(Boolean);
    if (fileErrors.length) errors.attachments = fileErrors.join('；');
    if (!parsed.ok || Object.keys(errors).length) return fail(errors);
    const f = parsed.data;
    // Files are read before the command's transaction opens, and only for someone who may save them.
    if (!mayWriteItemsAt(actorOf(req), f.orgId)) throw new ForbiddenError('您没有在该机构发布信息的权限。');
    // A file that cannot be read is refused like a rule: the form again, nothing kept.
    try {
      const attachments = await readAttachments(files, config.extract);
      const r = await saveItem(commandContext(app, req), {
        actor: actorOf(req),
        itemId: id,
        input: {
          orgId: f.orgId, category: f.category, catalogNodeId: f.catalogNodeId, title: f.title, bodyHtml: f.bodyHtml, topicId: f.topicId, attribute: f.attribute, source: f.source ?? '',
          publicityStart: f.publicityStart, publicityEnd: f.publicityEnd, publicityScope: f.publicityScope, publicityPlace: f.publicityPlace ?? '', afterPeriod: f.afterPeriod, changeNote: f.changeNote ?? '',
        },
        attachments,
        redactedCopies: f.redactedCopies,
        removeAttachmentIds: f.removeAttachmentIds,
        storage,
      });
      return reply.redirect(`/admin/items/${r.id}?saved=${savedFlag(r)}`, 303);
    } catch (err) {
      return fail(ruleErrorsOf(err));
    }
  }

  postCreateAndSave(app, '/admin/items', submit);

  getAdminItemPage(app, '/admin/items/:id', { load: visible, mayEdit: mayEditItem, saved: { noun: '信息' }, page: AdminItemPage });

  // Staff download any attachment of an item in their scope, drafts included (the reviewer reads them).
  app.get<{ Params: { id: string; aid: string } }>('/admin/items/:id/attachments/:aid', async (req, reply) => {
    const att = await getAdminAttachment(db, idParam(req.params.id), idParam(req.params.aid), await viewScope(db, actorOf(req)));
    return sendAttachment(reply, storage, att, req.params.aid);
  });
}
