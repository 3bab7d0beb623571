import { CsrfField } from '../../../platform/html/components.js';
import { PublicLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';

/** One-click unsubscribe from a mail: a confirmation (GET never changes anything), then the result. */
export function UnsubscribePage(p: { ctx: PageContext; csrfToken: string; state: 'confirm' | 'done' | 'gone'; token: string; label?: string }) {
  return (
    <PublicLayout ctx={p.ctx} title="退订" crumbs={[{ label: '个人中心', href: '/account' }, { label: '退订' }]}>
      <h1>退订政策提醒</h1>
      {p.state === 'confirm' ? (
        <form method="post" action="/subscriptions/unsubscribe" class="apply-form">
          <CsrfField token={p.csrfToken} />
          <input type="hidden" name="token" value={p.token} />
          <p>确定不再接收“{p.label}”的提醒吗？退订后，个人中心和邮件都不会再收到这一项的新内容。</p>
          <p class="actions"><button type="submit" class="button">确认退订</button></p>
        </form>
      ) : (
        <p class="flash" role="status">{p.state === 'done' ? `已退订“${p.label}”。` : '这项订阅已经退订过了，无需再次操作。'}</p>
      )}
      <p><a href="/account/subscriptions">管理我的全部订阅</a>（需要登录）</p>
    </PublicLayout>
  );
}
