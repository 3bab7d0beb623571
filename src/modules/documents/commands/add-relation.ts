import { recordEvent } from '../../../platform/audit/audit.js';
import type { Actor } from '../../../platform/auth/sessions.js';
import { hasRole } from '../../../platform/auth/scope.js';
import { inTransaction, type CommandContext } from '../../../platform/http/command.js';
import { ForbiddenError, NotFoundError, RuleError } from '../../../platform/http/errors.js';
import { EDITOR_ROLES } from '../../../platform/content/lifecycle.js';
import type { ValidityEventKind } from '../domain/validity.js';
import { refreshDocumentValidity } from './document-state.js';

/**
 * Marks that `byDocumentId` amends, partly repeals, repeals or replaces `documentId` from a date
 * (or, with no source document, that it was declared expired). The target's validity is derived
 * again at once, and its page then names the source document (国办发〔2017〕47号 "文件资料").
 */
export async function addRelation(
  ctx: CommandContext,
  actor: Actor,
  a: { documentId: number; byDocumentId: number | null; kind: ValidityEventKind; effectiveOn: string; note: string },
): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const target = await trx.selectFrom('documents').select(['id', 'org_id', 'status', 'written_on']).where('id', '=', a.documentId).forUpdate().executeTakeFirst();
    if (!target) throw new NotFoundError('文件不存在');
    if (!hasRole(actor, target.org_id, EDITOR_ROLES)) throw new ForbiddenError('您没有修改该文件效力的权限。');
    if (a.kind !== 'declare_expired' && a.byDocumentId === null) throw new RuleError('请指明是哪份文件修改或废止了本文件', 'byDocument');
    if (a.byDocumentId !== null) {
      if (a.byDocumentId === a.documentId) throw new RuleError('文件不能修改或废止它自己', 'byDocument');
      const source = await trx.selectFrom('documents').select(['id', 'status']).where('id', '=', a.byDocumentId).executeTakeFirst();
      if (!source) throw new RuleError('找不到作为依据的文件', 'byDocument');
      if (source.status !== 'published') throw new RuleError('作为依据的文件尚未发布，发布后才能据此修改或废止其他文件', 'byDocument');
    }
    if (target.written_on && a.effectiveOn < target.written_on) throw new RuleError('生效日期不能早于本文件的成文日期', 'effectiveOn');
    const row = await trx
      .insertInto('document_relations')
      .values({ document_id: a.documentId, by_document_id: a.byDocumentId, kind: a.kind, effective_on: a.effectiveOn, note: a.note, created_by: actor.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    const r = await refreshDocumentValidity(trx, a.documentId, ctx.clock.today());
    await recordEvent(trx, { actor: ctx.actor, action: 'document.relation_add', entityType: 'document', entityId: a.documentId, orgId: target.org_id, after: { relationId: row.id, ...a, validity: r.validity }, at: ctx.clock.now() });
  });
}
