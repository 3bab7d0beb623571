import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/**
 * Reference lists every installation needs, written as seed data an administrator can edit
 * (reference/portal.md): document types, the State Council topic scheme, audiences.
 * Idempotent: only missing rows are added.
 */
export const DOC_TYPES: { name: string; normative: boolean }[] = [
  { name: '规章', normative: true },
  { name: '行政规范性文件', normative: true },
  { name: '其他文件', normative: false },
  { name: '法律', normative: false },
  { name: '行政法规', normative: false },
  { name: '地方性法规', normative: false },
  { name: '司法解释', normative: false },
];

export const TOPICS: [string, string[]][] = [
  ['国务院组织机构', []],
  ['综合政务', ['政务公开', '电子政务', '应急管理', '其他']],
  ['国民经济管理、国有资产监管', ['经济运行', '国有资产监管', '统计']],
  ['财政、金融、审计', ['财政', '税务', '金融', '审计']],
  ['国土资源、能源', ['土地', '能源']],
  ['农业、林业、水利', ['农业、畜牧业、渔业', '林业', '水利']],
  ['工业、交通', ['工业', '交通']],
  ['商贸、海关、旅游', ['国内贸易', '对外经贸合作', '旅游']],
  ['市场监管、安全生产监管', ['市场监管', '安全生产监管']],
  ['城乡建设、环境保护', ['城乡建设', '住房保障', '环境保护']],
  ['科技、教育', ['科技', '教育']],
  ['文化、广电、新闻出版', ['文化', '广电、新闻出版']],
  ['卫生、体育', ['卫生', '体育', '医药管理']],
  ['人口与计划生育、妇女儿童工作', []],
  ['劳动、人事、监察', ['劳动就业', '社会保障', '人事工作']],
  ['公安、安全、司法', ['公安', '司法']],
  ['民政、扶贫、救灾', ['民政', '扶贫', '减灾救灾']],
  ['民族、宗教', []],
  ['对外事务', []],
  ['港澳台侨工作', []],
  ['国防', []],
  ['其他', []],
];

export const AUDIENCES = ['企业', '中小微企业', '个体工商户', '个人', '老年人', '高校毕业生', '农民', '社会组织', '行政机关'];

/**
 * A starter flagged-wording dictionary (错敏词库): organ names changed by the 2018 State Council
 * reorganization, common misused words, and expressions a government site must never carry.
 * Administrators extend it (or import a full list) under 错敏词库.
 */
const STARTER_TERMS: { term: string; category: string; action: 'block' | 'suggest' | 'warn'; replacement?: string }[] = [
  { term: '国家工商行政管理总局', category: '过时机构名称', action: 'suggest', replacement: '国家市场监督管理总局' },
  { term: '国家质量监督检验检疫总局', category: '过时机构名称', action: 'suggest', replacement: '国家市场监督管理总局' },
  { term: '国家食品药品监督管理总局', category: '过时机构名称', action: 'suggest', replacement: '国家市场监督管理总局' },
  { term: '国家卫生和计划生育委员会', category: '过时机构名称', action: 'suggest', replacement: '国家卫生健康委员会' },
  { term: '国家安全生产监督管理总局', category: '过时机构名称', action: 'suggest', replacement: '应急管理部' },
  { term: '截止目前', category: '错别字', action: 'suggest', replacement: '截至目前' },
  { term: '其它', category: '不规范用法', action: 'warn', replacement: '其他' },
  { term: '台湾总统', category: '政治性错误', action: 'block', replacement: '台湾地区领导人' },
  { term: '中华民国政府', category: '政治性错误', action: 'block' },
  { term: '两个中国', category: '政治性错误', action: 'block' },
];

export async function seedReferenceData(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto('flagged_terms')
    .values(STARTER_TERMS.map((t) => ({ term: t.term, category: t.category, action: t.action, replacement: t.replacement ?? null, created_by: null })))
    .onConflict((oc) => oc.column('term').doNothing())
    .execute();
  await db
    .insertInto('doc_types')
    .values(DOC_TYPES.map((t, i) => ({ name: t.name, is_normative: t.normative, position: i })))
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  await db
    .insertInto('audiences')
    .values(AUDIENCES.map((name, i) => ({ name, position: i })))
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const existing = await db.selectFrom('topics').select(['id', 'name', 'parent_id']).execute();
  for (const [i, [name, children]] of TOPICS.entries()) {
    let parent = existing.find((t) => t.parent_id === null && t.name === name);
    if (!parent) {
      const row = await db.insertInto('topics').values({ parent_id: null, name, position: i }).returning(['id', 'name', 'parent_id']).executeTakeFirstOrThrow();
      parent = row;
    }
    for (const [j, child] of children.entries()) {
      if (existing.some((t) => t.parent_id === parent!.id && t.name === child)) continue;
      await db.insertInto('topics').values({ parent_id: parent.id, name: child, position: j }).execute();
    }
  }
}
