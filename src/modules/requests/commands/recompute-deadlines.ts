import type { Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { WorkingCalendar } from '../../../platform/calendar/working-calendar.js';
import { toChinaDate } from '../../../platform/clock/clock.js';
import { clockEventsOf, type RequestEventRow } from '../case.js';
import { CLOCK_EVENT_KINDS, computeClock, type ClockState } from '../domain/clock.js';
import { OPEN_STATUSES } from '../domain/workflow.js';
import { writeClock } from './request-action.js';

/**
 * After a calendar change, folds the clock of every open request again with the new calendar
 * (each deadline is stored with its inputs, so this is a recomputation, not a guess). The open
 * requests and their clock events are read in two queries; only a request whose clock changed is
 * written, and one whose deadline moved gets an event saying from what to what. Returns how many moved.
 */
export async function recomputeOpenDeadlines(trx: Transaction<Database>, calendar: WorkingCalendar, now: Date): Promise<number> {
  const today = toChinaDate(now);
  const openIds = trx.selectFrom('requests').select('id').where('status', 'in', OPEN_STATUSES).where('received_on', 'is not', null);
  const open = await trx
    .selectFrom('requests as r')
    .innerJoin('organizations as o', 'o.id', 'r.org_id')
    .select(['r.id', 'r.due_on', 'r.due_provisional', 'r.clock', 'o.request_fee_pauses_clock'])
    .where('r.id', 'in', openIds)
    .execute();
  if (open.length === 0) return 0;
  const events = await trx.selectFrom('request_events').select(['request_id', 'kind', 'on_date', 'details']).where('request_id', 'in', openIds).where('kind', 'in', CLOCK_EVENT_KINDS).orderBy('id').execute();
  const byRequest = new Map<number, Pick<RequestEventRow, 'kind' | 'on_date' | 'details'>[]>();
  for (const e of events) {
    const list = byRequest.get(e.request_id);
    if (list) list.push(e);
    else byRequest.set(e.request_id, [e]);
  }
  let moved = 0;
  for (const r of open) {
    const clock = computeClock(clockEventsOf(byRequest.get(r.id) ?? []), calendar, { feePausesClock: r.request_fee_pauses_clock }, today);
    const before = r.clock as Partial<ClockState>;
    if (before.dueOn === clock.dueOn && before.provisional === clock.provisional && before.explanation === clock.explanation) continue;
    await writeClock(trx, r.id, clock, false);
    if (clock.dueOn === r.due_on && clock.provisional === r.due_provisional) continue;
    moved++;
    await trx
      .insertInto('request_events')
      .values({ request_id: r.id, kind: 'deadline_recomputed', on_date: today, at: now, actor_id: null, actor_label: '系统（节假日安排调整）', details: JSON.stringify({ from: r.due_on, to: clock.dueOn, provisional: clock.provisional }) })
      .execute();
  }
  return moved;
}
