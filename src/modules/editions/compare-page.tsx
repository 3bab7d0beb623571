import { PublicLayout } from '../../platform/html/layout.js';
import type { PageContext } from '../../platform/html/page-context.js';
import type { Segment } from './compare.js';

export interface FieldChange {
  label: string;
  before: string;
  after: string;
}

export interface ComparisonProps {
  aLabel: string;
  bLabel: string;
  fields: FieldChange[];
  left: Segment[];
  right: Segment[];
  changed: boolean;
}

/** Two versions side by side: the metadata that changed, then the text with removals and additions marked. */
export function Comparison(p: ComparisonProps) {
  const render = (segs: Segment[]) => segs.map((s) => (s.kind === 'removed' ? <del>{s.text}</del> : s.kind === 'added' ? <ins>{s.text}</ins> : <span>{s.text}</span>));
  return (
    <>
      <p>删除的内容以<del>红色删除线</del>标出，新增的内容以<ins>绿色</ins>标出。</p>
      <h2>信息项变化</h2>
      {p.fields.length === 0 ? (
        <p>信息项没有变化。</p>
      ) : (
        <table class="data">
          <thead><tr><th scope="col">信息项</th><th scope="col">{p.aLabel}</th><th scope="col">{p.bLabel}</th></tr></thead>
          <tbody>{p.fields.map((f) => <tr><th scope="row">{f.label}</th><td><del>{f.before || '（空）'}</del></td><td><ins>{f.after || '（空）'}</ins></td></tr>)}</tbody>
        </table>
      )}
      <h2>正文变化</h2>
      {p.changed ? (
        <div class="compare">
          <section aria-label={`${p.aLabel}正文`}><h3>{p.aLabel}</h3><div style="white-space:pre-wrap">{render(p.left)}</div></section>
          <section aria-label={`${p.bLabel}正文`}><h3>{p.bLabel}</h3><div style="white-space:pre-wrap">{render(p.right)}</div></section>
        </div>
      ) : (
        <p>正文没有变化。</p>
      )}
    </>
  );
}

/** `backLabel`: the link back to the item, e.g. 返回文件. */
export function PublicComparePage(p: { ctx: PageContext; title: string; href: string; backLabel: string; comparison: ComparisonProps }) {
  return (
    <PublicLayout ctx={p.ctx} title={`版本对比：${p.title}`} crumbs={[{ label: p.title, href: p.href }, { label: '版本对比' }]}>
      <h1>版本对比：{p.comparison.aLabel} 与 {p.comparison.bLabel}</h1>
      <p><a href={p.href}>{p.backLabel}</a></p>
      <Comparison {...p.comparison} />
    </PublicLayout>
  );
}
