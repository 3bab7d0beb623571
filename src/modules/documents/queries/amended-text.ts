import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { amendClause, type AmendedClause, type Amendment } from '../domain/amendments.js';

/**
 * Clauses of amended documents in their amended text (see domain/amendments.ts): the decisions
 * recorded against each document as 修改 (document_relations kind `amend`), published and in force
 * by `today`, applied oldest first. Pass clauses of documents whose validity is 修改 (amended). A
 * clause maps to null when its amendments cannot all be applied, or when none is on file.
 */
export async function amendedClauses(
  db: Kysely<Database>,
  clauses: readonly { documentId: number; label: string; text: string }[],
  today: string,
): Promise<(AmendedClause | null)[]> {
  const ids = [...new Set(clauses.map((c) => c.documentId))];
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('document_relations as r')
    .innerJoin('documents as b', 'b.id', 'r.by_document_id')
    .select(['r.document_id', 'b.id', 'b.title', 'b.doc_no', 'b.body_text'])
    .where('r.document_id', 'in', ids)
    .where('r.kind', '=', 'amend')
    .where('r.effective_on', '<=', today)
    .where('b.status', '=', 'published')
    .orderBy('r.effective_on')
    .orderBy('r.id')
    .execute();
  const byDocument = new Map<number, Amendment[]>();
  for (const r of rows) {
    const list = byDocument.get(r.document_id) ?? [];
    list.push({ by: { id: r.id, title: r.title, docNo: r.doc_no }, body: r.body_text });
    byDocument.set(r.document_id, list);
  }
  // Amended, but no decision on file to say how: its words cannot be trusted, so none are given.
  return clauses.map((c) => {
    const amendments = byDocument.get(c.documentId);
    return amendments ? amendClause(c.text, c.label, amendments) : null;
  });
}
