import { AdminItemFrame, ItemActions, WithdrawnNote } from '../../editions/public.js';
import { formatChinaDateTime } from '../../../platform/clock/clock.js';
import { Html } from '../../../platform/html/components.js';
import type { AdminPageBase } from '../../../platform/html/admin-page.js';
import { ContentListFrame } from '../../../platform/content/admin-list.js';
import { sanitizeRichText } from '../../../platform/html/sanitize.js';
import { STATUS_LABELS } from '../../../platform/content/lifecycle.js';
import { ChineseDate } from '../../documents/public.js';
import { adminUrl, FORM_LABELS, publicUrl, reviewUrl } from '../domain/labels.js';
import type { AdminInterpretation, AdminInterpretationRow } from '../queries/admin.js';

type Base = AdminPageBase;
const URLS = { admin: adminUrl, review: reviewUrl, public: publicUrl };
const SECTION = { label: '政策解读', href: '/admin/interpretations' };

export function AdminInterpretationList(p: Base & { rows: AdminInterpretationRow[]; total: number; page: number; pageSize: number; q: string; status: string; canCreate: boolean; canOversee: boolean }) {
  return (
    <ContentListFrame
      {...p} title="政策解读" action="/admin/interpretations" idPrefix="i" qLabel="标题" placeholder="解读标题" create={p.canCreate ? { href: '/admin/interpretations/new', label: '新建解读' } : null}
      empty="没有符合条件的政策解读。" pager={{ total: p.total, page: p.page, pageSize: p.pageSize, href: (n) => `/admin/interpretations?q=${encodeURIComponent(p.q)}&status=${p.status}&page=${n}` }}
      columns={['标题', '形式', '机构', '解读文件数', '状态', '发布日期']}
      cells={(r) => (
        <>
          <td><a href={adminUrl(r.id)}>{r.title}</a>{r.edition_of ? <small class="note">（修订版本）</small> : null}</td>
          <td>{FORM_LABELS[r.form]}</td>
          <td>{r.org}</td>
          <td>{r.documents}</td>
          <td>{STATUS_LABELS[r.status]}</td>
          <td><ChineseDate date={r.published_on} /></td>
        </>
      )}
    >
      {p.canOversee ? (
        <p>
          <a href="/admin/interpretations/overdue">逾期未解读的规范性文件</a> · <a href="/admin/interpretations/rate">解读率统计</a>
        </p>
      ) : null}
    </ContentListFrame>
  );
}

export function AdminInterpretationPage(p: Base & { item: AdminInterpretation; canEdit: boolean }) {
  const i = p.item;
  return (
    <AdminItemFrame {...p} title={i.title} section={SECTION} noun="解读" adminUrl={adminUrl}>
      <p>
        状态：<strong>{STATUS_LABELS[i.status]}</strong> · 解读形式：{FORM_LABELS[i.form]} · 所属机构：{i.org_name} · 发布日期：<ChineseDate date={i.published_on} /> · 最后修改：{formatChinaDateTime(new Date(i.updated_at))}
      </p>
      <ItemActions item={i} canEdit={p.canEdit} urls={URLS} />
      <WithdrawnNote item={i} />
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
    </AdminItemFrame>
  );
}
