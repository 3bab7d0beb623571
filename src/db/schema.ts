import type { ColumnType, Generated, Selectable } from 'kysely';

/** Row types of every table, by hand: the migrations are the source of truth, these mirror them. */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateString = string; // 'YYYY-MM-DD'
type Json = ColumnType<unknown, string, string>;

export type OrganizationKind = 'government' | 'department' | 'county' | 'township' | 'office';
export type Role = 'admin' | 'drafter' | 'reviewer' | 'publisher' | 'request_handler' | 'disclosure_office';
export type DisclosureAttribute = 'public' | 'public_redacted' | 'on_request' | 'not_public';
export type DocumentStatus = 'draft' | 'submitted' | 'in_review' | 'approved' | 'scheduled' | 'published' | 'withdrawn';

export interface OrganizationsTable {
  id: Generated<number>;
  parent_id: number | null;
  code: string;
  name: string;
  short_name: string;
  slug: string;
  kind: OrganizationKind;
  position: Generated<number>;
  address: Generated<string>;
  postcode: Generated<string>;
  phone: Generated<string>;
  fax: Generated<string>;
  email: Generated<string>;
  office_hours: Generated<string>;
  guide_html: Generated<string>;
  index_template: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CatalogNodesTable {
  id: Generated<number>;
  org_id: number;
  parent_id: number | null;
  name: string;
  slug: string;
  description: Generated<string>;
  position: Generated<number>;
}

export interface StaffTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  disabled: Generated<boolean>;
  last_login_at: Timestamp | null;
  created_at: Timestamp;
}

export interface StaffRolesTable {
  staff_id: number;
  org_id: number;
  role: Role;
}

export interface SessionsTable {
  id: string;
  staff_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface RateLimitsTable {
  key: string;
  window_start: Timestamp;
  hits: number;
}

export interface AuditEventsTable {
  seq: number;
  occurred_at: Timestamp;
  actor_id: number | null;
  actor_label: string;
  org_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: Json | null;
  after: Json | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface TopicsTable {
  id: Generated<number>;
  parent_id: number | null;
  name: string;
  position: Generated<number>;
}

export interface AudiencesTable {
  name: string;
  position: Generated<number>;
}

export interface DocTypesTable {
  name: string;
  is_normative: Generated<boolean>;
  position: Generated<number>;
}

export interface DocumentsTable {
  id: Generated<number>;
  org_id: number;
  catalog_node_id: number | null;
  source_id: string | null;
  index_no: string;
  title: string;
  doc_no: string | null;
  doc_no_prefix: string | null;
  doc_no_year: number | null;
  doc_no_serial: number | null;
  issuers: string[];
  doc_type: string;
  topic_id: number | null;
  audiences: string[];
  attribute: DisclosureAttribute;
  written_on: DateString | null;
  published_on: DateString | null;
  effective_on: DateString | null;
  expires_on: DateString | null;
  year: number | null;
  body_html: string;
  body_text: string;
  status: DocumentStatus;
  validity: string;
  validity_since: DateString | null;
  validity_next_change_on: DateString | null;
  source_validity_label: string | null;
  current_version: Generated<number>;
  search_vector: ColumnType<string, string | undefined, string>;
  rank_vector: ColumnType<string, string | undefined, string>;
  created_by: number | null;
  updated_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  published_at: Timestamp | null;
}

export interface DocumentVersionsTable {
  id: Generated<number>;
  document_id: number;
  version_no: number;
  snapshot: Json;
  body_html: string;
  note: Generated<string>;
  created_by: number | null;
  created_at: Timestamp;
}

export interface DocumentRelationsTable {
  id: Generated<number>;
  document_id: number;
  by_document_id: number | null;
  kind: 'amend' | 'partial_repeal' | 'repeal' | 'replace' | 'declare_expired';
  effective_on: DateString;
  note: Generated<string>;
  created_by: number | null;
  created_at: Timestamp;
}

export interface AttachmentsTable {
  id: Generated<number>;
  document_id: number;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  position: Generated<number>;
  removed_at: Timestamp | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface IndexCountersTable {
  org_id: number;
  scope_key: string;
  last_serial: number;
}

export interface JobsTable {
  id: Generated<number>;
  name: string;
  unique_key: string | null;
  payload: ColumnType<unknown, string | undefined, string>;
  run_at: Timestamp;
  locked_until: Timestamp | null;
  attempts: Generated<number>;
  last_error: string | null;
  done_at: Timestamp | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface Database {
  settings: SettingsTable;
  organizations: OrganizationsTable;
  catalog_nodes: CatalogNodesTable;
  staff: StaffTable;
  staff_roles: StaffRolesTable;
  sessions: SessionsTable;
  rate_limits: RateLimitsTable;
  audit_events: AuditEventsTable;
  topics: TopicsTable;
  audiences: AudiencesTable;
  doc_types: DocTypesTable;
  documents: DocumentsTable;
  document_versions: DocumentVersionsTable;
  document_relations: DocumentRelationsTable;
  attachments: AttachmentsTable;
  index_counters: IndexCountersTable;
  jobs: JobsTable;
}

export type Organization = Selectable<OrganizationsTable>;
export type Staff = Selectable<StaffTable>;
