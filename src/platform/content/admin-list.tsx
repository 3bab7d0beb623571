import type { ComponentChildren } from 'preact';
import type { AdminPageBase } from '../html/admin-page.js';
import { Pager, type PagerProps } from '../html/components.js';
import { FilterSelect } from '../html/form-fields.js';
import { AdminLayout } from '../html/layout.js';
import { STATUS_FILTER_OPTIONS } from './admin-routes.js';

export interface ContentListFrameProps<R> extends AdminPageBase {
  /** The page's title, heading and crumb: 政策解读, 信息发布 … */
  title: string;
  /** The list's own address, which the search form reads. */
  action: string;
  /** Prefix of the form's element ids (`${idPrefix}q`, `${idPrefix}s`). */
  idPrefix: string;
  q: string;
  /** What the words are searched in, for the search box's label and placeholder. */
  qLabel: string;
  placeholder: string;
  status: string;
  /** The kind's own filters, between the search box and the status filter. */
  filters?: ComponentChildren;
  /** The 新建 button, for those who may create. */
  create?: { href: string; label: string } | null;
  /** The table: its column headings, the page's rows, and a row's cells (one `<td>` each). */
  columns: readonly string[];
  rows: readonly R[];
  cells: (row: R) => ComponentChildren;
  /** The notice when the page has no rows, and the pages of the whole list. */
  empty: string;
  pager: PagerProps;
  /** What the kind shows between the search form and the table (links to its other pages …). */
  children?: ComponentChildren;
}

/**
 * A kind's back-office list page: the layout, the heading, the search form (words, the kind's
 * filters, the status filter, 新建), the kind's table (its columns and cells), a notice when the
 * page has no rows, and the pager.
 */
export function ContentListFrame<R>(p: ContentListFrameProps<R>) {
  return (
    <AdminLayout ctx={p.ctx} title={p.title} actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[{ label: p.title }]} flash={p.flash}>
      <h1>{p.title}</h1>
      <form method="get" action={p.action} class="search-box">
        <label for={`${p.idPrefix}q`} class="visually-hidden">{p.qLabel}</label>
        <input id={`${p.idPrefix}q`} type="search" name="q" value={p.q} placeholder={p.placeholder} />
        {p.filters}
        <FilterSelect id={`${p.idPrefix}s`} name="status" label="状态" all="全部状态" value={p.status} options={STATUS_FILTER_OPTIONS} hiddenLabel />
        <button type="submit">查找</button>
        {p.create ? <a class="button secondary" href={p.create.href}>{p.create.label}</a> : null}
      </form>
      {p.children}
      <table class="data">
        <thead><tr>{p.columns.map((c) => <th scope="col">{c}</th>)}</tr></thead>
        <tbody>{p.rows.map((r) => <tr>{p.cells(r)}</tr>)}</tbody>
      </table>
      {p.rows.length === 0 ? <p class="empty">{p.empty}</p> : null}
      <Pager {...p.pager} />
    </AdminLayout>
  );
}
