import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readReceiptCookie, setReceiptCookie } from '../../platform/http/receipt-cookie.js';
import { toChinaDate } from '../../platform/clock/clock.js';
import { NotFoundError, type FieldErrors } from '../../platform/http/errors.js';
import { parseInput, ruleErrorsOf } from '../../platform/http/forms.js';
import { sendHtml } from '../../platform/html/render.js';
import { applicationsFromIp, CAPTCHA_AFTER, CAPTCHA_MESSAGES, checkChallenge, newChallenge, recordApplicationFromIp, spendChallenge } from './captcha.js';
import { currentAccount } from '../accounts/index.js';
import { createRequest } from './commands/create-request.js';
import { checkRequestAttachments } from './commands/request-attachments.js';
import { applicantContext, textValues, uploadsOf } from './public-input.js';
import { findRequestByTrackingNo, listOrganizationOptions, suggestDocuments, type DocumentSuggestion } from './queries.public.js';
import { trackingRoutes } from './routes.tracking.js';
import { applicationSchema } from './schemas.js';
import { ApplyPage, type CaptchaState } from './views/public-apply.js';
import type { FormValues } from './views/public-form-parts.js';
import { ReceiptPage } from './views/public-receipt.js';

/**
 * The applicant's side of disclosure requests: the online application (条例 第二十九条) with its
 * receipt; following (routes.tracking.ts) the case with the tracking number and access code.
 * Nothing here needs script; every page is rendered on the server.
 */
export const RECEIPT_COOKIE = 'gk_receipt';
/** Every POST counts, mistakes and look-ups too; several people may share one address (an office, a service hall). */
const APPLY_RATE = { max: 20, timeWindow: 60 * 60 * 1000 };
/** The order of the form, for the error summary. */
const FIELD_ORDER = ['orgId', 'applicantKind', 'name', 'idType', 'idNumber', 'legalRep', 'contactName', 'phone', 'email', 'address', 'postcode', 'subject', 'docNumber', 'description', 'provideForm', 'deliveryMethod', 'attachments', 'captchaAnswer'];
const PRINT_JS = `document.querySelectorAll('[data-print]').forEach(function (b) { b.hidden = false; b.addEventListener('click', function () { window.print(); }); });
document.querySelectorAll('.print-hint').forEach(function (p) { p.hidden = true; });
`;

/** Field errors in the order of the form, and “请选择” rather than “取值无效” for a choice not made. */
function inFormOrder(errors: FieldErrors, values: FormValues): FieldErrors {
  const rank = (k: string) => (k === '_form' ? -1 : FIELD_ORDER.indexOf(k) === -1 ? FIELD_ORDER.length : FIELD_ORDER.indexOf(k));
  const unchosen: Record<string, string> = { provideForm: '请选择获取信息的形式', deliveryMethod: '请选择获取信息的方式' };
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b)).map(([k, m]) => [k, unchosen[k] && !values[k] ? unchosen[k] : m]));
}

