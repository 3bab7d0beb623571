import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  VALIDITIES, VALIDITY_EVENT_KINDS, defaultExpiry, deriveValidity, isProvisional, validityEventLabels, validityLabels,
  type ValidityEvent, type ValidityEventKind, type ValidityInput,
} from './validity.js';

const ev = (kind: ValidityEventKind, effectiveOn: string, byDocNo: string | null = null): ValidityEvent => ({
  kind, effectiveOn, byDocumentId: null, byTitle: null, byDocNo,
});
const doc = (over: Partial<ValidityInput> = {}): ValidityInput => ({ effectiveOn: '2020-03-01', expiresOn: null, events: [], ...over });

test('labels cover every value', () => {
  assert.deepEqual(VALIDITIES.map((v) => validityLabels[v]), ['尚未生效', '现行有效', '已修改', '部分失效', '已废止', '已失效']);
  assert.deepEqual(VALIDITY_EVENT_KINDS.map((k) => validityEventLabels[k]), ['修改', '部分废止', '废止', '替代', '宣布失效']);
});

test('effective: no events, in force', () => {
  assert.deepEqual(deriveValidity(doc(), '2022-01-01'), { validity: 'effective', since: '2020-03-01', cause: null, nextChangeOn: null });
  assert.equal(deriveValidity(doc(), '2020-03-01').validity, 'effective'); // effective on its first day
  assert.deepEqual(deriveValidity(doc({ effectiveOn: null }), '2022-01-01'), { validity: 'effective', since: null, cause: null, nextChangeOn: null });
});

test('not yet effective, with nextChangeOn = effectiveOn', () => {
  assert.deepEqual(deriveValidity(doc(), '2020-02-29'), { validity: 'not_yet_effective', since: null, cause: null, nextChangeOn: '2020-03-01' });
});

test('amended: cause and since are the latest amendment in force', () => {
  const a1 = ev('amend', '2021-01-01', '宁政发〔2020〕9号');
  const a2 = ev('amend', '2022-06-01', '宁政发〔2022〕3号');
  const r = deriveValidity(doc({ events: [a2, a1] }), '2023-01-01');
  assert.deepEqual(r, { validity: 'amended', since: '2022-06-01', cause: a2, nextChangeOn: null });
  assert.equal(deriveValidity(doc({ events: [a1, a2] }), '2021-06-01').cause, a1);
});

test('partially invalid beats amended', () => {
  const p = ev('partial_repeal', '2021-05-01');
  const r = deriveValidity(doc({ events: [ev('amend', '2022-01-01'), p] }), '2023-01-01');
  assert.equal(r.validity, 'partially_invalid');
  assert.equal(r.cause, p);
  assert.equal(r.since, '2021-05-01');
});

test('repealed and replaced both give 已废止 with the event as cause', () => {
  const rep = ev('repeal', '2022-01-01', '国办发〔2021〕50号');
  assert.deepEqual(deriveValidity(doc({ events: [ev('amend', '2021-01-01'), rep] }), '2022-01-01'),
    { validity: 'repealed', since: '2022-01-01', cause: rep, nextChangeOn: null });
  const repl = ev('replace', '2023-07-01');
  assert.deepEqual(deriveValidity(doc({ events: [repl] }), '2024-01-01'), { validity: 'repealed', since: '2023-07-01', cause: repl, nextChangeOn: null });
});

test('declared expired gives 已失效 with the event as cause', () => {
  const d = ev('declare_expired', '2021-12-31');
  assert.deepEqual(deriveValidity(doc({ events: [d] }), '2022-01-01'), { validity: 'expired', since: '2021-12-31', cause: d, nextChangeOn: null });
});

test('expiry boundary: in force on expiresOn, expired from the day after', () => {
  const input = doc({ expiresOn: '2025-02-28' });
  assert.deepEqual(deriveValidity(input, '2025-02-28'), { validity: 'effective', since: '2020-03-01', cause: null, nextChangeOn: '2025-03-01' });
  assert.deepEqual(deriveValidity(input, '2025-03-01'), { validity: 'expired', since: '2025-03-01', cause: null, nextChangeOn: null });
  assert.equal(deriveValidity(doc({ expiresOn: '2024-02-28' }), '2024-03-01').since, '2024-02-29'); // leap day
});

test('earliest terminal fact wins: expired 2020, repealed 2022 → 已失效 since 2020', () => {
  const rep = ev('repeal', '2022-05-01');
  const r = deriveValidity(doc({ effectiveOn: '2015-01-01', expiresOn: '2019-12-31', events: [rep] }), '2023-01-01');
  assert.deepEqual(r, { validity: 'expired', since: '2020-01-01', cause: null, nextChangeOn: null });
});

test('earliest terminal fact wins: repealed before its expiry date → 已废止', () => {
  const rep = ev('repeal', '2021-01-01');
  const input = doc({ expiresOn: '2025-02-28', events: [rep] });
  assert.deepEqual(deriveValidity(input, '2026-01-01'), { validity: 'repealed', since: '2021-01-01', cause: rep, nextChangeOn: null });
});

test('same-day terminal facts: explicit repeal beats declared expiry and date expiry', () => {
  const rep = ev('repeal', '2025-03-01');
  const dec = ev('declare_expired', '2025-03-01');
  const r = deriveValidity(doc({ expiresOn: '2025-02-28', events: [dec, rep] }), '2025-06-01');
  assert.equal(r.validity, 'repealed');
  assert.equal(r.cause, rep);
  const r2 = deriveValidity(doc({ expiresOn: '2025-02-28', events: [dec] }), '2025-06-01');
  assert.equal(r2.cause, dec);
});

