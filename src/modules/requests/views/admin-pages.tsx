import { formatChinaDateTime } from '../../../platform/clock/clock.js';
import type { WorkingCalendar } from '../../../platform/calendar/working-calendar.js';
import { describedBy, ErrorSummary, Field, Pager } from '../../../platform/html/components.js';
import { AdminLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import type { FieldErrors } from '../../../platform/http/errors.js';
import { DUE_SOON_DAYS } from '../domain/clock.js';
import { outcomeOf } from '../domain/outcomes.js';
import { STATUS_LABELS } from '../domain/workflow.js';
import type { activeReminders, proactiveProposals, WorkbenchRow, WorkbenchView } from '../queries.admin.js';
import { WORKBENCH_VIEWS } from '../queries.admin.js';
import { CHANNELS, RECEIPT_RULES } from '../schemas.js';
import { ApplicantFields, InformationFields } from './public-apply-fields.js';

interface Base {
  ctx: PageContext;
  actorName: string | null;
  csrfToken: string;
  flash?: string | null;
}

/** How much time is left, in the words a handler scans for: overdue, due today, N working days left. */
export function DueCell({ dueOn, provisional, status, today, cal }: { dueOn: string | null; provisional: boolean; status: string; today: string; cal: WorkingCalendar }) {
  if (!dueOn) return <span class="due due-paused">{status === 'pending' ? '待登记' : '暂停计时'}</span>;
  const left = cal.workingDaysBetween(today, dueOn);
  const cls = left < 0 ? 'due due-overdue' : left <= DUE_SOON_DAYS ? 'due due-soon' : 'due';
  const words = left < 0 ? `已逾期 ${-left} 个工作日` : left === 0 ? '今天到期' : `剩 ${left} 个工作日`;
  return (
    <span class={cls}>
      {dueOn}
      {provisional ? '（暂定）' : ''}
      <br />
      <small>{words}</small>
    </span>
  );
}

export function Workbench(p: Base & { reminders: Awaited<ReturnType<typeof activeReminders>>; rows: WorkbenchRow[]; total: number; capped: boolean; counts: Record<string, number>; view: WorkbenchView; q: string; page: number; pageSize: number; today: string; cal: WorkingCalendar; canIntake: boolean }) {
  const href = (view: string, page = 1) => `/admin/requests?view=${view}&q=${encodeURIComponent(p.q)}&page=${page}`;
  return (
    <AdminLayout ctx={p.ctx} title="依申请公开" actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[{ label: '依申请公开' }]} flash={p.flash}>
      <h1>依申请公开办理</h1>
      <p class="actions-row">
        {p.canIntake ? <a class="button" href="/admin/requests/new">登记窗口、邮寄或传真申请</a> : null}
        <a class="button secondary" href="/admin/requests/report">年度报告统计（表三、表四）</a>
        <a class="button secondary" href="/admin/requests/proposals">建议转为主动公开</a>
        <a class="button secondary" href="/deadline">答复期限计算器</a>
      </p>
      {p.reminders.length ? (
        <section class="card reminders" aria-labelledby="rem-h">
          <h2 id="rem-h">期限提醒</h2>
          <ul>
            {p.reminders.map((m) => (
              <li class={m.kind === 'overdue' ? 'tag-alert' : undefined}>
                <a href={`/admin/requests/${m.id}`}>{m.tracking_no}</a> {m.subject}：{m.kind === 'overdue' ? `已于 ${m.due_on} 逾期` : `将于 ${m.due_on} 到期`}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <nav class="tabs" aria-label="办理视图">
        {(Object.keys(WORKBENCH_VIEWS) as WorkbenchView[]).map((v) => (
          <a href={href(v)} aria-current={v === p.view ? 'page' : undefined} class={v === 'overdue' && p.counts.overdue ? 'tab-alert' : undefined}>
            {WORKBENCH_VIEWS[v]}
            {v in p.counts ? ` (${p.counts[v]})` : ''}
          </a>
        ))}
      </nav>
      <form method="get" action="/admin/requests" class="search-box">
        <input type="hidden" name="view" value={p.view} />
        <label for="rq" class="visually-hidden">申请编号或内容</label>
        <input id="rq" type="search" name="q" value={p.q} placeholder="申请编号或所需信息名称" />
        <button type="submit">查找</button>
      </form>
      <table class="data">
        <caption class="visually-hidden">{WORKBENCH_VIEWS[p.view]}，按答复期限排序</caption>
        <thead>
          <tr><th scope="col">申请编号</th><th scope="col">所需信息</th><th scope="col">申请人</th><th scope="col">受理机关</th><th scope="col">收到日期</th><th scope="col">状态</th><th scope="col">{p.view === 'closed' ? '办理结果' : '答复期限'}</th><th scope="col">办理人</th></tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              <td><a href={`/admin/requests/${r.id}`}>{r.tracking_no}</a></td>
              <td>
                {r.subject}
                {r.repeat_of ? <span class="tag tag-warn">疑似重复</span> : null}
                {r.mass_flag ? <span class="tag tag-warn">申请频繁</span> : null}
              </td>
              <td>{r.applicant_masked}</td>
              <td>{r.org_name}</td>
              <td>{r.received_on ?? <small>{formatChinaDateTime(new Date(r.submitted_at))} 网上提交</small>}</td>
              <td>{STATUS_LABELS[r.status]}</td>
              <td>{p.view === 'closed' ? (r.outcome ? `${outcomeOf(r.outcome).short}（${r.closed_on}）` : '—') : <DueCell dueOn={r.due_on} provisional={r.due_provisional} status={r.status} today={p.today} cal={p.cal} />}</td>
              <td>{r.handler_name ?? '未分配'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.rows.length === 0 ? <p class="empty">没有符合条件的申请。</p> : null}
      {p.capped ? <p class="hint">已办结的申请超过 {p.total} 件，以下按办结日期从新到旧列出；请用申请编号或名称查找更早的申请。</p> : null}
      <Pager total={p.total} page={p.page} pageSize={p.pageSize} href={(n) => href(p.view, n)} />
    </AdminLayout>
  );
}

export function IntakeForm(p: Base & { orgs: { id: number; name: string }[]; values: Record<string, string>; errors?: FieldErrors }) {
  const v = p.values;
  const e = p.errors;
  return (
    <AdminLayout ctx={p.ctx} title="登记申请" actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[{ label: '依申请公开', href: '/admin/requests' }, { label: '登记申请' }]}>
      <h1>登记窗口、邮寄或传真申请</h1>
      <ErrorSummary errors={e} />
      <form method="post" action="/admin/requests" enctype="multipart/form-data" class="form">
        <input type="hidden" name="_csrf" value={p.csrfToken} />
        <fieldset>
          <legend>收件</legend>
          <Field name="orgId" label="受理机关" errors={e} required>
            <select id="f-orgId" name="orgId">{p.orgs.map((o) => <option value={o.id} selected={String(o.id) === v.orgId}>{o.name}</option>)}</select>
          </Field>
          <Field name="channel" label="收件渠道" errors={e} required hint="收到申请之日依条例第三十一条按渠道确定">
            <select id="f-channel" name="channel" aria-describedby={describedBy('channel', e, true)}>
              {(['in_person', 'post_signed', 'post_unsigned', 'fax'] as const).map((c) => <option value={c} selected={v.channel === c}>{CHANNELS[c]}：{RECEIPT_RULES[c]}</option>)}
            </select>
          </Field>
          <Field name="receivedOn" label="收到申请之日（提交、签收或确认日期）" errors={e} required>
            <input id="f-receivedOn" type="date" name="receivedOn" value={v.receivedOn ?? ''} aria-describedby={describedBy('receivedOn', e)} />
          </Field>
        </fieldset>
        <ApplicantFields values={v} errors={e} />
        <InformationFields values={v} errors={e} suggest={false} />
        <Field name="attachments" label="附件（申请书、身份证明的扫描件等，最多 5 个）" errors={e} hint="可上传 PDF、Word（.docx）、JPG、PNG">
          <input id="f-attachments" type="file" name="attachments" multiple accept=".pdf,.docx,.jpg,.jpeg,.png" aria-describedby={describedBy('attachments', e, true)} />
        </Field>
        <p><button type="submit">登记并出具回执</button></p>
      </form>
    </AdminLayout>
  );
}

export function ProposalsPage(p: Base & { groups: Awaited<ReturnType<typeof proactiveProposals>> }) {
  return (
    <AdminLayout ctx={p.ctx} title="建议转为主动公开" actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[{ label: '依申请公开', href: '/admin/requests' }, { label: '建议转为主动公开' }]}>
      <h1>建议转为主动公开的信息</h1>
      <p>过去一年内，多个申请人（至少 3 人）申请内容相同或相近、且可以公开的信息。依条例第四十四条，可以纳入主动公开范围。</p>
      {p.groups.length === 0 ? <p class="empty">目前没有多人申请的相同信息。</p> : null}
      {p.groups.map((g) => (
        <section class="card">
          <h2>{g.lead.subject}</h2>
          <p>{g.lead.org_name} · {g.applicants} 位申请人 · {g.members.length} 件申请</p>
          <ul>{g.members.map((m) => <li><a href={`/admin/requests/${m.id}`}>{m.tracking_no}</a> {m.subject}</li>)}</ul>
          <p><a class="button secondary" href={`/admin/documents/new?title=${encodeURIComponent(g.lead.subject)}`}>起草主动公开文件</a></p>
        </section>
      ))}
    </AdminLayout>
  );
}
