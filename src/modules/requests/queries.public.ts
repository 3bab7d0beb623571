import type { Kysely } from 'kysely';
import type { Database, LetterKind } from '../../db/schema.js';
import { searchDocuments } from '../documents/public.js';
import type { RequestRow } from './case.js';
import type { ClockState } from './domain/clock.js';

/**
 * What the applicant's pages read: a request by its tracking number, the events and letters the
 * applicant may see, and published documents that may already answer an application. Staff names,
 * internal steps and letters to third parties never leave here.
 */
type Db = Kysely<Database>;

export interface PublicRequest {
  row: RequestRow;
  orgName: string;
  orgPhone: string;
  clock: ClockState | null;
}

export async function findRequestByTrackingNo(db: Db, trackingNo: string): Promise<PublicRequest | null> {
  const row = await db.selectFrom('requests').selectAll().where('tracking_no', '=', trackingNo).executeTakeFirst();
  if (!row) return null;
  const org = await db.selectFrom('organizations').select(['name', 'phone']).where('id', '=', row.org_id).executeTakeFirstOrThrow();
  const clock = row.clock && typeof row.clock === 'object' && 'explanation' in row.clock ? (row.clock as ClockState) : null;
  return { row, orgName: org.name, orgPhone: org.phone, clock };
}

export interface OrgOption {
  id: number;
  slug: string;
  name: string;
  /** Levels below a top organization, for indenting the list. */
  depth: number;
}

/** Every organization that may receive an application, as a tree in display order. */
export async function listOrganizationOptions(db: Db): Promise<OrgOption[]> {
  const rows = await db.selectFrom('organizations').select(['id', 'parent_id', 'name', 'slug']).where('successor_id', 'is', null).orderBy('position').orderBy('id').execute();
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<number | null, typeof rows>();
  for (const r of rows) {
    const parent = r.parent_id !== null && ids.has(r.parent_id) ? r.parent_id : null;
    children.set(parent, [...(children.get(parent) ?? []), r]);
  }
  const out: OrgOption[] = [];
  const walk = (parent: number | null, depth: number) => {
    for (const r of children.get(parent) ?? []) {
      out.push({ id: r.id, slug: r.slug, name: r.name, depth });
      if (depth < 8) walk(r.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export interface ApplicantEvent {
  kind: string;
  on: string;
  /** For an intake at the counter, by post or fax: the channel. Nothing else of the details. */
  channel: string | null;
}

/** The events marked visible to the applicant, oldest first, reduced to their kind and date. */
export async function listApplicantEvents(db: Db, requestId: number): Promise<ApplicantEvent[]> {
  const rows = await db
    .selectFrom('request_events')
    .select(['kind', 'on_date', 'details'])
    .where('request_id', '=', requestId)
    .where('visible_to_applicant', '=', true)
    .orderBy('id')
    .execute();
  return rows.map((e) => {
    const channel = e.kind === 'intake' ? (e.details as { channel?: unknown } | null)?.channel : null;
    return { kind: e.kind, on: e.on_date, channel: typeof channel === 'string' ? channel : null };
  });
}

export interface ApplicantLetter {
  id: number;
  kind: LetterKind;
  title: string;
  letterNo: string;
  sentOn: string | null;
}

/** Letters sent to the applicant: not drafts, and not letters to a consulted party. */
export async function listApplicantLetters(db: Db, requestId: number): Promise<ApplicantLetter[]> {
  const rows = await db
    .selectFrom('request_letters')
    .select(['id', 'kind', 'title', 'letter_no', 'sent_on'])
    .where('request_id', '=', requestId)
    .where('status', '=', 'sent')
    .where('addressee', 'is', null)
    .where('kind', '!=', 'consultation')
    .orderBy('id')
    .execute();
  return rows.map((l) => ({ id: l.id, kind: l.kind, title: l.title, letterNo: l.letter_no, sentOn: l.sent_on }));
}

export interface DocumentSuggestion {
  id: number;
  title: string;
  docNo: string | null;
  publishedOn: string | null;
}

export const MAX_SUGGESTIONS = 5;

/**
 * Published documents that may already hold what is asked for (条例 第三十六条第一项: information
 * already disclosed is answered by saying where it is): by the document number when one is given,
 * then by the name of the information.
 */
export async function suggestDocuments(db: Db, subject: string, docNumber: string, limit = MAX_SUGGESTIONS): Promise<DocumentSuggestion[]> {
  const found = new Map<number, DocumentSuggestion>();
  for (const q of [docNumber.trim(), subject.trim()].filter(Boolean)) {
    if (found.size >= limit) break;
    const r = await searchDocuments(db, {
      q, docTypes: [], issuers: [], years: [], topics: [], audiences: [], validities: [], orgs: [], sort: 'relevance', page: 1, pageSize: limit,
    });
    for (const d of r.items) if (found.size < limit && !found.has(d.id)) found.set(d.id, { id: d.id, title: d.title, docNo: d.docNo, publishedOn: d.publishedOn });
  }
  return [...found.values()];
}

/** Published documents a handler may link to a reply, found by the library's search. */
export const LINK_SEARCH_LIMIT = 10;
export function findDocumentsToLink(db: Db, q: string): Promise<DocumentSuggestion[]> {
  return suggestDocuments(db, q, '', LINK_SEARCH_LIMIT);
}

/** Whether the reply has gone out: before that, nothing it provides is shown to the applicant. */
async function replySent(db: Db, requestId: number): Promise<boolean> {
  const sent = await db.selectFrom('request_letters').select('id').where('request_id', '=', requestId).where('kind', '=', 'reply').where('status', '=', 'sent').executeTakeFirst();
  return sent !== undefined;
}

export interface SentReplyMaterials {
  files: { id: number; fileName: string; sizeBytes: number }[];
  documents: { id: number; title: string; docNo: string | null }[];
}

/** What the sent reply provides, for the tracking page; empty until the reply is sent. */
export async function listSentReplyMaterials(db: Db, requestId: number): Promise<SentReplyMaterials> {
  if (!(await replySent(db, requestId))) return { files: [], documents: [] };
  const [files, documents] = await Promise.all([
    db.selectFrom('request_attachments').select(['id', 'file_name', 'size_bytes']).where('request_id', '=', requestId).where('for_reply', '=', true).orderBy('id').execute(),
    // Only what is still published: a document withdrawn since is not offered.
    db.selectFrom('request_documents as rd').innerJoin('documents as d', 'd.id', 'rd.document_id').select(['d.id', 'd.title', 'd.doc_no']).where('rd.request_id', '=', requestId).where('d.status', '=', 'published').orderBy('d.id').execute(),
  ]);
  return { files: files.map((f) => ({ id: f.id, fileName: f.file_name, sizeBytes: Number(f.size_bytes) })), documents: documents.map((d) => ({ id: d.id, title: d.title, docNo: d.doc_no })) };
}

/** One of the sent reply's files, or null (before the reply is sent, or not this case's). */
export async function findSentReplyFile(db: Db, requestId: number, attachmentId: number) {
  if (!(await replySent(db, requestId))) return null;
  return (await db.selectFrom('request_attachments').selectAll().where('id', '=', attachmentId).where('request_id', '=', requestId).where('for_reply', '=', true).executeTakeFirst()) ?? null;
}
