import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RequestStatus } from '../../../db/schema.js';
import { defaultCalendar as cal } from '../../../platform/calendar/working-calendar.js';
import { computeClock, type ClockEvent } from './clock.js';
import { OUTCOMES } from './outcomes.js';
import { findRequestTransition, outcomeRule, REQUEST_TRANSITIONS, requestRefusal, type RequestAction, type RequestActorKind, type RequestSubject } from './workflow.js';

const STATUSES: RequestStatus[] = ['pending', 'handling', 'awaiting_correction', 'consulting', 'extension_pending', 'awaiting_fee', 'reply_review', 'reply_approved', 'replied', 'archived', 'withdrawn'];
const ACTIONS = [...new Set(REQUEST_TRANSITIONS.map((t) => t.action))];
const KINDS: RequestActorKind[] = ['handler', 'office', 'applicant'];

const registered: ClockEvent[] = [{ kind: 'registered', on: '2025-09-26' }];
function subject(status: RequestStatus, over: Partial<RequestSubject> = {}, events = registered, today = '2025-09-29'): RequestSubject {
  return { status, clock: computeClock(events, cal, { feePausesClock: true }, today), replyReview: false, draftOutcome: 'disclose', delivered: true, extended: false, today, ...over };
}

describe('request workflow', () => {
  test('every action × state × actor: allowed exactly where the table says, refused with a reason elsewhere', () => {
    let allowed = 0;
    for (const action of ACTIONS)
      for (const status of STATUSES)
        for (const kind of KINDS) {
          const t = findRequestTransition(action, status);
          // Review rules vary by organization: test each action under the setting where it applies.
          const s = subject(status, { replyReview: action === 'submit_reply' || (action === 'send_reply' && status === 'reply_approved') });
          const r = requestRefusal(action, s, [kind]);
          if (!t) {
            assert.equal(r?.forbidden, false, `${action} from ${status} is a state error`);
            assert.match(r!.message, /不能/);
          } else if (!t.by.includes(kind)) {
            assert.equal(r?.forbidden, true, `${kind} may not ${action}`);
          } else if (r === null) allowed++;
        }
    assert.ok(allowed >= 20, `some combinations are allowed (${allowed})`);
  });

  test('closed cases take no step but delivery and archiving; the applicant can only correct and withdraw', () => {
    for (const status of ['archived', 'withdrawn'] as const) for (const a of ACTIONS) assert.notEqual(requestRefusal(a, subject(status), ['handler', 'office']), null, `${a} on ${status}`);
    const applicantActions = ACTIONS.filter((a) => REQUEST_TRANSITIONS.some((t) => t.action === a && t.by.includes('applicant')));
    assert.deepEqual(applicantActions.sort(), ['receive_correction', 'withdraw']);
  });

  test('the extension and the reply review are the disclosure office’s, not the handler’s', () => {
    assert.equal(requestRefusal('approve_extension', subject('extension_pending'), ['handler'])?.forbidden, true);
    assert.equal(requestRefusal('approve_extension', subject('extension_pending'), ['office']), null);
    assert.equal(requestRefusal('approve_reply', subject('reply_review', { replyReview: true }), ['handler'])?.forbidden, true);
  });

  test('correction: once, and within 7 working days of receipt (第三十条)', () => {
    assert.equal(requestRefusal('request_correction', subject('handling', {}, registered, '2025-10-13'), ['handler']), null, 'the 7th working day');
    assert.match(requestRefusal('request_correction', subject('handling', {}, registered, '2025-10-14'), ['handler'])!.message, /7 个工作日/);
    const again = [...registered, { kind: 'correction_requested', on: '2025-09-29', correctBy: '2025-10-20' }, { kind: 'correction_received', on: '2025-10-09' }] as ClockEvent[];
    assert.match(requestRefusal('request_correction', subject('handling', {}, again, '2025-10-09'), ['handler'])!.message, /一次性/);
  });

  test('extension: once, and not after the deadline', () => {
    assert.equal(requestRefusal('request_extension', subject('handling'), ['handler']), null);
    assert.match(requestRefusal('request_extension', subject('handling', { extended: true }), ['handler'])!.message, /只能申请一次/);
    assert.match(requestRefusal('request_extension', subject('handling', {}, registered, '2025-10-31'), ['handler'])!.message, /已于 2025-10-30 届满/);
  });

  test('a reply needs an outcome; with review it goes through the office first', () => {
    assert.match(requestRefusal('send_reply', subject('handling', { draftOutcome: null }), ['handler'])!.message, /办理结果/);
    assert.match(requestRefusal('send_reply', subject('handling', { replyReview: true }), ['handler'])!.message, /程序性审核/);
    assert.equal(requestRefusal('send_reply', subject('reply_approved', { replyReview: true }), ['handler']), null);
    assert.match(requestRefusal('submit_reply', subject('handling'), ['handler'])!.message, /未设置答复审核/);
  });

  test('archiving needs the delivery recorded', () => {
    assert.match(requestRefusal('archive', subject('replied', { delivered: false }), ['handler'])!.message, /送达/);
    assert.equal(requestRefusal('archive', subject('replied'), ['handler']), null);
  });

  test('outcomes that need their lapse, and nothing else while the applicant still has time', () => {
    const asked = [...registered, { kind: 'correction_requested', on: '2025-09-29', correctBy: '2025-10-20' }] as ClockEvent[];
    const s = (today: string, events = asked) => ({ clock: computeClock(events, cal, { feePausesClock: true }, today), today });
    assert.match(outcomeRule('other_no_correction', s('2025-10-20'))!.message, /尚未届满/);
    assert.equal(outcomeRule('other_no_correction', s('2025-10-21')), null);
    assert.match(outcomeRule('disclose', s('2025-10-10'))!.message, /补正期限/);
    assert.match(outcomeRule('other_no_correction', s('2025-10-21', registered))!.message, /只有发出补正告知/);
    assert.match(outcomeRule('unable_unclear', s('2025-10-21', registered))!.message, /补正之后/);
    const fee = [...registered, { kind: 'fee_notified', on: '2025-09-29', payBy: '2025-10-31' }] as ClockEvent[];
    assert.equal(outcomeRule('other_no_fee', s('2025-11-03', fee)), null);
    assert.match(outcomeRule('other_no_fee', s('2025-10-31', fee))!.message, /尚未届满/);
    const consulting = [...registered, { kind: 'consultation_started', on: '2025-09-29', replyBy: '2025-10-27' }] as ClockEvent[];
    assert.match(outcomeRule('partial', s('2025-10-09', consulting))!.message, /征求意见尚未结束/);
    // Every outcome is either always available in an ordinary case or one of the conditional ones.
    const ordinary = OUTCOMES.filter((o) => outcomeRule(o.code, s('2025-09-29', registered)) === null).map((o) => o.code);
    assert.equal(ordinary.length, OUTCOMES.length - 3);
  });

  test('the table has no duplicate (action, state) pair', () => {
    const seen = new Set<string>();
    for (const t of REQUEST_TRANSITIONS) for (const f of t.from) {
      const k = `${t.action}:${f}`;
      assert.ok(!seen.has(k), k);
      seen.add(k);
    }
    assert.ok(ACTIONS.every((a: RequestAction) => a.length > 0));
  });
});
