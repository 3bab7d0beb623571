import { PublicLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import { listType, type ListType } from '../domain/list-types.js';
import { publicListUrl, publicVersionUrl } from '../domain/labels.js';
import type { Cells, RowDiff } from '../domain/rows.js';
import type { PublicList, PublicVersion } from '../queries/public.js';

/** Rows shown per section; a larger change is counted and can be read in the two versions' spreadsheets. */
export const SHOWN_PER_SECTION = 300;

const keyLabel = (t: ListType, c: Cells) => t.columns.filter((x) => x.key_part).map((x) => c[x.key]).filter(Boolean).join(' · ');

function RowsSection({ t, title, rows, mark }: { t: ListType; title: string; rows: Cells[]; mark: 'ins' | 'del' }) {
  if (rows.length === 0) return null;
  const Mark = mark;
  return (
    <section>
      <h2>{title}（{rows.length} 项）</h2>
      <div style="overflow-x:auto">
        <table class="data">
          <thead><tr>{t.columns.map((c) => <th scope="col">{c.label}</th>)}</tr></thead>
          <tbody>
            {rows.slice(0, SHOWN_PER_SECTION).map((r) => (
              <tr>{t.columns.map((c) => <td style="white-space:pre-line">{r[c.key] ? <Mark>{r[c.key]}</Mark> : ''}</td>)}</tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > SHOWN_PER_SECTION ? <p class="hint">仅列出前 {SHOWN_PER_SECTION} 项，完整内容请下载两个版本的 Excel 表格对照。</p> : null}
    </section>
  );
}

/** What changed between two published versions of a list: rows added, removed and changed, cell by cell. */
export function ListComparePage(p: { ctx: PageContext; list: PublicList; from: PublicVersion; to: PublicVersion; diff: RowDiff }) {
  const t = listType(p.list.list_type)!;
  const d = p.diff;
  const href = (v: PublicVersion) => (v.id === p.list.current.id ? publicListUrl(p.list.id) : publicVersionUrl(p.list.id, v.version_no));
  const title = `${p.list.title}：第 ${p.from.version_no} 版与第 ${p.to.version_no} 版比较`;
  return (
    <PublicLayout ctx={p.ctx} title={title} crumbs={[{ label: '清单', href: '/lists' }, { label: p.list.title, href: publicListUrl(p.list.id) }, { label: '版本比较' }]}>
      <h1 class="doc-title">{title}</h1>
      <p>
        <a href={href(p.from)}>第 {p.from.version_no} 版</a>（共 {p.from.row_count} 项）→ <a href={href(p.to)}>第 {p.to.version_no} 版</a>（共 {p.to.row_count} 项）：
        新增 <strong>{d.added.length}</strong> 项，删除 <strong>{d.removed.length}</strong> 项，修改 <strong>{d.changed.length}</strong> 项，未变 {d.unchanged} 项。
      </p>
      {p.to.change_note ? <p>修订说明：{p.to.change_note}</p> : null}
      {d.added.length + d.removed.length + d.changed.length === 0 ? <p class="empty">两个版本的事项相同。</p> : null}
      <RowsSection t={t} title="新增事项" rows={d.added} mark="ins" />
      <RowsSection t={t} title="删除事项" rows={d.removed} mark="del" />
      {d.changed.length ? (
        <section>
          <h2>修改事项（{d.changed.length} 项）</h2>
          {d.changed.slice(0, SHOWN_PER_SECTION).map((c) => (
            <table class="data list-change">
              <caption>{keyLabel(t, c.after)}</caption>
              <thead><tr><th scope="col">列</th><th scope="col">第 {p.from.version_no} 版</th><th scope="col">第 {p.to.version_no} 版</th></tr></thead>
              <tbody>
                {t.columns.filter((col) => c.changed.includes(col.key)).map((col) => (
                  <tr>
                    <th scope="row">{col.label}</th>
                    <td style="white-space:pre-line">{c.before[col.key] ? <del>{c.before[col.key]}</del> : '（空）'}</td>
                    <td style="white-space:pre-line">{c.after[col.key] ? <ins>{c.after[col.key]}</ins> : '（空）'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
          {d.changed.length > SHOWN_PER_SECTION ? <p class="hint">仅列出前 {SHOWN_PER_SECTION} 项。</p> : null}
        </section>
      ) : null}
    </PublicLayout>
  );
}
