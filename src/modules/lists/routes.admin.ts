import { readFile } from 'node:fs/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { idParam } from '../../platform/content/lifecycle.js';
import { listQuery } from '../../platform/content/admin-routes.js';
import { editScope, mayEditList, viewScope } from './policy.js';
import { actorOf, adminView, commandContext, requireStaff } from '../../platform/http/admin.js';
import { ForbiddenError, NotFoundError, RuleError, type FieldErrors } from '../../platform/http/errors.js';
import { parseInput, ruleErrorsOf } from '../../platform/http/forms.js';
import { sendHtml } from '../../platform/html/render.js';
import { discardUploads, isUpload, uploadsIn } from '../../platform/files/uploads.js';
import { ExtractError, extractFile } from '../../platform/files/extract.js';
import { checkAttachment } from '../documents/public.js';
import { createList } from './commands/create-list.js';
import { importRows } from './commands/import-rows.js';
import { deleteRow, saveRow } from './commands/save-row.js';
import { saveVersionText } from './commands/save-version.js';
import { startVersion } from './commands/start-version.js';
import { placeList } from './commands/update-list.js';
import { adminListUrl, adminVersionUrl } from './domain/labels.js';
import { listType } from './domain/list-types.js';
import { sendListWorkbook } from './export.js';
import { catalogChoices, getListForAdmin, getVersionForAdmin, listAdminLists, listOrganizationsByIds } from './queries/admin.js';
import { allRows, getRow, pageOfRows } from './queries/rows.js';
import { listFormSchema, placementSchema, versionFormSchema } from './schemas.js';
import { ADMIN_PAGE_SIZE, ADMIN_ROWS_PAGE_SIZE, AdminListPage, AdminListsPage, AdminVersionPage, NewListForm, RowForm, type FormValues } from './views/admin-pages.js';
import { parseListWorkbook } from './xlsx.js';

type Q = { q?: string; page?: string; saved?: string };
const FLASH: Record<string, string> = {
  '1': '已保存。',
  created: '清单已创建。请逐项录入事项或从 Excel 导入，完成后点击“审核与发布”提交审核。',
  version: '已新建版本（已复制现行版本的全部事项）。修改完成后提交审核，发布后替代现行版本。',
  imported: '已导入 Excel 中的全部事项。',
  row: '事项已保存。',
  deleted: '事项已删除。',
};

