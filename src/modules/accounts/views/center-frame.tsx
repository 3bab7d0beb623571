import type { ComponentChildren } from 'preact';
import { CsrfField } from '../../../platform/html/components.js';
import { PublicLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';

export interface CenterProps {
  ctx: PageContext;
  csrfToken: string;
  /** Who is signed in, as shown (the masked address, or the chosen name). */
  who: string;
  flash?: string | null;
}

const TABS = [
  { href: '/account', label: '消息' },
  { href: '/account/cases', label: '我的办件' },
  { href: '/account/subscriptions', label: '我的订阅' },
  { href: '/account/policies', label: '可能适用于您的政策' },
  { href: '/account/profile', label: '个人/企业信息' },
];

/** The personal center's frame: who is signed in, its sections, signing out. Never cached. */
export function CenterFrame(p: CenterProps & { title: string; current: string; children: ComponentChildren }) {
  return (
    <PublicLayout ctx={p.ctx} title={p.title} crumbs={[{ label: '个人中心', href: '/account' }, { label: p.title }]}>
      <div class="card">
        <form method="post" action="/account/logout" class="inline-form">
          <span>您好，{p.who}</span> <CsrfField token={p.csrfToken} />
          <button type="submit">退出登录</button>
        </form>
        <nav aria-label="个人中心">
          <ul class="list">
            {TABS.map((t) => (
              <li>{t.href === p.current ? <strong aria-current="page">{t.label}</strong> : <a href={t.href}>{t.label}</a>}</li>
            ))}
          </ul>
        </nav>
      </div>
      <h1>{p.title}</h1>
      {p.flash ? <p class="flash" role="status">{p.flash}</p> : null}
      {p.children}
    </PublicLayout>
  );
}
