import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findPersonalData, maskPersonalData, type PersonalDataHit, type PersonalDataKind } from './personal-data.js';
import { creditCodeCheckChar, idCheckDigit, isValidCreditCode, isValidIdNumber, luhnCheckDigit, luhnValid } from './validators.js';

const TODAY = '2026-11-22';
const find = (text: string): PersonalDataHit[] => findPersonalData(text, { today: TODAY });
const kinds = (text: string): [PersonalDataKind, string][] => find(text).map((h) => [h.kind, h.value]);
const id = (first17: string): string => first17 + idCheckDigit(first17);
const card = (payload: string): string => payload + luhnCheckDigit(payload);
/** The same string with its last character replaced by another digit. */
const wrongLast = (s: string): string => s.slice(0, -1) + String((Number(s.at(-1) === 'X' ? 10 : s.at(-1)) + 1) % 10);

// --- ID numbers (GB 11643-1999) --------------------------------------------------------------

test('GB 11643-1999 example and computed check digits', () => {
  assert.equal(idCheckDigit('11010519491231002'), 'X'); // the standard's own example
  assert.equal(isValidIdNumber('11010519491231002X', TODAY), true);
  assert.equal(isValidIdNumber('11010519491231002x', TODAY), true);
  assert.equal(isValidIdNumber('110105194912310021', TODAY), false);
  const ids = ['44030419900101123', '32010220000229456', '51010719851015002'].map(id);
  for (const v of ids) assert.equal(isValidIdNumber(v, TODAY), true, v);
});

test('id_number: valid ones found with exact spans, lower-case x and 6-8-4 spacing too', () => {
  const a = id('44030419900101123');
  assert.deepEqual(find(`身份证号：${a}。`), [{ kind: 'id_number', start: 5, end: 23, value: a }]);
  assert.deepEqual(kinds('公民身份号码11010519491231002x'), [['id_number', '11010519491231002x']]);
  assert.deepEqual(kinds('证件 110105 19491231 002X 已核验'), [['id_number', '110105 19491231 002X']]);
  // Full-width digits (common in Word documents) are found; the value is kept as written.
  assert.deepEqual(kinds('１１０１０５１９４９１２３１００２Ｘ'), [['id_number', '１１０１０５１９４９１２３１００２Ｘ']]);
});

test('id_number look-alikes: wrong check digit, impossible or future dates, wrong length, longer runs', () => {
  const good = id('44030419900101123');
  assert.deepEqual(find(wrongLast(good)), [], 'check digit');
  assert.deepEqual(find(id('11010520000230123')), [], 'February 30');
  assert.deepEqual(find(id('11010519000229123')), [], '1900 was not a leap year');
  assert.ok(find(id('11010520000229123')).some((h) => h.kind === 'id_number'), '2000 was');
  assert.deepEqual(find(id('11010518991231123')), [], 'before 1900');
  assert.deepEqual(find(id('11010520301231123')), [], 'born after today');
  assert.deepEqual(find(id('10010519491231002')), [], 'no province 10');
  assert.deepEqual(find(id('91010519491231002')), [], 'first digit 9');
  assert.deepEqual(find(good.slice(0, 17)), [], '17 digits');
  assert.equal(find(good + '7').filter((h) => h.kind === 'id_number').length, 0, '19 digits');
  assert.equal(find('1' + good).filter((h) => h.kind === 'id_number').length, 0, 'digit before');
  assert.deepEqual(find(`NO${good}`), [], 'letters before');
  assert.deepEqual(find(`${good}A`), [], 'letter after');
});

test('15-digit first-generation numbers only with a label and a valid date', () => {
  assert.deepEqual(kinds('身份证号码：110105491231002'), [['id_number', '110105491231002']]);
  assert.deepEqual(find('编号：110105491231002'), []);
  assert.deepEqual(find('身份证号码：110105490231002'), [], 'February 31');
});

