import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findSecrecyMarkers, type SecrecyKind } from './secrecy.js';

const marks = (text: string): [SecrecyKind, string][] => findSecrecyMarkers(text).map((h) => [h.kind, h.value]);

test('classification markings at the top of a document (GB/T 9704-2012 §7.2.2)', () => {
  assert.deepEqual(findSecrecyMarkers('机密★5年\n\n××市人民政府文件\n'), [{ kind: 'classification', start: 0, end: 5, value: '机密★5年' }]);
  assert.deepEqual(marks('000123\n秘密\n特急\n\n××市人民政府关于做好防汛工作的通知'), [['classification', '秘密']]);
  assert.deepEqual(marks('000123 机密★1年 特急'), [['classification', '机密★1年']]);
  assert.deepEqual(marks('000123 秘密 特急'), [['classification', '秘密']]);
  assert.deepEqual(marks('【机密】\n关于…的报告'), [['classification', '【机密】']]);
  // Flattened web text separates paragraphs by runs of spaces (U+3000 here).
  assert.deepEqual(marks('××市人民政府办公室\u3000\u3000秘密\u3000\u3000关于…的通知'), [['classification', '秘密']]);
});

test('classification: the ★ forms anywhere, the 密级 field, a lone ★ with a period', () => {
  assert.deepEqual(marks('文件标注为「秘密★」。'), [['classification', '秘密★']]);
  assert.deepEqual(marks('绝密★长期'), [['classification', '绝密★长期']]);
  assert.deepEqual(marks('机密★2030年12月31日解密'), [['classification', '机密★2030年12月31日解密']]);
  assert.deepEqual(marks('“机密” ★ 10年'), [['classification', '机密” ★ 10年']]);
  assert.deepEqual(marks('机密★１０年'), [['classification', '机密★１０年']], 'full-width digits');
  assert.deepEqual(marks('密级：机密'), [['classification', '密级：机密']]);
  assert.deepEqual(marks('★10年'), [['classification', '★10年']]);
  assert.deepEqual(marks('五星好评★★★★★'), []);
});

test('internal markings in a header slot or as the 仅供内部… phrase', () => {
  assert.deepEqual(marks('内部资料\n××局工作简报'), [['internal', '内部资料']]);
  assert.deepEqual(marks('【内部资料】 注意保存\n'), [['internal', '【内部资料】 注意保存']]);
  assert.deepEqual(marks('内部文件，请勿外传'), [['internal', '内部文件，请勿外传']]);
  assert.deepEqual(marks('内部\n关于调整值班安排的说明'), [['internal', '内部']]);
  assert.deepEqual(marks('本材料仅供内部参考。'), [['internal', '仅供内部参考']]);
});

test('disclosure-attribute markings (附注 and form fields)', () => {
  assert.deepEqual(marks('××市人民政府\n2020年2月7日\n（此件不予公开）'), [['attribute', '此件不予公开']]);
  assert.deepEqual(marks('（此件依申请公开）'), [['attribute', '此件依申请公开']]);
  assert.deepEqual(marks('公开方式：依申请公开'), [['attribute', '公开方式：依申请公开']]);
  assert.deepEqual(marks('信息公开属性: 不予公开'), [['attribute', '信息公开属性: 不予公开']]);
  assert.deepEqual(marks('依申请公开\n××局关于…的批复'), [['attribute', '依申请公开']]);
  // Public attributes are fine.
  assert.deepEqual(marks('（此件公开发布）（此件主动公开）公开方式：主动公开'), []);
});

test('ordinary prose about secrets, internal control and withheld information is not flagged', () => {
  // Sentences as laws write them (保守国家秘密法, 政府信息公开条例, 审计法, 印刷业管理条例).
  const prose = [
    '第一章 总则',
    '国家秘密是关系国家安全和利益，依照法定程序确定，在一定时间内只限一定范围的人员知悉的事项。',
    '国家秘密的密级分为绝密、机密、秘密三级。',
    '绝密级国家秘密是最重要的国家秘密，泄露会使国家安全和利益遭受特别严重的损害；机密级国家秘密是重要的国家秘密，泄露会使国家安全和利益遭受严重的损害；秘密级国家秘密是一般的国家秘密，泄露会使国家安全和利益遭受损害。',
    '秘密级国家秘密的保密期限，除另有规定外，不超过十年。',
    '机关、单位对承载国家秘密的纸介质、光介质、电磁介质等载体以及属于国家秘密的设备、产品，应当做出国家秘密标志。',
    '任何公民都有保守国家秘密的义务。',
    '依法确定为国家秘密的政府信息，法律、行政法规禁止公开的政府信息，以及公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息，不予公开。',
    '涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开。',
    '行政机关的内部事务信息，包括人事管理、后勤管理、内部工作流程等方面的信息，可以不予公开。',
    '第四章 依申请公开',
    '依申请公开的政府信息公开会损害第三方合法权益的，行政机关应当书面征求第三方的意见。',
    '内部审计机构或者内部审计人员根据本单位确定的职责，开展内部审计工作。',
    '单位应当建立健全内部控制制度。',
    '内部控制 应当覆盖全部经济活动。',
    '印刷企业接受委托印刷内部资料性出版物的，必须验证准印证。',
    '证券经营机构编发的供本机构内部使用的信息简报，不得对外发布。',
    '专线进行国际联网的计算机信息网络，只限于内部使用。',
    '侵犯商业秘密的，依法承担民事责任。',
  ].join('\n\n');
  assert.deepEqual(findSecrecyMarkers(prose), []);
});

test('offsets are into the original text (full-width and U+3000 kept)', () => {
  const text = '标题\u3000\u3000机密★５年\n正文';
  const [h] = findSecrecyMarkers(text);
  assert.equal(h && text.slice(h.start, h.end), '机密★５年');
});

test('long runs of spaces and many markings cost linear time', () => {
  const t0 = performance.now();
  assert.equal(findSecrecyMarkers('\u3000'.repeat(100_000) + '秘密').length, 1);
  assert.equal(findSecrecyMarkers('正文'.repeat(10) + ' '.repeat(100_000) + '文').length, 0);
  assert.equal(findSecrecyMarkers('★1年'.repeat(50_000)).length, 50_000);
  // Quadratic behaviour would take minutes here; linear takes milliseconds.
  assert.ok(performance.now() - t0 < 3000, `${Math.round(performance.now() - t0)} ms`);
});

// Calibration on the shared corpus: 3,413 laws and regulations (683 documents mention 秘密, 365
// 国家秘密) and 593 public epidemic notices. None carries a marking, so none may be flagged.
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const corpusPath = process.env.CORPUS_PATH ?? path.resolve(repoRoot, '../shared/corpus/policy-docs.jsonl');
const missing = existsSync(corpusPath) ? false : `corpus not found at ${corpusPath} (set CORPUS_PATH to policy-docs.jsonl)`;

test('no document of the public corpus is flagged', { skip: missing }, () => {
  const flagged: string[] = [];
  let mentioning = 0;
  for (const line of readFileSync(corpusPath, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const d = JSON.parse(line) as { id: string; title: string; body: string };
    if (d.body.includes('秘密')) mentioning++;
    const hits = [...findSecrecyMarkers(d.title), ...findSecrecyMarkers(d.body)];
    if (hits.length) flagged.push(`${d.id}: ${hits.map((h) => h.value).join(', ')}`);
  }
  assert.ok(mentioning > 600, `documents mentioning 秘密: ${mentioning}`);
  assert.deepEqual(flagged, []);
});
