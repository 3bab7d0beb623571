import type { TextEditArgs } from '../../../platform/content/kind.js';
import type { CommandContext } from '../../../platform/http/command.js';
import { NotFoundError } from '../../../platform/http/errors.js';
import { parseDocNumber } from '../domain/doc-number.js';
import type { DocumentInput } from '../domain/document-input.js';
import { saveDocument } from './save-document.js';

/** A document saved again with its title and body edited (一键替换), everything else as it is. */
export async function saveDocumentText(ctx: CommandContext, a: TextEditArgs): Promise<number> {
  const d = await ctx.db.selectFrom('documents').selectAll().where('id', '=', a.id).executeTakeFirst();
  if (!d) throw new NotFoundError('文件不存在');
  const parsed = d.doc_no ? parseDocNumber(d.doc_no, { maxYear: 9999 }) : null;
  const input = {
    orgId: d.org_id, catalogNodeId: d.catalog_node_id, title: a.edit('title', d.title), docNo: d.doc_no, issuers: d.issuers, docType: d.doc_type,
    topicId: d.topic_id, audiences: d.audiences, attribute: d.attribute, writtenOn: d.written_on, publishedOn: d.published_on,
    effectiveOn: d.effective_on, expiresOn: d.expires_on, bodyHtml: a.edit('body', d.body_html), note: a.note,
    // A revision's public change note stays as the drafter wrote it.
    changeNote: d.change_note,
  } satisfies DocumentInput;
  a.confirmEdited();
  return saveDocument(ctx, { actor: a.actor, documentId: d.id, input, checked: { docNumber: parsed?.ok ? parsed.value : null, expiresOn: d.expires_on }, attachments: [], storage: a.storage, redactedCopies: false });
}
