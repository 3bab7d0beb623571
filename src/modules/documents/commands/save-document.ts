import type { Transaction } from 'kysely';
import { sql } from 'kysely';
import type { Database, DocumentStatus } from '../../../db/schema.js';
import { recordEvent } from '../../../platform/audit/audit.js';
import type { Actor } from '../../../platform/auth/sessions.js';
import { hasRole } from '../../../platform/auth/scope.js';
import type { FileStorage } from '../../../platform/files/storage.js';
import type { Upload } from '../../../platform/files/uploads.js';
import { inTransaction, type CommandContext } from '../../../platform/http/command.js';
import { ForbiddenError, NotFoundError, RuleError } from '../../../platform/http/errors.js';
import { htmlToText, sanitizeRichText } from '../../../platform/html/sanitize.js';
import { storageKeyFor } from '../attachments.js';
import { defaultCatalogSlug } from '../../organizations/catalog-template.js';
import type { DocumentInput } from '../domain/document-input.js';
import type { DocNumber } from '../domain/doc-number.js';
import { EDITOR_ROLES } from '../domain/status.js';
import { allocateIndexNumber } from './index-numbers.js';
import { buildSearchVector, refreshDocumentValidity } from './document-state.js';
import { writeVersion } from './versions.js';
import { publishInTransaction } from './publish-document.js';

export interface SaveDocumentArgs {
  actor: Actor;
  /** null creates a new document. */
  documentId: number | null;
  input: DocumentInput;
  checked: { docNumber: DocNumber | null; expiresOn: string | null };
  attachments: Upload[];
  storage: FileStorage;
  /** Publish in the same step (needs the publisher role). */
  publish: boolean;
}

/**
 * Creates or edits a document. Every save writes an immutable version; a published document
 * stays published (the review workflow will turn such an edit into a new draft edition).
 */
export async function saveDocument(ctx: CommandContext, a: SaveDocumentArgs): Promise<number> {
  const { input } = a;
  if (!hasRole(a.actor, input.orgId, EDITOR_ROLES)) throw new ForbiddenError('您没有在该机构编辑文件的权限。');
  return inTransaction(ctx, async (trx) => {
    const catalogNodeId = await checkReferences(trx, input);
    const now = ctx.clock.now();
    const bodyHtml = sanitizeRichText(input.bodyHtml);
    const bodyText = htmlToText(bodyHtml);
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
      updated_by: a.actor.id,
      updated_at: now,
    };
    let id: number;
    let before: Record<string, unknown> | null = null;
    if (a.documentId === null) {
      const org = await trx.selectFrom('organizations').select(['code', 'index_template']).where('id', '=', input.orgId).executeTakeFirstOrThrow();
      const indexNo = await allocateIndexNumber(trx, { orgId: input.orgId, orgCode: org.code, template: org.index_template, date: input.publishedOn ?? ctx.clock.today() });
      const row = await trx
        .insertInto('documents')
        .values({ ...fields, index_no: indexNo, status: 'draft' as DocumentStatus, validity: 'effective', validity_since: null, validity_next_change_on: null, source_id: null, source_validity_label: null, created_by: a.actor.id, published_at: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = row.id;
    } else {
      const existing = await trx.selectFrom('documents').selectAll().where('id', '=', a.documentId).forUpdate().executeTakeFirst();
      if (!existing) throw new NotFoundError('文件不存在');
      if (!hasRole(a.actor, existing.org_id, EDITOR_ROLES)) throw new ForbiddenError('您没有编辑该文件的权限。');
      before = summarize(existing);
      id = existing.id;
      await trx.updateTable('documents').set({ ...fields, current_version: existing.current_version + 1 }).where('id', '=', id).execute();
    }
    await storeAttachments(trx, a, id, now);
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
    if (a.publish) await publishInTransaction(trx, ctx, a.actor, id);
    return id;
  });
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
  const max = await trx.selectFrom('attachments').select(sql<number>`coalesce(max(position), 0)`.as('p')).where('document_id', '=', documentId).executeTakeFirst();
  let position = Number(max?.p ?? 0);
  for (const u of a.attachments) {
    const key = storageKeyFor(u.sha256);
    // Moved before commit: a failed transaction leaves at most an unreferenced, content-addressed file.
    await a.storage.putFile(key, u.tempPath);
    await trx
      .insertInto('attachments')
      .values({ document_id: documentId, file_name: u.fileName, media_type: u.detected?.mime ?? u.declaredType, size_bytes: u.size, sha256: u.sha256, storage_key: key, position: ++position, created_by: a.actor.id, removed_at: null, created_at: now })
      .execute();
    await recordEvent(trx, { actor: { id: a.actor.id, label: a.actor.displayName }, action: 'document.attachment_add', entityType: 'document', entityId: documentId, after: { fileName: u.fileName, sha256: u.sha256, size: u.size }, at: now });
  }
}

function yearOf(date: string | null): number | null {
  return date ? Number(date.slice(0, 4)) : null;
}

/** What the audit trail keeps of a document: its metadata, and the body only as length and hash. */
export function summarize(d: Record<string, unknown>): Record<string, unknown> {
  const { body_html, body_text, search_vector: _s, rank_vector: _r, updated_at: _u, created_at: _c, ...rest } = d;
  return { ...rest, body_length: typeof body_text === 'string' ? body_text.length : undefined, body_html_length: typeof body_html === 'string' ? body_html.length : undefined };
}
