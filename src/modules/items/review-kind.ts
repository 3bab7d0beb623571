import { sql } from 'kysely';
import type { CheckField, ContentKind, RuleFinding } from '../../platform/content/kind.js';
import { attributeFindings } from '../../platform/content/rules.js';
import { PUBLIC_ATTRIBUTES } from '../../platform/content/lifecycle.js';
import { checkableText } from '../../platform/html/redaction.js';
import type { BodyField } from '../review/public.js';
import { publishItemRow } from './commands/publish-item.js';
import { saveItemText } from './commands/save-text.js';
import { INFO_CATEGORIES, PUBLICITY } from './domain/categories.js';
import { adminUrl, publicUrl } from './domain/labels.js';
import { publicityProblems } from './domain/publicity.js';

/** The category's label in SQL, from the list in domain/categories.ts. */
const categoryLabelSql = (x: string) =>
  sql<string>`case ${sql.ref(`${x}.category`)} ${sql.join(INFO_CATEGORIES.map((c) => sql`when ${c.code} then ${c.label}`), sql` `)} else '信息' end`;

/** Information items (信息: 工作动态, 通知公告, 公示 …) as a content kind. */
export const infoKind: ContentKind = {
  type: 'info',
  table: 'info_items',
  label: '信息',
  publicLabel: '公开信息',
  // Published, with a public attribute, and not a 公示 taken down at the end of its period.
  publicSql: (x) =>
    sql<boolean>`${sql.ref(`${x}.status`)} = 'published' and ${sql.ref(`${x}.attribute`)} in (${sql.join(PUBLIC_ATTRIBUTES)}) and ${sql.ref(`${x}.taken_down_at`)} is null`,
  subscription: {
    topicIds: (x) => sql`array_remove(array[${sql.ref(`${x}.topic_id`)}], null)`,
    vector: (x) => sql`${sql.ref(`${x}.search_vector`)}`,
    summary: (x) => sql`o.short_name || ' · ' || ${categoryLabelSql(x)}`,
  },
  catalog: {
    nodeSql: (x) => sql<number | null>`${sql.ref(`${x}.catalog_node_id`)}`,
    dateSql: (x) => sql<string | null>`to_char(${sql.ref(`${x}.published_on`)}, 'YYYY-MM-DD')`,
    summarySql: (x) =>
      sql<string>`concat_ws(' · ', ${categoryLabelSql(x)}, '索引号：' || ${sql.ref(`${x}.index_no`)},
        case when ${sql.ref(`${x}.category`)} = ${PUBLICITY} then '公示期：' || to_char(${sql.ref(`${x}.publicity_start`)}, 'YYYY-MM-DD') || ' 至 ' || to_char(${sql.ref(`${x}.publicity_end`)}, 'YYYY-MM-DD') end)`,
  },
  adminMenu: [{ href: '/admin/items', label: '信息发布', who: 'viewer' }, { href: '/admin/items/new', label: '新建信息', who: 'editor' }],
  adminUrl,
  publicUrl,
  saveEditedText: saveItemText,

  async checkFields(trx, id) {
    const i = await trx.selectFrom('info_items').select(['title', 'body_html', 'source', 'publicity_place']).where('id', '=', id).executeTakeFirstOrThrow();
    const body = checkableText(i.body_html);
    const files = await trx.selectFrom('info_item_attachments').select(['file_name', 'text_content']).where('item_id', '=', id).where('removed_at', 'is', null).orderBy('position').execute();
    const fields: CheckField[] = [{ field: 'title', text: [i.title, i.source, i.publicity_place].filter(Boolean).join('\n') }, { field: 'body', text: body.text, redactedSpans: body.spans } as BodyField];
    for (const f of files) if (f.text_content) fields.push({ field: 'attachment', name: f.file_name, text: f.text_content });
    return fields;
  },

  async ruleFindings(trx, id, ctx) {
    const i = await trx.selectFrom('info_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const out: RuleFinding[] = [];
    const missing = [i.catalog_node_id === null && '所属栏目', i.topic_id === null && '主题分类', !i.source.trim() && '来源'].filter(Boolean);
    if (missing.length) out.push({ key: 'rule:metadata', severity: 'block', message: `缺少必备的元数据：${missing.join('、')}` });
    if (!i.body_text.trim() && !/<(img|a)\b/i.test(i.body_html)) {
      const files = await trx.selectFrom('info_item_attachments').select('id').where('item_id', '=', id).where('removed_at', 'is', null).limit(1).execute();
      if (files.length === 0) out.push({ key: 'rule:info-body', severity: 'block', message: '正文为空，也没有附件' });
    }
    out.push(...(await attributeFindings(i, '信息', () => trx.selectFrom('info_item_attachments').select(['file_name', 'redacted_copy']).where('item_id', '=', id).where('removed_at', 'is', null).execute())));
    if (i.category === PUBLICITY) {
      const problems = publicityProblems({ start: i.publicity_start, end: i.publicity_end, scope: i.publicity_scope, place: i.publicity_place, afterPeriod: i.after_period });
      if (problems.length) out.push({ key: 'rule:publicity', severity: 'block', message: problems.join('；') });
      else if (i.edition_of === null && i.publicity_end! < ctx.clock.today()) {
        out.push({ key: 'rule:publicity-past', severity: 'warn', message: `公示期已于 ${i.publicity_end} 结束：请核对公示期，公示应在公示期开始前或当天发布` });
      }
    }
    return out;
  },

  publish: publishItemRow,
};
