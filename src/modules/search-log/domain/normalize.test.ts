import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_QUERY_LENGTH, normalizeQuery } from './normalize.js';
import { addWeeks, isWeekStart, weekLabel, weekOf, weeksLabel } from './weeks.js';

test('a query is trimmed, its spaces collapsed, full width folded and lower-cased', () => {
  assert.equal(normalizeQuery('  最低工资　 标准 '), '最低工资 标准');
  assert.equal(normalizeQuery('ＡＢＣ　政策\t文件'), 'abc 政策 文件');
  assert.equal(normalizeQuery('国办发〔2017〕47号'), '国办发〔2017〕47号', 'a document number keeps its brackets');
  assert.equal(normalizeQuery('   '), '');
});

test('personal data is masked before anything is kept: no digit of a number survives', () => {
  assert.equal(normalizeQuery('13812345678 低保'), '[手机号码] 低保');
  assert.equal(normalizeQuery('低保 １３８１２３４５６７８'), '低保 [手机号码]', 'full-width digits too');
  assert.equal(normalizeQuery('+86 138-1234-5678'), '[手机号码]');
  assert.equal(normalizeQuery('11010519491231002X 户口'), '[身份证号码] 户口');
  assert.equal(normalizeQuery('Zhang.San@Example.com 投诉'), '[电子邮箱] 投诉');
  assert.equal(normalizeQuery('京A12345 违章'), '[车牌号码] 违章', 'a plate is found before the letters are lowered');
  // An ID-card number with a birth date in the future is still masked: normalizing needs no clock.
  assert.doesNotMatch(normalizeQuery('查询 110105209912310010'), /\d{6,}/);
});

test('a query is at most 100 characters, and a cut never leaves part of a number', () => {
  assert.equal(normalizeQuery('政'.repeat(300)).length, MAX_QUERY_LENGTH);
  const long = `${'政策'.repeat(50)} 13812345678`;
  assert.equal(normalizeQuery(long), '政策'.repeat(50));
  // Past what is read at all, the last, possibly cut, number goes.
  const huge = `${'a '.repeat(195)}1381234567812345`;
  assert.doesNotMatch(normalizeQuery(huge), /\d/);
  assert.equal(normalizeQuery('𠀀'.repeat(60)).length, 100, 'no half of a surrogate pair');
});

test('weeks run Monday to Sunday and are named by their Monday', () => {
  assert.equal(weekOf('2026-11-22'), '2026-11-16', 'a Sunday');
  assert.equal(weekOf('2026-11-16'), '2026-11-16', 'a Monday');
  assert.equal(weekOf('2027-01-01'), '2026-12-28', 'across the year');
  assert.equal(addWeeks('2026-11-16', -1), '2026-11-09');
  assert.ok(isWeekStart('2026-11-16'));
  assert.ok(!isWeekStart('2026-11-17') && !isWeekStart('2026-02-30') && !isWeekStart('x'));
  assert.equal(weekLabel('2026-11-16', '2026'), '11月16日—11月22日');
  assert.equal(weeksLabel('2026-12-28', '2026-12-28', '2026'), '2026年12月28日—2027年1月3日');
});
