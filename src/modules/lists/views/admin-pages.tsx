import { formatChinaDateTime, formatChineseDate } from '../../../platform/clock/clock.js';
import { CsrfField, ErrorSummary, Field, Pager } from '../../../platform/html/components.js';
import { AdminLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import type { FieldErrors } from '../../../platform/http/errors.js';
import { STATUS_LABELS } from '../../../platform/content/lifecycle.js';
import { LIST_TYPES, listType } from '../domain/list-types.js';
import { adminListUrl, adminVersionUrl, publicListUrl, publicVersionUrl, reviewUrl } from '../domain/labels.js';
import type { AdminList, AdminListRow, AdminVersion } from '../queries/admin.js';
import type { ListRow } from '../queries/rows.js';
import { RowSearch, RowsTable } from './rows-table.js';

interface Base {
  ctx: PageContext;
  actorName: string;
  csrfToken: string;
  flash?: string | null;
}

export type FormValues = Record<string, string | undefined>;
export const ADMIN_PAGE_SIZE = 30;
export const ADMIN_ROWS_PAGE_SIZE = 50;
const EDITABLE = ['draft', 'submitted', 'in_review', 'approved', 'scheduled'];
const CRUMB = { label: '清单管理', href: '/admin/lists' };
const date = (d: string | null) => (d ? formatChineseDate(d) : '—');

export function AdminListsPage(p: Base & { rows: AdminListRow[]; total: number; page: number; q: string; type: string; canCreate: boolean }) {
  return (
    <AdminLayout ctx={p.ctx} title="清单管理" actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[{ label: '清单管理' }]} flash={p.flash}>
      <h1>清单管理</h1>
      <form method="get" action="/admin/lists" class="search-box">
        <label for="lq" class="visually-hidden">清单名称</label>
        <input id="lq" type="search" name="q" value={p.q} placeholder="清单名称" />
        <label for="lt" class="visually-hidden">清单类型</label>
        <select id="lt" name="type">
          <option value="">全部类型</option>
          {Object.values(LIST_TYPES).map((t) => <option value={t.type} selected={p.type === t.type}>{t.label}</option>)}
        </select>
        <button type="submit">查找</button>
        {p.canCreate ? <a class="button secondary" href="/admin/lists/new">新建清单</a> : null}
      </form>
      <table class="data">
        <thead><tr><th scope="col">清单名称</th><th scope="col">类型</th><th scope="col">机构</th><th scope="col">现行版本</th><th scope="col">待发布版本</th></tr></thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              <td><a href={adminListUrl(r.id)}>{r.title}</a></td>
              <td>{listType(r.list_type)?.label}</td>
              <td>{r.org}</td>
              <td>{r.current_no ? `第 ${r.current_no} 版` : '尚未发布'}</td>
              <td>{r.open_id ? <a href={adminVersionUrl(r.open_id)}>第 {r.open_no} 版（{STATUS_LABELS[r.open_status!]}）</a> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.rows.length === 0 ? <p class="empty">没有符合条件的清单。</p> : null}
      <Pager total={p.total} page={p.page} pageSize={ADMIN_PAGE_SIZE} href={(n) => `/admin/lists?q=${encodeURIComponent(p.q)}&type=${p.type}&page=${n}`} />
    </AdminLayout>
  );
}

type Choice = { id: number; org_id: number; label: string };

function CatalogSelect({ choices, orgId, value, errors }: { choices: Choice[]; orgId: number | null; value: string; errors?: FieldErrors }) {
  return (
    <Field name="catalogNodeId" label="所在栏目" errors={errors} hint="清单在本机构公开目录中的栏目（如“权责清单”“行政许可”）；不选则只在清单页面公开。">
      <select id="f-catalogNodeId" name="catalogNodeId">
        <option value="">（不放入栏目）</option>
        {choices.filter((c) => orgId === null || c.org_id === orgId).map((c) => <option value={c.id} selected={value === String(c.id)}>{c.label}</option>)}
      </select>
    </Field>
  );
}

