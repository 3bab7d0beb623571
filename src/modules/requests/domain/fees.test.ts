import assert from 'node:assert/strict';
import { test } from 'node:test';
import { perPageFee, perRequestFee, perRequestRate } from './fees.js';

test('按件: the first 10 requests of a month are free, 11–30 cost 100 yuan, then +100 per band of 10 (109号 第四条)', () => {
  assert.deepEqual([1, 10, 11, 30, 31, 40, 41, 50, 51].map(perRequestRate), [0, 0, 100, 100, 200, 200, 300, 300, 400]);
  assert.equal(perRequestFee(10).amount, 0);
  assert.deepEqual(perRequestFee(31).lines, ['本月第 31 件申请，按件收费 200元']);
  assert.throws(() => perRequestRate(0), RangeError);
});

test('按量: 150 pages = 70 × 10 + 50 × 20 = 1,700 yuan (the worked example in domain.md §3)', () => {
  const f = perPageFee(150);
  assert.equal(f.amount, 1700);
  assert.deepEqual(f.lines, ['第31—100页 70页 × 10元 = 700元', '第101—150页 50页 × 20元 = 1000元']);
  assert.equal(perPageFee(30).amount, 0, '30 pages are free');
  assert.equal(perPageFee(31).amount, 10);
  // 70 × 10 + 100 × 20 + 50 × 40 = 700 + 2000 + 2000
  assert.equal(perPageFee(250).amount, 4700);
  assert.throws(() => perPageFee(1.5), RangeError);
});
