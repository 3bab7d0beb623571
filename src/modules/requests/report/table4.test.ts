import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildTable4, checkTable4 } from './table4.js';

describe('table 4 (国办公开办函〔2021〕30号)', () => {
  test('each group gets its 总计, and a consistent table passes', () => {
    const t = buildTable4([
      { kind: 'review', result: 'upheld', count: 3 },
      { kind: 'review', result: 'corrected', count: 1 },
      { kind: 'review', result: 'pending', count: 2 },
      { kind: 'review', result: 'upheld', count: 1 },
      { kind: 'litigation', result: 'other', count: 4 },
      { kind: 'litigation_after_review', result: 'pending', count: 1 },
    ]);
    assert.deepEqual(t.review, { upheld: 4, corrected: 1, other: 0, pending: 2, total: 7 });
    assert.deepEqual(t.litigation, { upheld: 0, corrected: 0, other: 4, pending: 0, total: 4 });
    assert.deepEqual(t.litigation_after_review, { upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 });
    assert.deepEqual(checkTable4(t), []);
  });

  test('a broken table: a wrong 总计 and a negative value are reported', () => {
    const t = JSON.parse(JSON.stringify(buildTable4([{ kind: 'review', result: 'upheld', count: 2 }])));
    t.review.total = 3;
    t.litigation_after_review.corrected = -1;
    assert.deepEqual(checkTable4(t), [
      '行政复议：总计为 3，不等于结果维持、结果纠正、其他结果、尚未审结之和 2',
      '行政诉讼（复议后起诉）的“结果纠正”应为非负整数，现为 -1',
    ]);
  });

  test('unknown kinds and results are refused', () => {
    assert.throws(() => buildTable4([{ kind: 'appeal' as 'review', result: 'upheld', count: 1 }]), RangeError);
    assert.throws(() => buildTable4([{ kind: 'review', result: 'won' as 'upheld', count: 1 }]), RangeError);
  });
});
