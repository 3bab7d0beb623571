import { sql, type Kysely } from 'kysely';

/**
 * A fixed 1-in-16 sample of the library, marked in the full-text index itself: each document's
 * `sample_vector` holds one token derived from its id, and the matching index covers both vectors.
 * A query that matches tens of thousands of documents computes its facet counts (and an estimate
 * of its total) on the sampled sixteenth, which the index finds without reading the rest.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table documents add column sample_vector tsvector generated always as (to_tsvector('simple', 'zzsample' || (id % 16)::text)) stored`.execute(db);
  await sql`drop index documents_search`.execute(db);
  await sql`create index documents_search on documents using gin (search_vector, sample_vector) with (fastupdate = off)`.execute(db);
}
