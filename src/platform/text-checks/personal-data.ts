/**
 * Personal data (个人隐私) in text about to be published. 条例 第15条 forbids disclosing personal
 * privacy without consent; 个人信息保护法 第28条 counts financial accounts as sensitive personal
 * information, and GB/T 35273-2020 (附录B) ID numbers too. So every hit here blocks publication
 * until it is removed or masked.
 *
 * How: a regular expression finds the shape, then a validator decides (validators.ts): the
 * GB 11643 check digit and birth date for ID numbers, Luhn for bank cards. Every pattern is
 * anchored so it never matches inside a longer run of digits or letters (a 19-digit serial number
 * holds many 11-digit "mobile numbers"). Full-width digits and brackets are folded first
 * (width.ts, one code unit for one), so offsets are offsets into the original text.
 *
 * Overlaps: one span is reported once. The longer hit wins (an e-mail address 13812345678@qq.com
 * is an e-mail, a grouped card number is not a mobile number), then the kind listed first in
 * KIND_ORDER. An 18-digit string shaped like an ID number (province code and birth date) is never
 * a card: when its check digit is right it is an ID number, when wrong a look-alike.
 */
import { systemClock } from '../clock/clock.js';
import { keepBest } from './overlaps.js';
import { hasIdNumberShape, isValidCreditCode, isValidIdNumber, isValidOldIdNumber, luhnValid } from './validators.js';
import { foldWidth } from './width.js';

export type PersonalDataKind = 'id_number' | 'mobile' | 'bank_card' | 'email' | 'landline' | 'plate';

export interface PersonalDataHit {
  kind: PersonalDataKind;
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
  /** The text as written (full-width characters kept). */
  value: string;
}

export interface PersonalDataOptions {
  /**
   * Today in China, 'YYYY-MM-DD' (rules of the house §4: pass `clock.today()`); a birth date after
   * it is not an ID number. Defaults to the system clock.
   */
  today?: string;
}

export const KIND_ORDER: readonly PersonalDataKind[] = ['id_number', 'bank_card', 'email', 'mobile', 'landline', 'plate'];

/** Names for messages and the review screen. */
export const PERSONAL_DATA_LABELS: Readonly<Record<PersonalDataKind, string>> = {
  id_number: '身份证号码',
  mobile: '手机号码',
  bank_card: '银行卡号',
  email: '电子邮箱',
  landline: '固定电话',
  plate: '车牌号码',
};

// Boundaries: no digit or Latin letter may touch a match (so 统一社会信用代码 like
// 91110108MA01ABCD2X, serial numbers and longer digit runs are never cut into pieces).
const B = '(?<![0-9A-Za-z])';
const E = '(?![0-9A-Za-z])';

/** 18 characters, optionally grouped 6-8-4 by single spaces. Validity is checked in code. */
const ID18 = new RegExp(`${B}(\\d{6})( ?)(\\d{8})\\2(\\d{3}[\\dXx])${E}`, 'g');
/** 15-digit first-generation numbers: only right after a label, since there is no check digit. */
const ID15 = new RegExp(`(?:身份证|身份证号|身份证号码|公民身份号码|证件号|证件号码)[^0-9A-Za-z\\n]{0,6}?${B}(\\d{15})${E}`, 'g');
/**
 * Mainland mobile numbers (MIIT 电信网编号计划 2017: 13x–19x), 3-4-4 with one consistent separator
 * (space or hyphen) or none, optionally after +86 / 0086 / 86 / (+86).
 */
const MOBILE = new RegExp(`(?<![0-9A-Za-z+])(?:(?:\\+|00)?86[ -]?|\\(\\+?86\\) ?)?1[3-9]\\d([ -]?)\\d{4}\\1\\d{4}${E}`, 'g');
/**
 * Card numbers: 16–19 digits, plain or in groups of 4 (4-4-4-4 and a short last group), starting with a
 * major industry identifier of a payment card (ISO/IEC 7812: 2 Mastercard 2-series, 3 JCB,
 * 4 Visa, 5 Mastercard, 6 UnionPay, 9 domestic bank cards such as 9558/9559).
 */
const CARD = new RegExp(`${B}(?:[2-69]\\d{15,18}|[2-69]\\d{3}([ -])\\d{4}(?:\\1\\d{4}){2}(?:\\1\\d{1,4})?)${E}`, 'g');
/** Pragmatic e-mail: no quoted local parts, no IP-literal domains, ASCII only. */
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;
/**
 * Landlines need an area code (电信网编号计划: 010, 02x, 0[3-9]xx) joined by a hyphen/dash or put in
 * parentheses, and a local number of 7–8 digits not starting with 0 or 1; optional extension.
 * A date (2020-12345678 is not one: area codes start with 0), a year range or 0755 12345678 with
 * only a space is not taken.
 */
const LANDLINE = new RegExp(
  `${B}(?:\\((?:010|02\\d|0[3-9]\\d{2})\\) ?|(?:010|02\\d|0[3-9]\\d{2}) ?[-\u2013\u2014] ?)[2-9]\\d{6,7}(?:(?:转|分机| ?[-\u2013\u2014] ?|ext\\.? ?)\\d{1,6})?${E}`,
  'g',
);
/**
 * Licence plates (GA 36-2018): province abbreviation, issuing-office letter (no I or O), then
 * 5 characters (letters without I/O, digits; 挂学警港澳 as the last one) or 6 for new-energy
 * vehicles (D/F + 5, or 5 digits + D/F). An optional middle dot or space after the letter.
 */
