import { CsrfField, ErrorSummary, Field, Pager } from '../../../platform/html/components.js';
import { AdminLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import type { FieldErrors } from '../../../platform/http/errors.js';
import type { DocumentStatus } from '../../../db/schema.js';
import { STATUS_LABELS } from '../../../platform/content/lifecycle.js';
import { validityEventLabels, VALIDITY_EVENT_KINDS, type Validity } from '../domain/validity.js';
import { ChineseDate, ValidityBadge } from './parts.js';
import { formatSize } from './document-page.js';

interface Base {
  ctx: PageContext;
  actorName: string;
  csrfToken: string;
  flash?: string | null;
}

/** What every back-office view of a document shows about it. */
interface DocumentHeading {
  id: number;
  title: string;
  doc_no: string | null;
  index_no: string | null;
  status: DocumentStatus;
  validity: string;
}

export interface AdminRow extends DocumentHeading {
  published_on: string | null;
  org: string;
}

export function AdminDocumentList(p: Base & { rows: AdminRow[]; total: number; page: number; q: string; status: string }) {
  return (
    <AdminLayout ctx={p.ctx} title="文件管理" actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[{ label: '文件管理' }]} flash={p.flash}>
      <h1>文件管理</h1>
      <form method="get" action="/admin/documents" class="search-box">
        <label for="aq" class="visually-hidden">标题、文号或索引号</label>
        <input id="aq" type="search" name="q" value={p.q} placeholder="标题、发文字号或索引号" />
        <label for="as" class="visually-hidden">状态</label>
        <select id="as" name="status">
          <option value="">全部状态</option>
          {(['draft', 'published'] as const).map((s) => <option value={s} selected={p.status === s}>{STATUS_LABELS[s]}</option>)}
        </select>
        <button type="submit">查找</button>
        <a class="button secondary" href="/admin/documents/new">新建文件</a>
      </form>
      <table class="data">
        <thead><tr><th scope="col">标题</th><th scope="col">发文字号</th><th scope="col">机构</th><th scope="col">状态</th><th scope="col">有效性</th><th scope="col">发布日期</th></tr></thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              <td><a href={`/admin/documents/${r.id}`}>{r.title}</a><br /><small class="note">{r.index_no}</small></td>
              <td>{r.doc_no ?? '—'}</td>
              <td>{r.org}</td>
              <td>{STATUS_LABELS[r.status]}</td>
              <td><ValidityBadge validity={r.validity as Validity} /></td>
              <td><ChineseDate date={r.published_on} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.rows.length === 0 ? <p class="empty">没有符合条件的文件。</p> : null}
      <Pager total={p.total} page={p.page} pageSize={30} href={(n) => `/admin/documents?q=${encodeURIComponent(p.q)}&status=${p.status}&page=${n}`} />
    </AdminLayout>
  );
}

export interface AdminDocument extends DocumentHeading {
  current_version: number;
  attachments: { id: number; file_name: string; size_bytes: number; redacted_copy: boolean }[];
  edition_of: number | null;
  openEdition: { id: number; status: DocumentStatus } | null;
  relations: { kind: (typeof VALIDITY_EVENT_KINDS)[number]; effective_on: string; title: string | null; by_document_id: number | null }[];
}

