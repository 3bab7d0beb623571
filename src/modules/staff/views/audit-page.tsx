import { auditActionLabel, auditEntityLabel } from '../../../platform/audit/labels.js';
import { AdminLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';

export interface AuditRow {
  seq: number;
  occurredAt: string;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
}

export function AuditPage(p: { ctx: PageContext; actorName: string; csrfToken: string; rows: AuditRow[]; canVerify: boolean; chain: { ok: boolean; count: number; problems: string[] } | null }) {
  return (
    <AdminLayout ctx={p.ctx} title="审计日志" actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[{ label: '审计日志' }]}>
      <h1>审计日志</h1>
      {p.canVerify && !p.chain ? <p><a class="button secondary" href="/admin/audit?verify=1">校验哈希链是否完整</a></p> : null}
      {p.chain ? (
        <p class={p.chain.ok ? 'flash' : 'error-summary'} role="status">
          {p.chain.ok ? `哈希链完整：共 ${p.chain.count} 条记录，未发现篡改。` : `哈希链校验失败：${p.chain.problems.slice(0, 5).join('；')}`}
        </p>
      ) : null}
      <table class="data">
        <caption class="visually-hidden">最近的操作记录</caption>
        <thead>
          <tr><th scope="col">序号</th><th scope="col">时间</th><th scope="col">操作人</th><th scope="col">操作</th><th scope="col">对象</th></tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              <td>{r.seq}</td>
              <td>{r.occurredAt}</td>
              <td>{r.actorLabel}</td>
              <td>{auditActionLabel(r.action)}</td>
              <td>{auditEntityLabel(r.entityType)} #{r.entityId}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </AdminLayout>
  );
}
