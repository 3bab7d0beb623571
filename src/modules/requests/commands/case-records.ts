import type { AppealKind, AppealResult } from '../../../db/schema.js';
import { recordEvent } from '../../../platform/audit/audit.js';
import { inTransaction, type CommandContext } from '../../../platform/http/command.js';
import { NotFoundError, RuleError } from '../../../platform/http/errors.js';
import type { Sealer } from '../../../platform/crypto/sealer.js';
import type { ApplicantData } from '../schemas.js';
import { replyEditRefusal } from './reply-materials.js';
import { addEvent } from './request-action.js';

/**
 * Records kept with a case that do not move it: the published information that answers it
 * (条例 第三十六条第一项), appeals against its reply with their results, and every look at the
 * applicant's personal data.
 */
export async function linkDocument(ctx: CommandContext, requestId: number, documentId: number): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const doc = await trx.selectFrom('documents').select(['id', 'title', 'status']).where('id', '=', documentId).executeTakeFirst();
    if (!doc || doc.status !== 'published') throw new RuleError('只能关联已公开发布的文件', 'documentId');
    const req = await trx.selectFrom('requests').select(['id', 'org_id', 'status']).where('id', '=', requestId).forUpdate().executeTakeFirstOrThrow();
    // A linked document is part of the reply: it changes only while the reply does.
    const notNow = replyEditRefusal(req.status);
    if (notNow) throw new RuleError(notNow, 'documentId');
    const added = await trx.insertInto('request_documents').values({ request_id: requestId, document_id: documentId }).onConflict((oc) => oc.doNothing()).executeTakeFirst();
    if (Number(added.numInsertedOrUpdatedRows ?? 0) === 0) return;
    await addEvent(trx, ctx, requestId, 'document_linked', ctx.clock.today(), { documentId, title: doc.title }, false);
    await recordEvent(trx, { actor: ctx.actor, action: 'request.link_document', entityType: 'request', entityId: requestId, orgId: req.org_id, after: { documentId }, at: ctx.clock.now() });
  });
}

/** Takes a linked document off the reply before it is sent. */
export async function unlinkDocument(ctx: CommandContext, requestId: number, documentId: number): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const req = await trx.selectFrom('requests').select(['id', 'org_id', 'status']).where('id', '=', requestId).forUpdate().executeTakeFirstOrThrow();
    const notNow = replyEditRefusal(req.status);
    if (notNow) throw new RuleError(notNow, 'documentId');
    const removed = await trx.deleteFrom('request_documents').where('request_id', '=', requestId).where('document_id', '=', documentId).executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) throw new NotFoundError('该文件未关联本申请');
    await addEvent(trx, ctx, requestId, 'document_unlinked', ctx.clock.today(), { documentId }, false);
    await recordEvent(trx, { actor: ctx.actor, action: 'request.link_document', entityType: 'request', entityId: requestId, orgId: req.org_id, before: { documentId }, after: null, at: ctx.clock.now() });
  });
}

export interface AppealInput {
  kind: AppealKind;
  filedOn: string;
  result: AppealResult;
  decidedOn: string | null;
  note: string | null;
}

/** Adds an appeal, or updates its result once decided (维持, 纠正, 其他, 尚未审结). */
export async function recordAppeal(ctx: CommandContext, requestId: number, input: AppealInput, appealId: number | null = null): Promise<void> {
  if (input.result === 'pending' && input.decidedOn) throw new RuleError('尚未审结的，不应填写审结日期', 'decidedOn');
  if (input.result !== 'pending' && !input.decidedOn) throw new RuleError('已审结的，请填写审结日期', 'decidedOn');
  if (input.decidedOn && input.decidedOn < input.filedOn) throw new RuleError('审结日期不能早于申请或起诉日期', 'decidedOn');
  if (input.filedOn > ctx.clock.today()) throw new RuleError('申请或起诉日期不能晚于今天', 'filedOn');
  await inTransaction(ctx, async (trx) => {
    const req = await trx.selectFrom('requests').select(['id', 'org_id', 'closed_on']).where('id', '=', requestId).forUpdate().executeTakeFirstOrThrow();
    if (!req.closed_on) throw new RuleError('申请答复后才能登记行政复议或诉讼');
    const values = { kind: input.kind, filed_on: input.filedOn, result: input.result, decided_on: input.decidedOn, note: input.note ?? '' };
    if (appealId) {
      const r = await trx.updateTable('request_appeals').set(values).where('id', '=', appealId).where('request_id', '=', requestId).executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw new NotFoundError('该复议或诉讼记录不存在');
    } else await trx.insertInto('request_appeals').values({ ...values, request_id: requestId, created_by: ctx.actor.id }).execute();
    await addEvent(trx, ctx, requestId, 'appeal_recorded', input.filedOn, { kind: input.kind, result: input.result }, false);
    await recordEvent(trx, { actor: ctx.actor, action: 'request.appeal_record', entityType: 'request', entityId: requestId, orgId: req.org_id, after: values, at: ctx.clock.now() });
  });
}

/** The applicant's data in clear, for a handler of the organization; the look itself is audited. */
export async function revealApplicant(ctx: CommandContext & { sealer: Sealer }, requestId: number, purpose: string): Promise<ApplicantData> {
  return inTransaction(ctx, async (trx) => {
    const req = await trx.selectFrom('requests').select(['id', 'org_id', 'applicant_sealed']).where('id', '=', requestId).executeTakeFirstOrThrow();
    await recordEvent(trx, { actor: ctx.actor, action: 'request.personal_data_view', entityType: 'request', entityId: requestId, orgId: req.org_id, after: { purpose }, at: ctx.clock.now() });
    return ctx.sealer.unseal<ApplicantData>(req.applicant_sealed);
  });
}
