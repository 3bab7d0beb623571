import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileLexicon, type LexiconEntry, type LexiconMatcher } from './lexicon.js';
import { seededRandom } from '../../../test/helpers/random.js';

const entry = (term: string, action: LexiconEntry['action'] = 'block', replacement?: string): LexiconEntry => ({
  term,
  category: '测试',
  action,
  ...(replacement ? { replacement } : {}),
});
const spans = (m: LexiconMatcher, text: string): [number, number, string][] => m.scan(text).map((h) => [h.start, h.end, h.entry.term]);

test('overlapping and nested terms are all reported, sorted by start then end', () => {
  const m = compileLexicon(['中华', '华人', '中华人民共和国', '人民', '共和国', '和'].map((t) => entry(t)));
  assert.deepEqual(spans(m, '中华人民共和国成立'), [
    [0, 2, '中华'],
    [0, 7, '中华人民共和国'],
    [1, 3, '华人'],
    [2, 4, '人民'],
    [4, 7, '共和国'],
    [5, 6, '和'],
  ]);
  assert.equal(m.count('中华人民共和国成立'), 6);
  assert.equal(m.test('中华人民共和国成立'), true);
  assert.equal(m.test('无关文字'), false);
});

test('a term that is a suffix of another is found through the dictionary links', () => {
  const m = compileLexicon(['abcd', 'bcd', 'cd', 'd', 'bc'].map((t) => entry(t)));
  assert.deepEqual(spans(m, 'xabcdx'), [
    [1, 5, 'abcd'],
    [2, 4, 'bc'],
    [2, 5, 'bcd'],
    [3, 5, 'cd'],
    [4, 5, 'd'],
  ]);
  // Repeated and self-overlapping terms.
  const aa = compileLexicon([entry('aa')]);
  assert.deepEqual(spans(aa, 'aaaa').map(([s]) => s), [0, 1, 2]);
});

test('surrogate pairs and emoji keep UTF-16 offsets right', () => {
  const m = compileLexicon(['中华', '💣', '𠮷野家', '🇨🇳'].map((t) => entry(t)));
  const text = '😀中华💣𠮷野家🇨🇳';
  const hits = m.scan(text);
  assert.deepEqual(
    hits.map((h) => [h.start, h.end]),
    [
      [2, 4],
      [4, 6],
      [6, 10],
      [10, 14],
    ],
  );
  for (const h of hits) assert.equal(text.slice(h.start, h.end), h.entry.term);
});

test('a term with a lone surrogate is ignored and never matches half an emoji', () => {
  const m = compileLexicon([entry('\uD83D'), entry('\uDE00'), entry('好')]);
  assert.deepEqual(m.entries.map((e) => e.term), ['好']);
  assert.deepEqual(spans(m, '😀好'), [[2, 3, '好']]);
});

test('empty dictionary, empty terms and empty text', () => {
  for (const m of [compileLexicon([]), compileLexicon([entry(''), entry('')])]) {
    assert.deepEqual(m.scan('任何文字 any text 😀'), []);
    assert.equal(m.count('任何文字'), 0);
    assert.equal(m.test('任何文字'), false);
    assert.equal(m.entries.length, 0);
  }
  assert.deepEqual(compileLexicon([entry('词')]).scan(''), []);
});

test('duplicate terms: the last entry wins', () => {
  const m = compileLexicon([entry('老机构名', 'warn'), entry('其他'), entry('老机构名', 'suggest', '新机构名')]);
  assert.equal(m.entries.length, 2);
  const [hit] = m.scan('请联系老机构名。');
  assert.equal(hit?.entry.action, 'suggest');
  assert.equal(hit?.entry.replacement, '新机构名');
});

test('full-width forms match half-width terms and vice versa (on by default); case only on request', () => {
  const m = compileLexicon([entry('COVID-19'), entry('ＡＢＣ')]);
  assert.deepEqual(spans(m, '新冠ＣＯＶＩＤ－１９与abc和ABC'), [
    [2, 10, 'COVID-19'],
    [15, 18, 'ＡＢＣ'],
  ]);
  // Width duplicates collapse into one term (last wins).
  assert.equal(compileLexicon([entry('ＡＢＣ', 'warn'), entry('ABC', 'block')]).entries.length, 1);
  assert.deepEqual(compileLexicon([entry('COVID')], { foldWidth: false }).scan('ＣＯＶＩＤ'), []);
  const ci = compileLexicon([entry('Covid')], { ignoreAsciiCase: true });
  assert.deepEqual(spans(ci, 'COVID covid ＣＯＶＩＤ').map(([s, e]) => [s, e]), [
    [0, 5],
    [6, 11],
    [12, 17],
  ]);
});

