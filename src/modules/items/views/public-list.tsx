import type { Organization } from '../../../db/schema.js';
import { Pager } from '../../../platform/html/components.js';
import { PublicLayout } from '../../../platform/html/layout.js';
import { FilterSelect, OrgFilter } from '../../../platform/html/form-fields.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import { ChineseDate } from '../../documents/public.js';
import { categoryLabel, INFO_CATEGORIES, PUBLICITY, type InfoCategory } from '../domain/categories.js';
import { publicUrl } from '../domain/labels.js';
import type { PublicItemRow } from '../queries/public.js';

export const ITEMS_PAGE_SIZE = 20;

/** /items: public information items, newest first, by category and organization, with the category's feed. */
export function ItemsPage(p: { ctx: PageContext; orgs: Organization[]; org: Organization | null; category: InfoCategory | null; rows: PublicItemRow[]; total: number; page: number }) {
  const title = `${p.org?.name ?? ''}${p.category?.label ?? '公开信息'}`;
  const query = [p.category ? `category=${encodeURIComponent(p.category.label)}` : '', p.org ? `org=${p.org.slug}` : ''].filter(Boolean).join('&');
  const feed = `/items/feed.atom${query ? `?${query}` : ''}`;
  return (
    <PublicLayout ctx={p.ctx} title={title} crumbs={[{ label: '公开信息', href: '/items' }, ...(p.category ? [{ label: p.category.label }] : [])]}>
      <h1>{title}</h1>
      <form method="get" action="/items" class="search-box no-print">
        <FilterSelect id="i-category" name="category" label="栏目类别" all="全部类别" value={p.category?.label ?? ''} options={INFO_CATEGORIES.map((c) => ({ value: c.label, label: c.label }))} />
        <OrgFilter id="i-org" orgs={p.orgs} value={p.org?.slug} />
        <button type="submit">筛选</button>
      </form>
      <p>共 {p.total} 条。<a href={feed}>订阅本栏目（Atom）</a></p>
      {p.rows.length === 0 ? (
        <p class="empty">暂无信息。</p>
      ) : (
        <ul class="list">
          {p.rows.map((i) => (
            <li>
              <a href={publicUrl(i.id)}>{i.title}</a>
              <div class="meta">
                {p.org ? '' : `${i.org_name} · `}{categoryLabel(i.category)} · <ChineseDate date={i.published_on} />
                {i.category === PUBLICITY && i.publicity_end ? <span> · 公示期至 <ChineseDate date={i.publicity_end} /></span> : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pager total={p.total} page={p.page} pageSize={ITEMS_PAGE_SIZE} href={(n) => `/items?${query ? `${query}&` : ''}page=${n}`} />
    </PublicLayout>
  );
}
