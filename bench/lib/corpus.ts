/**
 * The benchmark library: the real corpus (policy-docs.jsonl, 4,006 documents) replicated into
 * N documents. Copy c of corpus document i gets its own id (`${id}#${c}`; copy 0 keeps the
 * original id), its own organization ((i + c) mod 20, so the copies of one document land in
 * different organizations) and its dates shifted back by c years (so copies differ in year).
 * Everything here is deterministic: the search process and the in-memory peer process derive
 * the same rows from the same corpus.
 */
import { readFileSync } from 'node:fs';
import { parseDocNumber, type DocNumber } from '../../src/modules/documents/domain/doc-number.js';

export const DEFAULT_CORPUS = '/work/shared/corpus/policy-docs.jsonl';

interface CorpusRecord {
  id: string;
  title: string;
  organ: string | null;
  docNumber: string | null;
  category: string;
  writtenAt: string | null;
  publishedAt: string | null;
  effectiveAt: string | null;
  validity: string | null;
  body: string;
}

export type BenchValidity = 'effective' | 'expired';

/** One corpus document mapped onto the documents table (copy-independent fields). */
export interface BaseDoc {
  id: string;
  title: string;
  body: string;
  docType: string;
  validity: BenchValidity;
  validityLabel: string | null;
  issuers: string[];
  /** text → documents.doc_no; parsed → doc_no_prefix/_year/_serial (null when the number is not valid). */
  docNo: { text: string; parsed: DocNumber | null } | null;
  writtenOn: string | null;
  publishedOn: string | null;
  effectiveOn: string | null;
}

/**
 * As the app's importer (import-policy-docs.ts) maps them: 法律/行政法规/地方性法规/司法解释 keep their
 * level, 宪法 → 法律, 部门规章 → 规章, everything else (the 2020 epidemic notices) → 其他文件.
 */
const DOC_TYPE: Record<string, string> = {
  法律: '法律',
  宪法: '法律',
  行政法规: '行政法规',
  地方性法规: '地方性法规',
  司法解释: '司法解释',
  部门规章: '规章',
};

/**
 * The corpus's validity labels (LawRefBook cannot tell superseded from repealed): 已失效或已被修订 →
 * expired (the importer records a declare_expired event, which derives 'expired'); 现行有效 and no
 * label (the 2020 epidemic notices) → effective.
 */
function mapValidity(label: string | null): BenchValidity {
  return label === '已失效或已被修订' ? 'expired' : 'effective';
}

/** 发文字号 as the app's importer stores it: parsed when valid, else the raw text without parts. */
function mapDocNumber(raw: string | null): { text: string; parsed: DocNumber | null } | null {
  if (!raw) return null;
  const r = parseDocNumber(raw);
  return r.ok ? { text: r.value.normalized, parsed: r.value } : { text: raw, parsed: null };
}

export function loadCorpus(path = process.env.GONGKAI_CORPUS ?? DEFAULT_CORPUS): BaseDoc[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const docs: BaseDoc[] = [];
  for (const line of lines) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as CorpusRecord;
    docs.push({
      id: r.id,
      title: r.title.slice(0, 500),
      body: r.body.trim(),
      docType: DOC_TYPE[r.category] ?? '其他文件',
      validity: mapValidity(r.validity),
      validityLabel: r.validity,
      issuers: r.organ ? [r.organ] : [],
      docNo: mapDocNumber(r.docNumber),
      writtenOn: r.writtenAt,
      // The 2020 epidemic notices carry no dates; like the importer, they stay undated.
      publishedOn: r.publishedAt ?? r.writtenAt,
      effectiveOn: r.effectiveAt,
    });
  }
  return docs;
}

