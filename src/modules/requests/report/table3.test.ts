import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OUTCOME_GROUPS, OUTCOMES } from '../domain/outcomes.js';
import { buildTable3, checkTable3, table3Cell, TABLE3_COLUMNS, TABLE3_ROWS, type Table3, type Table3Count } from './table3.js';

/**
 * The totals of a real 2025 report: 14069 new + 560 carried over = 13810 concluded + 819 carried
 * forward. Split here over two kinds of applicant so that each column balances too:
 * 自然人 13900 + 500 = 13650 + 750; 商业企业 169 + 60 = 160 + 69.
 */
const REAL: Table3Count[] = [
  { row: 'received', kind: 'natural', count: 13900 },
  { row: 'received', kind: 'business', count: 169 },
  { row: 'carried_over', kind: 'natural', count: 500 },
  { row: 'carried_over', kind: 'business', count: 60 },
  // 自然人: 8000 + 1500 + 50 + 300 + 3000 + 500 + 300 = 13650
  { row: 'disclose', kind: 'natural', count: 8000 },
  { row: 'partial', kind: 'natural', count: 1500 },
  { row: 'withhold_secret', kind: 'natural', count: 50 },
  { row: 'withhold_third_party', kind: 'natural', count: 300 },
  { row: 'unable_not_held', kind: 'natural', count: 2000 },
  { row: 'unable_not_held', kind: 'natural', count: 1000 },
  { row: 'reject_repeat', kind: 'natural', count: 500 },
  { row: 'other_other', kind: 'natural', count: 300 },
  // 商业企业: 100 + 50 + 10 = 160
  { row: 'disclose', kind: 'business', count: 100 },
  { row: 'unable_not_held', kind: 'business', count: 50 },
  { row: 'other_no_correction', kind: 'business', count: 10 },
  { row: 'carried_forward', kind: 'natural', count: 750 },
  { row: 'carried_forward', kind: 'business', count: 69 },
];

const clone = (t: Table3): Record<string, Record<string, number>> => JSON.parse(JSON.stringify(t));

describe('table 3 (国办公开办函〔2021〕30号)', () => {
  test('the rows are the printed ones, in order, with their sums; the columns are the six applicant kinds and 总计', () => {
    const labels = TABLE3_ROWS.map((r) => r.label);
    assert.equal(labels[0], '一、本年新收政府信息公开申请数量');
    assert.equal(labels[1], '二、上年结转政府信息公开申请数量');
    assert.equal(labels[2], '（一）予以公开');
    assert.equal(labels[3], '（二）部分公开（区分处理的，只计这一情形，不计其他情形）');
    assert.equal(labels[4], '（三）不予公开');
    assert.equal(labels[5], '1.属于国家秘密');
    assert.ok(labels.includes('3.危及“三安全一稳定”'));
    assert.ok(labels.includes('1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'));
    assert.equal(labels.at(-2), '（七）总计');
    assert.equal(labels.at(-1), '四、结转下年度继续办理');
    // 一、二、四; （一）…（七）; one numbered item per outcome except （一）（二）, which are outcomes themselves.
    assert.equal(TABLE3_ROWS.length, 3 + 7 + (OUTCOMES.length - 2));
    assert.deepEqual(TABLE3_ROWS.filter((r) => r.sum).map((r) => r.key), ['withhold', 'unable', 'reject', 'other', 'total']);
    assert.deepEqual(TABLE3_ROWS.filter((r) => r.level === 1).map((r) => r.label), [...OUTCOME_GROUPS.map((g) => g.label), '（七）总计']);
    assert.deepEqual(TABLE3_COLUMNS.map((c) => c.label), ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
    assert.equal(new Set(TABLE3_ROWS.map((r) => r.key)).size, TABLE3_ROWS.length, 'row keys are unique');
  });

  test('the real example 14069 + 560 = 13810 + 819 is built with every sum and passes every check', () => {
    const t = buildTable3(REAL);
    assert.equal(table3Cell(t, 'received', 'total'), 14069);
    assert.equal(table3Cell(t, 'carried_over', 'total'), 560);
    assert.equal(table3Cell(t, 'total', 'total'), 13810);
    assert.equal(table3Cell(t, 'carried_forward', 'total'), 819);
    assert.equal(table3Cell(t, 'unable_not_held', 'natural'), 3000, 'repeated counts add up');
    assert.equal(table3Cell(t, 'withhold', 'natural'), 350, '（三） = 50 + 300');
    assert.equal(table3Cell(t, 'unable', 'total'), 3050);
    assert.equal(table3Cell(t, 'other', 'business'), 10);
    assert.equal(table3Cell(t, 'total', 'natural'), 13650);
    assert.deepEqual(checkTable3(t), []);
  });

  test('an empty year is all zeros and consistent', () => {
    const t = buildTable3([]);
    assert.ok(TABLE3_ROWS.every((r) => TABLE3_COLUMNS.every((c) => table3Cell(t, r.key, c.key) === 0)));
    assert.deepEqual(checkTable3(t), []);
  });

  test('a broken table: every violated rule is reported in Chinese', () => {
    const t = clone(buildTable3(REAL));
    t.received!.natural = 13901; // 一 no longer balances, and the row's 总计 no longer adds up
    t.withhold!.business = 2; // （三） ≠ its items, and （七） ≠ （一）…（六）
    const problems = checkTable3(t as Table3);
    assert.deepEqual(problems, [
      '自然人：第一项（13901）加第二项（500）之和为 14401，不等于第三项（七）总计（13650）加第四项（750）之和 14400',
      '商业企业：（七）总计为 160，不等于（一）至（六）之和 162',
      '商业企业：（三）不予公开为 2，不等于其 8 个子项之和 0',
      '一、本年新收政府信息公开申请数量：总计为 14069，不等于自然人与法人或其他组织各项之和 14070',
      '（三）不予公开：总计为 350，不等于自然人与法人或其他组织各项之和 352',
    ]);
  });

  test('missing rows and values that are not counts are reported instead of computed with', () => {
    const t = clone(buildTable3([]));
    delete t.carried_over;
    t.received!.research = -1;
    t.total!.other = 1.5;
    assert.deepEqual(checkTable3(t as Table3), [
      '“一、本年新收政府信息公开申请数量”的“科研机构”应为非负整数，现为 -1',
      '缺少“二、上年结转政府信息公开申请数量”一行',
      '“（七）总计”的“其他”应为非负整数，现为 1.5',
    ]);
  });

  test('counts for a row that is a sum, or an unknown row, are refused', () => {
    assert.throws(() => buildTable3([{ row: 'total', kind: 'natural', count: 1 }]), RangeError);
    assert.throws(() => buildTable3([{ row: 'withhold', kind: 'natural', count: 1 }]), RangeError);
    assert.throws(() => buildTable3([{ row: 'nonsense', kind: 'natural', count: 1 }]), /表三没有可直接统计的行/);
    assert.throws(() => table3Cell(buildTable3([]), 'nonsense', 'total'), RangeError);
  });
});
