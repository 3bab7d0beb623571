import { sql, type Kysely } from 'kysely';

/**
 * The clauses still waiting for a vector of the active model, found by an index instead of a walk
 * of every clause (the semantic job looks every ten minutes; at 3.8 million clauses the walk took
 * minutes, and on PGlite nothing else runs meanwhile). A clause waits while its `semantic_model`
 * is null: new clauses start so, and a new model sets every clause's back to null when it becomes
 * the active one (commands/semantic-vectors.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index document_clauses_semantic_todo on document_clauses (id) where in_force and semantic_model is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists document_clauses_semantic_todo`.execute(db);
}
