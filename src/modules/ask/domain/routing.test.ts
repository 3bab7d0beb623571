import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MATTER_WORDS } from './matter-words.js';
import { analyzeQuestion } from './question.js';
import { answeringOrg, eligibleFor, placeNamedIn, routeQuestion, routingWords, type RoutingOrg } from './routing.js';

// city ─ 市场监管局, 财政局, 东山县 ─ 青石镇, 西湖县 ─ 白沙镇
const ORGS: RoutingOrg[] = [
  { id: 1, name: '江宁市人民政府', shortName: '市政府', parentId: null, kind: 'government' },
  { id: 2, name: '江宁市市场监督管理局', shortName: '市市场监管局', parentId: 1, kind: 'department' },
  { id: 3, name: '江宁市财政局', shortName: '市财政局', parentId: 1, kind: 'department' },
  { id: 4, name: '东山县人民政府', shortName: '东山县', parentId: 1, kind: 'county' },
  { id: 5, name: '东山县青石镇人民政府', shortName: '青石镇', parentId: 4, kind: 'township' },
  { id: 6, name: '西湖县人民政府', shortName: '西湖县', parentId: 1, kind: 'county' },
  { id: 7, name: '西湖县白沙镇人民政府', shortName: '白沙镇', parentId: 6, kind: 'township' },
  { id: 8, name: '东山县市场监督管理局', shortName: '东山县市场监管局', parentId: 4, kind: 'department' },
];
const byId = new Map(ORGS.map((o) => [o.id, o]));
const concepts = analyzeQuestion('开个小饭馆要办什么证', MATTER_WORDS).concepts;
const FOOD = { listLabel: '权责清单', matter: '食品经营许可', detail: '餐饮服务、食品销售' };
const none = { duties: [], answers: [], columns: [], clauses: [] };

test('everyday words reach the matter words of the lists: 饭馆 → 食品经营; one-character words are left out', () => {
  const words = routingWords(concepts);
  assert.ok(words.includes('食品') && words.includes('餐饮') && words.includes('饭馆'));
  assert.ok(!words.includes('服务'), 'a common word of a phrase is not searched alone');
  assert.ok(!words.includes('证') && !words.includes('开'));
});

test('the duty list wins over a township of another county that answered something close', () => {
  const r = routeQuestion(ORGS, { ...none, concepts, duties: [{ orgId: 2, ...FOOD }], answers: [{ orgId: 7, department: '白沙镇便民服务中心', title: '白沙镇农家乐餐馆怎么办证', score: 1 }] }, null);
  assert.equal(r.suggested.orgId, 2);
  assert.equal(r.suggested.reason, '根据权责清单：食品经营许可');
  assert.ok(r.ranked.every((x) => x.orgId !== 7), 'without a place no township is even ranked');
});

test('without a place only the city level is eligible; with one, its own area (up and down) as well', () => {
  assert.equal(eligibleFor(2, null, byId), true);
  assert.equal(eligibleFor(7, null, byId), false);
  assert.equal(eligibleFor(4, null, byId), false);
  assert.equal(eligibleFor(7, 4, byId), false, 'another county’s township');
  assert.equal(eligibleFor(5, 4, byId), true, 'a township of the chosen county');
  assert.equal(eligibleFor(4, 5, byId), true, 'the county above the chosen township');
  assert.equal(eligibleFor(8, 4, byId), true);
  assert.equal(eligibleFor(7, 1, byId), false, 'the city as a place is no area: still no township');
});

test('with a place, its own organization with the same duty wins the tie over the city level', () => {
  const duties = [{ orgId: 2, ...FOOD }, { orgId: 8, ...FOOD }];
  assert.equal(routeQuestion(ORGS, { ...none, concepts, duties }, 4).suggested.orgId, 8);
  assert.equal(routeQuestion(ORGS, { ...none, concepts, duties }, 6).suggested.orgId, 2, 'another county: the city level');
  assert.equal(routeQuestion(ORGS, { ...none, concepts, duties }, null).suggested.orgId, 2);
});

test('nothing scoring: the chosen place, else the top government — with a reason either way', () => {
  const q = analyzeQuestion('火星上能不能种土豆').concepts;
  const a = routeQuestion(ORGS, { ...none, concepts: q }, null);
  assert.equal(a.suggested.orgId, 1);
  assert.match(a.suggested.reason, /未找到职责对应的部门/);
  assert.equal(routeQuestion(ORGS, { ...none, concepts: q }, 5).suggested.orgId, 5);
});

test('the answering department named in an entry counts for its organization; a distinctive column counts too', () => {
  assert.equal(answeringOrg('市财政局预算处', 1, ORGS), 3);
  assert.equal(answeringOrg('某某科', 1, ORGS), 1);
  const q = analyzeQuestion('部门预算在哪里公开').concepts;
  const r = routeQuestion(ORGS, { ...none, concepts: q, answers: [{ orgId: 1, department: '市财政局预算处', title: '在哪里可以查到市级部门预算？', score: 0.8 }] }, null);
  assert.equal(r.suggested.orgId, 3);
  assert.match(r.suggested.reason, /^根据相近问题的答复部门：市财政局预算处/);
  const c = routeQuestion(ORGS, { ...none, concepts: q, columns: [{ orgId: 3, name: '部门预算公开' }] }, null);
  assert.equal(c.suggested.orgId, 3);
  assert.match(c.suggested.reason, /^根据公开目录栏目：部门预算公开/);
});

test('a match only in a row’s other cells counts half of one in the matter’s name', () => {
  const duties = [{ orgId: 3, listLabel: '权责清单', matter: '财政监督检查', detail: '含餐饮服务单位的票据检查' }, { orgId: 2, ...FOOD }];
  const r = routeQuestion(ORGS, { ...none, concepts, duties }, null);
  assert.deepEqual(r.ranked.map((x) => [x.orgId, x.score]), [[2, 3], [3, 1.5]]);
});

test('a place the question names counts as the asker’s place: the innermost named, none when two unrelated are named', () => {
  assert.equal(placeNamedIn('我在东山县青石镇开了个小饭馆，要办什么证', ORGS), 5);
  assert.equal(placeNamedIn('东山县人民政府的低保怎么申请', ORGS), 4);
  assert.equal(placeNamedIn('青石镇的养老补贴什么时候发', ORGS), 5);
  assert.equal(placeNamedIn('东山县和西湖县哪个补贴高', ORGS), null, 'two places: the asker chooses');
  assert.equal(placeNamedIn('东山再起要什么手续', ORGS), null, 'two characters of a name are no place');
  assert.equal(placeNamedIn('开个小饭馆要办什么证', ORGS), null);
  // With the named place, its own township's answers are eligible; another county's still are not.
  const r = routeQuestion(ORGS, { ...none, concepts, answers: [{ orgId: 5, department: '青石镇便民服务中心', title: '青石镇开餐馆怎么办证', score: 0.9 }, { orgId: 7, department: '白沙镇便民服务中心', title: '白沙镇农家乐餐馆怎么办证', score: 1 }] }, placeNamedIn('我在东山县青石镇开了个小饭馆', ORGS));
  assert.equal(r.suggested.orgId, 5);
  assert.ok(r.ranked.every((x) => x.orgId !== 7));
});
