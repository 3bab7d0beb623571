import { sql } from 'kysely';
import { labelSql } from '../../platform/content/registry.js';
import { checkableText } from '../../platform/html/redaction.js';
import type { BodyField } from '../review/public.js';
import type { ContentKind, RuleFinding } from '../../platform/content/kind.js';
import { publishInterpretationRow } from './commands/publish-interpretation.js';
import { adminUrl, FORM_LABELS, publicUrl } from './domain/labels.js';
import { saveInterpretationText } from './commands/save-text.js';

/** Interpretations (政策解读) in the review workflow: what is checked, what is required, how it goes public. */
export const interpretationKind: ContentKind = {
  type: 'interpretation',
  table: 'interpretations',
  label: '政策解读',
  publicLabel: '政策解读',
  publicSql: (x) => sql<boolean>`${sql.ref(`${x}.status`)} = 'published'`,
  // What it explains: the topics, audiences and document types of its documents.
  subscription: {
    topicIds: (x) => sql`array(select d.topic_id from interpretation_documents l join documents d on d.id = l.document_id where l.interpretation_id = ${sql.ref(`${x}.id`)} and d.topic_id is not null)`,
    audiences: (x) => sql`array(select distinct a from interpretation_documents l join documents d on d.id = l.document_id, unnest(d.audiences) a where l.interpretation_id = ${sql.ref(`${x}.id`)})`,
    docTypes: (x) => sql`array(select distinct d.doc_type from interpretation_documents l join documents d on d.id = l.document_id where l.interpretation_id = ${sql.ref(`${x}.id`)})`,
    searchText: (x) => sql`${sql.ref(`${x}.title`)} || ' ' || left(${sql.ref(`${x}.body_text`)}, 100000)`,
    summary: () => sql`o.short_name || ' · 政策解读'`,
  },
  // Interpretations have no column of their own: the organization's 政策解读 column lists them.
  catalog: {
    nodeSql: (x) => sql`(select c.id from catalog_nodes c where c.org_id = ${sql.ref(`${x}.org_id`)} and c.role = 'interpretations' order by c.id limit 1)`,
    dateSql: (x) => sql`${sql.ref(`${x}.published_on`)}`,
    summarySql: (x) => sql`concat_ws(' · ', ${labelSql(`${x}.form`, FORM_LABELS)}, nullif(${sql.ref(`${x}.department`)}, ''))`,
  },
  adminMenu: [{ href: '/admin/interpretations', label: '政策解读', who: 'viewer' }],
  adminUrl,
  publicUrl,
  saveEditedText: saveInterpretationText,

  async checkFields(trx, id) {
    const r = await trx.selectFrom('interpretations').select(['title', 'body_html']).where('id', '=', id).executeTakeFirstOrThrow();
    const body = checkableText(r.body_html);
    return [
      { field: 'title', text: r.title },
      { field: 'body', text: body.text, redactedSpans: body.spans } as BodyField,
    ];
  },

  async ruleFindings(trx, id) {
    const r = await trx.selectFrom('interpretations').select(['department', 'contact', 'body_html', 'body_text']).where('id', '=', id).executeTakeFirstOrThrow();
    const links = await trx.selectFrom('interpretation_documents').select('document_id').where('interpretation_id', '=', id).limit(1).execute();
    const findings: RuleFinding[] = [];
    if (links.length === 0) findings.push({ key: 'rule:interpretation-documents', severity: 'block', message: '未关联被解读的文件：请选择本解读所解读的文件' });
    if (!r.department.trim()) findings.push({ key: 'rule:interpretation-department', severity: 'block', message: '请填写解读部门（谁起草、谁解读）' });
    if (!r.contact.trim()) findings.push({ key: 'rule:interpretation-contact', severity: 'block', message: '请填写联系人及电话，便于公众咨询政策执行问题' });
    // An image-only 图解 has no text but is not empty.
    if (!r.body_text.trim() && !/<(img|a)\b/i.test(r.body_html)) findings.push({ key: 'rule:interpretation-body', severity: 'block', message: '解读正文为空' });
    return findings;
  },

  publish: publishInterpretationRow,
};
