import type { Kysely, Transaction } from 'kysely';
import type { Database, LetterKind } from '../../db/schema.js';
import type { Sealer } from '../../platform/crypto/sealer.js';
import type { RequestCase, RequestRow } from './case.js';
import { composeLetter, type LetterContext, type LetterDetails } from './letters/compose.js';
import type { LetterText } from './letters/layout.js';
import { toChinaDate } from '../../platform/clock/clock.js';
import type { ApplicantData } from './schemas.js';

/**
 * The letters of a case: composed from the templates with the case's facts, stored as text (the
 * text sent is the record), rendered to DOCX and HTML when read. The applicant's name is never
 * stored in a letter: the salutation is filled in from the sealed applicant when it is shown.
 */
type Db = Kysely<Database> | Transaction<Database>;

const LETTER_SUFFIX: Record<LetterKind, string> = { receipt: '登', correction: '补', consultation: '征', extension: '延', fee: '费', reply: '答', transfer: '转' };

export async function letterContext(db: Db, c: Pick<RequestCase, 'row' | 'org'>, sealer: Sealer, date: string): Promise<LetterContext> {
  const org = await db.selectFrom('organizations').select(['name', 'address', 'phone', 'postcode', 'parent_id', 'kind']).where('id', '=', c.org.id).executeTakeFirstOrThrow();
  const parent = org.parent_id ? await db.selectFrom('organizations').select(['name', 'kind']).where('id', '=', org.parent_id).executeTakeFirst() : null;
  const applicant = sealer.unseal<ApplicantData>(c.row.applicant_sealed);
  return {
    org: { name: org.name, address: org.address, phone: org.phone, postcode: org.postcode },
    remedies: { reviewBody: reviewBodyFor(org.kind, parent?.name ?? null), court: '有管辖权的人民法院' },
    request: {
      trackingNo: c.row.tracking_no, receivedOn: c.row.received_on, submittedOn: toChinaDate(c.row.submitted_at), subject: c.row.subject,
      docNumber: c.row.doc_number, description: c.row.description, provideForm: c.row.provide_form, deliveryMethod: c.row.delivery_method,
    },
    applicantName: applicant.name,
    date,
  };
}

/**
 * Where administrative review lies (行政复议法 2023 第二十四条): a department's decisions go to the
 * people's government at its level; a government's to the government above it.
 */
function reviewBodyFor(kind: string, parentName: string | null): string {
  if (kind === 'department' || kind === 'office') return parentName ?? '本级人民政府';
  return parentName ?? '上一级人民政府';
}

/** Composes and stores a letter (a reply starts as a draft; notices go out at once). */
export async function issueLetter(
  trx: Transaction<Database>,
  c: Pick<RequestCase, 'row' | 'org'>,
  sealer: Sealer,
  details: LetterDetails,
  opts: { date: string; actorId: number | null; status: 'draft' | 'sent'; body?: string; addressee?: string | null; draftId?: number; at: Date },
): Promise<number> {
  const composed = composeLetter(await letterContext(trx, c, sealer, opts.date), details);
  const body = opts.body?.trim() || composed.body;
  // A draft is rewritten in place: it keeps its number and its links.
  if (opts.draftId) {
    await trx
      .updateTable('request_letters')
      .set({ title: composed.title, body, outcome: details.kind === 'reply' ? details.outcome : null, updated_at: opts.at })
      .where('id', '=', opts.draftId)
      .where('status', '=', 'draft')
      .execute();
    return opts.draftId;
  }
  const n = await trx.selectFrom('request_letters').select(({ fn }) => fn.countAll<number>().as('n')).where('request_id', '=', c.row.id).executeTakeFirstOrThrow();
  const row = await trx
    .insertInto('request_letters')
    .values({
      request_id: c.row.id,
      kind: details.kind,
      org_id: c.org.id,
      letter_no: `${c.row.tracking_no}-${LETTER_SUFFIX[details.kind]}${Number(n.n) + 1}`,
      addressee: opts.addressee ?? null,
      title: composed.title,
      body,
      outcome: details.kind === 'reply' ? details.outcome : null,
      status: opts.status,
      sent_on: opts.status === 'sent' ? opts.date : null,
      created_by: opts.actorId,
      created_at: opts.at,
      updated_at: opts.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface ShownLetter extends LetterText {
  id: number;
  kind: LetterKind;
  /** For a draft, the date is the day it was last edited; for a sent letter, the day it was sent. */
  status: 'draft' | 'sent';
}

/** A stored letter ready to show or render, its salutation filled from the sealed applicant. */
export async function showLetter(db: Db, request: RequestRow, letterId: number, sealer: Sealer, opts: { maskApplicant?: boolean } = {}): Promise<ShownLetter | null> {
  const l = await db.selectFrom('request_letters').selectAll().where('id', '=', letterId).where('request_id', '=', request.id).executeTakeFirst();
  if (!l) return null;
  // Signed by the organization that issued it, which a transfer may have made another than the case's now.
  const org = await db.selectFrom('organizations').select('name').where('id', '=', l.org_id ?? request.org_id).executeTakeFirstOrThrow();
  // Legal dates are China Standard Time dates (a submission at 07:00 in Beijing is 23:00 UTC the day before).
  const date = l.sent_on ?? toChinaDate(l.updated_at);
  // Only the organization's handlers (and the applicant) see the applicant's name in clear.
  const name = l.addressee ?? (opts.maskApplicant ? request.applicant_masked : sealer.unseal<ApplicantData>(request.applicant_sealed).name);
  // A sent reply lists what it provided when it went out; a draft, what the case holds now.
  const attachments = l.kind !== 'reply' ? [] : (l.attachments ?? (await replyMaterialNames(db, request.id)));
  return { id: l.id, kind: l.kind, title: l.title, letterNo: l.letter_no, salutation: name, body: l.body, closing: '', orgName: org.name, date, status: l.status, attachments };
}

/** What a reply provides, as its letter lists it: the files, then the linked published documents. */
export async function replyMaterialNames(db: Db, requestId: number): Promise<string[]> {
  const [files, docs] = await Promise.all([
    db.selectFrom('request_attachments').select('file_name').where('request_id', '=', requestId).where('for_reply', '=', true).orderBy('id').execute(),
    db.selectFrom('request_documents as rd').innerJoin('documents as d', 'd.id', 'rd.document_id').select(['d.title', 'd.doc_no']).where('rd.request_id', '=', requestId).orderBy('d.id').execute(),
  ]);
  return [...files.map((f) => f.file_name), ...docs.map((d) => `《${d.title.replace(/^《|》$/gu, '')}》${d.doc_no ? `（${d.doc_no}）` : ''}`)];
}
