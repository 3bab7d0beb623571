import type { Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { Upload } from '../../../platform/files/uploads.js';
import { RuleError } from '../../../platform/http/errors.js';
import { checkAttachment, storageKeyFor } from '../../documents/public.js';
import type { RequestCommandContext } from './request-action.js';

/** What an applicant may attach: proof of identity, a letter, a scan. */
export const REQUEST_ATTACHMENT_TYPES = ['pdf', 'docx', 'jpg', 'png'];
export const MAX_REQUEST_ATTACHMENTS = 5;

/**
 * What a handler may provide with a reply: the information itself, in the formats a document's
 * attachments accept (checked by their bytes the same way), up to this many files per reply.
 */
export const REPLY_FILE_TYPES = ['pdf', 'docx', 'xlsx', 'jpg', 'png', 'gif', 'webp'];
export const MAX_REPLY_FILES = 20;

const RULES = {
  applicant: { types: REQUEST_ATTACHMENT_TYPES, max: MAX_REQUEST_ATTACHMENTS },
  reply: { types: REPLY_FILE_TYPES, max: MAX_REPLY_FILES },
};

/** Why the uploads are refused, in Chinese, or null. Checked before anything is written. */
export function checkRequestAttachments(uploads: Upload[], maxBytes: number, kind: keyof typeof RULES = 'applicant', already = 0): string | null {
  const { types, max } = RULES[kind];
  if (uploads.length + already > max) return `附件最多 ${max} 个`;
  for (const u of uploads) {
    const problem = checkAttachment(u, maxBytes, types);
    if (problem) return problem;
  }
  return null;
}

export async function storeRequestAttachments(trx: Transaction<Database>, ctx: RequestCommandContext, requestId: number, uploads: Upload[], fromApplicant: boolean, eventId: number | null = null, forReply = false): Promise<void> {
  const problem = checkRequestAttachments(uploads, ctx.maxUploadBytes, forReply ? 'reply' : 'applicant');
  if (problem) throw new RuleError(problem, 'attachments');
  for (const u of uploads) {
    const key = storageKeyFor(u.sha256);
    // Moved before commit: a failed transaction leaves at most an unreferenced, content-addressed file.
    await ctx.storage.putFile(key, u.tempPath);
    await trx
      .insertInto('request_attachments')
      .values({ request_id: requestId, event_id: eventId, file_name: u.fileName, storage_key: key, mime_type: u.detected?.mime ?? u.declaredType, size_bytes: u.size, sha256: u.sha256, from_applicant: fromApplicant, for_reply: forReply })
      .execute();
  }
}
