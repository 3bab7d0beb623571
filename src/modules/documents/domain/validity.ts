/**
 * 有效性 (validity) of a policy document — always derived from dates and recorded events, never typed in.
 *
 * Vocabulary: domain.md §6.2 (国家法律法规数据库: 有效/已修改/已废止/尚未生效; 国家税务总局法规库 adds
 * 部分失效/全文失效). Duty to mark amended / repealed / expired documents on the original page:
 * 《政府网站发展指引》(国办发〔2017〕47号) “文件资料”. Validity periods of 行政规范性文件: domain.md §6.3
 * (《上海市行政规范性文件制定和备案规定》第26条: default 5 years, 暂行/试行 2 years, automatic lapse).
 *
 * Dates are 'YYYY-MM-DD' strings and compare as strings.
 */

export const VALIDITIES = ['not_yet_effective', 'effective', 'amended', 'partially_invalid', 'repealed', 'expired'] as const;
export type Validity = (typeof VALIDITIES)[number];
export const validityLabels: Record<Validity, string> = {
  not_yet_effective: '尚未生效',
  effective: '现行有效',
  amended: '已修改',
  partially_invalid: '部分失效',
  repealed: '已废止',
  expired: '已失效',
};

/** replace: a new document supersedes this one (→ 已废止); declare_expired: e.g. a 清理 decision or the source library says 失效. */
export const VALIDITY_EVENT_KINDS = ['amend', 'partial_repeal', 'repeal', 'replace', 'declare_expired'] as const;
export type ValidityEventKind = (typeof VALIDITY_EVENT_KINDS)[number];
export const validityEventLabels: Record<ValidityEventKind, string> = {
  amend: '修改',
  partial_repeal: '部分废止',
  repeal: '废止',
  replace: '替代',
  declare_expired: '宣布失效',
};

export interface ValidityEvent { kind: ValidityEventKind; effectiveOn: string; byDocumentId: string | null; byTitle: string | null; byDocNo: string | null }
export interface ValidityInput { effectiveOn: string | null; expiresOn: string | null; events: ValidityEvent[] }
export interface ValidityResult { validity: Validity; since: string | null; cause: ValidityEvent | null; nextChangeOn: string | null }

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toUtc(date: string, field: string): Date {
  const m = DATE_RE.exec(date);
  const d = new Date(0);
  if (m) d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (!m || d.getUTCMonth() + 1 !== Number(m[2]) || d.getUTCDate() !== Number(m[3])) {
    throw new RangeError(`${field}须为有效日期，格式 YYYY-MM-DD，例如 2020-03-01（收到：“${date}”）`);
  }
  return d;
}
const fmt = (d: Date) => d.toISOString().slice(0, 10);

function addDays(date: string, days: number): string {
  const d = toUtc(date, '日期');
  d.setUTCDate(d.getUTCDate() + days);
  return fmt(d);
}

/** Same month/day `years` later; 02-29 in a non-leap target year rolls to 03-01 (so the day before is 02-28). */
function addYears(date: string, years: number): string {
  const d = toUtc(date, '日期');
  d.setUTCFullYear(d.getUTCFullYear() + years, d.getUTCMonth(), d.getUTCDate());
  return fmt(d);
}

type State = Omit<ValidityResult, 'nextChangeOn'>;

/**
 * State on `day`, ignoring events dated after it.
 *
 * Terminal states (已废止, 已失效) win over everything else. When several terminal facts apply, the
 * EARLIEST in time decides: a document ceases to have force once, on the first such date, and a later act
 * (e.g. a 清理 decision that repeals documents which had already lapsed) cannot move that date — it stays
 * in the event list as history. Same-day ties: repeal/replace, then declare_expired, then the expiry date,
 * i.e. an explicit act is preferred over a date-derived lapse.
 *
 * Expiry boundary: `expiresOn` is the LAST day of validity (有效期至 2025-02-28 means in force on 02-28),
 * so the document is 已失效 from the following day.
 *
 * For 部分失效 / 已修改, `since` and `cause` refer to the latest such event in force (it defines the current
 * text), but never earlier than `effectiveOn`.
 */
