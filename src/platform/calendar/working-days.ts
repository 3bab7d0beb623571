import { defaultCalendar } from './working-calendar.js';

/**
 * Working days (工作日) per the State Council holiday schedule, make-up working days (调休上班)
 * included, without an administrator's overrides: shorthands for `defaultCalendar` (see
 * working-calendar.ts). Code that must honour the overrides takes a WorkingCalendar instead
 * (loadWorkingCalendar in store.ts). Dates are 'YYYY-MM-DD' strings in China Standard Time.
 *
 * For a year the calendar package has no schedule for yet, weekends plus the statutory holidays
 * of 《全国年节及纪念日放假办法》 apply (see statutory-holidays.ts); such dates are provisional.
 */
export { addDays } from './dates.js';

export function isWorkingDay(date: string): boolean {
  return defaultCalendar.isWorkingDay(date);
}

/** The date `n` working days after `date` (not counting `date` itself); n = 0 gives `date`. */
export function addWorkingDays(date: string, n: number): string {
  return defaultCalendar.addWorkingDays(date, n);
}

/**
 * The working days after `a` up to and including `b`: addWorkingDays(a, n) = b gives n (for a
 * working day b). Negative when b is before a, 0 when they are equal.
 */
export function workingDaysBetween(a: string, b: string): number {
  return defaultCalendar.workingDaysBetween(a, b);
}
