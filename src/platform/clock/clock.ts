/**
 * Time is injected (rules of the house §4). Legal dates are calendar dates in China Standard
 * Time, whatever zone the server runs in.
 */
export interface Clock {
  now(): Date;
  /** Today's date in Asia/Shanghai as 'YYYY-MM-DD'. */
  today(): string;
}

const shanghaiDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const shanghaiDateTime = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'medium' });

/** '2026-11-22 10:05:03' in China Standard Time, for logs and tables staff read. */
export function formatChinaDateTime(d: Date): string {
  return shanghaiDateTime.format(d);
}

export function toChinaDate(d: Date): string {
  return shanghaiDate.format(d);
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => toChinaDate(new Date()),
};

/** A clock stopped at a given instant, for tests and for replaying a day. */
export function fixedClock(at: string | Date): Clock & { set(at: string | Date): void } {
  let current = new Date(at);
  return {
    now: () => new Date(current),
    today: () => toChinaDate(current),
    set(next) {
      current = new Date(next);
    },
  };
}

/** A clock that starts at a given instant and runs on from there (the rehearsal clock, CLOCK_START). */
export function startedClock(at: Date): Clock {
  const offset = at.getTime() - Date.now();
  const now = () => new Date(Date.now() + offset);
  return { now, today: () => toChinaDate(now()) };
}

/** '2022-04-29' → '2022年4月29日' (how Chinese documents write dates). */
export function formatChineseDate(date: string | null | undefined): string {
  if (!date) return '';
  const [y, m, d] = date.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}
