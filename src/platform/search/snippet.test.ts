import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSnippet, escapeHtml, highlight } from './snippet.js';

const strip = (html: string): string => html.replace(/<\/?mark>/g, '');
const marks = (html: string): string[] => [...html.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1] as string);

test('escapeHtml escapes all five special characters', () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
});

test('highlight marks every occurrence and escapes everything else', () => {
  const h = highlight('<script>alert("公开")</script>政府信息公开', ['公开']);
  assert.equal(h, '&lt;script&gt;alert(&quot;<mark>公开</mark>&quot;)&lt;/script&gt;政府信息<mark>公开</mark>');
  assert.doesNotMatch(h, /<script/);
  // A term that itself looks like markup is escaped inside the mark.
  assert.equal(highlight('a<b>c', ['<b>']), 'a<mark>&lt;b&gt;</mark>c');
});

test('highlight: longest term wins on overlap', () => {
  assert.equal(highlight('政府信息公开', ['政府', '府信息公开']), '政<mark>府信息公开</mark>');
  assert.equal(highlight('政府信息公开', ['信息', '政府信息', '公开']), '<mark>政府信息</mark><mark>公开</mark>');
  assert.equal(highlight('中华人民共和国', ['人民', '中华人民共和国', '共和国']), '<mark>中华人民共和国</mark>');
});

test('highlight: case-insensitive for latin, width-insensitive, original text kept', () => {
  assert.equal(highlight('COVID-19 and Covid', ['covid']), '<mark>COVID</mark>-19 and <mark>Covid</mark>');
  assert.equal(highlight('２０２２年', ['2022']), '<mark>２０２２</mark>年');
  // Characters whose lower case is longer must not shift offsets.
  assert.equal(highlight('İstanbul 公开', ['公开']), 'İstanbul <mark>公开</mark>');
});

test('highlight: no terms / empty terms → just escaped text', () => {
  assert.equal(highlight('a<b', []), 'a&lt;b');
  assert.equal(highlight('a<b', ['', '  ']), 'a&lt;b');
  assert.equal(highlight('', ['x']), '');
});

test('buildSnippet: short text is returned whole, whitespace collapsed, no ellipsis', () => {
  assert.equal(buildSnippet('  政府\n\n信息\t公开  ', ['信息']), '政府 <mark>信息</mark> 公开');
});

test('buildSnippet: no hit → first `length` characters with a trailing ellipsis', () => {
  const text = '甲'.repeat(50) + '乙'.repeat(200);
  const s = buildSnippet(text, ['不存在'], { length: 60 });
  assert.equal(s, '甲'.repeat(50) + '乙'.repeat(10) + '…');
  assert.equal(buildSnippet(text, [], { length: 60 }), s);
});

test('buildSnippet: picks the window with the most DISTINCT terms, not the first hit', () => {
  const filler = (n: number): string => '填充内容'.repeat(n);
  // 公开 alone (many times) early; 政府+信息+公开 together later.
  const text = filler(10) + '公开公开公开' + filler(30) + '政府信息公开' + filler(30);
  const s = buildSnippet(text, ['政府', '信息', '公开'], { length: 40 });
  assert.deepEqual(marks(s), ['政府', '信息', '公开']);
  assert.ok(s.startsWith('…') && s.endsWith('…'));
  assert.ok(strip(s).length <= 40 + 2, `length ${strip(s).length}`);
});

test('buildSnippet: prefers the earliest window on a tie', () => {
  const text = '开头' + 'x'.repeat(100) + 'A公开B' + 'y'.repeat(100) + 'C公开D' + 'z'.repeat(100);
  const s = buildSnippet(text, ['公开'], { length: 30 });
  assert.match(strip(s), /A公开B/);
  assert.doesNotMatch(strip(s), /C公开D/);
});

test('buildSnippet: starts at the sentence containing the hit and ends at a sentence end', () => {
  const text = '前言'.repeat(30) + '。本机关依据条例公开财政预算。' + '后记内容'.repeat(8) + '。' + '尾部'.repeat(60);
  const s = buildSnippet(text, ['公开'], { length: 60 });
  assert.ok(s.startsWith('…本机关依据条例<mark>公开</mark>'), s);
  assert.ok(s.endsWith('。…'), s);
});

test('buildSnippet: escapes <script> from the source and never cuts through a tag of our own', () => {
  const text = 'x'.repeat(200) + '<script>alert(1)</script>政府信息公开' + 'y'.repeat(200);
  const s = buildSnippet(text, ['政府', '信息', '公开']);
  assert.doesNotMatch(s, /<script/);
  assert.match(s, /&lt;script&gt;alert\(1\)&lt;\/script&gt;<mark>政府<\/mark><mark>信息<\/mark><mark>公开<\/mark>/);
  // Tags are only ever <mark>/</mark>.
  assert.deepEqual(s.match(/<[^>]*>/g)?.filter((t) => t !== '<mark>' && t !== '</mark>') ?? [], []);
});

test('buildSnippet: ellipsis only at cut ends; default length 120', () => {
  const head = '公开' + '甲'.repeat(300);
  const s = buildSnippet(head, ['公开']);
  assert.ok(!s.startsWith('…') && s.endsWith('…'));
  assert.equal(strip(s).length, 121);
  const tail = '甲'.repeat(300) + '公开';
  const t = buildSnippet(tail, ['公开']);
  assert.ok(t.startsWith('…') && !t.endsWith('…'));
  assert.ok(t.endsWith('<mark>公开</mark>'));
});

test('buildSnippet: does not split surrogate pairs at the edges', () => {
  const text = '𠀀'.repeat(200);
  const s = buildSnippet(text, [], { length: 11 });
  assert.doesNotMatch(s, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
});
