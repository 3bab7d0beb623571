import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { amendClause, parseAmendments } from './amendments.js';

const decision = { id: 2, title: '关于修改《江宁市最低工资标准调整方案》的决定', docNo: '宁人社发〔2025〕11号' };
const wageDecision = '经研究，决定对《江宁市最低工资标准调整方案》作如下修改：\n将第一条中的“每月2280元”修改为“每月2490元”。\n将第二条中的“每小时22元”修改为“每小时24元”。\n本决定自2025年4月1日起施行。';

test('a 方案 written in items: the decision\'s 第一条 is its item 一、, and the amount is the amended one', () => {
  const clause = '为保障劳动者及其家庭成员的基本生活，现将本市最低工资标准调整如下：\n一、月最低工资标准由每月2100元调整为每月2280元。\n二、非全日制用工小时最低工资标准由每小时20元调整为每小时22元。';
  const r = amendClause(clause, '第1段', [{ by: decision, body: wageDecision }]);
  assert.ok(r);
  assert.match(r.text, /每月2490元/);
  assert.doesNotMatch(r.text, /2280/);
  assert.match(r.text, /每小时24元/);
  assert.deepEqual(r.changedBy, [decision]);
});

test('an article the decision does not name is quoted as it was, with no 经…修改', () => {
  const r = amendClause('三、本方案自2023年4月1日起执行，有效期5年。', '第3段', [{ by: decision, body: wageDecision }]);
  assert.deepEqual(r, { text: '三、本方案自2023年4月1日起执行，有效期5年。', changedBy: [], deleted: false });
});

test('a law\'s article rewritten whole, and one deleted', () => {
  const body = '一、第五条修改为：“县级以上人民政府应当加强对养犬管理工作的领导。”\n二、删去第九条。';
  const by = { id: 3, title: '修改决定', docNo: null };
  const r5 = amendClause('第五条 市人民政府应当加强领导。', '第五条', [{ by, body }]);
  assert.equal(r5?.text, '第五条 县级以上人民政府应当加强对养犬管理工作的领导。');
  const r9 = amendClause('第九条 养犬应当登记。', '第九条', [{ by, body }]);
  assert.equal(r9?.deleted, true);
});

test('an instruction that cannot be applied to the article means the clause is not quoted at all', () => {
  const by = { id: 4, title: '修改决定', docNo: null };
  // The words to replace are not in the article (the text on file is another version).
  assert.equal(amendClause('第一条 标准为每月2300元。', '第一条', [{ by, body: '将第一条中的“每月2280元”修改为“每月2490元”。' }]), null);
  // A 款 rewritten: not applied here, so not quoted.
  assert.equal(amendClause('第二条 原文。', '第二条', [{ by, body: '将第二条第二款修改为：“新的款。”' }]), null);
});

test('words changed everywhere (统一修改) apply to every clause', () => {
  const by = { id: 5, title: '修改决定', docNo: null };
  const r = amendClause('第七条 由市政府负责。', '第七条', [{ by, body: '将《办法》中的“市政府”统一修改为“市人民政府”。' }]);
  assert.equal(r?.text, '第七条 由市人民政府负责。');
});

test('the instructions are read in order, by kind', () => {
  assert.deepEqual(
    parseAmendments(wageDecision).map((i) => [i.op, i.article]),
    [['replace', '第一条'], ['replace', '第二条']],
  );
});
