import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError, type FieldErrors } from '../../platform/http/errors.js';
import { fields, parseInput, ruleErrorsOf } from '../../platform/http/forms.js';
import { sendHtml } from '../../platform/html/render.js';
import { toChinaDate } from '../../platform/clock/clock.js';
import { normalizeTrackingInput, rememberedCases } from '../../platform/tracked-cases/registry.js';
import { currentAccount } from '../accounts/index.js';
import { applyRequestAction } from './commands/request-action.js';
import { checkRequestAttachments } from './commands/request-attachments.js';
import { OPEN_STATUSES } from './domain/workflow.js';
import { showLetter } from './letters.js';
import { sendLetterDocx } from './letter-download.js';
import { applicantContext, textValues, uploadsOf } from './public-input.js';
import { findRequestByTrackingNo, findSentReplyFile, listApplicantEvents, listApplicantLetters, listSentReplyMaterials, type PublicRequest } from './queries.public.js';
import { recordReplyDownload } from './commands/reply-materials.js';
import { sendCaseFile } from './file-download.js';
import { applicantFields, type ApplicantData } from './schemas.js';
import type { FormValues } from './views/public-form-parts.js';
import { LetterPage } from './views/public-letter.js';
import { StatusPage, type StatusPageProps } from './views/public-status.js';
import { TrackPage } from './views/public-track.js';
import { rememberRequest, requestByAccess, TRACK_COOKIE, TRACKING_NO } from './tracked-case.js';

/** Following a request: the tracking number and access code open its page in this browser. */

const TRACK_RATE = { max: 20, timeWindow: 10 * 60 * 1000 };
const normalized = normalizeTrackingInput;
const WRONG_PAIR = '申请编号或查询码不正确，请核对回执后重新输入。';
const FLASH: Record<string, string> = {
  correction: '补正已提交。答复期限自受理机关收到补正之日起重新计算。',
  withdrawn: '申请已撤回，受理机关将不再处理。',
};

const trackSchema = z.object({
  trackingNo: z.string({ error: '请填写申请编号' }).transform(normalized).pipe(z.string().min(1, '请填写申请编号').max(80, '申请编号不正确')),
  accessCode: z.string({ error: '请填写查询码' }).transform(normalized).pipe(z.string().min(1, '请填写查询码').max(20, '查询码不正确')),
});
const correctionInput = z.object({ description: fields.text('补正后的内容描述', 4000) });
const withdrawInput = z.object({
  reason: fields.text('撤回理由', 500),
  confirm: z.literal('yes', { error: '请勾选“我确认撤回本申请”' }),
});

