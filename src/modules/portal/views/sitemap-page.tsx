import type { Organization } from '../../../db/schema.js';
import { PublicLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import type { CatalogNode } from '../../organizations/public.js';
import { ColumnMenu } from './columns.js';

/** The site's own sections, in the order of the main navigation. */
const SECTIONS: { href: string; label: string }[] = [
  { href: '/', label: '首页' },
  { href: '/library', label: '政策文件库' },
  { href: '/library/invalid', label: '已废止、失效文件' },
  { href: '/interpretations', label: '政策解读' },
  { href: '/qa', label: '政策问答' },
  { href: '/ask', label: '智能问答' },
  { href: '/organizations', label: '信息公开机构' },
  { href: '/apply', label: '申请政府信息公开' },
  { href: '/requests/track', label: '申请办理查询' },
  { href: '/deadline', label: '答复期限计算器' },
  { href: '/account', label: '个人中心' },
];

/**
 * 网站地图 for people (the XML sitemap stays for crawlers): every section, and every organization
 * with the columns the public can see, in the catalog's order, organizations as their tree.
 */
export function SitemapPage(p: { ctx: PageContext; orgs: Organization[]; catalogs: Map<number, CatalogNode[]> }) {
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
        <ul>{SECTIONS.map((s) => <li><a href={s.href}>{s.label}</a></li>)}</ul>
      </section>
      <section>
        <h2>信息公开机构</h2>
        {tree(null)}
      </section>
    </PublicLayout>
  );
}
