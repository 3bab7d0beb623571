/**
 * The standard disclosure catalog an organization starts with (reference/portal.md, 条例 第20条).
 * It is seed data: the admin edits the tree afterwards. Only columns an organ of that kind will
 * fill are created, because an empty column fails national website checks (domain.md §7.2).
 */
import type { CatalogRole, OrganizationKind } from '../../db/schema.js';

export interface CatalogTemplateNode {
  name: string;
  slug: string;
  children?: CatalogTemplateNode[];
  /** Kinds of organization that get this node; all when absent. */
  only?: OrganizationKind[];
  /** A standard column the portal finds by role (its guide page, its request links, interpretations). */
  role?: CatalogRole;
}

/** Under 法定主动公开内容: the catalog of 条例 第20条. */
const PROACTIVE: CatalogTemplateNode[] = [
  {
    name: '机构职能',
    slug: 'jgzn',
    children: [
      { name: '机构概况', slug: 'jggk' },
      { name: '领导信息', slug: 'ldxx' },
      { name: '内设机构', slug: 'nsjg' },
    ],
  },
  {
    name: '法规文件',
    slug: 'fgwj',
    children: [
      { name: '规章', slug: 'gz', only: ['government', 'department'] },
      { name: '行政规范性文件', slug: 'gfxwj' },
      { name: '其他文件', slug: 'qtwj' },
    ],
  },
  { name: '规划计划', slug: 'ghjh' },
  {
    name: '财政信息',
    slug: 'czxx',
    children: [
      { name: '预算', slug: 'ys' },
      { name: '决算', slug: 'js' },
    ],
  },
  {
    name: '行政执法',
    slug: 'xzzf',
    only: ['government', 'department', 'county'],
    children: [
      { name: '行政许可', slug: 'xzxk' },
      { name: '行政处罚', slug: 'xzcf' },
    ],
  },
  { name: '政策解读', slug: 'zcjd', role: 'interpretations' },
  { name: '回应关切', slug: 'hygq' },
];

/**
 * The five entries every organ's disclosure platform has since the 2019 条例, in the order users
 * know (reference/portal.md). Migration 0012 gave existing catalogs the same shape.
 */
export const CATALOG_TEMPLATE: CatalogTemplateNode[] = [
  { name: '政府信息公开指南', slug: 'gkzn', role: 'guide' },
  { name: '政府信息公开制度', slug: 'gkzd', role: 'rules' },
  { name: '法定主动公开内容', slug: 'fdzdgknr', role: 'proactive', children: PROACTIVE },
  { name: '政府信息公开年报', slug: 'gknb', role: 'reports' },
  { name: '依申请公开', slug: 'ysqgk', role: 'requests' },
];

/**
 * A village's or community's catalog (村务公开): 村民委员会组织法 第30条 lists what the committee
 * discloses — matters decided by the villagers' assembly, finances at least every six months,
 * subsidies paid per household — and 党务公开 is its party branch's. It is small on purpose: no
 * 依申请公开 (a committee is not an administrative organ under the 条例) and no 规章.
 */
export const VILLAGE_TEMPLATE: CatalogTemplateNode[] = [
  {
    name: '村务公开',
    slug: 'cwgk',
    children: [
      { name: '村级组织', slug: 'cjzz' },
      { name: '民主决策', slug: 'mzjc' },
      { name: '工程项目', slug: 'gcxm' },
      { name: '集体资产', slug: 'jtzc' },
    ],
  },
  { name: '党务公开', slug: 'dwgk' },
  { name: '财务公开', slug: 'caiwu' },
  { name: '惠民惠农补贴', slug: 'hmhnbt' },
  { name: '便民服务', slug: 'bmfw' },
];

export function templateFor(kind: OrganizationKind): CatalogTemplateNode[] {
  if (kind === 'village') return VILLAGE_TEMPLATE;
  const pick = (nodes: CatalogTemplateNode[]): CatalogTemplateNode[] =>
    nodes
      .filter((n) => !n.only || n.only.includes(kind))
      .map((n) => ({ ...n, children: n.children ? pick(n.children) : undefined }));
  return pick(CATALOG_TEMPLATE);
}

/** Where a document of a given type lands in the template catalog by default. */
export function defaultCatalogSlug(docType: string): string {
  if (docType === '规章') return 'gz';
  if (docType === '行政规范性文件') return 'gfxwj';
  return 'qtwj';
}
