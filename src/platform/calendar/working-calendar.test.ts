import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addDays } from './dates.js';
import { statutoryHolidays } from './statutory-holidays.js';
import { createWorkingCalendar, defaultCalendar as cal, explainDeadline } from './working-calendar.js';

describe('working calendar', () => {
  test('2025-09-26 + 20 working days = 2025-10-30, explained', () => {
    const d = cal.deadline('2025-09-26', 20);
    assert.equal(d.dueOn, '2025-10-30');
    assert.equal(d.provisional, false);
    // 10-01 … 10-08 is one stretch off: National Day and Mid-Autumn (10-06) joined by the schedule.
    assert.deepEqual(d.skipped, [{ name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08', days: 8 }]);
    assert.deepEqual(d.makeUpDays, ['2025-09-28', '2025-10-11']);
    assert.equal(
      explainDeadline(cal, '2025-09-26', 20).explanation,
      '收到申请之日为 2025-09-26（星期五），自次日起算，第 20 个工作日为 2025-10-30（星期四）；期间国庆节、中秋节放假（10月1日至8日），9月28日、10月11日调休上班。',
    );
  });

  test('received just before the 2026 Spring Festival: 2026-02-13 + 20 = 2026-03-19', () => {
    // The 2026 schedule: 02-15 … 02-23 off; Saturdays 02-14 and 02-28 worked.
    // Friday 02-13 received; 02-14 (Sat, 调休) = 1; 02-15 … 02-23 off; 02-24 … 02-27 = 5;
    // 02-28 (Sat, 调休) = 6; 03-01 Sunday; 03-02 … 03-06 = 11; 03-09 … 03-13 = 16;
    // 03-16, 03-17, 03-18, 03-19 = 20.
    const d = cal.deadline('2026-02-13', 20);
    assert.equal(d.dueOn, '2026-03-19');
    assert.deepEqual(d.skipped, [{ name: '春节', from: '2026-02-15', to: '2026-02-23', days: 9 }]);
    assert.deepEqual(d.makeUpDays, ['2026-02-14', '2026-02-28']);
    assert.match(explainDeadline(cal, '2026-02-13', 20).explanation, /第 20 个工作日为 2026-03-19（星期四）；期间春节放假（2月15日至23日），2月14日、2月28日调休上班。$/);
  });

  test('received on a 调休 working Sunday: 2025-09-28 + 20 = 2025-10-31', () => {
    // The day of receipt is not counted even though it is a working day (条例 第三十三条):
    // 09-29, 09-30 = 2; 10-09, 10-10, 10-11 (Sat, 调休) = 5; 10-13 … 10-17 = 10; … 10-27 … 10-31 = 20.
    const d = cal.deadline('2025-09-28', 20);
    assert.equal(d.dueOn, '2025-10-31');
    assert.deepEqual(d.makeUpDays, ['2025-10-11'], 'the day of receipt itself is not among the days counted');
    assert.match(explainDeadline(cal, '2025-09-28', 20, '收到补正').explanation, /^收到补正之日为 2025-09-28（星期日）/);
  });

  test('how days are described', () => {
    const name = (d: string) => cal.describeDay(d).name;
    assert.equal(name('2025-10-01'), '国庆节');
    assert.equal(name('2025-10-06'), '中秋节', 'the package says 中秋');
    assert.equal(name('2026-04-05'), '清明节');
    assert.equal(name('2025-09-28'), '调休上班');
    assert.equal(name('2025-10-12'), '周日');
    assert.equal(name('2025-10-18'), '周六');
    assert.equal(name('2025-10-09'), '工作日');
    assert.deepEqual(cal.describeDay('2025-10-01'), { day: '2025-10-01', working: false, name: '国庆节', source: 'schedule' });
  });

  test('overrides: a day off, and a Saturday worked', () => {
    const c = createWorkingCalendar({ overrides: [{ day: '2025-10-14', working: false, note: '台风停止办公' }, { day: '2025-10-18', working: true }] });
    assert.equal(c.isWorkingDay('2025-10-14'), false);
    assert.deepEqual(c.describeDay('2025-10-14'), { day: '2025-10-14', working: false, name: '台风停止办公', source: 'override' });
    assert.deepEqual(c.describeDay('2025-10-18'), { day: '2025-10-18', working: true, name: '本地调整', source: 'override' });
    // One day lost (10-14), one gained (10-18): still 10-30, but counted differently.
    const d = c.deadline('2025-09-26', 20);
    assert.equal(d.dueOn, '2025-10-30');
    assert.deepEqual(d.skipped.map((g) => [g.name, g.from, g.to]), [['国庆节、中秋节', '2025-10-01', '2025-10-08'], ['台风停止办公', '2025-10-14', '2025-10-14']]);
    assert.deepEqual(d.makeUpDays, ['2025-09-28', '2025-10-11', '2025-10-18']);
    assert.equal(createWorkingCalendar({ overrides: [{ day: '2025-10-14', working: false }] }).addWorkingDays('2025-09-26', 20), '2025-10-31');
    assert.equal(createWorkingCalendar({ overrides: [{ day: '2025-10-18', working: true }] }).addWorkingDays('2025-09-26', 20), '2025-10-29');
    // A day off next to a holiday extends its stretch.
    const longer = createWorkingCalendar({ overrides: [{ day: '2025-10-09', working: false, note: '台风停止办公' }] }).deadline('2025-09-26', 20);
    assert.deepEqual(longer.skipped, [{ name: '国庆节、中秋节、台风停止办公', from: '2025-10-01', to: '2025-10-09', days: 9 }]);
    // Overrides do not leak into other calendars.
    assert.equal(cal.isWorkingDay('2025-10-09'), true);
  });

  test('2027 has no published schedule: the statutory holidays, with 补假 under 第六条', () => {
    const off = (d: string) => assert.equal(cal.isWorkingDay(d), false, `${d} off`);
    const on = (d: string) => assert.equal(cal.isWorkingDay(d), true, `${d} worked`);
    // 元旦: Friday 2027-01-01.
    off('2027-01-01');
    on('2027-01-04');
    // 春节: 除夕 is the day before 正月初一 (2027-02-06). Lunar month 12 of 丙午 has only 29 days, so
    // there is no 腊月三十: 除夕 is 02-05 (腊月廿九), a Friday. 初一 02-06 (Sat), 初二 02-07 (Sun),
    // 初三 02-08 (Mon). Two holiday days fall on a weekend: 第六条 makes them up on working days,
    // the first weekdays after the holiday that are not holidays themselves: 02-09 and 02-10.
    for (const d of ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10']) off(d);
    on('2027-02-11');
    assert.equal(cal.describeDay('2027-02-05').name, '春节');
    assert.deepEqual(cal.describeDay('2027-02-09'), { day: '2027-02-09', working: false, name: '春节补假', source: 'statutory' });
    // 国庆节: 10-01 (Fri) … 10-03; 10-02 and 10-03 are made up on 10-04 and 10-05.
    for (const d of ['2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04', '2027-10-05']) off(d);
    on('2027-10-06');
    off('2027-09-15'); // 中秋节 (农历八月十五), a Wednesday
    off('2027-06-09'); // 端午节 (农历五月初五), a Wednesday
    off('2027-04-05'); // 清明 (the solar term), a Monday
    assert.equal(cal.isProvisional('2027-03-01'), true);
    // 01-26 … 01-29 = 4; 02-01 … 02-04 = 8; 02-05 … 02-10 off; 02-11 = 9, 02-12 = 10.
    assert.equal(explainDeadline(cal, '2027-01-25', 10).explanation,
      '收到申请之日为 2027-01-25（星期一），自次日起算，第 10 个工作日为 2027-02-12（星期五）；期间春节放假（2月5日至10日）。2027 年节假日安排尚未公布，按法定节假日推算，期限为暂定。');
  });

  test('the statutory model agrees with the published schedules where they overlap', () => {
    // Every holiday of the 办法 (not the predicted 补假) is a day off in the 2025 and 2026 schedules.
    for (const year of [2025, 2026]) {
      for (const [day, name] of statutoryHolidays(year)) if (!name.endsWith('补假')) assert.equal(cal.isWorkingDay(day), false, `${day} ${name}`);
    }
  });

  test('provisional: only when a counted day lies in a year without schedule', () => {
    assert.equal(cal.isProvisional('2026-12-31'), false);
    assert.equal(cal.isProvisional('2027-01-01'), true);
    assert.equal(cal.deadline('2026-11-02', 20).provisional, false, 'a 2026-only span');
    assert.equal(cal.deadline('2026-12-30', 1).dueOn, '2026-12-31');
    assert.equal(cal.deadline('2026-12-30', 1).provisional, false);
    assert.equal(cal.deadline('2026-12-31', 1).provisional, true, 'receipt in 2026, the first counted day in 2027');
    const d = explainDeadline(cal, '2026-12-20', 20);
    assert.equal(d.provisional, true);
    assert.equal(d.dueOn, '2027-01-18');
    assert.match(d.explanation, /元旦放假（2027年1月1日）。2027 年节假日安排尚未公布，按法定节假日推算，期限为暂定。$/);
  });

  test('confirming 2027 (its schedule entered as overrides) turns provisional off', () => {
    const confirmed = createWorkingCalendar({ overrides: [{ day: '2027-02-20', working: true, note: '2027年春节调休' }], confirmedYears: [2027] });
    assert.equal(confirmed.isProvisional('2027-05-01'), false);
    const d = explainDeadline(confirmed, '2026-12-20', 20);
    assert.equal(d.provisional, false);
    assert.doesNotMatch(d.explanation, /暂定/);
    assert.notEqual(confirmed.version, cal.version);
    assert.equal(createWorkingCalendar({ confirmedYears: [2027], overrides: [{ day: '2027-02-20', working: true, note: '2027年春节调休' }] }).version, confirmed.version, 'the version is stable');
  });

  test('counting agrees with walking day by day, with overrides, across years', () => {
    const c = createWorkingCalendar({ overrides: [{ day: '2026-12-31', working: false, note: '年末' }, { day: '2027-01-09', working: true }, { day: '2027-02-11', working: false }] });
    for (const [a, b] of [['2026-12-01', '2027-03-01'], ['2025-01-20', '2027-12-31']] as [string, string][]) {
      let n = 0;
      for (let d = a; d < b; ) {
        d = addDays(d, 1);
        if (c.isWorkingDay(d)) n++;
        if (c.isWorkingDay(d)) assert.equal(c.addWorkingDays(a, n), d, `${a} + ${n}`);
      }
      assert.equal(c.workingDaysBetween(a, b), n);
      assert.equal(c.workingDaysBetween(b, a), -n);
    }
    // A stretch off across New Year is one group.
    assert.deepEqual(c.deadline('2026-12-30', 3).skipped.map((g) => [g.name, g.from, g.to]), [['年末、元旦', '2026-12-31', '2027-01-01']]);
  });

  test('bad input is refused', () => {
    assert.throws(() => cal.addWorkingDays('2025-10-01', -1), RangeError);
    assert.throws(() => cal.addWorkingDays('2025-13-01', 1), RangeError);
    assert.throws(() => cal.describeDay('2025-02-29'), RangeError);
    assert.throws(() => cal.isProvisional('1899-12-31'), RangeError);
    assert.throws(() => createWorkingCalendar({ overrides: [{ day: '2025-02-30', working: true }] }), RangeError);
  });

  test('fast enough for reports and bulk recomputation', () => {
    const started = performance.now();
    let last = '';
    for (let i = 0; i < 100_000; i++) last = cal.addWorkingDays(addDays('2025-01-01', i % 700), 20 + (i % 41));
    const ms = performance.now() - started;
    assert.ok(last);
    // About 0.1 s here; the bound only catches a day-by-day walk creeping back in.
    assert.ok(ms < 3000, `100k additions took ${ms.toFixed(0)} ms`);
  });
});
