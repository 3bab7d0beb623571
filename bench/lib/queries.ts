/**
 * The benchmark's query set: what citizens and staff type into the policy library's search box.
 * About 200 queries, half of them with filters, built deterministically from hand-written
 * topics, the judged queries (bench/search-judgments.json) and document numbers taken from the
 * corpus. Organization filters are indexes into BENCH_ORGS (each side maps them to its own ids).
 */
import { readFileSync } from 'node:fs';
import type { Validity } from '../../src/modules/documents/domain/validity.js';
import type { BaseDoc } from './corpus.js';

export interface BenchQuery {
  /** Position in the set (stable across runs). */
  n: number;
  /** Query shape, for the per-shape latency table: text / phrase / exclude / docno / browse, + "+filter". */
  shape: string;
  q: string;
  docTypes: string[];
  issuers: string[];
  years: number[];
  validities: Validity[];
  /** Indexes into BENCH_ORGS. */
  orgs: number[];
  sort: 'relevance' | 'date';
  page: number;
  /** Correct corpus ids when the query is judged (Success@5). */
  relevant?: string[];
  /** Which judged set: the official-wording set, or the citizen-style development or test set (bench/search-sets.md). */
  set?: JudgedSet;
  /** A citizen query's style (colloquial, place, abbreviation, docno, typo, filler). */
  style?: string;
}

export type JudgedSet = 'judged' | 'dev' | 'test';

export interface Judgment {
  q: string;
  relevant: string[];
  style?: string;
}

export function loadJudgments(path: string): Judgment[] {
  const data = JSON.parse(readFileSync(path, 'utf8')) as { queries: Judgment[] };
  return data.queries;
}

/** Topics and phrasings a citizen would type (several words are ANDed). */
const TOPICS = [
  '个人所得税', '最低工资', '食品安全 监督', '疫情防控 复工', '住房公积金 提取', '医疗保险 报销', '养老保险 缴费',
  '失业保险金', '工伤认定', '农村宅基地', '物业 维修资金', '生活垃圾 分类', '电动自行车', '养犬 管理', '房屋租赁',
  '安全生产 责任', '行政处罚 听证', '政府信息公开 申请', '营商环境', '小微企业 税收 优惠', '口罩 价格',
  '野生动物 交易', '学校 食堂', '残疾人 就业', '老年人 优待', '退役军人', '见义勇为', '志愿服务', '无偿献血',
  '控制吸烟', '大气污染 防治', '水污染', '噪声 污染', '河道 管理', '水资源', '森林 防火', '文物 保护',
  '历史文化名城', '旅游 管理', '出租汽车', '网络预约 出租汽车', '停车 收费', '公共交通', '消防 安全', '燃气 管理',
  '电梯 安全', '城市 绿化', '市容 环境卫生', '建设工程 质量', '政府采购', '国有资产', '审计 监督', '预算 审查',
  '人大代表 建议', '行政复议 申请', '信访 事项', '社会救助', '最低生活保障', '医疗纠纷 调解', '传染病 隔离',
  '隔离 医学观察', '延期 开学', '企业 减免 房租', '社保费 减免', '稳岗 返还', '中小企业 贷款', '农产品 质量',
  '种子 管理', '动物 防疫', '知识产权 保护', '商标 侵权', '数据 安全', '个人信息 保护', '未成年人 网络',
  '家庭教育', '学前教育', '职业培训', '高校毕业生 就业', '劳动争议 仲裁', '拖欠 工资', '征地 补偿', '城市 更新',
  '房屋 征收', '不动产 登记', '土地 出让', '矿产资源', '海域 使用', '道路 运输', '机动车 驾驶证', '酒后 驾驶',
  '交通事故 赔偿', '离婚 财产', '遗嘱 继承', '民间借贷 利率', '人身损害 赔偿', '消费者 投诉', '价格 违法',
];

/** Quoted phrases (checked literally) and exclusions. */
const PHRASES = [
  '"最低工资标准"', '“政府信息公开”', '"居民身份证"', '"新型冠状病毒" 隔离', '“食品安全” 学校', '"突发公共卫生事件"',
  '"行政许可" 听证', '“住房公积金” 缴存', '物业管理 -上海', '疫情防控 -湖北', '个人所得税 -疫情', '"网格化管理"',
];

