import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DocumentStatus } from '../../../db/schema.js';
import { DOCUMENT_TRANSITIONS, findTransition } from './status.js';

const STATUSES: DocumentStatus[] = ['draft', 'submitted', 'in_review', 'approved', 'scheduled', 'published', 'withdrawn'];

test('only a draft can be published, and only by a publisher or admin', () => {
  for (const from of STATUSES) {
    const t = findTransition('publish', from);
    if (from === 'draft') {
      assert.equal(t?.to, 'published');
      assert.deepEqual([...t!.roles].sort(), ['admin', 'publisher']);
    } else assert.equal(t, null, `publish from ${from} is forbidden`);
  }
});

test('every transition moves between known statuses and names who may take it', () => {
  for (const t of DOCUMENT_TRANSITIONS) {
    assert.ok(STATUSES.includes(t.from) && STATUSES.includes(t.to));
    assert.ok(t.roles.length > 0);
    assert.notEqual(t.from, t.to);
  }
  assert.equal(findTransition('withdraw', 'published'), null, 'withdrawal arrives with the review workflow');
});
