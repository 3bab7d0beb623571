import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, compileLexicon, highlightFindings, idCheckDigit, type Finding } from './index.js';

const matcher = compileLexicon([
  { term: '老机构名', category: '机构名称', action: 'suggest', replacement: '新机构名' },
  { term: '敏感词', category: '政治', action: 'block' },
  { term: '搞定', category: '不规范用语', action: 'warn' },
  { term: '机构', category: '测试', action: 'warn' },
]);
const ID = '11010519491231002X';
const opts = { today: '2026-11-22' };
const brief = (f: Finding): string => `${f.field}:${f.check}:${f.severity}:${f.kind}:${f.start}-${f.end}`;

test('checkText: every check over every field, flat, in field order then by position', () => {
  const findings = checkText(
    [
      { field: 'title', text: '关于老机构名的通知' },
      { field: 'body', text: `秘密\n请联系13812345678，身份证${ID}，此事已搞定。` },
      { field: 'attachment', name: '附件1.docx', text: '含敏感词' },
    ],
    matcher,
    opts,
  );
  assert.deepEqual(findings.map(brief), [
    'title:wording:suggest:机构名称:2-6',
    'title:wording:warn:测试:3-5',
    'body:secrecy:block:classification:0-2',
    'body:personal_data:block:mobile:6-17',
    'body:personal_data:block:id_number:21-39',
    'body:wording:warn:不规范用语:43-45',
    'attachment:wording:block:政治:1-4',
  ]);
  const [suggest, , secret, mobile, id, warn, block] = findings;
  assert.equal(suggest?.message, '"老机构名" 建议改为 "新机构名"');
  assert.equal(suggest?.replacement, '新机构名');
  assert.equal(secret?.message, '第 1 字处有密级标志 "秘密"，涉密内容不得公开');
  assert.equal(mobile?.message, '第 7 字处疑似手机号码（138****5678）');
  assert.equal(id?.message, '第 22 字处疑似身份证号码（1101**********002X）');
  assert.equal(id?.value, ID);
  assert.equal(warn?.message, '第 44 字处用语不规范 "搞定"');
  assert.equal(block?.message, '第 2 字处含敏感词 "敏感词"（政治）');
  assert.equal(block?.name, '附件1.docx');
  assert.equal(findings[0]?.name, undefined);
});

test('checkText: excerpts are one line with context, and mask all personal data they show', () => {
  const text = `联系人：张三\n电话13812345678、13987654321\n${'后文'.repeat(20)}`;
  const [first] = checkText([{ field: 'body', text }], null, { ...opts, context: 6 });
  assert.equal(first?.excerpt, '…：张三 电话138****5678、139****4321…');
  assert.doesNotMatch(JSON.stringify(checkText([{ field: 'body', text }], null, opts).map((f) => [f.excerpt, f.message])), /13812345678|13987654321/);
});

test('checkText: positions in messages count characters, not UTF-16 units', () => {
  const [f] = checkText([{ field: 'body', text: '😀😀身份证' + ID }], null, opts);
  assert.equal(f?.start, 7);
  assert.match(f?.message ?? '', /^第 6 字处疑似身份证号码/);
});

test('checkText: no dictionary, no text, nothing to find', () => {
  assert.deepEqual(checkText([], matcher, opts), []);
  assert.deepEqual(checkText([{ field: 'body', text: '' }], null, opts), []);
  assert.deepEqual(checkText([{ field: 'body', text: '政府信息公开工作年度报告' }], compileLexicon([]), opts), []);
});

test('checkText: the check digit decides, not the shape', () => {
  const bad = ID.slice(0, 17) + (idCheckDigit(ID.slice(0, 17)) === '1' ? '2' : '1');
  assert.deepEqual(checkText([{ field: 'body', text: bad }], null, opts), []);
});

test('highlightFindings: plain and marked segments that rebuild the text', () => {
  const text = '关于老机构名的通知';
  const findings = checkText([{ field: 'title', text }], matcher, opts);
  const segs = highlightFindings(text, findings);
  assert.deepEqual(segs, [{ text: '关于' }, { text: '老机构名', finding: 0 }, { text: '的通知' }]);
  assert.equal(segs.map((s) => s.text).join(''), text);
});

test('highlightFindings: overlaps merge into the first, touching spans stay apart, bad spans ignored', () => {
  const text = 'abcdefghij';
  const segs = highlightFindings(text, [
    { start: 5, end: 7 }, // 0
    { start: 1, end: 3 }, // 1
    { start: 2, end: 4 }, // 2: overlaps 1 → merged, points at 1 (earliest start)
    { start: 4, end: 5 }, // 3: touches 2 and 0, separate
    { start: 5, end: 6 }, // 4: inside 0 (same start, later index)
    { start: 8, end: 8 }, // 5: empty
    { start: 9, end: 50 }, // 6: clamped
    { start: -3, end: 0 }, // 7: clamped to empty
  ]);
  assert.deepEqual(segs, [
    { text: 'a' },
    { text: 'bcd', finding: 1 },
    { text: 'e', finding: 3 },
    { text: 'fg', finding: 0 },
    { text: 'hi' },
    { text: 'j', finding: 6 },
  ]);
  assert.deepEqual(highlightFindings('', []), []);
  assert.deepEqual(highlightFindings('无', []), [{ text: '无' }]);
});

test('checkText scales: 50,000 phone numbers with emoji in one body', () => {
  const t0 = performance.now();
  const findings = checkText([{ field: 'body', text: '😀联系13812345678，'.repeat(50_000) }], null, opts);
  assert.equal(findings.length, 50_000);
  assert.equal(findings.at(-1)?.message, '第 749989 字处疑似手机号码（138****5678）');
  assert.ok(performance.now() - t0 < 5000, `${Math.round(performance.now() - t0)} ms`);
});

