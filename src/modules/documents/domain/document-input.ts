import type { DisclosureAttribute } from '../../../db/schema.js';
import type { FieldErrors } from '../../../platform/http/errors.js';
import { parseDocNumber, type DocNumber } from './doc-number.js';
import { defaultExpiry } from './validity.js';

/** What a drafter submits for a document, after the form's field-level checks. */
export interface DocumentInput {
  orgId: number;
  /** null: the standard column for the document type. */
  catalogNodeId: number | null;
  title: string;
  docNo: string | null;
  issuers: string[];
  docType: string;
  topicId: number | null;
  audiences: string[];
  attribute: DisclosureAttribute;
  writtenOn: string | null;
  publishedOn: string | null;
  effectiveOn: string | null;
  expiresOn: string | null;
  bodyHtml: string;
  /** Staff's note on this save: kept in the internal version history, never public. */
  note: string;
  /** A revision's public change note (修订说明), reviewed with it and shown with its public edition. */
  changeNote?: string;
}

export interface CheckedDates {
  docNumber: DocNumber | null;
  expiresOn: string | null;
}

/**
 * Cross-field rules of a document: the 发文字号 per GB/T 9704 and the order of its dates.
 * Returns every problem at once, keyed by field, in words a clerk understands.
 */
export function checkDocumentInput(
  input: DocumentInput,
  today: string,
  terms: { normativeYears: number; provisionalYears: number },
): { ok: true; value: CheckedDates } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  let docNumber: DocNumber | null = null;
  if (input.docNo) {
    const parsed = parseDocNumber(input.docNo);
    if (parsed.ok) docNumber = parsed.value;
    else errors.docNo = parsed.error;
  }
  const { writtenOn, publishedOn, effectiveOn } = input;
  if (writtenOn && writtenOn > today) errors.writtenOn = '成文日期不能晚于今天';
  if (writtenOn && publishedOn && publishedOn < writtenOn) errors.publishedOn = '发布日期不能早于成文日期';
  if (writtenOn && effectiveOn && effectiveOn < writtenOn) errors.effectiveOn = '施行日期不能早于成文日期';
  const expiresOn = input.expiresOn ?? defaultExpiry({ docType: input.docType, title: input.title, effectiveOn: effectiveOn ?? publishedOn }, terms);
  const start = effectiveOn ?? publishedOn ?? writtenOn;
  if (input.expiresOn && start && input.expiresOn <= start) errors.expiresOn = '有效期至须晚于施行日期';
  if (input.issuers.length === 0) errors.issuers = '请填写发文机关';
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { docNumber, expiresOn } };
}

/** '国务院办公厅、财政部' → ['国务院办公厅', '财政部'] (joint issuance lists several organs). */
export function splitIssuers(s: string): string[] {
  return [...new Set(s.split(/[、，,；;\n]+/).map((x) => x.trim()).filter(Boolean))];
}
