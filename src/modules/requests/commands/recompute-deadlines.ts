import type { Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { WorkingCalendar } from '../../../platform/calendar/working-calendar.js';
import { toChinaDate } from '../../../platform/clock/clock.js';
import { OPEN_STATUSES } from '../domain/workflow.js';
import { storeClock } from './request-action.js';

/**
 * After a calendar change, folds the clock of every open request again with the new calendar
 * (each deadline is stored with its inputs, so this is a recomputation, not a guess). A request
 * whose deadline moves gets an event saying from what to what. Returns how many moved.
 */
export async function recomputeOpenDeadlines(trx: Transaction<Database>, calendar: WorkingCalendar, now: Date): Promise<number> {
  const today = toChinaDate(now);
  const open = await trx.selectFrom('requests').select(['id', 'due_on', 'due_provisional']).where('status', 'in', OPEN_STATUSES).where('received_on', 'is not', null).execute();
  let moved = 0;
  for (const r of open) {
    const clock = await storeClock(trx, r.id, calendar, today);
    if (clock.dueOn === r.due_on && clock.provisional === r.due_provisional) continue;
    moved++;
    await trx
      .insertInto('request_events')
      .values({ request_id: r.id, kind: 'deadline_recomputed', on_date: today, at: now, actor_id: null, actor_label: '系统（节假日安排调整）', details: JSON.stringify({ from: r.due_on, to: clock.dueOn, provisional: clock.provisional }) })
      .execute();
  }
  return moved;
}

