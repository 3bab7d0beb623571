/**
 * 索引号 (index number, `indexNo`).
 *
 * 《政府信息公开条例》第12条 only requires the 公开目录 to carry an 索引; there is no national format
 * (domain.md §5.1). Each tenant configures a template; the default reproduces the most common shape on
 * gov.cn, e.g. `000014349/2020-00072` (国办发〔2020〕26号).
 *
 * Tokens: {orgCode} {yyyy} {mm} {dd} {serial:N} (serial zero-padded to N digits, 1 ≤ N ≤ 10; a serial
 * longer than N is written in full). Everything else is literal text.
 *
 * Serials are counted per scope: the template rendered with the serial removed. With {yyyy} in the
 * template the counter restarts every year; with {yyyy}{mm} every month.
 */

export const DEFAULT_INDEX_TEMPLATE = '{orgCode}/{yyyy}-{serial:5}';

const TOKENS_HINT = '{orgCode}、{yyyy}、{mm}、{dd}、{serial:N}';
const MAX_WIDTH = 10;

type Part =
  | { t: 'lit'; v: string }
  | { t: 'orgCode' | 'yyyy' | 'mm' | 'dd' }
  | { t: 'serial'; width: number };

type Parsed = { ok: true; parts: Part[] } | { ok: false; error: string };

function parseTemplate(template: string): Parsed {
  if (typeof template !== 'string' || template.trim() === '') {
    return { ok: false, error: `索引号模板不能为空，例如：${DEFAULT_INDEX_TEMPLATE}` };
  }
  const parts: Part[] = [];
  const re = /\{([^{}]*)\}|[{}]|[^{}]+/g;
  for (const m of template.matchAll(re)) {
    const [whole, name] = m;
    if (whole === '{' || whole === '}') {
      return { ok: false, error: `索引号模板中的花括号不成对，请检查“${template}”，例如：${DEFAULT_INDEX_TEMPLATE}` };
    }
    if (name === undefined) { parts.push({ t: 'lit', v: whole }); continue; }
    if (name === 'orgCode' || name === 'yyyy' || name === 'mm' || name === 'dd') { parts.push({ t: name }); continue; }
    const s = /^serial(?::(.*))?$/.exec(name);
    if (!s) return { ok: false, error: `未知的占位符“{${name}}”，可用的占位符：${TOKENS_HINT}` };
    if (s[1] === undefined) return { ok: false, error: '流水号须写明位数，例如：{serial:5}' };
    const width = /^\d+$/.test(s[1]) ? Number(s[1]) : NaN;
    if (!(width >= 1 && width <= MAX_WIDTH)) {
      return { ok: false, error: `流水号位数须为1到${MAX_WIDTH}之间的整数（当前为“${s[1]}”），例如：{serial:5}` };
    }
    parts.push({ t: 'serial', width });
  }
  const serials = parts.filter((p) => p.t === 'serial').length;
  if (serials === 0) return { ok: false, error: `索引号模板缺少流水号占位符 {serial:N}，例如：${DEFAULT_INDEX_TEMPLATE}` };
  if (serials > 1) return { ok: false, error: '索引号模板只能包含一个流水号占位符 {serial:N}，请删除多余的' };
  if (!parts.some((p) => p.t === 'orgCode')) {
    return { ok: false, error: `索引号模板缺少机构代码占位符 {orgCode}，例如：${DEFAULT_INDEX_TEMPLATE}` };
  }
  // A serial wider than N must not run into following digits, or two index numbers could coincide
  // (e.g. {serial:1}{mm}: serial 1 in December = "112" = serial 11 in February). Require a non-digit separator.
  const i = parts.findIndex((p) => p.t === 'serial');
  const next = parts[i + 1];
  if (next && (next.t !== 'lit' || /^\d/.test(next.v))) {
    return { ok: false, error: '流水号后面须紧跟非数字的分隔符（如“-”“/”）或位于模板末尾，例如：{orgCode}/{yyyy}-{serial:5}' };
  }
  return { ok: true, parts };
}

/** null when the template is usable, otherwise a Chinese message saying what to fix. */
export function validateIndexTemplate(template: string): string | null {
  const p = parseTemplate(template);
  return p.ok ? null : p.error;
}

function parsedOrThrow(template: string): Part[] {
  const p = parseTemplate(template);
  if (!p.ok) throw new Error(p.error);
  return p.parts;
}

function checkContext(ctx: { orgCode: string; date: string }): [string, string, string] {
  if (typeof ctx.orgCode !== 'string' || ctx.orgCode.trim() === '') throw new Error('生成索引号需要机构代码（orgCode），请先为本机构设置机构代码');
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ctx.date);
  const [, y = '', mo = '', d = ''] = m ?? [];
  const t = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (!m || t.getUTCFullYear() !== Number(y) || t.getUTCMonth() + 1 !== Number(mo) || t.getUTCDate() !== Number(d)) {
    throw new Error(`日期须为有效的 YYYY-MM-DD 格式，例如 2020-03-01（收到：“${ctx.date}”）`);
  }
  return [y, mo, d];
}

function render(parts: Part[], ctx: { orgCode: string; date: string }, serial: number | null): string {
  const [yyyy, mm, dd] = checkContext(ctx);
  const orgCode = ctx.orgCode.trim();
  return parts
    .map((p) => {
      switch (p.t) {
        case 'lit': return p.v;
        case 'orgCode': return orgCode;
        case 'yyyy': return yyyy;
        case 'mm': return mm;
        case 'dd': return dd;
        case 'serial': return serial === null ? '' : String(serial).padStart(p.width, '0');
      }
    })
    .join('');
}

/**
 * Key of the serial counter for this template, org and date: the template rendered without the serial,
 * e.g. '000014349/2020-' for the default template. Throws (Chinese message) on an invalid template or context.
 */
export function serialScopeKey(template: string, ctx: { orgCode: string; date: string }): string {
  return render(parsedOrThrow(template), ctx, null);
}

/** Render an 索引号, e.g. ('{orgCode}/{yyyy}-{serial:5}', 000014349, 2020-…, 72) → '000014349/2020-00072'. */
export function renderIndexNumber(template: string, ctx: { orgCode: string; date: string; serial: number }): string {
  const parts = parsedOrThrow(template);
  if (!Number.isSafeInteger(ctx.serial) || ctx.serial < 1) {
    throw new Error(`流水号须为正整数（收到：${String(ctx.serial)}）`);
  }
  return render(parts, ctx, ctx.serial);
}