/** Filter sets a user picks from the facets (orgs are BENCH_ORGS indexes). */
const FILTERS: Pick<BenchQuery, 'docTypes' | 'issuers' | 'years' | 'validities' | 'orgs'>[] = [
  { docTypes: ['地方性法规'], issuers: [], years: [], validities: [], orgs: [] },
  { docTypes: [], issuers: [], years: [2020], validities: [], orgs: [] },
  { docTypes: [], issuers: [], years: [], validities: ['effective'], orgs: [] },
  { docTypes: [], issuers: [], years: [], validities: [], orgs: [3] },
  { docTypes: ['行政法规'], issuers: [], years: [], validities: ['effective'], orgs: [] },
  { docTypes: [], issuers: [], years: [2018, 2019], validities: [], orgs: [] },
  { docTypes: [], issuers: [], years: [2019], validities: [], orgs: [11] },
  { docTypes: ['法律'], issuers: [], years: [], validities: [], orgs: [] },
  { docTypes: [], issuers: ['国务院'], years: [], validities: [], orgs: [] },
  { docTypes: ['司法解释'], issuers: [], years: [], validities: ['effective'], orgs: [] },
  { docTypes: ['其他文件'], issuers: [], years: [2020], validities: [], orgs: [] },
  { docTypes: [], issuers: [], years: [], validities: ['effective'], orgs: [0, 1] },
  { docTypes: ['地方性法规', '规章'], issuers: [], years: [2016, 2017, 2018], validities: [], orgs: [] },
  { docTypes: [], issuers: [], years: [2015], validities: ['effective'], orgs: [17] },
];

/** Document numbers as users type them: as printed, without the 中华人民共和国 prefix, other brackets. */
function docNumberQueries(base: readonly BaseDoc[], count: number): string[] {
  const withNo = base.filter((b) => b.docNo?.parsed);
  const out: string[] = [];
  const step = Math.max(1, Math.floor(withNo.length / count));
  for (let i = 0; out.length < count && i < withNo.length; i += step) {
    const no = withNo[i]!.docNo!.parsed!;
    const variant = out.length % 3;
    if (variant === 0) out.push(no.normalized);
    else if (variant === 1) out.push(no.normalized.replace(/^中华人民共和国/, ''));
    else out.push(no.normalized.replace('〔', '[').replace('〕', ']').replace(/^中华人民共和国/, ''));
  }
  return out;
}

function shapeOf(q: string, filtered: boolean, isDocNo: boolean): string {
  let s: string;
  if (!q) s = 'browse';
  else if (isDocNo) s = 'docno';
  else if (/["“「『]/.test(q)) s = 'phrase';
  else if (/(^|\s)-/.test(q)) s = 'exclude';
  else s = 'text';
  return filtered ? `${s}+filter` : s;
}

const NO_FILTER = { docTypes: [], issuers: [], years: [], validities: [] as Validity[], orgs: [] };

/**
 * ~200 queries: every judged query (no filter), topics and phrases without and with filters,
 * document numbers, a few browse-by-facet requests (empty query), date sorting and page 2.
 */
export function buildQuerySet(base: readonly BaseDoc[], judgments: readonly Judgment[], citizen: { dev: readonly Judgment[]; test: readonly Judgment[] } = { dev: [], test: [] }): BenchQuery[] {
  const qs: BenchQuery[] = [];
  const push = (q: string, f: Pick<BenchQuery, 'docTypes' | 'issuers' | 'years' | 'validities' | 'orgs'>, extra: Partial<BenchQuery> & { isDocNo?: boolean } = {}) => {
    const filtered = f.docTypes.length + f.issuers.length + f.years.length + f.validities.length + f.orgs.length > 0;
    const { isDocNo = false, ...rest } = extra;
    qs.push({ n: qs.length, shape: shapeOf(q, filtered, isDocNo), q, ...f, sort: 'relevance', page: 1, ...rest });
  };
  for (const j of judgments) push(j.q, NO_FILTER, { relevant: j.relevant, set: 'judged', isDocNo: /\d+号$/.test(j.q) });
  // Citizen-style queries, timed with the rest: what people type, with everyday words and typos.
  for (const set of ['dev', 'test'] as const) for (const j of citizen[set]) push(j.q, NO_FILTER, { relevant: j.relevant, set, ...(j.style ? { style: j.style } : {}) });

  // Topics: the first 40 without filters, then every topic with a filter set.
  TOPICS.slice(0, 40).forEach((q) => push(q, NO_FILTER));
  TOPICS.forEach((q, i) => {
    if (i % 3 === 0 || i >= 40) push(q, FILTERS[i % FILTERS.length]!);
  });
  PHRASES.forEach((q, i) => push(q, i % 2 === 0 ? NO_FILTER : FILTERS[(i * 5) % FILTERS.length]!));

  const numbers = docNumberQueries(base, 16);
  numbers.forEach((q, i) => push(q, i % 4 === 3 ? FILTERS[2]! : NO_FILTER, { isDocNo: true }));

  // Judged texts with filters (what a user does after a first search: narrow by type, validity).
  judgments.slice(0, 12).forEach((j, i) => push(j.q, FILTERS[(i * 3 + 2) % FILTERS.length]!, { isDocNo: /\d+号$/.test(j.q) }));

  // Browsing by facet only (empty box), newest first.
  [0, 1, 3, 6, 10, 13].forEach((k) => push('', FILTERS[k]!, { sort: 'date' }));
  // Date sorting and the second page of common queries.
  ['疫情防控', '食品安全', '安全生产', '物业管理'].forEach((q) => push(q, NO_FILTER, { sort: 'date' }));
  ['疫情防控', '行政处罚', '环境保护', '交通'].forEach((q, i) => push(q, i % 2 ? FILTERS[2]! : NO_FILTER, { page: 2 }));
  return qs;
}
