import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { activeModel, setVersion, VectorMatrix, type StoredModel } from '../../../platform/semantic/index.js';
import { ASK_MODEL, encodeQuestion, QA_VECTOR_SET } from '../commands/semantic-vectors.js';
import { buildEntryIndex, type EntryIndex } from './entry-index.js';

/**
 * The semantic half of a question: its vector under the active model, and the published entries'
 * vectors for an exact scan.
 *
 * The entries' vectors are kept in this process between questions (1.3 MB for 10,000 entries),
 * keyed by the model's id and the set's version row: any instance that publishes or withdraws
 * bumps the version, and every instance reloads on its next question. It is a cache of the
 * database, never the truth: the rows it names are read again with their publication checked.
 */
export interface SemanticQuestion {
  model: StoredModel;
  /** Null when the model knows none of the question's words: the character grams still work. */
  vector: Float32Array | null;
  entries: VectorMatrix;
  /** What the learned blend reads of the entries (their words, grams and answers' vectors). */
  index: EntryIndex;
}

// Per database handle (tests open several), then per model and version.
const cache = new WeakMap<object, { key: string; entries: VectorMatrix; index: EntryIndex }>();

export async function semanticQuestion(db: Kysely<Database>, question: string): Promise<SemanticQuestion | null> {
  const [model, version] = await Promise.all([activeModel(db, ASK_MODEL), setVersion(db, QA_VECTOR_SET)]);
  if (!model) return null;
  const vector = await encodeQuestion(db, model, question);
  const key = `${model.id}:${version}`;
  let cached = cache.get(db);
  if (cached?.key !== key) {
    const rows = await db.selectFrom('qa_entry_vectors as v').innerJoin('qa_entries as q', 'q.id', 'v.qa_id')
      .select(['v.qa_id as id', 'v.vec']).where('v.model_id', '=', model.id).where('q.status', '=', 'published').where('q.edition_of', 'is', null).execute();
    cached = { key, entries: new VectorMatrix(model.settings.dim, rows.map((r) => ({ id: Number(r.id), vec: r.vec }))), index: await buildEntryIndex(db, model) };
    cache.set(db, cached);
  }
  return { model, vector, entries: cached.entries, index: cached.index };
}

/** Forget the entries' vectors kept for this database. */
export function clearSemanticCache(db: Kysely<Database>): void {
  cache.delete(db);
}
