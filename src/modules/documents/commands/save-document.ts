import type { Transaction } from 'kysely';
import type { Selectable } from 'kysely';
import type { Database, DocumentsTable } from '../../../db/schema.js';
import { recordEvent } from '../../../platform/audit/audit.js';
import type { Actor } from '../../../platform/auth/sessions.js';
import { hasRole } from '../../../platform/auth/scope.js';
import type { FileStorage } from '../../../platform/files/storage.js';
import { inTransaction, type CommandContext } from '../../../platform/http/command.js';
import { ForbiddenError, NotFoundError, RuleError } from '../../../platform/http/errors.js';
import { htmlToText, sanitizeBodyInput } from '../../../platform/html/sanitize.js';
import type { ReadAttachment } from '../attachments.js';
import { addAttachmentRows } from '../../../platform/files/attachment-rows.js';
import { publicBodyHtml } from '../../../platform/html/redaction.js';
import { externalLinks, queueLinkCheck } from '../../review/public.js';
import { recallForEdit } from '../../review/public.js';
import { defaultCatalogSlug } from '../../organizations/public.js';
import type { DocumentInput } from '../domain/document-input.js';
import type { DocNumber } from '../domain/doc-number.js';
import { EDITOR_ROLES, STATUS_LABELS } from '../../../platform/content/lifecycle.js';
import { buildSearchVector, refreshDocumentValidity } from './document-state.js';
import { writeVersion } from './versions.js';
import { REFERENCE_READ_ONLY } from '../domain/provenance.js';
import { newDraftColumns } from '../../editions/public.js';

export interface SaveDocumentArgs {
  actor: Actor;
  /** null creates a new document. */
  documentId: number | null;
  input: DocumentInput;
  checked: { docNumber: DocNumber | null; expiresOn: string | null };
  /** Read before the transaction opens (readAttachments): reading a file holds no connection. */
  attachments: ReadAttachment[];
  storage: FileStorage;
  /** The uploaded attachments are the redacted copies (删减后公开) that may be published. */
  redactedCopies: boolean;
}

/** The columns that hold a document's content: what an edition carries into the published original. */
export const CONTENT_COLUMNS = [
  'org_id', 'catalog_node_id', 'title', 'doc_no', 'doc_no_prefix', 'doc_no_year', 'doc_no_serial', 'issuers', 'doc_type', 'topic_id', 'audiences',
  'attribute', 'written_on', 'published_on', 'effective_on', 'expires_on', 'year', 'body_html', 'body_text', 'updated_by',
] as const;

/**
 * Creates or edits a document; returns the id of the row written. Every save writes an immutable
 * version. Editing a published document does not touch what the public sees: the edit goes into
 * the document's open edition (a draft row with `edition_of`), created on the first such save,
 * which is published into the original after review.
 */
