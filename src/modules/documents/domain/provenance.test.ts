import assert from 'node:assert/strict';
import { test } from 'node:test';
import { issuerLevel, provenanceMark, referenceProvenance } from './provenance.js';

test('laws and regulations are 法律法规, other organs’ documents 上级文件', () => {
  assert.deepEqual(['法律', '行政法规', '地方性法规', '司法解释', '规章', '其他文件'].map(referenceProvenance), ['law', 'law', 'law', 'law', 'law', 'superior']);
});

test('the issuing organ’s level comes from its name and the 文种 (issuers as the corpus has them)', () => {
  const cases: [string | null, string, string | null][] = [
    ['全国人民代表大会常务委员会', '法律', 'national'],
    ['国务院', '行政法规', 'national'],
    ['公安部', '规章', 'national'],
    ['国家发展改革委办公厅', '其他文件', 'national'],
    ['国家税务总局福建省税务局', '其他文件', 'provincial'],
    ['上海市人民代表大会常务委员会', '地方性法规', 'provincial'],
    ['日北京市人民代表大会常务委员会', '地方性法规', 'provincial'],
    ['北京市昌平区经济和信息化局', '其他文件', 'municipal'],
    ['陕西省人民政府办公厅', '其他文件', 'provincial'],
    ['山东省淄博市人民政府', '其他文件', 'municipal'],
    ['日照市人民代表大会常务委员会', '地方性法规', 'municipal'],
    [null, '其他文件', null],
  ];
  for (const [issuer, docType, level] of cases) assert.equal(issuerLevel(issuer, docType), level, `${issuer} ${docType}`);
});

test('the mark names the provenance, and a 上级文件’s level when known', () => {
  assert.equal(provenanceMark('law', 'national'), '法律法规');
  assert.equal(provenanceMark('superior', 'provincial'), '上级文件 · 省级');
  assert.equal(provenanceMark('superior', null), '上级文件');
});
