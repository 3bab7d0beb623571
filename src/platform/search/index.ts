/**
 * Chinese full-text search helpers (pure; no database access).
 *
 *   tsv   = to_tsvector('simple', segmentForIndex(title/body))
 *   query = parseQuery(input) → to_tsquery('simple', query.tsquery) + strpos(phrases)
 *   show  = buildSnippet(body, [...query.phrases, ...query.terms]) / highlight(title, …)
 */
export { segmentForIndex, segmentQueryWords, warmSegmenter, toHalfWidth, coveringSubWords } from './segment.js';
export { parseQuery, QUERY_STOP_WORDS, DEFAULT_MAX_QUERY_LENGTH } from './query.js';
export type { ParsedQuery } from './query.js';
export { escapeHtml, highlight, buildSnippet, DEFAULT_SNIPPET_LENGTH } from './snippet.js';
export { highlightTerms, inIdOrder } from './results.js';
export { analyzeQuestion, conceptTsquery, lexeme, normalizeQuestion, QUESTION_STOP_WORDS } from './concepts.js';
export type { AnalyzedQuestion, Concept, SynonymGroup } from './concepts.js';
export { loadSynonymGroups } from './synonyms.js';
export { likelyTypos, warmSpelling, type Correction } from './spelling.js';
export { placeNamed, type Place } from './places.js';
export { expandShortForm, shortFormCandidates, type Expansion } from './abbreviations.js';
