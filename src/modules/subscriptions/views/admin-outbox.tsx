import { formatChinaDateTime } from '../../../platform/clock/clock.js';
import { Pager } from '../../../platform/html/components.js';
import { mailKindLabel } from '../../../platform/mail/kinds.js';
import { AdminLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';

export interface OutboxRow {
  id: number;
  kind: string;
  to_masked: string;
  subject: string;
  created_at: Date;
  status: string;
  attempts: number;
  last_error: string | null;
}

interface Base {
  ctx: PageContext;
  actorName: string | null;
  csrfToken: string;
}

/** 发件箱: every mail to the public, addresses masked; without SMTP this is where mail waits. */
export function OutboxPage(p: Base & { rows: OutboxRow[]; total: number; page: number; pageSize: number; smtpConfigured: boolean }) {
  return (
    <AdminLayout ctx={p.ctx} title="发件箱" actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[{ label: '发件箱' }]}>
      <h1>发件箱</h1>
      <p class="note">
        {p.smtpConfigured ? '已配置发信服务器（SMTP_URL），邮件每分钟发送一次，失败的按退避时间重试。' : '未配置发信服务器（SMTP_URL）：邮件留存在此，不会发出。'}
        收件地址已打码；邮件中的一次性链接在生产环境不显示。
      </p>
      {p.rows.length === 0 ? (
        <p class="empty">发件箱是空的。</p>
      ) : (
        <table class="meta-table">
          <thead>
            <tr><th scope="col">时间</th><th scope="col">类型</th><th scope="col">收件人</th><th scope="col">主题</th><th scope="col">状态</th></tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <td>{formatChinaDateTime(new Date(r.created_at))}</td>
                <td>{mailKindLabel(r.kind)}</td>
                <td>{r.to_masked}</td>
                <td><a href={`/admin/outbox/${r.id}`}>{r.subject}</a></td>
                <td>{r.status}{r.attempts ? `（已尝试 ${r.attempts} 次）` : ''}{r.last_error ? <p class="note">{r.last_error}</p> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager total={p.total} page={p.page} pageSize={p.pageSize} href={(n) => `/admin/outbox?page=${n}`} />
    </AdminLayout>
  );
}

export function OutboxMailPage(p: Base & { mail: OutboxRow & { body: string; sent_at: Date | null } }) {
  const m = p.mail;
  return (
    <AdminLayout ctx={p.ctx} title={m.subject} actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[{ label: '发件箱', href: '/admin/outbox' }, { label: `邮件 #${m.id}` }]}>
      <h1>{m.subject}</h1>
      <table class="meta-table">
        <tbody>
          <tr><th scope="row">类型</th><td>{mailKindLabel(m.kind)}</td></tr>
          <tr><th scope="row">收件人</th><td>{m.to_masked}</td></tr>
          <tr><th scope="row">生成时间</th><td>{formatChinaDateTime(new Date(m.created_at))}</td></tr>
          <tr><th scope="row">状态</th><td>{m.status}{m.sent_at ? `，${formatChinaDateTime(new Date(m.sent_at))}` : ''}</td></tr>
          {m.last_error ? <tr><th scope="row">最近错误</th><td>{m.last_error}</td></tr> : null}
        </tbody>
      </table>
      <pre class="pre-wrap">{m.body}</pre>
      <p><a href="/admin/outbox">返回发件箱</a></p>
    </AdminLayout>
  );
}