function stateAt(input: ValidityInput, day: string): State {
  const inForce = input.events.filter((e) => e.effectiveOn <= day);
  type Terminal = { on: string; rank: number; validity: Validity; cause: ValidityEvent | null };
  const terminals: Terminal[] = [];
  for (const e of inForce) {
    if (e.kind === 'repeal' || e.kind === 'replace') terminals.push({ on: e.effectiveOn, rank: 0, validity: 'repealed', cause: e });
    else if (e.kind === 'declare_expired') terminals.push({ on: e.effectiveOn, rank: 1, validity: 'expired', cause: e });
  }
  if (input.expiresOn !== null && input.expiresOn < day) {
    terminals.push({ on: addDays(input.expiresOn, 1), rank: 2, validity: 'expired', cause: null });
  }
  if (terminals.length > 0) {
    const first = terminals.reduce((a, b) => (b.on < a.on || (b.on === a.on && b.rank < a.rank) ? b : a));
    return { validity: first.validity, since: first.on, cause: first.cause };
  }
  if (input.effectiveOn !== null && input.effectiveOn > day) return { validity: 'not_yet_effective', since: null, cause: null };

  const latest = (kind: ValidityEventKind): ValidityEvent | null =>
    inForce.filter((e) => e.kind === kind).reduce<ValidityEvent | null>((a, b) => (a === null || b.effectiveOn >= a.effectiveOn ? b : a), null);
  const notBeforeEffective = (on: string) => (input.effectiveOn !== null && input.effectiveOn > on ? input.effectiveOn : on);
  const partial = latest('partial_repeal');
  if (partial) return { validity: 'partially_invalid', since: notBeforeEffective(partial.effectiveOn), cause: partial };
  const amend = latest('amend');
  if (amend) return { validity: 'amended', since: notBeforeEffective(amend.effectiveOn), cause: amend };
  return { validity: 'effective', since: input.effectiveOn, cause: null };
}

/** Derive the validity on `today`. Events dated after `today` do not count yet but feed `nextChangeOn`. */
export function deriveValidity(input: ValidityInput, today: string): ValidityResult {
  toUtc(today, '当前日期');
  if (input.effectiveOn !== null) toUtc(input.effectiveOn, '施行日期');
  if (input.expiresOn !== null) toUtc(input.expiresOn, '有效期截止日期');
  for (const e of input.events) {
    if (!(VALIDITY_EVENT_KINDS as readonly string[]).includes(e.kind)) throw new RangeError(`未知的有效性事件类型“${e.kind}”`);
    toUtc(e.effectiveOn, `“${validityEventLabels[e.kind]}”事件的生效日期`);
  }
  const now = stateAt(input, today);
  // Earliest future date on which the derived validity changes with no new events.
  const candidates = [input.effectiveOn, input.expiresOn === null ? null : addDays(input.expiresOn, 1), ...input.events.map((e) => e.effectiveOn)]
    .filter((d): d is string => d !== null && d > today)
    .sort();
  const nextChangeOn = candidates.find((d) => stateAt(input, d).validity !== now.validity) ?? null;
  return { ...now, nextChangeOn };
}

export const NORMATIVE_DOC_TYPE = '行政规范性文件';

/** Titles announcing a provisional document: 暂行 / 试行 (not 尝试行…). Titles that repeal, amend or extend a
 * named document (关于废止《××暂行办法》的决定) are not themselves provisional, so 《》 is ignored there. */
export function isProvisional(title: string): boolean {
  const actsOnOther = /废止|修改|修订|宣布失效|停止执行|延长.*有效期/.test(title);
  const text = actsOnOther ? title.replace(/《[^》]*》/g, '') : title;
  return /暂行|(?<!尝)试行/.test(text);
}

/**
 * Default 有效期截止日期 for a 行政规范性文件 whose text states none: effectiveOn + N years − 1 day, so a
 * 5-year term from 2020-03-01 ends on 2025-02-28 (the effective day counts as day one, as in
 * “自2020年3月1日起施行，有效期至2025年2月28日”); from 2020-02-29 it ends on 2025-02-28.
 * N = terms.provisionalYears for 暂行/试行 titles, else terms.normativeYears (Shanghai rule 第26条: 5 and 2;
 * no national rule, so the caller configures it). N = 0 means no default. Other doc types: null.
 */
export function defaultExpiry(
  args: { docType: string; title: string; effectiveOn: string | null },
  terms: { normativeYears: number; provisionalYears: number },
): string | null {
  if (args.docType !== NORMATIVE_DOC_TYPE || args.effectiveOn === null) return null;
  toUtc(args.effectiveOn, '施行日期');
  const years = isProvisional(args.title) ? terms.provisionalYears : terms.normativeYears;
  if (!Number.isInteger(years) || years < 0) throw new RangeError(`有效期年数须为非负整数（0 表示不设默认有效期），收到：${years}`);
  if (years === 0) return null;
  return addDays(addYears(args.effectiveOn, years), -1);
}
