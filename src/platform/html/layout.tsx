import type { ComponentChildren } from 'preact';
import { CsrfField } from './components.js';
import type { PageContext } from './page-context.js';
import { publicSections } from './sections.js';

export interface Crumb {
  label: string;
  href?: string;
}

interface LayoutProps {
  ctx: PageContext;
  title: string;
  crumbs?: Crumb[];
  description?: string;
  /** Extra <head> links (feeds). */
  feeds?: { title: string; href: string }[];
  /** The search words of a results page, kept in the header's search box. */
  query?: string;
  /** A page made for printing (打印): the site's navigation is left out on screen too. */
  printView?: boolean;
  children: ComponentChildren;
}

const modes = [
  { mode: 'standard', label: '标准版' },
  { mode: 'large', label: '大字版' },
  { mode: 'contrast', label: '高对比度' },
] as const;

/** The public portal's frame: works without script, on a phone, in print, in every display mode. */
export function PublicLayout({ ctx, title, crumbs, description, feeds, query, printView, children }: LayoutProps) {
  const back = encodeURIComponent(ctx.path);
  return (
    // The mode is on the root element too: rem units follow it, so every text scales by one factor.
    <html lang="zh-CN" class={`mode-${ctx.mode}`}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} - ${ctx.siteName}`}</title>
        {description ? <meta name="description" content={description} /> : null}
        {printView ? <meta name="robots" content="noindex" /> : null}
        <link rel="stylesheet" href={ASSET_CSS} />
        {(feeds ?? []).map((f) => (
          <link rel="alternate" type="application/atom+xml" title={f.title} href={f.href} />
        ))}
      </head>
      <body class={printView ? `mode-${ctx.mode} print-view` : `mode-${ctx.mode}`}>
        <a class="skip-link" href="#main">跳到主要内容</a>
        <div class="toolbar no-print" role="region" aria-label="显示模式">
          <div class="wrap">
            <span>显示：</span>
            {modes.map((m) =>
              m.mode === ctx.mode ? (
                <strong aria-current="true">{m.label}</strong>
              ) : (
                <a href={`/prefs?mode=${m.mode}&back=${back}`} rel="nofollow">{m.label}</a>
              ),
            )}
          </div>
        </div>
        <header class="site-header">
          <div class="wrap">
            <a class="site-name" href="/">{ctx.siteName}</a>
            <form class="site-search no-print" action="/library" method="get" role="search">
              <label for="site-q" class="visually-hidden">搜索政策文件</label>
              <input id="site-q" name="q" type="search" placeholder="搜索政策文件、发文字号" value={query} />
              <button type="submit">搜索</button>
            </form>
          </div>
          <nav class="site-nav no-print" aria-label="主导航">
            <div class="wrap">
              {publicSections().filter((s) => s.nav).map((s) => <a href={s.href}>{s.navLabel ?? s.label}</a>)}
            </div>
          </nav>
        </header>
        <main id="main" class="wrap" tabIndex={-1}>
          {crumbs && crumbs.length ? <Breadcrumbs crumbs={crumbs} /> : null}
          {children}
        </main>
        <SiteFooter ctx={ctx} />
      </body>
    </html>
  );
}

/** The footer every government site carries: who runs it, its identification and filing numbers, the sitemap. */
function SiteFooter({ ctx }: { ctx: PageContext }) {
  const f = ctx.footer;
  return (
    <footer class="site-footer">
      <div class="wrap">
        <p>{ctx.siteName}{f ? <> · 主办：{f.sponsor} · 承办：{f.operator}</> : null}</p>
        {f && (f.siteIdCode || f.icpNo || f.psbNo) ? (
          <p>
            {[
              f.siteIdCode ? <>网站标识码：{f.siteIdCode}</> : null,
              f.icpNo ? <a href="https://beian.miit.gov.cn/" rel="noopener">{f.icpNo}</a> : null,
              f.psbNo ? <a href={`https://beian.mps.gov.cn/#/query/webSearch?code=${f.psbNo.replace(/\D/g, '')}`} rel="noopener">{f.psbNo}</a> : null,
            ]
              .filter(Boolean)
              .flatMap((x, i) => (i ? [' · ', x] : [x]))}
          </p>
        ) : null}
        <p>
          <a href="/sitemap">网站地图</a> · {f?.contactUrl ? <a href={f.contactUrl}>联系我们</a> : '联系我们'}{f ? `：${f.contact}` : ''} · <a href="/deadline">答复期限计算器</a> · 本站支持 IPv6 · 推荐使用大字版、高对比度模式
        </p>
      </div>
    </footer>
  );
}

function Breadcrumbs({ crumbs }: { crumbs: Crumb[] }) {
  return (
    <nav class="crumbs no-print" aria-label="当前位置">
      <ol>
        <li><a href="/">首页</a></li>
        {crumbs.map((c, i) => (
          <li>{c.href && i < crumbs.length - 1 ? <a href={c.href}>{c.label}</a> : <span aria-current={i === crumbs.length - 1 ? 'page' : undefined}>{c.label}</span>}</li>
        ))}
      </ol>
    </nav>
  );
}

interface AdminLayoutProps {
  ctx: PageContext;
  title: string;
  actorName: string | null;
  csrfToken: string;
  crumbs?: Crumb[];
  flash?: string | null;
  children: ComponentChildren;
}

/** The back office's frame. */
export function AdminLayout({ ctx, title, actorName, csrfToken, crumbs, flash, children }: AdminLayoutProps) {
  return (
    <html lang="zh-CN" class={`mode-${ctx.mode}`}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${title} - 管理后台 - ${ctx.siteName}`}</title>
        <link rel="stylesheet" href={ASSET_CSS} />
        <script src={ASSET_ADMIN_JS} defer />
      </head>
      <body class={`admin mode-${ctx.mode}`}>
        <a class="skip-link" href="#main">跳到主要内容</a>
        <header class="site-header admin-header">
          <div class="wrap">
            <a class="site-name" href="/admin">管理后台 · {ctx.siteName}</a>
            {actorName ? (
              <form class="logout no-print" method="post" action="/admin/logout">
                <span>{actorName}</span>
                <CsrfField token={csrfToken} />
                <button type="submit">退出登录</button>
              </form>
            ) : null}
          </div>
          {actorName ? (
            <nav class="site-nav no-print" aria-label="后台导航">
              <div class="wrap">
                {(ctx.adminNav ?? []).map((e) => (
                  <a href={e.href} aria-current={ctx.path.split('?')[0] === e.href ? 'page' : undefined}>{e.label}</a>
                ))}
                <a href="/">访问门户</a>
              </div>
            </nav>
          ) : null}
        </header>
        <main id="main" class="wrap" tabIndex={-1}>
          {crumbs && crumbs.length ? <Breadcrumbs crumbs={[{ label: '管理后台', href: '/admin' }, ...crumbs]} /> : null}
          {flash ? <div class="flash" role="status">{flash}</div> : null}
          {children}
        </main>
      </body>
    </html>
  );
}

export const ASSET_CSS = '/assets/site.css?v=5';
export const ASSET_ADMIN_JS = '/assets/admin.js?v=3';
