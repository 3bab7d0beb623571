import type { Transaction } from 'kysely';
import type { Database, RequestStatus } from '../../../db/schema.js';
import { recordEvent, type AuditAction } from '../../../platform/audit/audit.js';
import { loadWorkingCalendar } from '../../../platform/calendar/store.js';
import type { WorkingCalendar } from '../../../platform/calendar/working-calendar.js';
import type { Sealer } from '../../../platform/crypto/sealer.js';
import type { FileStorage } from '../../../platform/files/storage.js';
import { inTransaction, type CommandContext } from '../../../platform/http/command.js';
import { ForbiddenError, NotFoundError, RuleError } from '../../../platform/http/errors.js';
import { clockEventsOf, clockOf, loadCase, subjectOf } from '../case.js';
import { CLOCK_EVENT_KINDS, computeClock, type ClockState } from '../domain/clock.js';
import { findRequestTransition, REQUEST_ACTION_LABELS, requestRefusal, type RequestAction, type RequestActorKind } from '../domain/workflow.js';
import { ACTION_EFFECTS, type ActionInput } from './action-effects.js';

/** What request commands need beyond the database, clock and actor: the personal-data sealer and file storage. */
export interface RequestCommandContext extends CommandContext {
  sealer: Sealer;
  storage: FileStorage;
  maxUploadBytes: number;
}

export interface ActionResult {
  status: RequestStatus;
  message: string;
}

/**
 * Takes one step on a request: checks that the step is allowed in its state for this person
 * (domain/workflow.ts), applies its effect (an event, perhaps a letter), moves the status, folds
 * the clock again and stores the new deadline with its explanation, and records the audit event —
 * in one transaction with the request's row locked.
 */
export async function applyRequestAction(ctx: RequestCommandContext, requestId: number, by: readonly RequestActorKind[], input: ActionInput): Promise<ActionResult> {
  return inTransaction(ctx, async (trx) => {
    const c = await loadCase(trx, requestId, { lock: true });
    if (!c) throw new NotFoundError('申请不存在，或您无权查看。');
    const cal = await loadWorkingCalendar(trx);
    const today = ctx.clock.today();
    const before = clockOf(c, cal, today);
    const refused = requestRefusal(input.action, subjectOf(c, before, today), by);
    if (refused) throw refused.forbidden ? new ForbiddenError(refused.message) : new RuleError(refused.message);
    const t = findRequestTransition(input.action, c.row.status)!;

    const effect = await ACTION_EFFECTS[input.action](trx, { ctx, c, clock: before, cal, today }, input as never);
    await addEvent(trx, ctx, c.row.id, effect.event.kind, effect.event.on ?? today, effect.event.details ?? {}, effect.event.visible ?? true);
    const status = effect.status ?? (t.to === 'same' ? c.row.status : t.to);
    await trx.updateTable('requests').set({ status, updated_at: ctx.clock.now(), ...effect.set }).where('id', '=', c.row.id).execute();
    const closed = (effect.set?.closed_on ?? c.row.closed_on) != null;
    await storeClock(trx, c.row.id, { feePausesClock: c.org.feePausesClock, closed }, cal, today);
    await recordEvent(trx, { actor: ctx.actor, action: AUDIT[input.action], entityType: 'request', entityId: c.row.id, orgId: c.row.org_id, before: { status: c.row.status }, after: { status, ...(effect.audit ?? {}) }, at: ctx.clock.now() });
    return { status, message: effect.message ?? `已${REQUEST_ACTION_LABELS[input.action]}` };
  });
}

const AUDIT: Record<RequestAction, AuditAction> = {
  register: 'request.register',
  assign: 'request.assign',
  request_correction: 'request.correction_request',
  receive_correction: 'request.correction_receive',
  start_consultation: 'request.consultation_start',
  end_consultation: 'request.consultation_end',
  request_extension: 'request.extension_request',
  approve_extension: 'request.extension_approve',
  refuse_extension: 'request.extension_refuse',
  notify_fee: 'request.fee_notify',
  record_payment: 'request.fee_paid',
  submit_reply: 'request.reply_submit',
  return_reply: 'request.reply_return',
  approve_reply: 'request.reply_approve',
  send_reply: 'request.reply_send',
  record_delivery: 'request.deliver',
  archive: 'request.archive',
  withdraw: 'request.withdraw',
  transfer: 'request.transfer',
};

export async function addEvent(trx: Transaction<Database>, ctx: CommandContext, requestId: number, kind: string, on: string, details: object, visible = true): Promise<number> {
  const row = await trx
    .insertInto('request_events')
    .values({ request_id: requestId, kind, on_date: on, at: ctx.clock.now(), actor_id: ctx.actor.id, actor_label: ctx.actor.label, details: JSON.stringify(details), visible_to_applicant: visible })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Folds the clock again from the request's stored clock events and keeps the result with it. */
export async function storeClock(trx: Transaction<Database>, requestId: number, o: { feePausesClock: boolean; closed: boolean }, cal: WorkingCalendar, today: string): Promise<ClockState> {
  const events = await trx.selectFrom('request_events').select(['kind', 'on_date', 'details']).where('request_id', '=', requestId).where('kind', 'in', CLOCK_EVENT_KINDS).orderBy('id').execute();
  const clock = computeClock(clockEventsOf(events), cal, { feePausesClock: o.feePausesClock }, today);
  await writeClock(trx, requestId, clock, o.closed);
  return clock;
}

/** Keeps a folded clock with its request: the deadline for the workbench's index, and the whole state to explain it. */
export async function writeClock(trx: Transaction<Database>, requestId: number, clock: ClockState, closed: boolean): Promise<void> {
  await trx
    .updateTable('requests')
    .set({ due_on: closed ? null : clock.dueOn, due_provisional: !closed && clock.provisional, clock: JSON.stringify(clock) })
    .where('id', '=', requestId)
    .execute();
}
