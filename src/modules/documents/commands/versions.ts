import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { EditionSnapshot } from '../../editions/public.js';
import { ATTRIBUTE_LABELS } from '../../../platform/content/lifecycle.js';

/** The metadata kept in every version, in display order, with its Chinese label. */
export const VERSIONED_FIELDS = [
  ['title', '标题'],
  ['doc_no', '发文字号'],
  ['issuers', '发文机关'],
  ['doc_type', '文种'],
  ['topic', '主题分类'],
  ['audiences', '服务对象'],
  ['attribute', '公开属性'],
  ['written_on', '成文日期'],
  ['published_on', '发布日期'],
  ['effective_on', '施行日期'],
  ['expires_on', '有效期至'],
  ['attachments', '附件'],
] as const;

export type VersionSnapshot = Record<(typeof VERSIONED_FIELDS)[number][0], string>;

/**
 * A document's metadata as a snapshot. For the public, attachments are those the public may
 * download (of a 删减后公开 document only its redacted copies) and the attribute reads as a label.
 */
async function snapshotOf(db: Kysely<Database>, documentId: number, audience: 'staff' | 'public') {
  const d = await db
    .selectFrom('documents as d')
    .leftJoin('topics as t', 't.id', 'd.topic_id')
    .leftJoin('topics as tp', 'tp.id', 't.parent_id')
    .select(['d.current_version', 'd.title', 'd.doc_no', 'd.issuers', 'd.doc_type', 'd.audiences', 'd.attribute', 'd.written_on', 'd.published_on', 'd.effective_on', 'd.expires_on', 'd.body_html', 'd.index_no', 't.name as topic', 'tp.name as parent_topic'])
    .where('d.id', '=', documentId)
    .executeTakeFirstOrThrow();
  const files = await db
    .selectFrom('attachments')
    .select('file_name')
    .where('document_id', '=', documentId)
    .where('removed_at', 'is', null)
    .$if(audience === 'public' && d.attribute === 'public_redacted', (q) => q.where('redacted_copy', '=', true))
    .orderBy('position')
    .execute();
  const snapshot: VersionSnapshot = {
    title: d.title,
    doc_no: d.doc_no ?? '',
    issuers: d.issuers.join('、'),
    doc_type: d.doc_type,
    topic: d.topic ? (d.parent_topic ? `${d.parent_topic}\\${d.topic}` : d.topic) : '',
    audiences: d.audiences.join('、'),
    attribute: audience === 'public' ? ATTRIBUTE_LABELS[d.attribute] : d.attribute,
    written_on: d.written_on ?? '',
    published_on: d.published_on ?? '',
    effective_on: d.effective_on ?? '',
    expires_on: d.expires_on ?? '',
    attachments: files.map((f) => f.file_name).join('、'),
  };
  return { d, snapshot };
}

/** Writes the document's current state as a new immutable version (staff history). */
export async function writeVersion(trx: Transaction<Database>, documentId: number, staffId: number | null, note: string): Promise<number> {
  const { d, snapshot } = await snapshotOf(trx, documentId, 'staff');
  await trx
    .insertInto('document_versions')
    .values({ document_id: documentId, version_no: d.current_version, snapshot: JSON.stringify(snapshot), body_html: d.body_html, note, created_by: staffId })
    .execute();
  return d.current_version;
}

/** What the public sees of the published document now, for its public edition. */
export async function publicDocumentSnapshot(db: Kysely<Database>, documentId: number): Promise<EditionSnapshot> {
  const { d, snapshot } = await snapshotOf(db, documentId, 'public');
  const fields: [string, string][] = [['索引号', d.index_no ?? '']];
  for (const [key, label] of VERSIONED_FIELDS) if (key !== 'title') fields.push([label, snapshot[key]]);
  return { title: d.title, fields, bodyHtml: d.body_html };
}
