import type { Organization } from '../../../db/schema.js';
import { PublicLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import type { SectionPage } from '../../../platform/html/sections.js';
import type { CatalogNode } from '../../organizations/public.js';
import { ColumnMenu } from './columns.js';

/**
 * 网站地图 for people (the XML sitemap stays for crawlers): every section the modules declare, and every organization
 * with the columns the public can see, in the catalog's order, organizations as their tree.
 */
export function SitemapPage(p: { ctx: PageContext; sections: { href: string; label: string; pages: SectionPage[] }[]; orgs: Organization[]; catalogs: Map<number, CatalogNode[]> }) {
  const tree = (parent: number | null) => {
    const level = p.orgs.filter((o) => o.parent_id === parent);
    return level.length ? (
      <ul>
        {level.map((o) => (
          <li>
            <h3><a href={`/org/${o.slug}`}>{o.name}</a></h3>
            <ColumnMenu org={o} nodes={p.catalogs.get(o.id) ?? []} />
            {tree(o.id)}
          </li>
        ))}
      </ul>
    ) : null;
  };
  return (
    <PublicLayout ctx={p.ctx} title="网站地图" crumbs={[{ label: '网站地图' }]}>
      <h1>网站地图</h1>
      <section>
        <h2>栏目</h2>
        <ul>
          {p.sections.map((s) => (
            <li>
              <a href={s.href}>{s.label}</a>
              {s.pages.length ? <SectionPages pages={s.pages} /> : null}
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h2>信息公开机构</h2>
        {tree(null)}
      </section>
    </PublicLayout>
  );
}

/** A section's pages as their tree (a 专题 with its sub-columns), from the flat list in tree order. */
function SectionPages({ pages, depth = 0 }: { pages: SectionPage[]; depth?: number }) {
  const items: { page: SectionPage; below: SectionPage[] }[] = [];
  for (const page of pages) {
    if (page.depth === depth) items.push({ page, below: [] });
    else items.at(-1)?.below.push(page);
  }
  return (
    <ul>
      {items.map(({ page, below }) => (
        <li>
          <a href={page.href}>{page.label}</a>
          {below.length ? <SectionPages pages={below} depth={depth + 1} /> : null}
        </li>
      ))}
    </ul>
  );
}
