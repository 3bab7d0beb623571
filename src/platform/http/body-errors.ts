import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { HttpError } from './errors.js';

/**
 * Bodies nobody can read — a multipart body without its boundary or cut short, a form with broken
 * percent-encoding, bad JSON, a request line the HTTP parser refuses — are the sender's fault: a
 * 4xx with a message in Chinese, never a 500 with a stack trace and never an English fallback.
 */

const MALFORMED = '提交的表单格式有误（缺少分隔符、编码错误或内容不完整），请返回上一页重新提交。';
const GONE = '提交已中断，内容未保存，请重新提交。';

/**
 * Errors of the multipart parser (busboy) carry no status and are told by their messages: no or an
 * unusable boundary, a body cut short, a part cut short.
 */
const MALFORMED_MULTIPART = /^(Multipart: Boundary not found|Boundary required|The needle cannot|Malformed part header|Unexpected end of (form|multipart data)|Malformed urlencoded form|Unsupported Content-Type|Part terminated early|.* terminated early due to unexpected end)/;

/** The status and message for an error that comes from reading the request's body, or null. */
export function bodyErrorOf(err: unknown): { status: number; message: string; clientGone?: boolean } | null {
  const e = err as { statusCode?: number; code?: string; message?: string };
  // The client went away mid-body (nobody reads the answer; nothing to log as a server fault).
  if (e.code === 'ECONNRESET' || e.code === 'FST_MP_PREMATURE_CLOSE' || e.code === 'UPLOAD_ABANDONED' || (e.message === 'aborted' && e.statusCode === undefined)) {
    return { status: 400, message: GONE, clientGone: true };
  }
  if (e.statusCode === undefined && MALFORMED_MULTIPART.test(e.message ?? '')) return { status: 400, message: MALFORMED };
  switch (e.code) {
    case 'FST_FILES_LIMIT':
      return { status: 413, message: '一次提交的文件过多，请减少文件数量后再试。' };
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return { status: 413, message: '提交的表单项过多，请返回上一页重新提交。' };
    case 'FST_PROTO_VIOLATION':
    case 'FST_INVALID_JSON_FIELD_ERROR':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, message: MALFORMED };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, message: '提交的 JSON 为空或格式有误，请检查后重试。' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
      return { status: 413, message: '提交的内容过大，请压缩或拆分后再试。' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return { status: 415, message: '不支持的提交格式。' };
  }
  return null;
}

/**
 * application/x-www-form-urlencoded, strictly: a broken percent-escape (`%E4%B8`, `%ZZ`) or bytes
 * that are not UTF-8 are refused rather than kept as literal text or replacement characters (no
 * browser sends them). @fastify/formbody hands the body over already decoded as UTF-8, so bytes
 * that were not UTF-8 show as U+FFFD, which a browser would have percent-encoded.
 */
export function parseFormStrictly(body: string): Record<string, unknown> {
  if (body.includes('\uFFFD')) throw formEncodingError();
  try {
    decodeURIComponent(body.replace(/\+/g, ' '));
  } catch {
    throw formEncodingError();
  }
  // Like fast-querystring (formbody's default): a repeated name gives an array, no prototype.
  const out: Record<string, string | string[]> = Object.create(null);
  for (const [k, v] of new URLSearchParams(body)) {
    const prev = out[k];
    if (prev === undefined) out[k] = v;
    else if (Array.isArray(prev)) prev.push(v);
    else out[k] = [prev, v];
  }
  return out;
}

function formEncodingError() {
  return new HttpError(400, '提交的表单编码有误（含不完整或非 UTF-8 的字符），请返回上一页重新提交。');
}

/**
 * What the HTTP parser itself refuses (a bad request line or header, a Content-Length that is not
 * a number, a body cut short), answered before Fastify sees a request: in Chinese, plain text.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, '请求超时，请重新提交。']
      : err.code === 'HPE_HEADER_OVERFLOW' ? [431, '请求头过大，请清除本站 Cookie 后重试。']
        : [400, '请求格式有误，无法解析。'];
  const body = Buffer.from(`${message}\n`);
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`);
    socket.write(body);
  }
  socket.destroy(err);
}
