import { ExtractError, extractFile, type ExtractLimits, type ExtractTask } from '../../platform/files/extract.js';
import type { Upload } from '../../platform/files/uploads.js';
import { RuleError } from '../../platform/http/errors.js';

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

/** An attachment with the text read from it for the automatic checks, before the command runs. */
export interface ReadAttachment {
  upload: Upload;
  text: string;
}

/** Why a file was not read, in Chinese, for the form. */
function refusal(u: Upload, err: ExtractError): string {
  if (err.reason === 'timeout') return `文件“${u.fileName}”读取超时（${err.detail}），无法读取，请检查后重新上传`;
  return `文件“${u.fileName}”内容过大或结构异常（${err.detail}），无法读取，请检查后重新上传`;
}

/**
 * A Word document becomes the body: mammoth keeps headings, paragraphs, lists and tables. Read on
 * a worker thread under `limits`; a file that cannot be read is refused (RuleError on bodyDocx).
 */
export async function docxToHtml(u: Upload, limits: ExtractLimits): Promise<string> {
  try {
    return await extractFile(u.tempPath, 'docx-html', limits);
  } catch (err) {
    if (!(err instanceof ExtractError)) throw err;
    if (err.reason === 'unreadable') throw new RuleError(`文件“${u.fileName}”无法作为 Word 文档读取，请用 Word 打开后另存为 .docx 再上传`, 'bodyDocx');
    throw new RuleError(refusal(u, err), 'bodyDocx');
  }
}

/** What is read of each attachment type: Word and PDF for their text; Excel only to check its archive. */
const TEXT_TASKS: Record<string, ExtractTask> = { docx: 'docx-text', pdf: 'pdf-text', xlsx: 'zip-check' };

/**
 * The text of an upload, for the automatic checks: Word files through mammoth, PDF through unpdf
 * (PDF.js); images and spreadsheets have none we read. A file that cannot be parsed (damaged,
 * encrypted) yields no text rather than failing the save (the reviewer still sees the file); one
 * that is too large inside, or too slow to read, is refused (RuleError on attachments).
 */
export async function attachmentText(u: Upload, limits: ExtractLimits): Promise<string> {
  const task = TEXT_TASKS[u.detected?.ext ?? ''];
  if (!task) return '';
  try {
    return await extractFile(u.tempPath, task, limits);
  } catch (err) {
    if (!(err instanceof ExtractError)) throw err;
    if (err.reason === 'unreadable') return '';
    throw new RuleError(refusal(u, err), 'attachments');
  }
}

/** Reads every attachment of a form, one after another; refuses with every file's problem at once. */
export async function readAttachments(files: Upload[], limits: ExtractLimits): Promise<ReadAttachment[]> {
  const read: ReadAttachment[] = [];
  const problems: string[] = [];
  for (const upload of files) {
    try {
      read.push({ upload, text: await attachmentText(upload, limits) });
    } catch (err) {
      if (!(err instanceof RuleError)) throw err;
      problems.push(err.message);
    }
  }
  if (problems.length) throw new RuleError(problems.join('；'), 'attachments');
  return read;
}

export { storageKeyFor } from '../../platform/files/attachment-rows.js';
