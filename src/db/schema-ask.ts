import type { ColumnType, Generated } from 'kysely';
import type { TrackedCaseTables } from './schema-tracked-cases.js';

/** Row types of the smart Q&A's tables (migration 0006): document clauses, synonyms, asked questions, referrals (转人工). */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateString = string;

export interface DocumentClausesTable {
  id: Generated<number>;
  document_id: number;
  position: number;
  /** 第十二条, or 第3段 for a document without articles. */
  label: string;
  text: string;
  /** Kept equal to the document being published, public and in force by a trigger on documents. */
  in_force: boolean;
  search_vector: ColumnType<string, string, string>;
  /** The clause's semantic vector (platform/semantic's packed form) under model `semantic_model` (migration 0020). */
  semantic: ColumnType<Uint8Array | null, Uint8Array | null | undefined, Uint8Array | null>;
  semantic_model: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface AskSynonymsTable {
  id: Generated<number>;
  terms: ColumnType<string[], string[], string[]>;
  note: Generated<string>;
  created_by: number | null;
  updated_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AskQuestionsTable {
  id: Generated<number>;
  /** Hash of the normalized, masked question: one row per question however often it is asked. */
  question_key: string;
  /** The question with personal data masked. */
  question: string;
  times: Generated<number>;
  best_score: Generated<number>;
  confident: boolean;
  first_asked_at: Timestamp;
  last_asked_at: Timestamp;
  dismissed_at: Timestamp | null;
  dismissed_by: number | null;
}

export type ReferralStatus = 'submitted' | 'assigned' | 'answered' | 'closed';

export interface ReferralsTable {
  id: Generated<number>;
  org_id: number;
  tracking_no: string;
  access_code_hash: string;
  question: string;
  status: ReferralStatus;
  account_id: number | null;
  /** The asker's name and e-mail, sealed (AES-256-GCM) as one JSON document. */
  asker_sealed: string | null;
  asker_masked: Generated<string>;
  email_masked: Generated<string>;
  submitted_at: Timestamp;
  submitted_on: DateString;
  due_on: DateString;
  due_provisional: Generated<boolean>;
  /** { from, days, dueOn, provisional, explanation, calendarVersion }: the deadline with its inputs. */
  deadline: ColumnType<unknown, string, string>;
  /** The best matches when it was sent: what the department sees the asker was already shown. */
  suggestions: ColumnType<unknown, string | undefined, string>;
  assignee_id: number | null;
  answer_html: Generated<string>;
  answer_text: Generated<string>;
  answered_at: Timestamp | null;
  answered_by: number | null;
  closed_at: Timestamp | null;
  close_reason: Generated<string>;
  qa_id: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** { suggestedOrgId, reason, chosenOrgId }: the department the platform suggested and why (migration 0021). */
  routing: ColumnType<unknown, string | undefined, string>;
  /** The place (area or organization) the asker chose on the form, if any. */
  place_org_id: Generated<number | null>;
}

/** A smart answer rated by its reader (这个回答有帮助吗？), the question masked of personal data. */
export interface AnswerFeedbackTable {
  id: Generated<number>;
  question: string;
  helpful: boolean;
  confident: boolean;
  /** The cited sources' ids (qa:ID, a corpus id, document:ID …) as shown. */
  source_ids: ColumnType<string[], string, string>;
  created_at: Timestamp;
}

// The tracked-case seam's tables ride along here, so the Database type needs no edit of its own.
export interface AskTables extends TrackedCaseTables {
  answer_feedback: AnswerFeedbackTable;
  document_clauses: DocumentClausesTable;
  ask_synonyms: AskSynonymsTable;
  ask_questions: AskQuestionsTable;
  referrals: ReferralsTable;
}
