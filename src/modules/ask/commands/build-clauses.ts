import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { segmentForIndex } from '../../../platform/search/index.js';
import { splitClauses } from '../domain/clauses.js';
import { clearTermStats } from '../queries/term-stats.js';

/** Validities under which a document's clauses may be cited as current (not repealed, expired or not yet in force). */
export const CITABLE_VALIDITIES = ['effective', 'amended', 'partially_invalid'] as const;
const PUBLIC = ['public', 'public_redacted'];
const BATCH = 100;

/**
 * (Re)builds one document's clauses from its current text, in the caller's transaction: called
 * when a document is published or an edition is merged into it. A document that is not published
 * keeps none. The title goes into every clause's vector (weight B) because a clause seldom names
 * its subject (第五条 只说"前款规定的补贴").
 */
export async function rebuildDocumentClauses(trx: Transaction<Database> | Kysely<Database>, documentId: number): Promise<number> {
  const d = await trx.selectFrom('documents').select(['id', 'title', 'body_text', 'status', 'attribute', 'validity', 'edition_of']).where('id', '=', documentId).executeTakeFirst();
  await trx.deleteFrom('document_clauses').where('document_id', '=', documentId).execute();
  if (!d || d.status !== 'published' || d.edition_of !== null) return 0;
  const clauses = splitClauses(d.body_text);
  if (clauses.length === 0) return 0;
  const inForce = PUBLIC.includes(d.attribute) && (CITABLE_VALIDITIES as readonly string[]).includes(d.validity);
  const title = segmentForIndex(d.title);
  await trx
    .insertInto('document_clauses')
    .values(
      clauses.map((c) => ({
        document_id: d.id, position: c.position, label: c.label, text: c.text, in_force: inForce,
        search_vector: sql<string>`setweight(to_tsvector('simple', ${title}), 'B') || setweight(to_tsvector('simple', ${segmentForIndex(c.text)}), 'D')`,
      })),
    )
    .execute();
  return clauses.length;
}

/**
 * Catches up on published documents without clauses (a corpus import, documents published before
 * this module), a hundred per transaction, then refreshes the statistics retrieval weighs words by.
 */
export async function buildMissingClauses(db: Kysely<Database>, opts: { maxDocuments?: number } = {}): Promise<{ documents: number; clauses: number }> {
  const max = opts.maxDocuments ?? Number.POSITIVE_INFINITY;
  let after = 0;
  let documents = 0;
  let clauses = 0;
  while (documents < max) {
    const ids = (
      await db
        .selectFrom('documents as d')
        .select('d.id')
        .where('d.status', '=', 'published')
        .where('d.edition_of', 'is', null)
        .where('d.id', '>', after)
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('document_clauses as c').select('c.id').whereRef('c.document_id', '=', 'd.id'))))
        .orderBy('d.id')
        .limit(Math.min(BATCH, max - documents))
        .execute()
    ).map((r) => r.id);
    if (ids.length === 0) break;
    await db.transaction().execute(async (trx) => {
      for (const id of ids) clauses += await rebuildDocumentClauses(trx, id);
    });
    documents += ids.length;
    after = ids.at(-1)!;
  }
  if (clauses > 0) {
    await sql`analyze document_clauses`.execute(db);
    clearTermStats();
  }
  return { documents, clauses };
}
