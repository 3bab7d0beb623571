/**
 * 发文字号 (document number, `docNo`).
 *
 * Sources (domain.md §5.2):
 * - 《党政机关公文处理工作条例》（中办发〔2012〕14号）第9条：发文字号由发文机关代字、年份、发文顺序号组成。
 * - GB/T 9704-2012《党政机关公文格式》§7.2.5：年份、发文顺序号用阿拉伯数字标注；年份应标全称，用六角括号
 *   “〔〕”括入；发文顺序号不加“第”字，不编虚位（即1不编为01），在阿拉伯数字后加“号”字。
 * - 令 numbers (`国务院令第711号`) and 公告 numbers (`国家税务总局公告2014年第2号`) are established forms
 *   outside GB/T 9704 and are accepted as separate kinds.
 *
 * `prefix` is everything before the year / serial: `宁政办发`, `国务院令`, `国家税务总局公告`
 * (for 令 and 公告 the marker word is part of the prefix).
 */

export type DocNumberKind = 'standard' | 'decree' | 'announcement';
export interface DocNumber { kind: DocNumberKind; prefix: string; year: number | null; serial: number; normalized: string }
export type DocNumberResult = { ok: true; value: DocNumber } | { ok: false; error: string };

const EXAMPLE = '宁政办发〔2022〕5号';
const MIN_YEAR = 1949;
/** Opening/closing brackets people use instead of 〔〕 (incl. look-alikes ﹝﹞ 〖〗 〘〙). */
const OPEN = '〔[［(（【〈<《{｛﹝〖〘';
const CLOSE = '〕]］)）】〉>》}｝﹞〗〙';
const CN_NUM = '一二三四五六七八九十百千零〇两';
/** Escape for use inside a `u`-mode character class. */
const esc = (s: string) => s.replace(/[\\\]\[^-]/g, '\\$&');
const O = `[${esc(OPEN)}]`;
const C = `[${esc(CLOSE)}]`;
const NOT_BR = `[^${esc(OPEN + CLOSE)}]`;
const NOT_BR_D = `[^\\d\\s${esc(OPEN + CLOSE)}]`;

/** Last characters of a typical 机关代字 (国发, 国办函, 法释, 厅字, 财税, 京政报, 国办发明电, …公告, …令, 工信部规…). */
const DAIZI_END = '发字函办令释告通规文报复电呈批税';

