/**
 * 信息处理费 (国办函〔2020〕109号《政府信息公开信息处理费管理办法》): charged only when an
 * applicant's requests exceed a reasonable number or volume, progressively on the excess, either
 * per request (按件, counted per applicant per calendar month) or per page (按量, per request) —
 * one method per request, never both (第三条). Tiers are data: a place that sets its own passes
 * its own table; these are the national ones.
 */
export interface FeeBand {
  /** First unit (request or page) of the band, 1-based. */
  from: number;
  /** Yuan per unit in this band. */
  rate: number;
}

/** 按件: 1–10 free; 11–30 100 元/件; then +100 元/件 for every further band of 10 (第四条). */
export function perRequestRate(ordinalInMonth: number): number {
  if (!Number.isInteger(ordinalInMonth) || ordinalInMonth < 1) throw new RangeError(`本月第几件申请须为正整数：${ordinalInMonth}`);
  if (ordinalInMonth <= 10) return 0;
  if (ordinalInMonth <= 30) return 100;
  return 100 + 100 * Math.ceil((ordinalInMonth - 30) / 10);
}

/** 按量: 1–30 pages free; 31–100 10 元/页; 101–200 20 元/页; 201+ 40 元/页 (第五条). */
export const PER_PAGE_BANDS: readonly FeeBand[] = [
  { from: 1, rate: 0 },
  { from: 31, rate: 10 },
  { from: 101, rate: 20 },
  { from: 201, rate: 40 },
];

export interface FeeBreakdown {
  amount: number;
  /** One line per band charged, e.g. '第31—100页 70页 × 10元 = 700元'. */
  lines: string[];
}

export function perPageFee(pages: number, bands: readonly FeeBand[] = PER_PAGE_BANDS): FeeBreakdown {
  if (!Number.isInteger(pages) || pages < 1 || pages > 1_000_000) throw new RangeError(`页数须为 1 至 1000000 的整数：${pages}`);
  const lines: string[] = [];
  let amount = 0;
  bands.forEach((b, i) => {
    const to = Math.min(pages, (bands[i + 1]?.from ?? Infinity) - 1);
    const n = to - b.from + 1;
    if (n <= 0 || b.rate === 0) return;
    amount += n * b.rate;
    lines.push(`第${b.from}—${to}页 ${n}页 × ${b.rate}元 = ${n * b.rate}元`);
  });
  return { amount, lines };
}

export function perRequestFee(ordinalInMonth: number): FeeBreakdown {
  const rate = perRequestRate(ordinalInMonth);
  return { amount: rate, lines: rate ? [`本月第 ${ordinalInMonth} 件申请，按件收费 ${rate}元`] : [] };
}
