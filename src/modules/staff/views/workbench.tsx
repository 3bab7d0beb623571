import { AdminLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import { ROLE_LABELS } from '../commands/create-staff.js';
import type { Role } from '../../../db/schema.js';

export interface WorkbenchData {
  roles: { orgName: string; role: Role }[];
  counts: { drafts: number; published: number; expiringSoon: number };
}

export function Workbench(p: { ctx: PageContext; actorName: string; csrfToken: string; data: WorkbenchData }) {
  return (
    <AdminLayout ctx={p.ctx} title="工作台" actorName={p.actorName} csrfToken={p.csrfToken}>
      <h1>工作台</h1>
      <div class="grid">
        <section class="card">
          <h2>我的角色</h2>
          <ul>
            {p.data.roles.map((r) => (
              <li>
                {r.orgName} · {ROLE_LABELS[r.role]}
              </li>
            ))}
          </ul>
        </section>
        <section class="card">
          <h2>我可管理的文件</h2>
          <ul>
            <li><a href="/admin/documents?status=draft">草稿 {p.data.counts.drafts} 件</a></li>
            <li><a href="/admin/documents?status=published">已发布 {p.data.counts.published} 件</a></li>
            <li><a href="/admin/documents?expiring=1">半年内到期的规范性文件 {p.data.counts.expiringSoon} 件</a>（应在到期前评估是否继续施行）</li>
          </ul>
          <p><a class="button" href="/admin/documents/new">新建文件</a></p>
        </section>
      </div>
    </AdminLayout>
  );
}