/** `isEditor`: the organization's editor (drafts interpretations, records repeals); `canEdit`: that, on the organization's own document (reference material is not edited here). */
export function AdminDocumentPage(p: Base & { doc: AdminDocument; canEdit: boolean; isEditor: boolean; checks: { blocking: number; warnings: number } | null; errors?: FieldErrors; values?: Record<string, string> }) {
  const d = p.doc;
  const val = (k: string) => p.values?.[k] ?? '';
  return (
    <AdminLayout ctx={p.ctx} title={d.title} actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[{ label: '文件管理', href: '/admin/documents' }, { label: d.title }]} flash={p.flash}>
      <h1>{d.title}</h1>
      <p>
        索引号 {d.index_no} · {d.doc_no ?? '无文号'} · 状态：<strong>{STATUS_LABELS[d.status]}</strong> · 有效性：<ValidityBadge validity={d.validity as Validity} /> · 第 {d.current_version} 版
      </p>
      <div class="actions">
        {p.canEdit ? <a class="button" href={`/admin/documents/${d.id}/edit`}>编辑</a> : null}
        {d.status === 'published' ? <a class="button secondary" href={`/documents/${d.id}`}>查看门户页面</a> : null}
        {d.status !== 'merged' ? <a class="button" href={`/admin/review/document/${d.id}`}>审核与发布</a> : null}
        {p.isEditor && d.status !== 'merged' ? <a class="button secondary" href={`/admin/interpretations/new?document=${d.edition_of ?? d.id}`}>起草政策解读</a> : null}
      </div>
      {p.checks ? (
        <p>
          自动检查：
          {p.checks.blocking ? <strong class="bad">{p.checks.blocking} 处必须处理</strong> : '没有必须处理的问题'}
          {p.checks.warnings ? `，${p.checks.warnings} 条提示待确认` : ''}
          （<a href={`/admin/review/document/${d.id}`}>查看标注</a>）
        </p>
      ) : null}
      <p><a href={`/admin/documents/${d.id}/versions`}>版本记录（含内部修改说明）</a></p>
      {d.edition_of ? <p class="note">这是已发布文件 <a href={`/admin/documents/${d.edition_of}`}>第 {d.edition_of} 号</a> 的修订稿：审核通过并发布后替换公开内容，原内容保留为历史版本。</p> : null}
      {d.openEdition ? <p class="note">该文件有一份修订稿（{STATUS_LABELS[d.openEdition.status]}）：<a href={`/admin/documents/${d.openEdition.id}`}>查看修订稿</a>。门户仍显示当前发布的内容。</p> : null}
      <h2>附件</h2>
      {d.attachments.length ? (
        <ul>
          {d.attachments.map((a) => (
            <li>
              {a.file_name}（{formatSize(a.size_bytes)}）{a.redacted_copy ? '（删减后的公开版本）' : ''}
              {p.canEdit && d.status !== 'published' ? (
                <form method="post" action={`/admin/documents/${d.id}/attachments/${a.id}/remove`} style="display:inline;margin-left:8px">
                  <CsrfField token={p.csrfToken} />
                  <button type="submit" class="secondary" aria-label={`删除附件 ${a.file_name}`}>删除</button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>没有附件。{p.canEdit ? '编辑文件时可以添加。' : ''}</p>
      )}
      <h2>效力变化</h2>
      {d.relations.length ? (
        <ul>{d.relations.map((r) => <li>{validityEventLabels[r.kind]} · 自 <ChineseDate date={r.effective_on} /> 起 · {r.by_document_id ? <a href={`/admin/documents/${r.by_document_id}`}>{r.title}</a> : '（无依据文件）'}</li>)}</ul>
      ) : (
        <p>尚无修改、废止记录。</p>
      )}
      {p.isEditor ? (
        <form method="post" action={`/admin/documents/${d.id}/relations`} class="card">
          <h3>登记修改或废止</h3>
          <ErrorSummary errors={p.errors} />
          <CsrfField token={p.csrfToken} />
          <Field name="kind" label="类型" errors={p.errors} required>
            <select id="f-kind" name="kind">{VALIDITY_EVENT_KINDS.map((k) => <option value={k} selected={val('kind') === k}>{validityEventLabels[k]}</option>)}</select>
          </Field>
          <Field name="byDocument" label="依据文件（发文字号或文件编号）" errors={p.errors} hint="如 宁政发〔2024〕3号，或后台文件编号；“宣布失效”可留空">
            <input id="f-byDocument" name="byDocument" type="text" value={val('byDocument')} aria-describedby="h-byDocument" />
          </Field>
          <Field name="effectiveOn" label="生效日期" errors={p.errors} required>
            <input id="f-effectiveOn" name="effectiveOn" type="date" value={val('effectiveOn')} />
          </Field>
          <Field name="note" label="说明" errors={p.errors}>
            <input id="f-note" name="note" type="text" value={val('note')} />
          </Field>
          <button type="submit">登记</button>
        </form>
      ) : null}
    </AdminLayout>
  );
}
