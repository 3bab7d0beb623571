import type { ColumnType, Generated } from 'kysely';
import type { ItemType } from './schema.js';

/** Row types of the public editions (migration 0008). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface PublicEditionsTable {
  id: Generated<number>;
  item_type: ItemType;
  item_id: number;
  edition_no: number;
  published_at: Timestamp;
  title: string;
  /** [label, value] pairs of the public metadata, in display order. */
  fields: Json;
  /** Redacted as the public page showed it. */
  body_html: string;
  change_note: Generated<string>;
}

export interface EditionTables {
  public_editions: PublicEditionsTable;
}
