import type { ColumnType, Generated } from 'kysely';

/** Row types of platform/semantic's tables (migration 0020): trained models, their words, vector-set versions. */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface SemanticModelsTable {
  id: Generated<number>;
  name: string;
  dim: number;
  tokens: ColumnType<number, number, number>;
  words: number;
  sif_a: number;
  mean: Uint8Array | null;
  params: ColumnType<unknown, string | undefined, string>;
  stats: ColumnType<unknown, string | undefined, string>;
  trained_at: Timestamp;
  active: Generated<boolean>;
}

export interface SemanticWordsTable {
  model_id: number;
  word: string;
  count: number;
  vec: Uint8Array;
}

export interface SemanticSetsTable {
  name: string;
  version: Generated<number>;
  updated_at: Timestamp;
}

/** Smart answers' vector of each published Q&A entry (the clauses' are columns of document_clauses). */
export interface QaEntryVectorsTable {
  qa_id: number;
  model_id: number;
  vec: Uint8Array;
}

export interface SemanticTables {
  qa_entry_vectors: QaEntryVectorsTable;
  semantic_models: SemanticModelsTable;
  semantic_words: SemanticWordsTable;
  semantic_sets: SemanticSetsTable;
}
