import { sql, type RawBuilder } from 'kysely';
import { segmentForIndex } from '../../../platform/search/index.js';

/** A tsvector holds at most 1 MB; an answer longer than this adds nothing to finding it. */
const MAX_INDEXED_ANSWER = 100_000;

/**
 * The search vector of a Q&A entry: the question and its other phrasings weighted A, the answer D.
 * The smart Q&A (ask) retrieves on exactly these weights (question-to-question over A,
 * question-to-answer over D), so every writer of qa_entries — save, publish, import — goes
 * through here. Segmentation happens in the app (jieba), as for documents.
 */
export function qaSearchVector(question: string, phrasings: readonly string[], answerText: string): RawBuilder<string> {
  const asked = segmentForIndex([question, ...phrasings].join(' '));
  const answered = segmentForIndex(answerText.slice(0, MAX_INDEXED_ANSWER));
  return sql<string>`setweight(to_tsvector('simple', ${asked}), 'A') || setweight(to_tsvector('simple', ${answered}), 'D')`;
}
