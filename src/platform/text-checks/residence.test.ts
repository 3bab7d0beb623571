import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findResidenceAddresses, maskResidence } from './residence.js';

const masked = (s: string) => {
  let out = s;
  for (const h of [...findResidenceAddresses(s)].reverse()) out = out.slice(0, h.start) + maskResidence(h.value) + out.slice(h.end);
  return out;
};

test('the door of a home is found: building, unit and room, or a rural 组 and number', () => {
  assert.equal(masked('我是美麓阳光a栋803业主'), '我是美麓阳光a栋***业主');
  assert.equal(masked('凯乐国际城五栋二单元凌晨'), '凯乐国际城五栋*单元凌晨');
  assert.equal(masked('白沙花园1栋2单元1201室'), '白沙花园1栋*单元****室');
  assert.equal(masked('住在３栋２-３０１'), '住在３栋*-***', 'full-width digits too');
  assert.equal(masked('万家铺村3组12号'), '万家铺村*组**号');
});

test('a street address, a count of buildings or households, and a shop’s unknown number are left alone', () => {
  for (const s of ['文轩路579号涉外景园B区', '同一栋楼', '楼盘二栋共226户', '购买该楼盘A7栋**号商铺', '北京市丰台区西三环南路1号']) assert.equal(masked(s), s);
});

test('numbers that count or measure after a building are not rooms, and an office tower’s 座 is not a home', () => {
  for (const s of ['新建3座1500吨级泊位', '小区共12栋2000多户', '3栋1500平方米的厂房', '5幢2019年竣工', '政务中心A座1203室']) assert.equal(masked(s), s);
  assert.equal(masked('12栋2001，天天漏水'), '12栋****，天天漏水', 'a room followed by punctuation is still a room');
  assert.equal(masked('3栋2单元5楼'), '3栋*单元5楼');
});
