import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { packVector, unpackVector } from './codec.js';
import type { EncoderSettings, WordInfo, WordLookup } from './encode.js';
import { lexiconOf } from './encode.js';
import type { WordVectors } from './train.js';

/**
 * Models in the database (migration 0020): the words' vectors, packed, with their counts; one
 * active model per name. Nothing is kept in memory between calls here: a question looks up its
 * own words (a primary-key read), so every app instance answers with the model the database holds.
 */
export interface StoredModel {
  id: number;
  name: string;
  settings: EncoderSettings;
  stats: Record<string, unknown>;
}

/** Bytes as the drivers send bytea (node-postgres sends a Buffer, not a bare Uint8Array). */
export const bytea = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

const WORDS_PER_INSERT = 2000;

/**
 * Stores a trained model and makes it the active one for its name, returning its id. The words
 * are written first (inactive), then the switch is one short transaction.
 */
export async function saveModel(
  db: Kysely<Database>, name: string, wv: WordVectors, settings: Omit<EncoderSettings, 'dim' | 'tokens'>, meta: { params: object; stats: object; now: Date },
  /** Run in the switch's transaction: what must change with the model (vectors of the old one queued again). */
  onActivate?: (trx: Transaction<Database>, modelId: number) => Promise<void>,
): Promise<number> {
  const { id } = await db
    .insertInto('semantic_models')
    .values({ name, dim: wv.dim, tokens: wv.tokens, words: wv.words.length, sif_a: settings.sifA, mean: settings.mean ? bytea(packVector(settings.mean)) : null, params: JSON.stringify(meta.params), stats: JSON.stringify(meta.stats), trained_at: meta.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const lexicon = lexiconOf(wv);
  for (let k = 0; k < wv.words.length; k += WORDS_PER_INSERT) {
    const rows = wv.words.slice(k, k + WORDS_PER_INSERT).map((word) => {
      const info = lexicon(word)!;
      return { model_id: id, word, count: info.count, vec: bytea(packVector(info.vector)) };
    });
    await db.insertInto('semantic_words').values(rows).execute();
  }
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('semantic_models').set({ active: false }).where('name', '=', name).where('active', '=', true).execute();
    await trx.updateTable('semantic_models').set({ active: true }).where('id', '=', id).execute();
    if (onActivate) await onActivate(trx, id);
  });
  return id;
}

/** Drops a name's inactive models and their words (after the vectors made with them were replaced). */
export async function dropInactiveModels(db: Kysely<Database>, name: string): Promise<void> {
  await db.deleteFrom('semantic_models').where('name', '=', name).where('active', '=', false).execute();
}

/** The active model of a name, or null when none was trained yet. */
export async function activeModel(db: Kysely<Database>, name: string): Promise<StoredModel | null> {
  const m = await db.selectFrom('semantic_models').select(['id', 'name', 'dim', 'tokens', 'sif_a', 'mean', 'stats']).where('name', '=', name).where('active', '=', true).executeTakeFirst();
  if (!m) return null;
  return {
    id: Number(m.id),
    name: m.name,
    settings: { dim: m.dim, tokens: Number(m.tokens), sifA: m.sif_a, mean: m.mean ? unpackVector(m.mean) : null },
    stats: (typeof m.stats === 'string' ? JSON.parse(m.stats) : m.stats) as Record<string, unknown>,
  };
}

/** The vectors of these words under a model (one indexed read), as a lookup for encodeTokens. */
export async function lookupWords(db: Kysely<Database>, modelId: number, words: readonly string[]): Promise<WordLookup> {
  const found = new Map<string, WordInfo>();
  if (words.length > 0) {
    const rows = await db.selectFrom('semantic_words').select(['word', 'count', 'vec']).where('model_id', '=', modelId).where('word', '=', sql<string>`any(${[...words]}::text[])`).execute();
    for (const r of rows) found.set(r.word, { vector: unpackVector(r.vec), count: Number(r.count) });
  }
  return (w) => found.get(w);
}

/** Every word of a model (for encoding thousands of texts in a job). */
export async function loadLexicon(db: Kysely<Database>, modelId: number): Promise<WordLookup> {
  const rows = await db.selectFrom('semantic_words').select(['word', 'count', 'vec']).where('model_id', '=', modelId).execute();
  const found = new Map(rows.map((r) => [r.word, { vector: unpackVector(r.vec), count: Number(r.count) }]));
  return (w) => found.get(w);
}

/** The version of a set of vectors (0 when never written). */
export async function setVersion(db: Kysely<Database>, name: string): Promise<number> {
  const r = await db.selectFrom('semantic_sets').select('version').where('name', '=', name).executeTakeFirst();
  return r ? Number(r.version) : 0;
}

/** Marks a set of vectors changed, in the caller's transaction (instances holding it reload). */
export async function touchSet(db: Kysely<Database>, name: string, now: Date): Promise<void> {
  await db
    .insertInto('semantic_sets')
    .values({ name, version: 1, updated_at: now })
    .onConflict((oc) => oc.column('name').doUpdateSet({ version: sql`semantic_sets.version + 1`, updated_at: now }))
    .execute();
}
