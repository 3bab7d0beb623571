import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_INDEX_TEMPLATE, renderIndexNumber, serialScopeKey, validateIndexTemplate } from './index-number.js';

// Real index numbers from domain.md §5.1.
const rendered: Array<[string, string, string, number, string]> = [
  [DEFAULT_INDEX_TEMPLATE, '000014349', '2020-06-01', 72, '000014349/2020-00072'],
  [DEFAULT_INDEX_TEMPLATE, '000014349', '2017-10-01', 156, '000014349/2017-00156'],
  [DEFAULT_INDEX_TEMPLATE, '11620622013933539B', '2021-03-04', 3844, '11620622013933539B/2021-03844'],
  [DEFAULT_INDEX_TEMPLATE, '000013338', '2023-01-01', 79, '000013338/2023-00079'],
  [DEFAULT_INDEX_TEMPLATE, '640000001', '2024-12-31', 490, '640000001/2024-00490'],
  [DEFAULT_INDEX_TEMPLATE, '11370322004222241N', '2021-05-05', 5135380, '11370322004222241N/2021-5135380'],
  ['{orgCode}/{yyyy}{mm}-{serial:5}', '11341702486344515H', '2021-10-15', 13, '11341702486344515H/202110-00013'],
  ['{orgCode}/{yyyy}-{serial:4}', 'xzfgzbmzfb', '2021-01-01', 3740, 'xzfgzbmzfb/2021-3740'],
  ['{orgCode}-{yyyy}-{serial:6}', '01527918X', '2020-01-01', 153077, '01527918X-2020-153077'],
  ['{orgCode}-{yyyy}{mm}{dd}-{serial:3}', '3302', '2022-02-09', 7, '3302-20220209-007'],
  ['{orgCode}/{serial:5}/{yyyy}', 'X', '2022-02-09', 7, 'X/00007/2022'],
];
for (const [template, orgCode, date, serial, expected] of rendered) {
  test(`render ${template} → ${expected}`, () => {
    assert.equal(validateIndexTemplate(template), null);
    assert.equal(renderIndexNumber(template, { orgCode, date, serial }), expected);
  });
}

test('a serial longer than the width is written in full', () => {
  assert.equal(renderIndexNumber(DEFAULT_INDEX_TEMPLATE, { orgCode: '000014349', date: '2020-01-01', serial: 123456 }), '000014349/2020-123456');
  assert.equal(renderIndexNumber('{orgCode}-{serial:1}', { orgCode: 'A', date: '2020-01-01', serial: 42 }), 'A-42');
});

const invalid: Array<[string, RegExp]> = [
  ['', /不能为空/],
  ['{orgCode}/{yyyy}', /缺少流水号占位符 \{serial:N\}/],
  ['{orgCode}/{serial:3}-{serial:5}', /只能包含一个流水号/],
  ['{orgCode}/{year}-{serial:5}', /未知的占位符“\{year\}”.*\{yyyy\}/],
  ['{orgCode}/{YYYY}-{serial:5}', /未知的占位符/],
  ['{orgCode}/{yyyy}-{serial:0}', /位数须为1到10之间的整数（当前为“0”）/],
  ['{orgCode}/{yyyy}-{serial:11}', /位数须为1到10/],
  ['{orgCode}/{yyyy}-{serial:x}', /位数须为1到10/],
  ['{orgCode}/{yyyy}-{serial}', /须写明位数/],
  ['{yyyy}-{serial:5}', /缺少机构代码占位符 \{orgCode\}/],
  ['{orgCode}/{yyyy-{serial:5}', /花括号不成对/],
  ['{orgCode}/yyyy}-{serial:5}', /花括号不成对/],
  ['{orgCode}-{serial:2}{mm}', /非数字的分隔符/],
  ['{orgCode}-{serial:2}0{mm}', /非数字的分隔符/],
];
for (const [template, message] of invalid) {
  test(`invalid template ${JSON.stringify(template)}`, () => {
    const e = validateIndexTemplate(template);
    assert.ok(e, 'expected an error');
    assert.match(e, message);
    assert.throws(() => renderIndexNumber(template, { orgCode: 'A', date: '2020-01-01', serial: 1 }), message);
    assert.throws(() => serialScopeKey(template, { orgCode: 'A', date: '2020-01-01' }), message);
  });
}

test('scope key: the template without the serial; restarts per year', () => {
  const a = serialScopeKey(DEFAULT_INDEX_TEMPLATE, { orgCode: '000014349', date: '2020-01-01' });
  const b = serialScopeKey(DEFAULT_INDEX_TEMPLATE, { orgCode: '000014349', date: '2020-12-31' });
  const c = serialScopeKey(DEFAULT_INDEX_TEMPLATE, { orgCode: '000014349', date: '2021-01-01' });
  assert.equal(a, '000014349/2020-');
  assert.equal(a, b);
  assert.notEqual(a, c);
  assert.notEqual(a, serialScopeKey(DEFAULT_INDEX_TEMPLATE, { orgCode: '000014350', date: '2020-01-01' }));
});

test('scope key with {yyyy}{mm} restarts per month; without a date token never restarts', () => {
  const t = '{orgCode}/{yyyy}{mm}-{serial:5}';
  assert.equal(serialScopeKey(t, { orgCode: 'X', date: '2021-10-01' }), 'X/202110-');
  assert.equal(serialScopeKey(t, { orgCode: 'X', date: '2021-10-31' }), 'X/202110-');
  assert.notEqual(serialScopeKey(t, { orgCode: 'X', date: '2021-11-01' }), 'X/202110-');
  const flat = '{orgCode}-{serial:8}';
  assert.equal(serialScopeKey(flat, { orgCode: 'X', date: '2020-01-01' }), serialScopeKey(flat, { orgCode: 'X', date: '2030-06-01' }));
});

test('context checks: date, orgCode, serial', () => {
  const t = DEFAULT_INDEX_TEMPLATE;
  assert.throws(() => renderIndexNumber(t, { orgCode: 'A', date: '2020-02-30', serial: 1 }), /YYYY-MM-DD/);
  assert.throws(() => renderIndexNumber(t, { orgCode: 'A', date: '2020/01/01', serial: 1 }), /YYYY-MM-DD/);
  assert.throws(() => renderIndexNumber(t, { orgCode: ' ', date: '2020-01-01', serial: 1 }), /机构代码/);
  assert.throws(() => renderIndexNumber(t, { orgCode: 'A', date: '2020-01-01', serial: 0 }), /正整数/);
  assert.throws(() => renderIndexNumber(t, { orgCode: 'A', date: '2020-01-01', serial: 1.5 }), /正整数/);
  assert.equal(renderIndexNumber(t, { orgCode: 'A', date: '2020-02-29', serial: 1 }), 'A/2020-00001');
});
