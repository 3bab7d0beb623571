import { readReceiptCookie, setReceiptCookie } from '../../platform/http/receipt-cookie.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError, type FieldErrors } from '../../platform/http/errors.js';
import { parseInput, ruleErrorsOf } from '../../platform/http/forms.js';
import { sendHtml } from '../../platform/html/render.js';
import { currentAccount, noStore } from '../accounts/public.js';
import { normalizeTrackingInput, rememberedCases } from '../../platform/tracked-cases/registry.js';
import { textValues } from '../requests/public.js';
import { logAskedQuestion } from './commands/questions.js';
import { submitReferral } from './commands/submit-referral.js';
import { rateReferral } from './commands/rate-referral.js';
import { recordAnswerFeedback } from './commands/record-feedback.js';
import { referralHistory, referralPlaces } from './queries/referral-extras.js';
import { suggestReferralOrg } from './queries/routing.js';
import { checkedQuestion, questionProblem } from './question-input.js';
import { findReferralByTrackingNo } from './queries/pages.js';
import { answerQuestion } from './queries/answer.js';
import { retrieveAnswers, type AskResult } from './queries/retrieve.js';
import { AskPage, type AskPageProps } from './views/ask-page.js';
import type { ReferralFormData } from './views/referral-form.js';
import { ReferralReceiptPage, ReferralStatusPage, ReferralTrackPage } from './views/referral-pages.js';
import { referralByAccess, rememberReferral, TRACK_COOKIE, TRACKING_NO } from './tracked-case.js';

/** Asking is cheap but not free (two ranked full-text queries): a person asks far fewer than this. */
const ASK_RATE = { max: 60, timeWindow: 60 * 1000 };
/** Sending to a department makes work for staff: a few an hour from one address. */
const REFER_RATE = { max: 10, timeWindow: 60 * 60 * 1000 };
const TRACK_RATE = { max: 20, timeWindow: 10 * 60 * 1000 };
/** A vote on an answer or a rating of a case: a reader gives a few, not hundreds. */
const FEEDBACK_RATE = { max: 30, timeWindow: 10 * 60 * 1000 };
const RECEIPT_COOKIE = 'gk_ask_receipt';
const normalized = normalizeTrackingInput;
const WRONG_PAIR = '咨询编号或查询码不正确，请核对后重新输入。';

const referralSchema = z.object({
  question: z.string({ error: '请填写您要咨询的问题' }),
  orgId: z.coerce.number({ error: '请选择答复部门' }).int().positive('请选择答复部门'),
  placeOrgId: z.union([z.literal(''), z.coerce.number({ error: '所选地区不正确' }).int('所选地区不正确').positive('所选地区不正确')]).optional(),
  email: z.string().optional(),
  name: z.string().optional(),
});
const trackSchema = z.object({
  trackingNo: z.string({ error: '请填写咨询编号' }).transform(normalized).pipe(z.string().min(1, '请填写咨询编号').max(80, '咨询编号不正确')),
  accessCode: z.string({ error: '请填写查询码' }).transform(normalized).pipe(z.string().min(1, '请填写查询码').max(20, '查询码不正确')),
});

