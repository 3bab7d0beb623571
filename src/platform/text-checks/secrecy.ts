/**
 * Secrecy and disclosure-attribute markings (保密审查). A document that carries a classification
 * marking is a state secret until declassified and must not be published (条例 第14条: 依法确定为
 * 国家秘密的政府信息 … 不予公开); one marked 内部 or with the attribute 依申请公开 / 不予公开 was
 * decided not to be published proactively (国办发〔2016〕80号 实施细则 一(一); 条例 第16条 for
 * 内部事务信息). Every hit blocks.
 *
 * The hard part is not to block ordinary prose: laws talk about 国家秘密, 商业秘密, 绝密级 and
 * 内部控制 all the time. So a word counts only when it stands where a marking stands:
 *
 * classification (绝密 / 机密 / 秘密)
 *   1. followed by the secrecy sign ★ (☆ accepted), optionally with the period: 机密★5年,
 *      秘密★, 「绝密」★长期, 机密★2030年12月31日解密. This is the form GB/T 9704-2012 §7.2.2 and
 *      the 国家秘密标志 rules prescribe (密级★保密期限 / 解密时间 / 解密条件), and prose never
 *      writes it — anywhere in the text;
 *   2. alone in a header slot: at the start of a line (or after a 份号 on it, or after a run of two
 *      or more spaces, which is how flattened web text separates paragraphs), and followed by a
 *      space, a line break or the end: "秘密\n…", "000123 机密 特急";
 *   3. as the value of a 密级 field: 密级：机密;
 *   4. a ★ with a period but no word (★10年) is reported too: the word may be on the line above.
 *   Not: 保守国家秘密, 商业秘密, 绝密级国家秘密 at a line start (followed by 级), 密级分为绝密、机密、秘密.
 * internal: 内部 / 内部资料 / 内部文件 / 内部使用 / 内部刊物 … in a header slot, followed by a space,
 *   the end, or 注意保存 / 请勿外传 …; and 仅供内部使用 / 仅供内部参考 as a phrase. Not 内部控制,
 *   内部审计机构, 内部资料性出版物, 供本单位内部使用的 (prose).
 * attribute: 此件不予公开 / 此件依申请公开 (the 附注 of GB/T 9704-2012 §7.3.6 as local practice
 *   writes it), 公开方式：依申请公开 / 公开属性：不予公开 (form fields), and 依申请公开 / 不予公开 alone
 *   in a header slot. Not 第四章 依申请公开 (a chapter heading) or 可以不予公开 (prose).
 *   （此件公开发布） and （此件主动公开） are public and not reported.
 */
import { keepBest } from './overlaps.js';
import { foldWidth } from './width.js';

export type SecrecyKind = 'classification' | 'internal' | 'attribute';

export interface SecrecyHit {
  kind: SecrecyKind;
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
  /** The marking as written, e.g. 机密★5年, 内部资料, 此件不予公开. */
  value: string;
}

/** Horizontal whitespace (JS \s minus the line break; includes U+3000, NBSP, U+2002). */
const H = '[^\\S\\n]';
/**
 * A header slot: start of text or line, or a run of two or more spaces (how flattened web text
 * separates paragraphs), then optional spaces and an optional 份号 (GB/T 9704 §7.2.1: digits).
 * It is matched, not looked behind at: the marking itself is capture group 1 (flag `d`). A run of
 * spaces is entered only at its first space, so a long run costs linear time, not quadratic.
 * Text is width-folded first, so U+3000 is a plain space here.
 */
const SLOT = `(?:^|\\n|(?<!${H})${H}{2})${H}*(?:\\d{3,6}${H}+)?`;
const OPEN = '[【\\[(]?';
const CLOSE = '[】\\])]?';
const CLASS = '(?:绝密|机密|秘密)';
const PERIOD = `(?:${H}*(?:\\d{1,3}${H}*(?:年|个月)|长期|\\d{4}年\\d{1,2}月(?:\\d{1,2}日)?(?:前)?(?:解密)?))?`;

const RULES: readonly { kind: SecrecyKind; re: RegExp }[] = [
  // classification 1: word + ★ (+ period), anywhere; quotes/brackets around the word allowed.
  { kind: 'classification', re: new RegExp(`${CLASS}[」”"』】\\])]?${H}*[★☆]${PERIOD}`, 'g') },
  // classification 2: bare word in a header slot.
  { kind: 'classification', re: new RegExp(`${SLOT}(${OPEN}${CLASS}${CLOSE})(?=\\s|$)`, 'gd') },
  // classification 3: 密级 field.
  { kind: 'classification', re: new RegExp(`密级${H}*:${H}*${CLASS}(?:${H}*[★☆]${PERIOD})?`, 'g') },
  // classification 4: a lone ★ with a period.
  { kind: 'classification', re: new RegExp(`[★☆]${H}*\\d{1,3}${H}*(?:年|个月)`, 'g') },
  // internal 1: header slot, optionally with its caution.
  {
    kind: 'internal',
    re: new RegExp(
      `${SLOT}(${OPEN}内部(?:资料|文件|使用|刊物|参考|参阅|材料|明电)?${CLOSE}(?:[,;、]?${H}*(?:注意保存|注意保密|请勿外传|不得外传|严禁外传|妥善保管|免费交流))?)(?=\\s|$)`,
      'gd',
    ),
  },
  // internal 2: the phrase, not followed by 的 (供内部使用的…, prose).
  { kind: 'internal', re: /(?:仅供|只供|仅限|限)内部(?:使用|参考|参阅|传阅)(?![的之])/g },
  // attribute 1: the 附注 "此件…".
  { kind: 'attribute', re: new RegExp(`此件${H}*(?:依申请公开|不予公开|不公开)`, 'g') },
  // attribute 2: a form field.
  {
    kind: 'attribute',
    re: new RegExp(`(?:信息)?公开(?:方式|属性|类型|选项|形式)${H}*:${H}*(?:依申请公开|不予公开|不予主动公开|不公开)`, 'g'),
  },
  // attribute 3: bare attribute in a header slot.
  { kind: 'attribute', re: new RegExp(`${SLOT}(${OPEN}(?:依申请公开|不予公开)${CLOSE})(?=\\s|$)`, 'gd') },
];

/** Every marking in `text`, sorted by start; where two overlap the longer one is kept. */
export function findSecrecyMarkers(text: string): SecrecyHit[] {
  const t = foldWidth(text);
  const found: SecrecyHit[] = [];
  for (const { kind, re } of RULES) {
    for (const m of t.matchAll(re)) {
      // Slot rules capture the marking in group 1; the others match exactly the marking.
      const [start, end] = m.indices?.[1] ?? [m.index!, m.index! + m[0].length];
      found.push({ kind, start, end, value: text.slice(start, end) });
    }
  }
  return keepBest(found, (a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
}
