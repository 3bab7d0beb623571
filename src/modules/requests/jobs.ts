import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { loadWorkingCalendar } from '../../platform/calendar/store.js';
import type { Clock } from '../../platform/clock/clock.js';
import { nextChinaMidnight, type JobHandler } from '../../platform/jobs/runner.js';
import { DUE_SOON_DAYS } from './domain/clock.js';
import { OPEN_STATUSES } from './domain/workflow.js';

/**
 * Reminders before deadlines: once a day, every open request due within DUE_SOON_DAYS working
 * days gets a "due soon" reminder and every overdue one an "overdue" reminder — one per request,
 * kind and deadline, so a rerun (or a second instance) adds nothing. The workbench lists the
 * unseen ones for the organization's handlers.
 */
export async function remindDeadlines(db: Kysely<Database>, clock: Clock): Promise<number> {
  const today = clock.today();
  const soon = (await loadWorkingCalendar(db)).addWorkingDays(today, DUE_SOON_DAYS);
  const r = await sql`
    insert into request_reminders (request_id, kind, due_on, created_at)
    select id, case when due_on < ${today} then 'overdue' else 'due_soon' end, due_on, ${clock.now()}
    from requests
    where status in (${sql.join(OPEN_STATUSES)}) and due_on is not null and due_on <= ${soon}
    on conflict do nothing`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

export function requestJobHandlers(db: Kysely<Database>, clock: Clock): Record<string, JobHandler> {
  return {
    'request-reminders': {
      async run() {
        await remindDeadlines(db, clock);
      },
      next: nextChinaMidnight,
    },
  };
}
