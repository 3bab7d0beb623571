import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';

/**
 * Reference lists that change rarely (document types, audiences, topics, organizations), kept for
 * a short time so the library does not read them on every search. Every instance re-reads them
 * within the TTL after an admin changes them.
 */
const TTL_MS = 30_000;
let cached: { at: number; db: unknown; value: ReferenceLists } | null = null;

export interface ReferenceLists {
  docTypes: Set<string | number>;
  audiences: Set<string | number>;
  topicIds: Set<string | number>;
  orgIds: Set<string | number>;
  orgNames: Map<number, string>;
  topicNames: Map<number, string>;
}

export async function loadReferenceLists(db: Kysely<Database>): Promise<ReferenceLists> {
  if (cached && cached.db === db && Date.now() - cached.at < TTL_MS) return cached.value;
  const [docTypes, audiences, topics, orgs] = await Promise.all([
    db.selectFrom('doc_types').select('name').execute(),
    db.selectFrom('audiences').select('name').execute(),
    db.selectFrom('topics').select(['id', 'name']).execute(),
    db.selectFrom('organizations').select(['id', 'name']).execute(),
  ]);
  const value: ReferenceLists = {
    docTypes: new Set(docTypes.map((t) => t.name)),
    audiences: new Set(audiences.map((a) => a.name)),
    topicIds: new Set(topics.map((t) => t.id)),
    orgIds: new Set(orgs.map((o) => o.id)),
    orgNames: new Map(orgs.map((o) => [o.id, o.name])),
    topicNames: new Map(topics.map((t) => [t.id, t.name])),
  };
  cached = { at: Date.now(), db, value };
  return value;
}
