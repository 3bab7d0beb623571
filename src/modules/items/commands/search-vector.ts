import { sql, type RawBuilder } from 'kysely';
import { segmentForIndex } from '../../../platform/search/index.js';

/** A tsvector holds at most 1 MB; a body longer than this adds nothing to finding it. */
const MAX_INDEXED_BODY = 100_000;

/**
 * An item's search vector, for keyword subscriptions: the title weighted A, the public (redacted)
 * body D, segmented in the app (jieba) as for documents and Q&A. Written by every save, so an
 * edition carries its own into the live item when it is published.
 */
export function itemSearchVector(title: string, bodyText: string): RawBuilder<string> {
  return sql<string>`setweight(to_tsvector('simple', ${segmentForIndex(title)}), 'A') || setweight(to_tsvector('simple', ${segmentForIndex(bodyText.slice(0, MAX_INDEXED_BODY))}), 'D')`;
}