/** The site group the copies are published by (20 organizations). */
export const BENCH_ORGS: { code: string; name: string; shortName: string; slug: string; kind: 'government' | 'office' | 'department' | 'county' }[] = [
  ['滨江市人民政府', '市政府', 'government'],
  ['滨江市人民政府办公室', '市政府办公室', 'office'],
  ['滨江市发展和改革委员会', '市发展改革委', 'department'],
  ['滨江市教育局', '市教育局', 'department'],
  ['滨江市公安局', '市公安局', 'department'],
  ['滨江市民政局', '市民政局', 'department'],
  ['滨江市司法局', '市司法局', 'department'],
  ['滨江市财政局', '市财政局', 'department'],
  ['滨江市人力资源和社会保障局', '市人力社保局', 'department'],
  ['滨江市自然资源和规划局', '市自然资源规划局', 'department'],
  ['滨江市生态环境局', '市生态环境局', 'department'],
  ['滨江市住房和城乡建设局', '市住房城乡建设局', 'department'],
  ['滨江市交通运输局', '市交通运输局', 'department'],
  ['滨江市农业农村局', '市农业农村局', 'department'],
  ['滨江市卫生健康委员会', '市卫生健康委', 'department'],
  ['滨江市市场监督管理局', '市市场监管局', 'department'],
  ['滨江市应急管理局', '市应急管理局', 'department'],
  ['滨江市东城区人民政府', '东城区政府', 'county'],
  ['滨江市西城区人民政府', '西城区政府', 'county'],
  ['滨江市南湖县人民政府', '南湖县政府', 'county'],
].map(([name, shortName, kind], i) => ({
  code: `BJ${String(i + 1).padStart(2, '0')}`,
  name: name as string,
  shortName: shortName as string,
  slug: `bench-org-${String(i + 1).padStart(2, '0')}`,
  kind: kind as 'government' | 'office' | 'department' | 'county',
}));

/** One row of the replicated library. */
export interface CopyRow {
  /** 0-based position in the library (also the peer's document id). */
  row: number;
  /** Index into the corpus (BaseDoc[]). */
  base: number;
  copy: number;
  sourceId: string;
  /** Index into BENCH_ORGS. */
  org: number;
  writtenOn: string | null;
  publishedOn: string | null;
  effectiveOn: string | null;
  year: number | null;
  indexNo: string;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** 'YYYY-MM-DD' moved by `years` (02-29 → 02-28 in a common year). */
export function shiftYears(date: string | null, years: number): string | null {
  if (date === null || years === 0) return date;
  const y = Number(date.slice(0, 4)) + years;
  let md = date.slice(5);
  if (md === '02-29' && !isLeap(y)) md = '02-28';
  return `${String(y).padStart(4, '0')}-${md}`;
}

/** The copy a corpus document's source_id belongs to is after '#'; the original id before it. */
export function originalId(sourceId: string | null): string | null {
  if (sourceId === null) return null;
  const k = sourceId.indexOf('#');
  return k === -1 ? sourceId : sourceId.slice(0, k);
}

/** Rows 0..n-1: copy 0 of every corpus document, then copy 1, and so on. */
export function* copyPlan(base: readonly Pick<BaseDoc, 'id' | 'writtenOn' | 'publishedOn' | 'effectiveOn'>[], n: number): Generator<CopyRow> {
  let row = 0;
  for (let copy = 0; row < n; copy++) {
    for (let i = 0; i < base.length && row < n; i++, row++) {
      const b = base[i]!;
      const org = (i + copy) % BENCH_ORGS.length;
      const publishedOn = shiftYears(b.publishedOn, -copy);
      const writtenOn = shiftYears(b.writtenOn, -copy);
      const dateForYear = publishedOn ?? writtenOn;
      const year = dateForYear ? Number(dateForYear.slice(0, 4)) : null;
      yield {
        row,
        base: i,
        copy,
        sourceId: copy === 0 ? b.id : `${b.id}#${copy}`,
        org,
        writtenOn,
        publishedOn,
        effectiveOn: shiftYears(b.effectiveOn, -copy),
        year,
        indexNo: `${BENCH_ORGS[org]!.code}/${year ?? '0000'}-${String(row + 1).padStart(6, '0')}`,
      };
    }
  }
}
