import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createWorkingCalendar, defaultCalendar as cal } from '../../../platform/calendar/working-calendar.js';
import { computeClock, type ClockEvent } from './clock.js';

/** Worked cases of the reply clock (条例 第三十条、第三十三条; 国办函〔2020〕109号), counted by hand. */
const pauses = { feePausesClock: true };
const clock = (events: ClockEvent[], today: string, opts = pauses, c = cal) => computeClock(events, c, opts, today);

describe('the reply clock', () => {
  test('received on the Friday before the 2025 National Day week: due 2025-10-30', () => {
    // 09-28 (make-up Sunday), 09-29, 09-30 = 3; 10-01 … 10-08 off; 10-09, 10-10, 10-11 (make-up Saturday) = 6;
    // 10-13 … 10-17 = 11; 10-20 … 10-24 = 16; 10-27 … 10-30 = 20.
    const s = clock([{ kind: 'registered', on: '2025-09-26' }], '2025-09-26');
    assert.equal(s.dueOn, '2025-10-30');
    assert.equal(s.provisional, false);
    assert.match(s.explanation, /收到申请后第 20 个工作日/);
    assert.match(s.explanation, /国庆节、中秋节放假/);
    assert.match(s.explanation, /9月28日、10月11日调休上班/);
  });

  test('received on the Friday before the 2026 Spring Festival: due 2026-03-19', () => {
    // 02-14 (make-up Saturday) = 1; 02-15 … 02-23 off; 02-24 … 02-27 = 5; 02-28 (make-up Saturday) = 6;
    // 03-02 … 03-06 = 11; 03-09 … 03-13 = 16; 03-16 … 03-19 = 20.
    const s = clock([{ kind: 'registered', on: '2026-02-13' }], '2026-02-13');
    assert.equal(s.dueOn, '2026-03-19');
    assert.match(s.explanation, /春节放假/);
  });

  test('received on a 调休 working Sunday (2025-09-28): that day is the day of receipt, the next working day is day one', () => {
    // 09-29, 09-30 = 2; 10-09, 10-10, 10-11 = 5; 10-13 … 10-17 = 10; 10-20 … 10-24 = 15; 10-27 … 10-31 = 20.
    assert.equal(clock([{ kind: 'registered', on: '2025-09-28' }], '2025-09-28').dueOn, '2025-10-31');
  });

  test('the correction notice is due within 7 working days of receipt, and asked once', () => {
    const s = clock([{ kind: 'registered', on: '2025-09-26' }], '2025-09-26');
    // 09-28, 09-29, 09-30, 10-09, 10-10, 10-11, 10-13.
    assert.equal(s.correctionNoticeBy, '2025-10-13');
    const asked = clock([{ kind: 'registered', on: '2025-09-26' }, { kind: 'correction_requested', on: '2025-09-29', correctBy: '2025-10-20' }], '2025-09-30');
    assert.equal(asked.correctionNoticeBy, null);
    assert.equal(asked.correctionAsked, true);
    assert.equal(asked.dueOn, null, 'no deadline while the applicant corrects');
    assert.deepEqual(asked.paused, { kind: 'correction', since: '2025-09-29', until: '2025-10-20' });
  });

  test('a correction restarts the period from the day the corrected request is received (第三十条)', () => {
    // Received 03-03, corrected request received Wednesday 03-12: 03-13, 03-14 = 2; 03-17 … 03-21 = 7;
    // 03-24 … 03-28 = 12; 03-31, 04-01, 04-02, 04-03 = 16; 04-04 清明 off; 04-07 … 04-10 = 20.
    const s = clock(
      [{ kind: 'registered', on: '2025-03-03' }, { kind: 'correction_requested', on: '2025-03-05', correctBy: '2025-03-19' }, { kind: 'correction_received', on: '2025-03-12' }],
      '2025-03-12',
    );
    assert.equal(s.startOn, '2025-03-12');
    assert.equal(s.restarted, true);
    assert.equal(s.dueOn, '2025-04-10');
    assert.match(s.explanation, /收到补正后的申请后第 20 个工作日/);
  });

  test('third-party consultation is not counted (第三十三条第三款)', () => {
    const events: ClockEvent[] = [{ kind: 'registered', on: '2025-05-06' }, { kind: 'consultation_started', on: '2025-05-13', replyBy: '2025-06-04' }];
    // While it lasts: 5 working days used (05-07 … 05-13), 15 left, no date.
    const during = clock(events, '2025-05-20');
    assert.equal(during.dueOn, null);
    assert.equal(during.remainingDays, 15);
    assert.equal(during.paused?.kind, 'consultation');
    // Ended 05-27: 05-14 … 05-16, 05-19 … 05-23, 05-26, 05-27 = 10 working days excluded; 20 + 10 = 30 from 05-06:
    // 05-07 … 05-09 = 3; 05-12 … 16 = 8; 19 … 23 = 13; 26 … 30 = 18; 06-02 端午 off; 06-03 … 06 = 22; 09 … 13 = 27; 16, 17, 18 = 30.
    const after = clock([...events, { kind: 'consultation_ended', on: '2025-05-27' }], '2025-05-27');
    assert.equal(after.excluded[0]!.days, 10);
    assert.equal(after.dueOn, '2025-06-18');
    assert.match(after.explanation, /加征求意见期间 10 个工作日/);
  });

  test('an approved extension adds its working days (第三十三条第二款)', () => {
    // 20 from 06-03 is 07-01; 40 is 07-29.
    assert.equal(clock([{ kind: 'registered', on: '2025-06-03' }], '2025-06-03').dueOn, '2025-07-01');
    const s = clock([{ kind: 'registered', on: '2025-06-03' }, { kind: 'extension_approved', on: '2025-06-20', days: 20 }], '2025-06-20');
    assert.equal(s.dueOn, '2025-07-29');
    assert.match(s.explanation, /延期的 20 个工作日/);
  });

  test('the fee notice stops the clock until payment where the organ so configures; otherwise it runs on', () => {
    const events: ClockEvent[] = [
      { kind: 'registered', on: '2025-11-03' },
      { kind: 'fee_notified', on: '2025-11-10', payBy: '2025-12-08' },
      { kind: 'fee_paid', on: '2025-11-17' },
    ];
    // Paused 11-11 … 11-14, 11-17 = 5: 25 working days from 11-03 → 12-08.
    assert.equal(clock(events, '2025-11-17').dueOn, '2025-12-08');
    // Running: 20 from 11-03 → 12-01.
    assert.equal(clock(events, '2025-11-17', { feePausesClock: false }).dueOn, '2025-12-01');
    const waiting = clock(events.slice(0, 2), '2025-11-12', { feePausesClock: false });
    assert.equal(waiting.paused, null, 'not paused');
    assert.equal(waiting.waiting?.kind, 'fee', 'but still waiting for the fee');
  });

  test('a deadline in a year whose holiday schedule is not published is provisional, until the admin confirms it', () => {
    const s = clock([{ kind: 'registered', on: '2026-12-21' }], '2026-12-21');
    // 12-22 … 12-25 = 4; 12-28 … 12-31 = 8; 2027-01-01 元旦 (statutory) off; 01-04 … 01-08 = 13; 11 … 15 = 18; 18, 19 = 20.
    assert.equal(s.dueOn, '2027-01-19');
    assert.equal(s.provisional, true);
    assert.match(s.explanation, /暂定/);
    const confirmed = clock([{ kind: 'registered', on: '2026-12-21' }], '2026-12-21', pauses, createWorkingCalendar({ confirmedYears: [2027], overrides: [{ day: '2027-01-04', working: false, note: '元旦调休' }] }));
    assert.equal(confirmed.provisional, false);
    assert.equal(confirmed.dueOn, '2027-01-20', 'one more day off on the way');
  });

  test('before registration there is no deadline', () => {
    const s = clock([], '2025-01-02');
    assert.equal(s.dueOn, null);
    assert.match(s.explanation, /尚未登记/);
  });
});
