import { EditionBanners } from '../../editions/public.js';
import { formatChinaDateTime } from '../../../platform/clock/clock.js';
import { Html, Pager } from '../../../platform/html/components.js';
import { AdminLayout } from '../../../platform/html/layout.js';
import type { AdminPageBase } from '../../../platform/html/admin-page.js';
import { FilterSelect } from '../../../platform/html/form-fields.js';
import { STATUS_FILTER_OPTIONS } from '../../../platform/content/admin-routes.js';
import { sanitizeRichText } from '../../../platform/html/sanitize.js';
import { STATUS_LABELS } from '../../../platform/content/lifecycle.js';
import { ChineseDate } from '../../documents/public.js';
import { adminUrl, FORM_LABELS, publicUrl, reviewUrl } from '../domain/labels.js';
import type { AdminInterpretation, AdminInterpretationRow } from '../queries/admin.js';

type Base = AdminPageBase;

export function AdminInterpretationList(p: Base & { rows: AdminInterpretationRow[]; total: number; page: number; pageSize: number; q: string; status: string; canCreate: boolean; canOversee: boolean }) {
  return (
    <AdminLayout ctx={p.ctx} title="政策解读" actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[{ label: '政策解读' }]} flash={p.flash}>
      <h1>政策解读</h1>
      <form method="get" action="/admin/interpretations" class="search-box">
        <label for="iq" class="visually-hidden">标题</label>
        <input id="iq" type="search" name="q" value={p.q} placeholder="解读标题" />
        <FilterSelect id="is" name="status" label="状态" all="全部状态" value={p.status} options={STATUS_FILTER_OPTIONS} hiddenLabel />
        <button type="submit">查找</button>
        {p.canCreate ? <a class="button secondary" href="/admin/interpretations/new">新建解读</a> : null}
      </form>
      {p.canOversee ? (
        <p>
          <a href="/admin/interpretations/overdue">逾期未解读的规范性文件</a> · <a href="/admin/interpretations/rate">解读率统计</a>
        </p>
      ) : null}
      <table class="data">
        <thead><tr><th scope="col">标题</th><th scope="col">形式</th><th scope="col">机构</th><th scope="col">解读文件数</th><th scope="col">状态</th><th scope="col">发布日期</th></tr></thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              <td><a href={adminUrl(r.id)}>{r.title}</a>{r.edition_of ? <small class="note">（修订版本）</small> : null}</td>
              <td>{FORM_LABELS[r.form]}</td>
              <td>{r.org}</td>
              <td>{r.documents}</td>
              <td>{STATUS_LABELS[r.status]}</td>
              <td><ChineseDate date={r.published_on} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.rows.length === 0 ? <p class="empty">没有符合条件的政策解读。</p> : null}
      <Pager total={p.total} page={p.page} pageSize={p.pageSize} href={(n) => `/admin/interpretations?q=${encodeURIComponent(p.q)}&status=${p.status}&page=${n}`} />
    </AdminLayout>
  );
}

export function AdminInterpretationPage(p: Base & { item: AdminInterpretation; canEdit: boolean }) {
  const i = p.item;
  const editable = p.canEdit && i.status !== 'merged' && i.status !== 'withdrawn';
  return (
    <AdminLayout ctx={p.ctx} title={i.title} actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[{ label: '政策解读', href: '/admin/interpretations' }, { label: i.title }]} flash={p.flash}>
      <h1>{i.title}</h1>
      <EditionBanners noun="解读" editionOf={i.edition_of} openEdition={i.openEdition} adminUrl={adminUrl} />
      <p>
        状态：<strong>{STATUS_LABELS[i.status]}</strong> · 解读形式：{FORM_LABELS[i.form]} · 所属机构：{i.org_name} · 发布日期：<ChineseDate date={i.published_on} /> · 最后修改：{formatChinaDateTime(new Date(i.updated_at))}
      </p>
      <div class="actions">
        {editable ? <a class="button" href={`/admin/interpretations/${i.id}/edit`}>编辑</a> : null}
        {i.status !== 'merged' ? <a class="button secondary" href={reviewUrl(i.openEdition?.id ?? i.id)}>审核与发布</a> : null}
        {i.status === 'published' ? <a class="button secondary" href={publicUrl(i.id)}>查看门户页面</a> : null}
      </div>
      {i.status === 'withdrawn' ? (
        <p class="validity-banner" role="note">
          已撤稿（{i.withdrawal_kind === 'notice' ? '门户保留撤稿说明' : '已从门户撤下'}）{i.withdrawal_reason ? `：${i.withdrawal_reason}` : ''}
        </p>
      ) : null}
      <table class="meta-table">
        <caption class="visually-hidden">解读信息</caption>
        <tbody>
          <tr><th scope="row">解读部门</th><td>{i.department || <em>（未填写，提交审核前必须填写）</em>}</td></tr>
          <tr><th scope="row">联系人及电话</th><td>{i.contact || <em>（未填写，提交审核前必须填写）</em>}</td></tr>
        </tbody>
      </table>
      <h2>所解读的文件</h2>
      {i.documents.length ? (
        <ul>
          {i.documents.map((d) => (
            <li><a href={`/admin/documents/${d.id}`}>{d.title}</a>{d.doc_no ? `（${d.doc_no}）` : ''} · {d.org} · {STATUS_LABELS[d.status]}</li>
          ))}
        </ul>
      ) : (
        <p>尚未关联文件。</p>
      )}
      <h2>解读内容</h2>
      {i.body_html ? <Html class="doc-body" html={sanitizeRichText(i.body_html)} /> : <p class="empty">（正文为空）</p>}
    </AdminLayout>
  );
}
