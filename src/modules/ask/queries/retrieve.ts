import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { Validity } from '../../documents/public.js';
import { analyzeQuestion, conceptTsquery, type Concept, type SynonymGroup } from '../domain/question.js';
import { featuresOf, learnedSure, questionFacts, questionSimilarity, rerankScore } from '../domain/rerank.js';
import { CLAUSE_CONFIDENT, combineScore, LEARNED_CONFIDENT, QA_CONFIDENT, SCORING } from '../domain/scoring.js';
import { similarity } from '../../../platform/semantic/index.js';
import { loadSynonymGroups } from '../../../platform/search/index.js';
import { semanticQuestion, type SemanticQuestion } from './semantic.js';
import { estimatedRows, idf, loadTermStats, type TermStats } from './term-stats.js';

/**
 * Smart answers: a question → the best published Q&A entries and the best clauses of documents in
 * force, each scored 0–1, and whether the best is good enough to call an answer (`confident`).
 *
 * Method (chosen on bench:ask, see docs/adr/0009-smart-answers.md): PostgreSQL full-text
 * candidates through the GIN indexes, scored in the same statement by the question's concepts
 * weighted by rarity (idf from the planner's statistics): a concept found in an entry's question
 * (weight A) counts fully, in its answer (D) a third; in a clause's text fully, only in its
 * document's title (B) half. The score is the share of the question's weight found, so it means
 * the same for every question and one threshold decides confidence.
 *
 * Then the semantic half (docs/adr/0020-semantic-answers.md): the question's vector (word vectors
 * the platform trained on its own library) against every published entry's, exactly, and against
 * the lexical clause candidates'. The two are blended as lexical score + weight × (cosine − centre),
 * so an entry sharing no word with the question can still rank when its meaning is near, and a
 * lexical match far in meaning sinks. Weights set on bench:ask's development paraphrases.
 *
 * Entries are then ranked by the learned blend (domain/rerank.ts: the lexical score, the cosines,
 * words matched by meaning, shared characters; weights fitted by bench:ask-learn), over candidates
 * also found by their characters and their answers' vectors; the blend's own confidence can make
 * the first entry an answer (scoring.ts LEARNED_CONFIDENT).
 */
export const SEMANTIC_BLEND = {
  /** Entries: weight of (cosine − centre) added to the lexical score. */
  qaWeight: 1,
  qaCentre: 0.6,
  /** Entries the scan adds to the lexical candidates. */
  qaNearest: 20,
  /** Entries added by their character grams (abbreviations, typos) and by their answers' vectors. */
  qaByGrams: 20,
  qaByAnswer: 10,
  /** Lexical entries considered before blending. */
  qaLexical: 30,
  clauseWeight: 0.5,
  clauseCentre: 0.6,
  /** Lexical clause candidates re-ranked with their vectors. */
  clauseLexical: 40,
};
export interface AskAnswer {
  kind: 'qa' | 'clause';
  /** The entry's or the document's corpus id, else qa:ID / document:ID. */
  sourceId: string;
  title: string;
  text: string;
  url: string;
  score: number;
  id: number;
  orgId: number;
  /** qa: the answering department and its contact. */
  department?: string;
  contact?: string;
  /** Good enough to be given as the answer (its kind's threshold, or the learned blend's confidence). */
  confident?: boolean;
  /** qa, when asked for (the learner, bench:ask-learn): the learned blend's figures (domain/rerank.ts FEATURES). */
  features?: number[];
  /** clause: the document and the clause. */
  documentId?: number;
  docNo?: string | null;
  validity?: Validity;
  clauseLabel?: string;
}

export interface AskResult {
  qa: AskAnswer[];
  clauses: AskAnswer[];
  confident: boolean;
  concepts: Concept[];
  /** The best score of either kind (0 when nothing matched). */
  bestScore: number;
}

