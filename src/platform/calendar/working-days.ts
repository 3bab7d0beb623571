import cd from 'chinese-days';

/**
 * Working days (工作日) per the State Council holiday schedule, make-up working days (调休上班)
 * included, from the `chinese-days` package. Pure: dates in and out are 'YYYY-MM-DD' strings in
 * China Standard Time, never Date objects (the package reads a Date in the process's own time
 * zone, so a server on UTC would be a day off).
 *
 * The package's data ends with 2026 (it is updated when the State Council publishes the next
 * year's schedule, usually in November). For a later date it silently falls back to Monday–Friday
 * without holidays, and so does this module until the package is updated. The admin override
 * table for local or late changes (DESIGN "Time and law") is not built yet.
 */
// Named imports fail on Node 20 (the package is CommonJS): take the default export apart.
const { isWorkday } = cd;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 60 * 60 * 1000;
/** A bound on the day-by-day walk: 100 years of days, far beyond any legal deadline. */
const MAX_DAYS = 36_600;

export function isWorkingDay(date: string): boolean {
  const { table, index } = locate(date);
  return table.flags[index] === 1;
}

/** The date `n` working days after `date` (not counting `date` itself); n = 0 gives `date`. */
export function addWorkingDays(date: string, n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > MAX_DAYS) throw new RangeError(`working days must be a whole number from 0 to ${MAX_DAYS}: ${n}`);
  let d = checkDate(date);
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

/**
 * The working days after `a` up to and including `b`: addWorkingDays(a, n) = b gives n (for a
 * working day b). Negative when b is before a, 0 when they are equal.
 */
export function workingDaysBetween(a: string, b: string): number {
  if (b < a) return -workingDaysBetween(b, a);
  const from = locate(a);
  const to = locate(b);
  const span = (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS;
  if (span > MAX_DAYS) throw new RangeError(`date range too long: ${a} – ${b}`);
  if (from.year === to.year) return through(to) - through(from);
  let count = yearTable(from.year).total - through(from);
  for (let y = from.year + 1; y < to.year; y++) count += yearTable(y).total;
  return count + through(to);
}

/**
 * One year's working days, worked out once per process: the package takes microseconds a day,
 * and a report over many documents asks about the same days again and again.
 */
interface YearTable {
  /** 1 for a working day, by day of the year (0 = 1 January). */
  flags: Uint8Array;
  /** prefix[i]: working days among the first i days of the year. */
  prefix: Uint16Array;
  total: number;
}
const years = new Map<number, YearTable>();

function yearTable(year: number): YearTable {
  let t = years.get(year);
  if (t) return t;
  const start = Date.UTC(year, 0, 1);
  const days = Math.round((Date.UTC(year + 1, 0, 1) - start) / DAY_MS);
  const flags = new Uint8Array(days);
  const prefix = new Uint16Array(days + 1);
  for (let i = 0; i < days; i++) {
    flags[i] = isWorkday(new Date(start + i * DAY_MS).toISOString().slice(0, 10)) ? 1 : 0;
    prefix[i + 1] = prefix[i]! + flags[i]!;
  }
  t = { flags, prefix, total: prefix[days]! };
  years.set(year, t);
  return t;
}

function locate(date: string): { year: number; index: number; table: YearTable } {
  const year = Number(checkDate(date).slice(0, 4));
  if (year < 1900 || year > 2200) throw new RangeError(`date out of range: ${date}`);
  const index = Math.round((Date.parse(`${date}T00:00:00Z`) - Date.UTC(year, 0, 1)) / DAY_MS);
  return { year, index, table: yearTable(year) };
}

/** Working days from 1 January up to and including the located day. */
function through(p: { index: number; table: YearTable }): number {
  return p.table.prefix[p.index + 1]!;
}

/** Calendar arithmetic on 'YYYY-MM-DD' (UTC, so no time zone or daylight saving can shift it). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${checkDate(date)}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function checkDate(date: string): string {
  if (!DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  }
  return date;
}
