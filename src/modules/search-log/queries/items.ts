import { sql, type Kysely } from 'kysely';
import type { Database, ItemType } from '../../../db/schema.js';
import { contentKind, isContentType, titleSql } from '../../../platform/content/registry.js';

export interface ItemState {
  title: string;
  /** Public now, by the kind's own condition (published, not withdrawn, a public attribute …). */
  isPublic: boolean;
}

/**
 * Items of one kind by id, with their titles and whether each is public now; ids of no item (or a
 * kind no longer registered) are missing from the map.
 */
export async function itemStates(db: Kysely<Database>, type: ItemType, ids: readonly number[]): Promise<Map<number, ItemState>> {
  if (ids.length === 0 || !isContentType(type)) return new Map();
  const kind = contentKind(type);
  const rows = await sql<{ id: number; title: string; is_public: boolean }>`
    select x.id, left(${titleSql(kind, 'x')}, 200) as title, coalesce(${kind.publicSql('x')}, false) as is_public
    from ${sql.table(kind.table)} x
    where x.id in (${sql.join([...new Set(ids)])})`.execute(db);
  return new Map(rows.rows.map((r) => [Number(r.id), { title: r.title, isPublic: r.is_public === true }]));
}

/** The items of several kinds, `type` by `type`: one query per kind. */
export async function itemStatesOf(db: Kysely<Database>, refs: readonly { item_type: string; item_id: number }[]): Promise<(ref: { item_type: string; item_id: number }) => ItemState | undefined> {
  const byType = new Map<string, number[]>();
  for (const r of refs) byType.set(r.item_type, [...(byType.get(r.item_type) ?? []), Number(r.item_id)]);
  const states = new Map<string, Map<number, ItemState>>();
  await Promise.all([...byType].map(async ([type, ids]) => states.set(type, await itemStates(db, type, ids))));
  return (ref) => states.get(ref.item_type)?.get(Number(ref.item_id));
}
