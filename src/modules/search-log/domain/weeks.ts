/**
 * Weeks as the search log counts them: Monday to Sunday in China time, named by their Monday
 * ('YYYY-MM-DD'). Pure: the caller passes today (clock.today(), rules of the house §4).
 */
const DAY_MS = 86_400_000;

const utc = (date: string) => Date.parse(`${date}T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The Monday of the week a China date falls in. */
export function weekOf(date: string): string {
  const ms = utc(date);
  const sinceMonday = (new Date(ms).getUTCDay() + 6) % 7;
  return iso(ms - sinceMonday * DAY_MS);
}

export function addWeeks(week: string, n: number): string {
  return iso(utc(week) + n * 7 * DAY_MS);
}

export function isWeekStart(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const ms = utc(s);
  return !Number.isNaN(ms) && iso(ms) === s && new Date(ms).getUTCDay() === 1;
}

/** The days from one week's Monday to another's Sunday: 11月9日—11月22日 (with the year when it is not `thisYear`). */
export function weeksLabel(first: string, last: string, thisYear?: string): string {
  const sunday = iso(utc(last) + 6 * DAY_MS);
  const md = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
  const sameYear = thisYear !== undefined && first.slice(0, 4) === thisYear && sunday.slice(0, 4) === thisYear;
  return sameYear ? `${md(first)}—${md(sunday)}` : `${first.slice(0, 4)}年${md(first)}—${sunday.slice(0, 4)}年${md(sunday)}`;
}

/** One week's days: 11月16日—11月22日. */
export function weekLabel(week: string, thisYear?: string): string {
  return weeksLabel(week, week, thisYear);
}