const PLATE =
  /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领][A-HJ-NP-Z][·•・ ]?(?:[DF][A-HJ-NP-Z0-9]\d{4}|\d{5}[DF]|[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警港澳])(?![0-9A-Za-z])/g;

/** Every personal-data hit in `text`, sorted by start; overlapping candidates resolved (see top). */
export function findPersonalData(text: string, options: PersonalDataOptions = {}): PersonalDataHit[] {
  const today = options.today ?? systemClock.today();
  const t = foldWidth(text);
  const found: PersonalDataHit[] = [];
  const add = (kind: PersonalDataKind, start: number, end: number): void => {
    found.push({ kind, start, end, value: text.slice(start, end) });
  };

  for (const m of t.matchAll(ID18)) {
    const id = m[1]! + m[3]! + m[4]!;
    if (isValidIdNumber(id, today)) add('id_number', m.index!, m.index! + m[0].length);
  }
  for (const m of t.matchAll(ID15)) {
    const start = m.index! + m[0].length - 15;
    if (isValidOldIdNumber(m[1]!, today)) add('id_number', start, start + 15);
  }
  for (const m of t.matchAll(CARD)) {
    const digits = m[0].replace(/[ -]/g, '');
    if (digits.length < 16 || digits.length > 19 || !luhnValid(digits)) continue;
    // A valid ID is reported as such above; a mistyped one (wrong check digit) is a look-alike,
    // but still an ID number, not a card.
    if (digits.length === 18 && hasIdNumberShape(digits, today)) continue;
    // An all-digit 统一社会信用代码 (91110108…) passes Luhn one time in ten; its own check
    // character tells it apart (and costs 1 in 31 of the rare 18-digit cards).
    if (digits.length === 18 && isValidCreditCode(digits)) continue;
    add('bank_card', m.index!, m.index! + m[0].length);
  }
  for (const m of t.matchAll(MOBILE)) add('mobile', m.index!, m.index! + m[0].length);
  for (const m of t.matchAll(EMAIL)) add('email', m.index!, m.index! + m[0].length);
  for (const m of t.matchAll(LANDLINE)) add('landline', m.index!, m.index! + m[0].length);
  for (const m of t.matchAll(PLATE)) {
    if (plateSerialLooksReal(m[0])) add('plate', m.index!, m.index! + m[0].length);
  }
  return resolveOverlaps(found);
}

/**
 * Ordinary serials have at least three digits (GA 36: at most two letters), which keeps
 * abbreviations such as 川A·ABCDE or 京BJWTO out.
 */
function plateSerialLooksReal(plate: string): boolean {
  const serial = plate.slice(2).replace(/^[·•・ ]/, '');
  return (serial.match(/\d/g)?.length ?? 0) >= 3;
}

function resolveOverlaps(hits: PersonalDataHit[]): PersonalDataHit[] {
  const rank = (h: PersonalDataHit): number => KIND_ORDER.indexOf(h.kind);
  return keepBest(hits, (a, b) => b.end - b.start - (a.end - a.start) || rank(a) - rank(b) || a.start - b.start);
}

/**
 * A display form that no longer identifies anyone (去标识化 as GB/T 35273-2020 uses the word):
 * ID 1101**********1234, mobile 138****5678, card 6222***********1234, e-mail z***@example.com,
 * landline 010-****5678, plate 京A***45. Separators inside numbers are dropped.
 */
export function maskPersonalData(value: string, kind: PersonalDataKind): string {
  const v = foldWidth(value);
  switch (kind) {
    case 'id_number':
    case 'bank_card': {
      const d = v.replace(/[^0-9Xx]/g, '');
      return d.slice(0, 4) + '*'.repeat(Math.max(0, d.length - 8)) + d.slice(-4);
    }
    case 'mobile': {
      const d = v.replace(/\D/g, '');
      const core = d.slice(-11);
      const prefix = d.length > 11 ? '+86 ' : '';
      return `${prefix}${core.slice(0, 3)}****${core.slice(-4)}`;
    }
    case 'email': {
      const at = v.lastIndexOf('@');
      return `${v.slice(0, 1)}***${v.slice(at)}`;
    }
    case 'landline': {
      const m = /^\(?(0\d{2,3})\)?\s*[-\u2013\u2014]?\s*(\d{7,8})(.*)$/.exec(v);
      if (!m) return '*'.repeat(v.length);
      const local = m[2]!;
      const ext = m[3] ? '转' + '*'.repeat(m[3].replace(/\D/g, '').length) : '';
      return `${m[1]}-${'*'.repeat(local.length - 4)}${local.slice(-4)}${ext}`;
    }
    case 'plate': {
      const compact = value.replace(/[·•・ ]/g, '');
      return compact.slice(0, 2) + '*'.repeat(Math.max(0, compact.length - 4)) + compact.slice(-2);
    }
  }
}