export async function publicRequestRoutes(app: FastifyInstance) {
  const { db, clock, config, cookieSecret } = app.deps;
  const maxUploadMb = Math.round(config.maxUploadBytes / 1024 / 1024);

  interface ApplyView {
    values: FormValues;
    errors?: FieldErrors;
    suggestions?: DocumentSuggestion[] | null;
    filesDropped?: boolean;
    /** A right answer carried while other fields are fixed. */
    passed?: { token: string; answer: string } | null;
  }

  async function renderApply(req: FastifyRequest, reply: FastifyReply, v: ApplyView, code = 200) {
    let captcha: CaptchaState = null;
    if (v.passed) captcha = { kind: 'passed', ...v.passed };
    else if ((await applicationsFromIp(db, req.ip, clock.now())) >= CAPTCHA_AFTER) captcha = { kind: 'ask', challenge: newChallenge(cookieSecret, clock.now()) };
    const orgs = await listOrganizationOptions(db);
    reply.header('cache-control', 'no-store');
    const page = ApplyPage({
      ctx: req.pageCtx, csrfToken: reply.generateCsrf(), orgs, values: v.values, errors: v.errors && inFormOrder(v.errors, v.values),
      suggestions: v.suggestions ?? null, captcha, filesDropped: v.filesDropped ?? false, maxUploadMb,
    });
    return sendHtml(reply, page, code);
  }

  app.get('/apply/print.js', (_req, reply) => {
    reply.header('cache-control', 'public, max-age=86400').type('text/javascript; charset=utf-8').send(PRINT_JS);
  });

  app.get<{ Querystring: { org?: string; q?: string } }>('/apply', async (req, reply) => {
    const values: FormValues = {};
    const slug = typeof req.query.org === 'string' ? req.query.org : '';
    if (slug) {
      const org = (await listOrganizationOptions(db)).find((o) => o.slug === slug);
      if (org) values.orgId = String(org.id);
    }
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 200) : '';
    if (q) values.subject = q;
    return renderApply(req, reply, { values, suggestions: q ? await suggestDocuments(db, q, '') : null });
  });

  app.post('/apply', { config: { rateLimit: APPLY_RATE } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = textValues(body, ['captchaToken', 'captchaAnswer', 'action']);
    const uploads = uploadsOf(body);
    const filesDropped = uploads.length > 0;

    if (body.action === 'suggest') {
      if (!values.subject?.trim() && !values.docNumber?.trim()) {
        return renderApply(req, reply, { values, errors: { subject: '请先填写所需信息的名称或文号，再查一查' }, filesDropped }, 400);
      }
      const suggestions = await suggestDocuments(db, values.subject ?? '', values.docNumber ?? '');
      return renderApply(req, reply, { values, suggestions, filesDropped });
    }

    const parsed = parseInput(applicationSchema(clock.today()), body);
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    let status = parsed.ok ? 422 : 400;
    const fileProblem = checkRequestAttachments(uploads, config.maxUploadBytes);
    if (fileProblem) errors.attachments = fileProblem;

    // The captcha, only when this address has already filed CAPTCHA_AFTER applications this hour.
    let passed: ApplyView['passed'] = null;
    let nonce: string | null = null;
    if ((await applicationsFromIp(db, req.ip, clock.now())) >= CAPTCHA_AFTER) {
      const token = typeof body.captchaToken === 'string' ? body.captchaToken : '';
      const answer = typeof body.captchaAnswer === 'string' ? body.captchaAnswer : '';
      const c = checkChallenge(cookieSecret, token, answer, clock.now());
      if (c.result === 'ok') {
        passed = { token, answer };
        nonce = c.nonce;
      } else {
        errors.captchaAnswer = CAPTCHA_MESSAGES[c.result];
        status = 400;
      }
    }
    if (Object.keys(errors).length || !parsed.ok) return renderApply(req, reply, { values, errors, filesDropped, passed }, status);
    if (nonce && !(await spendChallenge(db, nonce, clock.now()))) {
      return renderApply(req, reply, { values, errors: { captchaAnswer: CAPTCHA_MESSAGES.expired }, filesDropped }, 400);
    }

    let created;
    try {
      // Filed while signed in: the personal center lists it, and its owner opens it without the code.
      const account = await currentAccount(app, req);
      created = await createRequest(applicantContext(app, req), parsed.data, { channel: 'online', attachments: uploads, accountId: account?.id ?? null });
    } catch (err) {
      return renderApply(req, reply, { values, errors: ruleErrorsOf(err), filesDropped }, 422);
    }
    await recordApplicationFromIp(db, req.ip, clock.now());
    // Post/Redirect/Get: the receipt reads the new numbers from a short-lived, sealed and signed cookie.
    setReceiptCookie(app, reply, RECEIPT_COOKIE, '/apply/receipt', created);
    return reply.redirect('/apply/receipt', 303);
  });

  app.get('/apply/receipt', async (req, reply) => {
    const shown = readReceiptCookie(app, req.cookies[RECEIPT_COOKIE]);
    const r = shown ? await findRequestByTrackingNo(db, shown.trackingNo) : null;
    if (!shown || !r) {
      throw new NotFoundError('回执只在提交申请后的 30 分钟内显示。如果您已记下申请编号和查询码，请到“申请查询”（/requests/track）查看办理进度。');
    }
    reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex');
    return sendHtml(
      reply,
      ReceiptPage({
        ctx: req.pageCtx, csrfToken: reply.generateCsrf(), trackingNo: shown.trackingNo, accessCode: shown.accessCode,
        orgName: r.orgName, submittedOn: toChinaDate(r.row.submitted_at), subject: r.row.subject,
      }),
    );
  });

  trackingRoutes(app);
}

