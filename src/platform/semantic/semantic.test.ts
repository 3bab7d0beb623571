import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { packVector, unpackVector } from './codec.js';
import { encodeTokens, lexiconOf, type EncoderSettings } from './encode.js';
import { VectorMatrix, similarity } from './matrix.js';
import { trainWordVectors } from './train.js';
import { seededRandom } from './linear-algebra.js';

/** A small corpus in three topics; within a topic, words are used interchangeably. */
function corpus(): string[][] {
  const topics = [
    ['公积金', '提取', '取出', '账户', '余额', '住房', '缴存'],
    ['驾驶证', '换领', '车管所', '有效期', '驾照', '体检', '到期'],
    ['噪声', '投诉', '施工', '夜间', '扰民', '工地', '举报'],
  ];
  const common = ['怎么', '办理', '需要', '材料', '可以', '哪里'];
  const rand = seededRandom(7);
  const pick = <T,>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const lines: string[][] = [];
  for (let i = 0; i < 600; i++) {
    const t = topics[i % 3]!;
    lines.push(Array.from({ length: 8 }, (_, k) => (k % 3 === 2 ? pick(common) : pick(t))));
  }
  return lines;
}

const cos = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('semantic vectors', () => {
  const wv = trainWordVectors({ lines: corpus() }, { dim: 16, minCount: 2 });
  const lookup = lexiconOf(wv);
  const s: EncoderSettings = { dim: wv.dim, tokens: wv.tokens, sifA: 1e-3, mean: null };
  const enc = (words: string[]) => encodeTokens(words, lookup, s)!;

  test('training on a small corpus puts paraphrases nearer than unrelated sentences', () => {
    const a = enc(['公积金', '怎么', '提取']);
    const paraphrase = enc(['住房', '账户', '余额', '取出']);
    const unrelated = enc(['夜间', '施工', '噪声', '投诉']);
    assert.ok(cos(a, paraphrase) > cos(a, unrelated) + 0.3, `${cos(a, paraphrase)} vs ${cos(a, unrelated)}`);
    assert.ok(cos(enc(['驾照', '到期']), enc(['驾驶证', '换领'])) > cos(enc(['驾照', '到期']), a));
  });

  test('training is deterministic', () => {
    const again = trainWordVectors({ lines: corpus() }, { dim: 16, minCount: 2 });
    assert.deepEqual(Array.from(again.vectors.slice(0, 32)), Array.from(wv.vectors.slice(0, 32)));
  });

  test('a word the model does not know counts by its known characters; none known gives no vector', () => {
    assert.equal(encodeTokens(['天气', '预报'], lookup, s), null);
    const v = encodeTokens(['公积'], (w) => (w === '公' ? lookup('公积金') : undefined), s);
    assert.ok(v && Math.abs(cos(v, enc(['公积金'])) - 1) < 1e-5);
  });

  test('packed vectors keep the cosine within 0.01, and the exact scan finds the nearest', () => {
    const a = enc(['公积金', '提取']);
    const b = enc(['驾驶证', '换领']);
    const pa = packVector(a);
    assert.equal(pa.length, wv.dim + 4);
    assert.ok(Math.abs(cos(unpackVector(pa), b) - cos(a, b)) < 0.01);
    assert.ok(Math.abs(similarity(b, pa) - cos(a, b)) < 0.01);
    const m = new VectorMatrix(wv.dim, [{ id: 1, vec: pa }, { id: 2, vec: packVector(b) }, { id: 3, vec: packVector(enc(['噪声', '投诉'])) }]);
    assert.deepEqual(m.nearest(enc(['住房', '取出']), 2).map((x) => x.id)[0], 1);
    assert.deepEqual(m.nearest(enc(['住房', '取出']), 2, (id) => id !== 1).length, 2);
    assert.ok(Math.abs(m.scoreOf(b, 2)! - 1) < 0.01);
    assert.equal(m.scoreOf(b, 9), null);
  });
});
