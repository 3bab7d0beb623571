import type { TextEditArgs } from '../../../platform/content/kind.js';
import type { CommandContext } from '../../../platform/http/command.js';
import { NotFoundError } from '../../../platform/http/errors.js';
import { saveInterpretation } from './save-interpretation.js';

/** An interpretation saved again with its title and body edited (一键替换), everything else as it is. */
export async function saveInterpretationText(ctx: CommandContext, a: TextEditArgs): Promise<number> {
  const i = await ctx.db.selectFrom('interpretations').selectAll().where('id', '=', a.id).executeTakeFirst();
  if (!i) throw new NotFoundError('政策解读不存在');
  const links = await ctx.db.selectFrom('interpretation_documents').select('document_id').where('interpretation_id', '=', i.id).orderBy('document_id').execute();
  const input = { orgId: i.org_id, title: a.edit('title', i.title), form: i.form, department: i.department, contact: i.contact, bodyHtml: a.edit('body', i.body_html), changeNote: i.change_note, documentIds: links.map((l) => l.document_id) };
  a.confirmEdited();
  const saved = await saveInterpretation(ctx, { actor: a.actor, interpretationId: i.id, input });
  return saved.id;
}
