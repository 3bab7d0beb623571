import type { Organization } from '../../../db/schema.js';
import { AdminLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import type { CatalogNode } from '../../organizations/public.js';

export interface OrgEmptyColumns {
  org: Organization;
  columns: { node: CatalogNode; path: string[] }[];
  canEdit: boolean;
}

/**
 * 空栏目: the columns of the staff member's organizations that hold nothing public. The portal
 * hides them; national website checks count them as failures (domain.md §7.2), so they are
 * listed here to be filled or removed.
 */
export function EmptyColumnsPage(p: { ctx: PageContext; actorName: string | null; csrfToken: string; orgs: OrgEmptyColumns[] }) {
  const total = p.orgs.reduce((s, o) => s + o.columns.length, 0);
  return (
    <AdminLayout ctx={p.ctx} title="空栏目" actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[{ label: '空栏目' }]}>
      <h1>空栏目</h1>
      <p class="note">没有任何公开信息的栏目不在门户上显示，但在全国政府网站检查中会被记为“空白栏目”。请发布信息，或删除不需要的栏目。标准栏目（公开制度、公开年报等）不能删除，应当及时发布内容。</p>
      <p>{total === 0 ? '您负责的机构没有空栏目。' : `共 ${total} 个空栏目。`}</p>
      {p.orgs.filter((o) => o.columns.length).map((o) => (
        <section>
          <h2>{o.org.name}（{o.columns.length}）</h2>
          <table class="data">
            <thead><tr><th scope="col">栏目</th><th scope="col">所在位置</th><th scope="col">操作</th></tr></thead>
            <tbody>
              {o.columns.map(({ node, path }) => (
                <tr>
                  <td>{node.name}</td>
                  <td>{path.length ? path.join(' › ') : '（顶层）'}</td>
                  <td>
                    <a href={`/org/${o.org.slug}/catalog/${node.slug}`}>门户页面</a>
                    {o.canEdit ? <> · <a href={`/admin/organizations/${o.org.id}/catalog`}>编辑目录</a></> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </AdminLayout>
  );
}
