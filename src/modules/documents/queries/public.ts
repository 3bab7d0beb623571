import { relatedSections } from '../../../platform/content/registry.js';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { GoneError, NotFoundError } from '../../../platform/http/errors.js';
import { deriveValidity, type ValidityEvent, type ValidityResult } from '../domain/validity.js';
import { PUBLIC_ATTRIBUTES } from '../../../platform/content/lifecycle.js';
import { publicBodyHtml } from '../../../platform/html/redaction.js';
import { listPublicEditions } from '../../editions/public.js';

/**
 * A published document as the portal shows it, with everything its page needs; a withdrawn one
 * too, for its notice (the route decides what a withdrawal leaves visible). Bodies leave here
 * redacted (删减后公开), and of a redacted document's files only the redacted copies.
 */
export async function getPublicDocument(db: Kysely<Database>, id: number, today: string) {
  const d = await db
    .selectFrom('documents as d')
    .innerJoin('organizations as o', 'o.id', 'd.org_id')
    .leftJoin('topics as t', 't.id', 'd.topic_id')
    .leftJoin('topics as tp', 'tp.id', 't.parent_id')
    .leftJoin('catalog_nodes as c', 'c.id', 'd.catalog_node_id')
    .select([
      'd.id', 'd.source_id', 'd.index_no', 'd.title', 'd.doc_no', 'd.issuers', 'd.doc_type', 'd.audiences', 'd.attribute', 'd.written_on', 'd.published_on',
      'd.effective_on', 'd.expires_on', 'd.body_html', 'd.body_text', 'd.current_version', 'd.source_validity_label', 'd.org_id', 'd.updated_at',
      'd.status', 'd.withdrawn_at', 'd.withdrawal_kind', 'd.withdrawal_reason', 'd.provenance', 'd.issuer_level',
      'o.name as org_name', 'o.slug as org_slug', 't.name as topic', 'tp.name as parent_topic', 'c.name as catalog_name', 'c.slug as catalog_slug',
    ])
    .where('d.id', '=', id)
    .where('d.status', 'in', ['published', 'withdrawn'])
    .where('d.attribute', 'in', PUBLIC_ATTRIBUTES)
    .executeTakeFirst();
  if (!d) return null;
  const redacted = d.attribute === 'public_redacted';
  const [relations, affects, attachments, editions, related] = await Promise.all([
    db
      .selectFrom('document_relations as r')
      .leftJoin('documents as b', 'b.id', 'r.by_document_id')
      .select(['r.kind', 'r.effective_on', 'r.note', 'r.by_document_id', 'b.title', 'b.doc_no'])
      .where('r.document_id', '=', id)
      .orderBy('r.effective_on')
      .execute(),
    db
      .selectFrom('document_relations as r')
      .innerJoin('documents as t', 't.id', 'r.document_id')
      .select(['r.kind', 'r.effective_on', 't.id', 't.title', 't.doc_no'])
      .where('r.by_document_id', '=', id)
      .where('t.status', '=', 'published')
      .orderBy('r.effective_on')
      .execute(),
    db
      .selectFrom('attachments')
      .select(['id', 'file_name', 'size_bytes', 'media_type'])
      .where('document_id', '=', id)
      .where('removed_at', 'is', null)
      .$if(redacted, (q) => q.where('redacted_copy', '=', true))
      .orderBy('position')
      .execute(),
    // Only what was published: never the drafts before review or a staff member's note.
    listPublicEditions(db, { type: 'document', id }),
    // What other kinds show with it: the 政策解读 published with the document (三同步), …
    relatedSections(db, 'document', id),
  ]);
  const events: ValidityEvent[] = relations.map((r) => ({ kind: r.kind, effectiveOn: r.effective_on, byDocumentId: r.by_document_id === null ? null : String(r.by_document_id), byTitle: r.title, byDocNo: r.doc_no }));
  // Derived at read time too, so the page is right even before the daily refresh has run.
  const validity: ValidityResult = deriveValidity({ effectiveOn: d.effective_on ?? d.published_on ?? d.written_on, expiresOn: d.expires_on, events }, today);
  return { ...d, body_html: publicBodyHtml(d.body_html), validity, relations, affects, attachments, editions, related };
}
export type PublicDocument = NonNullable<Awaited<ReturnType<typeof getPublicDocument>>>;

