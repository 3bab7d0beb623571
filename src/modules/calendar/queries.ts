import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { chineseWeekday, dayOf, daysInYear } from '../../platform/calendar/dates.js';
import { packageHasYear } from '../../platform/calendar/statutory-holidays.js';
import { loadWorkingCalendar } from '../../platform/calendar/store.js';
import type { DayInfo } from '../../platform/calendar/working-calendar.js';

export type YearStatus = 'schedule' | 'confirmed' | 'provisional';

export interface SpecialDay extends DayInfo {
  weekday: string;
}

export interface CalendarYearPage {
  year: number;
  status: YearStatus;
  confirmation: { note: string; by: string | null; at: Date } | null;
  /** Month by month, the days that are not ordinary weekdays or weekends. */
  months: { month: number; days: SpecialDay[] }[];
  overrides: { day: string; working: boolean; note: string; by: string | null; at: Date }[];
  /** Other years with overrides or a confirmation, for the year switcher. */
  otherYears: { year: number; overrides: number; confirmed: boolean }[];
}

/** Everything the admin calendar page shows for one year. */
export async function loadCalendarYear(db: Kysely<Database>, year: number): Promise<CalendarYearPage> {
  const calendar = await loadWorkingCalendar(db);
  const confirmation =
    (await db
      .selectFrom('calendar_years as y')
      .leftJoin('staff as s', 's.id', 'y.confirmed_by')
      .select(['y.note', 's.display_name as by', 'y.confirmed_at as at'])
      .where('y.year', '=', year)
      .executeTakeFirst()) ?? null;
  const overrides = await db
    .selectFrom('calendar_overrides as o')
    .leftJoin('staff as s', 's.id', 'o.created_by')
    .select(['o.day', 'o.working', 'o.note', 's.display_name as by', 'o.created_at as at'])
    .where('o.day', '>=', `${year}-01-01`)
    .where('o.day', '<=', `${year}-12-31`)
    .orderBy('o.day')
    .execute();
  const others = await sql<{ year: number; overrides: number; confirmed: boolean }>`
    select year, sum(n)::int as overrides, bool_or(confirmed) as confirmed from (
      select extract(year from day)::int as year, 1 as n, false as confirmed from calendar_overrides
      union all
      select year, 0, true from calendar_years
    ) t where year <> ${year} group by year order by year`.execute(db);

  const months: CalendarYearPage['months'] = [];
  for (let i = 0; i < daysInYear(year); i++) {
    const day = dayOf(year, i);
    const info = calendar.describeDay(day);
    if (info.source === 'weekday' || info.source === 'weekend') continue;
    const month = Number(day.slice(5, 7));
    if (months.at(-1)?.month !== month) months.push({ month, days: [] });
    months.at(-1)!.days.push({ ...info, weekday: chineseWeekday(day) });
  }
  return {
    year,
    status: packageHasYear(year) ? 'schedule' : confirmation ? 'confirmed' : 'provisional',
    confirmation: confirmation && { note: confirmation.note, by: confirmation.by, at: confirmation.at },
    months,
    overrides: overrides.map((o) => ({ ...o, day: String(o.day) })),
    otherYears: others.rows.map((r) => ({ year: Number(r.year), overrides: Number(r.overrides), confirmed: Boolean(r.confirmed) })),
  };
}
