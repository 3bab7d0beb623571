import type { ColumnType, Generated } from 'kysely';
import type { ItemType } from './schema.js';

/** Row types of the topics and special columns (专题/专栏) and their placements (migration 0019). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface SpecialColumnsTable {
  id: Generated<number>;
  /** The owning organization; null: the whole site group's. */
  org_id: number | null;
  parent_id: number | null;
  /** 1 to 3. */
  depth: number;
  name: string;
  slug: string;
  /** Sanitized rich text. */
  intro_html: Generated<string>;
  /** The content kinds (registered types) it collects. */
  kinds: string[];
  open_for_submissions: Generated<boolean>;
  visible: Generated<boolean>;
  position: Generated<number>;
  banner_key: string | null;
  banner_type: string | null;
  created_by: number | null;
  updated_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type PlacementStatus = 'pending' | 'accepted' | 'returned';

export interface ColumnPlacementsTable {
  id: Generated<number>;
  column_id: number;
  item_type: ItemType;
  item_id: number;
  /** The item's organization, which placed or submitted it. */
  org_id: number;
  submitted_by: number | null;
  status: PlacementStatus;
  /** Why it was returned. */
  reason: Generated<string>;
  decided_by: number | null;
  decided_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ColumnTables {
  special_columns: SpecialColumnsTable;
  column_placements: ColumnPlacementsTable;
}