export async function publicAskRoutes(app: FastifyInstance) {
  const { db, clock } = app.deps;

  async function referralForm(req: FastifyRequest, result: AskResult | null, values: Record<string, string>, errors?: FieldErrors): Promise<ReferralFormData> {
    // Routing by duty (domain/routing.ts): the suggested department first, then the others that scored, then the rest in tree order.
    const place = placeOf(values.placeOrgId);
    const routing = await suggestReferralOrg(db, { question: values.question ?? '', result, placeOrgId: place });
    const scored = routing.ranked.map((r) => r.orgId);
    const first = [routing.suggested.orgId, ...scored.filter((id) => id !== routing.suggested.orgId)];
    const ordered = [...first.flatMap((id) => routing.orgs.filter((o) => o.id === id)), ...routing.orgs.filter((o) => !first.includes(o.id))];
    const account = await currentAccount(app, req);
    const suggestedName = routing.orgs.find((o) => o.id === routing.suggested.orgId)?.name ?? '';
    return {
      orgs: ordered.map((o) => ({ id: o.id, name: o.name, suggested: o.id === routing.suggested.orgId })),
      values: { orgId: String(routing.suggested.orgId || ordered[0]?.id || ''), ...values, placeOrgId: routing.place === null ? '' : String(routing.place) },
      errors,
      signedIn: account ? account.emailMasked : null,
      suggestion: suggestedName ? { orgId: routing.suggested.orgId, orgName: suggestedName, reason: routing.suggested.reason } : null,
      places: referralPlaces(routing.orgs),
    };
  }
  const placeOf = (v: unknown): number | null => (typeof v === 'string' && /^\d{1,12}$/.test(v) ? Number(v) : null);

  function render(req: FastifyRequest, reply: FastifyReply, p: Omit<AskPageProps, 'ctx' | 'csrfToken'>, code = 200) {
    noStore(reply);
    return sendHtml(reply, AskPage({ ctx: req.pageCtx, csrfToken: reply.generateCsrf(), ...p }), code);
  }

  app.get<{ Querystring: { q?: unknown; refer?: string; place?: string } }>('/ask', { config: { rateLimit: ASK_RATE } }, async (req, reply) => {
    if (req.query.q === undefined) return render(req, reply, { q: '', result: null, referral: null });
    const problem = questionProblem(req.query.q);
    const shown = typeof req.query.q === 'string' ? req.query.q.slice(0, 600) : '';
    if (problem) return render(req, reply, { q: shown, result: null, errors: { q: problem }, referral: null }, 400);
    const q = checkedQuestion(req.query.q);
    const { result, answer, related } = await answerQuestion(db, q, clock.today());
    await logAskedQuestion(db, clock.now(), q, result);
    const referral = !answer || req.query.refer === '1' ? await referralForm(req, result, { question: q, placeOrgId: req.query.place ?? '' }) : null;
    return render(req, reply, { q, result, answer, related, referral });
  });

  // JSON for other systems (the 12345 hotline's knowledge base, a mini-program): the same answers as the page.
  app.get<{ Querystring: { q?: unknown } }>('/api/v1/ask', { config: { rateLimit: ASK_RATE } }, async (req) => {
    const q = checkedQuestion(req.query.q);
    const { result, answer, related } = await answerQuestion(db, q, clock.today());
    await logAskedQuestion(db, clock.now(), q, result);
    const sources = answer ? answer.sources : related;
    return {
      // The answering sentences and where they come from; null when nothing is sure enough (转人工).
      answer: answer ? { text: answer.sentences, citation: answer.lead.citation, url: answer.lead.url } : null,
      answers: sources.map((a) => ({ kind: a.kind, sourceId: a.sourceId, title: a.title, text: a.excerpt, citation: a.citation, url: a.url, closeness: a.confident ? 'high' : 'possible', score: a.score })),
      confident: answer !== null,
    };
  });

  app.post('/ask/referrals', { config: { rateLimit: REFER_RATE } }, async (req, reply) => {
    const values = textValues(req.body);
    const rerender = async (errors: FieldErrors, code: number) => render(req, reply, { q: values.question ?? '', result: null, referral: await referralForm(req, null, values, errors) }, code);
    const problem = questionProblem(values.question);
    const parsed = parseInput(referralSchema, req.body);
    if (problem || !parsed.ok) return rerender({ ...(problem ? { question: problem } : {}), ...(parsed.ok ? {} : parsed.errors) }, 400);
    const account = await currentAccount(app, req);
    let created;
    try {
      // What the asker was shown, recomputed: the department sees which answers did not help, and what was suggested.
      const shown = await retrieveAnswers(db, parsed.data.question);
      const placeOrgId = typeof parsed.data.placeOrgId === 'number' ? parsed.data.placeOrgId : null;
      const routing = await suggestReferralOrg(db, { question: parsed.data.question, result: shown, placeOrgId });
      created = await submitReferral(
        { db, clock, sealer: app.sealer, actor: { id: null, label: account ? `公众账号 #${account.id}（${account.emailMasked}）` : '公众（智能问答）', ip: req.ip } },
        {
          question: parsed.data.question, orgId: parsed.data.orgId, email: parsed.data.email ?? null, name: parsed.data.name ?? null, accountId: account?.id ?? null,
          suggestions: [...shown.qa, ...shown.clauses].map((a) => ({ kind: a.kind, title: a.title, url: a.url, score: a.score })),
          routing: { suggestedOrgId: routing.suggested.orgId, reason: routing.suggested.reason }, placeOrgId: routing.place,
        },
      );
    } catch (err) {
      return rerender(ruleErrorsOf(err), 422);
    }
    setReceiptCookie(app, reply, RECEIPT_COOKIE, '/ask', created);
    return reply.redirect('/ask/referrals/receipt', 303);
  });

  app.get('/ask/referrals/receipt', async (req, reply) => {
    const shown = readReceiptCookie(app, req.cookies[RECEIPT_COOKIE]);
    const r = shown ? await findReferralByTrackingNo(db, shown.trackingNo) : null;
    if (!shown || !r) throw new NotFoundError('回执只在提交后 30 分钟内显示。如果您已记下咨询编号和查询码，请到“咨询查询”（/ask/track）查看。');
    noStore(reply);
    const explanation = (r.deadline as { explanation?: string }).explanation ?? '';
    return sendHtml(reply, ReferralReceiptPage({ ctx: req.pageCtx, csrfToken: reply.generateCsrf(), trackingNo: shown.trackingNo, accessCode: shown.accessCode, orgName: r.org_name, dueOn: String(r.due_on), explanation }));
  });

  const tracked = (req: FastifyRequest): string[] => rememberedCases(req, TRACK_COOKIE, TRACKING_NO);

  app.get('/ask/track', (req, reply) => {
    noStore(reply);
    return sendHtml(reply, ReferralTrackPage({ ctx: req.pageCtx, csrfToken: reply.generateCsrf(), values: {} }));
  });

  app.post('/ask/track', { config: { rateLimit: TRACK_RATE } }, async (req, reply) => {
    const values = textValues(req.body, ['accessCode']);
    const again = (errors: FieldErrors, code: number) => {
      noStore(reply);
      return sendHtml(reply, ReferralTrackPage({ ctx: req.pageCtx, csrfToken: reply.generateCsrf(), values, errors }), code);
    };
    const parsed = parseInput(trackSchema, req.body);
    if (!parsed.ok) return again(parsed.errors, 400);
    const { trackingNo, accessCode } = parsed.data;
    // Constant time, and against a stand-in when there is no such case: no hint which was wrong.
    if (!(await referralByAccess(app, trackingNo, accessCode))) return again({ _form: WRONG_PAIR }, 404);
    rememberReferral(app, req, reply, trackingNo);
    return reply.redirect(`/ask/referrals/${encodeURIComponent(trackingNo)}`, 303);
  });

  // The asker's page: opened with the access code in this browser, or by the signed-in account that sent it.
  app.get<{ Params: { trackingNo: string } }>('/ask/referrals/:trackingNo', async (req, reply) => {
    const no = normalized(req.params.trackingNo);
    const r = TRACKING_NO.test(no) ? await findReferralByTrackingNo(db, no) : null;
    const byCode = tracked(req).includes(no);
    const account = r && !byCode ? await currentAccount(app, req) : null;
    // Another person's case answers as an unknown one does: the answer tells nothing about which numbers exist.
    if (!r || !(byCode || (account && account.id === r.account_id))) return reply.redirect('/ask/track', 303);
    noStore(reply);
    const history = await referralHistory(db, r.id);
    return sendHtml(reply, ReferralStatusPage({ ctx: req.pageCtx, csrfToken: reply.generateCsrf(), r, ...history, values: {} }));
  });

  // 满意度: the asker rates the answer once, from the case's page (the same who may open it).
  app.post<{ Params: { trackingNo: string } }>('/ask/referrals/:trackingNo/rating', { config: { rateLimit: FEEDBACK_RATE } }, async (req, reply) => {
    const no = normalized(req.params.trackingNo);
    const r = TRACKING_NO.test(no) ? await findReferralByTrackingNo(db, no) : null;
    const byCode = tracked(req).includes(no);
    const account = r && !byCode ? await currentAccount(app, req) : null;
    if (!r || !(byCode || (account && account.id === r.account_id))) return reply.redirect('/ask/track', 303);
    const values = textValues(req.body);
    try {
      await rateReferral({ db, clock, sealer: app.sealer, actor: { id: null, label: account ? `公众账号 #${account.id}（${account.emailMasked}）` : '公众（咨询查询）', ip: req.ip } }, no, { rating: values.rating ?? '', comment: values.comment ?? '' });
    } catch (err) {
      noStore(reply);
      const history = await referralHistory(db, r.id);
      return sendHtml(reply, ReferralStatusPage({ ctx: req.pageCtx, csrfToken: reply.generateCsrf(), r, ...history, values, errors: ruleErrorsOf(err) }), 422);
    }
    return reply.redirect(`/ask/referrals/${encodeURIComponent(no)}#rating`, 303);
  });

  // 这个回答有帮助吗？ A vote on a smart answer; back to the same answer, which then says thanks.
  app.post('/ask/feedback', { config: { rateLimit: FEEDBACK_RATE } }, async (req, reply) => {
    const v = textValues(req.body);
    let question: string;
    try {
      question = await recordAnswerFeedback(db, clock.now(), { question: v.q ?? '', helpful: v.helpful ?? '', confident: v.confident ?? '', sources: v.sources ?? '' });
    } catch (err) {
      const errors = ruleErrorsOf(err);
      return render(req, reply, { q: typeof v.q === 'string' ? v.q.slice(0, 600) : '', result: null, errors: { q: Object.values(errors)[0] ?? '评价未能记录' }, referral: null }, 400);
    }
    // Back with the masked question: a phone number typed into the question stays out of the address.
    return reply.redirect(`/ask?q=${encodeURIComponent(question)}&feedback=1#feedback`, 303);
  });
}
