import { Html, Pager } from '../../../platform/html/components.js';
import { PublicLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import { ChineseDate } from '../../documents/public.js';
import { publicUrl } from '../domain/labels.js';
import type { QaFacetValue, QaSearchParams, QaSearchResult } from '../queries/public.js';

export interface QaLibraryView {
  ctx: PageContext;
  params: QaSearchParams;
  result: QaSearchResult;
}

/** A link to the library with these parameters (empty ones left out). */
function href(p: { q: string; department: string | null; topic: number | string | null; page?: number }): string {
  const qs = new URLSearchParams();
  if (p.q) qs.set('q', p.q);
  if (p.department) qs.set('department', p.department);
  if (p.topic !== null && p.topic !== '') qs.set('topic', String(p.topic));
  if (p.page && p.page > 1) qs.set('page', String(p.page));
  const s = qs.toString();
  return s ? `/qa?${s}` : '/qa';
}

/** 政策问答库: search, and browse by answering department and by topic, with counts; links only, so it works without script. */
export function QaLibraryPage(v: QaLibraryView) {
  const { params: p, result: r } = v;
  const title = p.q ? `“${p.q}”的问答搜索结果` : '政策问答库';
  const topicName = p.topicId === null ? null : (r.facets.topic.find((t) => t.value === String(p.topicId))?.label ?? String(p.topicId));
  return (
    <PublicLayout ctx={v.ctx} title={title} query={p.q} crumbs={[{ label: '政策问答', href: '/qa' }, ...(p.q ? [{ label: '搜索结果' }] : [])]} description="按答复部门、主题分类浏览和搜索政策问答">
      <h1>政策问答库</h1>
      <form method="get" action="/qa" class="search-box" role="search">
        <label for="qa-q" class="visually-hidden">您的问题或关键词</label>
        <input id="qa-q" type="search" name="q" value={p.q} placeholder="输入问题或关键词，如 公积金 提取" />
        {p.department ? <input type="hidden" name="department" value={p.department} /> : null}
        {p.topicId !== null ? <input type="hidden" name="topic" value={p.topicId} /> : null}
        <button type="submit">搜索</button>
      </form>
      <div class="library">
        <aside class="facets" aria-label="浏览方式">
          <Facet title="按答复部门" values={r.facets.department} selected={p.department} link={(x) => href({ q: p.q, department: x, topic: p.topicId })} />
          <Facet title="按主题分类" values={r.facets.topic} selected={p.topicId === null ? null : String(p.topicId)} link={(x) => href({ q: p.q, department: p.department, topic: x })} />
        </aside>
        <section>
          <p role="status">
            共找到 <strong>{r.total}</strong> 条问答
            {p.q ? `（检索词：${p.q}）` : ''}
            {p.department ? `，答复部门：${p.department}` : ''}
            {topicName ? `，主题：${topicName}` : ''}
            {p.department || p.topicId !== null ? <> · <a href={href({ q: p.q, department: null, topic: null })}>清除筛选</a></> : null}
          </p>
          {r.total === 0 ? (
            <div class="empty">
              <h2 style="margin-top:0">没有找到相关问答</h2>
              <ul>
                <li>换用更短、更常用的词，如“社保”换成“社会保险”。</li>
                <li>在 <a href={p.q ? `/library?q=${encodeURIComponent(p.q)}` : '/library'}>政策文件库</a> 中查找相关文件。</li>
              </ul>
            </div>
          ) : null}
          <ol class="list" start={(p.page - 1) * p.pageSize + 1}>
            {r.items.map((e) => (
              <li>
                <h2 style="font-size:1.1rem;margin:0">
                  <a href={publicUrl(e.id)}><Html as="span" html={e.questionHtml} /></a>
                </h2>
                <p class="meta">
                  {e.department ? <span>{e.department} · </span> : null}
                  {e.org} · <ChineseDate date={e.publishedOn} />
                </p>
                {e.snippet ? <Html as="p" class="snippet" html={e.snippet} /> : null}
              </li>
            ))}
          </ol>
          <Pager total={r.total} page={p.page} pageSize={p.pageSize} href={(n) => href({ q: p.q, department: p.department, topic: p.topicId, page: n })} />
        </section>
      </div>
    </PublicLayout>
  );
}

function Facet({ title, values, selected, link }: { title: string; values: QaFacetValue[]; selected: string | null; link: (value: string | null) => string }) {
  if (values.length === 0 && selected === null) return null;
  return (
    <nav aria-label={title}>
      <h2 style="font-size:1rem">{title}</h2>
      <ul class="plain">
        {selected !== null ? <li><a href={link(null)}>全部</a></li> : null}
        {values.map((x) => (
          <li>
            {x.value === selected ? (
              <strong aria-current="true">{x.label}</strong>
            ) : (
              <a href={link(x.value)}>{x.label}</a>
            )}{' '}
            <span class="count">({x.count})</span>
          </li>
        ))}
      </ul>
    </nav>
  );
}
