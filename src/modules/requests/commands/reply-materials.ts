import type { RequestStatus } from '../../../db/schema.js';
import { recordEvent } from '../../../platform/audit/audit.js';
import { inTransaction, type CommandContext } from '../../../platform/http/command.js';
import type { Upload } from '../../../platform/files/uploads.js';
import { NotFoundError, RuleError } from '../../../platform/http/errors.js';
import { checkRequestAttachments, storeRequestAttachments } from './request-attachments.js';
import { addEvent, type RequestCommandContext } from './request-action.js';

/**
 * What a reply provides besides its letter: the information itself as files, and published
 * documents that hold it (条例 第三十六条第一项、第二项). They are part of the reply, so they change
 * only while the reply does, and the applicant receives them with it, never before.
 */

/** Why the reply (its letter, files and linked documents) cannot change in this state, or null. */
export function replyEditRefusal(status: RequestStatus): string | null {
  if (status === 'reply_review' || status === 'reply_approved') return '答复已提交审核，退回后才能修改';
  if (status === 'pending') return '申请登记受理后才能拟写答复';
  if (!['handling', 'awaiting_correction', 'consulting', 'extension_pending', 'awaiting_fee'].includes(status)) return '答复已经发出或申请已办结，不能再修改答复';
  return null;
}

export async function addReplyFiles(ctx: RequestCommandContext, requestId: number, uploads: Upload[]): Promise<number> {
  if (uploads.length === 0) throw new RuleError('请选择要随答复提供的文件', 'attachments');
  return inTransaction(ctx, async (trx) => {
    const req = await trx.selectFrom('requests').select(['id', 'org_id', 'status']).where('id', '=', requestId).forUpdate().executeTakeFirst();
    if (!req) throw new NotFoundError('申请不存在，或您无权查看。');
    const refused = replyEditRefusal(req.status);
    if (refused) throw new RuleError(refused, 'attachments');
    const n = await trx.selectFrom('request_attachments').select(({ fn }) => fn.countAll<number>().as('n')).where('request_id', '=', requestId).where('for_reply', '=', true).executeTakeFirstOrThrow();
    const problem = checkRequestAttachments(uploads, ctx.maxUploadBytes, 'reply', Number(n.n));
    if (problem) throw new RuleError(problem, 'attachments');
    const eventId = await addEvent(trx, ctx, requestId, 'reply_files_added', ctx.clock.today(), { files: uploads.map((u) => u.fileName) }, false);
    await storeRequestAttachments(trx, ctx, requestId, uploads, false, eventId, true);
    await recordEvent(trx, { actor: ctx.actor, action: 'request.reply_file_add', entityType: 'request', entityId: requestId, orgId: req.org_id, after: { files: uploads.map((u) => ({ name: u.fileName, sha256: u.sha256 })) }, at: ctx.clock.now() });
    return uploads.length;
  });
}

/** Takes a file off the reply before it is sent; the stored bytes stay (content-addressed, maybe shared). */
export async function removeReplyFile(ctx: CommandContext, requestId: number, attachmentId: number): Promise<string> {
  return inTransaction(ctx, async (trx) => {
    const req = await trx.selectFrom('requests').select(['id', 'org_id', 'status']).where('id', '=', requestId).forUpdate().executeTakeFirstOrThrow();
    const refused = replyEditRefusal(req.status);
    if (refused) throw new RuleError(refused);
    const a = await trx.deleteFrom('request_attachments').where('id', '=', attachmentId).where('request_id', '=', requestId).where('for_reply', '=', true).returning(['file_name']).executeTakeFirst();
    if (!a) throw new NotFoundError('该文件不存在，或已移除。');
    await addEvent(trx, ctx, requestId, 'reply_file_removed', ctx.clock.today(), { file: a.file_name }, false);
    await recordEvent(trx, { actor: ctx.actor, action: 'request.reply_file_remove', entityType: 'request', entityId: requestId, orgId: req.org_id, before: { attachmentId, name: a.file_name }, at: ctx.clock.now() });
    return a.file_name;
  });
}

/** Logs one download by the applicant, with its audit event, before the file is streamed. */
export async function recordReplyDownload(ctx: CommandContext, requestId: number, attachmentId: number, orgId: number): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    await trx.insertInto('request_downloads').values({ request_id: requestId, attachment_id: attachmentId, downloaded_at: ctx.clock.now(), ip: ctx.actor.ip ?? null }).execute();
    await recordEvent(trx, { actor: ctx.actor, action: 'request.reply_file_download', entityType: 'request', entityId: requestId, orgId, after: { attachmentId }, at: ctx.clock.now() });
  });
}
