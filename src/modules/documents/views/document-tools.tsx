import type { DisplayMode, PageContext } from '../../../platform/html/page-context.js';

const SIZES: { mode: DisplayMode; label: string; name: string }[] = [
  { mode: 'large', label: '大', name: '大字号' },
  { mode: 'standard', label: '中', name: '中字号' },
  { mode: 'small', label: '小', name: '小字号' },
];

/**
 * The document page's 打印 · 字号 大中小 · 关闭, as on every government site, but as plain links so
 * they work without script: 打印 opens the print view, a size sets the display mode through
 * /prefs (remembered for the whole site) and comes back, 关闭 returns to where the document is listed.
 */
export function DocumentTools({ ctx, docId, closeHref }: { ctx: PageContext; docId: number; closeHref: string }) {
  const back = encodeURIComponent(ctx.path);
  return (
    <nav class="doc-tools no-print" aria-label="文件工具">
      <a href={`/documents/${docId}?print=1`} rel="nofollow">打印</a>
      <span class="sizes">
        <span>字号：</span>
        {SIZES.map((s) =>
          s.mode === ctx.mode ? (
            <strong aria-current="true" aria-label={s.name}>{s.label}</strong>
          ) : (
            <a href={`/prefs?mode=${s.mode}&back=${back}`} rel="nofollow" aria-label={s.name}>{s.label}</a>
          ),
        )}
      </span>
      <a href={closeHref}>关闭</a>
    </nav>
  );
}

/** The print view's bar (not printed): how to print without script, and the way back. */
export function PrintBar({ docId }: { docId: number }) {
  return (
    <div class="print-bar no-print" role="note">
      <span>打印版：请使用浏览器的“打印”（电脑按 Ctrl+P，手机在浏览器菜单中选择“打印”）。</span>
      <a href={`/documents/${docId}`}>返回正文</a>
    </div>
  );
}
