import type { Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { recordEvent } from '../../../platform/audit/audit.js';
import type { Actor } from '../../../platform/auth/sessions.js';
import { hasRole } from '../../../platform/auth/scope.js';
import { inTransaction, type CommandContext } from '../../../platform/http/command.js';
import { ForbiddenError, NotFoundError, RuleError } from '../../../platform/http/errors.js';
import { findTransition, STATUS_LABELS } from '../domain/status.js';
import { refreshDocumentValidity } from './document-state.js';

/** Publishes a draft (one step for now; the review workflow will add its transitions). */
export async function publishDocument(ctx: CommandContext, actor: Actor, documentId: number): Promise<void> {
  await inTransaction(ctx, (trx) => publishInTransaction(trx, ctx, actor, documentId));
}

export async function publishInTransaction(trx: Transaction<Database>, ctx: CommandContext, actor: Actor, documentId: number): Promise<void> {
  const d = await trx.selectFrom('documents').select(['id', 'org_id', 'status', 'published_on', 'attribute']).where('id', '=', documentId).forUpdate().executeTakeFirst();
  if (!d) throw new NotFoundError('文件不存在');
  const t = findTransition('publish', d.status);
  if (!t) throw new RuleError(`文件当前状态为“${STATUS_LABELS[d.status]}”，不能发布`);
  if (!hasRole(actor, d.org_id, t.roles)) throw new ForbiddenError('只有发布人或管理员可以发布文件。');
  if (d.attribute === 'on_request' || d.attribute === 'not_public') {
    throw new RuleError('公开属性为“依申请公开”或“不予公开”的文件不能在门户发布（国办发〔2016〕80号）', 'attribute');
  }
  const today = ctx.clock.today();
  const publishedOn = d.published_on ?? today;
  await trx
    .updateTable('documents')
    .set({ status: t.to, published_on: publishedOn, year: Number(publishedOn.slice(0, 4)), published_at: ctx.clock.now() })
    .where('id', '=', documentId)
    .execute();
  await refreshDocumentValidity(trx, documentId, today);
  await recordEvent(trx, { actor: ctx.actor, action: 'document.publish', entityType: 'document', entityId: documentId, orgId: d.org_id, before: { status: d.status }, after: { status: t.to, published_on: publishedOn }, at: ctx.clock.now() });
}
