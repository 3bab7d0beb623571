/**
 * The working-day calendar as the rest of the app sees it: the State Council schedule from the
 * calendar package, an administrator's overrides on top, and for a year whose schedule is not yet
 * published, the statutory holidays alone (those deadlines are provisional).
 *
 * Fast by construction: each year becomes a table of day kinds and prefix sums of working days,
 * so counting between two dates is O(years) and adding working days is a binary search per year.
 * Dates in and out are 'YYYY-MM-DD' strings in China Standard Time.
 */
import { createHash } from 'node:crypto';
import { addDays, chineseWeekday, daySpan, dayOf, firstWeekday, monthDay, parseDay } from './dates.js';
import { baseYear, isWorkingKind, KIND, packageHasYear } from './statutory-holidays.js';

export interface CalendarOverride {
  /** 'YYYY-MM-DD' */
  day: string;
  /** true: a working day (e.g. a late 调休 make-up day); false: a day off. */
  working: boolean;
  note?: string;
}

export interface DayInfo {
  day: string;
  working: boolean;
  /** What makes it so: '国庆节', '调休上班', '周六', '工作日', or an override's note. */
  name: string;
  source: 'schedule' | 'statutory' | 'override' | 'weekend' | 'weekday';
}

export interface Deadline {
  dueOn: string;
  /** Some day counted lies in a year whose holiday schedule is not yet published or confirmed. */
  provisional: boolean;
  /** The days off skipped on the way, grouped by name, e.g. [{ name: '国庆节、中秋节', from, to, days }]. */
  skipped: { name: string; from: string; to: string; days: number }[];
  /** Make-up working days (调休上班) counted on the way. */
  makeUpDays: string[];
}

export interface WorkingCalendar {
  isWorkingDay(day: string): boolean;
  /** The date n working days after `day` (not counting `day`); n = 0 gives `day`. */
  addWorkingDays(day: string, n: number): string;
  /** Working days after `a` up to and including `b`; negative when b < a. */
  workingDaysBetween(a: string, b: string): number;
  /** `day`'s year has no published (package) or confirmed (admin) schedule. */
  isProvisional(day: string): boolean;
  describeDay(day: string): DayInfo;
  /** addWorkingDays with what it passed over, for explanations. */
  deadline(from: string, n: number): Deadline;
  /** Changes whenever the overrides or confirmed years change. */
  readonly version: string;
}

/** A bound on any one count: 100 years of days, far beyond any legal deadline. */
const MAX_DAYS = 36_600;
const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

interface YearTable {
  year: number;
  source: 'schedule' | 'statutory';
  kinds: Uint8Array;
  names: Map<number, string>;
  /** prefix[i]: working days among the first i days of the year. */
  prefix: Int32Array;
  total: number;
  first: number;
  /** The days that are neither ordinary weekdays nor ordinary weekends, in order: all a deadline's explanation needs. */
  specials: Int32Array;
}

function withPrefix(year: number, source: YearTable['source'], kinds: Uint8Array, names: Map<number, string>): YearTable {
  const prefix = new Int32Array(kinds.length + 1);
  for (let i = 0; i < kinds.length; i++) prefix[i + 1] = prefix[i]! + (isWorkingKind(kinds[i]!) ? 1 : 0);
  const specials: number[] = [];
  for (let i = 0; i < kinds.length; i++) if (kinds[i] !== KIND.weekday && kinds[i] !== KIND.weekend) specials.push(i);
  return { year, source, kinds, names, prefix, total: prefix[kinds.length]!, first: firstWeekday(year), specials: Int32Array.from(specials) };
}

// Tables without overrides are shared by every calendar in the process.
const plainTables = new Map<number, YearTable>();
function plainTable(year: number): YearTable {
  let t = plainTables.get(year);
  if (!t) {
    const b = baseYear(year);
    t = withPrefix(year, b.source, b.kinds, b.names);
    plainTables.set(year, t);
  }
  return t;
}

/** The first position in sorted `a` whose value is >= x. */
function lowerBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function checkYear(year: number, date: string): void {
  if (year < MIN_YEAR || year > MAX_YEAR) throw new RangeError(`date out of range: ${date}`);
}

