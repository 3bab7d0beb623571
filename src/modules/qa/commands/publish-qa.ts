import type { Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { CommandContext } from '../../../platform/http/command.js';
import { publishEdition, type EditionPublication, type EditionSnapshot } from '../../editions/public.js';
import { linkedQaDocuments, linkQaDocuments } from './save-qa.js';
import { qaSearchVector } from './search-vector.js';
import { publicLinkedDocuments } from '../../documents/public.js';
import { QA_DOCUMENTS } from '../document-link.js';

/** How a Q&A entry goes public (the rest is the shared step of editions/publish.ts). */
export const QA_PUBLICATION: EditionPublication = {
  type: 'qa',
  table: 'qa_entries',
  label: '政策问答',
  contentColumns: ['question', 'phrasings', 'answer_html', 'answer_text', 'department', 'contact', 'topic_id', 'audiences', 'review_on'],
  snapshot: publicQaSnapshot,
  async onMerge(trx, edition, liveId) {
    await trx.updateTable('qa_entries').set({ search_vector: qaSearchVector(edition.question as string, edition.phrasings as string[], edition.answer_text as string) }).where('id', '=', liveId).execute();
    await linkQaDocuments(trx, liveId, await linkedQaDocuments(trx, edition.id));
  },
};

/** Makes a Q&A entry public, inside the review workflow's transaction. Returns the live id. */
export function publishQaRow(trx: Transaction<Database>, ctx: CommandContext, id: number): Promise<number> {
  return publishEdition(trx, ctx, QA_PUBLICATION, id);
}

/** What the public sees of a published entry, for its public edition. */
async function publicQaSnapshot(trx: Transaction<Database>, id: number): Promise<EditionSnapshot> {
  const e = await trx
    .selectFrom('qa_entries as e')
    .leftJoin('topics as t', 't.id', 'e.topic_id')
    .select(['e.question', 'e.phrasings', 'e.department', 'e.contact', 'e.audiences', 'e.answer_html', 't.name as topic'])
    .where('e.id', '=', id)
    .executeTakeFirstOrThrow();
  const documents = await publicLinkedDocuments(trx, QA_DOCUMENTS, id);
  return {
    title: e.question,
    fields: [
      ['相似问法', e.phrasings.join('；')],
      ['答复部门', e.department],
      ['咨询电话', e.contact],
      ['主题分类', e.topic ?? ''],
      ['服务对象', e.audiences.join('、')],
      ['政策依据', documents.map((d) => `《${d.title}》${d.clause}`).join('、')],
    ],
    bodyHtml: e.answer_html,
  };
}
