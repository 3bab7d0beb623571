import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WordLookup } from '../../../platform/semantic/index.js';
import { LEARNED_CONFIDENT } from './scoring.js';
import { charGrams, entryFacts, EntryStats, FEATURES, featuresOf, gramCoverage, learnedSure, questionFacts, rerankScore, WordSpace } from './rerank.js';

test('character grams keep what carries a subject: no filler characters, no pairs of filler', () => {
  const g = charGrams('临牌最多能办几回？');
  assert.ok(g.has('临') && g.has('牌') && g.has('临牌'));
  assert.ok(!g.has('能') && !g.has('几'), 'filler characters are no grams');
  assert.ok(g.has('办几'), 'a pair with one subject character stays');
});

test('gram coverage weighs rare grams more: an abbreviation covers its full form better than a stranger does', () => {
  const plate = entryFacts({ question: '临时号牌可以办理几次', phrasings: [], answer_text: '一般不超过三次。' });
  const other = entryFacts({ question: '驾驶证可以办理几次补证', phrasings: [], answer_text: '不限次数。' });
  const stats = new EntryStats([plate, other, entryFacts({ question: '公积金怎么提取', phrasings: [], answer_text: '' })]);
  const q = questionFacts('临牌最多能办几回');
  const idf = (g: string) => stats.gramIdf(g);
  assert.ok(gramCoverage(q.grams, plate.grams, idf) > gramCoverage(q.grams, other.grams, idf));
});

test('the learned blend ranks the entry the question means above one that shares its common words only', () => {
  const dim = 2;
  const vec = (x: number, y: number) => ({ vector: Float32Array.from([x, y].map((v) => v / Math.hypot(x, y))), count: 10 });
  const words: Record<string, ReturnType<typeof vec>> = { 取出来: vec(1, 0.2), 提取: vec(1, 0.1), 公积金: vec(0.2, 1), 贷款: vec(-1, 0.3), 贷: vec(-1, 0.3), 款: vec(-1, 0.2) };
  const lookup: WordLookup = (w) => words[w];
  const sim = new WordSpace(lookup, dim).similarity;
  assert.equal(sim('公积金', '住房公积金'), 0.8, 'one word inside the other');
  assert.ok(sim('取出来', '提取') > 0.9);
  assert.ok(sim('贷钱款', '贷款') > 0.9, 'a word the model lacks counts by its characters');
  const withdraw = entryFacts({ question: '住房公积金怎样提取', phrasings: [], answer_text: '购房、退休可以提取。' });
  const loan = entryFacts({ question: '公积金贷款怎么申请', phrasings: [], answer_text: '向公积金中心申请贷款。' });
  const stats = new EntryStats([withdraw, loan]);
  const q = questionFacts('公积金能取出来吗');
  const f = (facts: typeof withdraw, lexical: number) => featuresOf(q, { facts, lexical, cosine: 0.6, answerCosine: 0.5 }, stats, sim);
  assert.equal(f(withdraw, 0.5).length, FEATURES.length);
  assert.ok(rerankScore(f(withdraw, 0.5)) > rerankScore(f(loan, 0.5)), 'same lexical score: the meaning decides');
});

test('the blend is sure of its first answer only when it stands out and scores high enough', () => {
  assert.equal(learnedSure([12, 2, 1], LEARNED_CONFIDENT), true);
  assert.equal(learnedSure([12, 11.9, 1], LEARNED_CONFIDENT), false, 'two close candidates: not sure of either');
  assert.equal(learnedSure([9, -5], LEARNED_CONFIDENT), false, 'alone but below the score the off-topic questions reached');
  assert.equal(learnedSure([12, Number.NEGATIVE_INFINITY], LEARNED_CONFIDENT), true, 'a candidate without figures takes no share');
  assert.equal(learnedSure([], LEARNED_CONFIDENT), false);
});