/** The back office of lists: lists in the actor's organizations, their versions, rows, import and export. */
export async function adminListRoutes(app: FastifyInstance) {
  const { db, config } = app.deps;
  requireStaff(app);

  const viewerScope = (req: FastifyRequest) => viewScope(db, actorOf(req));
  const editorScope = (req: FastifyRequest) => editScope(db, actorOf(req));

  async function visibleList(req: FastifyRequest, id: number) {
    const list = await getListForAdmin(db, id, await viewerScope(req));
    if (!list) throw new NotFoundError('清单不存在，或您无权查看。');
    return list;
  }
  async function visibleVersion(req: FastifyRequest, id: number) {
    const found = await getVersionForAdmin(db, id, await viewerScope(req));
    if (!found) throw new NotFoundError('清单版本不存在，或您无权查看。');
    return found;
  }
  const base = (req: FastifyRequest, reply: FastifyReply) => ({ ...adminView(req, reply), actorName: actorOf(req).displayName });

  app.get<{ Querystring: Q & { type?: string } }>('/admin/lists', async (req, reply) => {
    const orgIds = await viewerScope(req);
    if (orgIds.length === 0) throw new ForbiddenError('您没有查看清单的权限。');
    const type = listType(req.query.type ?? '')?.type ?? null;
    const { page, q } = listQuery(req.query);
    const r = await listAdminLists(db, { orgIds, type, q, page, pageSize: ADMIN_PAGE_SIZE });
    return sendHtml(reply, AdminListsPage({ ...base(req, reply), rows: r.rows, total: r.total, page, q, type: type ?? '', canCreate: (await editorScope(req)).length > 0 }));
  });

  async function renderNew(req: FastifyRequest, reply: FastifyReply, values: FormValues, errors?: FieldErrors) {
    const orgIds = await editorScope(req);
    if (orgIds.length === 0) throw new ForbiddenError('您没有在任何机构编制清单的权限。');
    const [orgs, choices] = await Promise.all([listOrganizationsByIds(db, orgIds), catalogChoices(db, orgIds)]);
    return sendHtml(reply, NewListForm({ ...base(req, reply), orgs, choices, values, errors }), errors ? 422 : 200);
  }

  app.get('/admin/lists/new', (req, reply) => renderNew(req, reply, { listType: 'licensing' }));

  app.post('/admin/lists', async (req, reply) => {
    const body = formValues(req.body);
    const parsed = parseInput(listFormSchema, body);
    if (!parsed.ok) return renderNew(req, reply, body, parsed.errors);
    try {
      const r = await createList(commandContext(app, req), { actor: actorOf(req), input: parsed.data });
      return reply.redirect(`${adminVersionUrl(r.versionId)}?saved=created`, 303);
    } catch (err) {
      return renderNew(req, reply, body, ruleErrorsOf(err));
    }
  });

  async function renderList(req: FastifyRequest<{ Querystring: Q }>, reply: FastifyReply, id: number, errors?: FieldErrors) {
    const list = await visibleList(req, id);
    const canEdit = mayEditList(actorOf(req), list);
    const choices = canEdit ? await catalogChoices(db, [list.org_id]) : [];
    return sendHtml(reply, AdminListPage({ ...base(req, reply), list, canEdit, choices, errors, flash: FLASH[req.query.saved ?? ''] ?? null }), errors ? 422 : 200);
  }

  app.get<{ Params: { id: string }; Querystring: Q }>('/admin/lists/:id', (req, reply) => renderList(req, reply, idParam(req.params.id)));

  app.post<{ Params: { id: string }; Querystring: Q }>('/admin/lists/:id/placement', async (req, reply) => {
    const id = idParam(req.params.id);
    const parsed = parseInput(placementSchema, formValues(req.body));
    if (!parsed.ok) return renderList(req, reply, id, parsed.errors);
    try {
      await placeList(commandContext(app, req), { actor: actorOf(req), listId: id, catalogNodeId: parsed.data.catalogNodeId });
      return reply.redirect(`${adminListUrl(id)}?saved=1`, 303);
    } catch (err) {
      return renderList(req, reply, id, ruleErrorsOf(err));
    }
  });

  app.post<{ Params: { id: string }; Querystring: Q }>('/admin/lists/:id/versions', async (req, reply) => {
    const id = idParam(req.params.id);
    try {
      const versionId = await startVersion(commandContext(app, req), { actor: actorOf(req), listId: id });
      return reply.redirect(`${adminVersionUrl(versionId)}?saved=version`, 303);
    } catch (err) {
      return renderList(req, reply, id, ruleErrorsOf(err));
    }
  });

  async function renderVersion(req: FastifyRequest<{ Querystring: Q }>, reply: FastifyReply, id: number, extra: { values?: FormValues; errors?: FieldErrors } = {}) {
    const { list, version } = await visibleVersion(req, id);
    const { page, q } = listQuery(req.query, 160);
    const r = await pageOfRows(db, version.id, { q, limit: ADMIN_ROWS_PAGE_SIZE, offset: (page - 1) * ADMIN_ROWS_PAGE_SIZE });
    const canEdit = mayEditList(actorOf(req), list);
    return sendHtml(reply, AdminVersionPage({ ...base(req, reply), list, version, canEdit, rows: r.rows, total: r.total, q, page, flash: FLASH[req.query.saved ?? ''] ?? null, ...extra }), extra.errors ? 422 : 200);
  }

  app.get<{ Params: { id: string }; Querystring: Q }>('/admin/lists/versions/:id', (req, reply) => renderVersion(req, reply, idParam(req.params.id)));

  app.post<{ Params: { id: string }; Querystring: Q }>('/admin/lists/versions/:id', async (req, reply) => {
    const id = idParam(req.params.id);
    const values = formValues(req.body);
    const parsed = parseInput(versionFormSchema, values);
    if (!parsed.ok) return renderVersion(req, reply, id, { values, errors: parsed.errors });
    try {
      await saveVersionText(commandContext(app, req), { actor: actorOf(req), versionId: id, ...parsed.data });
      return reply.redirect(`${adminVersionUrl(id)}?saved=1`, 303);
    } catch (err) {
      return renderVersion(req, reply, id, { values, errors: ruleErrorsOf(err) });
    }
  });

  // Staff export any version they can see, drafts included (to edit offline and import again).
  app.get<{ Params: { id: string } }>('/admin/lists/versions/:id/export.xlsx', async (req, reply) => {
    const { list, version } = await visibleVersion(req, idParam(req.params.id));
    return sendListWorkbook(reply, listType(list.list_type)!, version.title, version.version_no, await allRows(db, version.id));
  });

  app.post<{ Params: { id: string }; Querystring: Q }>('/admin/lists/versions/:id/import', async (req, reply) => {
    const id = idParam(req.params.id);
    const uploads = uploadsIn(req.body);
    try {
      const { list } = await visibleVersion(req, id);
      if (!mayEditList(actorOf(req), list)) throw new ForbiddenError('您没有编辑该清单的权限。');
      const file = (req.body as Record<string, unknown> | undefined)?.file;
      if (!isUpload(file)) throw new RuleError('请选择要导入的 Excel 文件（.xlsx）', 'file');
      const refused = checkAttachment(file, config.maxUploadBytes, ['xlsx']);
      if (refused) throw new RuleError(refused, 'file');
      try {
        await extractFile(file.tempPath, 'zip-check', config.extract);
      } catch (err) {
        if (err instanceof ExtractError) throw new RuleError(`文件“${file.fileName}”内容过大或结构异常（${err.detail}），无法读取`, 'file');
        throw err;
      }
      const parsed = await parseListWorkbook(listType(list.list_type)!, await readFile(file.tempPath));
      if (!parsed.ok) return renderVersion(req, reply, id, { errors: Object.fromEntries(parsed.errors.map((m, i) => [i === 0 ? 'file' : `_row${i}`, m])) });
      await importRows(commandContext(app, req), { actor: actorOf(req), versionId: id, rows: parsed.rows, fileName: file.fileName });
      return reply.redirect(`${adminVersionUrl(id)}?saved=imported`, 303);
    } catch (err) {
      return renderVersion(req, reply, id, { errors: ruleErrorsOf(err) });
    } finally {
      await discardUploads(uploads);
    }
  });

  async function renderRow(req: FastifyRequest, reply: FastifyReply, versionId: number, rowId: number | null, values: FormValues | null, errors?: FieldErrors) {
    const { list, version } = await visibleVersion(req, versionId);
    if (!mayEditList(actorOf(req), list)) throw new ForbiddenError('您没有编辑该清单的权限。');
    let vals = values;
    if (!vals) {
      const cells = rowId === null ? {} : await getRow(db, versionId, rowId);
      if (!cells) throw new NotFoundError('该事项不存在');
      vals = Object.fromEntries(Object.entries(cells).map(([k, v]) => [`c_${k}`, v]));
    }
    return sendHtml(reply, RowForm({ ...base(req, reply), list, version, rowId, values: vals, errors }), errors ? 422 : 200);
  }

  app.get<{ Params: { id: string } }>('/admin/lists/versions/:id/rows/new', (req, reply) => renderRow(req, reply, idParam(req.params.id), null, null));
  app.get<{ Params: { id: string; row: string } }>('/admin/lists/versions/:id/rows/:row/edit', (req, reply) => renderRow(req, reply, idParam(req.params.id), idParam(req.params.row), null));

  async function submitRow(req: FastifyRequest, reply: FastifyReply, versionId: number, rowId: number | null) {
    const values = formValues(req.body);
    const cells = Object.fromEntries(Object.entries(values).filter(([k]) => k.startsWith('c_')).map(([k, v]) => [k.slice(2), v]));
    try {
      await saveRow(commandContext(app, req), { actor: actorOf(req), versionId, rowId, cells });
      return reply.redirect(`${adminVersionUrl(versionId)}?saved=row`, 303);
    } catch (err) {
      return renderRow(req, reply, versionId, rowId, values, ruleErrorsOf(err));
    }
  }

  app.post<{ Params: { id: string } }>('/admin/lists/versions/:id/rows', (req, reply) => submitRow(req, reply, idParam(req.params.id), null));
  app.post<{ Params: { id: string; row: string } }>('/admin/lists/versions/:id/rows/:row', (req, reply) => submitRow(req, reply, idParam(req.params.id), idParam(req.params.row)));

  app.post<{ Params: { id: string; row: string }; Querystring: Q }>('/admin/lists/versions/:id/rows/:row/delete', async (req, reply) => {
    const id = idParam(req.params.id);
    try {
      await deleteRow(commandContext(app, req), { actor: actorOf(req), versionId: id, rowId: idParam(req.params.row) });
      return reply.redirect(`${adminVersionUrl(id)}?saved=deleted`, 303);
    } catch (err) {
      return renderVersion(req, reply, id, { errors: ruleErrorsOf(err) });
    }
  });
}

/** The raw form values to show again; the CSRF token and files are not echoed. */
function formValues(body: unknown): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) if (k !== '_csrf' && typeof v === 'string') out[k] = v;
  return out;
}
