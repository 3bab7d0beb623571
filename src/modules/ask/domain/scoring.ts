/**
 * The scoring constants of smart answers, set on bench:ask (docs/benchmarks.md). A score is the
 * share of the question's weight (Σ idf of its concepts) that an answer holds, 0–1.
 */
export const SCORING = {
  /** A concept found only in an entry's answer (D) counts this much of one found in its question (A). */
  qaAnswerShare: 0.35,
  /** Part of an entry's score that rewards a question made of the asker's words and little else. */
  qaPrecisionShare: 0.3,
  /** Question lexemes include jieba's sub-words: about 1.5 per concept. */
  qaPrecisionScale: 1.5,
  /** A concept found only in a clause's document title (B) counts this much. */
  clauseTitleShare: 0.5,
  /** Long articles match many words by chance: beyond this many distinct words, the score shrinks gently. */
  clauseLengthFree: 80,
  clauseLengthPenalty: 0.002,
  /** Concepts in more than this share of the entries bring no candidates (they still score). */
  qaCommonShare: 0.02,
  /** Concepts in more than this many clauses bring no candidates (they still score). */
  commonRows: 15_000,
  /** A concept in at most this many clauses brings candidates alone; others only in pairs. */
  rareRows: 750,
  /** Rows read and scored at most per question and kind (each costs a heap read). */
  maxCandidates: 600,
  /** The rarest concepts considered for candidates (pairs among them). */
  candidateConcepts: 4,
} as const;

/** Scores at or above these are answers; below, the page says it found nothing sure (bench:ask calibration). */
export const QA_CONFIDENT = 0.6;
export const CLAUSE_CONFIDENT = 0.75;
/**
 * The learned blend's own confidence (domain/rerank.ts): the first entry is an answer too when it
 * takes this share of the candidates' softmax and its learned score reaches this; set on both
 * development sets (ADR 0020: the off-topic questions' highest score there was 8.5).
 */
export const LEARNED_CONFIDENT = { share: 0.8, score: 10 } as const;

/** (1 − share) × coverage + share × coverage × precision, precision capped at 1; rounded. */
export function combineScore(coverage: number, share: number, precision: number): number {
  const s = coverage * (1 - share + share * Math.min(1, precision));
  return Math.round(Math.min(1, s) * 1000) / 1000;
}
