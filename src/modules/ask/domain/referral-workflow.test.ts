import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReferralStatus } from '../../../db/schema-ask.js';
import { REFERRAL_TRANSITIONS, referralRefusal, type ReferralAction } from './referral-workflow.js';

const STATUSES: ReferralStatus[] = ['submitted', 'assigned', 'answered', 'closed'];
const ACTIONS: ReferralAction[] = ['assign', 'answer', 'close', 'promote', 'transfer'];

test('every action from every state: allowed exactly where the table says', () => {
  for (const status of STATUSES) {
    for (const action of ACTIONS) {
      const allowed = REFERRAL_TRANSITIONS.some((t) => t.action === action && t.from.includes(status));
      const refused = referralRefusal(action, { status, answered: true, promoted: false });
      assert.equal(refused === null, allowed, `${action} from ${status}`);
    }
  }
});

test('an answered question is answered once; a closed one cannot be reopened by answering', () => {
  assert.match(referralRefusal('answer', { status: 'answered', answered: true, promoted: false })!, /不能答复/);
  assert.match(referralRefusal('answer', { status: 'closed', answered: false, promoted: false })!, /不能答复/);
});

test('promote needs an answer and happens once', () => {
  assert.match(referralRefusal('promote', { status: 'closed', answered: false, promoted: false })!, /尚未答复/);
  assert.match(referralRefusal('promote', { status: 'answered', answered: true, promoted: true })!, /已转为/);
  assert.equal(referralRefusal('promote', { status: 'answered', answered: true, promoted: false }), null);
});

test('转办: only an open case is transferred, and it lands unassigned in the new queue', () => {
  assert.equal(referralRefusal('transfer', { status: 'submitted', answered: false, promoted: false }), null);
  assert.equal(referralRefusal('transfer', { status: 'assigned', answered: false, promoted: false }), null);
  assert.match(referralRefusal('transfer', { status: 'answered', answered: true, promoted: false })!, /不能转办/);
  assert.match(referralRefusal('transfer', { status: 'closed', answered: false, promoted: false })!, /不能转办/);
  assert.equal(REFERRAL_TRANSITIONS.find((t) => t.action === 'transfer')!.to, 'submitted');
});
