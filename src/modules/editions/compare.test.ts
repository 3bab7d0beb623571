import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareTexts } from './compare.js';

test('a changed deadline shows the old figure removed and the new one added', () => {
  const r = compareTexts('自发布之日起施行，有效期5年。', '自发布之日起施行，有效期3年。');
  assert.equal(r.changed, true);
  assert.deepEqual(r.left.filter((s) => s.kind === 'removed').map((s) => s.text), ['5']);
  assert.deepEqual(r.right.filter((s) => s.kind === 'added').map((s) => s.text), ['3']);
  assert.equal(r.left.map((s) => s.text).join(''), '自发布之日起施行，有效期5年。');
  assert.equal(r.right.map((s) => s.text).join(''), '自发布之日起施行，有效期3年。');
});

test('identical versions are reported unchanged', () => {
  const r = compareTexts('第一条 为了规范管理。', '第一条 为了规范管理。');
  assert.equal(r.changed, false);
});