export interface RetrieveOptions {
  qaLimit?: number;
  clauseLimit?: number;
  /** Query expansion with the synonym dictionary (tests and the benchmark turn it off to compare). */
  synonyms?: boolean | readonly SynonymGroup[];
  /** Leave out entries whose corpus id starts so (the benchmark's 2020 set must not find itself). */
  excludeQaSourcePrefix?: string | null;
  /** Blend in the semantic vectors (default: yes, when a model is trained). The benchmark turns it off for its baseline. */
  semantic?: boolean;
  /** Return each entry's learned-blend figures (bench:ask-learn fits the weights on them). */
  features?: boolean;
}

export async function retrieveAnswers(db: Kysely<Database>, question: string, opts: RetrieveOptions = {}): Promise<AskResult> {
  const groups = opts.synonyms === false ? [] : Array.isArray(opts.synonyms) ? opts.synonyms : await loadSynonymGroups(db);
  const { concepts } = analyzeQuestion(question, groups as readonly SynonymGroup[]);
  if (concepts.length === 0) return { qa: [], clauses: [], confident: false, concepts, bestScore: 0 };
  const [qaStats, clauseStats, sem] = await Promise.all([
    loadTermStats(db, 'qa_entries'), loadTermStats(db, 'document_clauses'),
    opts.semantic === false ? null : semanticQuestion(db, question),
  ]);
  const qaLimit = opts.qaLimit ?? 3;
  const exclude = opts.excludeQaSourcePrefix ?? null;
  const [lexQa, found] = await Promise.all([
    matchQa(db, concepts, qaStats, sem ? Math.max(qaLimit, SEMANTIC_BLEND.qaLexical) : qaLimit, exclude),
    matchClauses(db, concepts, clauseStats, opts.clauseLimit ?? 3, sem),
  ]);
  const qa = sem ? await blendQa(db, question, lexQa, sem, qaLimit, exclude, opts.features === true) : lexQa.map((a) => ({ ...a, confident: a.score >= QA_CONFIDENT }));
  const clauses = found.map((c) => ({ ...c, confident: c.score >= CLAUSE_CONFIDENT }));
  const bestQa = qa[0]?.score ?? 0;
  const bestClause = clauses[0]?.score ?? 0;
  return { qa, clauses, concepts, confident: qa.some((a) => a.confident) || clauses.some((c) => c.confident), bestScore: Math.max(bestQa, bestClause) };
}

interface Weighted {
  concept: Concept;
  weight: number;
  rows: number;
}

function weigh(concepts: Concept[], stats: TermStats): Weighted[] {
  return concepts.map((concept) => {
    // Rows with any alternative: at most the sum of the alternatives' (each an AND of its words).
    const rows = Math.min(Math.max(1, stats.rows), concept.alternatives.reduce((s, a) => s + estimatedRows(stats, a), 0));
    return { concept, rows, weight: idf(stats, rows) };
  });
}

const tsq = (q: string) => sql`to_tsquery('simple', ${q})`;

/** Σ weight × (1 where found in `full`, `partial` where found only in `part`) — the matched weight. */
function matchedWeight(w: Weighted[], vector: RawBuilder<unknown>, full: string, part: string, partial: number): RawBuilder<number> {
  const terms = w.map((x) => sql`${x.weight}::float8 * (case when ${vector} @@ ${tsq(conceptTsquery(x.concept, full))} then 1 when ${vector} @@ ${tsq(conceptTsquery(x.concept, part))} then ${partial}::float8 else 0 end)`);
  return sql<number>`(${sql.join(terms, sql` + `)})`;
}

const likePrefix = (prefix: string) => prefix.replace(/[\\%_]/g, (ch) => `\\${ch}`) + '%';

/**
 * The candidates — lexical entries, the nearest by meaning, by character grams and by answer —
 * ranked by the learned blend (domain/rerank.ts). An entry only a scan found is read again here
 * with its publication checked: the scans' caches may be a moment old. The score shown and judged
 * for confidence stays lexical + weight × (cosine − centre), 0–1: the learned sum has no scale.
 */
