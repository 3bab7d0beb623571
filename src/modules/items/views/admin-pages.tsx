import { formatChinaDateTime } from '../../../platform/clock/clock.js';
import { Html } from '../../../platform/html/components.js';
import type { AdminPageBase } from '../../../platform/html/admin-page.js';
import { FilterSelect } from '../../../platform/html/form-fields.js';
import { ContentListFrame } from '../../../platform/content/admin-list.js';
import { AdminItemFrame, ItemActions, WithdrawnNote } from '../../editions/public.js';
import { sanitizeRichText } from '../../../platform/html/sanitize.js';
import { ATTRIBUTE_LABELS, STATUS_LABELS } from '../../../platform/content/lifecycle.js';
import { ChineseDate, formatSize } from '../../documents/public.js';
import { categoryLabel, INFO_CATEGORIES, PUBLICITY } from '../domain/categories.js';
import { AFTER_PERIOD_LABELS, adminUrl, publicUrl, reviewUrl } from '../domain/labels.js';
import { scopeLine } from '../domain/publicity.js';
import type { AdminItem, AdminItemRow } from '../queries/admin.js';

type Base = AdminPageBase;

export function AdminItemList(p: Base & { rows: AdminItemRow[]; total: number; page: number; pageSize: number; q: string; status: string; category: string; canCreate: boolean }) {
  const href = (n: number) => `/admin/items?q=${encodeURIComponent(p.q)}&category=${p.category}&status=${p.status}&page=${n}`;
  return (
    <ContentListFrame
      {...p} title="信息发布" action="/admin/items" idPrefix="i" qLabel="标题" placeholder="信息标题" create={p.canCreate ? { href: '/admin/items/new', label: '新建信息' } : null}
      empty="没有符合条件的信息。" pager={{ total: p.total, page: p.page, pageSize: p.pageSize, href }}
      filters={<FilterSelect id="ic" name="category" label="栏目类别" all="全部类别" value={p.category} options={INFO_CATEGORIES.map((c) => ({ value: c.code, label: c.label }))} hiddenLabel />}
      columns={['标题', '类别', '机构', '状态', '发布日期']}
      cells={(r) => (
        <>
          <td><a href={adminUrl(r.id)}>{r.title}</a>{r.edition_of ? <small class="note">（修订版本）</small> : null}</td>
          <td>{categoryLabel(r.category)}</td>
          <td>{r.org}</td>
          <td>{STATUS_LABELS[r.status]}{r.taken_down_at ? '（公示期满已撤下）' : ''}</td>
          <td><ChineseDate date={r.published_on} /></td>
        </>
      )}
    />
  );
}

export function AdminItemPage(p: Base & { item: AdminItem; canEdit: boolean }) {
  const i = p.item;
  return (
    <AdminItemFrame {...p} title={i.title} section={{ label: '信息发布', href: '/admin/items' }} noun="信息" kept="地址和索引号" adminUrl={adminUrl}>
      {i.taken_down_at ? <p class="validity-banner" role="note">公示期已满，已于 {formatChinaDateTime(new Date(i.taken_down_at))} 从门户撤下。</p> : null}
      <WithdrawnNote item={i} />
      <p>状态：<strong>{STATUS_LABELS[i.status]}</strong> · 最后修改：{formatChinaDateTime(new Date(i.updated_at))}</p>
      <ItemActions item={i} canEdit={p.canEdit} takenDown={!!i.taken_down_at} urls={{ admin: adminUrl, review: reviewUrl, public: publicUrl }} />
      <table class="meta-table">
        <caption class="visually-hidden">信息属性</caption>
        <tbody>
          <tr><th scope="row">索引号</th><td>{i.index_no ?? '（首次发布时编制）'}</td><th scope="row">栏目类别</th><td>{categoryLabel(i.category)}</td></tr>
          <tr><th scope="row">发布机构</th><td>{i.org_name}</td><th scope="row">所属栏目</th><td>{i.catalog_name ?? '—'}</td></tr>
          <tr><th scope="row">主题分类</th><td>{i.topic ?? <em>（未选择，提交审核前必须选择）</em>}</td><th scope="row">发布日期</th><td><ChineseDate date={i.published_on} /></td></tr>
          <tr><th scope="row">来源</th><td>{i.source || <em>（未填写）</em>}</td><th scope="row">公开属性</th><td>{ATTRIBUTE_LABELS[i.attribute]}</td></tr>
          {i.category === PUBLICITY ? (
            <tr>
              <th scope="row">公示期</th><td>{i.publicity_start ?? '—'} 至 {i.publicity_end ?? '—'}（{scopeLine(i.publicity_scope, i.publicity_place)}）</td>
              <th scope="row">期满后</th><td>{i.after_period ? AFTER_PERIOD_LABELS[i.after_period] : '—'}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <h2>正文</h2>
      {i.body_html ? <Html class="doc-body" html={sanitizeRichText(i.body_html)} /> : <p class="empty">（正文为空）</p>}
      {i.attachments.length ? (
        <section>
          <h2>附件</h2>
          <ul>
            {i.attachments.map((a) => <li><a href={`/admin/items/${i.id}/attachments/${a.id}`}>{a.file_name}</a>（{formatSize(a.size_bytes)}）{a.redacted_copy ? '（删减后的公开版本）' : ''}</li>)}
          </ul>
        </section>
      ) : null}
    </AdminItemFrame>
  );
}
