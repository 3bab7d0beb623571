import { formatChinaDateTime, formatChineseDate } from '../../../platform/clock/clock.js';
import { CsrfField, ErrorSummary, Field } from '../../../platform/html/components.js';
import { AdminLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import type { FieldErrors } from '../../../platform/http/errors.js';
import type { CalendarYearPage, YearStatus } from '../queries.js';

const STATUS_TEXT: Record<YearStatus, string> = {
  schedule: '本年度放假安排来自日历数据包（按国务院办公厅公布的节假日安排，含调休）。',
  confirmed: '本年度放假安排已由管理员按国务院办公厅通知录入并确认。',
  provisional: '本年度放假安排尚未公布或尚未录入：暂按法定节假日（《全国年节及纪念日放假办法》）和周末推算，不含调休，计算出的答复期限为暂定。',
};

const SOURCE_TEXT: Record<string, string> = { schedule: '国务院安排', statutory: '法定节假日推算', override: '本地调整' };

interface Props {
  ctx: PageContext;
  actorName: string;
  csrfToken: string;
  flash?: string | null;
  page: CalendarYearPage;
  errors?: FieldErrors;
  values?: Record<string, string>;
}

/** 工作日历: one year's days off and make-up working days, the overrides, the year's confirmation. */
export function CalendarAdminPage(p: Props) {
  const { page } = p;
  const y = page.year;
  // Errors of a form shown on this page appear at that form; any other (a refused deletion) at the top.
  const form = p.values?.form;
  const atForm = form === 'override' || (form === 'confirm' && page.status !== 'schedule');
  return (
    <AdminLayout ctx={p.ctx} title={`工作日历 ${y} 年`} actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[{ label: '工作日历' }]} flash={p.flash}>
      <h1>工作日历 · {y} 年</h1>
      {atForm ? null : <ErrorSummary errors={p.errors} />}
      <p class="note">依申请公开答复期限等按工作日计算的期限使用本日历：国务院公布的节假日安排（含调休上班），加上本站的调整。修改日历后，系统立即重新计算所有未办结申请的答复期限。</p>
      <form method="get" action="/admin/calendar" class="inline-form">
        <label for="year">年份</label> <input id="year" name="year" type="number" min={2000} max={2200} value={String(y)} /> <button type="submit">查看</button>
        {' '}<a href={`/admin/calendar?year=${y - 1}`}>上一年</a> · <a href={`/admin/calendar?year=${y + 1}`}>下一年</a>
      </form>
      {page.otherYears.length ? (
        <p>其他有调整或已确认的年份：{page.otherYears.map((o, i) => <>{i ? '、' : ''}<a href={`/admin/calendar?year=${o.year}`}>{o.year} 年</a>{o.confirmed ? '（已确认）' : ''}{o.overrides ? `（${o.overrides} 项调整）` : ''}</>)}</p>
      ) : null}
      <section class="card">
        <h2>本年度状态</h2>
        <p><span class="badge">{page.status === 'schedule' ? '已公布' : page.status === 'confirmed' ? '已确认' : '暂定'}</span> {STATUS_TEXT[page.status]}</p>
        {page.confirmation ? <p>确认人：{page.confirmation.by ?? '—'}，{formatChinaDateTime(page.confirmation.at)}{page.confirmation.note ? `；${page.confirmation.note}` : ''}</p> : null}
        {page.status !== 'schedule' ? <ConfirmForm {...p} /> : null}
      </section>
      <h2>放假和调休上班日</h2>
      <p class="note">未列出的日期：星期一至星期五上班，星期六、星期日休息。</p>
      {page.months.length === 0 ? <p class="empty">本年度没有节假日数据。</p> : null}
      {page.months.map((m) => (
        <table class="data-table">
          <caption>{m.month} 月</caption>
          <thead><tr><th scope="col">日期</th><th scope="col">星期</th><th scope="col">安排</th><th scope="col">名称</th><th scope="col">依据</th></tr></thead>
          <tbody>
            {m.days.map((d) => (
              <tr>
                <td>{formatChineseDate(d.day)}</td><td>{d.weekday}</td><td>{d.working ? '上班' : '休息'}</td><td>{d.name}</td><td>{SOURCE_TEXT[d.source] ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <h2>本站调整（{page.overrides.length} 项）</h2>
      {page.overrides.length ? (
        <table class="data-table">
          <thead><tr><th scope="col">日期</th><th scope="col">安排</th><th scope="col">说明</th><th scope="col">录入</th><th scope="col">操作</th></tr></thead>
          <tbody>
            {page.overrides.map((o) => (
              <tr>
                <td>{formatChineseDate(o.day)}</td><td>{o.working ? '上班' : '休息'}</td><td>{o.note}</td><td>{o.by ?? '—'}，{formatChinaDateTime(o.at)}</td>
                <td>
                  <form method="post" action={`/admin/calendar/overrides/${o.day}/delete`}>
                    <CsrfField token={p.csrfToken} />
                    <button type="submit" class="secondary" aria-label={`删除 ${o.day} 的调整`}>删除</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="empty">本年度没有调整。</p>
      )}
      <OverrideForm {...p} />
    </AdminLayout>
  );
}

function OverrideForm(p: Props) {
  const val = (k: string) => p.values?.[k] ?? '';
  const errors = p.values?.form === 'override' ? p.errors : undefined;
  return (
    <form method="post" action="/admin/calendar/overrides" class="card">
      <h2>添加调整</h2>
      <p class="note">用于本地临时调整，或在国务院办公厅公布新一年度节假日安排后逐日录入放假和调休上班日。同一日期再次录入将覆盖原调整。</p>
      <ErrorSummary errors={errors} />
      <CsrfField token={p.csrfToken} />
      <input type="hidden" name="form" value="override" />
      <Field name="day" label="日期" errors={errors} required>
        <input id="f-day" name="day" type="date" value={val('day')} min="2000-01-01" max="2200-12-31" />
      </Field>
      <fieldset class="field" id="f-working">
        <legend>安排 <span class="req" aria-hidden="true">*</span></legend>
        {errors?.working ? <p class="error-message" id="e-working">{errors.working}</p> : null}
        <label style="display:inline-block;margin-right:1em;font-weight:normal"><input type="radio" name="working" value="0" checked={val('working') !== '1'} /> 休息</label>
        <label style="display:inline-block;margin-right:1em;font-weight:normal"><input type="radio" name="working" value="1" checked={val('working') === '1'} /> 上班</label>
      </fieldset>
      <Field name="note" label="说明" errors={errors} required hint="如 2027年春节调休、因台风停止办公">
        <input id="f-note" name="note" type="text" value={val('note')} maxLength={100} size={40} />
      </Field>
      <button type="submit">保存调整</button>
    </form>
  );
}

function ConfirmForm(p: Props) {
  const y = p.page.year;
  const errors = p.values?.form === 'confirm' ? p.errors : undefined;
  if (p.page.confirmation) {
    return (
      <form method="post" action={`/admin/calendar/years/${y}/unconfirm`}>
        <CsrfField token={p.csrfToken} />
        <button type="submit" class="secondary">撤销确认（恢复为暂定）</button>
      </form>
    );
  }
  return (
    <form method="post" action={`/admin/calendar/years/${y}/confirm`}>
      <ErrorSummary errors={errors} />
      <CsrfField token={p.csrfToken} />
      <input type="hidden" name="form" value="confirm" />
      <div class={errors?.attest ? 'field field-error' : 'field'}>
        {errors?.attest ? <p class="error-message" id="e-attest">{errors.attest}</p> : null}
        <label style="font-weight:normal"><input id="f-attest" type="checkbox" name="attest" value="1" /> 已按国务院办公厅通知录入该年度放假安排（放假日和调休上班日均已作为调整录入）</label>
      </div>
      <Field name="confirmNote" label="通知文号或说明" errors={errors} hint="如 国办发明电〔2026〕7号">
        <input id="f-confirmNote" name="confirmNote" type="text" value={p.values?.form === 'confirm' ? (p.values.confirmNote ?? '') : ''} maxLength={200} size={40} />
      </Field>
      <button type="submit">确认 {y} 年放假安排</button>
    </form>
  );
}
