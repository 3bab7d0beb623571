import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CAPTCHA_TTL_MS, checkChallenge, chineseNumber, newChallenge, parseAnswer } from './captcha.js';

const SECRET = 'test-secret';
const NOW = new Date('2026-11-22T02:00:00Z');

/** Reads the two numbers and the operation back from a question, as a person would. */
function solve(question: string): number {
  const m = /^(.+?)(加|减)(.+?)等于几？$/.exec(question);
  assert.ok(m, `question has the expected shape: ${question}`);
  const a = parseAnswer(m[1]!)!;
  const b = parseAnswer(m[3]!)!;
  return m[2] === '加' ? a + b : a - b;
}

describe('captcha', () => {
  test('numbers are written as a question writes them', () => {
    assert.deepEqual([0, 7, 10, 12, 18, 20, 35, 99].map(chineseNumber), ['零', '七', '十', '十二', '十八', '二十', '三十五', '九十九']);
    assert.throws(() => chineseNumber(100));
  });

  test('answers are read from digits or words, half- or full-width', () => {
    const cases: [string, number | null][] = [
      ['12', 12], ['１２', 12], [' 12 ', 12], ['十二', 12], ['一十二', 12], ['拾贰', 12], ['十', 10], ['二十', 20],
      ['七', 7], ['两', 2], ['零', 0], ['十二。', 12], ['等于十二', 12], ['12个', 12],
      ['', null], ['十二十', null], ['abc', null], ['十x', null], ['百', null],
    ];
    for (const [input, want] of cases) assert.equal(parseAnswer(input), want, `“${input}”`);
  });

  test('every question can be answered, with digits or words, and nothing else passes', () => {
    for (let i = 0; i < 200; i++) {
      const c = newChallenge(SECRET, NOW);
      const answer = solve(c.question);
      assert.ok(answer >= 1 && answer <= 18, `${c.question} = ${answer}`);
      assert.equal(checkChallenge(SECRET, c.token, String(answer), NOW).result, 'ok');
      assert.equal(checkChallenge(SECRET, c.token, chineseNumber(answer), NOW).result, 'ok');
      assert.equal(checkChallenge(SECRET, c.token, String(answer + 1), NOW).result, 'wrong');
    }
  });

  test('the token binds the answer to this server and expires', () => {
    const pick = (max: number) => (max === 2 ? 0 : 6); // 七加七
    const c = newChallenge(SECRET, NOW, pick);
    assert.equal(c.question, '七加七等于几？');
    assert.equal(checkChallenge(SECRET, c.token, '十四', NOW).result, 'ok');
    assert.equal(checkChallenge('another-secret', c.token, '14', NOW).result, 'wrong', 'another key does not accept it');
    assert.equal(checkChallenge(SECRET, c.token, '14', new Date(NOW.getTime() + CAPTCHA_TTL_MS + 1000)).result, 'expired');
    assert.equal(checkChallenge(SECRET, c.token, '', NOW).result, 'missing');
    assert.equal(checkChallenge(SECRET, 'forged', '14', NOW).result, 'expired', 'a malformed token is treated as stale');
    const [exp, nonce, sig] = c.token.split('.');
    const later = `${Number(exp) + 86_400}.${nonce}.${sig}`;
    assert.equal(checkChallenge(SECRET, later, '14', NOW).result, 'wrong', 'the expiry cannot be extended');
    assert.equal(checkChallenge(SECRET, c.token, '十四', NOW).nonce, nonce, 'the nonce identifies the challenge');
  });

  test('a difference is never zero or negative', () => {
    for (const [a, b] of [[3, 3], [2, 8], [0, 0]] as const) {
      const picks = [1, a, b];
      const c = newChallenge(SECRET, NOW, () => picks.shift()!);
      assert.ok(solve(c.question) >= 1, c.question);
    }
  });
});
