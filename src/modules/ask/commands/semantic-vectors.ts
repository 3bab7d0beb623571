import { sql, type Kysely, type Transaction } from 'kysely';
import { performance } from 'node:perf_hooks';
import type { Database } from '../../../db/schema.js';
import {
  activeModel, bytea, commonDirection, dropInactiveModels, encodeTokens, lexiconOf, loadLexicon, lookupWords, packVector, saveModel, semanticTokens, touchSet, trainWordVectorsInWorker, wordsToLookUp,
  type EncoderSettings, type StoredModel, type TrainOptions, type WordLookup,
} from '../../../platform/semantic/index.js';
import { QUESTION_STOP_WORDS } from '../domain/question.js';

/**
 * The semantic side of smart answers (docs/adr/0020-semantic-answers.md): a model trained on the
 * library itself — the published entries (each question with its answer and its other phrasings as
 * texts that belong together) and the text of published public documents — and a vector for each
 * published entry and each clause of a document in force. Only those ever get one: a withdrawn
 * entry's vector is deleted in the withdrawal's transaction, a withdrawn document's clauses go
 * with their rows, and retrieval checks publication again before citing anything.
 */
export const ASK_MODEL = 'ask';
/** The version row of the entries' vectors (app instances reload their scan when it moves). */
export const QA_VECTOR_SET = 'ask.qa';

/** Set on bench:ask's development paraphrases (ADR 0020). */
export const SEMANTIC_TRAINING: Partial<TrainOptions> = { dim: 128, window: 5, minCount: 3, maxWords: 50_000, alpha: 0.75, pairWeight: 2, pairWords: 40, eigenPower: 0 };
export const SEMANTIC_ENCODING = {
  sifA: 1e-3,
  /** An entry's vector: its question (and phrasings), plus this share of its answer's. */
  answerShare: 0.15,
  answerWords: 200,
  /** Documents read for training at most (their distinct texts, the newest first), and characters of each. */
  trainDocuments: 5000,
  trainDocumentChars: 20_000,
  /** Retrain when the published entries or documents grew by this share since the model was trained. */
  retrainGrowth: 0.25,
};
/** Clauses encoded per statement: each batch is about a tenth of a second of the app's thread. */
const CLAUSE_BATCH = 200;

type Db = Kysely<Database> | Transaction<Database>;

/** Trains and stores a new active model from the library as it is now. */
export async function trainAskModel(db: Kysely<Database>, now: Date): Promise<{ modelId: number; ms: number; words: number; tokens: number; entries: number; documents: number }> {
  const t0 = performance.now();
  const library = await libraryCounts(db);
  const entries = await publishedEntries(db);
  const docs = await sql<{ title: string; body: string }>`
    select d.title, left(d.body_text, ${SEMANTIC_ENCODING.trainDocumentChars}) as body
    from documents d
    where d.id in (
      select min(x.id) from documents x
      where x.status = 'published' and x.edition_of is null and x.attribute in ('public', 'public_redacted')
      group by md5(x.body_text))
    order by d.published_at desc nulls last, d.id desc
    limit ${SEMANTIC_ENCODING.trainDocuments}`.execute(db);
  const lines: string[][] = [];
  const pairs: [string[], string[]][] = [];
  for (const e of entries) {
    const q = semanticTokens(e.question);
    const a = semanticTokens(e.answer_text.slice(0, 4000));
    lines.push(q, a);
    pairs.push([q, a]);
    for (const p of e.phrasings) {
      const pt = semanticTokens(p);
      lines.push(pt);
      pairs.push([q, pt], [pt, a]);
    }
  }
  for (const d of docs.rows) {
    lines.push(semanticTokens(d.title));
    for (const para of d.body.split(/\n+/)) {
      const w = semanticTokens(para);
      if (w.length > 0) lines.push(w);
    }
  }
  const wv = await trainWordVectorsInWorker({ lines, pairs }, SEMANTIC_TRAINING);
  const lexicon = lexiconOf(wv);
  const base: EncoderSettings = { dim: wv.dim, tokens: wv.tokens, sifA: SEMANTIC_ENCODING.sifA, mean: null };
  const sample = entries.slice(0, 3000).map((e) => encodeTokens(semanticTokens(e.question), lexicon, base, QUESTION_STOP_WORDS)).filter((v): v is Float32Array => v !== null);
  const mean = commonDirection(sample, wv.dim);
  const ms = Math.round(performance.now() - t0);
  // The library's size as it was, beside the sample read: growth is measured on the library.
  const stats = { entries: entries.length, documents: docs.rows.length, library, lines: lines.length, pairs: pairs.length, trainMs: ms };
  // With the switch, every clause's vector of an older model waits again for one of this model
  // (found through the partial index of migration 0022); the old vectors count for nothing meanwhile.
  const modelId = await saveModel(db, ASK_MODEL, wv, { sifA: SEMANTIC_ENCODING.sifA, mean }, { params: SEMANTIC_TRAINING, stats, now }, async (trx, id) => {
    await trx.updateTable('document_clauses').set({ semantic_model: null }).where('semantic_model', 'is not', null).where('semantic_model', '!=', id).execute();
  });
  return { modelId, ms, words: wv.words.length, tokens: wv.tokens, entries: entries.length, documents: docs.rows.length };
}

