import type { Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { CommandContext } from '../../../platform/http/command.js';
import { NotFoundError, RuleError } from '../../../platform/http/errors.js';
import { linkDocuments, linkedDocumentIds } from './save-interpretation.js';
import { publishEdition, type EditionPublication, type EditionSnapshot } from '../../editions/public.js';
import { FORM_LABELS } from '../domain/labels.js';
import { publicLinkedDocuments } from '../../documents/public.js';
import { INTERPRETATION_DOCUMENTS } from '../document-link.js';

/**
 * Makes an interpretation public, inside the caller's transaction (the review workflow's, or the
 * document's when they are published together), through the shared step of editions/publish.ts.
 */
export async function publishInterpretationRow(trx: Transaction<Database>, ctx: CommandContext, id: number): Promise<number> {
  const row = await trx.selectFrom('interpretations').select('id').where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('政策解读不存在');
  // 三同步: an interpretation never goes out before the document it explains. One approved with a
  // draft document waits, and is published when the document is (see sync.ts).
  const published = await trx
    .selectFrom('interpretation_documents as x')
    .innerJoin('documents as d', 'd.id', 'x.document_id')
    .select('d.id')
    .where('x.interpretation_id', '=', id)
    .where('d.status', '=', 'published')
    .limit(1)
    .execute();
  if (published.length === 0) throw new RuleError('所解读的文件尚未发布：解读将在文件发布时同步发布，无需单独发布');
  return publishEdition(trx, ctx, INTERPRETATION_PUBLICATION, id);
}

const INTERPRETATION_PUBLICATION: EditionPublication = {
  type: 'interpretation',
  table: 'interpretations',
  label: '政策解读',
  contentColumns: ['title', 'form', 'department', 'contact', 'body_html', 'body_text'],
  snapshot: publicInterpretationSnapshot,
  async onMerge(trx, edition, liveId) {
    await linkDocuments(trx, liveId, await linkedDocumentIds(trx, edition.id));
  },
};

/** What the public sees of a published interpretation, for its public edition. */
async function publicInterpretationSnapshot(trx: Transaction<Database>, id: number): Promise<EditionSnapshot> {
  const i = await trx.selectFrom('interpretations').select(['title', 'form', 'department', 'contact', 'body_html']).where('id', '=', id).executeTakeFirstOrThrow();
  const documents = await publicLinkedDocuments(trx, INTERPRETATION_DOCUMENTS, id);
  return {
    title: i.title,
    fields: [
      ['解读形式', FORM_LABELS[i.form]],
      ['解读部门', i.department],
      ['联系方式', i.contact],
      ['所解读的文件', documents.map((d) => `《${d.title}》${d.doc_no ? `（${d.doc_no}）` : ''}`).join('、')],
    ],
    bodyHtml: i.body_html,
  };
}
