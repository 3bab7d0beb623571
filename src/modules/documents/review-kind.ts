import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { formatChinaDateTime } from '../../platform/clock/clock.js';
import { brokenExternalLinks, externalLinks } from '../review/public.js';
import type { BodyField } from '../review/public.js';
import { labelSql } from '../../platform/content/registry.js';
import { validityLabels } from './domain/validity.js';
import { PUBLIC_ATTRIBUTES } from '../../platform/content/lifecycle.js';
import type { CheckField, ContentKind, RuleFinding } from '../../platform/content/kind.js';
import { attributeFindings } from '../../platform/content/rules.js';
import { checkableText } from '../../platform/html/redaction.js';
import { bodyHtmlMetadataMismatches } from './domain/body-metadata.js';
import { indexNumberAtFirstPublication } from './commands/index-numbers.js';
import { buildSearchVector, refreshDocumentValidity } from './commands/document-state.js';
import { CONTENT_COLUMNS } from './commands/save-document.js';
import { publicDocumentSnapshot, writeVersion } from './commands/versions.js';
import { publishEditionAudited, type EditionPublication } from '../editions/public.js';
import { saveDocumentText } from './commands/save-text.js';

/** Documents in the review workflow (see review/item-kind.ts). */
export const documentKind: ContentKind = {
  type: 'document',
  table: 'documents',
  label: '文件',
  publicLabel: '政策文件',
  publicSql: (x) => sql<boolean>`${sql.ref(`${x}.status`)} = 'published' and ${sql.ref(`${x}.attribute`)} in (${sql.join(PUBLIC_ATTRIBUTES)})`,
  subscription: {
    topicIds: (x) => sql`array_remove(array[${sql.ref(`${x}.topic_id`)}], null)`,
    audiences: (x) => sql`${sql.ref(`${x}.audiences`)}`,
    docTypes: (x) => sql`array[${sql.ref(`${x}.doc_type`)}]`,
    vector: (x) => sql`${sql.ref(`${x}.search_vector`)}`,
    summary: (x) => sql`concat_ws(' · ', o.short_name, nullif(${sql.ref(`${x}.doc_no`)}, ''))`,
    // Following an organization means its own documents, not the reference material it keeps for the site.
    ownSql: (x) => sql`${sql.ref(`${x}.provenance`)} = 'own'`,
  },
  catalog: {
    nodeSql: (x) => sql`${sql.ref(`${x}.catalog_node_id`)}`,
    dateSql: (x) => sql`${sql.ref(`${x}.published_on`)}`,
    summarySql: (x) => sql`concat_ws(' · ', nullif(${sql.ref(`${x}.doc_no`)}, ''), '索引号 ' || ${sql.ref(`${x}.index_no`)})`,
    badgeSql: (x) => labelSql(`${x}.validity`, validityLabels),
    ownSql: (x) => sql`${sql.ref(`${x}.provenance`)} = 'own'`,
  },
  adminMenu: [{ href: '/admin/documents', label: '文件管理', who: 'viewer' }, { href: '/admin/documents/new', label: '新建文件', who: 'editor' }],
  adminUrl: (id) => `/admin/documents/${id}`,
  publicUrl: (id) => `/documents/${id}`,
  saveEditedText: saveDocumentText,

  async checkFields(trx, id) {
    const d = await trx.selectFrom('documents').select(['title', 'body_html']).where('id', '=', id).executeTakeFirstOrThrow();
    // The checks read the full body; the spans marked for redaction are passed along so a finding
    // inside one counts as dealt with.
    const body = checkableText(d.body_html);
    const files = await trx.selectFrom('attachments').select(['file_name', 'text_content', 'redacted_copy']).where('document_id', '=', id).where('removed_at', 'is', null).orderBy('position').execute();
    const fields: CheckField[] = [{ field: 'title', text: d.title }, { field: 'body', text: body.text, redactedSpans: body.spans } as BodyField];
    for (const f of files) if (f.text_content) fields.push({ field: 'attachment', name: f.file_name, text: f.text_content });
    return fields;
  },

  async ruleFindings(trx, id, ctx) {
    const d = await trx
      .selectFrom('documents as d')
      .innerJoin('doc_types as t', 't.name', 'd.doc_type')
      .select(['d.id', 'd.title', 'd.doc_no', 'd.issuers', 'd.written_on', 'd.topic_id', 'd.attribute', 'd.body_html', 'd.edition_of', 't.is_normative', 'd.effective_on', 'd.expires_on'])
      .where('d.id', '=', id)
      .executeTakeFirstOrThrow();
    const out: RuleFinding[] = [];
    const missing = [
      d.issuers.length === 0 && '发文机关',
      !d.written_on && '成文日期',
      d.topic_id === null && '主题分类',
      d.is_normative && !d.doc_no && '发文字号（规范性文件须有文号）',
    ].filter(Boolean);
    if (missing.length) out.push({ key: 'rule:metadata', severity: 'block', message: `缺少必备的元数据：${missing.join('、')}` });
    out.push(...(await attributeFindings(d, '文件', () => trx.selectFrom('attachments').select(['file_name', 'redacted_copy']).where('document_id', '=', id).where('removed_at', 'is', null).execute())));
    // What the body says of its dates and number against the fields: a warning with both values.
    for (const m of bodyHtmlMetadataMismatches(d.body_html, { effectiveOn: d.effective_on, expiresOn: d.expires_on, docNo: d.doc_no })) out.push({ ...m, severity: 'warn' });
    out.push(...(await brokenLinks(trx, d.body_html)));
    return out;
  },

  async publish(trx, ctx, id) {
    return publishEditionAudited(trx, ctx, DOCUMENT_PUBLICATION, id, { action: 'document.publish', entityType: 'document' });
  },
};

