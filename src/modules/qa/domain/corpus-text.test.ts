import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskPersonal } from '../../../platform/text-checks/index.js';
import { classifyPair, cleanCorpusText, readsAsQuestionAndAnswer } from './corpus-text.js';

test('cleaning removes Excel escapes, CR, zero-width characters, entities and user codes', () => {
  assert.equal(cleanCorpusText('各位领导好_x000D_\n 我是双水湾小区的，\r\n谢谢\u200b'), '各位领导好\n我是双水湾小区的，\n谢谢');
  assert.equal(cleanCorpusText('《北京市实施&lt;中华人民共和国防洪法&gt;办法》'), '《北京市实施<中华人民共和国防洪法>办法》');
  assert.equal(cleanCorpusText('网友“UU008128” 您好！来信收悉！'), '网友您好！来信收悉！');
  assert.equal(cleanCorpusText('“UU0081243”： 您好！'), '您好！');
  assert.equal(cleanCorpusText('网友“A00023583”：您好'), '网友：您好');
  assert.equal(cleanCorpusText('填写明细表（A107012）'), '填写明细表（A107012）', 'a form number is not a user code');
});

test('a question with an answer: a knowledge base may answer with a date; a reply of 已收悉 is no answer', () => {
  assert.equal(readsAsQuestionAndAnswer('财政部公告2020年第8号什么时候开始实施？', '2020年1月1日', false), true);
  assert.equal(readsAsQuestionAndAnswer('请求701或915路公交调整经过A市大学', '网友：您好！留言已收悉', true), false);
  assert.equal(readsAsQuestionAndAnswer('咨询问题', '2016年6月12日', true), false);
  assert.equal(readsAsQuestionAndAnswer('反映路灯不亮', '您的留言已收悉。经核实，路灯已于5月修复。', true), true);
  assert.equal(readsAsQuestionAndAnswer('？？', '好的', false), false);
});

test('masking: numbers everywhere; in citizens’ words also landlines and the door of a home', () => {
  assert.equal(maskPersonal('古老师：13401016724', false), '古老师：134****6724');
  const letter = maskPersonal('映江苑5栋2404是个传销窝点，我的电话0731-84567890', true);
  assert.match(letter, /^映江苑5栋\*{4}是个传销窝点，我的电话/);
  assert.doesNotMatch(letter, /84567890|2404/);
  assert.match(maskPersonal('咨询电话：0731-84567890', false), /0731-84567890/, 'a department’s landline stays');
  assert.equal(maskPersonal('地址：文轩路579号涉外景园', true), '地址：文轩路579号涉外景园', 'a street address alone stays');
  assert.equal(maskPersonal('白沙花园1栋2单元1201室', true), '白沙花园1栋*单元****室');
});

test('letters wait for review; department and library answers are published', () => {
  assert.equal(classifyPair({ kind: 'message-reply', department: null }, false), 'letter');
  assert.equal(classifyPair({ kind: 'faq', department: '应急局' }, false), 'department');
  assert.equal(classifyPair({ kind: 'extractive-span', department: null }, true), 'library');
  assert.equal(classifyPair({ kind: 'extractive-span', department: null }, false), 'unsourced');
});
