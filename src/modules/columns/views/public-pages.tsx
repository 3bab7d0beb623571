import { Html, Pager } from '../../../platform/html/components.js';
import { PublicLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import { htmlToText, sanitizeRichText } from '../../../platform/html/sanitize.js';
import { ChineseDate } from '../../documents/public.js';
import type { ColumnItem, PublicColumn, PublicTopColumn } from '../queries/public.js';

export const COLUMN_PAGE_SIZE = 20;

/** /columns: the site group's 专题 first, then each organization's (or one organization's: ?org=). */
export function ColumnsPage(p: { ctx: PageContext; columns: PublicTopColumn[]; org: { name: string; slug: string } | null }) {
  const title = p.org ? `${p.org.name}专题专栏` : '专题专栏';
  const groups = new Map<string, PublicTopColumn[]>();
  for (const c of p.columns) {
    const key = c.org_name ?? '全站专题';
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return (
    <PublicLayout ctx={p.ctx} title={title} crumbs={[{ label: '专题专栏', href: '/columns' }, ...(p.org ? [{ label: p.org.name }] : [])]}>
      <h1>{title}</h1>
      {p.org ? <p><a href={`/org/${p.org.slug}`}>返回{p.org.name}信息公开</a></p> : null}
      {p.columns.length === 0 ? <p class="empty">暂无专题专栏。</p> : null}
      {[...groups].map(([group, cols]) => (
        <section>
          {p.org ? null : <h2>{group}</h2>}
          <ul class="list">
            {cols.map((c) => (
              <li>
                <a href={`/columns/${c.slug}`}>{c.name}</a>
                {c.intro_html ? <div class="meta">{htmlToText(c.intro_html).slice(0, 80)}</div> : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </PublicLayout>
  );
}

/** One column: banner, introduction, sub-columns with their counts, and the items of it and its sub-columns. */
export function ColumnPage(p: {
  ctx: PageContext;
  column: PublicColumn;
  ownerName: string | null;
  path: { name: string; slug: string }[];
  children: (PublicColumn & { count: number })[];
  rows: ColumnItem[];
  total: number;
  page: number;
}) {
  const c = p.column;
  const feed = `/columns/${c.slug}/feed.atom`;
  return (
    <PublicLayout
      ctx={p.ctx}
      title={c.name}
      description={htmlToText(c.intro_html).slice(0, 120) || undefined}
      feeds={[{ title: `${c.name} · 最新信息`, href: feed }]}
      crumbs={[{ label: '专题专栏', href: '/columns' }, ...p.path.slice(0, -1).map((x) => ({ label: x.name, href: `/columns/${x.slug}` })), { label: c.name }]}
    >
      {c.banner_key ? <img class="column-banner" src={`/columns/${c.slug}/banner`} alt={c.name} style="width:100%;max-height:12rem;object-fit:cover" /> : null}
      <h1>{c.name}</h1>
      {p.ownerName ? <p class="meta">{p.ownerName}</p> : null}
      {c.intro_html ? <Html html={sanitizeRichText(c.intro_html)} class="body column-intro" /> : null}
      {p.children.length ? (
        <nav aria-label="子栏目" class="column-children">
          <h2>子栏目</h2>
          <ul class="list">
            {p.children.map((x) => <li><a href={`/columns/${x.slug}`}>{x.name}</a> <span class="count">（{x.count}）</span></li>)}
          </ul>
        </nav>
      ) : null}
      <section aria-labelledby="items-h">
        <h2 id="items-h">信息列表</h2>
        <p>共 {p.total} 条。<a href={feed}>订阅（Atom）</a></p>
        {p.rows.length === 0 ? <p class="empty">暂无信息。</p> : (
          <ul class="list">
            {p.rows.map((i) => (
              <li>
                <a href={i.url}>{i.title}</a>
                <div class="meta">{i.kindLabel} · {i.orgName} · <ChineseDate date={i.date} /></div>
              </li>
            ))}
          </ul>
        )}
        <Pager total={p.total} page={p.page} pageSize={COLUMN_PAGE_SIZE} href={(n) => `/columns/${c.slug}?page=${n}`} />
      </section>
    </PublicLayout>
  );
}
