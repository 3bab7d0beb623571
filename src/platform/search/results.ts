import type { ParsedQuery } from './query.js';

/**
 * A page of search results: the ranked query returns ids, the rows are loaded by id (in no order),
 * and the page keeps the ranking. An id whose row is gone (deleted in between) is left out.
 */
export function inIdOrder<R extends { id: number }, T>(ids: readonly number[], rows: readonly R[], build: (row: R) => T): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [build(r)] : [];
  });
}

/** The words a result's snippet and title are highlighted with: the query's terms and its quoted phrases. */
export function highlightTerms(parsed: ParsedQuery): string[] {
  return [...parsed.terms, ...parsed.phrases];
}