/** How a document goes public: an index number at its first publication; a revision carries its attachments and leaves a version. */
const DOCUMENT_PUBLICATION: EditionPublication = {
  type: 'document',
  table: 'documents',
  label: '文件',
  contentColumns: CONTENT_COLUMNS,
  snapshot: publicDocumentSnapshot,
  async onFirst(trx, row, publishedOn) {
    return { year: Number(publishedOn.slice(0, 4)), index_no: await indexNumberAtFirstPublication(trx, row, publishedOn) };
  },
  async onMerge(trx, edition, liveId, now) {
    // The original keeps its id and address; the old content stays as a version, the old files as removed.
    await trx.updateTable('documents').set({ current_version: sql`current_version + 1` }).where('id', '=', liveId).execute();
    await trx.updateTable('attachments').set({ removed_at: now }).where('document_id', '=', liveId).where('removed_at', 'is', null).execute();
    await trx.updateTable('attachments').set({ document_id: liveId }).where('document_id', '=', edition.id).where('removed_at', 'is', null).execute();
    const last = await trx.selectFrom('document_versions').select('note').where('document_id', '=', edition.id).orderBy('version_no', 'desc').executeTakeFirst();
    await writeVersion(trx, liveId, edition.updated_by, last?.note || '修订版经审核发布');
    await buildSearchVector(trx, liveId);
  },
  async settle(trx, ctx, liveId) {
    await refreshDocumentValidity(trx, liveId, ctx.clock.today());
  },
};

/** Links in the body to this site's documents that are not (or no longer) public, malformed links, and links to other sites that do not answer. */
async function brokenLinks(trx: Kysely<Database>, html: string): Promise<RuleFinding[]> {
  const out: RuleFinding[] = [];
  const ids = new Set<number>();
  for (const m of html.matchAll(/<a\s[^>]*href="([^"]*)"/g)) {
    const href = m[1]!.replace(/&amp;/g, '&');
    const local = /^\/documents\/(\d{1,12})(?:[/?#]|$)/.exec(href);
    if (local) ids.add(Number(local[1]));
    else if (!/^(https?:\/\/[^\s/]+\.[^\s]+|https?:\/\/[^\s/]+:\d+[^\s]*|mailto:[^\s@]+@[^\s@]+|\/[^\s]*|#.*)$/.test(href)) out.push({ key: `rule:link:${href}`.slice(0, 300), severity: 'warn', message: `正文中的链接“${href}”格式不正确` });
  }
  // Links to other sites, as the link-check job last found them (it runs after each save).
  for (const b of await brokenExternalLinks(trx, externalLinks(html))) {
    out.push({ key: `rule:link:${b.url}`.slice(0, 300), severity: 'warn', message: `正文链接 ${b.url} 无法访问（${b.status ? `状态 ${b.status}` : b.error}，检查于 ${formatChinaDateTime(b.checked_at)}）` });
  }
  if (ids.size) {
    const live = await trx.selectFrom('documents').select('id').where('id', 'in', [...ids]).where('status', '=', 'published').execute();
    const ok = new Set(live.map((r) => r.id));
    for (const id of ids) if (!ok.has(id)) out.push({ key: `rule:link:/documents/${id}`, severity: 'block', message: `正文链接的本站文件 /documents/${id} 不存在或未公开` });
  }
  return out;
}
