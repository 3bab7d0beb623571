import type { ColumnType, Generated, Selectable } from 'kysely';
import type { AskTables } from './schema-ask.js';
import type { SubscriptionTables } from './schema-subscriptions.js';
import type { EditionTables } from './schema-editions.js';
import type { ListTables } from './schema-lists.js';
import type { ColumnTables } from './schema-columns.js';
import type { ItemTables } from './schema-items.js';
import type { SemanticTables } from './schema-semantic.js';
import type { SearchLogTables } from './schema-search-log.js';

/** Row types of every table, by hand: the migrations are the source of truth, these mirror them. */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateString = string; // 'YYYY-MM-DD'
type Json = ColumnType<unknown, string, string>;

export type OrganizationKind = 'government' | 'department' | 'county' | 'township' | 'office' | 'village';
export type Role = 'admin' | 'drafter' | 'reviewer' | 'publisher' | 'request_handler' | 'disclosure_office';
export type DisclosureAttribute = 'public' | 'public_redacted' | 'on_request' | 'not_public';
export type DocumentStatus = 'draft' | 'submitted' | 'in_review' | 'approved' | 'scheduled' | 'published' | 'withdrawn' | 'merged';
/** Every publishable item (documents, interpretations) goes through the same review states. */
export type ItemStatus = DocumentStatus;
/** A content kind's name, as registered (platform/content/registry.ts): 'document', 'interpretation', 'qa', … */
export type ItemType = string;
export type InterpretationRule = 'required' | 'grace' | 'none';
/** Where a document comes from: an organization's own, or reference material (法律法规 / 上级文件). */
export type Provenance = 'own' | 'law' | 'superior';
export type IssuerLevel = 'national' | 'provincial' | 'municipal';
export type WithdrawalKind = 'notice' | 'remove';
export type FlaggedAction = 'block' | 'suggest' | 'warn';

/** The review columns every publishable item's table carries (migration 0002). */
export interface ReviewColumns {
  edition_of: number | null;
  review_level: Generated<number>;
  submitted_by: number | null;
  submitted_at: Timestamp | null;
  needs_review: Generated<boolean>;
  urgent_reason: string | null;
  publish_at: Timestamp | null;
  withdrawn_at: Timestamp | null;
  withdrawal_kind: WithdrawalKind | null;
  withdrawal_reason: string | null;
  /** The public change note (修订说明) an edition carries through review into its public edition. */
  change_note: Generated<string>;
}

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
  review_levels: Generated<number>;
  interpretation_rule: Generated<InterpretationRule>;
  interpretation_grace_days: Generated<number>;
  /** Replies go to the disclosure office for procedural review before they are sent. */
  request_reply_review: Generated<boolean>;
  /** Working days a department has to answer a question sent to it from the smart Q&A (转人工). */
  referral_days: Generated<number>;
  /** Whether the reply clock stops between a fee notice and payment (national rule unconfirmed). */
  request_fee_pauses_clock: Generated<boolean>;
  /** Working days an applicant is given to correct a request (补正), by default. */
  request_correction_days: Generated<number>;
  /** An organ merged into or split between successors (migration 0016): where its addresses lead, and since when it is 已撤并. */
  successor_id: Generated<number | null>;
  dissolved_on: Generated<DateString | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A slug an organization gave up (renamed, or merged away): its portal addresses redirect (migration 0016). */
export interface OrganizationFormerSlugsTable {
  slug: string;
  org_id: number;
  retired_at: Timestamp;
}

/** Who succeeded whom in a restructuring (机构改革): a merge has one successor, a split several. */
export interface OrganizationSuccessionsTable {
  predecessor_id: number;
  successor_id: number;
  change: 'merge' | 'split';
  effective_on: DateString;
  created_at: Timestamp;
}

export interface CatalogNodesTable {
  id: Generated<number>;
  org_id: number;
  parent_id: number | null;
  name: string;
  slug: string;
  description: Generated<string>;
  position: Generated<number>;
  /** Which standard column this is (migration 0012), whatever its name; null for any other. */
  role: Generated<CatalogRole | null>;
}

