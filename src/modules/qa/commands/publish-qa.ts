import type { Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { CommandContext } from '../../../platform/http/command.js';
import { NotFoundError, RuleError } from '../../../platform/http/errors.js';
import { notePublication } from '../../subscriptions/publication.js';
import { recordBaselineEdition, recordPublicEdition, type EditionSnapshot } from '../../editions/public.js';
import { linkedQaDocuments, linkQaDocuments } from './save-qa.js';
import { qaSearchVector } from './search-vector.js';
import { publicLinkedDocuments } from '../queries/public.js';

/**
 * Makes a Q&A entry public, inside the review workflow's transaction. A first edition becomes
 * published and its subscribers are told (the fan-out job is queued, not run); a later edition is
 * copied into the entry it edits, which keeps its id, address and first publication date, and the
 * edition row is retired as `merged`. Returns the live id. The caller checks permission and state
 * and records the audit event.
 */
export async function publishQaRow(trx: Transaction<Database>, ctx: CommandContext, id: number): Promise<number> {
  const row = await trx.selectFrom('qa_entries').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw new NotFoundError('政策问答不存在');
  const now = ctx.clock.now();
  if (row.edition_of === null) {
    await trx
      .updateTable('qa_entries')
      .set({ status: 'published', published_on: row.published_on ?? ctx.clock.today(), published_at: now, publish_at: null })
      .where('id', '=', id)
      .execute();
    await notePublication(trx, now, { type: 'qa', id });
    await recordPublicEdition(trx, { type: 'qa', id }, now, await publicQaSnapshot(trx, id));
    return id;
  }
  const live = await trx.selectFrom('qa_entries').select(['id', 'status', 'published_at']).where('id', '=', row.edition_of).forUpdate().executeTakeFirstOrThrow();
  if (live.status !== 'published') throw new RuleError('原问答已不在发布状态（可能已撤稿），不能发布其修订版本');
  await recordBaselineEdition(trx, { type: 'qa', id: live.id }, live.published_at ?? now, () => publicQaSnapshot(trx, live.id));
  await trx
    .updateTable('qa_entries')
    .set({
      question: row.question, phrasings: row.phrasings, answer_html: row.answer_html, answer_text: row.answer_text, department: row.department, contact: row.contact,
      topic_id: row.topic_id, audiences: row.audiences, review_on: row.review_on, search_vector: qaSearchVector(row.question, row.phrasings, row.answer_text),
      updated_by: row.updated_by, updated_at: now,
    })
    .where('id', '=', live.id)
    .execute();
  await linkQaDocuments(trx, live.id, await linkedQaDocuments(trx, row.id));
  await trx.updateTable('qa_entries').set({ status: 'merged', publish_at: null }).where('id', '=', row.id).execute();
  await recordPublicEdition(trx, { type: 'qa', id: live.id }, now, await publicQaSnapshot(trx, live.id), row.change_note);
  return live.id;
}

/** What the public sees of a published entry, for its public edition. */
async function publicQaSnapshot(trx: Transaction<Database>, id: number): Promise<EditionSnapshot> {
  const e = await trx
    .selectFrom('qa_entries as e')
    .leftJoin('topics as t', 't.id', 'e.topic_id')
    .select(['e.question', 'e.phrasings', 'e.department', 'e.contact', 'e.audiences', 'e.answer_html', 't.name as topic'])
    .where('e.id', '=', id)
    .executeTakeFirstOrThrow();
  const documents = await publicLinkedDocuments(trx, id);
  return {
    title: e.question,
    fields: [
      ['相似问法', e.phrasings.join('；')],
      ['答复部门', e.department],
      ['咨询电话', e.contact],
      ['主题分类', e.topic ?? ''],
      ['服务对象', e.audiences.join('、')],
      ['政策依据', documents.map((d) => `《${d.title}》${d.clause ?? ''}`).join('、')],
    ],
    bodyHtml: e.answer_html,
  };
}
