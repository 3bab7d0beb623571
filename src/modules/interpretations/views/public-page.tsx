import { Html } from '../../../platform/html/components.js';
import { PublicLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import { publicRichText } from '../../../platform/html/redaction.js';
import { toChinaDate } from '../../../platform/clock/clock.js';
import { ChineseDate, DocLink } from '../../documents/public.js';
import { FORM_LABELS } from '../domain/labels.js';
import { EditionHistory } from '../../editions/public.js';
import type { PublicInterpretation } from '../queries/public.js';

/** An interpretation on the portal; a withdrawn one keeps its page with the public reason only. */
export function InterpretationPage({ ctx, item: i }: { ctx: PageContext; item: PublicInterpretation }) {
  const withdrawn = i.status === 'withdrawn';
  return (
    <PublicLayout ctx={ctx} title={i.title} description={withdrawn ? undefined : i.body_text.slice(0, 120)} crumbs={[{ label: i.org_name, href: `/org/${i.org_slug}` }, { label: '政策解读' }]}>
      <article>
        <h1 class="doc-title">{i.title}</h1>
        {withdrawn ? (
          <div class="validity-banner" role="note">
            <strong>已撤稿：</strong>本解读已于 <ChineseDate date={i.withdrawn_at ? toChinaDate(new Date(i.withdrawn_at)) : null} /> 撤下{i.withdrawal_reason ? `。原因：${i.withdrawal_reason}` : '。'}
          </div>
        ) : null}
        <table class="meta-table">
          <caption class="visually-hidden">解读信息</caption>
          <tbody>
            <tr><th scope="row">解读形式</th><td>{FORM_LABELS[i.form]}</td><th scope="row">发布日期</th><td><ChineseDate date={i.published_on} /></td></tr>
            <tr><th scope="row">解读部门</th><td>{i.department || '—'}</td><th scope="row">联系人及电话</th><td>{i.contact || '—'}</td></tr>
          </tbody>
        </table>
        {withdrawn ? null : <Html class="doc-body" html={publicRichText(i.body_html)} />}
      </article>
      {i.documents.length ? (
        <section>
          <h2>所解读的文件</h2>
          <ul>
            {i.documents.map((d) => (
              <li><DocLink id={d.id} title={d.title} docNo={d.doc_no} />{d.published_on ? <span>（<ChineseDate date={d.published_on} />）</span> : null}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {withdrawn ? null : <EditionHistory editions={i.editions} compareHref={`/interpretations/${i.id}/compare`} firstPublishedOn={i.published_on} />}
    </PublicLayout>
  );
}
