/**
 * Errors a route or command may throw. Each carries a status and a message in Chinese that is
 * safe to show to the person who caused it; anything else becomes a 500 with a reference number.
 */
export class HttpError extends Error {
  constructor(
    public readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

export class NotFoundError extends HttpError {
  constructor(message = '您访问的页面不存在或已被移除。') {
    super(404, message);
  }
}

/** Something that was public and has been taken down on purpose (撤稿 that removes the page). */
export class GoneError extends HttpError {
  constructor(message = '该信息已撤下，不再公开。') {
    super(410, message);
  }
}

export class ForbiddenError extends HttpError {
  constructor(message = '您没有权限进行此操作。') {
    super(403, message);
  }
}

export class BadRequestError extends HttpError {
  constructor(message: string) {
    super(400, message);
  }
}

/**
 * A business rule refused the input (a duplicate number, a date out of order…). `field` names
 * the form field to attach the message to, so the form can be shown again with it.
 */
export class RuleError extends HttpError {
  constructor(
    message: string,
    public readonly field: string | null = null,
  ) {
    super(422, message);
  }
}

export type FieldErrors = Record<string, string>;

/**
 * The JSON API's one error shape (`/api/v1/*`): a stable English `code` for programs, a Chinese
 * `message` for people. The code follows the status unless the error names its own.
 */
const API_ERROR_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  410: 'gone',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'rate_limited',
  500: 'internal_error',
};

export function apiErrorBody(status: number, message: string): { code: string; message: string } {
  return { code: API_ERROR_CODES[status] ?? (status >= 500 ? 'internal_error' : 'bad_request'), message };
}
