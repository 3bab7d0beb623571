import assert from 'node:assert/strict';
import { test } from 'node:test';
import { placementError, wouldCycle } from './tree-rules.js';

test('a village or community sits under a township only, and nothing under it', () => {
  assert.equal(placementError('village', 'township'), null);
  assert.match(placementError('village', 'county')!, /只能设在乡镇/);
  assert.match(placementError('department', 'village')!, /不能再设机构/);
  assert.match(placementError('department', null)!, /上级机构/);
  assert.equal(placementError('township', 'county'), null);
});

test('an organization cannot move under itself or a descendant', () => {
  assert.ok(wouldCycle(5, 5, [1]));
  assert.ok(wouldCycle(5, 9, [7, 5, 1]));
  assert.ok(!wouldCycle(5, 9, [7, 1]));
});
