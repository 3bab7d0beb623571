import { Html, Pager } from '../../../platform/html/components.js';
import { PublicLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import { validityLabels, type Validity } from '../domain/validity.js';
import type { FacetName, SearchParams, SearchResult } from '../queries/search.js';
import { ChineseDate, ProvenanceMark, ValidityBadge } from './parts.js';
import { PROVENANCE_LABELS, type Provenance } from '../domain/provenance.js';
import { BestBetsBox, openUrl, type BestBet } from '../../search-log/public.js';

export interface LibraryView {
  ctx: PageContext;
  params: SearchParams;
  result: SearchResult;
  orgNames: Map<number, string>;
  topicNames: Map<number, string>;
  /** The query string without `page`, to build pager links. */
  baseQuery: string;
  /** 推荐: staff's best bets for the query (search-log), shown above the results. */
  bestBets?: BestBet[];
}

const FACETS: { name: FacetName; param: string; label: string }[] = [
  { name: 'validity', param: 'validity', label: '有效性' },
  { name: 'provenance', param: 'provenance', label: '来源' },
  { name: 'docType', param: 'docType', label: '文种' },
  { name: 'issuer', param: 'issuer', label: '发文机关' },
  { name: 'year', param: 'year', label: '年份' },
  { name: 'topic', param: 'topic', label: '主题分类' },
  { name: 'audience', param: 'audience', label: '服务对象' },
  { name: 'org', param: 'org', label: '公开机构' },
];

function selectedValues(p: SearchParams, name: FacetName): string[] {
  const map: Record<FacetName, (string | number)[]> = { validity: p.validities, docType: p.docTypes, issuer: p.issuers, year: p.years, topic: p.topics, audience: p.audiences, org: p.orgs, provenance: p.provenances ?? [] };
  return map[name].map(String);
}

export function LibraryPage(v: LibraryView) {
  const { params: p, result: r } = v;
  const label = (name: FacetName, value: string) =>
    name === 'validity' ? (validityLabels[value as Validity] ?? value) : name === 'provenance' ? (PROVENANCE_LABELS[value as Provenance] ?? value) : name === 'org' ? (v.orgNames.get(Number(value)) ?? value) : name === 'topic' ? (v.topicNames.get(Number(value)) ?? value) : value;
  const title = p.q ? `“${p.q}”的搜索结果` : '政策文件库';
  const active = FACETS.reduce((n, f) => n + selectedValues(p, f.name).length, 0);
  const estimates = FACETS.some((f) => r.facets[f.name].some((x) => x.estimated));
  return (
    <PublicLayout ctx={v.ctx} title={title} query={p.q} crumbs={[{ label: '政策文件库', href: '/library' }, ...(p.q ? [{ label: '搜索结果' }] : [])]} description="按有效性、文种、发文机关、年份、主题检索政策文件">
      <h1>政策文件库</h1>
      {/* Results come first on a phone; the filters fold behind 「筛选」 (a <details>, no script) and become a sidebar on a wide screen. */}
      <form class="library" method="get" action="/library">
        <div class="search-box">
          <label for="q" class="visually-hidden">检索词</label>
          <input id="q" type="search" name="q" value={p.q} placeholder="标题、正文关键词或发文字号，如 国办发〔2017〕47号；用引号搜索整句" />
          <button type="submit">搜索</button>
        </div>
        <p role="status" class="library-total">
          共找到 <strong>{r.approximate ? `约 ${roughly(r.total)}` : r.total}</strong> 份文件{p.q ? `（检索词：${p.q}）` : ''}
          {r.approximate ? <span class="estimate-note">（“约”为按全库 1/16 抽样的估算数）</span> : null}
        </p>
        <QueryNotice r={r} filters={v.baseQuery} />
        <details class="filters">
          <summary>筛选{active ? `（已选 ${active} 项）` : ''}</summary>
          <div class="facets" role="group" aria-label="筛选条件">
            <fieldset>
              <legend>排序</legend>
              <label for="sort" class="visually-hidden">排序方式</label>
              <select id="sort" name="sort">
                <option value="relevance" selected={p.sort === 'relevance'}>按相关度</option>
                <option value="date" selected={p.sort === 'date'}>按发布日期</option>
              </select>
            </fieldset>
            {FACETS.map((f) => {
              const values = r.facets[f.name];
              const selected = selectedValues(p, f.name);
              const shown = [...values, ...selected.filter((s) => !values.some((x) => x.value === s)).map((s) => ({ value: s, count: 0, estimated: false }))];
              if (shown.length === 0) return null;
              return (
                <fieldset>
                  <legend>{f.label}</legend>
                  {shown.map((x) => (
                    <label>
                      <input type="checkbox" name={f.param} value={x.value} checked={selected.includes(x.value)} /> {label(f.name, x.value)} <span class="count">({x.estimated ? `约${roughly(x.count)}` : x.count})</span>
                    </label>
                  ))}
                </fieldset>
              );
            })}
            {estimates ? <p class="estimate-note">带“约”的数字按全库 1/16 抽样估算；其余为精确数。</p> : null}
            <button type="submit">应用筛选</button> <a href={p.q ? `/library?q=${encodeURIComponent(p.q)}` : '/library'}>清除筛选</a>
          </div>
        </details>
        <section class="results" aria-label="检索结果">
          <BestBetsBox q={p.q} bets={v.bestBets ?? []} />
          {r.total === 0 ? <NoResults q={p.q} filtered={hasFilters(p)} /> : null}
          <ol class="list" start={(p.page - 1) * p.pageSize + 1}>
            {r.items.map((d) => (
              <li>
                <h2 class="result-title">
                  <a href={openUrl(p.q, `/documents/${d.id}`)} rel={p.q ? 'nofollow' : undefined}>{d.title}</a> <ProvenanceMark provenance={d.provenance} level={d.issuerLevel} /> <ValidityBadge validity={d.validity} />
                </h2>
                <p class="meta">
                  {d.docNo ? <span>{d.docNo} · </span> : null}
                  {d.issuers.join('、')} · <ChineseDate date={d.publishedOn} /> · {d.docType}
                </p>
                {d.snippet ? <Html as="p" class="snippet" html={d.snippet} /> : null}
              </li>
            ))}
          </ol>
          <Pager total={r.total} page={p.page} pageSize={p.pageSize} href={(n) => `/library?${v.baseQuery}${v.baseQuery ? '&' : ''}page=${n}`} />
        </section>
      </form>
    </PublicLayout>
  );
}

/**
 * How the query was read, in plain words: a likely typo with the corrected query (您是不是要找), the
 * everyday words looked for as the documents' words, the words no document holds, and results
 * that hold only most of the words.
 */
function QueryNotice({ r, filters }: { r: SearchResult; filters: string }) {
  const { reading } = r;
  const explained = reading.words.filter((w) => w.as.length);
  if (!reading.suggestion && !explained.length && !reading.unmatched.length && !reading.partial && !reading.docNumbers.length) return null;
  const rest = new URLSearchParams(filters);
  rest.delete('q');
  const suggestionHref = reading.suggestion ? `/library?${new URLSearchParams([['q', reading.suggestion], ...rest.entries()]).toString()}` : '';
  return (
    <div class="query-notice" role="note">
      {reading.suggestion ? (
        <p>
          您是不是要找：<a href={suggestionHref}>{reading.suggestion}</a>
          （已同时按{reading.corrections.map((c) => `“${c.meant}”`).join('、')}查找）
        </p>
      ) : null}
      {explained.length ? <p>{explained.map((w) => `“${w.text}”按${w.as.map((a) => `“${a}”`).join('、')}查找`).join('；')}。</p> : null}
      {reading.docNumbers.length ? <p>按发文字号查找：{reading.docNumbers.join('、')}。</p> : null}
      {reading.unmatched.length ? <p class="unmatched">未找到：{reading.unmatched.join('、')}（文件库中没有这些词，结果未要求包含它们）</p> : null}
      {reading.partial ? <p>同时包含全部检索词的文件很少，其后的结果只包含其中大部分词语，按词语的重要程度排列。</p> : null}
    </div>
  );
}

function hasFilters(p: SearchParams): boolean {
  return [p.docTypes, p.issuers, p.years, p.topics, p.audiences, p.validities, p.orgs, p.provenances ?? []].some((x) => x.length > 0);
}

function NoResults({ q, filtered }: { q: string; filtered: boolean }) {
  return (
    <div class="empty">
      <h2 style="margin-top:0">没有找到符合条件的文件</h2>
      <ul>
        {filtered ? <li>试试减少筛选条件，或 <a href={q ? `/library?q=${encodeURIComponent(q)}` : '/library'}>清除全部筛选</a>。</li> : null}
        <li>检查错别字，或换用更短、更常用的词，如“社保”换成“社会保险”。</li>
        <li>查找发文字号时，可只输入机关代字和年份，如“国办发 2017”。</li>
        <li>想找已经废止或失效的文件，请看 <a href="/library/invalid">已废止、失效文件</a>。</li>
      </ul>
    </div>
  );
}

/** An estimated count, to two significant figures (the estimate is not finer than that). */
export function roughly(n: number): string {
  if (n < 100) return String(n);
  const step = 10 ** (Math.floor(Math.log10(n)) - 1);
  return (Math.round(n / step) * step).toLocaleString('zh-CN');
}
