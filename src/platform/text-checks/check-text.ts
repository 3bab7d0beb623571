/**
 * The automatic checks an item goes through before review (三审三校 starts from their findings):
 * flagged wording from the administrators' dictionary, personal data and secrecy/attribute
 * markings. Pure: the caller passes the compiled dictionary and today's date.
 *
 * Severity: personal data (条例 第15条) and secrecy or attribute markings (条例 第14条, 第16条)
 * always block; flagged wording takes the action its dictionary entry says (block / suggest /
 * warn). The review workflow refuses submission while a block finding is open and asks for an
 * acknowledgement of each warning.
 */
import type { LexiconMatcher } from './lexicon.js';
import { findPersonalData, maskPersonalData, PERSONAL_DATA_LABELS } from './personal-data.js';
import { findSecrecyMarkers, type SecrecyKind } from './secrecy.js';

export type CheckKind = 'wording' | 'personal_data' | 'secrecy';
export type Severity = 'block' | 'warn' | 'suggest';
export type CheckedField = 'title' | 'body' | 'attachment';

export interface CheckInput {
  field: CheckedField;
  /** The attachment's file name, to tell several attachments apart. */
  name?: string;
  /** Plain text (HTML already reduced to text by the caller). */
  text: string;
}

export interface Finding {
  check: CheckKind;
  severity: Severity;
  field: CheckedField;
  name?: string;
  /** UTF-16 offsets into the field's text, end exclusive. */
  start: number;
  end: number;
  /** The hit as written (`text.slice(start, end)`); for personal data this is the raw value. */
  value: string;
  /** The hit with a little context, on one line; personal data appear masked. */
  excerpt: string;
  /** For the drafter, in Simplified Chinese; positions are 1-based characters (code points). */
  message: string;
  /** wording: the dictionary category · personal_data: PersonalDataKind · secrecy: SecrecyKind. */
  kind: string;
  /** wording with a replacement: the right word. */
  replacement?: string;
}

export interface CheckOptions {
  /** Today in China, 'YYYY-MM-DD' (pass `clock.today()`); see findPersonalData. */
  today?: string;
  /** Characters of context on each side of the excerpt (default 12). */
  context?: number;
}

const SECRECY_LABELS: Readonly<Record<SecrecyKind, string>> = {
  classification: '密级标志',
  internal: '内部资料标注',
  attribute: '公开属性标注',
};

const SECRECY_CONSEQUENCE: Readonly<Record<SecrecyKind, string>> = {
  classification: '涉密内容不得公开',
  internal: '内部资料不得公开',
  attribute: '该件不应主动公开',
};

/** All findings of all fields, in field order, then by position. */
export function checkText(fields: readonly CheckInput[], matcher: LexiconMatcher | null, options: CheckOptions = {}): Finding[] {
  const radius = options.context ?? 12;
  const out: Finding[] = [];
  for (const f of fields) {
    const own: Finding[] = [];
    const personal = findPersonalData(f.text, options.today === undefined ? {} : { today: options.today });
    // Every excerpt masks every piece of personal data it shows, not only its own hit.
    const masks = personal.map((h) => ({ start: h.start, end: h.end, text: maskPersonalData(h.value, h.kind) }));
    const cut = (start: number, end: number): string => excerpt(f.text, start, end, radius, masks);
    const base = (start: number, end: number): Pick<Finding, 'field' | 'name' | 'start' | 'end' | 'value'> => {
      const value = f.text.slice(start, end);
      return f.name === undefined ? { field: f.field, start, end, value } : { field: f.field, name: f.name, start, end, value };
    };
    const charNumber = charNumbers(f.text);
    const at = (start: number): string => `第 ${charNumber(start)} 字处`;

    if (matcher) {
      for (const h of matcher.scan(f.text)) {
        const term = f.text.slice(h.start, h.end);
        const { action, category } = h.entry;
        const replacement = h.entry.replacement ?? undefined;
        const message =
          action === 'suggest' && replacement
            ? `"${term}" 建议改为 "${replacement}"`
            : action === 'block'
              ? `${at(h.start)}含敏感词 "${term}"（${category}）`
              : `${at(h.start)}用语不规范 "${term}"${replacement ? `，建议改为 "${replacement}"` : ''}`;
        own.push({
          check: 'wording',
          severity: action,
          ...base(h.start, h.end),
          excerpt: cut(h.start, h.end),
          message,
          kind: category,
          ...(replacement ? { replacement } : {}),
        });
      }
    }
    for (const [i, h] of personal.entries()) {
      const masked = masks[i]!.text;
      own.push({
        check: 'personal_data',
        severity: 'block',
        ...base(h.start, h.end),
        excerpt: cut(h.start, h.end),
        message: `${at(h.start)}疑似${PERSONAL_DATA_LABELS[h.kind]}（${masked}）`,
        kind: h.kind,
      });
    }
    for (const h of findSecrecyMarkers(f.text)) {
      own.push({
        check: 'secrecy',
        severity: 'block',
        ...base(h.start, h.end),
        excerpt: cut(h.start, h.end),
        message: `${at(h.start)}有${SECRECY_LABELS[h.kind]} "${h.value}"，${SECRECY_CONSEQUENCE[h.kind]}`,
        kind: h.kind,
      });
    }
    own.sort((a, b) => a.start - b.start || a.end - b.end);
    for (const x of own) out.push(x);
  }
  return out;
}

/**
 * offset → 1-based position in characters as a person counts them (a surrogate pair is one).
 * Text without surrogates (nearly all) needs no table; otherwise one prefix table per field.
 */
function charNumbers(text: string): (offset: number) => number {
  if (!/[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(text)) return (offset) => offset + 1;
  const table = new Int32Array(text.length + 1);
  let n = 1;
  for (let i = 0; i < text.length; i++) {
    table[i] = n;
    const c = text.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1));
    if (!pair) n++;
  }
  table[text.length] = n;
  return (offset) => table[offset]!;
}

/**
 * `radius` code units either side (widened so it never cuts half a surrogate pair or a piece of
 * personal data), personal data replaced by their masked form, whitespace runs as one space.
 * `masks` are sorted and disjoint (findPersonalData's hits), so a binary search finds the first
 * one in the window.
 */
function excerpt(text: string, start: number, end: number, radius: number, masks: readonly Mask[]): string {
  let from = Math.max(0, start - radius);
  let to = Math.min(text.length, end + radius);
  let k = firstEndingAfter(masks, from);
  if (k < masks.length && masks[k]!.start < from) from = masks[k]!.start;
  for (let j = k; j < masks.length && masks[j]!.start < to; j++) if (masks[j]!.end > to) to = masks[j]!.end;
  if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from--;
  if (to < text.length && isLowSurrogate(text.charCodeAt(to))) to++;
  let s = from > 0 ? '…' : '';
  let i = from;
  for (; k < masks.length && masks[k]!.start < to; k++) {
    const m = masks[k]!;
    s += text.slice(i, m.start) + m.text;
    i = m.end;
  }
  s += text.slice(i, to) + (to < text.length ? '…' : '');
  return s.replace(/\s+/g, ' ');
}

/** Index of the first mask whose end is after `offset` (masks.length when none). */
function firstEndingAfter(masks: readonly Mask[], offset: number): number {
  let lo = 0;
  let hi = masks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (masks[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface Mask {
  start: number;
  end: number;
  text: string;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
