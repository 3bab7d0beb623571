import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { segmentForIndex } from '../../../platform/search/index.js';
import { deriveValidity, type ValidityEvent } from '../domain/validity.js';

/** Index text is capped: a tsvector holds at most 1 MB, and later positions add nothing to ranking. */
const MAX_INDEXED_BODY = 200_000;
/**
 * Ranking reads a compact vector of the title, number and issuers instead of the full one: a 50 KB
 * body's vector would be decompressed for every match of a common word, and the cost of a search
 * would grow with the length of documents. It stays inline in the row. Matching still uses the
 * full vector's GIN index.
 */

/**
 * Rebuilds a document's search vector from its current fields. Weights: title A, document number
 * and issuing organs B, body D (DESIGN "Search"). Segmentation happens here, in the app.
 */
export async function buildSearchVector(trx: Transaction<Database>, documentId: number): Promise<void> {
  const d = await trx.selectFrom('documents').select(['title', 'doc_no', 'issuers', 'body_text']).where('id', '=', documentId).executeTakeFirstOrThrow();
  await trx.updateTable('documents').set(searchVectors(searchVectorParts(d))).where('id', '=', documentId).execute();
}

export interface SearchVectorParts {
  title: string;
  numberAndIssuers: string;
  body: string;
}

/** The segmented text of a document's searchable fields (the expensive part, done in the app). */
export function searchVectorParts(d: { title: string; doc_no: string | null; issuers: string[]; body_text: string }): SearchVectorParts {
  return {
    title: segmentForIndex(d.title),
    numberAndIssuers: segmentForIndex([d.doc_no ?? '', ...d.issuers].join(' ')),
    body: segmentForIndex(d.body_text.slice(0, MAX_INDEXED_BODY)),
  };
}

/** Column values for the matching vector and the ranking vector. Weights: title A, number and issuers B, body D. */
export function searchVectors(v: SearchVectorParts) {
  const head = sql`setweight(to_tsvector('simple', ${v.title}), 'A') || setweight(to_tsvector('simple', ${v.numberAndIssuers}), 'B')`;
  return {
    search_vector: sql<string>`${head} || setweight(to_tsvector('simple', ${v.body}), 'D')`,
    rank_vector: head as RawBuilder<string>,
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