test('统一社会信用代码 (GB 32100-2015) are neither ID numbers nor bank cards', () => {
  for (const code of ['91110108MA01ABCD2X', '11100000000013127D', '91440300708461136T', '12100000400012345X', '52110000500012345X']) {
    assert.deepEqual(find(`统一社会信用代码：${code}`), [], code);
  }
  assert.equal(isValidCreditCode('91350100M000100Y43'), true); // the standard's example
  // An all-digit enterprise code that also passes Luhn (one in ten do).
  let code = '';
  for (let n = 0; n < 10_000 && !code; n++) {
    const first17 = `91110108${String(n).padStart(9, '0')}`;
    const c = first17 + creditCodeCheckChar(first17);
    if (/^\d{18}$/.test(c) && luhnValid(c)) code = c;
  }
  assert.ok(code, 'found one');
  assert.deepEqual(find(`统一社会信用代码：${code}`), []);
});

// --- bank cards --------------------------------------------------------------------------------

test('bank_card: Luhn-valid 16 and 19 digits, plain or grouped; one digit changed is not a card', () => {
  const c16 = card('622202123456789');
  const c19 = card('621700123456789012');
  assert.equal(luhnValid(c16), true);
  assert.deepEqual(kinds(`卡号${c16}`), [['bank_card', c16]]);
  assert.deepEqual(kinds(`卡号：${c19}。`), [['bank_card', c19]]);
  const grouped = c16.replace(/(\d{4})(?=\d)/g, '$1 ');
  assert.deepEqual(kinds(`账号 ${grouped} 开户行`), [['bank_card', grouped]]);
  const grouped19 = c19.replace(/(\d{4})(?=\d)/g, '$1 ');
  assert.deepEqual(kinds(grouped19), [['bank_card', grouped19]]);
  assert.deepEqual(find(wrongLast(c16)), []);
  assert.deepEqual(find(c16.slice(0, 5) + ((Number(c16[5]) + 1) % 10) + c16.slice(6)), []);
  assert.deepEqual(find(card('12345678901234567')), [], 'starts with 1: no payment card');
  assert.deepEqual(find(`${card('622202123456789012')}7`), [], '20 digits');
});

test('an 18-digit valid ID number that also passes Luhn is an id_number, not a bank_card', () => {
  let both = '';
  for (let seq = 0; seq < 1000 && !both; seq++) {
    const v = id(`44030419900101${String(seq).padStart(3, '0')}`);
    if (/^\d{18}$/.test(v) && luhnValid(v)) both = v;
  }
  assert.ok(both, 'found a number valid as both');
  assert.deepEqual(kinds(both), [['id_number', both]]);
});

test('a mistyped ID number that happens to pass Luhn is not taken for a bank card either', () => {
  let mistyped = '';
  for (let seq = 0; seq < 1000 && !mistyped; seq++) {
    const first17 = `51010719880228${String(seq).padStart(3, '0')}`;
    for (let d = 0; d <= 9 && !mistyped; d++) {
      const v = first17 + d;
      if (!isValidIdNumber(v, TODAY) && luhnValid(v)) mistyped = v;
    }
  }
  assert.ok(mistyped, 'found one');
  assert.deepEqual(find(`身份证号码${mistyped}`), []);
});

// --- mobile numbers ----------------------------------------------------------------------------

test('mobile: plain, +86/86 prefixes, 3-4-4 groups with one separator', () => {
  assert.deepEqual(kinds('联系电话：13812345678。'), [['mobile', '13812345678']]);
  assert.deepEqual(kinds('+86 138 1234 5678'), [['mobile', '+86 138 1234 5678']]);
  assert.deepEqual(kinds('8613812345678'), [['mobile', '8613812345678']]);
  assert.deepEqual(kinds('（+86）19912345678'), [['mobile', '（+86）19912345678']]);
  assert.deepEqual(kinds('手机138-1234-5678或159 0000 1111'), [
    ['mobile', '138-1234-5678'],
    ['mobile', '159 0000 1111'],
  ]);
  assert.deepEqual(kinds('0832-3950804 15708196523'), [
    ['landline', '0832-3950804'],
    ['mobile', '15708196523'],
  ]);
});