/**
 * The public document at this address, or the right error: 404 when there is none, 410 when it
 * was withdrawn for a reason that takes the page down; a withdrawal with a notice keeps it.
 */
export async function requirePublicDocument(db: Kysely<Database>, id: number, today: string): Promise<PublicDocument> {
  const d = await getPublicDocument(db, id, today);
  if (!d) throw new NotFoundError('文件不存在，或尚未发布。');
  if (d.status === 'withdrawn' && d.withdrawal_kind !== 'notice') throw new GoneError('该文件已撤下，不再公开。');
  return d;
}

export async function getAttachment(db: Kysely<Database>, documentId: number, attachmentId: number) {
  return db
    .selectFrom('attachments as a')
    .innerJoin('documents as d', 'd.id', 'a.document_id')
    .select(['a.file_name', 'a.media_type', 'a.storage_key', 'a.size_bytes'])
    .where('a.id', '=', attachmentId)
    .where('a.document_id', '=', documentId)
    .where('a.removed_at', 'is', null)
    .where((eb) => eb.or([eb('d.status', '=', 'published'), eb.and([eb('d.status', '=', 'withdrawn'), eb('d.withdrawal_kind', '=', 'notice')])]))
    .where('d.attribute', 'in', PUBLIC_ATTRIBUTES)
    .where((eb) => eb.or([eb('d.attribute', '<>', 'public_redacted'), eb('a.redacted_copy', '=', true)]))
    .executeTakeFirst();
}

/**
 * Published documents of the site's organizations, newest first, optionally of one organization,
 * catalog branch or topic; reference material (法律法规 / 上级文件) is nobody's disclosure here and
 * is only in the library. The total is counted only for the callers that page through it.
 */
export async function listPublished(db: Kysely<Database>, p: { orgId?: number; catalogNodeIds?: number[]; topicId?: number; limit: number; offset?: number; withTotal?: boolean }) {
  let q = db.selectFrom('documents as d').leftJoin('topics as t', 't.id', 'd.topic_id').where('d.status', '=', 'published').where('d.attribute', 'in', PUBLIC_ATTRIBUTES).where('d.provenance', '=', 'own');
  if (p.orgId) q = q.where('d.org_id', '=', p.orgId);
  if (p.catalogNodeIds) q = q.where('d.catalog_node_id', 'in', p.catalogNodeIds.length ? p.catalogNodeIds : [-1]);
  if (p.topicId) q = q.where((eb) => eb.or([eb('d.topic_id', '=', p.topicId!), eb('t.parent_id', '=', p.topicId!)]));
  const [count, rows] = await Promise.all([
    p.withTotal ? q.select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow() : null,
    q
      .select(['d.id', 'd.title', 'd.doc_no', 'd.index_no', 'd.published_on', 'd.validity', 'd.issuers', 'd.updated_at', 'd.published_at', sql<string>`left(d.body_text, 200)`.as('summary')])
      .orderBy(sql`d.published_on desc nulls last`)
      .orderBy('d.id', 'desc')
      .limit(p.limit)
      .offset(p.offset ?? 0)
      .execute(),
  ]);
  return { total: count ? Number(count.n) : rows.length, rows };
}

/** How many of the organizations' own documents the public can see, and how many are in force (for the home page). */
export async function countPublicDocuments(db: Kysely<Database>): Promise<{ total: number; effective: number }> {
  const r = await db
    .selectFrom('documents')
    .select(({ fn }) => [fn.countAll<number>().as('total'), fn.count<number>(sql`case when validity = 'effective' then 1 end`).as('effective')])
    .where('status', '=', 'published')
    .where('attribute', 'in', PUBLIC_ATTRIBUTES)
    .where('provenance', '=', 'own')
    .executeTakeFirstOrThrow();
  return { total: Number(r.total), effective: Number(r.effective) };
}

export type PublishedRow = Awaited<ReturnType<typeof listPublished>>['rows'][number];
