import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PlacementStatus } from '../../../db/schema-columns.js';
import { placementRefusal, placementTransition, type PlacementAction } from './rules.js';

const STATES: (PlacementStatus | null)[] = [null, 'pending', 'accepted', 'returned'];
const ACTIONS: PlacementAction[] = ['place', 'submit', 'accept', 'return', 'remove'];

/** Every (action, state) pair: the allowed ones and where they lead; everything else is refused with a message. */
const ALLOWED: Record<string, PlacementStatus | null> = {
  'place:null': 'accepted',
  'place:pending': 'accepted',
  'place:returned': 'accepted',
  'submit:null': 'pending',
  'submit:returned': 'pending',
  'accept:pending': 'accepted',
  'return:pending': 'returned',
  'remove:pending': null,
  'remove:accepted': null,
  'remove:returned': null,
};

test('the placement lifecycle allows exactly the listed transitions', () => {
  for (const action of ACTIONS) {
    for (const from of STATES) {
      const key = `${action}:${from}`;
      const t = placementTransition(action, from);
      if (key in ALLOWED) assert.deepEqual(t, { to: ALLOWED[key] }, key);
      else {
        assert.equal(t, undefined, key);
        assert.match(placementRefusal(action, from), /\p{Script=Han}/u, key);
      }
    }
  }
});

test('a submission already waiting or accepted is refused in words the submitter understands', () => {
  assert.equal(placementRefusal('submit', 'pending'), '该信息已报送本专栏，正等待采用。');
  assert.equal(placementRefusal('submit', 'accepted'), '该信息已在本专栏中。');
  assert.equal(placementRefusal('accept', 'returned'), '该信息在本专栏中的状态为“已退回”，不能进行此操作。');
});
