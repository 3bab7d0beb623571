import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQuery, QUERY_STOP_WORDS } from './query.js';
import { segmentForIndex } from './segment.js';

/** Asserts q is only quoted word lexemes joined by & | ! ( ) — nothing a user could inject. */
function assertSafeTsquery(q: string | null): void {
  if (q === null) return;
  const LEXEME = /'((?:[^'\\]|'')*)'/g;
  for (const m of q.matchAll(LEXEME)) assert.match(m[1] as string, /^[\p{L}\p{N}\p{M}]+$/u, `lexeme in ${q}`);
  const skeleton = q.replace(LEXEME, 'W');
  assert.match(skeleton, /^[W &|!()]+$/, `tsquery skeleton ${skeleton} of ${q}`);
  assert.doesNotMatch(skeleton, /WW|:|<|\*/);
}

test('plain words are segmented and ANDed', () => {
  const p = parseQuery('政府信息公开 2022');
  assert.deepEqual(p.terms, ['政府', '信息', '公开', '2022']);
  assert.equal(p.tsquery, "'政府' & '信息' & '公开' & '2022'");
  assert.deepEqual(p.phrases, []);
  assert.deepEqual(p.excluded, []);
  assert.equal(p.text, '政府信息公开 2022');
});

test('leading minus excludes; hyphen inside a word does not', () => {
  const p = parseQuery('公开 -财政');
  assert.deepEqual(p.terms, ['公开']);
  assert.deepEqual(p.excluded, ['财政']);
  assert.equal(p.tsquery, "'公开' & !'财政'");
  const q = parseQuery('COVID-19 报告');
  assert.deepEqual(q.excluded, []);
  assert.deepEqual(q.terms, ['covid', '19', '报告']);
  // Full-width minus works too; a multi-word exclusion excludes the combination.
  const r = parseQuery('公开 －"财政 预算"');
  assert.deepEqual(r.excluded, ['财政', '预算']);
  assert.equal(r.tsquery, "'公开' & !('财政' & '预算')");
});

test('only exclusions → no positive word → null tsquery', () => {
  assert.equal(parseQuery('-财政').tsquery, null);
  assert.equal(parseQuery('   ').tsquery, null);
  assert.equal(parseQuery('').text, '');
});

test('quoted phrases: straight and Chinese quotes, whitespace normalized, words ANDed', () => {
  const p = parseQuery('"政府   信息" “公开指南” 「条例」 通知');
  assert.deepEqual(p.phrases, ['政府 信息', '公开指南', '条例']);
  assert.deepEqual(p.terms, ['政府', '信息', '公开', '指南', '条例', '通知']);
  assert.equal(p.tsquery, "'政府' & '信息' & '公开' & '指南' & '条例' & '通知'");
  // Unbalanced quote: ordinary character, not a phrase.
  const u = parseQuery('"政府 信息');
  assert.deepEqual(u.phrases, []);
  assert.deepEqual(u.terms, ['政府', '信息']);
  // Wordless phrases are dropped.
  assert.deepEqual(parseQuery('"!!!" x').phrases, []);
});

test('stop words are not required unless they are all there is', () => {
  for (const w of ['的', '了', '和', '与', '及', '或', '在', '是', '对', '关于']) assert.ok(QUERY_STOP_WORDS.has(w), w);
  const p = parseQuery('关于政府信息公开的通知');
  assert.ok(p.terms.includes('关于') && p.terms.includes('的'), 'kept for highlighting');
  assert.equal(p.tsquery, "'政府' & '信息' & '公开' & '通知'");
  assert.equal(parseQuery('关于').tsquery, "'关于'");
  assert.equal(parseQuery('的').tsquery, "'的'");
});

test('terms are deduplicated', () => {
  const p = parseQuery('公开 公开 "公开"');
  assert.deepEqual(p.terms, ['公开']);
  assert.equal(p.tsquery, "'公开'");
});

test('full-width input is folded in terms', () => {
  const p = parseQuery('２０２２年 ＡＢＣ');
  assert.deepEqual(p.terms, ['2022', '年', 'abc']);
  assert.equal(p.text, '２０２２年 ＡＢＣ', 'text is echoed as typed');
});

test('long words also match inside longer indexed words', () => {
  const p = parseQuery('中华人民共和国');
  assert.match(p.tsquery ?? '', /^\('中华人民共和国' \| '中华' & .*'共和国'.*\)$/);
  assertSafeTsquery(p.tsquery);
});

test('maxLength truncates (default 100) without splitting surrogate pairs', () => {
  assert.equal(parseQuery('政'.repeat(300)).text.length, 100);
  assert.equal(parseQuery('公开信息', { maxLength: 2 }).text, '公开');
  const t = parseQuery('𠀀𠀀𠀀', { maxLength: 2 }).text;
  assert.equal(Array.from(t).length, 2);
  assert.equal(parseQuery(' a\tb\n\nc ').text, 'a b c');
});

test('tsquery syntax typed by users can never get through', () => {
  const nasty = [
    'a & b | !c', "'", "''", ':*', '公开:*', '<->', '政府 <-> 信息', '<2>', '\\', '\\\\\'',
    "x' | 'y", "'':* & !", '!(a|b)', '(((', ')', '"a & b"', '-"x|y"', "-'", 'a:A', '政府:*B & !!',
    "o'brien", '\u0000\u0001x', "'; drop table documents; --",
  ];
  for (const s of nasty) {
    const p = parseQuery(s);
    assertSafeTsquery(p.tsquery);
    for (const w of [...p.terms, ...p.excluded]) assert.match(w, /^[\p{L}\p{N}\p{M}]+$/u, `${w} from ${s}`);
  }
  assert.equal(parseQuery('a & b | !c').tsquery, "'a' & 'b' & 'c'");
  assert.equal(parseQuery("'").tsquery, null);
  assert.equal(parseQuery(':*').tsquery, null);
  assert.equal(parseQuery('<->').tsquery, null);
  assert.equal(parseQuery('\\').tsquery, null);
});

test('PostgreSQL accepts every tsquery and finds the right documents', async () => {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite();
  try {
    const docs = [
      '市政府办公厅关于政府信息公开的通知',
      '根据《中华人民共和国政府信息公开条例》，公开财政预算。',
      '２０２２年第711号 COVID-19 工作报告',
    ];
    await db.exec('create table d (id int, tsv tsvector)');
    for (const [i, d] of docs.entries()) {
      await db.query("insert into d values ($1, to_tsvector('simple', $2))", [i, segmentForIndex(d)]);
    }
    const ids = async (input: string): Promise<number[] | null> => {
      const q = parseQuery(input).tsquery;
      if (q === null) return null;
      const r = await db.query<{ id: number }>("select id from d where tsv @@ to_tsquery('simple', $1) order by id", [q]);
      return r.rows.map((x) => x.id);
    };
    assert.deepEqual(await ids('政府信息公开'), [0, 1]);
    assert.deepEqual(await ids('公开 -财政'), [0]);
    assert.deepEqual(await ids('“信息公开” 条例'), [1]);
    assert.deepEqual(await ids('中华人民共和国'), [1]);
    assert.deepEqual(await ids('2022 711'), [2]);
    assert.deepEqual(await ids('ＣＯＶＩＤ'), [2]);
    assert.deepEqual(await ids('关于的通知'), [0]);
    for (const s of ["x' | 'y", 'a & b | !c', '政府:* <-> !信息', "'':* & !", '\\\'', '-"a b" c']) {
      await ids(s); // must not throw a tsquery syntax error
    }
  } finally {
    await db.close();
  }
});