async function publishedEntries(db: Db) {
  return db.selectFrom('qa_entries').select(['id', 'question', 'phrasings', 'answer_text']).where('status', '=', 'published').where('edition_of', 'is', null).orderBy('id').execute();
}

/** An entry's vector: its question and phrasings, with a little of its answer. */
export function encodeEntry(e: { question: string; phrasings: readonly string[]; answer_text: string }, lookup: WordLookup, s: EncoderSettings): Float32Array | null {
  const q = encodeTokens([e.question, ...e.phrasings].flatMap((t) => semanticTokens(t)), lookup, s, QUESTION_STOP_WORDS);
  const a = encodeAnswer(e.answer_text, lookup, s);
  if (!q && !a) return null;
  const v = new Float32Array(s.dim);
  for (let c = 0; c < s.dim; c++) v[c] = (q?.[c] ?? 0) + SEMANTIC_ENCODING.answerShare * (a?.[c] ?? 0);
  let n = 0;
  for (let c = 0; c < s.dim; c++) n += v[c]! * v[c]!;
  n = Math.sqrt(n) || 1;
  for (let c = 0; c < s.dim; c++) v[c]! /= n;
  return v;
}

/** An answer's vector: its first words (the part that says what it is about). */
export function encodeAnswer(answer: string, lookup: WordLookup, s: EncoderSettings): Float32Array | null {
  return encodeTokens(semanticTokens(answer.slice(0, 2000)).slice(0, SEMANTIC_ENCODING.answerWords), lookup, s, QUESTION_STOP_WORDS);
}

/** A question's vector under the active model (its words read from the database), or null. */
export async function encodeQuestion(db: Db, model: StoredModel, question: string): Promise<Float32Array | null> {
  const tokens = semanticTokens(question);
  const lookup = await lookupWords(db as Kysely<Database>, model.id, wordsToLookUp(tokens));
  return encodeTokens(tokens, lookup, model.settings, QUESTION_STOP_WORDS);
}

/**
 * Vectors for what lacks one under the active model: published entries (and none for any other
 * entry), clauses in force. Returns the counts written. Without a model, nothing.
 */
