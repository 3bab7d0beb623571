import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bodyMetadataMismatches, type BodyMetadataInput } from './body-metadata.js';

const base: Omit<BodyMetadataInput, 'bodyText'> = { effectiveOn: null, expiresOn: null, docNo: null };
const keys = (bodyText: string, fields: Partial<typeof base> = {}) => bodyMetadataMismatches({ ...base, ...fields, bodyText }).map((m) => m.key.split(':')[1]);

describe('the body against the metadata', () => {
  test('施行: the date in “自…起施行” must be the effective date', () => {
    const body = '第二十条　本办法自2026年3月1日起施行。';
    assert.deepEqual(keys(body, { effectiveOn: '2026-03-01' }), []);
    const [m] = bodyMetadataMismatches({ ...base, bodyText: body, effectiveOn: '2026-04-01' });
    assert.equal(m!.message, '正文写明自2026年3月1日起施行，与施行日期（2026年4月1日）不一致');
    assert.match(bodyMetadataMismatches({ ...base, bodyText: body })[0]!.message, /施行日期未填写/);
    // Chinese numerals, spaces, 实施.
    assert.deepEqual(keys('本规定自二〇二六年十二月一日起实施。', { effectiveOn: '2026-12-01' }), []);
    assert.deepEqual(keys('本规定自 2026 年 12 月 1 日起实施。', { effectiveOn: '2026-11-01' }), ['body-effective']);
  });

  test('施行: an earlier document quoted in the body does not count against the field', () => {
    const body = '原《办法》自2019年1月1日起施行。\n本办法自2026年3月1日起施行，原《办法》同时废止。';
    assert.deepEqual(keys(body, { effectiveOn: '2026-03-01' }), []);
    assert.equal(bodyMetadataMismatches({ ...base, bodyText: body, effectiveOn: '2026-05-01' })[0]!.key, 'rule:body-effective:2026-03-01:2026-05-01');
  });

  test('有效期N年 runs from the effective date; 有效期至 is compared as written', () => {
    const body = '本办法自2026年3月1日起施行，有效期5年。';
    assert.deepEqual(keys(body, { effectiveOn: '2026-03-01', expiresOn: '2031-02-28' }), []);
    assert.deepEqual(keys(body, { effectiveOn: '2026-03-01', expiresOn: '2031-03-01' }), [], 'the anniversary itself is accepted too');
    const [m] = bodyMetadataMismatches({ ...base, bodyText: body, effectiveOn: '2026-03-01', expiresOn: '2028-02-29' });
    assert.equal(m!.message, '正文所写有效期（至2031年2月28日）与有效期至（2028年2月29日）不一致');
    assert.deepEqual(keys('本意见自印发之日起施行，有效期为两年。', { effectiveOn: '2026-01-10', expiresOn: '2028-01-09' }), []);
    assert.deepEqual(keys('有效期至2030年12月31日。', { expiresOn: '2030-12-31' }), []);
    assert.deepEqual(keys('有效期至2030年12月31日。', { expiresOn: '2029-12-31' }), ['body-expiry']);
    assert.match(bodyMetadataMismatches({ ...base, bodyText: '有效期至2030年12月31日。' })[0]!.message, /有效期至未填写/);
    assert.deepEqual(keys('有效期5年。'), [], 'without any effective date there is nothing to count from');
  });

  test('发文字号 on its own line in the 版头 or 版记 must be the field', () => {
    const body = '宁政办发〔2026〕5号\n各区人民政府，市各委办局：\n根据《国务院办公厅关于…的通知》（国办发〔2025〕12号）要求，现通知如下。\n江宁市人民政府办公室\n2026年3月1日';
    assert.deepEqual(keys(body, { docNo: '宁政办发〔2026〕5号' }), [], 'the cited 国办发 number is in a sentence, not on a line of its own');
    const [m] = bodyMetadataMismatches({ ...base, bodyText: body, docNo: '宁政办发〔2026〕6号' });
    assert.equal(m!.message, '正文版头或版记中的发文字号“宁政办发〔2026〕5号”与发文字号（宁政办发〔2026〕6号）不一致');
    assert.deepEqual(keys('宁政办发[2026]5号　签发人：张三\n正文。', { docNo: '宁政办发〔2026〕5号' }), [], 'square brackets and a 签发人 beside it');
    assert.deepEqual(keys('正文。\n宁政办发〔2026〕5号'), ['body-docno']);
  });

  test('a body that says nothing of these has no findings', () => {
    assert.deepEqual(keys('为进一步做好就业工作，现通知如下。', { effectiveOn: '2026-01-01', expiresOn: '2030-12-31', docNo: '宁政发〔2026〕1号' }), []);
  });
});
