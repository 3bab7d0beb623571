import type { TextEditArgs } from '../../../platform/content/kind.js';
import type { CommandContext } from '../../../platform/http/command.js';
import { NotFoundError } from '../../../platform/http/errors.js';
import { saveItem } from './save-item.js';

/** An item saved again with its title and body edited (一键替换), everything else as it is. */
export async function saveItemText(ctx: CommandContext, a: TextEditArgs): Promise<number> {
  const i = await ctx.db.selectFrom('info_items').selectAll().where('id', '=', a.id).executeTakeFirst();
  if (!i) throw new NotFoundError('信息不存在');
  const input = {
    orgId: i.org_id, category: i.category, catalogNodeId: i.catalog_node_id, title: a.edit('title', i.title), bodyHtml: a.edit('body', i.body_html), topicId: i.topic_id, attribute: i.attribute,
    source: i.source, publicityStart: i.publicity_start, publicityEnd: i.publicity_end, publicityScope: i.publicity_scope, publicityPlace: i.publicity_place, afterPeriod: i.after_period, changeNote: i.change_note,
  };
  a.confirmEdited();
  const saved = await saveItem(ctx, { actor: a.actor, itemId: i.id, input, attachments: [], redactedCopies: false, removeAttachmentIds: [], storage: a.storage });
  return saved.id;
}
