import type { Organization } from '../../../db/schema.js';
import type { CatalogNode } from '../../organizations/public.js';

/** Where a column leads: the guide is its own page; every other column lists what is filed in it. */
export function columnHref(org: Organization, n: CatalogNode): string {
  return n.role === 'guide' ? `/org/${org.slug}/guide` : `/org/${org.slug}/catalog/${n.slug}`;
}

/** What 依申请公开 offers beside any files in it (the form to download, say): applying and tracking. */
export function RequestLinks({ org }: { org: Organization }) {
  return (
    <ul>
      <li><a href={`/apply?org=${org.slug}`}>在线申请</a></li>
      <li><a href="/requests/track">申请办理查询</a></li>
      <li><a href={`/org/${org.slug}/guide`}>申请须知（公开指南）</a></li>
    </ul>
  );
}

/**
 * An organization's columns in the template's order. The caller passes only visible columns
 * (`visibleColumns`): a count is shown for what holds something, never "(0)".
 */
export function ColumnMenu({ org, nodes, current }: { org: Organization; nodes: CatalogNode[]; current?: number }) {
  return (
    <ul>
      {nodes.map((n) => (
        <li>
          {n.id === current ? <strong aria-current="page">{n.name}</strong> : <a href={columnHref(org, n)}>{n.name}</a>}
          {n.total > 0 && n.role !== 'guide' ? <span class="note"> ({n.total})</span> : null}
          {n.role === 'requests' ? <RequestLinks org={org} /> : null}
          {n.children.length ? <ColumnMenu org={org} nodes={n.children} current={current} /> : null}
        </li>
      ))}
    </ul>
  );
}
