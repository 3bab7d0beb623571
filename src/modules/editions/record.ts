import type { Kysely, Transaction } from 'kysely';
import type { Database, ItemType } from '../../db/schema.js';
import { publicRichText } from '../../platform/html/redaction.js';

/** Every publishable kind has public editions. */
export type EditionItemType = ItemType;

/** What the public saw of an item at one publication: its title, its metadata and its body. */
export interface EditionSnapshot {
  title: string;
  /** [label, value] pairs of the public metadata, in display order. */
  fields: [string, string][];
  /** The body as stored; it is sanitized and redacted here, so a redacted span never reaches an edition. */
  bodyHtml: string;
}

/**
 * Records a publication as the item's next public edition, inside the publishing transaction (after
 * the published content is in place), so an edition exists exactly when its publication was
 * committed. `changeNote` is the public change note the edition carried through review; a first
 * publication has none.
 */
export async function recordPublicEdition(trx: Transaction<Database>, item: { type: EditionItemType; id: number }, at: Date, snapshot: EditionSnapshot, changeNote = ''): Promise<number> {
  // The publishing transaction holds the item's row lock, so two publications cannot take one number.
  const last = await trx
    .selectFrom('public_editions')
    .select(({ fn }) => fn.max<number>('edition_no').as('n'))
    .where('item_type', '=', item.type)
    .where('item_id', '=', item.id)
    .executeTakeFirst();
  const editionNo = Number(last?.n ?? 0) + 1;
  await trx
    .insertInto('public_editions')
    .values({
      item_type: item.type,
      item_id: item.id,
      edition_no: editionNo,
      published_at: at,
      title: snapshot.title,
      fields: JSON.stringify(snapshot.fields),
      body_html: publicRichText(snapshot.bodyHtml),
      change_note: changeNote.trim(),
    })
    .execute();
  return editionNo;
}

/**
 * Before a later edition is merged into an item published before public editions were recorded
 * (or imported), records what the public saw until now as its first edition, dated by its first
 * publication, so the history the public sees starts where the public's did.
 */
export async function recordBaselineEdition(trx: Transaction<Database>, item: { type: EditionItemType; id: number }, publishedAt: Date, snapshot: () => Promise<EditionSnapshot>): Promise<void> {
  if (await hasPublicEditions(trx, item)) return;
  await recordPublicEdition(trx, item, publishedAt, await snapshot());
}

async function hasPublicEditions(db: Kysely<Database>, item: { type: EditionItemType; id: number }): Promise<boolean> {
  const row = await db.selectFrom('public_editions').select('id').where('item_type', '=', item.type).where('item_id', '=', item.id).limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * A withdrawal that takes the page down (secrecy, privacy) removes the item's public editions too,
 * so what was withdrawn is kept nowhere the public reads from; staff keep their own history.
 */
export async function removePublicEditions(trx: Transaction<Database>, item: { type: EditionItemType; id: number }): Promise<void> {
  await trx.deleteFrom('public_editions').where('item_type', '=', item.type).where('item_id', '=', item.id).execute();
}
