import { formatChinaDateTime } from '../../../platform/clock/clock.js';
import { AdminLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import { Comparison, ComparePicker, type ComparisonProps, type PublicEditionSummary } from '../../editions/public.js';

interface Base {
  ctx: PageContext;
  actorName: string;
  csrfToken: string;
  documentId: number;
  title: string;
}

export interface StaffVersion {
  version_no: number;
  created_at: Date;
  note: string;
  author: string | null;
}

/**
 * Every saved version of a document, drafts and staff notes included: the internal history staff
 * keep. Beside it, what the public sees (its published editions), so the difference is plain.
 */
export function DocumentHistoryPage(p: Base & { versions: StaffVersion[]; editions: PublicEditionSummary[] }) {
  return (
    <AdminLayout ctx={p.ctx} title={`版本记录：${p.title}`} actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[{ label: '文件管理', href: '/admin/documents' }, { label: p.title, href: `/admin/documents/${p.documentId}` }, { label: '版本记录' }]}>
      <h1>版本记录（内部）</h1>
      <p class="note">每次保存都留有一个版本，含审核前的草稿和内部修改说明，仅本机构工作人员可见。公众只能看到已发布的版本（下方“公开版本”）。</p>
      <table class="data">
        <thead><tr><th scope="col">版本</th><th scope="col">保存时间</th><th scope="col">保存人</th><th scope="col">修改说明（内部）</th></tr></thead>
        <tbody>{p.versions.map((v) => <tr><td>第 {v.version_no} 版</td><td>{formatChinaDateTime(v.created_at)}</td><td>{v.author ?? '系统'}</td><td>{v.note || '—'}</td></tr>)}</tbody>
      </table>
      <ComparePicker action={`/admin/documents/${p.documentId}/versions/compare`} versions={p.versions.map((v) => v.version_no)} />
      <h2>公开版本</h2>
      {p.editions.length ? (
        <ul>{p.editions.map((e) => <li>第 {e.editionNo} 版 · {formatChinaDateTime(e.publishedAt)} 发布{e.changeNote ? ` · 修订说明：${e.changeNote}` : ''}</li>)}</ul>
      ) : (
        <p>尚无记录的公开版本。</p>
      )}
    </AdminLayout>
  );
}

export function DocumentVersionComparePage(p: Base & { comparison: ComparisonProps }) {
  return (
    <AdminLayout ctx={p.ctx} title={`版本对比：${p.title}`} actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[{ label: '文件管理', href: '/admin/documents' }, { label: p.title, href: `/admin/documents/${p.documentId}` }, { label: '版本记录', href: `/admin/documents/${p.documentId}/versions` }, { label: '版本对比' }]}>
      <h1>版本对比（内部）：{p.comparison.aLabel} 与 {p.comparison.bLabel}</h1>
      <Comparison {...p.comparison} />
    </AdminLayout>
  );
}
