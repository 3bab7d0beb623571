import { AdminItemFrame, ItemActions, WithdrawnNote } from '../../editions/public.js';
import { formatChinaDateTime } from '../../../platform/clock/clock.js';
import { Html, Pager } from '../../../platform/html/components.js';
import { AdminLayout } from '../../../platform/html/layout.js';
import type { AdminPageBase } from '../../../platform/html/admin-page.js';
import { FilterSelect } from '../../../platform/html/form-fields.js';
import { STATUS_FILTER_OPTIONS } from '../../../platform/content/admin-routes.js';
import { sanitizeRichText } from '../../../platform/html/sanitize.js';
import { STATUS_LABELS } from '../../../platform/content/lifecycle.js';
import { ChineseDate, ValidityBadge } from '../../documents/public.js';
import { adminUrl, ORIGIN_LABELS, publicUrl, questionHeadline, reviewUrl } from '../domain/labels.js';
import type { AdminQa, AdminQaRow } from '../queries/admin.js';

type Base = AdminPageBase<string | null>;

export interface QaListFilters {
  q: string;
  status: string;
  department: string;
  org: string;
  /** 复核到期: only entries whose review date has come. */
  due: boolean;
}

export function AdminQaList(p: Base & { rows: AdminQaRow[]; total: number; page: number; pageSize: number; filters: QaListFilters; orgs: { id: number; name: string }[]; departments: string[]; canCreate: boolean }) {
  const f = p.filters;
  const title = f.due ? '复核到期的政策问答' : '政策问答';
  const query = new URLSearchParams({ q: f.q, status: f.status, department: f.department, org: f.org, ...(f.due ? { due: '1' } : {}) }).toString();
  return (
    <AdminLayout ctx={p.ctx} title={title} actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[{ label: '政策问答', href: '/admin/qa' }, ...(f.due ? [{ label: '复核到期' }] : [])]} flash={p.flash}>
      <h1>{title}</h1>
      <p>
        {f.due ? <a href="/admin/qa">全部问答</a> : <a href="/admin/qa?due=1">复核到期</a>}
        {p.canCreate ? <> · <a href="/admin/qa/new">新建问答</a></> : null}
      </p>
      {f.due ? <p>复核日期已到或已过、尚未撤稿的问答，按复核日期排列。请对照现行政策核对答复，修改后更新复核日期。</p> : null}
      <form method="get" action="/admin/qa" class="search-box">
        {f.due ? <input type="hidden" name="due" value="1" /> : null}
        <label for="qq" class="visually-hidden">问题</label>
        <input id="qq" type="search" name="q" value={f.q} placeholder="问题或其他问法中的文字" />
        <FilterSelect id="qs" name="status" label="状态" all="全部状态" value={f.status} options={STATUS_FILTER_OPTIONS} hiddenLabel />
        <FilterSelect id="qo" name="org" label="机构" all="全部机构" value={f.org} options={p.orgs.map((o) => ({ value: o.id, label: o.name }))} hiddenLabel />
        <label for="qd" class="visually-hidden">答复部门</label>
        <select id="qd" name="department">
          <option value="">全部答复部门</option>
          {[...new Set([...(f.department ? [f.department] : []), ...p.departments])].map((d) => <option selected={f.department === d}>{d}</option>)}
        </select>
        <button type="submit">查找</button>
      </form>
      <table class="data">
        <caption class="visually-hidden">{title}，共 {p.total} 条</caption>
        <thead><tr><th scope="col">问题</th><th scope="col">答复部门</th><th scope="col">机构</th><th scope="col">依据文件</th><th scope="col">状态</th><th scope="col">来源</th><th scope="col">发布日期</th><th scope="col">复核日期</th></tr></thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              <td><a href={adminUrl(r.id)}>{questionHeadline(r.question)}</a>{r.edition_of ? <small class="note">（修订版本）</small> : null}</td>
              <td>{r.department || '—'}</td>
              <td>{r.org}</td>
              <td>{r.documents}</td>
              <td>{STATUS_LABELS[r.status]}</td>
              <td>{ORIGIN_LABELS[r.origin]}</td>
              <td><ChineseDate date={r.published_on} /></td>
              <td><ChineseDate date={r.review_on} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.rows.length === 0 ? <p class="empty">{f.due ? '没有复核到期的问答。' : '没有符合条件的政策问答。'}</p> : null}
      <Pager total={p.total} page={p.page} pageSize={p.pageSize} href={(n) => `/admin/qa?${query}&page=${n}`} />
    </AdminLayout>
  );
}

export function AdminQaPage(p: Base & { item: AdminQa; canEdit: boolean; today: string }) {
  const e = p.item;
  const headline = questionHeadline(e.question);
  return (
    <AdminItemFrame {...p} title={headline} section={{ label: '政策问答', href: '/admin/qa' }} noun="问答" adminUrl={adminUrl}>
      {e.review_on && e.review_on <= p.today && e.status !== 'withdrawn' ? <p class="validity-banner warn" role="note">复核日期已到：请对照现行政策核对答复，并更新复核日期。</p> : null}
      <p>
        状态：<strong>{STATUS_LABELS[e.status]}</strong> · 来源：{ORIGIN_LABELS[e.origin]} · 所属机构：{e.org_name} · 发布日期：<ChineseDate date={e.published_on} /> · 最后修改：{formatChinaDateTime(new Date(e.updated_at))}
      </p>
      <ItemActions item={e} canEdit={p.canEdit} urls={{ admin: adminUrl, review: reviewUrl, public: publicUrl }} />
      <WithdrawnNote item={e} />
      <table class="meta-table">
        <caption class="visually-hidden">问答信息</caption>
        <tbody>
          <tr><th scope="row">问题</th><td style="white-space:pre-line">{e.question}</td></tr>
          <tr><th scope="row">其他问法</th><td>{e.phrasings.length ? <ul>{e.phrasings.map((x) => <li>{x}</li>)}</ul> : '—'}</td></tr>
          <tr><th scope="row">答复部门</th><td>{e.department || <em>（未填写，提交审核前必须填写）</em>}</td></tr>
          <tr><th scope="row">咨询电话</th><td>{e.contact || <em>（未填写，提交审核前必须填写）</em>}</td></tr>
          <tr><th scope="row">主题分类</th><td>{e.topic ?? '—'}</td></tr>
          <tr><th scope="row">服务对象</th><td>{e.audiences.length ? e.audiences.join('、') : '—'}</td></tr>
          <tr><th scope="row">复核日期</th><td><ChineseDate date={e.review_on} /></td></tr>
        </tbody>
      </table>
      <h2>依据的文件</h2>
      {e.documents.length ? (
        <ul>
          {e.documents.map((d) => (
            <li>
              <a href={`/admin/documents/${d.id}`}>{d.title}</a>{d.doc_no ? `（${d.doc_no}）` : ''}{d.clause ? ` ${d.clause}` : ''} · {d.org} · {STATUS_LABELS[d.status]} <ValidityBadge validity={d.validity} />
            </li>
          ))}
        </ul>
      ) : (
        <p>尚未关联文件。</p>
      )}
      <h2>答复内容</h2>
      {e.answer_html ? <Html class="doc-body" html={sanitizeRichText(e.answer_html)} /> : <p class="empty">（答复为空）</p>}
    </AdminItemFrame>
  );
}