/** The standard columns of an organ's disclosure platform, and the 政策解读 column. */
export type CatalogRole = 'guide' | 'rules' | 'proactive' | 'reports' | 'requests' | 'interpretations';

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
  /** 0: unkeyed sha256 (rows before migration 0014); 1: HMAC-SHA256 under the audit key. */
  key_version: number;
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

export interface DocumentsTable extends ReviewColumns {
  id: Generated<number>;
  org_id: number;
  catalog_node_id: number | null;
  source_id: string | null;
  index_no: string | null;
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
  /** own: an organization's own document; law / superior: reference material (migration 0009). */
  provenance: Generated<Provenance>;
  /** The level of a reference document's issuing organ, when known. */
  issuer_level: IssuerLevel | null;
  current_version: Generated<number>;
  search_vector: ColumnType<string, string | undefined, string>;
  rank_vector: ColumnType<string, string | undefined, string>;
  /** Generated from the id: the token of the document's sixteenth of the library (migration 0003). */
  sample_vector: ColumnType<string, never, never>;
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
  /** Extracted text, for the automatic checks. */
  text_content: Generated<string>;
  /** A redacted copy uploaded for a 删减后公开 document. */
  redacted_copy: Generated<boolean>;
  created_by: number | null;
  created_at: Timestamp;
}