export function trackingRoutes(app: FastifyInstance) {
  const { db, config } = app.deps;
  const maxUploadMb = Math.round(config.maxUploadBytes / 1024 / 1024);


  function renderTrack(req: FastifyRequest, reply: FastifyReply, v: { values: FormValues; errors?: FieldErrors; notice?: string | null }, code = 200) {
    reply.header('cache-control', 'no-store');
    return sendHtml(reply, TrackPage({ ctx: req.pageCtx, csrfToken: reply.generateCsrf(), ...v }), code);
  }

  /**
   * The request behind a status URL when this browser may see it: opened here with its access code,
   * or filed by the signed-in account. Otherwise null (the caller redirects to the form); another
   * signed-in account is refused (403).
   */
  async function trackedRequest(req: FastifyRequest<{ Params: { trackingNo: string } }>) {
    const no = normalized(req.params.trackingNo);
    if (!TRACKING_NO.test(no)) return { no, r: null };
    const byCode = rememberedCases(req, TRACK_COOKIE, TRACKING_NO).includes(no);
    const account = byCode ? null : await currentAccount(app, req);
    if (!byCode && !account) return { no, r: null };
    const r = await findRequestByTrackingNo(db, no);
    // Another person's case answers as an unknown one does: the answer tells nothing about which numbers exist.
    if (r && account && r.row.account_id !== account.id) return { no, r: null };
    return { no, r };
  }
  const toTrackForm = (reply: FastifyReply, no: string) =>
    reply.redirect(`/requests/track${TRACKING_NO.test(no) ? `?no=${encodeURIComponent(no)}` : ''}`, 303);

  async function renderStatus(req: FastifyRequest, reply: FastifyReply, r: PublicRequest, extra: Pick<StatusPageProps, 'flash' | 'form'>, code = 200) {
    const [events, letters, materials] = await Promise.all([listApplicantEvents(db, r.row.id), listApplicantLetters(db, r.row.id), listSentReplyMaterials(db, r.row.id)]);
    const notice = r.row.status === 'awaiting_correction' ? letters.filter((l) => l.kind === 'correction').at(-1) : undefined;
    const correction = notice ? await showLetter(db, r.row, notice.id, app.sealer) : null;
    const row = r.row;
    reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex');
    const page = StatusPage({
      ctx: req.pageCtx, csrfToken: reply.generateCsrf(), trackingNo: row.tracking_no, orgName: r.orgName, orgPhone: r.orgPhone,
      subject: row.subject, docNumber: row.doc_number, description: row.description, submittedOn: toChinaDate(row.submitted_at),
      receivedOn: row.received_on, status: row.status, closedOn: row.closed_on, clock: r.clock, events, letters,
      applicant: applicantFields(app.sealer.unseal<ApplicantData>(row.applicant_sealed), false), correction,
      canWithdraw: OPEN_STATUSES.includes(row.status), maxUploadMb, materials, ...extra,
    });
    return sendHtml(reply, page, code);
  }

  app.get<{ Querystring: { no?: string } }>('/requests/track', (req, reply) => {
    const no = typeof req.query.no === 'string' ? normalized(req.query.no).slice(0, 80) : '';
    return renderTrack(req, reply, { values: { trackingNo: no }, notice: no ? '请输入查询码，查看这份申请。' : null });
  });

  app.post('/requests/track', { config: { rateLimit: TRACK_RATE } }, async (req, reply) => {
    const values = textValues(req.body, ['accessCode']);
    const parsed = parseInput(trackSchema, req.body);
    if (!parsed.ok) return renderTrack(req, reply, { values, errors: parsed.errors }, 400);
    const { trackingNo, accessCode } = parsed.data;
    // Compared in constant time, and against a stand-in when there is no such request: no hint which was wrong.
    if (!(await requestByAccess(app, trackingNo, accessCode))) return renderTrack(req, reply, { values, errors: { _form: WRONG_PAIR } }, 404);
    rememberRequest(app, req, reply, trackingNo);
    return reply.redirect(`/requests/${encodeURIComponent(trackingNo)}`, 303);
  });

  app.get<{ Params: { trackingNo: string }; Querystring: { done?: string } }>('/requests/:trackingNo', async (req, reply) => {
    const { no, r } = await trackedRequest(req);
    if (!r) return toTrackForm(reply, no);
    const done = req.query.done ?? '';
    return renderStatus(req, reply, r, { flash: Object.hasOwn(FLASH, done) ? FLASH[done] : null });
  });

  // Answering the correction notice online (条例 第三十条): the reply period starts again.
  app.post<{ Params: { trackingNo: string } }>('/requests/:trackingNo/correction', { config: { rateLimit: TRACK_RATE } }, async (req, reply) => {
    const { no, r } = await trackedRequest(req);
    if (!r) return toTrackForm(reply, no);
    const values = textValues(req.body);
    const uploads = uploadsOf(req.body);
    const parsed = parseInput(correctionInput, req.body);
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    const fileProblem = checkRequestAttachments(uploads, config.maxUploadBytes);
    if (fileProblem) errors.attachments = fileProblem;
    if (!parsed.ok || fileProblem) return renderStatus(req, reply, r, { form: { which: 'correction', values, errors } }, parsed.ok ? 422 : 400);
    try {
      await applyRequestAction(applicantContext(app, req), r.row.id, ['applicant'], { action: 'receive_correction', description: parsed.data.description, attachments: uploads });
    } catch (err) {
      const fresh = (await findRequestByTrackingNo(db, no)) ?? r;
      return renderStatus(req, reply, fresh, { form: { which: 'correction', values, errors: ruleErrorsOf(err) } }, 422);
    }
    return reply.redirect(`/requests/${encodeURIComponent(no)}?done=correction`, 303);
  });

  app.post<{ Params: { trackingNo: string } }>('/requests/:trackingNo/withdraw', { config: { rateLimit: TRACK_RATE } }, async (req, reply) => {
    const { no, r } = await trackedRequest(req);
    if (!r) return toTrackForm(reply, no);
    const values = textValues(req.body);
    const parsed = parseInput(withdrawInput, req.body);
    if (!parsed.ok) return renderStatus(req, reply, r, { form: { which: 'withdraw', values, errors: parsed.errors } }, 400);
    try {
      await applyRequestAction(applicantContext(app, req), r.row.id, ['applicant'], { action: 'withdraw', reason: parsed.data.reason });
    } catch (err) {
      const fresh = (await findRequestByTrackingNo(db, no)) ?? r;
      return renderStatus(req, reply, fresh, { form: { which: 'withdraw', values, errors: ruleErrorsOf(err) } }, 422);
    }
    return reply.redirect(`/requests/${encodeURIComponent(no)}?done=withdrawn`, 303);
  });

  // A file provided with the reply: only to this browser after the access code, only once the reply
  // is sent, and every download is logged (with its audit event) before the bytes go out.
  app.get<{ Params: { trackingNo: string; aid: string } }>('/requests/:trackingNo/files/:aid', async (req, reply) => {
    const { r } = /^\d{1,12}$/.test(req.params.aid) ? await trackedRequest(req) : { r: null };
    const file = r ? await findSentReplyFile(db, r.row.id, Number(req.params.aid)) : null;
    if (!r || !file) throw new NotFoundError('文件不存在，或答复尚未发出');
    await recordReplyDownload({ db, clock: app.deps.clock, actor: applicantContext(app, req).actor }, r.row.id, file.id, r.row.org_id);
    reply.header('x-robots-tag', 'noindex');
    return sendCaseFile(reply, app.deps.storage, file);
  });

  // A letter sent to the applicant, as a page (`:file` = id) or as Word (`:file` = id.docx).
  app.get<{ Params: { trackingNo: string; file: string } }>('/requests/:trackingNo/letters/:file', async (req, reply) => {
    const m = /^(\d{1,12})(\.docx)?$/.exec(req.params.file);
    if (!m) throw new NotFoundError('文书不存在');
    const { no, r } = await trackedRequest(req);
    if (!r) return toTrackForm(reply, no);
    const id = Number(m[1]);
    const sent = (await listApplicantLetters(db, r.row.id)).some((l) => l.id === id);
    const letter = sent ? await showLetter(db, r.row, id, app.sealer) : null;
    if (!letter) throw new NotFoundError('文书不存在，或尚未发出');
    reply.header('x-robots-tag', 'noindex');
    if (m[2]) return sendLetterDocx(reply, letter);
    reply.header('cache-control', 'private, no-store');
    return sendHtml(reply, LetterPage({ ctx: req.pageCtx, trackingNo: no, letter }));
  });
}