test('terms are not trimmed or otherwise normalized', () => {
  const m = compileLexicon([entry(' 词 ')]);
  assert.deepEqual(spans(m, '一词一 词 '), [[3, 6, ' 词 ']]);
});

// ---------------------------------------------------------------------------------------------
// Property test against the naive loop (fixed seed, so failures reproduce).


function naive(terms: readonly string[], text: string): string[] {
  const out: string[] = [];
  for (const t of new Set(terms)) {
    if (!t) continue;
    for (let i = text.indexOf(t); i !== -1; i = text.indexOf(t, i + 1)) out.push(`${i}:${i + t.length}:${t}`);
  }
  return out.sort();
}

function checkAgainstNaive(seed: number, alphabet: readonly string[], nTerms: number, maxLen: number, textLen: number, rounds: number): void {
  const rnd = seededRandom(seed);
  const pick = (): string => alphabet[Math.floor(rnd() * alphabet.length)]!;
  const word = (n: number): string => Array.from({ length: n }, pick).join('');
  const terms = Array.from({ length: nTerms }, () => word(1 + Math.floor(rnd() * maxLen)));
  const m = compileLexicon(terms.map((t) => entry(t)));
  for (let r = 0; r < rounds; r++) {
    const text = word(textLen);
    const got = m.scan(text);
    for (let i = 1; i < got.length; i++) {
      const a = got[i - 1]!;
      const b = got[i]!;
      assert.ok(a.start < b.start || (a.start === b.start && a.end < b.end), 'sorted by start, then end');
    }
    assert.deepEqual(got.map((h) => `${h.start}:${h.end}:${h.entry.term}`).sort(), naive(terms, text), `seed ${seed} round ${r}`);
    assert.equal(m.count(text), got.length);
    assert.equal(m.test(text), got.length > 0);
  }
}

test('same hits as a naive indexOf loop: small alphabet, many overlaps (incl. emoji)', () => {
  checkAgainstNaive(20240601, ['中', '华', '人', '民', 'a', 'b', '😀', '🇨'], 60, 5, 400, 40);
});

test('same hits as a naive indexOf loop: large alphabet, wide nodes and array growth', () => {
  const cjk = Array.from({ length: 3000 }, (_, i) => String.fromCharCode(0x4e00 + i));
  checkAgainstNaive(7, cjk.slice(0, 40), 5000, 4, 5000, 5);
  checkAgainstNaive(8, cjk, 10000, 6, 10000, 2);
});

test('same hits as a naive indexOf loop: many wide nodes (the placement jumps past taken cells)', () => {
  // 60 first characters × ~360 second characters each: nodes with hundreds of children that no
  // longer fit among the taken cells (the double array's JUMP_AFTER path).
  const rnd = seededRandom(11);
  const cjk = Array.from({ length: 600 }, (_, i) => String.fromCharCode(0x4e00 + i));
  const terms: string[] = [];
  for (let i = 0; i < 60; i++)
    for (let j = 0; j < 600; j++) if (rnd() < 0.6) terms.push(cjk[i]! + cjk[j]! + (rnd() < 0.3 ? cjk[Math.floor(rnd() * 600)]! : ''));
  const m = compileLexicon(terms.map((t) => entry(t)));
  const text = Array.from({ length: 6_000 }, () => cjk[Math.floor(rnd() * (rnd() < 0.5 ? 60 : 600))]!).join('');
  assert.deepEqual(m.scan(text).map((h) => `${h.start}:${h.end}:${h.entry.term}`).sort(), naive(terms, text));
});

test('dense hits (one repeated character against 啊, 啊啊 …) come out complete and sorted', () => {
  const terms = Array.from({ length: 10 }, (_, i) => '啊'.repeat(i + 1));
  const m = compileLexicon(terms.map((t) => entry(t)));
  const text = '啊'.repeat(500);
  const hits = m.scan(text);
  assert.equal(hits.length, 4955);
  assert.deepEqual(hits.map((h) => `${h.start}:${h.end}:${h.entry.term}`), naive(terms, text).sort((a, b) => {
    const [as, ae] = a.split(':').map(Number);
    const [bs, be] = b.split(':').map(Number);
    return as! - bs! || ae! - be!;
  }));
});

test('scratch buffers are reused safely: repeated and long scans agree', () => {
  const m = compileLexicon(['公开', '信息', '政府信息公开'].map((t) => entry(t)));
  const text = '政府信息公开'.repeat(50_000);
  const a = m.scan(text);
  assert.equal(a.length, 150_000);
  const b = m.scan('政府信息公开');
  assert.equal(b.length, 3);
  assert.deepEqual(m.scan(text).slice(-4), a.slice(-4));
});
