import type { Organization } from '../../../db/schema.js';
import { Html, Pager } from '../../../platform/html/components.js';
import { PublicLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import { publicRichText } from '../../../platform/html/redaction.js';
import type { PublishedRow } from '../../documents/public.js';
import { ChineseDate, ValidityBadge } from '../../documents/public.js';
import type { Validity } from '../../documents/public.js';
import type { CatalogNode } from '../../organizations/public.js';
import type { ListedItem } from '../../../platform/content/listing.js';
import { ColumnMenu, RequestLinks } from './columns.js';

function DocList({ rows }: { rows: PublishedRow[] }) {
  if (rows.length === 0) return <p class="empty">本栏目暂无信息。</p>;
  return (
    <ul class="list">
      {rows.map((d) => (
        <li>
          <a href={`/documents/${d.id}`}>{d.title}</a> <ValidityBadge validity={d.validity as Validity} />
          <div class="meta">{d.doc_no ? `${d.doc_no} · ` : ''}<ChineseDate date={d.published_on} /> · 索引号 {d.index_no}</div>
        </li>
      ))}
    </ul>
  );
}

export function HomePage(p: { ctx: PageContext; orgs: Organization[]; latest: PublishedRow[]; counts: { total: number; effective: number } }) {
  const roots = p.orgs.filter((o) => o.parent_id === null);
  return (
    <PublicLayout ctx={p.ctx} title="首页" feeds={[{ title: '最新政策文件', href: '/feed.atom' }]}>
      <h1>政府信息公开</h1>
      <form method="get" action="/library" class="search-box" role="search">
        <label for="home-q" class="visually-hidden">搜索政策文件</label>
        <input id="home-q" type="search" name="q" placeholder="输入关键词或发文字号，如 最低工资、国办发〔2017〕47号" />
        <button type="submit">搜索文件库</button>
      </form>
      <p>文件库共收录 {p.counts.total} 份公开文件，其中现行有效 {p.counts.effective} 份。<a href="/library?validity=effective">只看现行有效</a> · <a href="/library/invalid">已废止、失效文件</a></p>
      <div class="grid">
        <section class="card">
          <h2>最新发布</h2>
          <DocList rows={p.latest} />
          <p><a href="/library?sort=date">更多文件</a> · <a href="/feed.atom">订阅（Atom）</a></p>
        </section>
        <section class="card">
          <h2>信息公开机构</h2>
          <OrgTree orgs={p.orgs} parents={roots} />
        </section>
      </div>
    </PublicLayout>
  );
}

function OrgTree({ orgs, parents }: { orgs: Organization[]; parents: Organization[] }) {
  return (
    <ul>
      {parents.map((o) => {
        const children = orgs.filter((c) => c.parent_id === o.id);
        return (
          <li>
            <a href={`/org/${o.slug}`}>{o.name}</a>
            {children.length ? <OrgTree orgs={orgs} parents={children} /> : null}
          </li>
        );
      })}
    </ul>
  );
}

export function OrganizationsPage(p: { ctx: PageContext; orgs: Organization[] }) {
  return (
    <PublicLayout ctx={p.ctx} title="信息公开机构" crumbs={[{ label: '信息公开机构' }]}>
      <h1>信息公开机构</h1>
      <OrgTree orgs={p.orgs} parents={p.orgs.filter((o) => o.parent_id === null)} />
    </PublicLayout>
  );
}

export function OrganizationPortal(p: { ctx: PageContext; org: Organization; catalog: CatalogNode[]; latest: PublishedRow[]; children: Organization[] }) {
  const { org } = p;
  return (
    <PublicLayout ctx={p.ctx} title={org.name} crumbs={[{ label: '信息公开机构', href: '/organizations' }, { label: org.name }]} feeds={[{ title: `${org.name}最新文件`, href: `/org/${org.slug}/feed.atom` }]}>
      <h1>{org.name} 政府信息公开</h1>
      <div class="grid">
        <nav class="card" aria-label="公开目录">
          <h2>政府信息公开</h2>
          <ColumnMenu org={org} nodes={p.catalog} />
          <p><a href={`/library?org=${org.id}`}>本机构政策文件检索</a> · <a href={`/interpretations?org=${org.slug}`}>本机构政策解读</a></p>
        </nav>
        <section class="card">
          <h2>最新公开</h2>
          <DocList rows={p.latest} />
          <p><a href={`/org/${org.slug}/feed.atom`}>订阅本机构更新（Atom）</a></p>
        </section>
        <section class="card">
          <h2>联系方式</h2>
          <dl>
            <dt>地址</dt><dd>{org.address || '—'}</dd>
            <dt>办公时间</dt><dd>{org.office_hours || '—'}</dd>
            <dt>电话</dt><dd>{org.phone || '—'}</dd>
            <dt>电子邮箱</dt><dd>{org.email || '—'}</dd>
          </dl>
          {p.children.length ? (
            <>
              <h2>下级机构</h2>
              <ul>{p.children.map((c) => <li><a href={`/org/${c.slug}`}>{c.name}</a></li>)}</ul>
            </>
          ) : null}
        </section>
      </div>
    </PublicLayout>
  );
}

/**
 * A column: its files, paged; the 政策解读 column pages through the organization's interpretations
 * and shows files filed there below; 依申请公开 leads to the forms first.
 */
/** Public items of any kind in a catalog column. */
function ItemList({ rows }: { rows: ListedItem[] }) {
  if (rows.length === 0) return <p class="empty">本栏目暂无信息。</p>;
  return (
    <ul class="list">
      {rows.map((d) => (
        <li>
          <a href={d.url}>{d.title}</a> {d.badge ? <span class="badge">{d.badge}</span> : null}
          <div class="meta">{d.summary ? `${d.summary} · ` : ''}<ChineseDate date={d.date} /></div>
        </li>
      ))}
    </ul>
  );
}

export function CatalogPage(p: { ctx: PageContext; org: Organization; catalog: CatalogNode[]; node: CatalogNode; rows: ListedItem[]; total: number; page: number }) {
  const href = (n: number) => `/org/${p.org.slug}/catalog/${p.node.slug}?page=${n}`;
  return (
    <PublicLayout ctx={p.ctx} title={`${p.node.name} - ${p.org.name}`} crumbs={[{ label: p.org.name, href: `/org/${p.org.slug}` }, { label: p.node.name }]}>
      <h1>{p.node.name}</h1>
      <div class="library">
        <nav class="facets" aria-label="公开目录"><ColumnMenu org={p.org} nodes={p.catalog} current={p.node.id} /></nav>
        <section>
          {p.node.description ? <p>{p.node.description}</p> : null}
          {p.node.role === 'requests' ? <RequestLinks org={p.org} /> : null}
          {p.node.role === 'requests' && p.rows.length === 0 ? null : (
            <>
              <ItemList rows={p.rows} />
              <Pager total={p.total} page={p.page} pageSize={20} href={href} />
            </>
          )}
        </section>
      </div>
    </PublicLayout>
  );
}

export function GuidePage(p: { ctx: PageContext; org: Organization; files: PublishedRow[] }) {
  return (
    <PublicLayout ctx={p.ctx} title={`${p.org.name}政府信息公开指南`} crumbs={[{ label: p.org.name, href: `/org/${p.org.slug}` }, { label: '政府信息公开指南' }]}>
      <h1>{p.org.name}政府信息公开指南</h1>
      <Html class="doc-body" html={publicRichText(p.org.guide_html)} />
      {p.files.length ? <><h2>相关文件</h2><DocList rows={p.files} /></> : null}
      <p class="note">更新于 <ChineseDate date={new Date(p.org.updated_at).toISOString().slice(0, 10)} /></p>
    </PublicLayout>
  );
}
