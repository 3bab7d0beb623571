/**
 * Smart answers read a question through the platform's query analysis (platform/search/concepts.ts),
 * the same one the policy library's search uses.
 */
export { analyzeQuestion, conceptTsquery, lexeme, normalizeQuestion, QUESTION_STOP_WORDS, type AnalyzedQuestion, type Concept, type SynonymGroup } from '../../../platform/search/index.js';

/** Longest question accepted (characters): a question, not a letter. The API and the page refuse longer ones. */
export const MAX_QUESTION_LENGTH = 500;
