import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

/**
 * Password hashing with scrypt from Node's own crypto (no native add-on to build or fetch).
 * Parameters follow OWASP's scrypt guidance (N=2^17, r=8, p=1) and are stored with each hash,
 * so they can be raised later without invalidating old hashes.
 */
const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;
const PARAMS = { N: 2 ** 17, r: 8, p: 1 };
const KEYLEN = 32;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEYLEN, { ...PARAMS, maxmem: 256 * 1024 * 1024 });
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 256 * 1024 * 1024,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * The rule for new passwords (NIST SP 800-63B §5.1.1.2 / 800-63B-4 §3.1.1.2; ADR 0014): length
 * over complexity. At least PASSWORD_MIN_LENGTH characters, counted as Unicode code points (a
 * Chinese character counts as one), up to PASSWORD_MAX_LENGTH so long passphrases fit; no rule
 * on kinds of characters; refused when it is a common or breached password, a keyboard walk, a
 * sequence or repetition, or contains the account's own e-mail or mobile number.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
/** The rule in plain words, for every form that sets a password. */
export const PASSWORD_RULE_TEXT = `至少 ${PASSWORD_MIN_LENGTH} 个字符，最长 ${PASSWORD_MAX_LENGTH} 个；不要求大小写字母、数字或符号的组合，推荐用一句好记的长句或几个词。不能是常见密码或已泄露的密码（如 password123、qwerty、12345678、连续或重复的字符），也不能包含您的手机号码或电子邮箱。`;
/** Below 10^8 guesses (zxcvbn score under 3): found quickly by an attacker who starts from the lists. */
const MIN_GUESSES_LOG10 = 8;

let estimator: ZxcvbnFactory | null = null;
/** Loading the 49,000-entry dictionary takes about a second: once per process, on first use. */
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
  return estimator;
}

/**
 * zxcvbn's estimate takes 50–200 ms; the last verdict is kept (by the password's hash, not the
 * password) so setting up many accounts with one password, as the demo seed does, estimates once.
 * The account's own identifiers are checked above, so the estimate depends on the password alone.
 */
let last: { key: string; log10: number } | null = null;
function guessesLog10(password: string): number {
  const key = createHash('sha256').update(password).digest('base64');
  if (last?.key !== key) last = { key, log10: zxcvbn().check(password).guessesLog10 };
  return last.log10;
}

/**
 * Why a new password is refused, in Chinese, or null. `identifiers` are the account's own name,
 * e-mail or mobile number: a password that contains one is the first thing an attacker tries.
 */
export function checkPasswordStrength(password: string, identifiers: readonly (string | null | undefined)[] = []): string | null {
  const length = Array.from(password).length;
  if (length < PASSWORD_MIN_LENGTH) return `密码至少 ${PASSWORD_MIN_LENGTH} 位（${PASSWORD_MIN_LENGTH} 个字符，可以用一句好记的长句）`;
  if (length > PASSWORD_MAX_LENGTH) return `密码最长 ${PASSWORD_MAX_LENGTH} 个字符`;
  const lower = password.toLowerCase();
  const own = identifiers.filter((x): x is string => typeof x === 'string' && x.trim().length > 0).map((x) => x.trim().toLowerCase());
  const parts = own.flatMap((x) => [x, x.split('@')[0]!]).filter((x) => x.length >= 4);
  if (parts.some((x) => lower.includes(x))) return '密码不能包含您的手机号码、电子邮箱或用户名';
  if (guessesLog10(password) < MIN_GUESSES_LOG10) return '这个密码是常见密码、已泄露的密码或容易猜到的组合（如常用单词加年份、键盘连续字符、重复字符），请换一个更长、更独特的密码';
  return null;
}
