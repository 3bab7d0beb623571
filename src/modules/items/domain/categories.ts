/**
 * The categories of information items (栏目类别): the catalog columns of 条例 第20条 and of
 * reference/portal.md that hold information rather than policy documents (法规文件 are documents;
 * 政策解读 are interpretations). Each has the slug of the column of the standard catalog it goes to
 * by default (organizations/catalog-template.ts, or the column an organization adds for it); the
 * drafter may file it in any column of the organization's catalog.
 */
export interface InfoCategory {
  code: string;
  label: string;
  /** The default catalog column's slug. */
  catalogSlug: string;
}

export const INFO_CATEGORIES: readonly InfoCategory[] = [
  { code: 'news', label: '工作动态', catalogSlug: 'gzdt' },
  { code: 'notice', label: '通知公告', catalogSlug: 'tzgg' },
  { code: 'publicity', label: '公示', catalogSlug: 'gsgg' },
  { code: 'personnel', label: '人事信息', catalogSlug: 'rsxx' },
  { code: 'plan', label: '规划计划', catalogSlug: 'ghjh' },
  { code: 'statistics', label: '统计信息', catalogSlug: 'tjxx' },
  { code: 'finance', label: '财政信息', catalogSlug: 'czxx' },
  { code: 'organization', label: '机构职能', catalogSlug: 'jggk' },
  { code: 'leaders', label: '领导信息', catalogSlug: 'ldxx' },
  { code: 'licensing', label: '行政许可', catalogSlug: 'xzxk' },
  { code: 'penalty', label: '行政处罚', catalogSlug: 'xzcf' },
  { code: 'enforcement', label: '行政强制', catalogSlug: 'xzqz' },
  { code: 'inspection', label: '双随机一公开', catalogSlug: 'ssjygk' },
  { code: 'fees', label: '行政事业性收费', catalogSlug: 'xzsyxsf' },
  { code: 'projects', label: '重大建设项目', catalogSlug: 'zdjsxm' },
  { code: 'resources', label: '公共资源配置', catalogSlug: 'ggzypz' },
  { code: 'procurement', label: '政府采购', catalogSlug: 'zfcg' },
  { code: 'emergency', label: '应急管理', catalogSlug: 'yjgl' },
  { code: 'key_areas', label: '重点领域信息', catalogSlug: 'zdly' },
  { code: 'responses', label: '回应关切', catalogSlug: 'hygq' },
];

export const CATEGORY_CODES = INFO_CATEGORIES.map((c) => c.code);

export function categoryOf(code: string): InfoCategory | undefined {
  return INFO_CATEGORIES.find((c) => c.code === code);
}

export function categoryLabel(code: string): string {
  return categoryOf(code)?.label ?? '信息';
}

/** A category named in an address either way: ?category=通知公告 or ?category=notice. */
export function findCategory(s: string): InfoCategory | undefined {
  return INFO_CATEGORIES.find((c) => c.code === s || c.label === s);
}

/** 公示: the category that carries a publicity period. */
export const PUBLICITY = 'publicity';
