import type { Selectable, Transaction } from 'kysely';
import type { Database, DisclosureAttribute } from '../../../db/schema.js';
import type { AfterPeriod, InfoItemsTable, PublicityScope } from '../../../db/schema-items.js';
import { recordEvent } from '../../../platform/audit/audit.js';
import type { Actor } from '../../../platform/auth/sessions.js';
import { hasRole } from '../../../platform/auth/scope.js';
import { EDITOR_ROLES } from '../../../platform/content/lifecycle.js';
import type { FileStorage } from '../../../platform/files/storage.js';
import { inTransaction, type CommandContext } from '../../../platform/http/command.js';
import { ForbiddenError, NotFoundError, RuleError } from '../../../platform/http/errors.js';
import { publicText } from '../../../platform/html/redaction.js';
import { sanitizeBodyInput } from '../../../platform/html/sanitize.js';
import type { ReadAttachment } from '../../documents/public.js';
import { addAttachmentRows } from '../../../platform/files/attachment-rows.js';
import { recallForEdit, UNDER_REVIEW } from '../../review/public.js';
import { newDraftColumns, recordDraftCreated } from '../../editions/public.js';
import { categoryOf, PUBLICITY } from '../domain/categories.js';
import { itemSearchVector } from './search-vector.js';

/** What a drafter submits for an information item, after the form's field checks. */
export interface ItemInput {
  orgId: number;
  category: string;
  /** null: the column of the category's default slug in the organization's catalog. */
  catalogNodeId: number | null;
  title: string;
  bodyHtml: string;
  topicId: number | null;
  attribute: DisclosureAttribute;
  source: string;
  publicityStart: string | null;
  publicityEnd: string | null;
  publicityScope: PublicityScope | null;
  publicityPlace: string;
  afterPeriod: AfterPeriod | null;
  changeNote?: string;
}

export interface SaveItemArgs {
  actor: Actor;
  /** null for a new item. */
  itemId: number | null;
  input: ItemInput;
  attachments: ReadAttachment[];
  /** The uploaded files are the redacted copies (删减后公开) that may be published. */
  redactedCopies: boolean;
  /** Attachments to take off (their ids on the row being written or the live item). */
  removeAttachmentIds: number[];
  storage: FileStorage;
}

export interface SaveResult {
  id: number;
  editionOf: number | null;
  recalled: boolean;
}

/**
 * Creates or edits an information item. A published item is never changed in place: the edit goes
 * into its open edition (a draft row with edition_of, carrying copies of its attachments), which
 * the review workflow later publishes into it. An item waiting in review goes back to draft.
 */
export async function saveItem(ctx: CommandContext, a: SaveItemArgs): Promise<SaveResult> {
  const { input, actor } = a;
  if (!hasRole(actor, input.orgId, EDITOR_ROLES)) throw new ForbiddenError('您没有在该机构发布信息的权限。');
  if (!categoryOf(input.category)) throw new RuleError('栏目类别无效', 'category');
  if (input.publicityStart && input.publicityEnd && input.publicityEnd < input.publicityStart) throw new RuleError('公示期的结束日期不能早于开始日期', 'publicityEnd');
  return inTransaction(ctx, async (trx) => {
    const catalogNodeId = await resolveCatalogNode(trx, input);
    await checkTopic(trx, input.topicId);
    const now = ctx.clock.now();
    const bodyHtml = sanitizeBodyInput(input.bodyHtml);
    const bodyText = publicText(bodyHtml);
    const publicity = input.category === PUBLICITY;
    const content: Content = {
      category: input.category, catalog_node_id: catalogNodeId, title: input.title, body_html: bodyHtml, body_text: bodyText, topic_id: input.topicId, attribute: input.attribute,
      source: input.source, publicity_start: publicity ? input.publicityStart : null, publicity_end: publicity ? input.publicityEnd : null,
      publicity_scope: publicity ? input.publicityScope : null, publicity_place: publicity && input.publicityScope === 'residents' ? input.publicityPlace : '',
      after_period: publicity ? input.afterPeriod : null, change_note: input.changeNote ?? '', search_vector: itemSearchVector(input.title, bodyText), updated_by: actor.id, updated_at: now,
    };
    const w: Write = { trx, ctx, a, now, content };
    if (a.itemId === null) return { id: await insertRow(w, null), editionOf: null, recalled: false };

    const existing = await trx.selectFrom('info_items').selectAll().where('id', '=', a.itemId).forUpdate().executeTakeFirst();
    if (!existing) throw new NotFoundError('信息不存在');
    if (!hasRole(actor, existing.org_id, EDITOR_ROLES)) throw new ForbiddenError('您没有编辑该信息的权限。');
    if (existing.org_id !== input.orgId) throw new RuleError('不能更改信息所属的机构', 'orgId');
    if (existing.status === 'merged') throw new RuleError('这一版本已发布并入原信息，请编辑原信息');
    if (existing.status === 'withdrawn') throw new RuleError('已撤稿的信息不能修改');
    if (existing.taken_down_at) throw new RuleError('公示期已满并已撤下的公示不能修改');
    if (existing.status !== 'published') return { id: existing.id, editionOf: null, recalled: await updateRow(w, existing) };
    const open = await trx.selectFrom('info_items').selectAll().where('edition_of', '=', existing.id).where('status', '!=', 'merged').forUpdate().executeTakeFirst();
    if (!open) return { id: await insertRow(w, existing.id), editionOf: existing.id, recalled: false };
    return { id: open.id, editionOf: existing.id, recalled: await updateRow(w, open) };
  });
}

