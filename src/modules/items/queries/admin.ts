import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { openEditionOf } from '../../editions/public.js';
import { inScope, pageWithTotal, type AdminListParams as ContentListParams } from '../../../platform/content/paging.js';

export interface AdminListParams extends ContentListParams {
  category: string | null;
}

/** Items in the actor's organizations, newest first; retired (merged) editions are left out. */
export async function listAdminItems(db: Kysely<Database>, p: AdminListParams) {
  let q = db.selectFrom('info_items as i').innerJoin('organizations as o', 'o.id', 'i.org_id').where('i.org_id', 'in', p.orgIds).where('i.status', '!=', 'merged');
  if (p.status) q = q.where('i.status', '=', p.status);
  if (p.category) q = q.where('i.category', '=', p.category);
  if (p.q) q = q.where('i.title', 'like', `%${p.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return pageWithTotal(q, (q) => q.select(['i.id', 'i.title', 'i.category', 'i.status', 'i.edition_of', 'i.published_on', 'i.publicity_end', 'i.taken_down_at', 'i.updated_at', 'o.short_name as org']).orderBy('i.updated_at', 'desc').orderBy('i.id', 'desc'), p);
}
export type AdminItemRow = Awaited<ReturnType<typeof listAdminItems>>['rows'][number];

/**
 * One item as the back office shows it, only when it belongs to one of `scope` (the actor's
 * organizations): with its column, topic, attachments, and its open edition (or the live one it edits).
 */
export async function getItemForAdmin(db: Kysely<Database>, id: number, scope: number[]) {
  const i = await db
    .selectFrom('info_items as i')
    .innerJoin('organizations as o', 'o.id', 'i.org_id')
    .leftJoin('catalog_nodes as c', 'c.id', 'i.catalog_node_id')
    .leftJoin('topics as t', 't.id', 'i.topic_id')
    .selectAll('i')
    .select(['o.name as org_name', 'c.name as catalog_name', 't.name as topic'])
    .where('i.id', '=', id)
    .where(inScope('i.org_id', scope))
    .executeTakeFirst();
  if (!i) return null;
  const { search_vector: _s, ...row } = i;
  return { ...row, attachments: await listAttachments(db, id), openEdition: await openEditionOf(db, 'info_items', i) };
}
export type AdminItem = NonNullable<Awaited<ReturnType<typeof getItemForAdmin>>>;

export async function listAttachments(db: Kysely<Database>, itemId: number) {
  return db.selectFrom('info_item_attachments').select(['id', 'file_name', 'size_bytes', 'redacted_copy']).where('item_id', '=', itemId).where('removed_at', 'is', null).orderBy('position').orderBy('id').execute();
}
export type ItemAttachment = Awaited<ReturnType<typeof listAttachments>>[number];

/** An attachment of an item in the actor's scope, for staff to download (drafts included). */
export async function getAdminAttachment(db: Kysely<Database>, itemId: number, attachmentId: number, scope: number[]) {
  if (scope.length === 0) return undefined;
  return db
    .selectFrom('info_item_attachments as a')
    .innerJoin('info_items as i', 'i.id', 'a.item_id')
    .select(['a.file_name', 'a.media_type', 'a.storage_key'])
    .where('a.id', '=', attachmentId)
    .where('a.item_id', '=', itemId)
    .where('i.org_id', 'in', scope)
    .executeTakeFirst();
}
