import type { ItemType } from '../../../db/schema.js';
import type { Actor } from '../../../platform/auth/sessions.js';
import type { FileStorage } from '../../../platform/files/storage.js';
import type { CommandContext } from '../../../platform/http/command.js';
import { RuleError } from '../../../platform/http/errors.js';
import { checkItem } from '../checks.js';
import { replaceInHtmlText, replaceInText } from '../domain/replace.js';
import { contentKind } from '../../../platform/content/registry.js';

/**
 * 一键替换: applies the dictionary's suggested wording for one finding, everywhere the same words
 * stand in that field (they share the finding), as a normal edit through the kind's own save
 * command — which checks permission, writes the version and the audit event, and puts an item
 * under review back to draft. The checks run again on the next look at the item.
 * Returns the id of the row written.
 */
export async function replaceWording(ctx: CommandContext, a: { actor: Actor; type: ItemType; id: number; key: string; storage: FileStorage }): Promise<number> {
  const kind = contentKind(a.type);
  if (!kind.saveEditedText) throw new RuleError(`${kind.label}不支持一键替换，请在编辑页修改`, 'key');
  // A published item with a revision in progress: the revision holds the newer text, and saving the
  // published one would overwrite it.
  const open = await ctx.db.selectFrom(kind.table as 'documents').select('id').where('edition_of', '=', a.id).where('status', 'not in', ['merged', 'withdrawn']).executeTakeFirst();
  if (open) throw new RuleError(`该${kind.label}已有正在修改或审核的修订稿（第 ${open.id} 号），请在修订稿的审核页替换`, 'key');
  const report = await checkItem(ctx.db, kind, a.id, ctx);
  const f = report.findings.find((x) => x.key === a.key && x.check === 'wording' && x.replacement && (x.field === 'title' || x.field === 'body') && x.start !== null && x.end !== null);
  if (!f) throw new RuleError('该检查结果已不存在或没有建议写法，请刷新页面后再试', 'key');
  const field = f.field as 'title' | 'body';
  const text = report.fields.find((x) => x.field === field)!.text;
  const found = text.slice(f.start!, f.end!);
  const to = f.replacement!;
  let changed = false;
  return kind.saveEditedText(ctx, {
    actor: a.actor,
    id: a.id,
    storage: a.storage,
    note: `一键替换：“${found}”改为“${to}”`,
    edit: (name, value) => {
      const out = name !== field ? value : name === 'title' ? replaceInText(value, found, to) : replaceInHtmlText(value, found, to);
      changed ||= out !== value;
      return out;
    },
    // The words may stand split by markup (国家<b>工商</b>…), where they cannot be replaced in place.
    confirmEdited: () => {
      if (!changed) throw new RuleError(`正文中的“${found}”被格式分隔，无法自动替换，请在编辑页修改`, 'key');
    },
  });
}
