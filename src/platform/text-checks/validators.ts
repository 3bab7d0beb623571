/**
 * Checksums and date rules that turn a digit pattern into a real ID or card number. A regular
 * expression alone cannot tell an ID number from any other 18 digits; the province code, the
 * birth date and the check digit can (a random 18-digit run passes all three about once in
 * 70,000 tries; the check digit alone rejects ten in eleven), and Luhn rejects nine in ten
 * mistyped or made-up card numbers.
 */

/**
 * Province-level codes of GB/T 2260 (the first two digits of an administrative division code):
 * 11–15 华北, 21–23 东北, 31–37 华东, 41–46 中南, 50–54 西南, 61–65 西北, 71 台湾, 81–82 港澳.
 * 83 is included because the 港澳台居民居住证 numbers (国办发〔2018〕81号) use 810000/820000/830000.
 * Stricter than "first digit 1–8": 10xxxx, 16xxxx, 39xxxx … are never resident ID numbers.
 */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
  53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
]);

export function isProvinceCode(twoDigits: string): boolean {
  return PROVINCES.has(Number(twoDigits));
}

/** GB 11643-1999 §5.2 weights: Wi = 2^(i−1) mod 11, for positions 18 down to 2. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** ISO 7064 MOD 11-2: check character for S mod 11 = 0…10. */
const ID_CHECK = '10X98765432';

/** The ISO 7064 MOD 11-2 check character of the first 17 digits of an ID number. */
export function idCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error(`idCheckDigit needs 17 digits (got ${first17.length} characters)`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/**
 * A real calendar date between 1900-01-01 and `today` (YYYY-MM-DD): the birth date of a living
 * resident. Gregorian leap years (2000 is one, 1900 is not).
 */
export function isValidBirthDate(year: number, month: number, day: number, today: string): boolean {
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const max = month === 2 && leap ? 29 : DAYS[month - 1]!;
  if (day > max) return false;
  const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return iso <= today;
}

/**
 * An 18-character resident ID number (GB 11643-1999): province code, birth date YYYYMMDD, 3-digit
 * sequence, MOD 11-2 check character (0–9 or X, x accepted as people type it).
 */
export function isValidIdNumber(id: string, today: string): boolean {
  return hasIdNumberShape(id, today) && idCheckDigit(id.slice(0, 17)) === id[17]!.toUpperCase();
}

/**
 * 18 characters with a province code and a valid birth date, whatever the check digit: an ID
 * number, possibly mistyped. Such a number is never taken for a bank card (an 18-digit card
 * whose digits 7–14 happen to form a date is rare: well under 1 in 1,000).
 */
export function hasIdNumberShape(id: string, today: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  if (!isProvinceCode(id.slice(0, 2))) return false;
  return isValidBirthDate(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)), today);
}

/**
 * A 15-digit first-generation ID number (before GB 11643-1999): province code, birth date YYMMDD
 * in the 1900s, 3-digit sequence, no check digit. Only the date can be validated, so callers
 * require a label such as 身份证 next to it.
 */
export function isValidOldIdNumber(id: string, today: string): boolean {
  if (!/^\d{15}$/.test(id) || !isProvinceCode(id.slice(0, 2))) return false;
  return isValidBirthDate(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12)), today);
}

/** GB 32100-2015 统一社会信用代码 characters (no I, O, S, V, Z) and weights 3^(i−1) mod 31. */
const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/**
 * A 统一社会信用代码 with a correct check character (GB 32100-2015 §4.3). Most contain letters,
 * but enterprise codes can be all digits, 18 of them: such a code is not a bank card.
 */
export function isValidCreditCode(code: string): boolean {
  const c = code.toUpperCase();
  if (c.length !== 18) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CHARS.indexOf(c[i]!);
    if (v < 0) return false;
    sum += v * CREDIT_WEIGHTS[i]!;
  }
  return CREDIT_CHARS[(31 - (sum % 31)) % 31] === c[17];
}

/** The check character that completes a 17-character 统一社会信用代码 payload (test data). */
export function creditCodeCheckChar(first17: string): string {
  for (const ch of CREDIT_CHARS) if (isValidCreditCode(first17 + ch)) return ch;
  throw new Error(`not a credit-code payload: ${first17}`);
}

/** Luhn (ISO/IEC 7812-1 Annex B), the check digit of payment card numbers. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The Luhn check digit that completes `payload` (for building test data). */
export function luhnCheckDigit(payload: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(payload + d)) return String(d);
  throw new Error('unreachable');
}
