import type { Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { CommandContext } from '../../../platform/http/command.js';
import { NotFoundError, RuleError } from '../../../platform/http/errors.js';
import { linkDocuments, linkedDocumentIds } from './save-interpretation.js';
import { notePublication } from '../../subscriptions/publication.js';
import { recordBaselineEdition, recordPublicEdition, type EditionSnapshot } from '../../editions/public.js';
import { FORM_LABELS } from '../domain/labels.js';
import { publicLinkedDocuments } from '../queries/public.js';

/**
 * Makes an interpretation public, inside the caller's transaction (the review workflow's, or the
 * document's when they are published together). A first edition becomes published; a later
 * edition is copied into the interpretation it edits, which keeps its id, address and first
 * publication date, and the edition row is retired as `merged`. Returns the live id. The caller
 * checks permission and state and records the audit event.
 */
export async function publishInterpretationRow(trx: Transaction<Database>, ctx: CommandContext, id: number): Promise<number> {
  const row = await trx.selectFrom('interpretations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
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
  const now = ctx.clock.now();
  if (row.edition_of === null) {
    await trx
      .updateTable('interpretations')
      .set({ status: 'published', published_on: row.published_on ?? ctx.clock.today(), published_at: now, publish_at: null })
      .where('id', '=', id)
      .execute();
    await notePublication(trx, now, { type: 'interpretation', id });
    await recordPublicEdition(trx, { type: 'interpretation', id }, now, await publicInterpretationSnapshot(trx, id));
    return id;
  }
  const live = await trx.selectFrom('interpretations').select(['id', 'status', 'published_at']).where('id', '=', row.edition_of).forUpdate().executeTakeFirstOrThrow();
  if (live.status !== 'published') throw new RuleError('原解读已不在发布状态（可能已撤稿），不能发布其修订版本');
  await recordBaselineEdition(trx, { type: 'interpretation', id: live.id }, live.published_at ?? now, () => publicInterpretationSnapshot(trx, live.id));
  await trx
    .updateTable('interpretations')
    .set({ title: row.title, form: row.form, department: row.department, contact: row.contact, body_html: row.body_html, body_text: row.body_text, updated_by: row.updated_by, updated_at: now })
    .where('id', '=', live.id)
    .execute();
  await linkDocuments(trx, live.id, await linkedDocumentIds(trx, row.id));
  await trx.updateTable('interpretations').set({ status: 'merged', publish_at: null }).where('id', '=', row.id).execute();
  await recordPublicEdition(trx, { type: 'interpretation', id: live.id }, now, await publicInterpretationSnapshot(trx, live.id), row.change_note);
  return live.id;
}

/** What the public sees of a published interpretation, for its public edition. */
async function publicInterpretationSnapshot(trx: Transaction<Database>, id: number): Promise<EditionSnapshot> {
  const i = await trx.selectFrom('interpretations').select(['title', 'form', 'department', 'contact', 'body_html']).where('id', '=', id).executeTakeFirstOrThrow();
  const documents = await publicLinkedDocuments(trx, id);
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