export function NewListForm(p: Base & { orgs: { id: number; name: string }[]; choices: Choice[]; values: FormValues; errors?: FieldErrors }) {
  const v = p.values;
  return (
    <AdminLayout ctx={p.ctx} title="新建清单" actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[CRUMB, { label: '新建清单' }]}>
      <h1>新建清单</h1>
      <ErrorSummary errors={p.errors} />
      <form method="post" action="/admin/lists" novalidate>
        <CsrfField token={p.csrfToken} />
        <Field name="orgId" label="所属机构" errors={p.errors} required>
          <select id="f-orgId" name="orgId">{p.orgs.map((o) => <option value={o.id} selected={v.orgId === String(o.id)}>{o.name}</option>)}</select>
        </Field>
        <Field name="listType" label="清单类型" errors={p.errors} required hint="类型决定清单的列；每一项都须列明依据。">
          <select id="f-listType" name="listType">
            {Object.values(LIST_TYPES).map((t) => <option value={t.type} selected={v.listType === t.type}>{t.label}（{t.columns.map((c) => c.label).join('、')}）</option>)}
          </select>
        </Field>
        <Field name="title" label="清单名称" errors={p.errors} required hint="如“江宁市住房和城乡建设局行政许可事项清单（2026年版）”">
          <input id="f-title" name="title" type="text" size={60} maxLength={200} value={v.title ?? ''} />
        </Field>
        <CatalogSelect choices={p.choices} orgId={null} value={v.catalogNodeId ?? ''} errors={p.errors} />
        <div class="actions">
          <button type="submit">创建并开始编制第 1 版</button>
          <a class="button secondary" href="/admin/lists">取消</a>
        </div>
      </form>
    </AdminLayout>
  );
}

export function AdminListPage(p: Base & { list: AdminList; canEdit: boolean; choices: Choice[]; errors?: FieldErrors }) {
  const l = p.list;
  const t = listType(l.list_type)!;
  const open = l.versions.find((x) => EDITABLE.includes(x.status));
  return (
    <AdminLayout ctx={p.ctx} title={l.title} actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[CRUMB, { label: l.title }]} flash={p.flash}>
      <h1>{l.title}</h1>
      <ErrorSummary errors={p.errors} />
      <p>类型：{t.label} · 所属机构：{l.org_name} · 现行版本：{l.versions.find((x) => x.id === l.current_version_id)?.version_no ?? '尚未发布'}</p>
      <div class="actions">
        {open ? <a class="button" href={adminVersionUrl(open.id)}>继续编辑第 {open.version_no} 版</a> : null}
        {!open && p.canEdit ? (
          <form method="post" action={`/admin/lists/${l.id}/versions`} style="display:inline">
            <CsrfField token={p.csrfToken} />
            <button type="submit">新建版本（复制现行版本的事项）</button>
          </form>
        ) : null}
        {l.current_version_id ? <a class="button secondary" href={publicListUrl(l.id)}>查看门户页面</a> : null}
      </div>
      {p.canEdit ? (
        <form method="post" action={`/admin/lists/${l.id}/placement`} class="form" novalidate>
          <CsrfField token={p.csrfToken} />
          <CatalogSelect choices={p.choices} orgId={l.org_id} value={l.catalog_node_id ? String(l.catalog_node_id) : ''} errors={p.errors} />
          <button type="submit">保存栏目</button>
        </form>
      ) : null}
      <h2>版本</h2>
      <VersionsTable list={l} />
    </AdminLayout>
  );
}

