import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isSiteAdmin } from '../../platform/auth/scope.js';
import { idParam } from '../../platform/content/lifecycle.js';
import { isUpload, type Upload } from '../../platform/files/uploads.js';
import { actorOf, adminView, commandContext, requireStaff } from '../../platform/http/admin.js';
import { ForbiddenError, NotFoundError, type FieldErrors } from '../../platform/http/errors.js';
import { parseInput, ruleErrorsOf } from '../../platform/http/forms.js';
import { sendHtml } from '../../platform/html/render.js';
import { saveColumn } from './commands/save-column.js';
import { decidePlacement, removePlacement } from './commands/decide-placement.js';
import { placeItem } from './commands/place-item.js';
import { BANNER_TYPES, MAX_BANNER_BYTES } from './domain/rules.js';
import { decidingOrgIds, mayDecide, mayManageColumn, mayOpenColumns, ownerOrgOf, placingOrgIds } from './policy.js';
import { childColumns, columnPath, getColumn, getPlacement, inTreeOrder, kindChoices, listAdminColumns, listOrganizationsByIds, listPlacements, searchPlaceableItems, type AdminColumn, type PlaceableItem } from './queries/admin.js';
import { columnFormSchema, decisionFormSchema, placeFormSchema } from './schemas.js';
import { ColumnForm, type ColumnFormValues } from './views/admin-form.js';
import { AdminColumnPage, AdminColumnsIndex } from './views/admin-pages.js';

const FLASH: Record<string, string> = {
  saved: '已保存。',
  accepted: '已放入专栏。',
  pending: '已报送，等待专栏所属机构采用。',
  decided: '已处理。',
  removed: '已移出专栏。',
};

