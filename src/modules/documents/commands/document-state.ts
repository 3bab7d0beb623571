import { sql, type Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { segmentForIndex } from '../../../platform/search/index.js';
import { deriveValidity, type ValidityEvent } from '../domain/validity.js';

/** Index text is capped: a tsvector holds at most 1 MB, and later positions add nothing to ranking. */
const MAX_INDEXED_BODY = 200_000;

/**
 * Rebuilds a document's search vector from its current fields. Weights: title A, document number
 * and issuing organs B, body D (DESIGN "Search"). Segmentation happens here, in the app.
 */
export async function buildSearchVector(trx: Transaction<Database>, documentId: number): Promise<void> {
  const d = await trx.selectFrom('documents').select(['title', 'doc_no', 'issuers', 'body_text']).where('id', '=', documentId).executeTakeFirstOrThrow();
  const v = searchVectorParts(d);
  await trx
    .updateTable('documents')
    .set({ search_vector: sql`setweight(to_tsvector('simple', ${v.title}), 'A') || setweight(to_tsvector('simple', ${v.numberAndIssuers}), 'B') || setweight(to_tsvector('simple', ${v.body}), 'D')` })
    .where('id', '=', documentId)
    .execute();
}

export function searchVectorParts(d: { title: string; doc_no: string | null; issuers: string[]; body_text: string }) {
  return {
    title: segmentForIndex(d.title),
    numberAndIssuers: segmentForIndex([d.doc_no ?? '', ...d.issuers].join(' ')),
    body: segmentForIndex(d.body_text.slice(0, MAX_INDEXED_BODY)),
  };
}

/** The validity events recorded against a document, with the documents that caused them. */
export async function loadValidityEvents(trx: Transaction<Database>, documentId: number): Promise<ValidityEvent[]> {
  const rows = await trx
    .selectFrom('document_relations as r')
    .leftJoin('documents as b', 'b.id', 'r.by_document_id')
    .select(['r.kind', 'r.effective_on', 'r.by_document_id', 'b.title', 'b.doc_no'])
    .where('r.document_id', '=', documentId)
    .execute();
  return rows.map((r) => ({ kind: r.kind, effectiveOn: r.effective_on, byDocumentId: r.by_document_id === null ? null : String(r.by_document_id), byTitle: r.title, byDocNo: r.doc_no }));
}

/** Recomputes and stores a document's derived validity (never typed by hand). */
export async function refreshDocumentValidity(trx: Transaction<Database>, documentId: number, today: string): Promise<{ changed: boolean; validity: string }> {
  const d = await trx.selectFrom('documents').select(['effective_on', 'published_on', 'written_on', 'expires_on', 'validity']).where('id', '=', documentId).executeTakeFirstOrThrow();
  const events = await loadValidityEvents(trx, documentId);
  const r = deriveValidity({ effectiveOn: d.effective_on ?? d.published_on ?? d.written_on, expiresOn: d.expires_on, events }, today);
  await trx
    .updateTable('documents')
    .set({ validity: r.validity, validity_since: r.since, validity_next_change_on: r.nextChangeOn })
    .where('id', '=', documentId)
    .execute();
  return { changed: r.validity !== d.validity, validity: r.validity };
}
