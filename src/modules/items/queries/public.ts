import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { withPublicEditions } from '../../editions/public.js';
import { infoKind } from '../review-kind.js';

/**
 * An item as the portal shows it: published (with a public attribute), or withdrawn, or a 公示
 * taken down at the end of its period. The route decides what a withdrawal or a taking down leaves
 * visible; the body, the attachments and the editions are returned only for an item that is public.
 */
export async function getPublicItem(db: Kysely<Database>, id: number) {
  const i = await db
    .selectFrom('info_items as i')
    .innerJoin('organizations as o', 'o.id', 'i.org_id')
    .leftJoin('catalog_nodes as c', 'c.id', 'i.catalog_node_id')
    .leftJoin('topics as t', 't.id', 'i.topic_id')
    .leftJoin('topics as pt', 'pt.id', 't.parent_id')
    .select([
      'i.id', 'i.title', 'i.category', 'i.index_no', 'i.body_html', 'i.body_text', 'i.source', 'i.attribute', 'i.status', 'i.published_on', 'i.updated_at',
      'i.publicity_start', 'i.publicity_end', 'i.publicity_scope', 'i.publicity_place', 'i.after_period', 'i.taken_down_at', 'i.withdrawn_at', 'i.withdrawal_kind', 'i.withdrawal_reason',
      'o.name as org_name', 'o.slug as org_slug', 'c.name as catalog_name', 'c.slug as catalog_slug', 't.name as topic', 'pt.name as parent_topic',
    ])
    .select(sql<boolean>`${infoKind.publicSql('i')}`.as('is_public'))
    .where('i.id', '=', id)
    .where('i.edition_of', 'is', null)
    .where('i.attribute', 'in', ['public', 'public_redacted'])
    .where('i.status', 'in', ['published', 'withdrawn'])
    .executeTakeFirst();
  if (!i) return null;
  const shown = await withPublicEditions(db, 'info', i, { shown: i.is_public, body: ['body_html', 'body_text'] });
  const attachments = i.is_public
    ? await db.selectFrom('info_item_attachments').select(['id', 'file_name', 'size_bytes']).where('item_id', '=', id).where('removed_at', 'is', null).orderBy('position').orderBy('id').execute()
    : [];
  return { ...shown, attachments };
}
export type PublicItem = NonNullable<Awaited<ReturnType<typeof getPublicItem>>>;

/** An attachment of a public item: none once the item is withdrawn, taken down or otherwise not public. */
export async function getPublicAttachment(db: Kysely<Database>, itemId: number, attachmentId: number) {
  return db
    .selectFrom('info_item_attachments as a')
    .innerJoin('info_items as i', 'i.id', 'a.item_id')
    .select(['a.file_name', 'a.media_type', 'a.storage_key'])
    .where('a.id', '=', attachmentId)
    .where('a.item_id', '=', itemId)
    .where('a.removed_at', 'is', null)
    .where('i.edition_of', 'is', null)
    .where(infoKind.publicSql('i'))
    .executeTakeFirst();
}

/** Public items, newest first, of a category and/or an organization: the public list and its feed. */
export async function listPublicItems(db: Kysely<Database>, p: { category?: string; orgId?: number; limit: number; offset?: number }) {
  let q = db.selectFrom('info_items as i').innerJoin('organizations as o', 'o.id', 'i.org_id').where(infoKind.publicSql('i')).where('i.edition_of', 'is', null);
  if (p.category) q = q.where('i.category', '=', p.category);
  if (p.orgId) q = q.where('i.org_id', '=', p.orgId);
  const [count, rows] = await Promise.all([
    q.select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    q
      .select(['i.id', 'i.title', 'i.category', 'i.index_no', 'i.source', 'i.published_on', 'i.published_at', 'i.updated_at', 'i.body_text', 'i.publicity_start', 'i.publicity_end', 'o.name as org_name', 'o.slug as org_slug'])
      .orderBy(sql`i.published_on desc nulls last`)
      .orderBy('i.id', 'desc')
      .limit(p.limit)
      .offset(p.offset ?? 0)
      .execute(),
  ]);
  return { total: Number(count.n), rows: rows.map((r) => ({ ...r, body_text: r.body_text.slice(0, 200) })) };
}
export type PublicItemRow = Awaited<ReturnType<typeof listPublicItems>>['rows'][number];
