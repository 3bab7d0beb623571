import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeDocNumberQuery, parseChineseNumber, parseDocNumber, suggestDocNumber } from './doc-number.js';

const opts = { maxYear: 2025 };

function ok(input: string) {
  const r = parseDocNumber(input, opts);
  if (!r.ok) assert.fail(`expected ${input} to be valid, got: ${r.error}`);
  return r.value;
}
function err(input: string): string {
  const r = parseDocNumber(input, opts);
  if (r.ok) assert.fail(`expected ${input} to be rejected, got ${r.value.normalized}`);
  return r.error;
}

// Valid standard numbers: domain.md §5.2 and gov.cn forms.
const validStandard: Array<[string, string, number, number]> = [
  ['宁政办发〔2022〕5号', '宁政办发', 2022, 5],
  ['国办发〔2017〕47号', '国办发', 2017, 47],
  ['国办发〔2020〕26号', '国办发', 2020, 26],
  ['国发〔2017〕39号', '国发', 2017, 39],
  ['法释〔2022〕9号', '法释', 2022, 9],
  ['惠府〔2017〕46号', '惠府', 2017, 46],
  ['国办公开办函〔2021〕30号', '国办公开办函', 2021, 30],
  ['中办发〔2012〕14号', '中办发', 2012, 14],
  ['国函〔1949〕1号', '国函', 1949, 1],
];
for (const [input, prefix, year, serial] of validStandard) {
  test(`standard: ${input}`, () => {
    assert.deepEqual(ok(input), { kind: 'standard', prefix, year, serial, normalized: input });
  });
}

test('normalizes whitespace (incl. full-width space) and full-width digits', () => {
  assert.equal(ok(' 宁政办发〔２０２２〕５号 ').normalized, '宁政办发〔2022〕5号');
  assert.equal(ok('宁政办发\u3000〔2022〕 5 号').normalized, '宁政办发〔2022〕5号');
  assert.equal(ok('国办发〔２０１７〕４７号\t').serial, 47);
});

// Rejections: each bracket style suggests the corrected form built from the input.
const wrongBrackets = ['[2022]', '［2022］', '(2022)', '（2022）', '【2022】', '〈2022〉', '{2022}', '﹝2022﹞', '〔2022]'];
for (const br of wrongBrackets) {
  test(`rejects bracket style ${br} and shows the fix`, () => {
    const e = err(`宁政办发${br}5号`);
    assert.match(e, /六角括号〔〕/);
    assert.match(e, /请改为：宁政办发〔2022〕5号/);
  });
}

test('rejects a year without brackets, suggesting the bracketed form', () => {
  const e = err('宁政办发2022年5号');
  assert.match(e, /六角括号/);
  assert.match(e, /宁政办发〔2022〕5号/);
});

test('rejects leading zeros (顺序号不编虚位)', () => {
  const e = err('宁政办发〔2022〕05号');
  assert.match(e, /不编虚位/);
  assert.match(e, /请改为：宁政办发〔2022〕5号/);
  assert.match(err('国办发〔2017〕047号'), /“047”应写作“47”/);
});

test('rejects 第 before the serial in the standard form', () => {
  const e = err('宁政办发〔2022〕第5号');
  assert.match(e, /不加“第”字/);
  assert.match(e, /请改为：宁政办发〔2022〕5号/);
});

test('requires the trailing 号', () => {
  const e = err('宁政办发〔2022〕5');
  assert.match(e, /须加“号”字/);
  assert.match(e, /请改为：宁政办发〔2022〕5号/);
});

test('reports several problems at once with one fix', () => {
  const e = err('宁政办发[2022]第05');
  assert.match(e, /六角括号/);
  assert.match(e, /不加“第”字/);
  assert.match(e, /不编虚位/);
  assert.match(e, /请改为：宁政办发〔2022〕5号$/);
});

test('year must be 4 digits and within 1949..maxYear', () => {
  assert.match(err('宁政办发〔22〕5号'), /年份须写全称（4位数字）/);
  assert.match(err('宁政办发〔1948〕5号'), /超出有效范围（1949–2025）/);
  assert.match(err('宁政办发〔2026〕5号'), /年份2026超出有效范围/);
  assert.equal(parseDocNumber('宁政办发〔2026〕5号', { maxYear: 2026 }).ok, true);
  assert.match(err('宁政办发〔二〇二二〕5号'), /年份须用阿拉伯数字.*请改为：宁政办发〔2022〕5号/);
});

test('default maxYear is next year', () => {
  const next = new Date().getFullYear() + 1;
  assert.equal(parseDocNumber(`国发〔${next}〕1号`).ok, true);
  assert.equal(parseDocNumber(`国发〔${next + 1}〕1号`).ok, false);
});

test('rejects empty prefix, empty input, missing or zero serial, Chinese serial', () => {
  assert.match(err('〔2022〕5号'), /缺少发文机关代字/);
  assert.match(err(''), /不能为空，例如：宁政办发〔2022〕5号/);
  assert.match(err('   '), /不能为空/);
  assert.match(err('宁政办发〔2022〕号'), /缺少发文顺序号/);
  assert.match(err('宁政办发〔2022〕0号'), /正整数/);
  assert.match(err('宁政办发〔2022〕五号'), /阿拉伯数字.*请改为：宁政办发〔2022〕5号/);
  assert.match(err('宁政办发〔2022〕5号附件'), /无法识别/);
  assert.match(err('政府信息公开'), /发文机关代字、〔年份〕、顺序号.*例如：宁政办发〔2022〕5号/);
});

