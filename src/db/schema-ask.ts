/** Row types of the smart Q&A's tables (migration 0006): document clauses, synonyms, asked questions, referrals (转人工). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AskTables {}
