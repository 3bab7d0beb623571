/**
 * The enterprise profile of a public account and what it says about which policies apply
 * (可能适用于您的政策). Industries are the 20 sections (门类) of GB/T 4754—2017《国民经济行业分类》,
 * each with a few words that policy titles for that industry commonly carry; sizes follow the
 * enterprise size classes of 工信部联企业〔2011〕300号 (大型、中型、小型、微型), plus 个体工商户.
 */
export type AccountKind = 'person' | 'enterprise';
export const ACCOUNT_KIND_LABELS: Record<AccountKind, string> = { person: '个人', enterprise: '企业（含个体工商户）' };

export interface Industry {
  code: string;
  name: string;
  /** Words in a title that point to this industry (segmented like search, matched in titles). */
  keywords: string[];
}

export const INDUSTRIES: readonly Industry[] = [
  { code: 'A', name: '农、林、牧、渔业', keywords: ['农业', '林业', '畜牧', '渔业', '农产品'] },
  { code: 'B', name: '采矿业', keywords: ['矿产', '采矿', '矿山'] },
  { code: 'C', name: '制造业', keywords: ['制造业', '制造', '工业', '专精特新'] },
  { code: 'D', name: '电力、热力、燃气及水生产和供应业', keywords: ['电力', '燃气', '供水', '供热'] },
  { code: 'E', name: '建筑业', keywords: ['建筑', '工程建设', '建筑业'] },
  { code: 'F', name: '批发和零售业', keywords: ['商贸', '零售', '批发', '消费'] },
  { code: 'G', name: '交通运输、仓储和邮政业', keywords: ['交通运输', '物流', '仓储', '快递'] },
  { code: 'H', name: '住宿和餐饮业', keywords: ['餐饮', '住宿', '旅游'] },
  { code: 'I', name: '信息传输、软件和信息技术服务业', keywords: ['软件', '数字经济', '信息技术', '互联网'] },
  { code: 'J', name: '金融业', keywords: ['金融', '融资', '贷款', '贴息'] },
  { code: 'K', name: '房地产业', keywords: ['房地产', '住房', '物业'] },
  { code: 'L', name: '租赁和商务服务业', keywords: ['商务', '服务业', '租赁'] },
  { code: 'M', name: '科学研究和技术服务业', keywords: ['科技', '研发', '创新', '高新技术'] },
  { code: 'N', name: '水利、环境和公共设施管理业', keywords: ['水利', '环境', '生态', '环保'] },
  { code: 'O', name: '居民服务、修理和其他服务业', keywords: ['家政', '养老服务', '居民服务'] },
  { code: 'P', name: '教育', keywords: ['教育', '培训', '学校'] },
  { code: 'Q', name: '卫生和社会工作', keywords: ['卫生', '医疗', '养老'] },
  { code: 'R', name: '文化、体育和娱乐业', keywords: ['文化', '体育', '旅游'] },
  { code: 'S', name: '公共管理、社会保障和社会组织', keywords: ['社会组织', '社会保障'] },
  { code: 'T', name: '国际组织', keywords: ['国际'] },
];

export type EnterpriseSize = 'large' | 'medium' | 'small' | 'micro' | 'individual';
export const SIZE_LABELS: Record<EnterpriseSize, string> = {
  large: '大型企业',
  medium: '中型企业',
  small: '小型企业',
  micro: '微型企业',
  individual: '个体工商户',
};
export const SIZES = Object.keys(SIZE_LABELS) as EnterpriseSize[];

export interface Profile {
  kind: AccountKind;
  industry: string;
  size: string;
  district: string;
}

/**
 * The audiences (服务对象, as documents are tagged: AUDIENCES in reference-data.ts) a profile
 * belongs to. 中小微企业 covers medium, small and micro enterprises (the 2011 size classes).
 */
export function profileAudiences(p: Profile): string[] {
  if (p.kind === 'person') return ['个人'];
  if (p.size === 'individual') return ['个体工商户', '个人'];
  const out = ['企业'];
  if (p.size === 'medium' || p.size === 'small' || p.size === 'micro') out.push('中小微企业');
  return out;
}

export function industryByCode(code: string): Industry | null {
  return INDUSTRIES.find((i) => i.code === code) ?? null;
}