function checkCount(n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > MAX_DAYS) throw new RangeError(`working days must be a whole number from 0 to ${MAX_DAYS}: ${n}`);
}

export function createWorkingCalendar(opts: { overrides?: CalendarOverride[]; confirmedYears?: number[] } = {}): WorkingCalendar {
  const overrides = [...(opts.overrides ?? [])].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const confirmed = new Set(opts.confirmedYears ?? []);
  const byYear = new Map<number, CalendarOverride[]>();
  for (const o of overrides) {
    const { year } = parseDay(o.day);
    checkYear(year, o.day);
    byYear.set(year, [...(byYear.get(year) ?? []), o]);
  }
  const version = createHash('sha1')
    .update(JSON.stringify({ o: overrides.map((o) => [o.day, o.working, o.note ?? '']), y: [...confirmed].sort((a, b) => a - b) }))
    .digest('hex');

  const tables = new Map<number, YearTable>();
  function table(year: number): YearTable {
    let t = tables.get(year);
    if (t) return t;
    const own = byYear.get(year);
    if (!own) t = plainTable(year);
    else {
      const base = plainTable(year);
      const kinds = base.kinds.slice();
      const names = new Map(base.names);
      for (const o of own) {
        const { index } = parseDay(o.day);
        kinds[index] = o.working ? KIND.overrideWork : KIND.overrideOff;
        names.set(index, o.note?.trim() || '本地调整');
      }
      t = withPrefix(year, base.source, kinds, names);
    }
    tables.set(year, t);
    return t;
  }

  function locate(date: string): { t: YearTable; index: number } {
    const { year, index } = parseDay(date);
    checkYear(year, date);
    return { t: table(year), index };
  }

  const provisionalYear = (year: number) => !packageHasYear(year) && !confirmed.has(year);
  const isWeekendAt = (t: YearTable, i: number) => {
    const w = (t.first + i) % 7;
    return w === 0 || w === 6;
  };

  function addWorkingDays(day: string, n: number): string {
    checkCount(n);
    let { t, index } = locate(day);
    if (n === 0) return day;
    // Working days still to find, counted from the start of table t.
    let target = t.prefix[index + 1]! + n;
    while (target > t.total) {
      target -= t.total;
      if (t.year + 1 > MAX_YEAR) throw new RangeError(`date out of range: ${n} working days after ${day}`);
      t = table(t.year + 1);
    }
    // The first k with prefix[k] >= target: day k - 1 is the target-th working day of the year.
    let lo = 1;
    let hi = t.kinds.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (t.prefix[mid]! >= target) hi = mid;
      else lo = mid + 1;
    }
    return dayOf(t.year, lo - 1);
  }

  function workingDaysBetween(a: string, b: string): number {
    if (b < a) return -workingDaysBetween(b, a);
    const from = locate(a);
    const to = locate(b);
    if (to.t.year - from.t.year > MAX_DAYS / 365) throw new RangeError(`date range too long: ${a} – ${b}`);
    const through = (p: { t: YearTable; index: number }) => p.t.prefix[p.index + 1]!;
    if (from.t.year === to.t.year) return through(to) - through(from);
    let count = from.t.total - through(from);
    for (let y = from.t.year + 1; y < to.t.year; y++) count += table(y).total;
    return count + through(to);
  }

  function describeDay(day: string): DayInfo {
    const { t, index } = locate(day);
    const k = t.kinds[index]!;
    const working = isWorkingKind(k);
    if (k === KIND.overrideWork || k === KIND.overrideOff) return { day, working, name: t.names.get(index)!, source: 'override' };
    if (k === KIND.holiday) return { day, working, name: t.names.get(index)!, source: t.source };
    if (k === KIND.makeUp) return { day, working, name: '调休上班', source: 'schedule' };
    if (k === KIND.weekend) return { day, working, name: (t.first + index) % 7 === 6 ? '周六' : '周日', source: 'weekend' };
    return { day, working, name: '工作日', source: 'weekday' };
  }

  /** Visits only the special days in (from, dueOn]: holidays, 调休, overrides. */
  function deadline(from: string, n: number): Deadline {
    const dueOn = addWorkingDays(from, n);
    const out: Deadline = { dueOn, provisional: false, skipped: [], makeUpDays: [] };
    if (n === 0) return out;
    const start = parseDay(from);
    const end = parseDay(dueOn);
    // The open group of consecutive days off: its names, first day, and last day as (year, index).
    let open: { names: string[]; from: string; year: number; index: number; days: number } | null = null;
    const close = () => {
      if (open) out.skipped.push({ name: open.names.join('、'), from: open.from, to: dayOf(open.year, open.index), days: open.days });
      open = null;
    };
    for (let year = start.year; year <= end.year; year++) {
      const t = table(year);
      const lo = year === start.year ? start.index + 1 : 0;
      const hi = year === end.year ? end.index : t.kinds.length - 1;
      if (lo > hi) continue;
      if (provisionalYear(year)) out.provisional = true;
      // A group continues across New Year only if it reached 31 December.
      if (open && !(lo === 0 && open.year === year - 1 && open.index === table(year - 1).kinds.length - 1)) close();
      const sp = t.specials;
      let j = lowerBound(sp, lo);
      for (; j < sp.length && sp[j]! <= hi; j++) {
        const i = sp[j]!;
        const k = t.kinds[i]!;
        if (isWorkingKind(k)) {
          if (isWeekendAt(t, i)) out.makeUpDays.push(dayOf(year, i));
          continue; // a working override on a weekday changes nothing to say
        }
        if (open && !(open.year === year ? open.index === i - 1 : i === 0 && open.year === year - 1)) close();
        let name = t.names.get(i)!;
        // A 补假 belongs to its holiday: '春节补假' is listed as 春节.
        if (k === KIND.holiday && name.endsWith('补假')) name = name.slice(0, -2);
        if (!open) open = { names: [], from: dayOf(year, i), year, index: i, days: 0 };
        for (const part of name.includes('、') ? name.split('、') : [name]) if (!open.names.includes(part)) open.names.push(part);
        open.year = year;
        open.index = i;
        open.days++;
      }
      if (open && !(open.year === year && open.index === t.kinds.length - 1)) close();
    }
    close();
    return out;
  }

  return {
    isWorkingDay: (day) => {
      const { t, index } = locate(day);
      return isWorkingKind(t.kinds[index]!);
    },
    addWorkingDays,
    workingDaysBetween,
    isProvisional: (day) => {
      const { year } = parseDay(day);
      checkYear(year, day);
      return provisionalYear(year);
    },
    describeDay,
    deadline,
    version,
  };
}

