import { sql, type Kysely } from 'kysely';

/**
 * Semantic vectors for smart answers (docs/adr/0020-semantic-answers.md): word vectors the platform
 * trains on its own corpus, and a compact vector (int8 with a float32 scale, bytea) for each
 * published Q&A entry and each clause of a document in force. No extension: the same tables on
 * PGlite and PostgreSQL, scanned exactly in the app.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // A trained model: one active per name; a new one becomes active once its words are stored.
  await sql`
    create table semantic_models (
      id bigint generated always as identity primary key,
      name text not null,
      dim integer not null check (dim between 1 and 1024),
      tokens bigint not null,
      words integer not null,
      sif_a real not null,
      mean bytea,
      params jsonb not null default '{}',
      stats jsonb not null default '{}',
      trained_at timestamptz not null,
      active boolean not null default false
    )`.execute(db);
  await sql`create unique index semantic_models_active on semantic_models (name) where active`.execute(db);
  // Each word's vector and its count in the training corpus (for its weight in a sentence).
  await sql`
    create table semantic_words (
      model_id bigint not null references semantic_models(id) on delete cascade,
      word text not null,
      count real not null,
      vec bytea not null,
      primary key (model_id, word)
    )`.execute(db);
  // A version per set of vectors, bumped by whoever changes the set: an app instance that keeps a
  // set in memory for its exact scan reloads it when the version moved.
  await sql`
    create table semantic_sets (
      name text primary key,
      version bigint not null default 0,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`
    create table qa_entry_vectors (
      qa_id bigint primary key references qa_entries(id) on delete cascade,
      model_id bigint not null references semantic_models(id) on delete cascade,
      vec bytea not null
    )`.execute(db);
  // A clause's vector lives on its row: rebuilt clauses (a new edition, a withdrawal) take theirs
  // with them. The model is kept as a number (no foreign key: millions of rows to check on a delete).
  await sql`alter table document_clauses add column semantic bytea`.execute(db);
  await sql`alter table document_clauses add column semantic_model bigint`.execute(db);
}
