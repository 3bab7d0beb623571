import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { createWorkingCalendar, type WorkingCalendar } from './working-calendar.js';

/**
 * The working-day calendar with the administrator's overrides and confirmed years from the
 * database (DESIGN "Time and law"). Built once per process and rebuilt when the `calendar_version`
 * setting moves on: every change bumps it in its own transaction, whichever instance makes it.
 */
export const CALENDAR_VERSION_KEY = 'calendar_version';

let cached: { version: string; calendar: WorkingCalendar } | null = null;

export async function loadWorkingCalendar(db: Kysely<Database>): Promise<WorkingCalendar> {
  // The version first, then the tables: data read after it is at least as new as the key it is kept under.
  const row = await db.selectFrom('settings').select('value').where('key', '=', CALENDAR_VERSION_KEY).executeTakeFirst();
  const version = row?.value ?? '0';
  if (cached?.version === version) return cached.calendar;
  const calendar = await readWorkingCalendar(db);
  cached = { version, calendar };
  return calendar;
}

/** The calendar as the given connection or transaction sees it now, without the cache. */
export async function readWorkingCalendar(db: Kysely<Database>): Promise<WorkingCalendar> {
  const overrides = await db.selectFrom('calendar_overrides').select(['day', 'working', 'note']).orderBy('day').execute();
  const years = await db.selectFrom('calendar_years').select('year').orderBy('year').execute();
  return createWorkingCalendar({
    overrides: overrides.map((o) => ({ day: String(o.day), working: o.working, note: o.note })),
    confirmedYears: years.map((y) => Number(y.year)),
  });
}

/**
 * Marks the calendar changed (call inside the transaction that changes it). The value is a counter
 * with a random tail, so a version seen inside a transaction that was then rolled back can never
 * come back with other data behind it.
 */
export async function bumpCalendarVersion(trx: Transaction<Database>): Promise<void> {
  await sql`insert into settings (key, value) values (${CALENDAR_VERSION_KEY}, '1:' || md5(random()::text))
            on conflict (key) do update
            set value = (split_part(settings.value, ':', 1)::bigint + 1)::text || ':' || md5(random()::text)`.execute(trx);
}
