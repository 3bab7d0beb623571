import { sql } from 'kysely';
import { checkableText } from '../../platform/html/redaction.js';
import type { BodyField } from '../review/public.js';
import { findPersonalData } from '../../platform/text-checks/index.js';
import type { ContentKind, RuleFinding } from '../../platform/content/kind.js';
import { publishQaRow } from './commands/publish-qa.js';
import { adminUrl, publicUrl } from './domain/labels.js';
import { saveQaText } from './commands/save-text.js';
import { linkedDocuments } from '../documents/public.js';
import { QA_DOCUMENTS } from './document-link.js';

/** Q&A entries (政策问答) in the review workflow: what is checked, what is required, how they go public. */
export const qaKind: ContentKind = {
  type: 'qa',
  table: 'qa_entries',
  label: '政策问答',
  publicLabel: '政策问答',
  // A Q&A entry has no title: the first line of its question stands in for it.
  titleSql: (x) => sql<string>`split_part(${sql.ref(`${x}.question`)}, chr(10), 1)`,
  importedSql: (x) => sql<boolean>`${sql.ref(`${x}.origin`)} = 'import'`,
  publicSql: (x) => sql<boolean>`${sql.ref(`${x}.status`)} = 'published'`,
  subscription: {
    topicIds: (x) => sql`array_remove(array[${sql.ref(`${x}.topic_id`)}], null)`,
    audiences: (x) => sql`${sql.ref(`${x}.audiences`)}`,
    vector: (x) => sql`${sql.ref(`${x}.search_vector`)}`,
    summary: (x) => sql`coalesce(nullif(${sql.ref(`${x}.department`)}, ''), o.short_name) || ' · 政策问答'`,
  },
  adminMenu: [{ href: '/admin/qa', label: '问答库', who: 'viewer' }],
  adminUrl,
  publicUrl,
  saveEditedText: saveQaText,

  async checkFields(trx, id) {
    const r = await trx.selectFrom('qa_entries').select(['question', 'phrasings', 'answer_html']).where('id', '=', id).executeTakeFirstOrThrow();
    const answer = checkableText(r.answer_html);
    // The other phrasings are public too (the entry page lists them), so they are checked with the question. The
    // contact is not: it is the department's public phone, which the personal-data check would stop.
    return [
      { field: 'title', text: [r.question, ...r.phrasings].join('\n') },
      { field: 'body', text: answer.text, redactedSpans: answer.spans } as BodyField,
    ];
  },

  async ruleFindings(trx, id, ctx) {
    const r = await trx.selectFrom('qa_entries').select(['department', 'contact', 'answer_text', 'answer_html', 'review_on']).where('id', '=', id).executeTakeFirstOrThrow();
    const documents = await linkedDocuments(trx, QA_DOCUMENTS, id);
    const findings: RuleFinding[] = [];
    if (!r.answer_text.trim() && !/<(img|a)\b/i.test(r.answer_html)) findings.push({ key: 'rule:qa-answer', severity: 'block', message: '答复内容为空' });
    if (!r.department.trim()) findings.push({ key: 'rule:qa-department', severity: 'block', message: '请填写答复部门（科室），便于公众知道由谁负责解答' });
    if (!r.contact.trim()) findings.push({ key: 'rule:qa-contact', severity: 'block', message: '请填写咨询电话或联系方式' });
    else if (findPersonalData(r.contact, { today: ctx.clock.today() }).some((h) => h.kind === 'mobile' || h.kind === 'id_number')) {
      findings.push({ key: 'rule:qa-contact-personal', severity: 'block', message: '咨询电话请填写单位的固定电话或热线，不要填写个人手机号码' });
    }
    for (const d of documents) {
      // The public page links the documents; one not yet public would be a dead link (and a promise it may not keep).
      if (d.status !== 'published') findings.push({ key: `rule:qa-document-unpublished:${d.id}`, severity: 'block', message: `关联的文件《${d.title}》尚未发布：请先发布文件，或取消关联` });
      else if (d.validity === 'repealed' || d.validity === 'expired') {
        findings.push({ key: `rule:qa-document-invalid:${d.id}`, severity: 'warn', message: `关联的文件《${d.title}》已废止或失效：请核实答复是否仍然适用` });
      }
    }
    if (r.review_on && r.review_on < ctx.clock.today()) findings.push({ key: 'rule:qa-review-due', severity: 'warn', message: '复核日期已过：请核对答复是否符合现行政策，并更新复核日期' });
    return findings;
  },

  publish: publishQaRow,
};
