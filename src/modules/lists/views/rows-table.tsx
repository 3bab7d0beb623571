import type { ComponentChildren } from 'preact';
import type { ListType } from '../domain/list-types.js';
import type { ListRow } from '../queries/rows.js';

/** A version's rows as a table: 序号 and the type's columns; `actions` adds a last cell (the back office's 编辑). */
export function RowsTable({ type, rows, caption, actions }: { type: ListType; rows: ListRow[]; caption: string; actions?: (r: ListRow) => ComponentChildren }) {
  return (
    <div class="table-scroll" role="region" aria-label={caption} tabIndex={0} style="overflow-x:auto">
      <table class="data list-rows">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">序号</th>
            {type.columns.map((c) => <th scope="col">{c.label}</th>)}
            {actions ? <th scope="col">操作</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td>{r.no}</td>
              {type.columns.map((c) => <td style="white-space:pre-line">{r.cells[c.key] ?? ''}</td>)}
              {actions ? <td>{actions(r)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The search box over a version's rows (GET: works without script, and the address can be shared). */
export function RowSearch({ action, q, total, all }: { action: string; q: string; total: number; all: number }) {
  return (
    <form method="get" action={action} class="search-box no-print" role="search">
      <label for="lq">在本清单中查找</label>
      <input id="lq" type="search" name="q" value={q} maxLength={160} placeholder="事项名称、依据等关键词，多个词用空格分隔" />
      <button type="submit">查找</button>
      {q ? <span> 找到 {total} 项（共 {all} 项） <a href={action}>显示全部</a></span> : <span> 共 {all} 项</span>}
    </form>
  );
}