async function blendQa(db: Kysely<Database>, question: string, lexical: AskAnswer[], sem: SemanticQuestion, limit: number, excludePrefix: string | null, withFeatures: boolean): Promise<AskAnswer[]> {
  const shown = (lex: number, cos: number | null) => lex + SEMANTIC_BLEND.qaWeight * ((cos ?? SEMANTIC_BLEND.qaCentre) - SEMANTIC_BLEND.qaCentre);
  const facts = questionFacts(question);
  const sim = questionSimilarity(facts.words, sem.index.similarity);
  const v = sem.vector;
  const found = new Map(lexical.map((a) => [a.id, { a, lexical: a.score as number | null }]));
  const fresh = (id: number) => !found.has(id);
  const more = new Set([
    ...(v ? sem.entries.nearest(v, SEMANTIC_BLEND.qaNearest, fresh).map((n) => n.id) : []),
    ...sem.index.nearestByGrams(facts.grams, SEMANTIC_BLEND.qaByGrams, fresh),
    ...(v ? sem.index.answers.nearest(v, SEMANTIC_BLEND.qaByAnswer, fresh).map((n) => n.id) : []),
  ]);
  if (more.size > 0) {
    const rows = await db.selectFrom('qa_entries').select(['id', 'source_id', 'org_id', 'question', 'answer_text', 'department', 'contact'])
      .where('id', 'in', [...more]).where('status', '=', 'published').where('edition_of', 'is', null)
      .$if(excludePrefix !== null, (qb) => qb.where(({ or, eb }) => or([eb('source_id', 'is', null), eb('source_id', 'not like', likePrefix(excludePrefix!))])))
      .execute();
    for (const r of rows) {
      found.set(r.id, { a: { kind: 'qa', sourceId: r.source_id ?? `qa:${r.id}`, title: r.question, text: r.answer_text.slice(0, 600), url: `/qa/${r.id}`, score: 0, id: r.id, orgId: r.org_id, department: r.department, contact: r.contact }, lexical: null });
    }
  }
  const ranked = [...found.values()].map(({ a, lexical: lex }) => {
    const cosine = v ? sem.entries.scoreOf(v, a.id) : null;
    const entry = sem.index.facts.get(a.id);
    // An entry the index does not hold yet (published a moment ago) ranks after those it holds, by what is shown.
    const features = entry ? featuresOf(facts, { facts: entry, lexical: lex, cosine: cosine ?? SEMANTIC_BLEND.qaCentre, answerCosine: (v && sem.index.answers.scoreOf(v, a.id)) ?? 0 }, sem.index.stats, sim) : null;
    const score = shown(lex ?? 0, cosine);
    return { a: { ...a, score: round(Math.max(0, Math.min(1, score))), ...(withFeatures && features ? { features } : {}) }, rank: features ? rerankScore(features) : Number.NEGATIVE_INFINITY, score };
  });
  ranked.sort((x, y) => y.rank - x.rank || y.score - x.score || x.a.id - y.a.id);
  const sure = learnedSure(ranked.map((x) => x.rank), LEARNED_CONFIDENT);
  return ranked.slice(0, limit).map((x, i) => ({ ...x.a, confident: x.a.score >= QA_CONFIDENT || (i === 0 && sure) }));
}