function VersionsTable({ list }: { list: AdminList }) {
  return (
    <table class="data">
      <thead><tr><th scope="col">版本</th><th scope="col">状态</th><th scope="col">事项数</th><th scope="col">发布日期</th><th scope="col">修订说明</th></tr></thead>
      <tbody>
        {list.versions.map((v) => (
          <tr>
            <td><a href={adminVersionUrl(v.id)}>第 {v.version_no} 版</a>{v.id === list.current_version_id ? '（现行）' : ''}</td>
            <td>{STATUS_LABELS[v.status]}</td>
            <td>{v.row_count}</td>
            <td>{date(v.published_on)}</td>
            <td>{v.change_note || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AdminVersionPage(p: Base & { list: AdminList; version: AdminVersion; canEdit: boolean; rows: ListRow[]; total: number; q: string; page: number; values?: FormValues; errors?: FieldErrors }) {
  const { list: l, version: v } = p;
  const t = listType(l.list_type)!;
  const editable = p.canEdit && EDITABLE.includes(v.status);
  const base = adminVersionUrl(v.id);
  const vals = p.values ?? { title: v.title, changeNote: v.change_note };
  return (
    <AdminLayout ctx={p.ctx} title={`${l.title} 第 ${v.version_no} 版`} actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[CRUMB, { label: l.title, href: adminListUrl(l.id) }, { label: `第 ${v.version_no} 版` }]} flash={p.flash}>
      <h1>{v.title}（第 {v.version_no} 版）</h1>
      <p>
        状态：<strong>{STATUS_LABELS[v.status]}</strong> · 类型：{t.label} · 事项数：{v.row_count} · 最后修改：{formatChinaDateTime(new Date(v.updated_at))}
        {v.id === l.current_version_id ? ' · 现行版本' : ''}
      </p>
      {v.status !== 'draft' && editable ? <p class="validity-banner warn" role="note">本版本正在审核中。修改后将退回草稿，需要重新提交审核。</p> : null}
      {v.status === 'withdrawn' && v.withdrawal_reason ? <p class="validity-banner" role="note">已撤回：{v.withdrawal_reason}</p> : null}
      <div class="actions">
        <a class="button secondary" href={reviewUrl(v.id)}>审核与发布</a>
        <a class="button secondary" href={`${base}/export.xlsx`}>导出 Excel</a>
        {v.status === 'published' ? <a class="button secondary" href={v.id === l.current_version_id ? publicListUrl(l.id) : publicVersionUrl(l.id, v.version_no)}>查看门户页面</a> : null}
      </div>
      <ErrorSummary errors={p.errors} />
      {editable ? (
        <>
          <form method="post" action={base} class="form" novalidate>
            <CsrfField token={p.csrfToken} />
            <Field name="title" label="清单名称" errors={p.errors} required><input id="f-title" name="title" type="text" size={60} maxLength={200} value={vals.title ?? ''} /></Field>
            <Field name="changeNote" label="修订说明（公开）" errors={p.errors} hint="本版本较上一版本的主要变化，随版本比较向公众公开。"><input id="f-changeNote" name="changeNote" type="text" size={60} maxLength={500} value={vals.changeNote ?? ''} /></Field>
            <button type="submit">保存</button>
          </form>
          <form method="post" action={`${base}/import`} enctype="multipart/form-data" class="form" novalidate>
            <CsrfField token={p.csrfToken} />
            <Field name="file" label="从 Excel 导入（替换本版本的全部事项）" errors={p.errors} hint={`第一行（或前几行中的一行）为表头，列名：${t.columns.map((c) => c.label).join('、')}；可有“序号”列。任何一行有误则不导入，并逐行说明。`}>
              <input id="f-file" name="file" type="file" accept=".xlsx" />
            </Field>
            <button type="submit">导入</button>
          </form>
          <p><a class="button" href={`${base}/rows/new`}>新增事项</a></p>
        </>
      ) : null}
      <h2>事项</h2>
      <RowSearch action={base} q={p.q} total={p.total} all={v.row_count} />
      {p.rows.length ? (
        <RowsTable
          type={t}
          rows={p.rows}
          caption="清单事项"
          actions={editable ? (r) => (
            <>
              <a href={`${base}/rows/${r.id}/edit`}>编辑</a>
              <form method="post" action={`${base}/rows/${r.id}/delete`} data-confirm="确定删除这一项吗？">
                <CsrfField token={p.csrfToken} />
                <button type="submit" class="link">删除</button>
              </form>
            </>
          ) : undefined}
        />
      ) : <p class="empty">{p.q ? '没有找到包含这些词的事项。' : '本版本还没有事项：请逐项新增，或从 Excel 导入。'}</p>}
      <Pager total={p.total} page={p.page} pageSize={ADMIN_ROWS_PAGE_SIZE} href={(n) => `${base}?q=${encodeURIComponent(p.q)}&page=${n}`} />
    </AdminLayout>
  );
}

/** One row's form: a field per column (a choice list where the type has one). */
export function RowForm(p: Base & { list: AdminList; version: AdminVersion; rowId: number | null; values: FormValues; errors?: FieldErrors }) {
  const t = listType(p.list.list_type)!;
  const base = adminVersionUrl(p.version.id);
  const title = p.rowId ? '编辑事项' : '新增事项';
  return (
    <AdminLayout ctx={p.ctx} title={title} actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[CRUMB, { label: p.list.title, href: adminListUrl(p.list.id) }, { label: `第 ${p.version.version_no} 版`, href: base }, { label: title }]}>
      <h1>{title}</h1>
      <ErrorSummary errors={p.errors} />
      <form method="post" action={p.rowId ? `${base}/rows/${p.rowId}` : `${base}/rows`} novalidate>
        <CsrfField token={p.csrfToken} />
        {t.columns.map((c) => {
          const name = `c_${c.key}`;
          const value = p.values[name] ?? '';
          return (
            <Field name={name} label={c.label} errors={p.errors} required={c.required || c.basis} hint={c.basis ? '法律、法规、规章或规范性文件的名称及条款，每一项都须填写。' : undefined}>
              {c.choices ? (
                <select id={`f-${name}`} name={name}>
                  <option value="">（请选择）</option>
                  {c.choices.map((x) => <option value={x} selected={value === x}>{x}</option>)}
                  {value && !c.choices.includes(value) ? <option value={value} selected>{value}</option> : null}
                </select>
              ) : (c.max ?? 200) > 300 ? (
                <textarea id={`f-${name}`} name={name} rows={4}>{value}</textarea>
              ) : (
                <input id={`f-${name}`} name={name} type="text" size={60} value={value} />
              )}
            </Field>
          );
        })}
        <div class="actions">
          <button type="submit">保存</button>
          <a class="button secondary" href={base}>取消</a>
        </div>
      </form>
    </AdminLayout>
  );
}
