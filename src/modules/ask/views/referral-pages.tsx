import { formatChinaDateTime, formatChineseDate } from '../../../platform/clock/clock.js';
import { MAX_RATING_COMMENT, SATISFACTION_LABELS, type CaseRating } from '../../../platform/tracked-cases/satisfaction.js';
import type { TransferStep } from '../../../platform/tracked-cases/transfer.js';
import { ReceiptCodes } from '../../requests/public.js';
import { CsrfField, describedBy, ErrorSummary, Field, Html } from '../../../platform/html/components.js';
import { PublicLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import type { FieldErrors } from '../../../platform/http/errors.js';
import { publicRichText } from '../../../platform/html/redaction.js';
import { REFERRAL_STATUS_LABELS } from '../domain/referral-workflow.js';
import type { PublicReferral } from '../queries/pages.js';

const CRUMBS = [{ label: '智能问答', href: '/ask' }];

/** 回执: shown once after sending a question, to be written down. */
export function ReferralReceiptPage(p: { ctx: PageContext; csrfToken: string; trackingNo: string; accessCode: string; orgName: string; dueOn: string; explanation: string }) {
  return (
    <PublicLayout ctx={p.ctx} title="问题已提交" crumbs={[...CRUMBS, { label: '咨询回执' }]}>
      <h1>问题已提交</h1>
      <section class="receipt" aria-labelledby="receipt-title">
        <h2 id="receipt-title">咨询回执</h2>
        <ReceiptCodes numberLabel="咨询编号" trackingNo={p.trackingNo} accessCode={p.accessCode} />
        <p class="warn-box">
          <strong>请把咨询编号和查询码记下来。</strong>查询码只在这里显示一次，凭编号和查询码可查看答复。
        </p>
        <p>
          答复部门：{p.orgName}。答复期限：{formatChineseDate(p.dueOn)}前（{p.explanation}）
        </p>
      </section>
      <form method="post" action="/ask/track" class="no-print">
        <CsrfField token={p.csrfToken} />
        <input type="hidden" name="trackingNo" value={p.trackingNo} />
        <input type="hidden" name="accessCode" value={p.accessCode} />
        <button type="submit">查看办理进度</button>
      </form>
    </PublicLayout>
  );
}

export function ReferralTrackPage(p: { ctx: PageContext; csrfToken: string; values: Record<string, string>; errors?: FieldErrors }) {
  return (
    <PublicLayout ctx={p.ctx} title="咨询查询" crumbs={[...CRUMBS, { label: '咨询查询' }]}>
      <h1>咨询查询</h1>
      <ErrorSummary errors={p.errors} />
      <form method="post" action="/ask/track">
        <CsrfField token={p.csrfToken} />
        <Field name="trackingNo" label="咨询编号" errors={p.errors} required>
          <input id="f-trackingNo" name="trackingNo" value={p.values.trackingNo ?? ''} maxLength={80} required aria-describedby={describedBy('trackingNo', p.errors)} />
        </Field>
        <Field name="accessCode" label="查询码" errors={p.errors} required>
          <input id="f-accessCode" name="accessCode" value="" maxLength={20} required autocomplete="off" aria-describedby={describedBy('accessCode', p.errors)} />
        </Field>
        <button type="submit">查询</button>
      </form>
    </PublicLayout>
  );
}

export interface ReferralStatusProps {
  ctx: PageContext;
  csrfToken: string;
  r: PublicReferral;
  transfers: TransferStep[];
  rating: CaseRating | null;
  /** The rating form as typed, when it was refused. */
  values: Record<string, string>;
  errors?: FieldErrors;
}

/** The asker's page: where the question is, its deadline, the timeline with every transfer, the answer, and the rating. */
export function ReferralStatusPage(p: ReferralStatusProps) {
  const r = p.r;
  const deadline = r.deadline as { explanation?: string };
  return (
    <PublicLayout ctx={p.ctx} title={`咨询 ${r.tracking_no}`} crumbs={[...CRUMBS, { label: '咨询查询', href: '/ask/track' }, { label: r.tracking_no }]}>
      <h1>咨询 {r.tracking_no}</h1>
      {r.answered_at && !p.rating ? null : <ErrorSummary errors={p.errors} />}
      <table class="meta-table">
        <tbody>
          <tr>
            <th scope="row">状态</th>
            <td>{REFERRAL_STATUS_LABELS[r.status]}</td>
          </tr>
          <tr>
            <th scope="row">答复部门</th>
            <td>
              {r.org_name}
              {r.org_phone ? `（电话 ${r.org_phone}）` : ''}
            </td>
          </tr>
          <tr>
            <th scope="row">提交日期</th>
            <td>{formatChineseDate(String(r.submitted_on))}</td>
          </tr>
          <tr>
            <th scope="row">答复期限</th>
            <td>
              {formatChineseDate(String(r.due_on))}
              {r.due_provisional ? '（暂定）' : ''}
              <br />
              <small>{deadline.explanation ?? ''}</small>
            </td>
          </tr>
        </tbody>
      </table>
      <h2>您的问题</h2>
      <p class="pre-wrap">{r.question}</p>
      <ReferralTimeline r={r} transfers={p.transfers} />
      <h2>答复</h2>
      {r.answered_at ? <Html html={publicRichText(r.answer_html)} class="answer-body" /> : <p>{r.status === 'closed' ? `已办结${r.close_reason ? `：${r.close_reason}` : ''}` : '部门正在办理，请在答复期限后再来查看。'}</p>}
      {r.answered_at ? <RatingSection p={p} /> : null}
    </PublicLayout>
  );
}

/** 办理过程: sent, each transfer with its reason and new deadline, answered or closed. */
function ReferralTimeline({ r, transfers }: { r: PublicReferral; transfers: TransferStep[] }) {
  const first = transfers[0]?.fromName ?? r.org_name;
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">办理过程</h2>
      <ol class="timeline">
        <li>
          {formatChineseDate(String(r.submitted_on))} 提交问题，转至{first}
        </li>
        {transfers.map((t) => (
          <li>
            {formatChinaDateTime(t.at)} 由{t.fromName}转办至{t.toName}。理由：{t.reason}
            {t.dueAfter ? `。答复期限自转办之日起重新计算，为${formatChineseDate(t.dueAfter)}前` : ''}
          </li>
        ))}
        {r.answered_at ? <li>{formatChinaDateTime(new Date(r.answered_at))} {r.org_name}已答复</li> : null}
        {r.closed_at ? <li>{formatChinaDateTime(new Date(r.closed_at))} 已办结</li> : null}
      </ol>
    </section>
  );
}

