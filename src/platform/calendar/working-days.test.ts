import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addDays, addWorkingDays, isWorkingDay, workingDaysBetween } from './working-days.js';

describe('working days', () => {
  test('make-up working days (调休上班) are working days, the National Day week is not', () => {
    // 2025: Sunday 09-28 and Saturday 10-11 are worked in exchange for 10-01 … 10-08.
    assert.equal(isWorkingDay('2025-09-28'), true);
    assert.equal(isWorkingDay('2025-10-11'), true);
    for (let d = 1; d <= 8; d++) assert.equal(isWorkingDay(`2025-10-0${d}`), false, `2025-10-0${d}`);
    assert.equal(isWorkingDay('2025-10-09'), true);
    assert.equal(isWorkingDay('2025-10-12'), false, 'an ordinary Sunday');
  });

  test('2025-09-26 + 20 working days = 2025-10-30 (the package’s own cross-check)', () => {
    // 09-28 (make-up Sunday), 09-29, 09-30 = 3; 10-09, 10-10, 10-11 (make-up Saturday) = 6;
    // 10-13 … 10-17 = 11; 10-20 … 10-24 = 16; 10-27, 10-28, 10-29, 10-30 = 20.
    assert.equal(addWorkingDays('2025-09-26', 20), '2025-10-30');
    assert.equal(workingDaysBetween('2025-09-26', '2025-10-30'), 20);
  });

  test('the day after the last day before a holiday is the first day after it', () => {
    assert.equal(addWorkingDays('2025-09-30', 1), '2025-10-09');
    assert.equal(addWorkingDays('2025-10-03', 1), '2025-10-09', 'counting from a holiday');
    assert.equal(addWorkingDays('2025-10-03', 0), '2025-10-03', 'zero days is the day itself');
  });

  test('2026 National Day: 09-28 + 3 working days = 10-08', () => {
    // 09-29 (1), 09-30 (2), 10-01 … 10-07 off, 10-08 (3).
    assert.equal(addWorkingDays('2026-09-28', 3), '2026-10-08');
    assert.equal(isWorkingDay('2026-10-10'), true, 'make-up Saturday');
  });

  test('between two dates: counts the days after the first up to the second, signed', () => {
    assert.equal(workingDaysBetween('2025-10-09', '2025-10-09'), 0);
    assert.equal(workingDaysBetween('2025-09-30', '2025-10-09'), 1);
    assert.equal(workingDaysBetween('2025-10-09', '2025-09-30'), -1);
    assert.equal(workingDaysBetween('2025-10-01', '2025-10-08'), 0, 'all holidays');
  });

  test('across years it agrees with counting day by day', () => {
    for (const [a, b] of [['2024-12-20', '2025-01-10'], ['2019-05-28', '2026-11-22'], ['2026-12-30', '2027-01-05']] as [string, string][]) {
      let n = 0;
      for (let d: string = a; d < b; ) {
        d = addDays(d, 1);
        if (isWorkingDay(d)) n++;
      }
      assert.equal(workingDaysBetween(a, b), n, `${a} – ${b}`);
      if (isWorkingDay(b)) assert.equal(addWorkingDays(a, n), b);
    }
  });

  test('after the package’s data ends: weekends and the statutory holidays, with 补假', () => {
    // 2027 has no published schedule yet: 《全国年节及纪念日放假办法》 (国务院令第795号) applies.
    // 国庆节 10-01 (Friday) … 10-03; 10-02 and 10-03 fall on the weekend, so 第六条 gives 补假 on
    // Monday 10-04 and Tuesday 10-05.
    for (const d of ['2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04', '2027-10-05']) assert.equal(isWorkingDay(d), false, d);
    assert.equal(isWorkingDay('2027-10-06'), true);
    // 元旦 2027-01-01 is a Friday; 01-02 and 01-03 an ordinary weekend; 01-04 … 01-08 five working days.
    assert.equal(addWorkingDays('2027-01-01', 5), '2027-01-08');
  });

  test('calendar days and bad input', () => {
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2024-03-01', -1), '2024-02-29');
    assert.throws(() => isWorkingDay('2025-02-30'), RangeError);
    assert.throws(() => addWorkingDays('2025-10-01', -1), RangeError);
    assert.throws(() => addWorkingDays('2025-10-01', 1.5), RangeError);
  });
});
