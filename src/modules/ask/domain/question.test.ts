import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeQuestion, conceptTsquery, normalizeQuestion } from './question.js';

test('stop and question words are left out; the subject words stay', () => {
  const q = analyzeQuestion('请问怎么提取住房公积金？');
  const words = q.concepts.map((c) => c.text);
  assert.ok(words.includes('提取'));
  assert.ok(!words.includes('怎么') && !words.includes('请问'));
});

test('a synonym term becomes one concept with every term of its group, both ways', () => {
  const groups = [['社保', '社会保险'], ['公积金', '住房公积金']];
  const a = analyzeQuestion('社保断缴怎么办', groups);
  const c = a.concepts.find((x) => x.expanded)!;
  assert.equal(c.text, '社保');
  assert.ok(c.alternatives.some((x) => x.join() === '社会保险'));
  const b = analyzeQuestion('社会保险断缴怎么办', groups);
  assert.ok(b.concepts.find((x) => x.expanded)!.alternatives.some((x) => x.join() === '社保'));
  // The longer term wins where both are in the text.
  const h = analyzeQuestion('住房公积金怎么提取', groups);
  assert.equal(h.concepts.filter((x) => x.expanded).length, 1);
  assert.equal(h.concepts.find((x) => x.expanded)!.text, '住房公积金');
});

test('tsqueries quote every word and restrict weights when asked', () => {
  const a = analyzeQuestion('社保', [['社保', '社会保险']]);
  const t = conceptTsquery(a.concepts[0]!, 'A');
  assert.match(t, /'社保':A/);
  assert.match(t, /'社会保险':A/);
  assert.equal(normalizeQuestion(' ＡＢＣ  社保\n'), 'abc 社保');
});

test('markup and tsquery syntax never reach a lexeme', () => {
  const a = analyzeQuestion("<script>alert('x')</script> a & b | !c :* 社保");
  for (const c of a.concepts) for (const alt of c.alternatives) for (const w of alt) assert.match(w, /^[\p{L}\p{N}\p{M}]+$/u);
});