export interface InterpretationsTable extends ReviewColumns {
  id: Generated<number>;
  org_id: number;
  title: string;
  form: 'text' | 'graphic' | 'video' | 'qa' | 'press' | 'expert';
  body_html: string;
  body_text: string;
  department: string;
  contact: string;
  status: ItemStatus;
  published_on: DateString | null;
  published_at: Timestamp | null;
  created_by: number | null;
  updated_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface InterpretationDocumentsTable {
  interpretation_id: number;
  document_id: number;
}

export interface ReviewActionsTable {
  id: Generated<number>;
  item_type: ItemType;
  item_id: number;
  org_id: number;
  action: string;
  level: number | null;
  comment: Generated<string>;
  findings: ColumnType<unknown, string | undefined, string>;
  staff_id: number;
  created_at: Timestamp;
}

export interface CheckResolutionsTable {
  id: Generated<number>;
  item_type: ItemType;
  item_id: number;
  finding_key: string;
  resolution: 'dismissed' | 'acknowledged';
  reason: Generated<string>;
  staff_id: number;
  created_at: Timestamp;
}

export interface FlaggedTermsTable {
  id: Generated<number>;
  term: string;
  category: string;
  action: FlaggedAction;
  replacement: string | null;
  note: Generated<string>;
  created_by: number | null;
  created_at: Timestamp;
}

export interface LinkChecksTable {
  url: string;
  ok: boolean;
  status: number | null;
  error: string | null;
  checked_at: Timestamp;
}

export interface CheckRunsTable {
  id: Generated<number>;
  reason: string;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  items_scanned: Generated<number>;
  items_flagged: Generated<number>;
}

export interface CheckRunHitsTable {
  run_id: number;
  item_type: ItemType;
  item_id: number;
  findings: ColumnType<unknown, string, string>;
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

export type RequestChannel = 'online' | 'in_person' | 'post_signed' | 'post_unsigned' | 'fax';
export type RequestStatus = 'pending' | 'handling' | 'awaiting_correction' | 'consulting' | 'extension_pending' | 'awaiting_fee' | 'reply_review' | 'reply_approved' | 'replied' | 'archived' | 'withdrawn';
export type ApplicantKind = 'natural' | 'business' | 'research' | 'public_interest' | 'legal_service' | 'other';
export type LetterKind = 'receipt' | 'correction' | 'consultation' | 'extension' | 'fee' | 'reply' | 'transfer';
export type AppealKind = 'review' | 'litigation' | 'litigation_after_review';
export type AppealResult = 'upheld' | 'corrected' | 'other' | 'pending';

export interface CalendarOverridesTable {
  day: DateString;
  working: boolean;
  note: Generated<string>;
  created_by: number | null;
  created_at: Timestamp;
}

export interface CalendarYearsTable {
  year: number;
  note: Generated<string>;
  confirmed_by: number | null;
  confirmed_at: Timestamp;
}

export interface RequestsTable {
  id: Generated<number>;
  org_id: number;
  tracking_no: string;
  access_code_hash: string;
  channel: RequestChannel;
  status: RequestStatus;
  applicant_kind: ApplicantKind;
  /** The applicant's identity and contact, encrypted (AES-256-GCM) as one JSON document. */
  applicant_sealed: string;
  /** What lists may show: a masked name and the kind. */
  applicant_masked: string;
  /** Keyed hash of the identity number (or name), to find the same applicant without decrypting. */
  applicant_key: string;
  subject: string;
  doc_number: string | null;
  description: string;
  provide_form: 'paper' | 'electronic';
  delivery_method: 'post' | 'pickup' | 'email' | 'online' | 'fax';
  content_tokens: Generated<string>;
  submitted_at: Timestamp;
  received_on: DateString | null;
  receipt_note: Generated<string>;
  due_on: DateString | null;
  due_provisional: Generated<boolean>;
  /** The computed clock with its inputs and explanation (domain/clock.ts ClockState). */
  clock: ColumnType<unknown, string | undefined, string>;
  handler_id: number | null;
  outcome: string | null;
  delivered_on: DateString | null;
  closed_on: DateString | null;
  repeat_of: number | null;
  mass_flag: Generated<boolean>;
  /** The public account that filed it online while signed in (migration 0010): its personal center lists it. */
  account_id: Generated<number | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RequestEventsTable {
  id: Generated<number>;
  request_id: number;
  kind: string;
  on_date: DateString;
  at: Timestamp;
  actor_id: number | null;
  actor_label: string;
  details: ColumnType<unknown, string | undefined, string>;
  visible_to_applicant: Generated<boolean>;
}

export interface RequestLettersTable {
  id: Generated<number>;
  request_id: number;
  kind: LetterKind;
  /** The issuing organization when it differs from the case's (after a transfer); migration 0011. */
  org_id: Generated<number | null>;
  letter_no: string;
  /** Whom a letter to someone other than the applicant is addressed to (a consulted party); the applicant's name is never stored in clear. */
  addressee: string | null;
  title: string;
  body: string;
  outcome: string | null;
  status: 'draft' | 'sent';
  sent_on: DateString | null;
  /** A sent reply's list of what it provided, as sent (migration 0015); null for drafts and other letters. */
  attachments: ColumnType<string[] | null, string | null | undefined, string | null>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RequestAttachmentsTable {
  id: Generated<number>;
  request_id: number;
  event_id: number | null;
  file_name: string;
  storage_key: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  from_applicant: boolean;
  /** A file the handler provides with the reply (migration 0011). */
  for_reply: Generated<boolean>;
  created_at: Timestamp;
}

/** The applicant's downloads of a reply's files (migration 0011). */
export interface RequestDownloadsTable {
  id: Generated<number>;
  request_id: number;
  attachment_id: number;
  downloaded_at: Timestamp;
  ip: string | null;
}

export interface RequestDocumentsTable {
  request_id: number;
  document_id: number;
}

export interface RequestAppealsTable {
  id: Generated<number>;
  request_id: number;
  kind: AppealKind;
  filed_on: DateString;
  result: AppealResult;
  decided_on: DateString | null;
  note: Generated<string>;
  created_by: number | null;
  created_at: Timestamp;
}

export interface RequestRemindersTable {
  request_id: number;
  kind: 'due_soon' | 'overdue';
  due_on: DateString;
  created_at: Timestamp;
}

export interface QaEntriesTable extends ReviewColumns {
  id: Generated<number>;
  org_id: number;
  /** The corpus id of an imported pair; imports are idempotent by it. */
  source_id: string | null;
  question: string;
  /** Other ways people ask the same thing (相似问法). */
  phrasings: ColumnType<string[], string[] | undefined, string[]>;
  answer_html: string;
  answer_text: string;
  /** The answering department or office (科室) and its contact (phone). */
  department: string;
  contact: string;
  topic_id: number | null;
  audiences: ColumnType<string[], string[] | undefined, string[]>;
  /** When the answer is next due to be checked against the policies in force (复核日期). */
  review_on: DateString | null;
  origin: Generated<'manual' | 'import' | 'referral'>;
  status: ItemStatus;
  published_on: DateString | null;
  published_at: Timestamp | null;
  /** question and phrasings (A), answer (D), segmented by jieba. */
  search_vector: ColumnType<string, string | undefined, string>;
  created_by: number | null;
  updated_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface QaEntryDocumentsTable {
  qa_id: number;
  document_id: number;
  /** 第十二条, when the answer rests on one clause. */
  clause: Generated<string>;
}

export interface AccountsTable {
  id: Generated<number>;
  /** An account has an e-mail, a mobile number, or both (migration 0010). */
  email_sealed: string | null;
  email_key: string | null;
  email_masked: Generated<string>;
  mobile_sealed: Generated<string | null>;
  mobile_key: Generated<string | null>;
  mobile_masked: Generated<string>;
  mobile_verified_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  display_name: Generated<string>;
  password_hash: string;
  email_verified_at: Timestamp | null;
  kind: Generated<'person' | 'enterprise'>;
  /** The enterprise profile (可能适用于您的政策). */
  industry: Generated<string>;
  size: Generated<string>;
  district: Generated<string>;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  disabled: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AccountTokensTable {
  /** SHA-256 of the token in the link. */
  id: string;
  account_id: number;
  purpose: 'verify' | 'reset' | 'verify_mobile';
  /** A code sent by SMS: its keyed hash (the id is then random), and the wrong tries so far. */
  code_hash: Generated<string | null>;
  attempts: Generated<number>;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

export interface AccountSessionsTable {
  id: string;
  account_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
}

/** A content kind's name, or 'referral' (a referred question's answer). */
export type InboxItemType = string;

export interface InboxItemsTable {
  id: Generated<number>;
  account_id: number;
  item_type: InboxItemType;
  item_id: number;
  subscription_id: number | null;
  title: string;
  url: string;
  summary: Generated<string>;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface MailOutboxTable {
  id: Generated<number>;
  /** email, or sms (migration 0010): a text message waits for the administrator unless an SMS sender takes it. */
  channel: Generated<'email' | 'sms'>;
  kind: string;
  /** The address, sealed; lists show the masked one. */
  to_sealed: string;
  to_masked: string;
  subject: string;
  body_text: string;
  account_id: number | null;
  /** Set where a message must go out once only (e.g. one publication to one subscriber). */
  dedupe_key: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  attempts: Generated<number>;
  last_error: string | null;
}

export interface Database extends AskTables, SubscriptionTables, EditionTables, ItemTables, ColumnTables, ListTables, SemanticTables, SearchLogTables {
  settings: SettingsTable;
  organizations: OrganizationsTable;
  organization_former_slugs: OrganizationFormerSlugsTable;
  organization_successions: OrganizationSuccessionsTable;
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
  interpretations: InterpretationsTable;
  interpretation_documents: InterpretationDocumentsTable;
  review_actions: ReviewActionsTable;
  check_resolutions: CheckResolutionsTable;
  flagged_terms: FlaggedTermsTable;
  link_checks: LinkChecksTable;
  check_runs: CheckRunsTable;
  check_run_hits: CheckRunHitsTable;
  calendar_overrides: CalendarOverridesTable;
  calendar_years: CalendarYearsTable;
  requests: RequestsTable;
  request_events: RequestEventsTable;
  request_letters: RequestLettersTable;
  request_attachments: RequestAttachmentsTable;
  request_documents: RequestDocumentsTable;
  request_appeals: RequestAppealsTable;
  request_reminders: RequestRemindersTable;
  request_downloads: RequestDownloadsTable;
  qa_entries: QaEntriesTable;
  qa_entry_documents: QaEntryDocumentsTable;
  accounts: AccountsTable;
  account_tokens: AccountTokensTable;
  account_sessions: AccountSessionsTable;
  inbox_items: InboxItemsTable;
  mail_outbox: MailOutboxTable;
}

export type Organization = Selectable<OrganizationsTable>;
export type Staff = Selectable<StaffTable>;