export async function adminColumnRoutes(app: FastifyInstance) {
  const { db, storage } = app.deps;
  requireStaff(app);

  function guard(req: FastifyRequest) {
    const actor = actorOf(req);
    if (!mayOpenColumns(actor)) throw new ForbiddenError('您没有管理专题专栏的权限。');
    return actor;
  }

  /**
   * A column the person may open in the back office (the detail loader applies the scope): their
   * organizations' own, the site group's, and others' open for submissions; 404 otherwise.
   */
  async function visible(req: FastifyRequest, id: number): Promise<AdminColumn> {
    const actor = guard(req);
    const column = await getColumn(db, id);
    const mine = column && (column.org_id === null || actor.roles.some((r) => r.orgId === column.org_id));
    if (!column || !(mine || (column.open_for_submissions && column.visible))) throw new NotFoundError('专题专栏不存在，或您无权查看。');
    return column;
  }

  const kindLabels = () => Object.fromEntries(kindChoices().map((k) => [k.type, k.label]));

  /** The owners the person may build columns for: the site group (its administrator) and organizations they administer. */
  async function ownerChoices(req: FastifyRequest) {
    const actor = actorOf(req);
    const orgs = await listOrganizationsByIds(db, actor.roles.filter((r) => r.role === 'admin').map((r) => r.orgId));
    return [...((await isSiteAdmin(db, actor)) ? [{ value: 'site', name: '全站（网站群）' }] : []), ...orgs.map((o) => ({ value: String(o.id), name: o.name }))];
  }

  app.get<{ Querystring: { done?: string } }>('/admin/columns', async (req, reply) => {
    const actor = guard(req);
    const site = await isSiteAdmin(db, actor);
    const [columns, queue, submissions, owners] = await Promise.all([
      listAdminColumns(db, [...new Set(actor.roles.map((r) => r.orgId))]),
      listPlacements(db, { ownerOrgIds: decidingOrgIds(actor), includeSiteColumns: site || (await siteDecider(req)), status: 'pending' }),
      listPlacements(db, { fromOrgIds: placingOrgIds(actor), submissionsOnly: true, limit: 50 }),
      ownerChoices(req),
    ]);
    return sendHtml(reply, AdminColumnsIndex({ ...adminView(req, reply), actorName: actor.displayName, columns: inTreeOrder(columns), queue, submissions, canCreate: owners.length > 0, kindLabels: kindLabels(), flash: FLASH[req.query.done ?? ''] ?? null }));
  });

  /** Whether the person decides for the site group's columns (an administrator or publisher of its top organization). */
  async function siteDecider(req: FastifyRequest): Promise<boolean> {
    return mayDecide(actorOf(req), await ownerOrgOf(db, { org_id: null }));
  }

  app.get<{ Querystring: { parent?: string } }>('/admin/columns/new', async (req, reply) => {
    guard(req);
    const parentId = req.query.parent ? idParam(req.query.parent) : null;
    const parent = parentId ? await visible(req, parentId) : null;
    if (parent && !(await mayManageColumn(db, actorOf(req), parent.org_id))) throw new ForbiddenError('您没有在该专题下建立子栏目的权限。');
    const owners = await ownerChoices(req);
    if (owners.length === 0) throw new ForbiddenError('只有机构管理员可以建立专题专栏。');
    const values: ColumnFormValues = { orgId: parent ? (parent.org_id === null ? 'site' : String(parent.org_id)) : owners[0]!.value, open: '1', visible: '1', kinds: kindChoices().map((k) => k.type), position: '0' };
    return renderForm(req, reply, { columnId: null, parent, values });
  });

  async function renderForm(req: FastifyRequest, reply: FastifyReply, p: { columnId: number | null; parent: AdminColumn | null; existing?: AdminColumn; values: ColumnFormValues; errors?: FieldErrors }, code = 200) {
    const owners = p.existing || p.parent ? [] : await ownerChoices(req);
    const fixed = p.existing ?? p.parent;
    return sendHtml(reply, ColumnForm({
      ...adminView(req, reply), actorName: actorOf(req).displayName, columnId: p.columnId,
      parent: p.parent ? { id: p.parent.id, name: p.parent.name, depth: p.parent.depth } : null,
      owners, ownerName: fixed ? (fixed.org_name ?? null) : null, kinds: kindChoices(), hasBanner: Boolean(p.existing?.banner_key), values: p.values, errors: p.errors,
    }), code);
  }

  app.get<{ Params: { id: string } }>('/admin/columns/:id/edit', async (req, reply) => {
    const column = await visible(req, idParam(req.params.id));
    if (!(await mayManageColumn(db, actorOf(req), column.org_id))) throw new ForbiddenError('您没有修改该专题专栏的权限。');
    const values: ColumnFormValues = {
      orgId: column.org_id === null ? 'site' : String(column.org_id), name: column.name, slug: column.slug, introHtml: column.intro_html, kinds: column.kinds,
      open: column.open_for_submissions ? '1' : '', visible: column.visible ? '1' : '', position: String(column.position),
    };
    return renderForm(req, reply, { columnId: column.id, parent: null, existing: column, values });
  });

  /** Create (no id) and edit share one path: validate, check the banner, one command — or the form again, as typed. */
  async function submit(req: FastifyRequest, reply: FastifyReply, id: number | null) {
    guard(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = formValues(body);
    const existing = id === null ? undefined : await visible(req, id);
    const parsed = parseInput(columnFormSchema, values);
    const parent = parsed.ok && parsed.data.parentId !== null && id === null ? await getColumn(db, parsed.data.parentId) : null;
    const banner = [body.banner].flat().find(isUpload) as Upload | undefined;
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    const bannerError = banner ? checkBanner(banner) : null;
    if (bannerError) errors.banner = bannerError;
    if (!parsed.ok || Object.keys(errors).length) return renderForm(req, reply, { columnId: id, parent: parent ?? null, existing, values, errors }, 422);
    const f = parsed.data;
    try {
      const columnId = await saveColumn(commandContext(app, req), {
        actor: actorOf(req), columnId: id, storage,
        input: { orgId: existing ? existing.org_id : f.orgId, parentId: id === null ? f.parentId : null, name: f.name, slug: f.slug, introHtml: f.introHtml, kinds: f.kinds, open: f.open, visible: f.visible, position: f.position, banner: banner ?? null, removeBanner: f.removeBanner },
      });
      app.pageCache.clear();
      return reply.redirect(`/admin/columns/${columnId}?done=saved`, 303);
    } catch (err) {
      return renderForm(req, reply, { columnId: id, parent: parent ?? null, existing, values, errors: ruleErrorsOf(err) }, 422);
    }
  }

  app.post('/admin/columns', (req, reply) => submit(req, reply, null));
  app.post<{ Params: { id: string } }>('/admin/columns/:id', (req, reply) => submit(req, reply, idParam(req.params.id)));

  async function renderColumn(req: FastifyRequest, reply: FastifyReply, column: AdminColumn, extra: { q?: string; found?: PlaceableItem[] | null; errors?: FieldErrors; flash?: string | null } = {}, code = 200) {
    const actor = actorOf(req);
    const owner = await ownerOrgOf(db, column);
    const isOwner = owner !== null && actor.roles.some((r) => r.orgId === owner);
    const placing = placingOrgIds(actor);
    const [path, children, placements, canManage] = await Promise.all([
      columnPath(db, column.id),
      childColumns(db, column.id),
      listPlacements(db, { columnId: column.id, ...(isOwner ? {} : { fromOrgIds: placing }) }),
      mayManageColumn(db, actor, column.org_id),
    ]);
    return sendHtml(reply, AdminColumnPage({
      ...adminView(req, reply), actorName: actor.displayName, column, path, children, placements, kindLabels: kindLabels(), canManage, isOwner,
      canDecide: mayDecide(actor, owner), canPlace: placing.length > 0 && (isOwner || column.open_for_submissions), submits: !placing.includes(owner ?? -1),
      q: extra.q ?? '', found: extra.found ?? null, errors: extra.errors, flash: extra.flash ?? null,
    }), code);
  }

  app.get<{ Params: { id: string }; Querystring: { done?: string } }>('/admin/columns/:id', async (req, reply) => {
    const column = await visible(req, idParam(req.params.id));
    return renderColumn(req, reply, column, { flash: FLASH[req.query.done ?? ''] ?? null });
  });

  // The banner as staff see it while building the column (the public one is served only while it is public).
  app.get<{ Params: { id: string } }>('/admin/columns/:id/banner', async (req, reply) => {
    const column = await visible(req, idParam(req.params.id));
    if (!column.banner_key || !column.banner_type) throw new NotFoundError('该专题没有横幅图片');
    const file = await storage.read(column.banner_key);
    reply.header('content-length', file.size).header('cache-control', 'private, no-store').type(column.banner_type);
    return reply.send(file.stream);
  });

  // 查找 shows the page again with what was found; 放入/报送 places the chosen item.
  app.post<{ Params: { id: string } }>('/admin/columns/:id/place', async (req, reply) => {
    const column = await visible(req, idParam(req.params.id));
    const actor = actorOf(req);
    const parsed = parseInput(placeFormSchema, req.body);
    const q = typeof (req.body as Record<string, unknown>)?.q === 'string' ? ((req.body as Record<string, string>).q ?? '').slice(0, 100) : '';
    if (!parsed.ok) return renderColumn(req, reply, column, { q, errors: parsed.errors }, 422);
    const search = () => (parsed.data.q ? searchPlaceableItems(db, { kinds: column.kinds, orgIds: placingOrgIds(actor), q: parsed.data.q }) : Promise.resolve(null));
    if (parsed.data.action === 'search') {
      if (!parsed.data.q) return renderColumn(req, reply, column, { q, errors: { q: '请输入要查找的信息标题' } }, 422);
      return renderColumn(req, reply, column, { q, found: await search() });
    }
    if (!parsed.data.item) return renderColumn(req, reply, column, { q, found: await search(), errors: { item: '请选择要放入的信息' } }, 422);
    const [type, id] = parsed.data.item.split(':') as [string, string];
    try {
      const status = await placeItem(commandContext(app, req), { actor, columnId: column.id, itemType: type, itemId: Number(id) });
      app.pageCache.clear();
      return reply.redirect(`/admin/columns/${column.id}?done=${status}`, 303);
    } catch (err) {
      return renderColumn(req, reply, column, { q, found: await search(), errors: ruleErrorsOf(err) }, 422);
    }
  });

  app.post<{ Params: { pid: string } }>('/admin/columns/placements/:pid/decide', async (req, reply) => {
    guard(req);
    const placement = await getPlacement(db, idParam(req.params.pid));
    if (!placement) throw new NotFoundError('报送记录不存在');
    const column = await visible(req, placement.column_id);
    const parsed = parseInput(decisionFormSchema, req.body);
    if (!parsed.ok) return renderColumn(req, reply, column, { errors: parsed.errors }, 422);
    try {
      await decidePlacement(commandContext(app, req), { actor: actorOf(req), placementId: placement.id, action: parsed.data.action, reason: parsed.data.reason ?? '' });
    } catch (err) {
      return renderColumn(req, reply, column, { errors: ruleErrorsOf(err) }, 422);
    }
    app.pageCache.clear();
    return reply.redirect(`/admin/columns/${column.id}?done=decided`, 303);
  });

  app.post<{ Params: { pid: string } }>('/admin/columns/placements/:pid/remove', async (req, reply) => {
    guard(req);
    const placement = await getPlacement(db, idParam(req.params.pid));
    if (!placement) throw new NotFoundError('报送记录不存在');
    const column = await visible(req, placement.column_id);
    try {
      await removePlacement(commandContext(app, req), { actor: actorOf(req), placementId: placement.id });
    } catch (err) {
      return renderColumn(req, reply, column, { errors: ruleErrorsOf(err) }, 422);
    }
    app.pageCache.clear();
    return reply.redirect(`/admin/columns/${column.id}?done=removed`, 303);
  });
}

function checkBanner(u: Upload): string | null {
  if (u.tooLarge || u.size > MAX_BANNER_BYTES) return `横幅图片“${u.fileName}”超过 ${MAX_BANNER_BYTES / 1024 / 1024} MB 的上限`;
  if (u.size === 0) return `文件“${u.fileName}”是空文件`;
  const ext = u.detected?.ext === 'jpeg' ? 'jpg' : u.detected?.ext ?? '';
  if (!BANNER_TYPES[ext]) return `横幅图片只接受 PNG、JPG、GIF 或 WebP 图片，“${u.fileName}”不是`;
  return null;
}

/** The raw form values to show again; the CSRF token and files are not echoed. */
function formValues(body: Record<string, unknown>): ColumnFormValues {
  const out: ColumnFormValues = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === '_csrf') continue;
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) out[k] = v as string[];
  }
  return out;
}