export async function refreshAskVectors(db: Kysely<Database>, now: Date, opts: { maxClauses?: number } = {}): Promise<{ entries: number; removed: number; clauses: number }> {
  const model = await activeModel(db, ASK_MODEL);
  if (!model) return { entries: 0, removed: 0, clauses: 0 };
  const lookup = await loadLexicon(db, model.id);
  const removed = await db.deleteFrom('qa_entry_vectors').where(({ or, eb }) => or([
    eb('model_id', '!=', model.id),
    eb.not(eb.exists(eb.selectFrom('qa_entries as q').select('q.id').whereRef('q.id', '=', 'qa_entry_vectors.qa_id').where('q.status', '=', 'published').where('q.edition_of', 'is', null))),
  ])).executeTakeFirst();
  const missing = await db.selectFrom('qa_entries as q').select(['q.id', 'q.question', 'q.phrasings', 'q.answer_text'])
    .where('q.status', '=', 'published').where('q.edition_of', 'is', null)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('qa_entry_vectors as v').select('v.qa_id').whereRef('v.qa_id', '=', 'q.id'))))
    .execute();
  const rows = missing.map((e) => ({ id: e.id, v: encodeEntry(e, lookup, model.settings) })).filter((x): x is { id: number; v: Float32Array } => x.v !== null);
  for (let k = 0; k < rows.length; k += 1000) {
    await db.insertInto('qa_entry_vectors').values(rows.slice(k, k + 1000).map((r) => ({ qa_id: r.id, model_id: model.id, vec: bytea(packVector(r.v)) }))).execute();
  }
  if (rows.length > 0 || Number(removed.numDeletedRows) > 0) await touchSet(db, QA_VECTOR_SET, now);
  const clauses = await refreshClauseVectors(db, model, lookup, opts.maxClauses ?? Number.POSITIVE_INFINITY);
  await dropInactiveModels(db, ASK_MODEL);
  return { entries: rows.length, removed: Number(removed.numDeletedRows), clauses };
}

/** Clauses in force without a vector of the active model, a batch per statement; identical texts encoded once. */
async function refreshClauseVectors(db: Kysely<Database>, model: StoredModel, lookup: WordLookup, max: number): Promise<number> {
  let done = 0;
  let after = 0;
  while (done < max) {
    const batch = await db.selectFrom('document_clauses as c').innerJoin('documents as d', 'd.id', 'c.document_id')
      .select(['c.id', 'c.text', 'd.title'])
      // The waiting ones, through their partial index (migration 0022).
      .where('c.in_force', '=', true).where('c.semantic_model', 'is', null).where('c.id', '>', after)
      .orderBy('c.id').limit(Math.min(CLAUSE_BATCH, max - done)).execute();
    if (batch.length === 0) break;
    const byText = new Map<string, Uint8Array | null>();
    const ids: number[] = [];
    const vecs: (Buffer | null)[] = [];
    for (const c of batch) {
      const key = `${c.title}\n${c.text}`;
      if (!byText.has(key)) {
        const v = encodeClause(c.title, c.text, lookup, model.settings);
        byText.set(key, v ? packVector(v) : null);
      }
      const packed = byText.get(key)!;
      ids.push(c.id);
      vecs.push(packed ? bytea(packed) : null);
    }
    await sql`
      update document_clauses c set semantic = x.vec, semantic_model = ${model.id}
      from unnest(${ids}::bigint[], ${vecs}::bytea[]) as x(id, vec)
      where c.id = x.id`.execute(db);
    done += batch.length;
    after = batch.at(-1)!.id;
  }
  return done;
}

/** A clause's vector: its text, with a little of its document's title (a clause seldom names its subject). */
export function encodeClause(title: string, text: string, lookup: WordLookup, s: EncoderSettings): Float32Array | null {
  return encodeTokens([...semanticTokens(title), ...semanticTokens(text.slice(0, 3000))], lookup, s, QUESTION_STOP_WORDS);
}

/** Whether the library grew enough since the active model was trained (or none is) to train again. */
export async function needsTraining(db: Kysely<Database>): Promise<boolean> {
  const model = await activeModel(db, ASK_MODEL);
  const counts = await libraryCounts(db);
  if (counts.entries + counts.documents === 0) return false;
  return !model || libraryGrew(counts, model.stats);
}