async function matchQa(db: Kysely<Database>, concepts: Concept[], stats: TermStats, limit: number, excludePrefix: string | null): Promise<AskAnswer[]> {
  const w = weigh(concepts, stats);
  const total = w.reduce((s, x) => s + x.weight, 0);
  const v = sql`q.search_vector`;
  const inQuestion = sql.join(w.map((x) => sql`(case when ${v} @@ ${tsq(conceptTsquery(x.concept, 'A'))} then 1 else 0 end)`), sql` + `);
  const rows = await sql<{ id: number; source_id: string | null; org_id: number; question: string; answer: string; department: string; contact: string; matched: number; in_question: number; question_words: number }>`
    with v as materialized (
      -- Each vector decompressed once (|| copies it into memory): every concept below tests it twice.
      select q.id, q.search_vector || ''::tsvector as search_vector, 1 + coalesce(cardinality(q.phrasings), 0) as wordings
      from qa_entries q
      where q.status = 'published' and q.search_vector @@ ${tsq(qaCandidateQuery(w, stats.rows))}
        ${excludePrefix ? sql`and (q.source_id is null or q.source_id not like ${likePrefix(excludePrefix)})` : sql``}
      limit ${SCORING.maxCandidates}
    ),
    c as (
      select q.id, ${matchedWeight(w, v, 'A', 'D', SCORING.qaAnswerShare)} as matched, (${inQuestion}) as in_question,
             -- The words of one wording (the question, or one of its other phrasings), on average: an
             -- entry with many phrasings is not less precise for having them.
             length(ts_filter(q.search_vector, '{a}'))::float8 / q.wordings as question_words
      from v q
    )
    select c.*, q.source_id, q.org_id, q.question, left(q.answer_text, 600) as answer, q.department, q.contact
    from c join qa_entries q on q.id = c.id
    order by c.matched * (${1 - SCORING.qaPrecisionShare}::float8 + ${SCORING.qaPrecisionShare}::float8 * least(1, ${SCORING.qaPrecisionScale}::float8 * c.in_question / greatest(c.question_words, 1))) desc, c.id
    limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({
    kind: 'qa' as const,
    sourceId: r.source_id ?? `qa:${r.id}`,
    title: r.question,
    text: r.answer,
    url: `/qa/${r.id}`,
    score: combineScore(Number(r.matched) / total, SCORING.qaPrecisionShare, (SCORING.qaPrecisionScale * Number(r.in_question)) / Math.max(1, Number(r.question_words))),
    id: r.id,
    orgId: r.org_id,
    department: r.department,
    contact: r.contact,
  }));
}

/** Entries with any concept but the commonest (in over a twentieth of the entries), which still score. */
function qaCandidateQuery(w: Weighted[], rows: number): string {
  const rare = w.filter((x) => x.rows <= Math.max(50, rows * SCORING.qaCommonShare));
  const pool = rare.length ? rare : [...w].sort((a, b) => a.rows - b.rows).slice(0, 2);
  return pool.map((x) => conceptTsquery(x.concept)).join(' | ');
}

/**
 * Candidates for clauses must stay few among millions: a clause qualifies when it holds two of
 * the question's rarer concepts, or one concept rare enough on its own. Common concepts (in more
 * than commonRows clauses, or 1 % of them) still score, but never bring candidates.
 */
export function clauseCandidateQuery(w: Weighted[], rows: number): string {
  const byRarity = [...w].sort((a, b) => a.rows - b.rows);
  const usable = byRarity.filter((x) => x.rows <= Math.max(SCORING.commonRows, rows * 0.01));
  const pool = (usable.length ? usable : byRarity.slice(0, 1)).slice(0, SCORING.candidateConcepts);
  if (pool.length === 1) return conceptTsquery(pool[0]!.concept);
  const parts: string[] = [];
  for (const x of pool) if (x.rows <= SCORING.rareRows) parts.push(conceptTsquery(x.concept));
  for (let i = 0; i < pool.length; i++) for (let j = i + 1; j < pool.length; j++) parts.push(`(${conceptTsquery(pool[i]!.concept)} & ${conceptTsquery(pool[j]!.concept)})`);
  return parts.join(' | ');
}

async function matchClauses(db: Kysely<Database>, concepts: Concept[], stats: TermStats, limit: number, sem: SemanticQuestion | null): Promise<AskAnswer[]> {
  const w = weigh(concepts, stats);
  const total = w.reduce((s, x) => s + x.weight, 0);
  const v = sql`c.search_vector`;
  // Fetched with room: copies of one text (a document and its republications) are shown once.
  const fetch = sem ? Math.max(limit * 4, SEMANTIC_BLEND.clauseLexical) : limit * 4;
  const rows = await sql<{ id: number; document_id: number; label: string; text: string; matched: number; words: number; semantic: Uint8Array | null; semantic_model: number | string | null }>`
    with m as materialized (
      select c.id, c.search_vector || ''::tsvector as search_vector
      from document_clauses c
      where c.in_force and c.search_vector @@ ${tsq(clauseCandidateQuery(w, stats.rows))}
      -- A bound on the rows read: beyond it, a question is too general for a clause to answer it.
      limit ${SCORING.maxCandidates}
    ),
    c as (
      select c.id, ${matchedWeight(w, v, 'D', 'B', SCORING.clauseTitleShare)} as matched, length(c.search_vector) as words
      from m c
    ),
    top as (
      select * from c
      order by matched / (1 + ${SCORING.clauseLengthPenalty}::float8 * greatest(0, words - ${SCORING.clauseLengthFree})) desc, id
      limit ${fetch}
    )
    select top.*, d.document_id, d.label, left(d.text, 600) as text, d.semantic, d.semantic_model
    from top join document_clauses d on d.id = top.id
    order by top.matched / (1 + ${SCORING.clauseLengthPenalty}::float8 * greatest(0, top.words - ${SCORING.clauseLengthFree})) desc, top.id
    limit ${fetch}`.execute(db);
  if (rows.rows.length === 0) return [];
  const docs = await db
    .selectFrom('documents')
    .select(['id', 'source_id', 'title', 'doc_no', 'validity', 'org_id'])
    .where('id', 'in', [...new Set(rows.rows.map((r) => r.document_id))])
    .where('status', '=', 'published')
    .where('validity', 'in', ['effective', 'amended', 'partially_invalid'])
    .execute();
  const byId = new Map(docs.map((d) => [d.id, d]));
  const seen = new Set<string>();
  const out: AskAnswer[] = [];
  for (const r of blendClauses(rows.rows, total, sem)) {
    const d = byId.get(r.document_id);
    if (!d) continue; // never cite a document that is not in force, whatever the clause row says
    const key = `${d.title}\n${r.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const lengthFactor = 1 / (1 + SCORING.clauseLengthPenalty * Math.max(0, Number(r.words) - SCORING.clauseLengthFree));
    out.push({
      kind: 'clause', sourceId: d.source_id ?? `document:${d.id}`, title: `《${d.title}》${r.label}`, text: r.text, url: `/documents/${d.id}`,
      score: round(Math.max(0, Math.min(1, sem ? r.blended : (Number(r.matched) / total) * lengthFactor))), id: r.id, orgId: d.org_id, documentId: d.id, docNo: d.doc_no, validity: d.validity as Validity, clauseLabel: r.label,
    });
    if (out.length >= limit) break;
  }
  return out;
}

/** Clause rows in the blend's order (the lexical order when there is no model), each with its blended score. */
function blendClauses<R extends { matched: number; words: number; semantic: Uint8Array | null; semantic_model: number | string | null }>(rows: R[], total: number, sem: SemanticQuestion | null): (R & { blended: number })[] {
  const lexical = (r: R) => Math.min(1, (Number(r.matched) / total) / (1 + SCORING.clauseLengthPenalty * Math.max(0, Number(r.words) - SCORING.clauseLengthFree)));
  const scored = rows.map((r) => {
    const cos = sem?.vector && r.semantic && Number(r.semantic_model) === sem.model.id ? similarity(sem.vector, r.semantic) : SEMANTIC_BLEND.clauseCentre;
    return { ...r, blended: lexical(r) + (sem ? SEMANTIC_BLEND.clauseWeight * (cos - SEMANTIC_BLEND.clauseCentre) : 0) };
  });
  return sem ? scored.sort((a, b) => b.blended - a.blended) : scored;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