/** The calendar of the package and the statute alone, without an administrator's overrides. */
export const defaultCalendar = createWorkingCalendar();

/**
 * One sentence that says how a deadline was counted, for the applicant, the handler and the
 * public calculator alike: the day of receipt is not counted (《政府信息公开条例》 第三十三条:
 * "自收到申请之日起20个工作日内"), then the holidays and 调休 on the way.
 */
export function explainDeadline(cal: WorkingCalendar, from: string, n: number, startLabel = '收到申请'): { dueOn: string; provisional: boolean; explanation: string } {
  const d = cal.deadline(from, n);
  const year = from.slice(0, 4);
  const withYear = (day: string) => day.slice(0, 4) !== year;
  let s = `${startLabel}之日为 ${from}（${chineseWeekday(from)}），自次日起算，第 ${n} 个工作日为 ${d.dueOn}（${chineseWeekday(d.dueOn)}）`;
  const parts = d.skipped.map((g) => `${g.name}放假（${daySpan(g.from, g.to, withYear(g.from))}）`);
  if (d.makeUpDays.length) parts.push(`${d.makeUpDays.map((m) => monthDay(m, withYear(m))).join('、')}调休上班`);
  s += parts.length ? `；期间${parts.join('，')}。` : '。';
  if (d.provisional) {
    // The years of the counted days, (from, dueOn], that have no published or confirmed schedule.
    const years: number[] = [];
    for (let y = Number(addDays(from, 1).slice(0, 4)); y <= Number(d.dueOn.slice(0, 4)); y++) if (cal.isProvisional(`${y}-01-01`)) years.push(y);
    s += `${years.join('、')} 年节假日安排尚未公布，按法定节假日推算，期限为暂定。`;
  }
  return { dueOn: d.dueOn, provisional: d.provisional, explanation: s };
}
