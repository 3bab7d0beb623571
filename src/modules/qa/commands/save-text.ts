import type { TextEditArgs } from '../../../platform/content/kind.js';
import type { CommandContext } from '../../../platform/http/command.js';
import { NotFoundError } from '../../../platform/http/errors.js';
import { saveQaEntry } from './save-qa.js';

/** A Q&A entry saved again with its question (its title) and answer edited (一键替换), everything else as it is. */
export async function saveQaText(ctx: CommandContext, a: TextEditArgs): Promise<number> {
  const e = await ctx.db.selectFrom('qa_entries').selectAll().where('id', '=', a.id).executeTakeFirst();
  if (!e) throw new NotFoundError('政策问答不存在');
  const links = await ctx.db.selectFrom('qa_entry_documents').select(['document_id', 'clause']).where('qa_id', '=', e.id).orderBy('document_id').execute();
  const input = {
    orgId: e.org_id, question: a.edit('title', e.question), phrasings: e.phrasings.map((p) => a.edit('title', p)), answerHtml: a.edit('body', e.answer_html), department: e.department, contact: e.contact,
    topicId: e.topic_id, audiences: e.audiences, reviewOn: e.review_on, changeNote: e.change_note, documents: links.map((l) => ({ documentId: l.document_id, clause: l.clause })),
  };
  a.confirmEdited();
  const saved = await saveQaEntry(ctx, { actor: a.actor, qaId: e.id, input });
  return saved.id;
}
