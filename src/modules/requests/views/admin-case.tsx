import { formatChinaDateTime } from '../../../platform/clock/clock.js';
import { ErrorSummary } from '../../../platform/html/components.js';
import { AdminLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import type { FieldErrors } from '../../../platform/http/errors.js';
import type { RequestCase } from '../case.js';
import type { ClockState } from '../domain/clock.js';
import { eventLabel } from '../domain/event-labels.js';
import { applicantKindLabel, outcomeOf } from '../domain/outcomes.js';
import { STATUS_LABELS, type RequestAction, type RequestActorKind, type RequestSubject } from '../domain/workflow.js';
import { LETTER_TITLES } from '../letters/compose.js';
import { LetterView } from '../letters/letter-view.js';
import type { ShownLetter } from '../letters.js';
import type { caseDetails, similarRequests } from '../queries.admin.js';
import { CHANNELS, DELIVERY_METHODS, PROVIDE_FORMS } from '../schemas.js';
import { replyEditRefusal } from '../commands/reply-materials.js';
import { CaseActionForms, ReplyDraftForm } from './admin-case-forms.js';
import { ReplyMaterials, type DocSearch } from './admin-case-materials.js';
import type { OrgOption } from '../queries.public.js';

const APPEAL_KINDS = { review: '行政复议', litigation: '行政诉讼（未经复议直接起诉）', litigation_after_review: '行政诉讼（复议后起诉）' } as const;
const APPEAL_RESULTS = { upheld: '结果维持', corrected: '结果纠正', other: '其他结果', pending: '尚未审结' } as const;

export interface CasePageProps {
  ctx: PageContext;
  actorName: string | null;
  csrfToken: string;
  flash?: string | null;
  c: RequestCase;
  clock: ClockState;
  subject: RequestSubject;
  kinds: RequestActorKind[];
  allowed: RequestAction[];
  details: Awaited<ReturnType<typeof caseDetails>>;
  similar: Awaited<ReturnType<typeof similarRequests>>;
  draft: ShownLetter | null;
  applicant: [string, string][];
  revealed: boolean;
  errors?: FieldErrors;
  values: Record<string, string>;
  today: string;
  docSearch?: DocSearch | null;
  transferOrgs: OrgOption[];
  maxUploadMb: number;
}

export function CasePage(p: CasePageProps) {
  const r = p.c.row;
  const handler = p.kinds.includes('handler');
  const drafting = handler && ['handling', 'awaiting_correction', 'awaiting_fee'].includes(r.status);
  return (
    <AdminLayout ctx={p.ctx} title={`申请 ${r.tracking_no}`} actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[{ label: '依申请公开', href: '/admin/requests' }, { label: r.tracking_no }]} flash={p.flash}>
      <h1>{r.subject} <small>{r.tracking_no}</small></h1>
      <ErrorSummary errors={p.errors} />
      <p>
        状态：<strong>{STATUS_LABELS[r.status]}</strong>
        {r.outcome ? <> · 办理结果：<strong>{outcomeOf(r.outcome).short}</strong></> : null} · 受理机关：{p.c.org.name} · 渠道：{CHANNELS[r.channel]}
        {r.repeat_of ? <> · <span class="tag tag-warn">疑似重复申请（见 <a href={`/admin/requests/${r.repeat_of}`}>此前的申请</a>）</span></> : null}
        {r.mass_flag ? <> · <span class="tag tag-warn">本月申请件数较多（条例第三十五条）</span></> : null}
      </p>

      <section class="card clock" aria-labelledby="clock-h">
        <h2 id="clock-h">答复期限</h2>
        {p.clock.dueOn ? (
          <p class="due-line">
            <strong>{p.clock.dueOn}</strong>
            {p.clock.provisional ? '（暂定）' : ''}
            {p.clock.dueOn < p.today && !r.closed_on ? <span class="tag tag-alert">已逾期</span> : null}
          </p>
        ) : null}
        {r.closed_on ? <p>已于 {r.closed_on} 办结。</p> : <p>{p.clock.explanation}</p>}
        {!r.closed_on && p.clock.correctionNoticeBy && r.status !== 'pending' ? <p class="hint">如需补正，最迟于 {p.clock.correctionNoticeBy} 前一次性告知。</p> : null}
        {r.receipt_note ? <p class="hint">收到申请之日：{r.received_on}。{r.receipt_note}</p> : null}
      </section>

      <section class="card" aria-labelledby="todo-h">
        <h2 id="todo-h">办理</h2>
        <CaseActionForms csrfToken={p.csrfToken} c={p.c} clock={p.clock} allowed={p.allowed} handlers={p.details.handlers} transferOrgs={p.transferOrgs} values={p.values} errors={p.errors} today={p.today} />
      </section>

      {drafting || p.draft ? (
        <section class="card" aria-labelledby="reply-h">
          <h2 id="reply-h">答复书</h2>
          {drafting ? <ReplyDraftForm id={r.id} csrfToken={p.csrfToken} draft={p.c.draft} values={p.values} errors={p.errors} /> : null}
          {p.draft ? (
            <details open={!drafting}>
              <summary>预览答复书草稿（{p.draft.letterNo}）</summary>
              <LetterView {...p.draft} headingLevel={3} />
            </details>
          ) : null}
        </section>
      ) : null}

      <div class="two-col">
        <section class="card" aria-labelledby="app-h">
          <h2 id="app-h">申请人</h2>
          <dl class="meta">
            <dt>类型</dt><dd>{applicantKindLabel(r.applicant_kind)}</dd>
            {p.applicant.map(([k, v]) => <><dt>{k}</dt><dd>{v}</dd></>)}
          </dl>
          {handler && !p.revealed ? (
            <form method="post" action={`/admin/requests/${r.id}/reveal`}>
              <input type="hidden" name="_csrf" value={p.csrfToken} />
              <button type="submit" class="secondary">查看完整信息（将记入审计日志）</button>
            </form>
          ) : null}
        </section>
        <section class="card" aria-labelledby="req-h">
          <h2 id="req-h">申请内容</h2>
          <dl class="meta">
            <dt>所需信息名称</dt><dd>{r.subject}</dd>
            <dt>文号</dt><dd>{r.doc_number ?? '—'}</dd>
            <dt>内容描述</dt><dd class="pre">{r.description}</dd>
            <dt>信息形式</dt><dd>{PROVIDE_FORMS[r.provide_form]}</dd>
            <dt>获取方式</dt><dd>{DELIVERY_METHODS[r.delivery_method]}</dd>
            <dt>提交时间</dt><dd>{formatChinaDateTime(new Date(r.submitted_at))}</dd>
          </dl>
          {p.details.attachments.some((a) => !a.for_reply) ? (
            <ul>{p.details.attachments.filter((a) => !a.for_reply).map((a) => <li><a href={`/admin/requests/${r.id}/attachments/${a.id}`}>{a.file_name}</a>（{Math.ceil(Number(a.size_bytes) / 1024)} KB{a.from_applicant ? '，申请人提交' : ''}）</li>)}</ul>
          ) : null}
        </section>
      </div>

      <section class="card" aria-labelledby="letters-h">
        <h2 id="letters-h">文书</h2>
        {p.details.letters.length === 0 ? <p class="empty">尚无文书。</p> : (
          <ul>
            {p.details.letters.map((l) => (
              <li>
                {LETTER_TITLES[l.kind]} {l.letter_no}（{l.status === 'sent' ? `${l.sent_on} 发出` : '草稿'}{l.addressee ? `，致${l.addressee}` : ''}）：
                <a href={`/admin/requests/${r.id}/letters/${l.id}`}>查看</a> · <a href={`/admin/requests/${r.id}/letters/${l.id}.docx`}>下载 Word</a>
              </li>
            ))}
          </ul>
        )}
      </section>

      <ReplyMaterials id={r.id} csrfToken={p.csrfToken} details={p.details} editable={handler && replyEditRefusal(r.status) === null} sent={r.outcome !== null && r.status !== 'withdrawn'} docSearch={p.docSearch ?? null} maxUploadMb={p.maxUploadMb} errors={p.errors} />

      {p.similar.length ? (
        <section class="card" aria-labelledby="sim-h">
          <h2 id="sim-h">内容相近的申请</h2>
          <ul>{p.similar.map((s) => <li><a href={`/admin/requests/${s.id}`}>{s.tracking_no}</a> {s.subject}（{STATUS_LABELS[s.status]}{s.sameApplicant ? '，同一申请人' : ''}）</li>)}</ul>
        </section>
      ) : null}

      {r.closed_on ? <AppealsSection {...p} /> : null}

      <section class="card" aria-labelledby="tl-h">
        <h2 id="tl-h">办理过程</h2>
        <ol class="timeline">
          {p.c.events.map((ev) => (
            <li>
              <strong>{ev.on_date}</strong> {eventLabel(ev.kind)}
              {ev.kind === 'replied' ? `：${outcomeOf((ev.details as { outcome: string }).outcome).short}` : ''}
              <small> · {ev.actor_label} · 记录于 {formatChinaDateTime(new Date(ev.at))}{ev.visible_to_applicant ? '' : ' · 申请人不可见'}</small>
            </li>
          ))}
        </ol>
      </section>
    </AdminLayout>
  );
}

