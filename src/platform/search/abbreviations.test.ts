import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expandShortForm, shortFormCandidates } from './abbreviations.js';

const TITLES = [
  '中华人民共和国民事诉讼法', '最高人民法院关于适用《中华人民共和国民事诉讼法》的解释', '危险化学品安全管理条例',
  '衢州市城市市容和环境卫生管理条例', '中华人民共和国人民防空法', '社会团体登记管理条例', '计划生育条例', '办理居住证须知',
];

test('a short form expands to the long name the titles use, the one most titles hold', () => {
  assert.deepEqual(expandShortForm('民诉法', TITLES), { typed: '民诉法', meant: '民事诉讼法', titles: 2 });
  assert.equal(expandShortForm('危化品', TITLES)?.meant, '危险化学品');
  assert.equal(expandShortForm('环卫', TITLES)?.meant, '环境卫生');
  assert.equal(expandShortForm('人防', TITLES)?.meant, '人民防空');
  assert.equal(expandShortForm('社团', TITLES)?.meant, '社会团体');
});

test('no expansion for words that are not short forms, or that a title holds as typed', () => {
  assert.equal(expandShortForm('办证', TITLES), null, '办理居住证 does not abbreviate to 办证: 证 begins no word');
  assert.equal(expandShortForm('养狗', TITLES), null);
  assert.equal(expandShortForm('条例', TITLES), null, 'a title holds it as typed');
});

test('candidates are spans of two to four characters without question words', () => {
  assert.deepEqual(shortFormCandidates('民诉法 怎么'), ['民诉法']);
  assert.ok(!shortFormCandidates('养狗 要办证吗').some((s) => s.includes('吗')));
});