test('terminal states beat not-yet-effective (repealed before entering into force)', () => {
  const rep = ev('repeal', '2020-02-01');
  assert.equal(deriveValidity(doc({ events: [rep] }), '2020-02-15').validity, 'repealed');
});

test('future events are ignored now but give nextChangeOn', () => {
  const input = doc({ events: [ev('repeal', '2024-07-01'), ev('amend', '2023-01-01')] });
  assert.deepEqual(deriveValidity(input, '2022-12-31'), { validity: 'effective', since: '2020-03-01', cause: null, nextChangeOn: '2023-01-01' });
  const r = deriveValidity(input, '2023-06-01');
  assert.equal(r.validity, 'amended');
  assert.equal(r.nextChangeOn, '2024-07-01');
  assert.equal(deriveValidity(input, '2024-07-01').validity, 'repealed');
});

test('nextChangeOn skips dates that do not change the validity', () => {
  // A second amendment keeps it 已修改; the expiry day-after is the next real change.
  const input = doc({ expiresOn: '2025-02-28', events: [ev('amend', '2021-01-01'), ev('amend', '2023-01-01')] });
  assert.equal(deriveValidity(input, '2022-01-01').nextChangeOn, '2025-03-01');
  // Already repealed: nothing in the future changes it.
  const gone = doc({ expiresOn: '2025-02-28', events: [ev('repeal', '2021-01-01'), ev('amend', '2023-01-01')] });
  assert.equal(deriveValidity(gone, '2022-01-01').nextChangeOn, null);
  // Not yet effective with an amendment already dated before entry into force.
  const early = doc({ effectiveOn: '2024-01-01', events: [ev('amend', '2023-06-01')] });
  assert.deepEqual(deriveValidity(early, '2023-07-01'), { validity: 'not_yet_effective', since: null, cause: null, nextChangeOn: '2024-01-01' });
  assert.equal(deriveValidity(early, '2024-01-01').since, '2024-01-01'); // 已修改, but not before effectiveOn
});

test('malformed dates are rejected in Chinese', () => {
  assert.throws(() => deriveValidity(doc(), '2022/01/01'), /当前日期须为有效日期，格式 YYYY-MM-DD/);
  assert.throws(() => deriveValidity(doc({ expiresOn: '2023-02-29' }), '2022-01-01'), /有效期截止日期/);
  assert.throws(() => deriveValidity(doc({ events: [ev('repeal', '2022-13-01')] }), '2022-01-01'), /“废止”事件的生效日期/);
});

const terms = { normativeYears: 5, provisionalYears: 2 };
const nd = (title: string, effectiveOn: string | null, docType = '行政规范性文件') => defaultExpiry({ docType, title, effectiveOn }, terms);

test('defaultExpiry: 5 years minus one day for ordinary 行政规范性文件', () => {
  assert.equal(nd('宁夏回族自治区政府信息公开办法', '2020-03-01'), '2025-02-28');
  assert.equal(nd('关于印发《××管理办法》的通知', '2021-01-01'), '2025-12-31');
  assert.equal(nd('××办法', '2019-03-01'), '2024-02-29'); // ends on a leap day
});

test('defaultExpiry: leap-day start ends on 02-28', () => {
  assert.equal(nd('××办法', '2020-02-29'), '2025-02-28');
  assert.equal(defaultExpiry({ docType: '行政规范性文件', title: '××办法', effectiveOn: '2020-02-29' }, { normativeYears: 4, provisionalYears: 2 }), '2024-02-28');
});

test('defaultExpiry: provisional titles use provisionalYears', () => {
  assert.equal(nd('关于印发《××管理暂行办法》的通知', '2020-03-01'), '2022-02-28');
  assert.equal(nd('××实施细则（试行）', '2022-07-01'), '2024-06-30');
});

test('defaultExpiry: other doc types, null effectiveOn, 0 years → null; bad years throw', () => {
  assert.equal(nd('××规定', '2020-03-01', '规章'), null);
  assert.equal(nd('××规定', null), null);
  assert.equal(defaultExpiry({ docType: '行政规范性文件', title: '××规定', effectiveOn: '2020-03-01' }, { normativeYears: 0, provisionalYears: 2 }), null);
  assert.equal(defaultExpiry({ docType: '行政规范性文件', title: '××暂行规定', effectiveOn: '2020-03-01' }, { normativeYears: 5, provisionalYears: 0 }), null);
  assert.throws(() => defaultExpiry({ docType: '行政规范性文件', title: '××', effectiveOn: '2020-03-01' }, { normativeYears: -1, provisionalYears: 2 }), /非负整数/);
});

test('isProvisional', () => {
  const cases: Array<[string, boolean]> = [
    ['××市政府信息公开暂行办法', true],
    ['关于印发《××管理办法（试行）》的通知', true],
    ['××实施细则(试行)', true],
    ['××市政府信息公开办法', false],
    ['关于尝试行政审批改革的意见', false],
    ['关于废止《××暂行办法》的决定', false],
    ['关于延长《××试行办法》有效期的通知', false],
  ];
  for (const [title, expected] of cases) assert.equal(isProvisional(title), expected, title);
});
