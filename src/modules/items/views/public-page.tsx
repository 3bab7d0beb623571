import { toChinaDate } from '../../../platform/clock/clock.js';
import { ATTRIBUTE_LABELS } from '../../../platform/content/lifecycle.js';
import { Html } from '../../../platform/html/components.js';
import { PublicLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import { publicRichText } from '../../../platform/html/redaction.js';
import { ChineseDate, formatSize } from '../../documents/public.js';
import { EditionHistory } from '../../editions/public.js';
import { categoryLabel, PUBLICITY } from '../domain/categories.js';
import { attachmentUrl } from '../domain/labels.js';
import { publicityPhase, scopeLine } from '../domain/publicity.js';
import type { PublicItem } from '../queries/public.js';

/**
 * An item on the portal, under the catalog's metadata table (索引号, 主题分类, 发布机构, 发布日期 …).
 * A withdrawn item and a 公示 taken down at the end of its period keep their page with a short
 * notice only: no body, no attachments, no history.
 */
export function ItemPage({ ctx, item: i, today }: { ctx: PageContext; item: PublicItem; today: string }) {
  const withdrawn = i.status === 'withdrawn';
  const takenDown = !withdrawn && i.taken_down_at !== null;
  const hidden = withdrawn || takenDown;
  const topic = i.topic ? (i.parent_topic ? `${i.parent_topic}\\${i.topic}` : i.topic) : '—';
  const publicity = i.category === PUBLICITY;
  const phase = publicity ? publicityPhase({ start: i.publicity_start, end: i.publicity_end }, today) : null;
  return (
    <PublicLayout
      ctx={ctx}
      title={i.title}
      description={hidden ? undefined : i.body_text.slice(0, 120)}
      crumbs={[{ label: i.org_name, href: `/org/${i.org_slug}` }, ...(i.catalog_name ? [{ label: i.catalog_name, href: `/org/${i.org_slug}/catalog/${i.catalog_slug}` }] : []), { label: '正文' }]}
    >
      {withdrawn ? (
        <div class="validity-banner" role="note">
          <strong>已撤稿：</strong>本信息已于 <ChineseDate date={i.withdrawn_at ? toChinaDate(new Date(i.withdrawn_at)) : null} /> 撤下{i.withdrawal_reason ? `。原因：${i.withdrawal_reason}` : '。'}
        </div>
      ) : takenDown ? (
        <div class="validity-banner" role="note">
          <strong>公示期已满，</strong>本公示已于 <ChineseDate date={toChinaDate(new Date(i.taken_down_at!))} /> 撤下。
        </div>
      ) : phase === 'ended' ? (
        <div class="validity-banner warn" role="note"><strong>公示期已结束：</strong>公示期为 <ChineseDate date={i.publicity_start} /> 至 <ChineseDate date={i.publicity_end} />。</div>
      ) : phase === 'upcoming' ? (
        <div class="validity-banner warn" role="note">本公示自 <ChineseDate date={i.publicity_start} /> 起公示。</div>
      ) : null}
      <table class="meta-table">
        <caption class="visually-hidden">信息属性</caption>
        <tbody>
          <tr><th scope="row">索引号</th><td>{i.index_no ?? '—'}</td><th scope="row">主题分类</th><td>{topic}</td></tr>
          <tr><th scope="row">发布机构</th><td>{i.org_name}</td><th scope="row">发布日期</th><td><ChineseDate date={i.published_on} /></td></tr>
          <tr><th scope="row">标　　题</th><td colSpan={3}>{i.title}</td></tr>
          <tr><th scope="row">栏目类别</th><td>{categoryLabel(i.category)}</td><th scope="row">来　　源</th><td>{i.source || i.org_name}</td></tr>
          {publicity ? (
            <tr>
              <th scope="row">公 示 期</th><td><ChineseDate date={i.publicity_start} /> 至 <ChineseDate date={i.publicity_end} />{phase === 'running' ? '（公示中）' : phase === 'ended' ? '（已结束）' : ''}</td>
              <th scope="row">公示范围</th><td>{scopeLine(i.publicity_scope, i.publicity_place)}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <article>
        <h1 class="doc-title">{i.title}</h1>
        {hidden ? null : <Html class="doc-body" html={publicRichText(i.body_html)} />}
      </article>
      {!hidden && i.attachments.length ? (
        <section>
          <h2>附件</h2>
          <ul>
            {i.attachments.map((a) => <li><a href={attachmentUrl(i.id, a.id)}>{a.file_name}</a>（{formatSize(a.size_bytes)}）</li>)}
          </ul>
        </section>
      ) : null}
      {hidden ? null : <EditionHistory editions={i.editions} compareHref={`/items/${i.id}/compare`} firstPublishedOn={i.published_on} />}
      <p class="note no-print">公开方式：{ATTRIBUTE_LABELS[i.attribute]}</p>
    </PublicLayout>
  );
}
