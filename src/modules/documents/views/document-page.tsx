import { Html } from '../../../platform/html/components.js';
import { formatChinaDateTime } from '../../../platform/clock/clock.js';
import { PublicLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import { publicRichText } from '../../../platform/html/redaction.js';
import { attributeNote } from '../domain/labels.js';
import { ATTRIBUTE_LABELS } from '../../../platform/content/lifecycle.js';
import { validityEventLabels, type ValidityResult } from '../domain/validity.js';
import type { PublicDocument } from '../queries/public.js';
import { ChineseDate, DocLink, ProvenanceMark, ValidityBadge } from './parts.js';
import { PROVENANCE_LABELS } from '../domain/provenance.js';
import { DocumentTools, PrintBar } from './document-tools.js';
import { EditionHistory } from '../../editions/public.js';

/** `print`: the print view (打印), the document without the site's navigation. */
export function DocumentPage({ ctx, doc, print = false }: { ctx: PageContext; doc: PublicDocument; print?: boolean }) {
  const topic = doc.topic ? (doc.parent_topic ? `${doc.parent_topic}\\${doc.topic}` : doc.topic) : '—';
  return (
    <PublicLayout
      ctx={ctx}
      title={doc.title}
      printView={print}
      description={doc.body_text.slice(0, 120)}
      crumbs={
        doc.provenance === 'own'
          ? [{ label: doc.org_name, href: `/org/${doc.org_slug}` }, ...(doc.catalog_name ? [{ label: doc.catalog_name, href: `/org/${doc.org_slug}/catalog/${doc.catalog_slug}` }] : []), { label: '正文' }]
          : [{ label: '政策文件库', href: '/library' }, { label: PROVENANCE_LABELS[doc.provenance], href: `/library?provenance=${doc.provenance}` }, { label: '正文' }]
      }
    >
      {doc.status === 'withdrawn' ? (
        <div class="validity-banner" role="alert">
          <strong>本文件已撤稿</strong>（{formatChinaDateTime(doc.withdrawn_at!)}）：{doc.withdrawal_reason}
        </div>
      ) : null}
      {print ? <PrintBar docId={doc.id} /> : <DocumentTools ctx={ctx} docId={doc.id} closeHref={closeHref(doc)} />}
      <ValidityBanner v={doc.validity} expiresOn={doc.expires_on} effectiveOn={doc.effective_on} sourceLabel={doc.source_validity_label} />
      {doc.provenance === 'own' ? null : (
        <p class="reference-note">
          <ProvenanceMark provenance={doc.provenance} level={doc.issuer_level} /> 本文件由{doc.issuers.join('、') || '原发文机关'}发布，本站收录供查阅和引用，不属于本站各机关主动公开的政府信息；请以发文机关公布的文本为准。
        </p>
      )}
      <table class="meta-table">
        <caption class="visually-hidden">文件信息</caption>
        <tbody>
          <tr><th scope="row">索引号</th><td>{doc.index_no ?? '—'}</td><th scope="row">主题分类</th><td>{topic}</td></tr>
          <tr><th scope="row">发文机关</th><td>{doc.issuers.join('、') || '—'}</td><th scope="row">成文日期</th><td><ChineseDate date={doc.written_on} /></td></tr>
          <tr><th scope="row">标　　题</th><td colSpan={3}>{doc.title}</td></tr>
          <tr><th scope="row">发文字号</th><td>{doc.doc_no ?? '—'}</td><th scope="row">发布日期</th><td><ChineseDate date={doc.published_on} /></td></tr>
          <tr>
            <th scope="row">有 效 性</th><td><ValidityBadge validity={doc.validity.validity} /></td>
            <th scope="row">施行日期</th><td><ChineseDate date={doc.effective_on} />{doc.expires_on ? <span>（有效期至 <ChineseDate date={doc.expires_on} />）</span> : null}</td>
          </tr>
          <tr><th scope="row">文　　种</th><td>{doc.doc_type}</td><th scope="row">服务对象</th><td>{doc.audiences.join('、') || '—'}</td></tr>
        </tbody>
      </table>
      <article>
        <h1 class="doc-title">{doc.title}</h1>
        {doc.doc_no ? <p style="text-align:center">{doc.doc_no}</p> : null}
        <Html class="doc-body" html={publicRichText(doc.body_html)} />
        <div class="signature">
          <p>{doc.issuers.join('　')}</p>
          <p><ChineseDate date={doc.written_on} /></p>
          <p>{attributeNote(doc.attribute)}</p>
        </div>
      </article>
      {doc.related.map((s) => (
        <section aria-labelledby={s.anchor}>
          <h2 id={s.anchor}>{s.heading}</h2>
          <ul>
            {s.items.map((i) => (
              <li><a href={i.url}>{i.title}</a>{i.note ? `（${i.note}）` : ''}</li>
            ))}
          </ul>
        </section>
      ))}
      {doc.attachments.length ? (
        <section>
          <h2>附件</h2>
          <ul>
            {doc.attachments.map((a) => (
              <li><a href={`/documents/${doc.id}/attachments/${a.id}`}>{a.file_name}</a>（{formatSize(a.size_bytes)}）</li>
            ))}
          </ul>
        </section>
      ) : null}
      {doc.affects.length ? (
        <section>
          <h2>本文件对其他文件的效力影响</h2>
          <ul>
            {doc.affects.map((a) => (
              <li>{validityEventLabels[a.kind]}：<DocLink id={a.id} title={a.title} docNo={a.doc_no} />（自 <ChineseDate date={a.effective_on} /> 起）</li>
            ))}
          </ul>
        </section>
      ) : null}
      <EditionHistory editions={doc.editions} compareHref={`/documents/${doc.id}/compare`} firstPublishedOn={doc.published_on} />
      <p class="note no-print">公开方式：{ATTRIBUTE_LABELS[doc.attribute]} · 如需打印，请使用浏览器的打印功能，打印时自动隐藏导航。</p>
    </PublicLayout>
  );
}

/** 关闭 leads to where the document is listed: its catalog node, its organization, or the library. */
function closeHref(doc: PublicDocument): string {
  // Reference material is listed in the library only, not under the organization that holds it.
  if (!doc.org_slug || doc.provenance !== 'own') return '/library';
  return doc.catalog_slug ? `/org/${doc.org_slug}/catalog/${doc.catalog_slug}` : `/org/${doc.org_slug}`;
}

function ValidityBanner({ v, expiresOn, effectiveOn, sourceLabel }: { v: ValidityResult; expiresOn: string | null; effectiveOn: string | null; sourceLabel: string | null }) {
  const by = v.cause?.byDocumentId ? <DocLink id={v.cause.byDocumentId} title={`《${v.cause.byTitle ?? ''}》`} docNo={v.cause.byDocNo} /> : null;
  const since = <ChineseDate date={v.since} />;
  switch (v.validity) {
    case 'effective':
      return null;
    case 'not_yet_effective':
      return <div class="validity-banner warn" role="note"><strong>尚未生效：</strong>本文件自 <ChineseDate date={effectiveOn} /> 起施行。</div>;
    case 'amended':
      return <div class="validity-banner warn" role="note"><strong>已修改：</strong>本文件已被 {by} 修改，修改自 {since} 起施行。请同时阅读修改文件。</div>;
    case 'partially_invalid':
      return <div class="validity-banner warn" role="note"><strong>部分失效：</strong>本文件部分内容已被 {by} 废止，自 {since} 起失效。</div>;
    case 'repealed':
      return <div class="validity-banner" role="note"><strong>已废止：</strong>本文件已被 {by} {v.cause?.kind === 'replace' ? '替代' : '废止'}，自 {since} 起不再执行。</div>;
    case 'expired':
      return (
        <div class="validity-banner" role="note">
          <strong>已失效：</strong>
          {v.cause ? (by ? <span>本文件已由 {by} 宣布失效，自 {since} 起不再执行。</span> : <span>本文件已失效{sourceLabel ? `（来源标注：${sourceLabel}）` : ''}。</span>) : <span>本文件有效期至 <ChineseDate date={expiresOn} />，已自动失效。</span>}
        </div>
      );
  }
}

export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

