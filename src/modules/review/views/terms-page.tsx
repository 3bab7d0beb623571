import type { FlaggedAction, ItemType } from '../../../db/schema.js';
import { formatChinaDateTime } from '../../../platform/clock/clock.js';
import { CsrfField, ErrorSummary, Field, Pager } from '../../../platform/html/components.js';
import { AdminLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import type { FieldErrors } from '../../../platform/http/errors.js';
import { FLAGGED_ACTION_LABELS } from '../terms.js';
import { TYPE_LABELS } from './review-pages.js';

interface Term { id: number; term: string; category: string; action: FlaggedAction; replacement: string | null; note: string }
interface Run { id: number; reason: string; started_at: Date; finished_at: Date | null; items_scanned: number; items_flagged: number }
interface Hit { item_type: ItemType; item_id: number; title: string | null; findings: { severity: string; message: string }[] }

/** The flagged-wording dictionary (错敏词库) and the latest rescan of what is published. */
export function TermsPage(p: { ctx: PageContext; actorName: string; csrfToken: string; flash?: string | null; canEdit: boolean; terms: Term[]; total: number; page: number; q: string; errors?: FieldErrors; values?: Record<string, string>; run: Run | null; hits: Hit[] }) {
  const val = (k: string) => p.values?.[k] ?? '';
  return (
    <AdminLayout ctx={p.ctx} title="错敏词库" actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[{ label: '错敏词库' }]} flash={p.flash}>
      <h1>错敏词库</h1>
      <p class="note">发布前的自动检查按此词库查找标题、正文和附件中的词：“禁止”须修改或由审核人排除误报，“建议替换”和“提示”须修改或确认。词库变更后，系统自动复查所有已发布的信息。</p>
      <form method="get" action="/admin/checks/terms" class="inline-form">
        <label for="q">查找</label> <input id="q" name="q" type="search" value={p.q} /> <button type="submit">查找</button>
      </form>
      <table class="data-table">
        <thead><tr><th scope="col">词</th><th scope="col">类别</th><th scope="col">处理</th><th scope="col">正确写法</th><th scope="col">说明</th>{p.canEdit ? <th scope="col">操作</th> : null}</tr></thead>
        <tbody>
          {p.terms.map((t) => (
            <tr>
              <td>{t.term}</td><td>{t.category}</td><td>{FLAGGED_ACTION_LABELS[t.action]}</td><td>{t.replacement ?? '—'}</td><td>{t.note}</td>
              {p.canEdit ? (
                <td>
                  <form method="post" action={`/admin/checks/terms/${t.id}/delete`}>
                    <CsrfField token={p.csrfToken} />
                    <button type="submit" class="secondary" aria-label={`删除 ${t.term}`}>删除</button>
                  </form>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {p.terms.length === 0 ? <p class="empty">没有符合条件的词。</p> : null}
      <Pager total={p.total} page={p.page} pageSize={50} href={(n) => `/admin/checks/terms?q=${encodeURIComponent(p.q)}&page=${n}`} />
      {p.canEdit ? (
        <form method="post" action="/admin/checks/terms" class="card">
          <h2>添加词语</h2>
          <ErrorSummary errors={p.errors} />
          <CsrfField token={p.csrfToken} />
          <Field name="term" label="词语" errors={p.errors} required><input id="f-term" name="term" type="text" value={val('term')} maxLength={100} /></Field>
          <Field name="category" label="类别" errors={p.errors} required hint="如 政治性错误、过时机构名称、不规范用法"><input id="f-category" name="category" type="text" value={val('category')} maxLength={50} /></Field>
          <Field name="action" label="处理" errors={p.errors} required>
            <select id="f-action" name="action">{(Object.keys(FLAGGED_ACTION_LABELS) as FlaggedAction[]).map((a) => <option value={a} selected={val('action') === a}>{FLAGGED_ACTION_LABELS[a]}</option>)}</select>
          </Field>
          <Field name="replacement" label="正确写法" errors={p.errors} hint="“建议替换”时必填"><input id="f-replacement" name="replacement" type="text" value={val('replacement')} maxLength={100} /></Field>
          <Field name="bulk" label="批量添加（选填）" errors={p.errors} hint="每行一个：词语,类别,处理(block/suggest/warn),正确写法">
            <textarea id="f-bulk" name="bulk" rows={4} cols={60}>{val('bulk')}</textarea>
          </Field>
          <button type="submit">添加</button>
        </form>
      ) : null}
      <h2>已发布信息复查</h2>
      {p.run ? (
        <>
          <p>
            最近一次：{formatChinaDateTime(p.run.started_at)}（{p.run.reason}），
            {p.run.finished_at ? `复查 ${p.run.items_scanned} 条，发现问题 ${p.run.items_flagged} 条。` : '正在进行……'}
          </p>
          {p.hits.length ? (
            <ul>
              {p.hits.map((h) => (
                <li>
                  <a href={`/admin/review/${h.item_type}/${h.item_id}`}>{TYPE_LABELS[h.item_type]}：{h.title}</a>：{h.findings.slice(0, 5).map((f) => f.message).join('；')}
                  {h.findings.length > 5 ? ` 等 ${h.findings.length} 处` : ''}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : (
        <p>尚未复查。</p>
      )}
    </AdminLayout>
  );
}
