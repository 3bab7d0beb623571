import type { DisclosureAttribute } from '../../db/schema.js';
import { findRedactions } from '../html/redaction.js';
import type { RuleFinding } from './kind.js';

/**
 * The disclosure attribute's rules, for every kind that carries one and attachments (国办发〔2016〕80号:
 * the attribute is approved with the item; only 主动公开 content goes on the portal):
 * - 依申请公开 and 不予公开 are never published on the portal;
 * - 删减后公开 needs the redactions marked in the body or a redacted copy among the files, and
 *   every file still on the item must be a redacted copy.
 * `noun` names the kind in the message (文件, 信息); `files` reads the item's current attachments,
 * only when needed.
 */
export async function attributeFindings(
  item: { attribute: DisclosureAttribute; body_html: string },
  noun: string,
  files: () => Promise<{ file_name: string; redacted_copy: boolean }[]>,
): Promise<RuleFinding[]> {
  const out: RuleFinding[] = [];
  if (item.attribute === 'on_request' || item.attribute === 'not_public') {
    out.push({ key: 'rule:attribute', severity: 'block', message: `公开属性为“${item.attribute === 'on_request' ? '依申请公开' : '不予公开'}”的${noun}不能在门户发布` });
  }
  if (item.attribute !== 'public_redacted') return out;
  const attached = await files();
  if (findRedactions(item.body_html).length === 0 && !attached.some((f) => f.redacted_copy)) {
    out.push({ key: 'rule:redaction', severity: 'block', message: '公开属性为“删减后公开”，但正文没有标出删减内容，也没有删减后的附件' });
  }
  for (const f of attached.filter((f) => !f.redacted_copy)) {
    out.push({ key: `rule:redaction-file:${f.file_name}`, severity: 'block', message: `附件“${f.file_name}”须替换为删减后的版本再发布（上传时勾选“删减后的公开版本”，并删除原件）` });
  }
  return out;
}
