import type { ColumnType, Generated } from 'kysely';
import type { DisclosureAttribute, ItemStatus, ReviewColumns } from './schema.js';

/** Row types of the information items' tables (migration 0017): 信息 of every catalog column, 公示 among them. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateString = string; // 'YYYY-MM-DD'

export type PublicityScope = 'all' | 'residents';
export type AfterPeriod = 'keep' | 'remove';

export interface InfoItemsTable extends ReviewColumns {
  id: Generated<number>;
  org_id: number;
  catalog_node_id: number | null;
  /** The category's code (modules/items/domain/categories.ts): news, notice, publicity, … */
  category: string;
  index_no: string | null;
  title: string;
  body_html: string;
  body_text: string;
  topic_id: number | null;
  attribute: DisclosureAttribute;
  /** 来源: the office or outlet the item comes from. */
  source: Generated<string>;
  /** A 公示's period, scope and what happens when it ends; null for other categories. */
  publicity_start: DateString | null;
  publicity_end: DateString | null;
  publicity_scope: PublicityScope | null;
  /** For residents' scope: the place (如 青石镇辖区居民). */
  publicity_place: Generated<string>;
  after_period: AfterPeriod | null;
  /** Set by the daily job when a 公示 to be removed has run its period: off every public list. */
  taken_down_at: Timestamp | null;
  status: ItemStatus;
  published_on: DateString | null;
  published_at: Timestamp | null;
  search_vector: ColumnType<string, string | undefined, string>;
  created_by: number | null;
  updated_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface InfoItemAttachmentsTable {
  id: Generated<number>;
  item_id: number;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  position: Generated<number>;
  text_content: Generated<string>;
  redacted_copy: Generated<boolean>;
  removed_at: Timestamp | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface ItemTables {
  info_items: InfoItemsTable;
  info_item_attachments: InfoItemAttachmentsTable;
}