type Content = Omit<Partial<Selectable<InfoItemsTable>>, 'search_vector'> & { search_vector: unknown; updated_by: number; updated_at: Date };

interface Write {
  trx: Transaction<Database>;
  ctx: CommandContext;
  a: SaveItemArgs;
  now: Date;
  content: Content;
}

/** A new draft: a new item, or (editionOf set) the first edition of a published one, with copies of its attachments. */
async function insertRow(w: Write, editionOf: number | null): Promise<number> {
  const { trx, a, now } = w;
  const row = await trx
    .insertInto('info_items')
    .values({ ...(w.content as Record<string, unknown>), ...newDraftColumns({ orgId: a.input.orgId, editionOf, createdBy: a.actor.id, now }), index_no: null, taken_down_at: null } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  if (editionOf !== null) {
    const files = await trx.selectFrom('info_item_attachments').selectAll().where('item_id', '=', editionOf).where('removed_at', 'is', null).orderBy('position').execute();
    // Those the form took off are not carried into the edition (the live item keeps them until the edition is published).
    for (const { id, ...f } of files) if (!a.removeAttachmentIds.includes(id)) await trx.insertInto('info_item_attachments').values({ ...f, item_id: row.id }).execute();
  }
  await recordDraftCreated(trx, { actor: w.ctx.actor, entityType: 'info', id: row.id, orgId: a.input.orgId, editionOf, at: now, after: summarize(w.content) });
  await changeAttachments(w, row.id);
  return row.id;
}

/** Rewrites a draft, or an item in review, which goes back to draft. Returns whether it was in review. */
async function updateRow(w: Write, row: Selectable<InfoItemsTable>): Promise<boolean> {
  const { trx, now } = w;
  const recalled = UNDER_REVIEW.includes(row.status);
  const review = await recallForEdit(trx, 'info', row, w.a.actor.id, now);
  await trx.updateTable('info_items').set({ ...(w.content as Record<string, unknown>), ...review } as never).where('id', '=', row.id).execute();
  await recordEvent(trx, {
    actor: w.ctx.actor, entityType: 'info', orgId: row.org_id, at: now, entityId: row.id, action: 'info.update',
    before: { ...summarize(row), status: row.status }, after: { ...summarize(w.content), status: review.status, review_level: recalled ? 0 : undefined },
  });
  await changeAttachments(w, row.id);
  return recalled;
}

/** The form's removals and uploads, on the row written. */
async function changeAttachments(w: Write, itemId: number): Promise<void> {
  const { trx, a, now } = w;
  if (a.removeAttachmentIds.length) {
    const removed = await trx.updateTable('info_item_attachments').set({ removed_at: now }).where('item_id', '=', itemId).where('id', 'in', a.removeAttachmentIds).where('removed_at', 'is', null).returning(['file_name']).execute();
    for (const f of removed) await recordEvent(trx, { actor: w.ctx.actor, action: 'info.attachment_remove', entityType: 'info', entityId: itemId, after: { fileName: f.file_name }, at: now });
  }
  await addAttachmentRows(trx, { table: 'info_item_attachments', owner: { column: 'item_id', id: itemId } }, {
    files: a.attachments, storage: a.storage, redactedCopies: a.redactedCopies, createdBy: a.actor.id, now,
    event: { actor: w.ctx.actor, action: 'info.attachment_add', entityType: 'info' },
  });
}

/** The column chosen, which must be the organization's; or the one its catalog has for the category. */
async function resolveCatalogNode(trx: Transaction<Database>, input: ItemInput): Promise<number> {
  if (input.catalogNodeId !== null) {
    const node = await trx.selectFrom('catalog_nodes').select('org_id').where('id', '=', input.catalogNodeId).executeTakeFirst();
    if (!node || node.org_id !== input.orgId) throw new RuleError('所选栏目不属于该机构的公开目录', 'catalogNodeId');
    return input.catalogNodeId;
  }
  const slug = categoryOf(input.category)!.catalogSlug;
  const node = await trx.selectFrom('catalog_nodes').select('id').where('org_id', '=', input.orgId).where('slug', '=', slug).executeTakeFirst();
  if (!node) throw new RuleError(`该机构的公开目录中没有“${categoryOf(input.category)!.label}”栏目，请选择所属栏目`, 'catalogNodeId');
  return node.id;
}

async function checkTopic(trx: Transaction<Database>, topicId: number | null): Promise<void> {
  if (topicId === null) return;
  const topic = await trx.selectFrom('topics').select('id').where('id', '=', topicId).executeTakeFirst();
  if (!topic) throw new RuleError('主题分类不存在', 'topicId');
}

/** What the audit trail keeps of an item: its metadata, and the body only as its length. */
function summarize(r: Record<string, unknown>): Record<string, unknown> {
  const { body_html, body_text, search_vector: _s, updated_at: _u, created_at: _c, updated_by: _b, ...rest } = r;
  return { ...rest, body_length: typeof body_text === 'string' ? body_text.length : undefined, body_html_length: typeof body_html === 'string' ? body_html.length : undefined };
}
