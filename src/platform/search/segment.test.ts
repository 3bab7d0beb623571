import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coveringSubWords, segmentForIndex, segmentQueryWords, toHalfWidth, warmSegmenter } from './segment.js';

const tokens = (s: string): string[] => segmentForIndex(s).split(' ');

test('warmSegmenter loads the dictionary once (real words, not single characters)', () => {
  warmSegmenter();
  warmSegmenter();
  // With an empty dictionary (new Jieba()) this would be 政/府/信/息/公/开.
  assert.deepEqual(segmentQueryWords('政府信息公开'), ['政府', '信息', '公开']);
});

test('index text of the regulation title contains the searchable sub-words', () => {
  const t = tokens('中华人民共和国政府信息公开条例');
  for (const w of ['政府', '信息', '公开', '条例', '中华', '人民', '共和国']) assert.ok(t.includes(w), `${w} in ${t.join('/')}`);
});

test('every query word of a phrase is in the index text of documents containing it', () => {
  const docs = [
    '市政府办公厅关于政府信息公开的通知',
    '根据《中华人民共和国政府信息公开条例》第十条，现将2022年度政府信息公开工作报告公布如下。',
    '我们的政府信息公开工作',
  ];
  for (const q of ['政府信息公开', '信息公开条例', '工作报告', '政府']) {
    for (const d of docs.filter((x) => x.includes(q))) {
      const idx = new Set(tokens(d));
      for (const w of segmentQueryWords(q)) assert.ok(idx.has(w), `query word ${w} (${q}) missing from index of ${d}`);
    }
  }
});

test('output is single-space separated, no empty tokens, no punctuation', () => {
  const s = segmentForIndex('  关于印发《政府信息公开指南》的通知！！\n\n（试行）——2022年… ');
  assert.equal(s, s.trim());
  assert.doesNotMatch(s, / {2}/);
  assert.doesNotMatch(s, /[《》！（）—…\n]/);
  assert.ok(s.split(' ').includes('试行'));
  assert.equal(segmentForIndex('，。！？、；：“”‘’（）【】《》 \t\n'), '');
  assert.equal(segmentForIndex(''), '');
  assert.deepEqual(segmentQueryWords('！？ '), []);
});

test('tsquery/tsvector syntax characters never survive in tokens', () => {
  const s = segmentForIndex(`a:b & c|d !e (f) <g> h' i\\j *k -l "m" 公开:* 政府<->信息`);
  assert.doesNotMatch(s, /[':&|!()<>\\*"-]/);
  for (const w of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', '公开', '政府', '信息']) {
    assert.ok(s.split(' ').includes(w), w);
  }
  for (const w of segmentQueryWords(`x'y & z:* \\ <-> !`)) assert.match(w, /^[\p{L}\p{N}\p{M}]+$/u);
});

test('full-width ASCII is folded to half-width, latin lower-cased, digits kept', () => {
  const t = tokens('２０２２年ＡＢＣ第７１１号　COVID-19 Report');
  for (const w of ['2022', 'abc', '711', 'covid', '19', 'report']) assert.ok(t.includes(w), `${w} in ${t.join('/')}`);
  assert.ok(!t.some((w) => /[Ａ-Ｚ０-９A-Z]/.test(w)));
  // Query side folds the same way, so full-width queries find half-width text.
  assert.deepEqual(segmentQueryWords('２０２２'), ['2022']);
  assert.equal(toHalfWidth('ＡＢ１！　x'), 'AB1! x');
  assert.equal(toHalfWidth('ＡＢ１！　x').length, 'ＡＢ１！　x'.length);
});

test('case folding is applied before cutting, so T恤 and t恤 segment the same', () => {
  assert.deepEqual(segmentQueryWords('B超检查'), segmentQueryWords('b超检查'));
  assert.equal(segmentForIndex('卡拉OK'), segmentForIndex('卡拉ok'));
});

test('zero-width characters inside a word do not split it', () => {
  assert.deepEqual(segmentQueryWords('政\u200b府'), ['政府']);
});

test('coveringSubWords: parts of long words that are always indexed', () => {
  const parts = coveringSubWords('中华人民共和国');
  assert.ok(parts.includes('中华') && parts.includes('共和国'), parts.join('/'));
  // A document with the word inside a longer one indexes all these parts...
  const idx = new Set(tokens('中华人民共和国政府'));
  assert.ok(!idx.has('中华人民共和国'));
  for (const p of parts) assert.ok(idx.has(p), p);
  // ...and short words need none.
  assert.deepEqual(coveringSubWords('政府'), []);
  assert.deepEqual(coveringSubWords('共和国'), []);
});
