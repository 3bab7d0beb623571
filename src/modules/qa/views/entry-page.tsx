import { toChinaDate } from '../../../platform/clock/clock.js';
import { Html } from '../../../platform/html/components.js';
import { PublicLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import { publicRichText } from '../../../platform/html/redaction.js';
import { ChineseDate, DocLink, ValidityBadge } from '../../documents/public.js';
import { questionHeadline } from '../domain/labels.js';
import { EditionHistory } from '../../editions/public.js';
import type { PublicQa } from '../queries/public.js';

/** One Q&A entry on the portal; a withdrawn one keeps its page with the public reason only. */
export function QaEntryPage({ ctx, entry: e }: { ctx: PageContext; entry: PublicQa }) {
  const withdrawn = e.status === 'withdrawn';
  const headline = questionHeadline(e.question, 60);
  // A citizen's message (留言主题 + 详情) has more than its first line: the rest is shown under it.
  const [first, ...rest] = e.question.split('\n');
  const details = rest.join('\n').trim();
  return (
    <PublicLayout ctx={ctx} title={headline} description={withdrawn ? undefined : e.answer_text.slice(0, 120)} crumbs={[{ label: '政策问答', href: '/qa' }, { label: headline }]}>
      <article>
        <h1 class="doc-title">问：{first}</h1>
        {details ? <p style="white-space:pre-line">{details}</p> : null}
        {withdrawn ? (
          <div class="validity-banner" role="note">
            <strong>已撤稿：</strong>本问答已于 <ChineseDate date={e.withdrawn_at ? toChinaDate(new Date(e.withdrawn_at)) : null} /> 撤下{e.withdrawal_reason ? `。原因：${e.withdrawal_reason}` : '。'}
          </div>
        ) : (
          <section aria-labelledby="answer">
            <h2 id="answer">答复</h2>
            <Html class="doc-body" html={publicRichText(e.answer_html)} />
          </section>
        )}
        <table class="meta-table">
          <caption class="visually-hidden">问答信息</caption>
          <tbody>
            <tr><th scope="row">答复部门</th><td>{e.department || e.org_name}</td><th scope="row">咨询电话</th><td>{e.contact || e.org_phone || '—'}</td></tr>
            <tr><th scope="row">主题分类</th><td>{e.topic ?? '—'}</td><th scope="row">服务对象</th><td>{e.audiences.length ? e.audiences.join('、') : '—'}</td></tr>
            <tr><th scope="row">发布机构</th><td><a href={`/org/${e.org_slug}`}>{e.org_name}</a></td><th scope="row">发布日期</th><td><ChineseDate date={e.published_on} /></td></tr>
          </tbody>
        </table>
      </article>
      {e.documents.length ? (
        <section aria-labelledby="documents">
          <h2 id="documents">政策依据</h2>
          <ul>
            {e.documents.map((d) => (
              <li>
                <DocLink id={d.id} title={d.title} docNo={d.doc_no} />
                {d.clause ? ` ${d.clause}` : ''} <ValidityBadge validity={d.validity} />
                {d.validity === 'repealed' || d.validity === 'expired' ? <span>（该文件已不再有效，答复内容请以现行政策为准）</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {!withdrawn && e.phrasings.length ? (
        <section aria-labelledby="phrasings">
          <h2 id="phrasings">相似问法</h2>
          <ul>{e.phrasings.map((x) => <li>{x}</li>)}</ul>
        </section>
      ) : null}
      {withdrawn ? null : <EditionHistory editions={e.editions} compareHref={`/qa/${e.id}/compare`} firstPublishedOn={e.published_on} />}
      <p class="no-print">
        {e.department ? <><a href={`/qa?department=${encodeURIComponent(e.department)}`}>该部门的其他问答</a> · </> : null}
        <a href="/qa">返回政策问答库</a>
      </p>
    </PublicLayout>
  );
}
