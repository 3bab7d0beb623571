import type { ColumnType, Generated } from 'kysely';
import type { ItemStatus, ReviewColumns } from './schema.js';

/** Row types of the official lists' tables (migration 0018): lists, their versions and rows. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface OfficialListsTable {
  id: Generated<number>;
  org_id: number;
  /** A key of LIST_TYPES (modules/lists/domain/list-types.ts). */
  list_type: string;
  /** The current version's title (set when a version is published; a new list's working title before). */
  title: string;
  catalog_node_id: number | null;
  /** The published version the public sees; null until the first is published. */
  current_version_id: number | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A version of a list: the content kind `list_version`, with the review columns. */
export interface ListVersionsTable extends ReviewColumns {
  id: Generated<number>;
  list_id: number;
  org_id: number;
  version_no: number;
  title: string;
  row_count: Generated<number>;
  status: ItemStatus;
  published_on: string | null;
  published_at: Timestamp | null;
  created_by: number | null;
  updated_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ListRowsTable {
  id: Generated<number>;
  version_id: number;
  position: number;
  /** The cells by column key: Record<string, string>. */
  cells: Json;
  search_text: string;
}

export interface ListTables {
  official_lists: OfficialListsTable;
  list_versions: ListVersionsTable;
  list_rows: ListRowsTable;
}
