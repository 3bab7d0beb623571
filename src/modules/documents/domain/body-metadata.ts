/**
 * Does the body say what the metadata says? A document's own text is the authority a reader
 * checks the catalog against (《政府信息公开条例》第六条: information disclosed must be accurate), so a
 * difference between the two is worth a reviewer's look before publication:
 * - “自2026年3月1日起施行” (实施, 执行, 生效) against 施行日期;
 * - “有效期5年” / “有效期为五年” (counted from the effective date) and “有效期至2031年2月28日”
 *   against 有效期至;
 * - the 发文字号 on a line of its own in the 版头 or 版记 (GB/T 9704 §7.2.5) against the field.
 * Pure: the caller passes the body's text and the fields.
 */
import { htmlToText } from '../../../platform/html/sanitize.js';
import { parseChineseNumber, suggestDocNumber } from './doc-number.js';

export interface BodyMetadataInput {
  bodyText: string;
  effectiveOn: string | null;
  expiresOn: string | null;
  /** The normalized 发文字号 of the field. */
  docNo: string | null;
}

export interface MetadataMismatch {
  /** Carries both values, so a warning acknowledged once comes back when either changes. */
  key: string;
  message: string;
}

const NUM = '[0-9０-９〇零一二两三四五六七八九十]';
const DATE = `(${NUM}{4})年(${NUM}{1,3})月(${NUM}{1,3})日`;
const EFFECTIVE_RE = new RegExp(`自${DATE}(?:起)?(?:施行|实施|执行|生效)`, 'gu');
const EXPIRY_DATE_RE = new RegExp(`有效期(?:限)?(?:为|截)?至${DATE}`, 'gu');
const TERM_RE = new RegExp(`有效期(?:限)?(?:为|是)?(${NUM}{1,3})年`, 'gu');

/** The same, for a stored body (the full text: a redacted span still says what the document says). */
export function bodyHtmlMetadataMismatches(bodyHtml: string, fields: Omit<BodyMetadataInput, 'bodyText'>): MetadataMismatch[] {
  return bodyMetadataMismatches({ ...fields, bodyText: htmlToText(bodyHtml) });
}

export function bodyMetadataMismatches(i: BodyMetadataInput): MetadataMismatch[] {
  const text = i.bodyText.replace(/[\s\u3000]+/g, (s) => (s.includes('\n') ? '\n' : ''));
  const out: MetadataMismatch[] = [];

  const effective = datesIn(text, EFFECTIVE_RE);
  // A body may quote an earlier document's date; it agrees if any of its dates is the field's.
  const bodyEffective = effective.at(-1) ?? null;
  if (bodyEffective && !effective.includes(i.effectiveOn ?? '')) {
    out.push({
      key: `rule:body-effective:${bodyEffective}:${i.effectiveOn ?? ''}`,
      message: i.effectiveOn
        ? `正文写明自${cn(bodyEffective)}起施行，与施行日期（${cn(i.effectiveOn)}）不一致`
        : `正文写明自${cn(bodyEffective)}起施行，但施行日期未填写（留空视为自发布之日起施行）`,
    });
  }

  const start = i.effectiveOn ?? bodyEffective;
  const expected = [...datesIn(text, EXPIRY_DATE_RE)];
  for (const m of text.matchAll(TERM_RE)) {
    const years = toNumber(m[1]!);
    // “有效期N年” runs from the effective date: to the day before its anniversary (or, as some
    // organs write it, to the anniversary itself).
    if (years && start) expected.push(addYears(start, years, -1), addYears(start, years, 0));
  }
  if (expected.length && !expected.includes(i.expiresOn ?? '')) {
    const said = expected[0]!;
    out.push({
      key: `rule:body-expiry:${said}:${i.expiresOn ?? ''}`,
      message: i.expiresOn
        ? `正文所写有效期（至${cn(said)}）与有效期至（${cn(i.expiresOn)}）不一致`
        : `正文写明有效期（至${cn(said)}），但有效期至未填写`,
    });
  }

  const numbers = docNumbersOnOwnLines(text);
  if (numbers.length && !numbers.includes(i.docNo ?? '')) {
    out.push({
      key: `rule:body-docno:${numbers[0]}:${i.docNo ?? ''}`,
      message: i.docNo ? `正文版头或版记中的发文字号“${numbers[0]}”与发文字号（${i.docNo}）不一致` : `正文版头或版记中有发文字号“${numbers[0]}”，但发文字号未填写`,
    });
  }
  return out;
}

function datesIn(text: string, re: RegExp): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(re)) {
    const [y, mo, d] = [toNumber(m[1]!), toNumber(m[2]!), toNumber(m[3]!)];
    if (y && mo && d && isDate(y, mo, d)) out.push(iso(y, mo, d));
  }
  return out;
}

/** 2026, ２０２６, 二〇二六, 十一, 3 → numbers. */
function toNumber(s: string): number | null {
  const ascii = s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  return /^\d+$/.test(ascii) ? Number(ascii) : parseChineseNumber(ascii);
}

function isDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const cn = (date: string) => `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** The date `years` later (29 February → 28 February), plus `days`. */
function addYears(date: string, years: number, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = isDate(y + years, m, d) ? d : d - 1;
  return new Date(Date.UTC(y + years, m - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * 发文字号 standing alone on a line (with a 签发人 beside it in an upward document) among the first
 * and the last lines: where the 版头 and 版记 put it. A number cited in a sentence is not one.
 */
function docNumbersOnOwnLines(text: string): string[] {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const near = lines.length <= 20 ? lines : [...lines.slice(0, 6), ...lines.slice(-12)];
  const out: string[] = [];
  for (const line of near) {
    const candidate = line.replace(/签发人[:：].*$/u, '').trim();
    if (candidate.length > 40 || !/号$/u.test(candidate) || !/[〔［\[(（【﹝]|令第|公告/u.test(candidate)) continue;
    const n = suggestDocNumber(candidate, { maxYear: 9999 });
    if (n) out.push(n);
  }
  return out;
}
