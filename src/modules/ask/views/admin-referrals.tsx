import { formatChinaDateTime } from '../../../platform/clock/clock.js';
import type { WorkingCalendar } from '../../../platform/calendar/working-calendar.js';
import { CsrfField, ErrorSummary, Field, Html, Pager } from '../../../platform/html/components.js';
import { AdminLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import type { FieldErrors } from '../../../platform/http/errors.js';
import { sanitizeRichText } from '../../../platform/html/sanitize.js';
import { DueCell } from '../../requests/public.js';
import { SATISFACTION_LABELS, type CaseRating } from '../../../platform/tracked-cases/satisfaction.js';
import type { TransferStep } from '../../../platform/tracked-cases/transfer.js';
import { OPEN_REFERRAL_STATUSES, REFERRAL_STATUS_LABELS, referralRefusal, type ReferralAction } from '../domain/referral-workflow.js';
import { REFERRAL_VIEWS, type ReferralCase, type ReferralListRow, type ReferralView } from '../queries/pages.js';

interface Base {
  ctx: PageContext;
  actorName: string | null;
  csrfToken: string;
  flash?: string | null;
}

/** 转人工 workbench: open questions by deadline, in working days left. */
export function ReferralWorkbench(p: Base & { rows: ReferralListRow[]; total: number; view: ReferralView; page: number; pageSize: number; today: string; cal: WorkingCalendar; ratings?: Map<number, CaseRating>; transfers?: Map<number, number> }) {
  return (
    <AdminLayout ctx={p.ctx} title="转人工咨询" actorName={p.actorName} csrfToken={p.csrfToken} flash={p.flash} crumbs={[{ label: '转人工咨询' }]}>
      <h1>转人工咨询</h1>
      <nav class="tabs" aria-label="咨询分类">
        {Object.entries(REFERRAL_VIEWS).map(([k, label]) => (
          <a href={`/admin/referrals?view=${k}`} aria-current={p.view === k ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
      <table class="data-table">
        <thead>
          <tr>
            <th scope="col">答复期限</th>
            <th scope="col">咨询编号</th>
            <th scope="col">问题</th>
            <th scope="col">部门</th>
            <th scope="col">状态</th>
            <th scope="col">办理人</th>
            <th scope="col">满意度</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              <td>{OPEN_REFERRAL_STATUSES.includes(r.status) ? <DueCell dueOn={String(r.due_on)} provisional={r.due_provisional} status="open" today={p.today} cal={p.cal} /> : String(r.due_on)}</td>
              <td>
                <a href={`/admin/referrals/${r.id}`}>{r.tracking_no}</a>
              </td>
              <td>{r.question.length > 60 ? `${r.question.slice(0, 60)}…` : r.question}</td>
              <td>
                {r.org_name}
                {p.transfers?.get(r.id) ? `（转办 ${p.transfers.get(r.id)} 次）` : ''}
              </td>
              <td>
                {REFERRAL_STATUS_LABELS[r.status]}
                {r.qa_id ? '（已转为问答）' : ''}
              </td>
              <td>{r.assignee ?? '—'}</td>
              <td>{p.ratings?.get(r.id) ? <span title={p.ratings.get(r.id)!.comment || undefined}>{SATISFACTION_LABELS[p.ratings.get(r.id)!.rating]}</span> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.rows.length === 0 ? <p>没有咨询。</p> : null}
      <Pager total={p.total} page={p.page} pageSize={p.pageSize} href={(n) => `/admin/referrals?view=${p.view}&page=${n}`} />
    </AdminLayout>
  );
}

/** One referral: the question, its deadline explained, what the asker was shown, and the steps the state allows. */
export function ReferralCasePage(
  p: Base & {
    c: ReferralCase; today: string; cal: WorkingCalendar; topics: { id: number; name: string }[]; values: Record<string, string>; errors?: FieldErrors;
    transfers?: TransferStep[]; rating?: CaseRating | null; transferTargets?: { id: number; name: string }[];
    /** What routing by duty suggested when it was sent, and the place the asker chose. */
    suggested?: { orgName: string | null; reason: string; place: string | null } | null;
  },
) {
  const r = p.c.r;
  const deadline = r.deadline as { explanation?: string };
  const suggestions = (r.suggestions as { kind: string; title: string; url: string; score: number }[]) ?? [];
  const can = (a: ReferralAction) => referralRefusal(a, { status: r.status, answered: r.answered_at !== null, promoted: r.qa_id !== null }) === null;
  return (
    <AdminLayout ctx={p.ctx} title={`咨询 ${r.tracking_no}`} actorName={p.actorName} csrfToken={p.csrfToken} flash={p.flash} crumbs={[{ label: '转人工咨询', href: '/admin/referrals' }, { label: r.tracking_no }]}>
      <h1>咨询 {r.tracking_no}</h1>
      <ErrorSummary errors={p.errors} />
      <table class="meta-table">
        <tbody>
          <tr><th scope="row">状态</th><td>{REFERRAL_STATUS_LABELS[r.status]}{r.qa_id ? <> · <a href={`/admin/review/qa/${r.qa_id}`}>已转为政策问答 #{r.qa_id}</a></> : null}</td></tr>
          <tr><th scope="row">部门</th><td>{r.org_name}</td></tr>
          <tr><th scope="row">提问人</th><td>{[r.asker_masked || '未留称呼', r.email_masked ? `邮箱 ${r.email_masked}` : '', r.account_id ? `公众账号 #${r.account_id}` : ''].filter(Boolean).join(' · ')}</td></tr>
          <tr><th scope="row">提交时间</th><td>{formatChinaDateTime(new Date(r.submitted_at))}</td></tr>
          <tr>
            <th scope="row">答复期限</th>
            <td>
              {OPEN_REFERRAL_STATUSES.includes(r.status) ? <DueCell dueOn={String(r.due_on)} provisional={r.due_provisional} status="open" today={p.today} cal={p.cal} /> : String(r.due_on)}
              <br />
              <small>{deadline.explanation ?? ''}</small>
            </td>
          </tr>
          <tr><th scope="row">办理人</th><td>{r.assignee ?? '未指定'}</td></tr>
          {p.suggested ? <tr><th scope="row">系统推荐</th><td>{p.suggested.orgName ?? '—'}（{p.suggested.reason}）{p.suggested.place ? ` · 提问人所选地区：${p.suggested.place}` : ''}</td></tr> : null}
          {p.rating ? <tr><th scope="row">满意度</th><td>{SATISFACTION_LABELS[p.rating.rating]}{p.rating.comment ? `：${p.rating.comment}` : ''}（{formatChinaDateTime(p.rating.ratedAt)}）</td></tr> : null}
        </tbody>
      </table>
      <h2>问题</h2>
      <p class="pre-wrap">{r.question}</p>
      {suggestions.length ? (
        <>
          <h2>提问人已看到的参考答案</h2>
          <ul>
            {suggestions.map((s) => (
              <li><a href={s.url}>{s.title}</a>（匹配度 {Math.round(s.score * 100)}%）</li>
            ))}
          </ul>
        </>
      ) : null}
      {p.transfers?.length ? (
        <>
          <h2>转办记录</h2>
          <ol class="timeline">
            {p.transfers.map((t) => (
              <li>
                {formatChinaDateTime(t.at)} {t.by ?? '—'}：由{t.fromName}转办至{t.toName}。理由：{t.reason}。答复期限 {t.dueBefore ?? '—'} → {t.dueAfter ?? '—'}
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {r.answered_at ? (
        <>
          <h2>答复</h2>
          <Html html={sanitizeRichText(r.answer_html)} class="answer-body" />
        </>
      ) : null}
      {can('assign') ? (
        <form method="post" action={`/admin/referrals/${r.id}/assign`} class="panel">
          <CsrfField token={p.csrfToken} />
          <Field name="assigneeId" label="指定办理人" errors={p.errors}>
            <select id="f-assigneeId" name="assigneeId">
              {p.c.staff.map((s) => <option value={String(s.id)} selected={r.assignee_id === s.id}>{s.display_name}</option>)}
            </select>
          </Field>
          <button type="submit" class="secondary">指定</button>
        </form>
      ) : null}
      {can('answer') ? (
        <form method="post" action={`/admin/referrals/${r.id}/answer`} class="panel">
          <CsrfField token={p.csrfToken} />
          <Field name="answerHtml" label="答复内容" errors={p.errors} hint="可使用段落、列表、加粗、链接等格式（HTML），保存时自动清理不安全的内容。答复后即送达提问人（个人中心、邮箱、查询页面）。" required>
            <textarea id="f-answerHtml" name="answerHtml" rows={10} data-rich-text>{p.values.answerHtml ?? ''}</textarea>
          </Field>
          <button type="submit">答复并送达</button>
        </form>
      ) : null}
      {can('promote') ? (
        <form method="post" action={`/admin/referrals/${r.id}/promote`} class="panel">
          <CsrfField token={p.csrfToken} />
          <p>把这个问题和答复转为政策问答，送审核；发布后订阅了相关内容的公众会收到推送。</p>
          <Field name="topicId" label="主题分类" errors={p.errors} hint="订阅了这一主题的公众会收到推送；送审后也可在问答编辑页修改。">
            <select id="f-topicId" name="topicId">
              <option value="">（暂不分类）</option>
              {p.topics.map((t) => (
                <option value={t.id} selected={p.values.topicId === String(t.id)}>{t.name}</option>
              ))}
            </select>
          </Field>
          <button type="submit">转为政策问答并送审</button>
        </form>
      ) : null}
      {can('transfer') && p.transferTargets?.length ? (
        <form method="post" action={`/admin/referrals/${r.id}/transfer`} class="panel">
          <CsrfField token={p.csrfToken} />
          <h2>转办</h2>
          <p>不属于本机构职责的，转给负责的机构办理：对方从收到之日起重新计算答复期限，提问人会收到通知，咨询编号不变。</p>
          <Field name="toOrgId" label="转办至" errors={p.errors} required>
            <select id="f-toOrgId" name="toOrgId">
              <option value="">（请选择）</option>
              {p.transferTargets.map((o) => <option value={String(o.id)} selected={p.values.toOrgId === String(o.id)}>{o.name}</option>)}
            </select>
          </Field>
          <Field name="transferReason" label="转办理由（将告知提问人）" errors={p.errors} required>
            <input id="f-transferReason" name="transferReason" value={p.values.transferReason ?? ''} maxLength={500} required />
          </Field>
          <button type="submit" class="secondary">转办</button>
        </form>
      ) : null}
      {can('close') ? (
        <form method="post" action={`/admin/referrals/${r.id}/close`} class="panel">
          <CsrfField token={p.csrfToken} />
          <Field name="reason" label={r.answered_at ? '办结说明（选填）' : '办结理由（未答复即办结时必填）'} errors={p.errors}>
            <input id="f-reason" name="reason" value={p.values.reason ?? ''} maxLength={500} />
          </Field>
          <button type="submit" class="secondary">办结</button>
        </form>
      ) : null}
    </AdminLayout>
  );
}
