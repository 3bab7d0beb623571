import { AdminLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import { ROLE_LABELS } from '../commands/create-staff.js';
import type { Role } from '../../../db/schema.js';
import type { WaitingItem } from '../waiting.js';

export interface WorkbenchData {
  roles: { orgName: string; role: Role }[];
  counts: { drafts: number; published: number; expiringSoon: number };
  /** What waits for this person (waiting.ts), by their roles. */
  waiting: WaitingItem[];
  /** Whether documents are part of this person's work (the card is left out otherwise). */
  editor: boolean;
}

export function Workbench(p: { ctx: PageContext; actorName: string; csrfToken: string; data: WorkbenchData }) {
  return (
    <AdminLayout ctx={p.ctx} title="工作台" actorName={p.actorName} csrfToken={p.csrfToken}>
      <h1>工作台</h1>
      <div class="grid">
        {p.data.waiting.length ? (
          <section class="card" aria-labelledby="waiting-h">
            <h2 id="waiting-h">待办</h2>
            <ul class="waiting">
              {p.data.waiting.map((w) => (
                <li class={w.urgent ? 'tag-alert' : undefined}>
                  <a href={w.href}>{w.label}</a> <strong>{w.count}</strong> 件
                </li>
              ))}
            </ul>
          </section>
        ) : null}
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
        {p.data.editor ? (
        <section class="card">
          <h2>我可管理的文件</h2>
          <ul>
            <li><a href="/admin/documents?status=draft">草稿 {p.data.counts.drafts} 件</a></li>
            <li><a href="/admin/documents?status=published">已发布 {p.data.counts.published} 件</a></li>
            <li><a href="/admin/documents?expiring=1">半年内到期的规范性文件 {p.data.counts.expiringSoon} 件</a>（应在到期前评估是否继续施行）</li>
          </ul>
          <p><a class="button" href="/admin/documents/new">新建文件</a></p>
        </section>
        ) : null}
      </div>
    </AdminLayout>
  );
}