function AppealsSection(p: CasePageProps) {
  const r = p.c.row;
  const v = p.values;
  return (
    <section class="card" aria-labelledby="appeal-h">
      <h2 id="appeal-h">行政复议、行政诉讼</h2>
      {p.details.appeals.length ? (
        <ul>{p.details.appeals.map((a) => <li>{APPEAL_KINDS[a.kind]}：{a.filed_on} 提起，{APPEAL_RESULTS[a.result]}{a.decided_on ? `（${a.decided_on} 审结）` : ''}{a.note ? `，${a.note}` : ''}</li>)}</ul>
      ) : <p class="empty">未登记。</p>}
      {p.kinds.includes('handler') ? (
        <form method="post" action={`/admin/requests/${r.id}/appeals`} class="form">
          <input type="hidden" name="_csrf" value={p.csrfToken} />
          {p.details.appeals.length ? (
            <>
              <label for="f-appealId">登记</label>
              <select id="f-appealId" name="appealId">
                <option value="">新的复议或诉讼</option>
                {p.details.appeals.map((a) => <option value={a.id} selected={v.appealId === String(a.id)}>更新：{APPEAL_KINDS[a.kind]}（{a.filed_on} 提起）的结果</option>)}
              </select>
            </>
          ) : null}
          <label for="f-kind">类型</label>
          <select id="f-kind" name="kind">{Object.entries(APPEAL_KINDS).map(([k, l]) => <option value={k} selected={v.kind === k}>{l}</option>)}</select>
          <label for="f-filedOn">申请复议或起诉日期</label>
          <input id="f-filedOn" type="date" name="filedOn" value={v.filedOn ?? ''} />
          <label for="f-result">结果</label>
          <select id="f-result" name="result">{Object.entries(APPEAL_RESULTS).map(([k, l]) => <option value={k} selected={(v.result ?? 'pending') === k}>{l}</option>)}</select>
          <label for="f-decidedOn">审结日期</label>
          <input id="f-decidedOn" type="date" name="decidedOn" value={v.decidedOn ?? ''} />
          <label for="f-note">备注</label>
          <input id="f-note" name="note" value={v.note ?? ''} />
          <p><button type="submit" class="secondary">登记</button></p>
        </form>
      ) : null}
    </section>
  );
}
