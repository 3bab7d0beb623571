import type { Organization } from '../../../db/schema.js';
import { Pager } from '../../../platform/html/components.js';
import { PublicLayout } from '../../../platform/html/layout.js';
import { OrgFilter } from '../../../platform/html/form-fields.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import { ChineseDate } from '../../documents/public.js';
import { FORM_LABELS, publicUrl } from '../domain/labels.js';
import type { PublicInterpretationRow } from '../queries/public.js';

export const INTERPRETATIONS_PAGE_SIZE = 20;

/** A list of published interpretations: the public list, and an organization's 政策解读 column. */
export function InterpretationList({ rows, showOrg = true }: { rows: PublicInterpretationRow[]; showOrg?: boolean }) {
  if (rows.length === 0) return <p class="empty">暂无政策解读。</p>;
  return (
    <ul class="list">
      {rows.map((i) => (
        <li>
          <a href={publicUrl(i.id)}>{i.title}</a>
          <div class="meta">{showOrg ? `${i.org_name} · ` : ''}{FORM_LABELS[i.form]} · <ChineseDate date={i.published_on} /></div>
        </li>
      ))}
    </ul>
  );
}

/** /interpretations: every organization's published interpretations, filterable by organization. */
export function InterpretationsPage(p: { ctx: PageContext; orgs: Organization[]; org: Organization | null; rows: PublicInterpretationRow[]; total: number; page: number }) {
  const title = p.org ? `${p.org.name}政策解读` : '政策解读';
  const base = p.org ? `/interpretations?org=${p.org.slug}&` : '/interpretations?';
  return (
    <PublicLayout ctx={p.ctx} title={title} crumbs={[{ label: '政策解读', href: '/interpretations' }, ...(p.org ? [{ label: p.org.name }] : [])]}>
      <h1>{title}</h1>
      <form method="get" action="/interpretations" class="search-box no-print">
        <OrgFilter id="i-org" orgs={p.orgs} value={p.org?.slug} />
        <button type="submit">筛选</button>
      </form>
      <p>共 {p.total} 篇政策解读。</p>
      <InterpretationList rows={p.rows} showOrg={!p.org} />
      <Pager total={p.total} page={p.page} pageSize={INTERPRETATIONS_PAGE_SIZE} href={(n) => `${base}page=${n}`} />
    </PublicLayout>
  );
}