/** 满意度: once, after the answer. */
function RatingSection({ p }: { p: ReferralStatusProps }) {
  const e = p.errors;
  if (p.rating) {
    return (
      <section id="rating" aria-labelledby="rating-title">
        <h2 id="rating-title">您的评价</h2>
        <p>
          {SATISFACTION_LABELS[p.rating.rating]}
          {p.rating.comment ? `：${p.rating.comment}` : ''}（{formatChinaDateTime(p.rating.ratedAt)}）
        </p>
      </section>
    );
  }
  return (
    <section id="rating" aria-labelledby="rating-title" class="panel">
      <h2 id="rating-title">对答复是否满意？</h2>
      <ErrorSummary errors={e} />
      <form method="post" action={`/ask/referrals/${encodeURIComponent(p.r.tracking_no)}/rating`}>
        <CsrfField token={p.csrfToken} />
        <fieldset id="f-rating" aria-describedby={e?.rating ? 'e-rating' : undefined}>
          <legend>满意度（每件咨询只能评价一次）</legend>
          {e?.rating ? <p class="error-message" id="e-rating">{e.rating}</p> : null}
          {Object.entries(SATISFACTION_LABELS).map(([k, label]) => (
            <label class="choice">
              <input type="radio" name="rating" value={k} checked={p.values.rating === k} required /> {label}
            </label>
          ))}
        </fieldset>
        <Field name="comment" label="意见和建议（选填）" errors={e}>
          <textarea id="f-comment" name="comment" rows={3} maxLength={MAX_RATING_COMMENT} aria-describedby={describedBy('comment', e)}>{p.values.comment ?? ''}</textarea>
        </Field>
        <button type="submit">提交评价</button>
      </form>
    </section>
  );
}
