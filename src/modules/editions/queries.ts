import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { EditionItemType } from './record.js';

export interface PublicEditionSummary {
  editionNo: number;
  publishedAt: Date;
  changeNote: string;
}

/**
 * The public editions of an item, newest first. Callers show them only for an item the public may
 * see (they check the item's own visibility first); a withdrawn item's editions go with it.
 */
export async function listPublicEditions(db: Kysely<Database>, item: { type: EditionItemType; id: number }): Promise<PublicEditionSummary[]> {
  const rows = await db
    .selectFrom('public_editions')
    .select(['edition_no', 'published_at', 'change_note'])
    .where('item_type', '=', item.type)
    .where('item_id', '=', item.id)
    .orderBy('edition_no', 'desc')
    .execute();
  return rows.map((r) => ({ editionNo: r.edition_no, publishedAt: new Date(r.published_at), changeNote: r.change_note }));
}

export interface PublicEdition extends PublicEditionSummary {
  title: string;
  fields: [string, string][];
  bodyHtml: string;
}

export async function getPublicEditions(db: Kysely<Database>, item: { type: EditionItemType; id: number }, editionNos: number[]): Promise<PublicEdition[]> {
  const rows = await db
    .selectFrom('public_editions')
    .select(['edition_no', 'published_at', 'change_note', 'title', 'fields', 'body_html'])
    .where('item_type', '=', item.type)
    .where('item_id', '=', item.id)
    .where('edition_no', 'in', editionNos)
    .execute();
  return rows.map((r) => ({ editionNo: r.edition_no, publishedAt: new Date(r.published_at), changeNote: r.change_note, title: r.title, fields: r.fields as [string, string][], bodyHtml: r.body_html }));
}

/**
 * A public item's body and editions as its portal page shows them. An item the public no longer
 * sees (`shown` false: withdrawn, or a 公示 taken down) keeps only what its notice needs: its `body`
 * fields come back empty, and it lists no editions (they go with it). Otherwise its published
 * editions are listed, never a draft or a staff note.
 */
export async function withPublicEditions<T extends { id: number }>(
  db: Kysely<Database>,
  type: EditionItemType,
  item: T,
  a: { shown: boolean; body: readonly (keyof T & string)[] },
): Promise<T & { editions: PublicEditionSummary[] }> {
  if (!a.shown) return { ...item, ...Object.fromEntries(a.body.map((k) => [k, ''])), editions: [] };
  return { ...item, editions: await listPublicEditions(db, { type, id: item.id }) };
}