test('mobile look-alikes: longer runs, 12x numbers, mixed separators, parts of other numbers', () => {
  assert.deepEqual(find('订单号2020138123456789'), []);
  assert.deepEqual(find('138123456789'), [], '12 digits');
  assert.deepEqual(find('1381234567'), [], '10 digits');
  assert.deepEqual(find('12345678901'), [], '12x is not a mobile prefix');
  assert.deepEqual(find('138 1234-5678'), [], 'mixed separators');
  assert.deepEqual(find('SN13812345678'), [], 'letters before');
  assert.deepEqual(find('流水号：613257485006138123456'), []);
});

// --- e-mail, landlines, plates -------------------------------------------------------------------

test('email', () => {
  assert.deepEqual(kinds('请发送至zhang.san@example.com.cn。'), [['email', 'zhang.san@example.com.cn']]);
  assert.deepEqual(kinds('邮箱：13812345678@qq.com'), [['email', '13812345678@qq.com']], 'the e-mail wins over the mobile inside it');
  assert.deepEqual(find('@example.com 与 user@localhost 与 a@b'), []);
});

test('landline: area code with hyphen or parentheses, 7–8 digits, optional extension', () => {
  assert.deepEqual(kinds('电话：010-64962031，传真（0755）2345678'), [
    ['landline', '010-64962031'],
    ['landline', '（0755）2345678'],
  ]);
  assert.deepEqual(kinds('0571-87654321转123'), [['landline', '0571-87654321转123']]);
  assert.deepEqual(kinds('０２１－５４３２１０９８'), [['landline', '０２１－５４３２１０９８']]);
  assert.deepEqual(find('2020-12345678'), [], 'a year, not an area code');
  assert.deepEqual(find('0755 12345678'), [], 'no hyphen or parentheses');
  assert.deepEqual(find('010-12345678901'), [], 'too long');
  assert.deepEqual(find('010-02345678'), [], 'local numbers do not start with 0');
});

test('plate: GA 36 shapes, new-energy plates, no I/O, at least three digits', () => {
  assert.deepEqual(kinds('车牌号京A12345、粤B·D12345、沪AD12345、苏E12345F、川A1234学'), [
    ['plate', '京A12345'],
    ['plate', '粤B·D12345'],
    ['plate', '沪AD12345'],
    ['plate', '苏E12345F'],
    ['plate', '川A1234学'],
  ]);
  assert.deepEqual(find('京I12345 京O12345 京AB123C4D 京ABCDE1'), []);
});

// --- look-alikes in ordinary government text ----------------------------------------------------

test('document numbers, dates, amounts, postcodes, times and serials are not personal data', () => {
  const text = [
    '国发〔2020〕12号',
    '国办函〔2019〕123号',
    '2020年12月31日',
    '2020-12-31',
    '20201231',
    '2020.12.31',
    '金额1,234,567.89元',
    '12345678.00元',
    '12345678901234.56元',
    '邮编100000',
    '邮政编码：510000',
    '13:45:00',
    '2020-01-01 08:30',
    '索引号：000014349/2020-00012',
    '序列号123456789012345678901234',
    '第1380号',
    '全国约13.8亿人',
    '电话13812',
  ].join('；');
  assert.deepEqual(find(text), []);
});

// --- masking -----------------------------------------------------------------------------------

test('maskPersonalData', () => {
  assert.equal(maskPersonalData('11010519491231002X', 'id_number'), '1101**********002X');
  assert.equal(maskPersonalData('13812345678', 'mobile'), '138****5678');
  assert.equal(maskPersonalData('+86 138-1234-5678', 'mobile'), '+86 138****5678');
  assert.equal(maskPersonalData('6222 0212 3456 7890 128', 'bank_card'), '6222***********0128');
  assert.equal(maskPersonalData('zhang.san@example.com', 'email'), 'z***@example.com');
  assert.equal(maskPersonalData('010-64962031', 'landline'), '010-****2031');
  assert.equal(maskPersonalData('（0755）2345678转12', 'landline'), '0755-***5678转**');
  assert.equal(maskPersonalData('京A·12345', 'plate'), '京A***45');
});

test('today is injected: a birth date is valid only up to it', () => {
  const v = id('11010520260101123');
  assert.deepEqual(findPersonalData(v, { today: '2025-12-31' }), []);
  assert.equal(findPersonalData(v, { today: '2026-01-01' }).length, 1);
});
