import type { Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { recordEvent } from '../../../platform/audit/audit.js';
import type { Actor } from '../../../platform/auth/sessions.js';
import { isContentType } from '../../../platform/content/registry.js';
import type { FileStorage } from '../../../platform/files/storage.js';
import type { Upload } from '../../../platform/files/uploads.js';
import { inTransaction, type CommandContext } from '../../../platform/http/command.js';
import { ForbiddenError, NotFoundError, RuleError } from '../../../platform/http/errors.js';
import { htmlToText, sanitizeBodyInput } from '../../../platform/html/sanitize.js';
import { BANNER_TYPES, MAX_DEPTH } from '../domain/rules.js';
import { mayManageColumn } from '../policy.js';

export interface ColumnInput {
  /** The owner: an organization, or null for the whole site group. Ignored under a parent (the parent's owner). */
  orgId: number | null;
  /** Only when creating. */
  parentId: number | null;
  name: string;
  slug: string;
  introHtml: string;
  kinds: string[];
  open: boolean;
  visible: boolean;
  position: number;
  /** A new banner image, already checked (type and size) by the route. */
  banner: Upload | null;
  removeBanner: boolean;
}

/**
 * Creates a column (专题, or a 专栏 under one, at most three levels) or changes one. Its owner and
 * its place in the tree are set when it is created. The introduction is sanitized on the way in;
 * a banner is stored content-addressed and served only while the column is public.
 */
export async function saveColumn(ctx: CommandContext, a: { actor: Actor; columnId: number | null; input: ColumnInput; storage: FileStorage }): Promise<number> {
  const { input, actor } = a;
  const unknown = input.kinds.filter((k) => !isContentType(k));
  if (unknown.length) throw new RuleError('所选的信息类型无效', 'kinds');
  if (input.kinds.length === 0) throw new RuleError('请选择本专栏收录的信息类型（至少一种）', 'kinds');
  return inTransaction(ctx, async (trx) => {
    const now = ctx.clock.now();
    const introHtml = sanitizeBodyInput(input.introHtml);
    const content = { name: input.name, slug: input.slug, intro_html: introHtml, kinds: input.kinds, open_for_submissions: input.open, visible: input.visible, position: input.position, updated_by: actor.id, updated_at: now };
    const taken = await trx.selectFrom('special_columns').select('id').where('slug', '=', input.slug).executeTakeFirst();
    if (taken && taken.id !== a.columnId) throw new RuleError(`路径“${input.slug}”已被其他专题专栏使用，请换一个`, 'slug');

    if (a.columnId === null) {
      const placement = await placeInTree(trx, input);
      if (!(await mayManageColumn(trx, actor, placement.orgId))) throw new ForbiddenError(placement.orgId === null ? '只有网站群管理员可以建立全站专题。' : '只有本机构的管理员可以建立专题专栏。');
      const banner = input.banner ? await storeBanner(a.storage, input.banner) : null;
      const row = await trx
        .insertInto('special_columns')
        .values({ ...content, org_id: placement.orgId, parent_id: input.parentId, depth: placement.depth, banner_key: banner?.key ?? null, banner_type: banner?.type ?? null, created_by: actor.id, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordEvent(trx, { actor: ctx.actor, action: 'column.create', entityType: 'special_column', entityId: row.id, orgId: placement.orgId, at: now, after: { ...summarize(content), org_id: placement.orgId, parent_id: input.parentId, depth: placement.depth, banner: banner?.key ?? null } });
      return row.id;
    }

    const existing = await trx.selectFrom('special_columns').selectAll().where('id', '=', a.columnId).forUpdate().executeTakeFirst();
    if (!existing) throw new NotFoundError('专题专栏不存在');
    if (!(await mayManageColumn(trx, actor, existing.org_id))) throw new ForbiddenError('您没有修改该专题专栏的权限。');
    const banner = input.banner ? await storeBanner(a.storage, input.banner) : null;
    const bannerSet = banner ? { banner_key: banner.key, banner_type: banner.type } : input.removeBanner ? { banner_key: null, banner_type: null } : {};
    await trx.updateTable('special_columns').set({ ...content, ...bannerSet }).where('id', '=', existing.id).execute();
    await recordEvent(trx, {
      actor: ctx.actor, action: 'column.update', entityType: 'special_column', entityId: existing.id, orgId: existing.org_id, at: now,
      before: { ...summarize(existing), banner: existing.banner_key }, after: { ...summarize(content), banner: 'banner_key' in bannerSet ? bannerSet.banner_key : existing.banner_key },
    });
    return existing.id;
  });
}

/** Where a new column goes: its owner (a sub-column's is its parent's) and its depth, at most three. */
async function placeInTree(trx: Transaction<Database>, input: ColumnInput): Promise<{ orgId: number | null; depth: number }> {
  if (input.parentId === null) return { orgId: input.orgId, depth: 1 };
  const parent = await trx.selectFrom('special_columns').select(['org_id', 'depth']).where('id', '=', input.parentId).forUpdate().executeTakeFirst();
  if (!parent) throw new RuleError('上级专题专栏不存在', 'parentId');
  if (parent.depth >= MAX_DEPTH) throw new RuleError(`专题专栏最多 ${MAX_DEPTH} 级，不能在第 ${MAX_DEPTH} 级栏目下再建子栏目`, 'parentId');
  return { orgId: parent.org_id, depth: parent.depth + 1 };
}

async function storeBanner(storage: FileStorage, u: Upload): Promise<{ key: string; type: string }> {
  const ext = u.detected?.ext === 'jpeg' ? 'jpg' : u.detected?.ext ?? '';
  const type = BANNER_TYPES[ext];
  if (!type) throw new RuleError('横幅图片只接受 PNG、JPG、GIF 或 WebP 图片', 'banner');
  const key = `columns/banners/${u.sha256}.${ext}`;
  await storage.putFile(key, u.tempPath);
  return { key, type };
}

function summarize(c: { name: string; slug: string; intro_html: string; kinds: string[]; open_for_submissions: boolean; visible: boolean; position: number }) {
  return { name: c.name, slug: c.slug, intro_length: htmlToText(c.intro_html).length, kinds: c.kinds, open_for_submissions: c.open_for_submissions, visible: c.visible, position: c.position };
}
