import type { IssuerLevel, Provenance } from '../../../db/schema.js';

export type { IssuerLevel, Provenance };

/**
 * Where a document in the library comes from (来源). A site keeps two kinds of documents:
 * - `own`: issued by one of the site group's organizations. Only these are an organization's
 *   disclosures (主动公开): they get an 索引号, a catalog node, count in the catalog, the
 *   indicators, the 三同步 list and the annual report.
 * - reference material kept for readers, the way government sites keep a 法律法规 / 上级文件
 *   column: `law` (laws, administrative regulations, judicial interpretations, rules and local
 *   regulations) and `superior` (other organs' policy documents and notices). They keep their
 *   real 发文机关, dates and 文号, are searchable and citable, and are nobody's disclosure here.
 */
export const PROVENANCES: readonly Provenance[] = ['own', 'law', 'superior'];
export type ReferenceProvenance = Exclude<Provenance, 'own'>;

export const PROVENANCE_LABELS: Record<Provenance, string> = { own: '本站发布', law: '法律法规', superior: '上级文件' };

/** The level of the organ that issued a reference document (国家 / 省级 / 市级), when it can be told. */
/** Why reference material is not edited here (the save refuses it; the back office offers no edit). */
export const REFERENCE_READ_ONLY = '法律法规、上级文件是本站收录的参考资料，不在本站修改；请以发文机关公布的文本为准重新导入';
export const ISSUER_LEVEL_LABELS: Record<IssuerLevel, string> = { national: '国家', provincial: '省级', municipal: '市级' };

/** 文种 that are laws and regulations (法律法规) rather than policy documents. */
const LAW_DOC_TYPES: ReadonlySet<string> = new Set(['法律', '行政法规', '地方性法规', '司法解释', '规章']);
/** 文种 only national organs issue. */
const NATIONAL_DOC_TYPES: ReadonlySet<string> = new Set(['法律', '行政法规', '司法解释']);

export function referenceProvenance(docType: string): ReferenceProvenance {
  return LAW_DOC_TYPES.has(docType) ? 'law' : 'superior';
}

/**
 * The issuing organ's level from its name and the 文种: 全国人大常委会, 国务院, its ministries (a
 * 规章 without a place in its issuer's name is a 部门规章) and the supreme court are national; a
 * province, autonomous region or the four municipalities directly under the central government
 * (直辖市) provincial; a city inside a province municipal. Unknown when the name says nothing.
 */
export function issuerLevel(issuer: string | null | undefined, docType: string): IssuerLevel | null {
  const name = (issuer ?? '').trim();
  // A vertically managed national organ's local office (国家税务总局福建省税务局) is at its place's level.
  const place = name.replace(/^国家[\u4e00-\u9fa5]{2,6}总局(?=[\u4e00-\u9fa5]{2,8}(省|市|自治区))/, '');
  if (NATIONAL_DOC_TYPES.has(docType) || (place === name && /^(全国|中华人民共和国|国务院|最高人民|中共中央|中央|国家)/.test(name))) return 'national';
  // The corpus's header parsing sometimes leaves one stray character before the place (日北京市…).
  if (/^.?(北京|天津|上海|重庆)市.{1,5}(区|县)/.test(place) || /^.{2,8}(省|自治区).{2,10}(市|州|盟)/.test(place)) return 'municipal';
  if (/(省|自治区)/.test(place) || /^.?(北京|天津|上海|重庆)市/.test(place)) return 'provincial';
  if (/^.{2,6}(市|州|盟)/.test(place)) return 'municipal';
  if (docType === '规章' && /(部|委员会|总局|署|局|银行)$/.test(name)) return 'national';
  return null;
}

/** The mark shown beside a reference document: 「法律法规」, or 「上级文件 · 省级」. */
export function provenanceMark(provenance: Provenance, level: IssuerLevel | null): string {
  const base = PROVENANCE_LABELS[provenance];
  return provenance === 'superior' && level ? `${base} · ${ISSUER_LEVEL_LABELS[level]}` : base;
}