/** Trim, drop all whitespace (incl. U+3000 and zero-width), full-width digits → ASCII. */
function normalizeInput(s: string): string {
  return toAsciiDigits(s).replace(/[\s\u200b-\u200d\ufeff]/g, '');
}
function toAsciiDigits(s: string): string {
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Chinese numerals → number: 三, 十一, 一百零五, 三百二十, 两千, 七一一 (digit by digit). null if malformed (e.g. 一百五). */
export function parseChineseNumber(s: string): number | null {
  if (!s || [...s].some((c) => !(c in CN_DIGIT) && !(c in CN_UNIT))) return null;
  if (![...s].some((c) => c in CN_UNIT)) return Number([...s].map((c) => CN_DIGIT[c]).join(''));
  let total = 0;
  let cur: number | null = null;
  let lastUnit = Infinity;
  let afterZero = false;
  for (const [i, c] of [...s].entries()) {
    const unit = CN_UNIT[c];
    if (unit === undefined) {
      const d = CN_DIGIT[c] as number;
      if (cur !== null) return null;
      if (d === 0) { afterZero = true; continue; }
      cur = d;
      continue;
    }
    if (unit >= lastUnit) return null;
    if (cur === null && i !== 0) return null;
    total += (cur ?? 1) * unit;
    cur = null;
    lastUnit = unit;
    afterZero = false;
  }
  if (cur !== null) {
    // 一百五 is colloquial for 150 and ambiguous: require 一百五十 or 一百零五.
    if (lastUnit > 10 && !afterZero) return null;
    total += cur;
  }
  return total;
}

/** Arabic or Chinese serial → number; null if mixed or malformed. */
function toSerial(num: string): number | null {
  if (/^\d+$/.test(num)) return Number(num);
  return parseChineseNumber(num);
}

type Analysis =
  | { value: DocNumber; problems: []; suggestion: string; example: string }
  | { value: null; problems: string[]; suggestion: string | null; example: string };

function report(problems: string[], suggestion: string | null, example = EXAMPLE): Analysis {
  return { value: null, problems, suggestion, example };
}
const DECREE_EXAMPLE = '国务院令第711号';
const ANNOUNCEMENT_EXAMPLE = '国家税务总局公告2014年第2号';

function yearProblem(raw: string, maxYear: number): string | null {
  if (!/^\d+$/.test(raw)) return `年份“${raw}”须为4位阿拉伯数字`;
  if (raw.length !== 4) return `年份须写全称（4位数字），如〔2022〕，不能写作〔${raw}〕`;
  const y = Number(raw);
  if (y < MIN_YEAR || y > maxYear) return `年份${raw}超出有效范围（${MIN_YEAR}–${maxYear}），请核对`;
  return null;
}

/** 令: 国务院令第711号 / 国令第711号 / 中华人民共和国主席令第三号. */
const DECREE_RE = new RegExp(`^(${NOT_BR}*令)(第?)([0-9${CN_NUM}]+)(号?)$`, 'u');
function analyzeDecree(m: RegExpExecArray): Analysis {
  const [, prefix = '', di, num = '', hao] = m;
  const problems: string[] = [];
  if (prefix === '令') problems.push('缺少发布机关（应写在“令”前）');
  const serial = toSerial(num);
  if (serial === null) problems.push(`令号“${num}”无法识别，请用阿拉伯数字（如 711）或规范的中文数字（如 三、一百零五）`);
  else if (serial === 0) problems.push('令号须为正整数');
  else if (/^0\d/.test(num)) problems.push(`令号不编虚位，“${num}”应写作“${serial}”`);
  const digits = /^\d+$/.test(num) ? String(serial) : num;
  const fixed = `${prefix}第${digits}号`;
  if (!di || !hao) problems.push(`令的编号应写作“令第N号”`);
  if (problems.length) return report(problems, prefix !== '令' && serial ? fixed : null, DECREE_EXAMPLE);
  const value: DocNumber = { kind: 'decree', prefix, year: null, serial: serial as number, normalized: fixed };
  return { value, problems: [], suggestion: fixed, example: DECREE_EXAMPLE };
}

/** 公告: 国家税务总局公告2014年第2号 (第 is part of this form). */
const ANNOUNCEMENT_RE = /^(.*公告)(\d+)年(第?)(\d+)(号?)$/u;
function analyzeAnnouncement(m: RegExpExecArray, maxYear: number): Analysis {
  const [, prefix = '', year = '', di, num = '', hao] = m;
  const problems: string[] = [];
  if (prefix === '公告') problems.push('缺少发布机关（应写在“公告”前）');
  const yp = yearProblem(year, maxYear);
  if (yp) problems.push(yp);
  const serial = Number(num);
  if (serial === 0) problems.push('公告序号须为正整数');
  else if (/^0\d/.test(num)) problems.push(`序号不编虚位，“${num}”应写作“${serial}”`);
  if (!di || !hao) problems.push('公告编号应写作“公告××××年第N号”');
  const fixed = `${prefix}${year}年第${serial}号`;
  if (problems.length) return report(problems, prefix !== '公告' && !yp && serial ? fixed : null, ANNOUNCEMENT_EXAMPLE);
  const value: DocNumber = { kind: 'announcement', prefix, year: Number(year), serial, normalized: fixed };
  return { value, problems: [], suggestion: fixed, example: ANNOUNCEMENT_EXAMPLE };
}

const STANDARD_RE = new RegExp(`^(${NOT_BR}*)(${O})(${NOT_BR}*)(${C})(.*)$`, 'u');
const NO_BRACKET_RE = new RegExp(`^(${NOT_BR}*?\\D)(\\d{4})年?(第?)(\\d+)(号?)$`, 'u');
const REST_RE = new RegExp(`^(第?)(\\d+|[${CN_NUM}]+)?(号?)$`, 'u');

/** 机关代字〔yyyy〕N号 per GB/T 9704-2012 §7.2.5. */
function analyzeStandard(s: string, maxYear: number): Analysis {
  const m = STANDARD_RE.exec(s);
  if (!m) {
    const nb = NO_BRACKET_RE.exec(s);
    if (nb && !yearProblem(nb[2] ?? '', maxYear) && Number(nb[4]) > 0) {
      const fixed = `${nb[1]}〔${nb[2]}〕${Number(nb[4])}号`;
      return report(['年份须用六角括号〔〕括入'], fixed);
    }
    return report(['发文字号应由发文机关代字、〔年份〕、顺序号加“号”组成'], null);
  }
  const [, prefix = '', open = '', yearRaw = '', close = '', rest = ''] = m;
  const problems: string[] = [];
  if (!prefix) problems.push('缺少发文机关代字（应写在年份前）');
  if (open !== '〔' || close !== '〕') problems.push(`年份须用六角括号〔〕，不能用“${open}${close}”`);
  let year = yearRaw;
  if (/^[〇零一二三四五六七八九]{4}$/.test(yearRaw)) {
    year = String(parseChineseNumber(yearRaw));
    problems.push('年份须用阿拉伯数字');
  }
  const yp = yearProblem(year, maxYear);
  if (yp) problems.push(yp);
  const r = REST_RE.exec(rest);
  let serial: number | null = null;
  if (!r) problems.push(`年份后的“${rest}”无法识别，应为阿拉伯数字顺序号加“号”，如“5号”`);
  else {
    const [, di, num, hao] = r;
    if (di) problems.push('顺序号前不加“第”字');
    if (num === undefined) problems.push('缺少发文顺序号');
    else {
      serial = toSerial(num);
      if (serial === null) problems.push(`顺序号“${num}”无法识别`);
      else if (serial === 0) { problems.push('顺序号须为正整数'); serial = null; }
      else if (!/^\d+$/.test(num)) problems.push('顺序号须用阿拉伯数字');
      else if (num.startsWith('0')) problems.push(`顺序号不编虚位（1不编为01），“${num}”应写作“${serial}”`);
    }
    if (di && prefix.endsWith('公告') && serial !== null && !yp) {
      return report(['公告编号不用六角括号'], `${prefix}${year}年第${serial}号`, ANNOUNCEMENT_EXAMPLE);
    }
    if (!hao) problems.push('顺序号后须加“号”字');
  }
  const canFix = prefix !== '' && !yp && serial !== null;
  const fixed = canFix ? `${prefix}〔${year}〕${serial}号` : null;
  if (problems.length) return report(problems, fixed);
  return {
    value: { kind: 'standard', prefix, year: Number(year), serial: serial as number, normalized: fixed as string },
    problems: [],
    suggestion: fixed as string,
    example: EXAMPLE,
  };
}

function analyze(input: string, maxYear: number): Analysis {
  const s = normalizeInput(typeof input === 'string' ? input : '');
  if (!s) return report(['发文字号不能为空'], null);
  const d = DECREE_RE.exec(s);
  if (d) return analyzeDecree(d);
  const a = ANNOUNCEMENT_RE.exec(s);
  if (a) return analyzeAnnouncement(a, maxYear);
  return analyzeStandard(s, maxYear);
}

/** Validate and normalize a 发文字号. Errors are in Chinese and show the corrected form when one can be built. */
export function parseDocNumber(input: string, opts: { maxYear?: number } = {}): DocNumberResult {
  const maxYear = opts.maxYear ?? new Date().getFullYear() + 1;
  const a = analyze(input, maxYear);
  if (a.value) return { ok: true, value: a.value };
  const head = a.problems.join('；');
  const tail = a.suggestion ? `，请改为：${a.suggestion}` : `，例如：${a.example}`;
  return { ok: false, error: `${head}${tail}` };
}

/** The canonical form of `input` if it is valid or can be fixed mechanically (e.g. `[2022]` → `〔2022〕`), else null. */
export function suggestDocNumber(input: string, opts: { maxYear?: number } = {}): string | null {
  return analyze(input, opts.maxYear ?? new Date().getFullYear() + 1).suggestion;
}

const DECREE_Q = new RegExp(`^(${NOT_BR_D}*令)(?:第([0-9${CN_NUM}]+)号?|(\\d+)号)$`, 'u');
const GENERAL_Q = new RegExp(
  `^(${NOT_BR_D}*)${O}?((?:19|20)\\d{2})(?!\\d)(?:${C}|年|[\\s,，、])?(?:第)?(\\d+)?号?$`,
  'u',
);

/**
 * Lenient parse of what a user types into a search box. A string counts as a document number when
 * (a) it has a 4-digit year (19xx/20xx) AND either a serial or a prefix ending in a typical 代字
 *     character (DAIZI_END: 发字函办令释告通规文报复电呈批税), e.g. `宁政办发[2022]5号`, `宁政办发2022 5`,
 *     `〔2022〕5号`, `宁政办发〔2022〕`; or
 * (b) it is a 令 number: `国务院令第711号`, `国令711号` (year null).
 * Any bracket style, 年, 第, 号, spaces and full-width digits are tolerated. Otherwise null
 * (plain words, a bare year `2022`, dates, titles that merely mention a year).
 */
export function normalizeDocNumberQuery(q: string): { prefix: string | null; year: number | null; serial: number | null } | null {
  if (typeof q !== 'string') return null;
  // Keep whitespace only where it separates two numbers (`2022 5`); drop it elsewhere.
  const s = toAsciiDigits(q).trim().replace(/(?<=\D)[\s\u3000]+|[\s\u3000]+(?=\D)/g, '').replace(/[\s\u3000]+/g, ' ');
  if (!s) return null;
  const d = DECREE_Q.exec(s);
  if (d) {
    const serial = toSerial(d[2] ?? d[3] ?? '');
    return serial ? { prefix: d[1] ?? null, year: null, serial } : null;
  }
  const m = GENERAL_Q.exec(s);
  if (!m) return null;
  const prefix = m[1] || null;
  const year = Number(m[2]);
  const serial = m[3] !== undefined && Number(m[3]) > 0 ? Number(m[3]) : null;
  const daizi = prefix !== null && DAIZI_END.includes(prefix.slice(-1));
  if (serial === null && !daizi) return null;
  return { prefix, year, serial };
}

export type DocNumberQuery = NonNullable<ReturnType<typeof normalizeDocNumberQuery>>;

/** 584号令 (as people say a decree's number) → 令第584号. */
const DECREE_SPOKEN = /^(\d+)号令$/u;
/** A number inside a longer piece: its year and serial with the few characters before them as the prefix. */
const NUMBER_INSIDE = new RegExp(`(\\p{Script=Han}{0,6}?(?:令第?\\d+号|${O}?(?:19|20)\\d{2}${C}?年?第?\\d+号))`, 'u');

/**
 * Document numbers typed among other words (`外国企业代表处 登记 国务院令第584号`, `国办发 2017 47
 * 养老`, `584号令`), with the rest of the query. A number is one piece (as typed between spaces),
 * two or three pieces together (`国办发 2017 47`), or the number-shaped end of a piece.
 */
export function docNumbersIn(q: string): { numbers: { text: string; number: DocNumberQuery }[]; rest: string } {
  const pieces = q.trim().split(/\s+/).filter(Boolean);
  const numbers: { text: string; number: DocNumberQuery }[] = [];
  const rest: string[] = [];
  for (let i = 0; i < pieces.length; ) {
    let taken = 0;
    for (let n = Math.min(3, pieces.length - i); n >= 1 && !taken; n--) {
      const parts = pieces.slice(i, i + n);
      // Several pieces are one number only when those after the first are its digits (国办发 2017 47).
      if (n > 1 && !parts.slice(1).every((x) => new RegExp(`^(${O}|\\d)`, 'u').test(x))) continue;
      const text = parts.join(' ');
      const number = normalizeDocNumberQuery(text.replace(DECREE_SPOKEN, '令第$1号'));
      if (number && (n === 1 || number.serial !== null)) {
        numbers.push({ text, number });
        taken = n;
      }
    }
    if (taken) {
      i += taken;
      continue;
    }
    const m = NUMBER_INSIDE.exec(pieces[i]!);
    const number = m ? normalizeDocNumberQuery(m[1]!) : null;
    if (m && number && number.serial !== null) {
      // The words before a number inside a piece are not all its prefix (关于印发国发〔2019〕8号): its last two characters are.
      numbers.push({ text: m[1]!, number: { ...number, prefix: number.prefix === null ? null : number.prefix.slice(-2) } });
      const left = pieces[i]!.replace(m[1]!, '').trim();
      if (left) rest.push(left);
    } else rest.push(pieces[i]!);
    i++;
  }
  return { numbers, rest: rest.join(' ') };
}
