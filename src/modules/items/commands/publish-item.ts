import type { Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { ATTRIBUTE_LABELS } from '../../../platform/content/lifecycle.js';
import type { CommandContext } from '../../../platform/http/command.js';
import { indexNumberAtFirstPublication } from '../../documents/public.js';
import { publishEditionAudited, type EditionPublication, type EditionSnapshot } from '../../editions/public.js';
import { categoryLabel, PUBLICITY } from '../domain/categories.js';
import { scopeLine } from '../domain/publicity.js';
import { itemSearchVector } from './search-vector.js';

/** The columns an approved edition carries into the live item (the index number and dates stay the live item's). */
export const CONTENT_COLUMNS = [
  'category', 'catalog_node_id', 'title', 'body_html', 'body_text', 'topic_id', 'attribute', 'source',
  'publicity_start', 'publicity_end', 'publicity_scope', 'publicity_place', 'after_period', 'change_note',
] as const;

/**
 * Makes an information item public, inside the caller's transaction, through the shared step of
 * editions: a 索引号 at its first publication (the organization's rule), an edition's content and
 * attachments carried into the live item, which keeps its id and address.
 */
export async function publishItemRow(trx: Transaction<Database>, ctx: CommandContext, id: number): Promise<number> {
  return publishEditionAudited(trx, ctx, ITEM_PUBLICATION, id, { action: 'info.publish', entityType: 'info' });
}

const ITEM_PUBLICATION: EditionPublication = {
  type: 'info',
  table: 'info_items',
  label: '信息',
  contentColumns: CONTENT_COLUMNS,
  snapshot: publicItemSnapshot,
  async onFirst(trx, row, publishedOn) {
    return { index_no: await indexNumberAtFirstPublication(trx, row, publishedOn) };
  },
  async onMerge(trx, edition, liveId, now) {
    // The old files leave with the old content; the edition's (copies of those kept, and new ones) move to the live item.
    await trx.updateTable('info_item_attachments').set({ removed_at: now }).where('item_id', '=', liveId).where('removed_at', 'is', null).execute();
    await trx.updateTable('info_item_attachments').set({ item_id: liveId }).where('item_id', '=', edition.id).where('removed_at', 'is', null).execute();
    await trx.updateTable('info_items').set({ search_vector: itemSearchVector(edition.title as string, edition.body_text as string) }).where('id', '=', liveId).execute();
  },
};

/** What the public sees of a published item, for its public edition. */
async function publicItemSnapshot(trx: Transaction<Database>, id: number): Promise<EditionSnapshot> {
  const i = await trx
    .selectFrom('info_items as i')
    .innerJoin('organizations as o', 'o.id', 'i.org_id')
    .leftJoin('topics as t', 't.id', 'i.topic_id')
    .select(['i.title', 'i.category', 'i.index_no', 'i.source', 'i.attribute', 'i.body_html', 'i.publicity_start', 'i.publicity_end', 'i.publicity_scope', 'i.publicity_place', 'o.name as org_name', 't.name as topic'])
    .where('i.id', '=', id)
    .executeTakeFirstOrThrow();
  const fields: [string, string][] = [
    ['索引号', i.index_no ?? '—'],
    ['发布机构', i.org_name],
    ['栏目类别', categoryLabel(i.category)],
    ['主题分类', i.topic ?? '—'],
    ['来源', i.source || '—'],
    ['公开方式', ATTRIBUTE_LABELS[i.attribute]],
  ];
  if (i.category === PUBLICITY) {
    fields.push(['公示期', `${i.publicity_start ?? '—'} 至 ${i.publicity_end ?? '—'}`], ['公示范围', scopeLine(i.publicity_scope, i.publicity_place)]);
  }
  return { title: i.title, fields, bodyHtml: i.body_html };
}
