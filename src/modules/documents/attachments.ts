import { readFile } from 'node:fs/promises';
import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import type { Upload } from '../../platform/files/uploads.js';

/** Attachment types a document may carry: checked against the file's bytes, not its name. */
const ALLOWED: Record<string, string> = {
  pdf: 'PDF',
  docx: 'Word（.docx）',
  xlsx: 'Excel（.xlsx）',
  png: 'PNG 图片',
  jpg: 'JPG 图片',
  gif: 'GIF 图片',
  webp: 'WebP 图片',
};
const ALIASES: Record<string, string> = { jpeg: 'jpg' };

function extensionOf(name: string): string {
  const m = /\.([a-z0-9]{1,8})$/i.exec(name);
  const ext = m ? m[1]!.toLowerCase() : '';
  return ALIASES[ext] ?? ext;
}

/** Why an upload is refused, in Chinese, or null when it is acceptable. */
export function checkAttachment(u: Upload, maxBytes: number, only?: string[]): string | null {
  const accepted = only ?? Object.keys(ALLOWED);
  const acceptedText = accepted.map((e) => ALLOWED[e]).join('、');
  if (u.tooLarge) return `文件“${u.fileName}”超过 ${Math.round(maxBytes / 1024 / 1024)} MB 的上限，请压缩或拆分后再上传`;
  if (u.size === 0) return `文件“${u.fileName}”是空文件`;
  const ext = extensionOf(u.fileName);
  if (!accepted.includes(ext)) return `不支持“${u.fileName}”这种文件类型，只接受 ${acceptedText}`;
  const actual = u.detected ? (ALIASES[u.detected.ext] ?? u.detected.ext) : null;
  if (actual === 'cfb') return `文件“${u.fileName}”是旧版 Office 格式，请另存为 .docx 或 .xlsx 后上传`;
  if (actual !== ext) {
    return `文件“${u.fileName}”的扩展名与实际内容不符（实际内容${actual ? `为 ${actual.toUpperCase()}` : '无法识别'}），请检查后重新上传`;
  }
  return null;
}

/** A Word document becomes the body: mammoth keeps headings, paragraphs, lists and tables. */
export async function docxToHtml(path: string): Promise<string> {
  const result = await mammoth.convertToHtml({ path });
  return result.value;
}

const MAX_TEXT = 1_000_000;

/**
 * The text of an upload, for the automatic checks: Word files through mammoth, PDF through unpdf
 * (PDF.js); images and spreadsheets have none we read. A file that cannot be read yields no text
 * rather than failing the save (the reviewer still sees the file).
 */
export async function attachmentText(u: Upload): Promise<string> {
  try {
    if (u.detected?.ext === 'docx') return (await mammoth.extractRawText({ path: u.tempPath })).value.slice(0, MAX_TEXT);
    if (u.detected?.ext === 'pdf') {
      const pdf = await getDocumentProxy(new Uint8Array(await readFile(u.tempPath)));
      return (await extractText(pdf, { mergePages: true })).text.slice(0, MAX_TEXT);
    }
  } catch {
    // An unreadable or encrypted file: no text.
  }
  return '';
}

export function storageKeyFor(sha256: string): string {
  return `attachments/${sha256.slice(0, 2)}/${sha256}`;
}
