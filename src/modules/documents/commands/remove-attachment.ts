import { recordEvent } from '../../../platform/audit/audit.js';
import type { Actor } from '../../../platform/auth/sessions.js';
import { hasRole } from '../../../platform/auth/scope.js';
import { inTransaction, type CommandContext } from '../../../platform/http/command.js';
import { ForbiddenError, NotFoundError, RuleError } from '../../../platform/http/errors.js';
import { EDITOR_ROLES } from '../../../platform/content/lifecycle.js';
import { writeVersion } from './versions.js';

/**
 * Takes an attachment off a document. The file stays in storage, because earlier versions list
 * it; the document gets a new version without it.
 */
export async function removeAttachment(ctx: CommandContext, actor: Actor, a: { documentId: number; attachmentId: number }): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const doc = await trx.selectFrom('documents').select(['id', 'org_id', 'current_version', 'status']).where('id', '=', a.documentId).forUpdate().executeTakeFirst();
    if (!doc) throw new NotFoundError('文件不存在');
    if (!hasRole(actor, doc.org_id, EDITOR_ROLES)) throw new ForbiddenError('您没有编辑该文件的权限。');
    // What reviewers approved, or the public sees, changes only through a reviewed draft.
    if (doc.status !== 'draft') throw new RuleError(doc.status === 'published' ? '已发布文件的附件请在修订稿中删除：先点“编辑”生成修订稿' : '只能在草稿状态下删除附件，请先退回或修改稿件');
    const att = await trx.selectFrom('attachments').select(['id', 'file_name']).where('id', '=', a.attachmentId).where('document_id', '=', a.documentId).where('removed_at', 'is', null).executeTakeFirst();
    if (!att) throw new NotFoundError('附件不存在或已删除');
    await trx.updateTable('attachments').set({ removed_at: ctx.clock.now() }).where('id', '=', att.id).execute();
    await trx.updateTable('documents').set({ current_version: doc.current_version + 1, updated_at: ctx.clock.now(), updated_by: actor.id }).where('id', '=', doc.id).execute();
    await writeVersion(trx, doc.id, actor.id, `删除附件：${att.file_name}`);
    await recordEvent(trx, { actor: ctx.actor, action: 'document.attachment_remove', entityType: 'document', entityId: doc.id, orgId: doc.org_id, before: { attachmentId: att.id, fileName: att.file_name }, at: ctx.clock.now() });
  });
}
