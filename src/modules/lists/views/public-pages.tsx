import type { Organization } from '../../../db/schema.js';
import { formatChineseDate } from '../../../platform/clock/clock.js';
import { Pager } from '../../../platform/html/components.js';
import { PublicLayout } from '../../../platform/html/layout.js';
import { FilterSelect, OrgFilter } from '../../../platform/html/form-fields.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import { LIST_TYPES, listType, type ListType } from '../domain/list-types.js';
import { publicListUrl, publicVersionUrl } from '../domain/labels.js';
import type { PublicList, PublicListRow, PublicVersion } from '../queries/public.js';
import type { ListRow } from '../queries/rows.js';
import { RowSearch, RowsTable } from './rows-table.js';

export const ROWS_PAGE_SIZE = 50;

const date = (d: string | null) => (d ? <time datetime={d}>{formatChineseDate(d)}</time> : <span>—</span>);

/** /lists: every published list, by type, filterable by type and organization. */
export function ListsPage(p: { ctx: PageContext; orgs: Organization[]; org: Organization | null; type: ListType | null; rows: PublicListRow[] }) {
  const title = `${p.org?.name ?? ''}${p.type?.label ?? '清单'}`;
  const groups = Object.values(LIST_TYPES).map((t) => ({ t, rows: p.rows.filter((r) => r.list_type === t.type) })).filter((g) => g.rows.length);
  return (
    <PublicLayout ctx={p.ctx} title={title} crumbs={[{ label: '清单', href: '/lists' }, ...(p.org || p.type ? [{ label: title }] : [])]}>
      <h1>{title}</h1>
      <form method="get" action="/lists" class="search-box no-print">
        <FilterSelect id="l-type" name="type" label="清单类型" all="全部类型" value={p.type?.type ?? ''} options={Object.values(LIST_TYPES).map((t) => ({ value: t.type, label: t.label }))} />
        <OrgFilter id="l-org" orgs={p.orgs} value={p.org?.slug} />
        <button type="submit">筛选</button>
      </form>
      {groups.length === 0 ? <p class="empty">暂无已发布的清单。</p> : null}
      {groups.map((g) => (
        <section>
          <h2>{g.t.label}</h2>
          <p class="hint">{g.t.description}</p>
          <ul class="list">
            {g.rows.map((r) => (
              <li>
                <a href={publicListUrl(r.id)}>{r.title}</a>
                <div class="meta">{r.org_name} · 第 {r.version_no} 版 · 共 {r.row_count} 项 · 发布日期 {date(r.published_on)}</div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </PublicLayout>
  );
}

interface VersionView {
  ctx: PageContext;
  list: PublicList;
  version: PublicVersion;
  rows: ListRow[];
  total: number;
  q: string;
  page: number;
}

/** A list's page (/lists/:id: its current version) or one published version's (/lists/:id/versions/:v). */
export function ListVersionPage(p: VersionView) {
  const t = listType(p.list.list_type)!;
  const v = p.version;
  const isCurrent = v.id === p.list.current.id;
  const base = isCurrent ? publicListUrl(p.list.id) : publicVersionUrl(p.list.id, v.version_no);
  const crumbs = [{ label: '清单', href: '/lists' }, { label: t.label, href: `/lists?type=${t.type}` }, ...(isCurrent ? [{ label: p.list.title }] : [{ label: p.list.title, href: publicListUrl(p.list.id) }, { label: `第 ${v.version_no} 版` }])];
  const older = p.list.versions.filter((x) => x.version_no < p.list.current.version_no);
  return (
    <PublicLayout ctx={p.ctx} title={isCurrent ? p.list.title : `${v.title}（第 ${v.version_no} 版）`} crumbs={crumbs} description={t.description}>
      <h1 class="doc-title">{isCurrent ? p.list.title : v.title}</h1>
      {isCurrent ? null : (
        <p class="validity-banner warn" role="note">
          这是第 {v.version_no} 版，已被新版本替代。现行版本为 <a href={publicListUrl(p.list.id)}>第 {p.list.current.version_no} 版</a>。
        </p>
      )}
      <table class="meta-table">
        <caption class="visually-hidden">清单信息</caption>
        <tbody>
          <tr><th scope="row">清单类型</th><td>{t.label}</td><th scope="row">发布机构</th><td><a href={`/org/${p.list.org_slug}`}>{p.list.org_name}</a></td></tr>
          <tr><th scope="row">版本</th><td>第 {v.version_no} 版（共 {v.row_count} 项）</td><th scope="row">发布日期</th><td>{date(v.published_on)}</td></tr>
          {v.change_note ? <tr><th scope="row">修订说明</th><td colSpan={3}>{v.change_note}</td></tr> : null}
        </tbody>
      </table>
      <p class="no-print">
        <a href={`${publicVersionUrl(p.list.id, v.version_no)}/export.xlsx`} download>下载 Excel 表格</a>
        {v.version_no > 1 && older.length ? <> · <a href={`/lists/${p.list.id}/compare?from=${older.find((x) => x.version_no < v.version_no)?.version_no ?? older[0]!.version_no}&to=${v.version_no}`}>与上一版本比较</a></> : null}
      </p>
      <RowSearch action={base} q={p.q} total={p.total} all={v.row_count} />
      {p.rows.length ? <RowsTable type={t} rows={p.rows} caption={`${p.list.title}第 ${v.version_no} 版`} /> : <p class="empty">{p.q ? '没有找到包含这些词的事项。' : '本清单没有事项。'}</p>}
      <Pager total={p.total} page={p.page} pageSize={ROWS_PAGE_SIZE} href={(n) => `${base}?q=${encodeURIComponent(p.q)}&page=${n}`} />
      <VersionHistory list={p.list} />
    </PublicLayout>
  );
}

/** The published versions of a list, and a form to compare two of them. */
function VersionHistory({ list }: { list: PublicList }) {
  if (list.versions.length < 2) return null;
  return (
    <section class="no-print">
      <h2>历史版本</h2>
      <ul class="list">
        {list.versions.map((x) => (
          <li>
            <a href={x.id === list.current.id ? publicListUrl(list.id) : publicVersionUrl(list.id, x.version_no)}>第 {x.version_no} 版</a>
            {x.id === list.current.id ? '（现行）' : ''} · {date(x.published_on)} · 共 {x.row_count} 项{x.change_note ? ` · ${x.change_note}` : ''}
          </li>
        ))}
      </ul>
      <form method="get" action={`/lists/${list.id}/compare`} class="search-box">
        <label for="c-from">比较</label>
        <select id="c-from" name="from">{list.versions.map((x, i) => <option value={x.version_no} selected={i === 1}>第 {x.version_no} 版</option>)}</select>
        <label for="c-to">与</label>
        <select id="c-to" name="to">{list.versions.map((x, i) => <option value={x.version_no} selected={i === 0}>第 {x.version_no} 版</option>)}</select>
        <button type="submit">查看变化</button>
      </form>
    </section>
  );
}
