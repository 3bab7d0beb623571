import { htmlToText, sanitizeRichText } from './sanitize.js';

/**
 * Redaction (删减后公开, 《政府信息公开条例》第37条: where information that may not be disclosed can be
 * separated, the rest is disclosed). A drafter marks a span of the body as
 * `<span data-redact="15">…</span>`, naming the article of the exemption (第14–16条). The public
 * sees a marker with the reason in its place; the full text stays internal. Any kind's rich text
 * (document bodies, interpretations, Q&A answers) may carry such spans, so every public rendering
 * of rich text goes through `publicRichText`, and every public text (search, snippets, clauses)
 * through `publicText`.
 */
export const REDACTION_REASONS = {
  '14': '《政府信息公开条例》第十四条（国家秘密，法律、行政法规禁止公开，公开后可能危及国家安全、公共安全、经济安全、社会稳定）',
  '15': '《政府信息公开条例》第十五条（商业秘密、个人隐私等公开会对第三方合法权益造成损害）',
  '16': '《政府信息公开条例》第十六条（内部事务信息、过程性信息、行政执法案卷信息）',
} as const;
export type RedactionReason = keyof typeof REDACTION_REASONS;

function isRedactionReason(v: string): v is RedactionReason {
  return Object.hasOwn(REDACTION_REASONS, v);
}

const OPEN = /<span data-redact="(\d+)">/g;

export interface RedactionSpan {
  reason: RedactionReason;
  /** Offsets of the whole marked element in the HTML (opening tag to closing tag). */
  start: number;
  end: number;
  /** Offsets of its content. */
  innerStart: number;
  innerEnd: number;
}

/**
 * The marked spans of a sanitized body (well-formed: every <span> is closed, so counting nested
 * spans finds each marker's end).
 */
export function findRedactions(html: string): RedactionSpan[] {
  const spans: RedactionSpan[] = [];
  OPEN.lastIndex = 0;
  for (let m = OPEN.exec(html); m; m = OPEN.exec(html)) {
    const innerStart = m.index + m[0].length;
    const tags = /<span\b[^>]*>|<\/span>/g;
    tags.lastIndex = innerStart;
    let depth = 1;
    let innerEnd = html.length;
    let end = html.length;
    for (let t = tags.exec(html); t; t = tags.exec(html)) {
      depth += t[0] === '</span>' ? -1 : 1;
      if (depth === 0) {
        innerEnd = t.index;
        end = t.index + t[0].length;
        break;
      }
    }
    const reason = m[1]!;
    if (isRedactionReason(reason)) spans.push({ reason, start: m.index, end, innerStart, innerEnd });
    OPEN.lastIndex = end;
  }
  return spans;
}

/**
 * The body the public sees: each marked span replaced by a marker naming the legal reason. Every
 * public path (page, API, version comparison, search text) reads bodies through this.
 */
export function publicBodyHtml(html: string): string {
  const spans = findRedactions(html);
  if (spans.length === 0) return html;
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += html.slice(at, s.start) + `<span class="redacted">［此处内容已删减，依据${REDACTION_REASONS[s.reason]}］</span>`;
    at = s.end;
  }
  return out + html.slice(at);
}

/** Sentinels for locating redacted spans after the HTML becomes text: private-use code points no body contains. */
const REDACTION_START = '\uE000';
const REDACTION_END = '\uE001';

/** The body HTML with each marked span's content between sentinels (to find the spans in its text). */
function withRedactionSentinels(html: string): string {
  let out = '';
  let at = 0;
  for (const s of findRedactions(html)) {
    out += html.slice(at, s.innerStart) + REDACTION_START + html.slice(s.innerStart, s.innerEnd) + REDACTION_END;
    at = s.innerEnd;
  }
  return out + html.slice(at);
}

/** Removes the sentinels from a text, returning the text and the [start, end) spans they enclosed. */
function extractSentinelSpans(text: string): { text: string; spans: [number, number][] } {
  let out = '';
  const spans: [number, number][] = [];
  let open = -1;
  for (const ch of text) {
    if (ch === REDACTION_START) open = out.length;
    else if (ch === REDACTION_END) {
      if (open >= 0) spans.push([open, out.length]);
      open = -1;
    } else out += ch;
  }
  return { text: out, spans };
}

/** Rich text as the public may see it: sanitized, with every redacted span replaced by its marker. */
export function publicRichText(html: string): string {
  return publicBodyHtml(sanitizeRichText(html));
}

/** The plain text the public may see of rich text: for search vectors, snippets and clauses. */
export function publicText(html: string): string {
  return htmlToText(publicBodyHtml(html));
}

/**
 * The full text of rich text for the automatic checks, with the [start, end) offsets of its
 * redacted spans, so a finding inside one counts as dealt with.
 */
export function checkableText(html: string): { text: string; spans: [number, number][] } {
  return extractSentinelSpans(htmlToText(withRedactionSentinels(html)));
}
