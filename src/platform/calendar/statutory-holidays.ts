import cd from 'chinese-days';
import { addDays, dayOf, daysBetween, daysInYear, firstWeekday, parseDay } from './dates.js';

/**
 * One year's days before any administrator's override: the State Council schedule from the
 * `chinese-days` package where it has one, otherwise weekends plus the statutory holidays.
 *
 * Dates go to the package only as 'YYYY-MM-DD' strings: it reads a Date in the process's own time
 * zone, so on a UTC server a Date meant for China would be a day off.
 */
// Named imports fail on Node 20 (the package is CommonJS): take the default export apart.
const { getDayDetail, getSolarDateFromLunar, getLunarDate, getSolarTermDate } = cd;

/**
 * The package reads 'YYYY-MM-DD' as UTC midnight and writes dates back in local time, so west of
 * Greenwich the dates it returns are a day early (its own lookups stay consistent). Measured once
 * and added back where a computed date comes out (the solar term); the lunar dates are checked.
 */
const skew = daysBetween(getDayDetail('2000-06-01').date, '2000-06-01');

/** How a day is classed. Working kinds: weekday, makeUp, overrideWork. */
export const KIND = { weekday: 0, weekend: 1, holiday: 2, makeUp: 3, overrideWork: 4, overrideOff: 5 } as const;
export type Kind = (typeof KIND)[keyof typeof KIND];

export function isWorkingKind(k: number): boolean {
  return k === KIND.weekday || k === KIND.makeUp || k === KIND.overrideWork;
}

export interface BaseYear {
  year: number;
  /** 'schedule': the published State Council schedule (package); 'statutory': holidays of the 办法 only. */
  source: 'schedule' | 'statutory';
  /** Kind of each day of the year (index 0 = 1 January). */
  kinds: Uint8Array;
  /** The holiday's name for holiday days ('国庆节', '春节补假'). */
  names: Map<number, string>;
}

const hasData = new Map<number, boolean>();

/**
 * Whether the package carries the State Council schedule for `year`. Without data it silently
 * answers Monday–Friday, so ask about a day that is a holiday in every published schedule:
 * 1 October, National Day (《全国年节及纪念日放假办法》 第二条).
 */
export function packageHasYear(year: number): boolean {
  let known = hasData.get(year);
  if (known === undefined) {
    const name = getDayDetail(`${String(year).padStart(4, '0')}-10-01`).name;
    known = /国庆|National Day/.test(name);
    hasData.set(year, known);
  }
  return known;
}

/** The package spells '中秋', '清明', '端午'; people and the 办法 say '中秋节' and so on. */
const CANONICAL: Record<string, string> = { 中秋: '中秋节', 清明: '清明节', 端午: '端午节' };

/** 'National Day,国庆节,3' → '国庆节' */
function chineseName(packageName: string): string | null {
  const parts = packageName.split(',');
  if (parts.length < 2) return null;
  const zh = parts[1]!.trim();
  return CANONICAL[zh] ?? zh;
}

const cache = new Map<number, BaseYear>();

export function baseYear(year: number): BaseYear {
  let b = cache.get(year);
  if (!b) {
    b = packageHasYear(year) ? fromPackage(year) : fromStatute(year);
    cache.set(year, b);
  }
  return b;
}

function weekendKinds(year: number): Uint8Array {
  const days = daysInYear(year);
  const kinds = new Uint8Array(days);
  const first = firstWeekday(year);
  for (let i = 0; i < days; i++) {
    const w = (first + i) % 7;
    kinds[i] = w === 0 || w === 6 ? KIND.weekend : KIND.weekday;
  }
  return kinds;
}

function fromPackage(year: number): BaseYear {
  const kinds = weekendKinds(year);
  const names = new Map<number, string>();
  for (let i = 0; i < kinds.length; i++) {
    const d = getDayDetail(dayOf(year, i));
    const name = chineseName(d.name);
    if (!name) continue; // an ordinary weekday or weekend
    if (!d.work) {
      kinds[i] = KIND.holiday;
      names.set(i, name);
    } else if (kinds[i] === KIND.weekend) {
      kinds[i] = KIND.makeUp; // 调休上班: a weekend worked in exchange for a day of the holiday
    }
  }
  return { year, source: 'schedule', kinds, names };
}

