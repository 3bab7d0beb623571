import { ErrorSummary, Field } from '../../../platform/html/components.js';
import { AdminLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import type { FieldErrors } from '../../../platform/http/errors.js';
import type { InterpretationRule } from '../../../db/schema.js';
import { ChineseDate } from '../../documents/public.js';
import { formatRate, type InterpretationRateRow, type OverdueInterpretation } from '../sync.js';

interface Base {
  ctx: PageContext;
  actorName: string;
  csrfToken: string;
}

const RULE_LABELS: Record<InterpretationRule, string> = {
  required: '与文件同步报审',
  grace: '文件发布后限期解读',
  none: '不作要求',
};

export function OverduePage(p: Base & { rows: OverdueInterpretation[]; today: string }) {
  return (
    <AdminLayout ctx={p.ctx} title="逾期未解读的规范性文件" actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[{ label: '政策解读', href: '/admin/interpretations' }, { label: '逾期未解读' }]}>
      <h1>逾期未解读的规范性文件</h1>
      <p>
        截至 <ChineseDate date={p.today} />，已发布、仍然有效、但超过解读期限仍无已发布政策解读的规范性文件。期限为文件发布后若干个工作日（按各机构设置，节假日和调休按国务院办公厅公布的安排计算）。
      </p>
      {p.rows.length ? (
        <table class="data">
          <caption class="visually-hidden">逾期未解读文件清单，共 {p.rows.length} 件</caption>
          <thead><tr><th scope="col">文件</th><th scope="col">机构</th><th scope="col">发布日期</th><th scope="col">解读期限</th><th scope="col">应于此前发布解读</th><th scope="col">已逾期（工作日）</th></tr></thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <td><a href={`/admin/documents/${r.documentId}`}>{r.title}</a>{r.docNo ? <small class="note">（{r.docNo}）</small> : null}</td>
                <td>{r.orgName}</td>
                <td><ChineseDate date={r.publishedOn} /></td>
                <td>{RULE_LABELS[r.rule]}，{r.graceDays} 个工作日</td>
                <td><ChineseDate date={r.dueOn} /></td>
                <td>{r.overdueDays}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="empty">没有逾期未解读的规范性文件。</p>
      )}
    </AdminLayout>
  );
}

export function RatePage(p: Base & { rows: InterpretationRateRow[]; from: string; to: string; values: Record<string, string>; errors?: FieldErrors }) {
  const documents = p.rows.reduce((s, r) => s + r.documents, 0);
  const interpreted = p.rows.reduce((s, r) => s + r.interpreted, 0);
  return (
    <AdminLayout ctx={p.ctx} title="政策解读率" actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[{ label: '政策解读', href: '/admin/interpretations' }, { label: '解读率统计' }]}>
      <h1>政策解读率</h1>
      <ErrorSummary errors={p.errors} />
      <form method="get" action="/admin/interpretations/rate" class="card" novalidate>
        <div class="grid">
          <Field name="from" label="发布日期自" errors={p.errors}>
            <input id="f-from" name="from" type="date" value={p.values.from ?? ''} aria-invalid={p.errors?.from ? 'true' : undefined} />
          </Field>
          <Field name="to" label="至" errors={p.errors}>
            <input id="f-to" name="to" type="date" value={p.values.to ?? ''} aria-invalid={p.errors?.to ? 'true' : undefined} />
          </Field>
        </div>
        <button type="submit">统计</button>
      </form>
      {p.errors ? null : (
        <table class="data">
          <caption>
            <ChineseDate date={p.from} /> 至 <ChineseDate date={p.to} /> 发布的规范性文件（规章、行政规范性文件）中，已有已发布政策解读的比例
          </caption>
          <thead><tr><th scope="col">机构</th><th scope="col">解读要求</th><th scope="col">规范性文件</th><th scope="col">已解读</th><th scope="col">解读率</th></tr></thead>
          <tbody>
            {p.rows.map((r) => (
              <tr><th scope="row">{r.orgName}</th><td>{RULE_LABELS[r.rule]}</td><td>{r.documents}</td><td>{r.interpreted}</td><td>{formatRate(r.rate)}</td></tr>
            ))}
          </tbody>
          <tfoot>
            <tr><th scope="row">合计</th><td></td><td>{documents}</td><td>{interpreted}</td><td>{formatRate(documents ? interpreted / documents : null)}</td></tr>
          </tfoot>
        </table>
      )}
    </AdminLayout>
  );
}
