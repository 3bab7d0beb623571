import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitClauses } from './clauses.js';

test('articles: one clause per 第X条, headings and the preamble left out', () => {
  const text = '中华人民共和国某某法\n目录\n第一章 总则\n第一条 为了规范管理，制定本法。\n第二条 本法适用于全国。\n第二章 附则\n第三条　本法自2020年1月1日起施行。';
  const c = splitClauses(text);
  assert.deepEqual(c.map((x) => x.label), ['第一条', '第二条', '第三条']);
  assert.equal(c[1]!.text, '第二条 本法适用于全国。');
  assert.ok(!c[1]!.text.includes('附则'));
  assert.ok(c[2]!.text.includes('施行'));
});

test('a reference to another article inside a clause does not start a new one', () => {
  const c = splitClauses('第一条 依照本法第三条的规定办理。\n第二条 其他。');
  assert.equal(c.length, 2);
  assert.ok(c[0]!.text.includes('第三条的规定'));
});

test('without articles: paragraphs, short ones merged, long ones cut into windows of sentences', () => {
  const long = '为做好疫情防控工作，现就有关事项通知如下。'.repeat(40);
  const c = splitClauses(`各区人民政府：\n${long}\n特此通知。\n2020年2月1日`);
  assert.ok(c.length >= 3);
  assert.ok(c.every((x) => x.text.length <= 440), 'windows stay short');
  assert.equal(c[0]!.label, '第1段');
  assert.ok(c.at(-1)!.text.includes('特此通知'));
});

test('empty text gives no clause', () => {
  assert.deepEqual(splitClauses('  \n '), []);
});