function fromStatute(year: number): BaseYear {
  const kinds = weekendKinds(year);
  const names = new Map<number, string>();
  for (const [day, name] of statutoryHolidays(year)) {
    const { year: y, index } = parseDay(day);
    if (y !== year) continue;
    kinds[index] = KIND.holiday;
    names.set(index, name);
  }
  return { year, source: 'statutory', kinds, names };
}

/**
 * The holidays of all citizens (全体公民放假的节日) under 《全国年节及纪念日放假办法》 第二条, as
 * revised by 国务院令第795号 (2024-11-10, in force 2025-01-01), with the make-up days of its
 * 第六条: "全体公民放假的假日，如果适逢星期六、星期日，应当在工作日补假". Each holiday day that
 * falls on a Saturday or Sunday gives one 补假 on the next weekday that is neither a holiday nor
 * already a 补假. Two holidays on the same day (中秋 on 1 October) are one day off: the 办法 gives
 * no extra day for that. The State Council's 调休 (weekends worked to join days into a week) are
 * announced each year and cannot be predicted: a year computed here is provisional.
 */
export function statutoryHolidays(year: number): Map<string, string> {
  const days = new Map<string, string>();
  const add = (day: string | null, name: string) => {
    if (!day || day.slice(0, 4) !== String(year)) return;
    const had = days.get(day);
    days.set(day, had && had !== name ? `${had}、${name}` : name);
  };
  const y = String(year).padStart(4, '0');
  add(`${y}-01-01`, '元旦'); // 元旦，放假1天（1月1日）
  const newYear = lunarToSolar(year, 1, 1);
  if (newYear) {
    // 春节，放假4天（农历除夕、正月初一至初三）. 除夕 is the eve of 正月初一: the last day of the
    // twelfth month, which has 29 or 30 days, so take the day before rather than 腊月三十.
    for (let i = -1; i <= 2; i++) add(addDays(newYear, i), '春节');
  }
  add(addDays(getSolarTermDate(year, 4, 'pure_brightness'), skew), '清明节'); // 清明节，放假1天（农历清明当日）
  add(`${y}-05-01`, '劳动节'); // 劳动节，放假2天（5月1日、2日）
  add(`${y}-05-02`, '劳动节');
  add(lunarToSolar(year, 5, 5), '端午节'); // 端午节，放假1天（农历端午当日）
  add(lunarToSolar(year, 8, 15), '中秋节'); // 中秋节，放假1天（农历中秋当日）
  for (const d of ['01', '02', '03']) add(`${y}-10-${d}`, '国庆节'); // 国庆节，放假3天（10月1日至3日）

  const isWeekend = (day: string) => {
    const { year: yy, index } = parseDay(day);
    const w = (firstWeekday(yy) + index) % 7;
    return w === 0 || w === 6;
  };
  const makeUp = new Map<string, string>();
  for (const [day, name] of [...days].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!isWeekend(day)) continue;
    let d = addDays(day, 1);
    while (isWeekend(d) || days.has(d) || makeUp.has(d)) d = addDays(d, 1);
    makeUp.set(d, `${name.split('、')[0]}补假`);
  }
  for (const [day, name] of makeUp) days.set(day, name);
  return days;
}

/**
 * The solar date of a lunar date of lunar year `year` (ordinary, not leap, month), checked by
 * converting back (the lunar fields of getLunarDate do not depend on the time zone; a day or two
 * either side is tried). Null past the package's lunar table (2100), or for a date that does not
 * exist: a 腊月三十 in a 29-day month would silently roll over into the next month.
 */
function lunarToSolar(year: number, month: number, day: number): string | null {
  try {
    const guess = getSolarDateFromLunar(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`).date;
    for (const offset of [0, 1, -1, 2, -2]) {
      const solar = addDays(guess, offset);
      const back = getLunarDate(solar);
      if (back.lunarYear === year && back.lunarMon === month && back.lunarDay === day && !back.isLeap) return solar;
    }
    return null;
  } catch {
    return null;
  }
}
