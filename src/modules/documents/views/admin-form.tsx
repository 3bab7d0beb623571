import { CsrfField, describedBy, ErrorSummary, Field } from '../../../platform/html/components.js';
import { AttachmentsField, oneValue as v, TopicField } from '../../../platform/html/form-fields.js';
import { AdminLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import type { FieldErrors } from '../../../platform/http/errors.js';
import { ATTRIBUTE_LABELS, ATTRIBUTES } from '../../../platform/content/lifecycle.js';
import { REDACTION_REASONS } from '../../../platform/html/redaction.js';
import type { FormOptions } from '../queries/admin.js';
import { formatSize } from './document-page.js';
import { ChangeNoteField } from '../../editions/public.js';

/** The values a form shows: strings as typed, so a rejected form comes back exactly as it was. */
export type DocumentFormValues = Record<string, string | string[] | undefined>;

interface Props {
  /** Open findings of the automatic checks on the saved text. */
  findings: { severity: 'block' | 'warn' | 'suggest'; message: string; excerpt: string | null }[];
  ctx: PageContext;
  actorName: string;
  csrfToken: string;
  documentId: number | null;
  values: DocumentFormValues;
  errors?: FieldErrors;
  options: FormOptions;
  status?: string;
  /** Editing a published document (through its edition): the public change note is asked for. */
  revision?: boolean;
  attachments?: { id: number; file_name: string; size_bytes: number }[];
}

export function DocumentForm(p: Props) {
  const { values: vals, errors, options: o } = p;
  const title = p.documentId ? '编辑文件' : '新建文件';
  const audiences = Array.isArray(vals.audiences) ? vals.audiences : vals.audiences ? [vals.audiences] : [];
  const input = (name: string, type: 'text' | 'date' = 'text', extra: Record<string, unknown> = {}, hint = false) => (
    <input id={`f-${name}`} name={name} type={type as 'text'} value={v(vals, name)} aria-invalid={errors?.[name] ? 'true' : undefined} aria-describedby={describedBy(name, errors, hint)} {...extra} />
  );
  return (
    <AdminLayout ctx={p.ctx} title={title} actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[{ label: '文件管理', href: '/admin/documents' }, { label: title }]}>
      <h1>{title}</h1>
      <ErrorSummary errors={errors} />
      {p.findings.length ? (
        <section class="card" aria-labelledby="checks-title">
          <h2 id="checks-title">自动检查（按上次保存的内容）</h2>
          <ul>
            {p.findings.map((f) => (
              <li>
                {f.severity === 'block' ? <strong class="bad">必须处理：</strong> : f.severity === 'suggest' ? '建议修改：' : '提示：'}
                {f.message}{f.excerpt ? `（${f.excerpt}）` : ''}
              </li>
            ))}
          </ul>
          <p class="note"><a href={`/admin/review/document/${p.documentId}`}>在审核页查看标注</a>；个人信息等可选中后“标记删减”。</p>
        </section>
      ) : null}
      <form method="post" action={p.documentId ? `/admin/documents/${p.documentId}` : '/admin/documents'} enctype="multipart/form-data" novalidate>
        <CsrfField token={p.csrfToken} />
        <Field name="orgId" label="公开机构" errors={errors} required>
          <select id="f-orgId" name="orgId">
            {o.orgs.map((org) => <option value={org.id} selected={v(vals, 'orgId') === String(org.id)}>{org.name}</option>)}
          </select>
        </Field>
        <Field name="title" label="标题" errors={errors} required>{input('title', 'text', { size: 60, maxLength: 200 })}</Field>
        <Field name="docNo" label="发文字号" errors={errors} hint="如 宁政办发〔2022〕5号；年份用六角括号〔〕，序号不加“第”、不编虚位。令、公告可写作 国务院令第711号、某某局公告2014年第2号。">
          {input('docNo', 'text', {}, true)}
        </Field>
        <Field name="issuers" label="发文机关" errors={errors} required hint="联合发文的，用顿号分隔，如 市财政局、市税务局">{input('issuers', 'text', { size: 50 }, true)}</Field>
        <Field name="docType" label="文种" errors={errors} required>
          <select id="f-docType" name="docType">{o.docTypes.map((t) => <option selected={v(vals, 'docType') === t}>{t}</option>)}</select>
        </Field>
        <Field name="catalogNodeId" label="所属栏目" errors={errors} hint="留空则按文种放入“法规文件”下的对应栏目">
          <select id="f-catalogNodeId" name="catalogNodeId">
            <option value="">（按文种自动选择）</option>
            {o.nodes.map((n) => <option value={n.id} selected={v(vals, 'catalogNodeId') === String(n.id)}>{o.orgs.find((x) => x.id === n.org_id)?.name} · {'　'.repeat(n.depth)}{n.name}</option>)}
          </select>
        </Field>
        <TopicField topics={o.topics} value={v(vals, 'topicId')} errors={errors} />
        <fieldset class="field">
          <legend>服务对象</legend>
          {o.audiences.map((a, i) => (
            <label style="display:inline-block;margin-right:1em;font-weight:normal">
              <input type="checkbox" id={i === 0 ? 'f-audiences' : undefined} name="audiences" value={a} checked={audiences.includes(a)} /> {a}
            </label>
          ))}
        </fieldset>
        <fieldset class="field">
          <legend>公开属性</legend>
          {errors?.attribute ? <p class="error-message" id="e-attribute">{errors.attribute}</p> : null}
          {ATTRIBUTES.map((a, i) => (
            <label style="display:inline-block;margin-right:1em;font-weight:normal">
              <input type="radio" id={i === 0 ? 'f-attribute' : undefined} name="attribute" value={a} checked={(v(vals, 'attribute') || 'public') === a} /> {ATTRIBUTE_LABELS[a]}
            </label>
          ))}
        </fieldset>
        <div class="grid">
          <Field name="writtenOn" label="成文日期" errors={errors}>{input('writtenOn', 'date')}</Field>
          <Field name="publishedOn" label="发布日期" errors={errors} hint="留空则为发布当天">{input('publishedOn', 'date', {}, true)}</Field>
          <Field name="effectiveOn" label="施行日期" errors={errors} hint="留空则自发布之日起施行">{input('effectiveOn', 'date', {}, true)}</Field>
          <Field name="expiresOn" label="有效期至" errors={errors} hint="行政规范性文件留空时按默认有效期计算（暂行、试行较短）">{input('expiresOn', 'date', {}, true)}</Field>
        </div>
        <Field name="bodyDocx" label="用 Word 文件作为正文（.docx）" errors={errors} hint="上传后将替换下方正文">
          <input id="f-bodyDocx" name="bodyDocx" type="file" accept=".docx" aria-describedby={describedBy('bodyDocx', errors, true)} />
        </Field>
        <Field name="bodyHtml" label="正文" errors={errors} hint={'可直接输入文字，一段一行（或段落之间空一行）；编辑器可设标题、列表、表格、加粗、链接和图片，从 Word、WPS 粘贴保留段落和表格。删减后公开：选中要删减的内容，选择依据后点“标记删减”；不用编辑器时也可写 <span data-redact="15">删减内容</span>（14、15、16 为《条例》条款）。公众看到的是删减标记和依据，原文只在内部保留。'}>
          <textarea id="f-bodyHtml" name="bodyHtml" rows={16} data-rich-text>{v(vals, 'bodyHtml')}</textarea>
        </Field>
        <div class="field redact-tool no-print">
          <label for="f-redactReason">删减依据</label>{' '}
          <select id="f-redactReason">
            {Object.entries(REDACTION_REASONS).map(([k, label]) => <option value={k}>{label}</option>)}
          </select>{' '}
          <button type="button" class="secondary" data-redact-tool data-target="f-bodyHtml" data-reason="f-redactReason">标记删减</button>
        </div>
        {p.attachments?.length ? (
          <div class="field">
            <p><strong>已有附件</strong></p>
            <ul>{p.attachments.map((a) => <li>{a.file_name}（{formatSize(a.size_bytes)}）</li>)}</ul>
          </div>
        ) : null}
        <AttachmentsField errors={errors} />
        <div class="field">
          <label><input type="checkbox" name="redactedCopies" value="1" /> 本次上传的附件是删减后的公开版本（删减后公开的文件只公开这类附件）</label>
        </div>
        <Field name="note" label="修改说明（内部）" errors={errors} hint="只记入内部版本记录，不公开，如“按检查意见修改”">{input('note', 'text', { size: 50 }, true)}</Field>
        {p.revision ? (
          <ChangeNoteField value={v(vals, 'changeNote')} errors={errors} />
        ) : null}
        <div class="actions">
          <button type="submit" name="action" value="save">保存</button>
        </div>
      </form>
    </AdminLayout>
  );
}
