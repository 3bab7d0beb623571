import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/**
 * An accessible captcha for the online application form (适老化: a non-visual alternative to the
 * picture captcha, 工信部《互联网网站适老化通用设计规范》): a small sum written in Chinese words, read
 * aloud by a screen reader like any other text and enlarged with the page, answered with digits or
 * words (12 or 十二). It is asked only of a browser's address that has already filed
 * CAPTCHA_AFTER applications within the hour; the rate limit remains the hard cap.
 *
 * The challenge travels in a hidden field: an expiry, a nonce and an HMAC over them and the answer,
 * so the server keeps nothing until it is answered; a solved challenge is spent once (a row in
 * rate_limits), never kept in memory (DESIGN: several instances share one database).
 */
export const CAPTCHA_AFTER = 2;
export const CAPTCHA_WINDOW_MS = 60 * 60 * 1000;
/** How long a question may stay unanswered: long enough for a slow typist with a long form. */
export const CAPTCHA_TTL_MS = 60 * 60 * 1000;

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 0–99 in Chinese words, as a question writes them: 七, 十二, 二十, 三十五. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) throw new RangeError(`chineseNumber: 0–99 only (got ${n})`);
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

const WORD_VALUES: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 两: 2, 贰: 2, 三: 3, 叁: 3, 四: 4, 肆: 4, 五: 5, 伍: 5,
  六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};

/**
 * What the person typed, as a number: digits (half- or full-width) or Chinese words up to 99
 * (十二, 一十二, 二十, 两, 大写 拾贰); spaces and a final 。 or “个” are ignored. Null when unreadable.
 */
export function parseAnswer(input: string): number | null {
  const s = input
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[。.！!个]+$/u, '')
    .replace(/^(等于|是)/u, '');
  if (/^\d{1,3}$/.test(s)) return Number(s);
  const m = /^([^十拾]?)([十拾]?)([^十拾]?)$/u.exec(s);
  if (!m || s === '') return null;
  const [, a = '', ten = '', b = ''] = m;
  const val = (c: string) => (c === '' ? null : (WORD_VALUES[c] ?? NaN));
  const first = val(a);
  const second = val(b);
  if (Number.isNaN(first) || Number.isNaN(second)) return null;
  if (!ten) return second === null ? first : null; // a single word: 七
  return (first ?? 1) * 10 + (second ?? 0);
}

export interface Challenge {
  /** The question as shown and read aloud, e.g. “七加五等于几？” */
  question: string;
  /** The hidden field: expiry, nonce and a keyed hash that binds them to the answer. */
  token: string;
}

function mac(secret: string, exp: string, nonce: string, answer: number): Buffer {
  return createHmac('sha256', secret).update(`gk-captcha-v1|${exp}|${nonce}|${answer}`).digest();
}

/** A new question: the sum of two numbers from 1 to 9, or the difference of two (never below 1). */
export function newChallenge(secret: string, now: Date, pick: (max: number) => number = randomInt): Challenge {
  const add = pick(2) === 0;
  let a = 1 + pick(9);
  let b = 1 + pick(9);
  if (!add && a <= b) [a, b] = b === a ? [a + 1, b] : [b, a];
  const answer = add ? a + b : a - b;
  const question = `${chineseNumber(a)}${add ? '加' : '减'}${chineseNumber(b)}等于几？`;
  const exp = String(Math.floor((now.getTime() + CAPTCHA_TTL_MS) / 1000));
  const nonce = randomBytes(12).toString('base64url');
  return { question, token: `${exp}.${nonce}.${mac(secret, exp, nonce, answer).toString('base64url')}` };
}

export type CaptchaResult = 'ok' | 'missing' | 'wrong' | 'expired';

export const CAPTCHA_MESSAGES: Record<Exclude<CaptchaResult, 'ok'>, string> = {
  missing: '请回答计算题（用数字或汉字都可以，如 12 或 十二）',
  wrong: '计算题的答案不对，请回答新的题目',
  expired: '计算题已过期，请回答新的题目',
};

/** Checks an answer against its token; `nonce` identifies the challenge, to spend it once. */
export function checkChallenge(secret: string, token: string | undefined, answer: string | undefined, now: Date): { result: CaptchaResult; nonce: string | null } {
  if (!answer || !answer.trim()) return { result: 'missing', nonce: null };
  const m = /^(\d{1,12})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
  if (!m) return { result: 'expired', nonce: null };
  const [, exp, nonce, sig] = m as unknown as [string, string, string, string];
  if (Number(exp) * 1000 < now.getTime()) return { result: 'expired', nonce };
  const n = parseAnswer(answer);
  if (n === null) return { result: 'wrong', nonce };
  const ok = timingSafeEqual(mac(secret, exp, nonce, n), Buffer.from(sig, 'base64url'));
  return { result: ok ? 'ok' : 'wrong', nonce };
}

// The database side: counting an address's applications and spending solved challenges. Both live
// in rate_limits (fixed windows, like the rate-limit store), so every instance sees the same counts.

const appliedKey = (ip: string) => `apply-ok:${ip}`;

/** Applications filed from this address in the current hour's window. */
export async function applicationsFromIp(db: Kysely<Database>, ip: string, now: Date): Promise<number> {
  const row = await db.selectFrom('rate_limits').select(['hits', 'window_start']).where('key', '=', appliedKey(ip)).executeTakeFirst();
  if (!row || new Date(row.window_start).getTime() <= now.getTime() - CAPTCHA_WINDOW_MS) return 0;
  return row.hits;
}

/** Counts one more application from this address (after it was filed). */
export async function recordApplicationFromIp(db: Kysely<Database>, ip: string, now: Date): Promise<void> {
  const floor = new Date(now.getTime() - CAPTCHA_WINDOW_MS);
  await sql`
    insert into rate_limits (key, window_start, hits) values (${appliedKey(ip)}, ${now}, 1)
    on conflict (key) do update set
      hits = case when rate_limits.window_start <= ${floor} then 1 else rate_limits.hits + 1 end,
      window_start = case when rate_limits.window_start <= ${floor} then ${now} else rate_limits.window_start end`.execute(db);
}

/**
 * Marks a solved challenge as used; false when it was used before (a replayed answer). Challenges
 * spent more than their lifetime ago are cleared on the way, since their tokens have expired.
 */
export async function spendChallenge(db: Kysely<Database>, nonce: string, now: Date): Promise<boolean> {
  const r = await sql<{ key: string }>`
    with cleared as (delete from rate_limits where key like 'captcha-used:%' and window_start < ${new Date(now.getTime() - CAPTCHA_TTL_MS)})
    insert into rate_limits (key, window_start, hits) values (${`captcha-used:${nonce}`}, ${now}, 1)
    on conflict (key) do nothing
    returning key`.execute(db);
  return r.rows.length === 1;
}
