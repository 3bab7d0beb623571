import { chineseDate } from './phrases.js';

/** A letter as it is laid out, the same for the Word file and the web page. */
export interface LetterText {
  title: string;
  letterNo: string;
  salutation: string;
  body: string;
  /** Empty: the organ's name. */
  closing: string;
  orgName: string;
  /** 'YYYY-MM-DD'; shown in Chinese form. */
  date: string;
  /** What the letter provides (a reply's files and linked documents), listed after the body. */
  attachments?: string[];
}

/**
 * The 附件说明 after GB/T 9704-2012 §7.3.3: “附件：” and the name, or numbered “1．” names when
 * there are several, below the body and above the signature.
 */
export function attachmentLines(names: readonly string[] = []): string[] {
  if (names.length === 0) return [];
  if (names.length === 1) return [`附件：${names[0]}`];
  return names.map((n, i) => `${i === 0 ? '附件：' : ''}${i + 1}．${n}`);
}

/**
 * Splits an edited body into paragraphs, the same way for DOCX and HTML. Paragraphs are separated
 * by blank lines; a single line break (as typed into a textarea, CRLF included) also starts a new
 * paragraph, since an official letter has no line breaks inside a paragraph. Leading spaces and
 * full-width spaces typed as indentation are dropped: the renderers indent.
 */
export function letterParagraphs(body: string): string[] {
  return body.split(/\r\n|\r|\n/).map((p) => p.trim()).filter((p) => p !== '');
}

/** The salutation on one line, ending with a full-width colon. */
export function salutationLine(salutation: string): string {
  const s = salutation.trim().replace(/[:：]+$/u, '');
  return s ? `${s}：` : '';
}

const DATE_LINE = /^(\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{1,2}-\d{1,2})$/u;

/**
 * The signature block, right-aligned: the closing's lines (the organ's name when the closing is
 * empty), then the letter's date in Chinese form. `date` is authoritative: a date line already in
 * the closing (as `composeLetter` writes it) is replaced by it, so a letter sent on a later day
 * than it was drafted carries the day it was sent.
 */
export function closingLines(closing: string, orgName: string, date: string): string[] {
  const given = letterParagraphs(closing);
  const head = given.length ? given : [orgName.trim()].filter((l) => l !== '');
  const day = chineseDate(date);
  return day ? [...head.filter((l) => !DATE_LINE.test(l)), day] : head;
}