interface LibraryCounts {
  entries: number;
  documents: number;
}

/** Published entries and documents (every one, not the sample training reads). */
async function libraryCounts(db: Kysely<Database>): Promise<LibraryCounts> {
  return (await sql<LibraryCounts>`
    select (select count(*)::int from qa_entries where status = 'published' and edition_of is null) as entries,
           (select count(*)::int from documents where status = 'published' and edition_of is null) as documents`.execute(db)).rows[0]!;
}

/**
 * Whether the library grew by a quarter since the model was trained, against the library's size
 * then — not against the sample training read (at most 5,000 distinct documents): compared with
 * the sample, any library past 6,250 documents "grew" at every run and was retrained every ten
 * minutes. Models trained before the size was kept compare with their sample.
 */
export function libraryGrew(now: LibraryCounts, stats: Record<string, unknown>): boolean {
  const then = (stats.library ?? { entries: stats.entries, documents: stats.documents }) as Partial<LibraryCounts>;
  const grew = (n: number, was: unknown) => n > Math.max(10, Number(was ?? 0)) * (1 + SEMANTIC_ENCODING.retrainGrowth);
  return grew(now.entries, then.entries) || grew(now.documents, then.documents);
}

/** In a publication's or withdrawal's transaction: the entry's vector follows (none unless published). */
export async function updateEntryVector(trx: Transaction<Database>, qaId: number, now: Date): Promise<void> {
  await trx.deleteFrom('qa_entry_vectors').where('qa_id', '=', qaId).execute();
  const e = await trx.selectFrom('qa_entries').select(['id', 'question', 'phrasings', 'answer_text', 'status', 'edition_of']).where('id', '=', qaId).executeTakeFirst();
  const model = await activeModel(trx as unknown as Kysely<Database>, ASK_MODEL);
  if (e && model && e.status === 'published' && e.edition_of === null) {
    const tokens = [e.question, ...e.phrasings, e.answer_text.slice(0, 2000)].flatMap((t) => semanticTokens(t));
    const lookup = await lookupWords(trx as unknown as Kysely<Database>, model.id, wordsToLookUp(tokens));
    const v = encodeEntry(e, lookup, model.settings);
    if (v) await trx.insertInto('qa_entry_vectors').values({ qa_id: e.id, model_id: model.id, vec: bytea(packVector(v)) }).execute();
  }
  await touchSet(trx as unknown as Kysely<Database>, QA_VECTOR_SET, now);
}

/** In a publication's transaction: vectors for a document's freshly rebuilt clauses in force. */
export async function updateClauseVectors(trx: Transaction<Database>, documentId: number): Promise<void> {
  const db = trx as unknown as Kysely<Database>;
  const model = await activeModel(db, ASK_MODEL);
  if (!model) return;
  const clauses = await trx.selectFrom('document_clauses as c').innerJoin('documents as d', 'd.id', 'c.document_id')
    .select(['c.id', 'c.text', 'd.title']).where('c.document_id', '=', documentId).where('c.in_force', '=', true).execute();
  if (clauses.length === 0) return;
  const tokens = new Set<string>();
  for (const c of clauses) for (const t of [...semanticTokens(c.title), ...semanticTokens(c.text.slice(0, 3000))]) tokens.add(t);
  const lookup = await lookupWords(db, model.id, wordsToLookUp([...tokens]));
  const ids: number[] = [];
  const vecs: (Buffer | null)[] = [];
  for (const c of clauses) {
    const v = encodeClause(c.title, c.text, lookup, model.settings);
    ids.push(c.id);
    vecs.push(v ? bytea(packVector(v)) : null);
  }
  await sql`
    update document_clauses c set semantic = x.vec, semantic_model = ${model.id}
    from unnest(${ids}::bigint[], ${vecs}::bytea[]) as x(id, vec)
    where c.id = x.id`.execute(trx);
}