// 令 numbers.
const decrees: Array<[string, string, number]> = [
  ['国务院令第711号', '国务院令', 711],
  ['国令第711号', '国令', 711],
  ['中华人民共和国国务院令第530号', '中华人民共和国国务院令', 530],
  ['中华人民共和国主席令第三号', '中华人民共和国主席令', 3],
  ['中华人民共和国主席令第二十一号', '中华人民共和国主席令', 21],
  ['上海市人民政府令第26号', '上海市人民政府令', 26],
];
for (const [input, prefix, serial] of decrees) {
  test(`decree: ${input}`, () => {
    assert.deepEqual(ok(input), { kind: 'decree', prefix, year: null, serial, normalized: input });
  });
}

test('decree errors: missing 第/号, leading zero, missing organ, bad numeral', () => {
  assert.match(err('国务院令711号'), /令第N号.*请改为：国务院令第711号/);
  assert.match(err('国务院令第0711号'), /不编虚位.*请改为：国务院令第711号/);
  assert.match(err('令第5号'), /缺少发布机关.*例如：国务院令第711号$/);
  assert.match(err('国务院令第一百五号'), /无法识别/);
  assert.equal(ok('国务院令 第７１１号').normalized, '国务院令第711号');
});

test('Chinese numerals', () => {
  const cases: Array<[string, number | null]> = [
    ['三', 3], ['十', 10], ['十一', 11], ['二十', 20], ['一百零五', 105], ['三百二十', 320],
    ['两千', 2000], ['一千零二十四', 1024], ['七一一', 711], ['一百五', null], ['十十', null], ['五a', null],
  ];
  for (const [s, n] of cases) assert.equal(parseChineseNumber(s), n, s);
});

// 公告 numbers.
test('announcement: 国家税务总局公告2014年第2号', () => {
  assert.deepEqual(ok('国家税务总局公告2014年第2号'), {
    kind: 'announcement', prefix: '国家税务总局公告', year: 2014, serial: 2, normalized: '国家税务总局公告2014年第2号',
  });
});

test('announcement errors: 〔〕 form, missing 第, leading zero, year range', () => {
  assert.match(err('国家税务总局公告〔2014〕第2号'), /不用六角括号.*请改为：国家税务总局公告2014年第2号/);
  assert.match(err('国家税务总局公告2014年2号'), /公告××××年第N号.*国家税务总局公告2014年第2号/);
  assert.match(err('国家税务总局公告2014年第02号'), /不编虚位/);
  assert.match(err('国家税务总局公告2099年第2号'), /超出有效范围/);
});

test('suggestDocNumber returns the canonical or repaired form', () => {
  assert.equal(suggestDocNumber('宁政办发（2022）05', opts), '宁政办发〔2022〕5号');
  assert.equal(suggestDocNumber('国办发〔2017〕47号', opts), '国办发〔2017〕47号');
  assert.equal(suggestDocNumber('政府信息公开', opts), null);
  assert.equal(suggestDocNumber('〔2022〕5号', opts), null);
});

// Lenient search-box parsing.
const queries: Array<[string, ReturnType<typeof normalizeDocNumberQuery>]> = [
  ['宁政办发[2022]5号', { prefix: '宁政办发', year: 2022, serial: 5 }],
  ['宁政办发（2022）5', { prefix: '宁政办发', year: 2022, serial: 5 }],
  ['宁政办发2022年5号', { prefix: '宁政办发', year: 2022, serial: 5 }],
  ['宁政办发2022 5', { prefix: '宁政办发', year: 2022, serial: 5 }],
  ['宁政办发 〔２０２２〕 第 05 号', { prefix: '宁政办发', year: 2022, serial: 5 }],
  ['〔2022〕5号', { prefix: null, year: 2022, serial: 5 }],
  ['宁政办发〔2022〕', { prefix: '宁政办发', year: 2022, serial: null }],
  ['国发2017', { prefix: '国发', year: 2017, serial: null }],
  ['法释〔2022〕', { prefix: '法释', year: 2022, serial: null }],
  ['国家税务总局公告2014年第2号', { prefix: '国家税务总局公告', year: 2014, serial: 2 }],
  ['国务院令第711号', { prefix: '国务院令', year: null, serial: 711 }],
  ['国令711号', { prefix: '国令', year: null, serial: 711 }],
  ['主席令第三号', { prefix: '主席令', year: null, serial: 3 }],
  ['政府信息公开', null],
  ['2022', null],
  ['2022年', null],
  ['〔2022〕', null],
  ['关于2022年工作要点的通知', null],
  ['政府2022', null],
  ['2022-05-01', null],
  ['宁政办发20225号', null],
  ['国务院令', null],
  ['', null],
];
for (const [q, expected] of queries) {
  test(`query: ${JSON.stringify(q)}`, () => {
    assert.deepEqual(normalizeDocNumberQuery(q), expected);
  });
}
