import type { RequestStatus } from '../../../db/schema.js';
import { formatChineseDate } from '../../../platform/clock/clock.js';
import type { FieldErrors } from '../../../platform/http/errors.js';
import { ErrorSummary } from '../../../platform/html/components.js';
import { PublicLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import type { ClockState, PauseKind } from '../domain/clock.js';
import { STATUS_LABELS } from '../domain/workflow.js';
import type { ShownLetter } from '../letters.js';
import type { ApplicantEvent, ApplicantLetter, SentReplyMaterials } from '../queries.public.js';
import { ReplyMaterialsSection } from './public-reply-materials.js';
import { applicantEventLabel } from '../domain/event-labels.js';
import type { FormValues } from './public-form-parts.js';
import { CorrectionForm, WithdrawForm } from './public-status-forms.js';

export interface StatusPageProps {
  ctx: PageContext;
  csrfToken: string;
  trackingNo: string;
  orgName: string;
  orgPhone: string;
  subject: string;
  docNumber: string | null;
  description: string;
  submittedOn: string;
  receivedOn: string | null;
  status: RequestStatus;
  closedOn: string | null;
  clock: ClockState | null;
  events: ApplicantEvent[];
  letters: ApplicantLetter[];
  /** What the reply provides, once it is sent (empty before). */
  materials?: SentReplyMaterials;
  /** The applicant's details, masked: anyone holding the code sees this page. */
  applicant: [string, string][];
  /** The correction notice to answer, while the request awaits a correction. */
  correction: ShownLetter | null;
  canWithdraw: boolean;
  maxUploadMb: number;
  flash?: string | null;
  /** A form sent back with its problems. */
  form?: { which: 'correction' | 'withdraw'; values: FormValues; errors: FieldErrors } | null;
}

/** 申请办理情况: where the request stands, what is due when and why, and the letters sent. */
export function StatusPage(p: StatusPageProps) {
  const errors = p.form?.errors;
  return (
    <PublicLayout ctx={p.ctx} title={`申请办理情况 ${p.trackingNo}`} crumbs={[{ label: '申请查询', href: '/requests/track' }, { label: p.trackingNo }]}>
      <h1>申请办理情况</h1>
      {p.flash ? (
        <p class="flash" role="status">
          {p.flash}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <table class="meta-table">
        <tbody>
          <Row label="申请编号" value={p.trackingNo} />
          <Row label="受理机关" value={p.orgPhone ? `${p.orgName}（电话 ${p.orgPhone}）` : p.orgName} />
          <Row label="所需信息" value={p.subject} />
          {p.docNumber ? <Row label="文号" value={p.docNumber} /> : null}
          <Row label="提交日期" value={formatChineseDate(p.submittedOn)} />
          <Row label="收到申请日期" value={p.receivedOn ? formatChineseDate(p.receivedOn) : '待受理机关确认'} />
          <tr>
            <th scope="row">当前状态</th>
            <td>
              <strong class={`status-label status-${p.status}`}>{STATUS_LABELS[p.status]}</strong>
            </td>
          </tr>
        </tbody>
      </table>
      <Deadline clock={p.clock} closedOn={p.closedOn} status={p.status} />
      {p.correction ? <CorrectionForm trackingNo={p.trackingNo} csrfToken={p.csrfToken} letter={p.correction} description={p.description} maxUploadMb={p.maxUploadMb} form={p.form?.which === 'correction' ? p.form : null} /> : null}
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">办理过程</h2>
        <ol class="timeline">
          {p.events.map((e) => (
            <li>
              <span class="timeline-date">{formatChineseDate(e.on)}</span> {applicantEventLabel(e.kind, e.channel)}
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="letters-title">
        <h2 id="letters-title">文书</h2>
        {p.letters.length === 0 ? (
          <p class="note">受理机关尚未发出文书。</p>
        ) : (
          <ul class="list letters">
            {p.letters.map((l) => (
              <li>
                <strong>{l.title}</strong>
                <div class="meta">
                  {l.letterNo}
                  {l.sentOn ? ` · ${formatChineseDate(l.sentOn)}` : ''}
                </div>
                <div class="actions">
                  <a class="button secondary" href={`/requests/${encodeURIComponent(p.trackingNo)}/letters/${l.id}`}>
                    查看<span class="visually-hidden">{l.title}</span>
                  </a>
                  <a class="button secondary" href={`/requests/${encodeURIComponent(p.trackingNo)}/letters/${l.id}.docx`}>
                    下载 Word 文档<span class="visually-hidden">：{l.title}</span>
                  </a>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      {p.materials ? <ReplyMaterialsSection trackingNo={p.trackingNo} materials={p.materials} /> : null}
      <section aria-labelledby="content-title">
        <h2 id="content-title">申请内容</h2>
        <p class="pre-wrap">{p.description}</p>
        <h3>申请人</h3>
        <table class="meta-table">
          <tbody>
            {p.applicant.map(([k, v]) => (
              <Row label={k} value={v} />
            ))}
          </tbody>
        </table>
        <p class="note">为保护您的个人信息，证件号码、电话等只显示部分内容。</p>
      </section>
      {p.canWithdraw ? <WithdrawForm trackingNo={p.trackingNo} csrfToken={p.csrfToken} form={p.form?.which === 'withdraw' ? p.form : null} /> : null}
    </PublicLayout>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{value}</td>
    </tr>
  );
}

const PAUSE_REASONS: Record<PauseKind, (until: string) => string> = {
  correction: (d) => `等待您补正申请，补正期限至 ${d}；受理机关收到补正后重新计算答复期限。`,
  consultation: (d) => `正在征求第三方或其他机关的意见（最迟至 ${d}），这段时间不计入答复期限。`,
  fee: (d) => `等待缴纳信息处理费，缴费期限至 ${d}。`,
};

/** The current deadline with its explanation, as the stored clock gives it (DESIGN: every deadline explained). */
function Deadline({ clock, closedOn, status }: { clock: ClockState | null; closedOn: string | null; status: RequestStatus }) {
  let body;
  if (closedOn) {
    body = <p>本申请已于 {formatChineseDate(closedOn)} {status === 'withdrawn' ? '撤回' : '办结'}。</p>;
  } else if (!clock) {
    body = <p>答复期限自受理机关确认收到申请之日起算。</p>;
  } else if (clock.paused) {
    const left = clock.paused.kind !== 'correction' && clock.remainingDays !== null ? `恢复计时后尚余 ${clock.remainingDays} 个工作日。` : '';
    body = (
      <>
        <p class="deadline-date">
          <strong>暂停计时</strong>：{PAUSE_REASONS[clock.paused.kind](formatChineseDate(clock.paused.until))}
          {left}
        </p>
        <p>说明：{clock.explanation}</p>
      </>
    );
  } else if (clock.dueOn) {
    body = (
      <>
        <p class="deadline-date">
          最晚答复日期：<strong>{formatChineseDate(clock.dueOn)}</strong>
          {clock.provisional ? '（暂定）' : ''}
        </p>
        <p>计算方法：{clock.explanation}</p>
      </>
    );
  } else {
    body = <p>{clock.explanation}</p>;
  }
  return (
    <section class="deadline-box" aria-labelledby="deadline-title">
      <h2 id="deadline-title">答复期限</h2>
      {body}
    </section>
  );
}
