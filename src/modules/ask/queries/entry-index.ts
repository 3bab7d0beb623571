import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { loadLexicon, packVector, VectorMatrix, type StoredModel, type WordLookup } from '../../../platform/semantic/index.js';
import { encodeAnswer } from '../commands/semantic-vectors.js';
import { entryFacts, EntryStats, WordSpace, type EntryFacts } from '../domain/rerank.js';

/**
 * What the learned blend (domain/rerank.ts) reads of every published entry, kept in this process
 * beside the entries' vectors (queries/semantic.ts): its words and character grams, their rarity,
 * its answer's vector, and the model's words for soft matching. Built from the database; when the
 * entries' version moves, only the entries added or changed since (by updated_at) are read again.
 * Like the vectors it is a cache, never the truth: whatever it proposes is read again with its
 * publication checked.
 */
export interface EntryIndex {
  facts: ReadonlyMap<number, EntryFacts>;
  stats: EntryStats;
  answers: VectorMatrix;
  similarity: (a: string, b: string) => number;
  /** The entries sharing most of the question's character grams (weighted by rarity), best first. */
  nearestByGrams(grams: ReadonlySet<string>, k: number, keep: (id: number) => boolean): number[];
}

interface Kept {
  updatedAt: number;
  facts: EntryFacts;
  answer: Uint8Array | null;
}

// Per database handle, per model: the lexicon (all of the model's words, and the vectors built
// from them) and each entry's facts.
const lexicons = new WeakMap<object, { modelId: number; lookup: WordLookup; space: WordSpace }>();
const kept = new WeakMap<object, { modelId: number; rows: Map<number, Kept> }>();

export async function buildEntryIndex(db: Kysely<Database>, model: StoredModel): Promise<EntryIndex> {
  let lex = lexicons.get(db);
  if (lex?.modelId !== model.id) {
    const lookup = await loadLexicon(db, model.id);
    lex = { modelId: model.id, lookup, space: new WordSpace(lookup, model.settings.dim) };
    lexicons.set(db, lex);
  }
  let mine = kept.get(db);
  if (mine?.modelId !== model.id) {
    mine = { modelId: model.id, rows: new Map() };
    kept.set(db, mine);
  }
  const current = await db.selectFrom('qa_entries').select(['id', 'updated_at']).where('status', '=', 'published').where('edition_of', 'is', null).execute();
  const live = new Set<number>();
  const stale: number[] = [];
  for (const r of current) {
    const id = Number(r.id);
    live.add(id);
    if (mine.rows.get(id)?.updatedAt !== new Date(r.updated_at).getTime()) stale.push(id);
  }
  for (const id of mine.rows.keys()) if (!live.has(id)) mine.rows.delete(id);
  for (let k = 0; k < stale.length; k += 2000) {
    const texts = await db.selectFrom('qa_entries').select(['id', 'question', 'phrasings', 'answer_text', 'updated_at'])
      .where('id', 'in', stale.slice(k, k + 2000)).where('status', '=', 'published').execute();
    for (const t of texts) {
      const answer = encodeAnswer(t.answer_text, lex.lookup, model.settings);
      mine.rows.set(Number(t.id), { updatedAt: new Date(t.updated_at).getTime(), facts: entryFacts({ question: t.question, phrasings: t.phrasings ?? [], answer_text: t.answer_text }), answer: answer ? packVector(answer) : null });
    }
  }
  const facts = new Map([...mine.rows].map(([id, r]) => [id, r.facts]));
  const stats = new EntryStats(facts.values());
  // Every word of the entries gets its vector now, not in front of a question (kept per model).
  const space = lex.space;
  for (const f of facts.values()) for (const w of [...f.words, ...f.answerWords]) space.prime(w);
  const postings = new Map<string, number[]>();
  const gramWeight = new Map<number, number>();
  for (const [id, f] of facts) {
    let total = 0;
    for (const g of f.grams) {
      total += stats.gramIdf(g);
      const list = postings.get(g);
      if (list) list.push(id);
      else postings.set(g, [id]);
    }
    gramWeight.set(id, total);
  }
  return {
    facts,
    stats,
    answers: new VectorMatrix(model.settings.dim, [...mine.rows].filter(([, r]) => r.answer).map(([id, r]) => ({ id, vec: r.answer! }))),
    similarity: space.similarity,
    nearestByGrams(grams, k, keep) {
      // Σ idf of the shared grams, gathered from the grams' postings, over the question's total
      // (its share found) and half over the entry's (the entry's share covered). A gram in more
      // than a tenth of the entries (办, 证) brings no entry: it still counts in the re-ranking.
      let total = 0;
      const shared = new Map<number, number>();
      for (const g of grams) {
        const idf = stats.gramIdf(g);
        total += idf;
        const list = postings.get(g) ?? [];
        if (list.length * 10 > facts.size) continue;
        for (const id of list) shared.set(id, (shared.get(id) ?? 0) + idf);
      }
      return [...shared]
        .filter(([id]) => keep(id))
        .map(([id, w]) => ({ id, s: w / Math.max(total, 1e-9) + (0.5 * w) / Math.max(gramWeight.get(id)!, 1e-9) }))
        .sort((a, b) => b.s - a.s || a.id - b.id)
        .slice(0, k)
        .map((x) => x.id);
    },
  };
}