export async function saveDocument(ctx: CommandContext, a: SaveDocumentArgs): Promise<number> {
  const { input } = a;
  if (!hasRole(a.actor, input.orgId, EDITOR_ROLES)) throw new ForbiddenError('您没有在该机构编辑文件的权限。');
  return inTransaction(ctx, async (trx) => {
    const catalogNodeId = await checkReferences(trx, input);
    const now = ctx.clock.now();
    const bodyHtml = sanitizeBodyInput(input.bodyHtml);
    // The text that is searched and quoted in snippets is the public one: withheld spans never reach it.
    const bodyText = htmlToText(publicBodyHtml(bodyHtml));
    const fields = {
      org_id: input.orgId,
      catalog_node_id: catalogNodeId,
      title: input.title,
      doc_no: a.checked.docNumber?.normalized ?? null,
      doc_no_prefix: a.checked.docNumber?.prefix ?? null,
      doc_no_year: a.checked.docNumber?.year ?? null,
      doc_no_serial: a.checked.docNumber?.serial ?? null,
      issuers: input.issuers,
      doc_type: input.docType,
      topic_id: input.topicId,
      audiences: input.audiences,
      attribute: input.attribute,
      written_on: input.writtenOn,
      published_on: input.publishedOn,
      effective_on: input.effectiveOn,
      expires_on: a.checked.expiresOn,
      year: yearOf(input.publishedOn ?? input.writtenOn),
      body_html: bodyHtml,
      body_text: bodyText,
      change_note: input.changeNote ?? '',
      updated_by: a.actor.id,
      updated_at: now,
    };
    let id: number;
    let before: Record<string, unknown> | null = null;
    if (a.documentId === null) {
      // The index number is given at publication (an unpublished draft does not use up a serial).
      const row = await trx
        .insertInto('documents')
        .values({ ...newDraftColumns({ orgId: input.orgId, editionOf: null, createdBy: a.actor.id, now }), ...fields, index_no: null, validity: 'effective', validity_since: null, validity_next_change_on: null, source_id: null, source_validity_label: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = row.id;
    } else {
      let existing = await trx.selectFrom('documents').selectAll().where('id', '=', a.documentId).forUpdate().executeTakeFirst();
      if (!existing) throw new NotFoundError('文件不存在');
      if (!hasRole(a.actor, existing.org_id, EDITOR_ROLES)) throw new ForbiddenError('您没有编辑该文件的权限。');
      if (existing.status === 'withdrawn' || existing.status === 'merged') throw new RuleError(`文件当前状态为“${STATUS_LABELS[existing.status]}”，不能修改`);
      // Reference material is kept as its issuer published it, and must never become a local disclosure.
      if (existing.provenance !== 'own') throw new RuleError(REFERENCE_READ_ONLY);
      if (existing.status === 'published') existing = await openEdition(trx, ctx, a.actor, existing);
      const review = await recallForEdit(trx, 'document', existing, a.actor.id, now);
      before = summarize(existing);
      id = existing.id;
      await trx
        .updateTable('documents')
        .set({ ...fields, ...review, current_version: existing.current_version + 1 })
        .where('id', '=', id)
        .execute();
    }
    await storeAttachments(trx, a, id, now);
    await queueLinkCheck(trx, ctx.clock, externalLinks(bodyHtml));
    await buildSearchVector(trx, id);
    await refreshDocumentValidity(trx, id, ctx.clock.today());
    await writeVersion(trx, id, a.actor.id, input.note);
    await recordEvent(trx, {
      actor: ctx.actor,
      action: a.documentId === null ? 'document.create' : 'document.update',
      entityType: 'document',
      entityId: id,
      orgId: input.orgId,
      before,
      after: summarize({ ...fields, id }),
      at: now,
    });
    return id;
  });
}

type DocumentRow = Selectable<DocumentsTable>;

/**
 * The open edition of a published document, created from the live content (attachments included,
 * as references to the same stored files) when there is none yet.
 */
async function openEdition(trx: Transaction<Database>, ctx: CommandContext, actor: Actor, live: DocumentRow): Promise<DocumentRow> {
  const open = await trx.selectFrom('documents').selectAll().where('edition_of', '=', live.id).where('status', '<>', 'merged').forUpdate().executeTakeFirst();
  if (open) return open;
  const { id: _id, index_no: _i, source_id: _s, search_vector: _v, rank_vector: _r, sample_vector: _sv, ...rest } = live;
  const now = ctx.clock.now();
  const edition = await trx
    .insertInto('documents')
    .values({ ...rest, index_no: null, source_id: null, status: 'draft', edition_of: live.id, current_version: 0, review_level: 0, needs_review: false, urgent_reason: null, submitted_by: null, submitted_at: null, publish_at: null, created_by: actor.id, created_at: now, updated_at: now, published_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
  const files = await trx.selectFrom('attachments').selectAll().where('document_id', '=', live.id).where('removed_at', 'is', null).orderBy('position').execute();
  for (const { id: _a, ...f } of files) await trx.insertInto('attachments').values({ ...f, document_id: edition.id }).execute();
  await recordEvent(trx, { actor: ctx.actor, action: 'document.edition_create', entityType: 'document', entityId: edition.id, orgId: live.org_id, after: { edition_of: live.id }, at: now });
  return edition;
}

/** Checks the references a form may carry, and returns the catalog column the document goes in. */
async function checkReferences(trx: Transaction<Database>, input: DocumentInput): Promise<number | null> {
  const type = await trx.selectFrom('doc_types').select('name').where('name', '=', input.docType).executeTakeFirst();
  if (!type) throw new RuleError('文种不在可选范围内', 'docType');
  let catalogNodeId = input.catalogNodeId;
  if (catalogNodeId !== null) {
    const node = await trx.selectFrom('catalog_nodes').select('org_id').where('id', '=', catalogNodeId).executeTakeFirst();
    if (!node || node.org_id !== input.orgId) throw new RuleError('所选栏目不属于该机构', 'catalogNodeId');
  } else {
    // No column chosen: the one the standard catalog has for this document type, if the admin kept it.
    const node = await trx.selectFrom('catalog_nodes').select('id').where('org_id', '=', input.orgId).where('slug', '=', defaultCatalogSlug(input.docType)).executeTakeFirst();
    catalogNodeId = node?.id ?? null;
  }
  if (input.topicId !== null) {
    const topic = await trx.selectFrom('topics').select('id').where('id', '=', input.topicId).executeTakeFirst();
    if (!topic) throw new RuleError('主题分类不存在', 'topicId');
  }
  if (input.audiences.length) {
    const known = await trx.selectFrom('audiences').select('name').where('name', 'in', input.audiences).execute();
    if (known.length !== input.audiences.length) throw new RuleError('服务对象不在可选范围内', 'audiences');
  }
  return catalogNodeId;
}

async function storeAttachments(trx: Transaction<Database>, a: SaveDocumentArgs, documentId: number, now: Date): Promise<void> {
  await addAttachmentRows(trx, { table: 'attachments', owner: { column: 'document_id', id: documentId } }, {
    files: a.attachments, storage: a.storage, redactedCopies: a.redactedCopies, createdBy: a.actor.id, now,
    event: { actor: { id: a.actor.id, label: a.actor.displayName }, action: 'document.attachment_add', entityType: 'document' },
  });
}

function yearOf(date: string | null): number | null {
  return date ? Number(date.slice(0, 4)) : null;
}

/** What the audit trail keeps of a document: its metadata, and the body only as length and hash. */
export function summarize(d: Record<string, unknown>): Record<string, unknown> {
  const { body_html, body_text, search_vector: _s, rank_vector: _r, sample_vector: _sv, updated_at: _u, created_at: _c, ...rest } = d;
  return { ...rest, body_length: typeof body_text === 'string' ? body_text.length : undefined, body_html_length: typeof body_html === 'string' ? body_html.length : undefined };
}
