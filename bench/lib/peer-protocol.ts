/**
 * What bench/search.ts hands to the in-memory peer process (bench/search-peer.ts) and gets back.
 * The peer never segments: it receives the same jieba tokens the database indexed, and queries
 * already parsed by the app's parseQuery (so both sides search for the same words).
 */

/** One line of the segmented-corpus file (JSONL), one per corpus document. */
export interface SegmentedDoc {
  id: string;
  docType: string;
  validity: string;
  issuers: string[];
  writtenOn: string | null;
  publishedOn: string | null;
  effectiveOn: string | null;
  /** searchVectorParts(): title, document number + issuers, body; space-separated tokens. */
  title: string;
  numberAndIssuers: string;
  body: string;
}

/** A MiniSearch query tree (JSON): a word, or words combined with AND / OR / AND_NOT. */
export type PeerQueryTree = string | { combineWith: 'AND' | 'OR' | 'AND_NOT'; queries: PeerQueryTree[] };

export interface PeerQuery {
  n: number;
  /** null: no words (browse by filters only). */
  tree: PeerQueryTree | null;
  docTypes: string[];
  issuers: string[];
  years: number[];
  validities: string[];
  /** BENCH_ORGS indexes. */
  orgs: number[];
  sort: 'relevance' | 'date';
  page: number;
  pageSize: number;
  /** For judged queries: also fetch this many results once (Success@5 over distinct documents). */
  judgedPage?: number;
}

export interface PeerInput {
  engine: 'flexsearch' | 'minisearch';
  docs: number;
  segmentedPath: string;
  queries: PeerQuery[];
  /** Timed passes after one warm-up pass. */
  rounds: number;
  resultPath: string;
}

export interface PeerQueryResult {
  n: number;
  ms: number[];
  total: number;
  /** source_ids of the returned page. */
  top: string[];
  facetValues: number;
  /** source_ids of the long judged page (judged queries only). */
  judgedTop: string[];
}

export interface PeerOutput {
  engine: string;
  indexMs: number;
  /** Heap used after GC, index built and input released, minus the heap before loading. */
  heapIndexBytes: number;
  heapUsedBytes: number;
  rssBytes: number;
  results: PeerQueryResult[];
}
