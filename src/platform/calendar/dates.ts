/**
 * Calendar-day arithmetic on 'YYYY-MM-DD' strings, by plain integer arithmetic: no Date in the
 * process's time zone can shift a legal date (these are dates in China Standard Time), and the
 * working-day tables need day-of-year indexes millions of times a second.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Days before each month in a common year. */
const BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInYear(y: number): number {
  return isLeapYear(y) ? 366 : 365;
}

/** A date as its year and day of the year (0 = 1 January); a RangeError for anything that is not a real date. */
export function parseDay(date: string): { year: number; index: number } {
  const m = typeof date === 'string' ? DATE.exec(date) : null;
  if (!m) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  const leap = month === 2 && isLeapYear(year) ? 1 : 0;
  if (day > MONTH_DAYS[month - 1]! + leap) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  return { year, index: BEFORE_MONTH[month - 1]! + (month > 2 && isLeapYear(year) ? 1 : 0) + day - 1 };
}

/** The inverse of parseDay: day `index` (0-based, within the year) of `year`. */
export function dayOf(year: number, index: number): string {
  const leap = isLeapYear(year) ? 1 : 0;
  let month = 11;
  while (month > 0 && BEFORE_MONTH[month]! + (month >= 2 ? leap : 0) > index) month--;
  const day = index - BEFORE_MONTH[month]! - (month >= 2 ? leap : 0) + 1;
  return `${String(year).padStart(4, '0')}-${month < 9 ? '0' : ''}${month + 1}-${day < 10 ? '0' : ''}${day}`;
}

/** 0 = Sunday … 6 = Saturday, of 1 January of `year`. */
export function firstWeekday(year: number): number {
  return new Date(Date.UTC(year, 0, 1)).getUTCDay();
}

export function weekdayOf(date: string): number {
  const { year, index } = parseDay(date);
  return (firstWeekday(year) + index) % 7;
}

/** '星期五' */
export function chineseWeekday(date: string): string {
  return WEEKDAYS[weekdayOf(date)]!;
}

export function addDays(date: string, days: number): string {
  parseDay(date);
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  parseDay(a);
  parseDay(b);
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** '10月1日', or '2027年1月1日' when `withYear`. */
export function monthDay(date: string, withYear = false): string {
  const [y, m, d] = date.split('-');
  return `${withYear ? `${Number(y)}年` : ''}${Number(m)}月${Number(d)}日`;
}

/** A span of days the way Chinese notices write it: '10月1日至8日', '1月31日至2月4日', '1月1日'. */
export function daySpan(from: string, to: string, withYear = false): string {
  if (from === to) return monthDay(from, withYear);
  if (from.slice(0, 4) !== to.slice(0, 4)) return `${monthDay(from, true)}至${monthDay(to, true)}`;
  if (from.slice(0, 7) === to.slice(0, 7)) return `${monthDay(from, withYear)}至${Number(to.slice(8))}日`;
  return `${monthDay(from, withYear)}至${monthDay(to)}`;
}
