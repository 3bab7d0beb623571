import { formatChinaDateTime } from '../../../platform/clock/clock.js';
import { CsrfField, ErrorSummary, Field } from '../../../platform/html/components.js';
import { AdminLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import type { FieldErrors } from '../../../platform/http/errors.js';
import { MAX_QUERY_LENGTH } from '../domain/normalize.js';
import type { BestBetRow } from '../queries/best-bets.js';
import { QUERY_LIST_LABELS, UNOPENED_MIN_SEARCHES, type QueryList, type QueryRow } from '../queries/weekly.js';

interface Base {
  ctx: PageContext;
  actorName: string;
  csrfToken: string;
  flash?: string | null;
}

export interface WeekChoice {
  value: string;
  label: string;
}

export type BestBetValues = { query?: string; target?: string; note?: string };

const CRUMB = { label: '搜索分析', href: '/admin/search-log' };
/** The synonym dictionary (智能问答's, which the library's search shares); ?terms= starts a group with the query. */
const SYNONYMS = '/admin/ask/synonyms';

const LIST_HINTS: Record<QueryList, string> = {
  top: '按搜索次数排列。点击率低的热词，可考虑设置推荐结果。',
  empty: '有搜索没有找到任何文件的检索词，按无结果次数排列（含加了筛选条件后无结果的）。可为其补充同义词（如“社保”与“社会保险”），或设置推荐结果。',
  unopened: `搜索至少 ${UNOPENED_MIN_SEARCHES} 次、有结果但无人点击任何结果的检索词：结果可能不对题，可调整同义词或设置推荐结果。`,
};

export function SearchLogPage(p: Base & { period: { param: string; label: string }; choices: WeekChoice[]; lists: Record<QueryList, QueryRow[]> }) {
  const exportUrl = (list: QueryList) => `/admin/search-log/export.xlsx?week=${encodeURIComponent(p.period.param)}&list=${list}`;
  return (
    <AdminLayout ctx={p.ctx} title="搜索分析" actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[{ label: '搜索分析' }]} flash={p.flash}>
      <h1>搜索分析</h1>
      <p>政策文件库的检索词按周（周一至周日）统计：只计第一页的搜索，检索词已统一全半角、大小写和空格，其中的手机号码、身份证号码、电子邮箱等个人信息在保存前已替换为“[手机号码]”等字样。</p>
      <form method="get" action="/admin/search-log" class="search-box">
        <label for="week">统计周期</label>
        <select id="week" name="week">
          <option value="" selected={p.period.param === ''}>上周和本周</option>
          {p.choices.map((c) => <option value={c.value} selected={p.period.param === c.value}>{c.label}</option>)}
        </select>
        <button type="submit">查看</button>
        <a class="button secondary" href="/admin/search-log/best-bets">管理推荐结果</a>
      </form>
      <p role="status">当前统计：{p.period.label}</p>
      {(['top', 'empty', 'unopened'] as const).map((list) => (
        <section aria-labelledby={`h-${list}`}>
          <h2 id={`h-${list}`}>{QUERY_LIST_LABELS[list]}</h2>
          <p class="hint">{LIST_HINTS[list]} <a href={exportUrl(list)}>导出 Excel</a></p>
          <QueryTable rows={p.lists[list]} />
        </section>
      ))}
    </AdminLayout>
  );
}

function QueryTable({ rows }: { rows: QueryRow[] }) {
  if (rows.length === 0) return <p class="empty">该周期内没有符合条件的检索词。</p>;
  return (
    <table class="data">
      <thead>
        <tr><th scope="col">序号</th><th scope="col">检索词</th><th scope="col">搜索次数</th><th scope="col">无结果次数</th><th scope="col">点击次数</th><th scope="col">操作</th></tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr>
            <td>{i + 1}</td>
            <td><a href={`/library?q=${encodeURIComponent(r.query)}`} rel="nofollow">{r.query}</a></td>
            <td>{r.searches}</td>
            <td>{r.empty}</td>
            <td>{r.opens}</td>
            <td>
              <a href={`${SYNONYMS}?terms=${encodeURIComponent(r.query)}`}>补充同义词</a> · <a href={`/admin/search-log/best-bets?q=${encodeURIComponent(r.query)}#f-target`}>设为推荐</a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function BestBetsPage(p: Base & { rows: BestBetRow[]; values: BestBetValues; errors?: FieldErrors }) {
  const v = p.values;
  return (
    <AdminLayout ctx={p.ctx} title="推荐结果" actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[CRUMB, { label: '推荐结果' }]} flash={p.flash}>
      <h1>推荐结果</h1>
      <p>公众在政策文件库搜索某个检索词时，为其推荐的条目显示在结果上方的“推荐”栏中（每个检索词最多 5 条）。只显示当前公开的条目：条目撤稿或不再公开后自动不再显示。</p>
      <ErrorSummary errors={p.errors} />
      <section aria-labelledby="add-title">
        <h2 id="add-title">添加推荐结果</h2>
        <form method="post" action="/admin/search-log/best-bets" novalidate>
          <CsrfField token={p.csrfToken} />
          <Field name="query" label="检索词" errors={p.errors} required hint="公众输入的检索词；全半角、大小写和多余空格不影响匹配。">
            <input id="f-query" name="query" type="text" size={40} maxLength={MAX_QUERY_LENGTH} value={v.query ?? ''} />
          </Field>
          <Field name="target" label="推荐的条目" errors={p.errors} required hint="条目公开页面的地址，如 /documents/123、/interpretations/45，或完整网址；只填数字时视为文件编号。">
            <input id="f-target" name="target" type="text" size={60} maxLength={300} value={v.target ?? ''} />
          </Field>
          <Field name="note" label="说明" errors={p.errors} hint="为何推荐（仅后台可见），可不填。">
            <input id="f-note" name="note" type="text" size={60} maxLength={200} value={v.note ?? ''} />
          </Field>
          <div class="actions">
            <button type="submit">添加</button>
            <a class="button secondary" href="/admin/search-log">返回搜索分析</a>
          </div>
        </form>
      </section>
      <h2>已设置的推荐结果</h2>
      {p.rows.length === 0 ? (
        <p class="empty">尚未设置推荐结果。</p>
      ) : (
        <table class="data">
          <thead>
            <tr><th scope="col">检索词</th><th scope="col">推荐的条目</th><th scope="col">说明</th><th scope="col">添加人</th><th scope="col">添加时间</th><th scope="col">操作</th></tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <td>{r.query}</td>
                <td>
                  {r.url && r.title ? <a href={r.url}>{r.title}</a> : <span>{r.kindLabel} {r.itemId}（已不存在）</span>}
                  <br />
                  <small>{r.kindLabel}{r.title && !r.isPublic ? ' · 当前未公开，不显示' : ''}</small>
                </td>
                <td>{r.note}</td>
                <td>{r.createdBy ?? '—'}</td>
                <td>{formatChinaDateTime(r.createdAt)}</td>
                <td>
                  <form method="post" action={`/admin/search-log/best-bets/${r.id}/delete`} class="inline-form">
                    <CsrfField token={p.csrfToken} />
                    <button type="submit" class="link-button danger">删除</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}
