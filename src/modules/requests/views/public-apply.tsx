import type { FieldErrors } from '../../../platform/http/errors.js';
import { CsrfField, ErrorSummary, Field, describedBy } from '../../../platform/html/components.js';
import { PublicLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import type { Challenge } from '../captcha.js';
import { MAX_REQUEST_ATTACHMENTS } from '../commands/request-attachments.js';
import type { DocumentSuggestion, OrgOption } from '../queries.public.js';
import { ApplicantFields, InformationFields } from './public-apply-fields.js';
import type { FormValues } from './public-form-parts.js';

/** Asked when needed; once answered right, carried (not asked again) while other fields are fixed. */
export type CaptchaState = { kind: 'ask'; challenge: Challenge } | { kind: 'passed'; token: string; answer: string } | null;

export interface ApplyPageProps {
  ctx: PageContext;
  csrfToken: string;
  orgs: OrgOption[];
  values: FormValues;
  errors?: FieldErrors;
  /** null: not looked up; otherwise the documents found (perhaps none). */
  suggestions: DocumentSuggestion[] | null;
  captcha: CaptchaState;
  /** The form came back after a submission that carried files: they must be chosen again. */
  filesDropped: boolean;
  maxUploadMb: number;
}

/** 申请政府信息公开: the online application form (条例 第二十九条), one page, no script needed. */
export function ApplyPage(p: ApplyPageProps) {
  const { values, errors } = p;
  return (
    <PublicLayout ctx={p.ctx} title="申请政府信息公开" crumbs={[{ label: '申请政府信息公开' }]} description="向行政机关在线申请获取政府信息">
      <h1>申请政府信息公开</h1>
      <Guide />
      <ErrorSummary errors={errors} />
      {p.filesDropped ? (
        <p class="notice" role="status">
          为了安全，页面重新显示后不会保留您刚才选择的附件。如需附件，提交前请在“附件”一栏重新选择。
        </p>
      ) : null}
      {p.suggestions !== null ? <Suggestions items={p.suggestions} /> : null}
      <form method="post" action="/apply" enctype="multipart/form-data" novalidate class="apply-form">
        <CsrfField token={p.csrfToken} />
        {/* Enter in a field submits the application, not the look-up button further down. */}
        <button type="submit" name="action" value="submit" class="visually-hidden" tabIndex={-1} aria-hidden="true">
          提交申请
        </button>
        <fieldset class="section">
          <legend>一、向哪个机关申请</legend>
          <Field name="orgId" label="受理机关" errors={errors} required hint="请选择制作或保存您所需信息的机关。不清楚时，可以选择本级人民政府。">
            <select id="f-orgId" name="orgId" class="input-long" aria-required="true" aria-invalid={errors?.orgId ? 'true' : undefined} aria-describedby={describedBy('orgId', errors, true)}>
              <option value="">请选择</option>
              {p.orgs.map((o) => (
                <option value={String(o.id)} selected={values.orgId === String(o.id)}>
                  {`${'　'.repeat(o.depth)}${o.name}`}
                </option>
              ))}
            </select>
          </Field>
        </fieldset>
        <ApplicantFields values={values} errors={errors} />
        <InformationFields values={values} errors={errors} />
        <fieldset class="section">
          <legend>五、附件（可不上传）</legend>
          <Field
            name="attachments"
            label="上传附件"
            errors={errors}
            hint={`如身份证明、营业执照、委托书的照片或扫描件。最多 ${MAX_REQUEST_ATTACHMENTS} 个，每个不超过 ${p.maxUploadMb} MB，只接受 PDF、Word（.docx）、JPG、PNG 文件。`}
          >
            <input id="f-attachments" name="attachments" type="file" multiple accept=".pdf,.docx,.jpg,.jpeg,.png" aria-describedby={describedBy('attachments', errors, true)} aria-invalid={errors?.attachments ? 'true' : undefined} />
          </Field>
        </fieldset>
        {p.captcha?.kind === 'ask' ? <CaptchaField captcha={p.captcha.challenge} errors={errors} /> : null}
        {p.captcha?.kind === 'passed' ? (
          <>
            <input type="hidden" name="captchaToken" value={p.captcha.token} />
            <input type="hidden" name="captchaAnswer" value={p.captcha.answer} />
          </>
        ) : null}
        <div class="actions form-actions">
          <button type="submit" name="action" value="submit" class="big-button">
            提交申请
          </button>
        </div>
        <p class="note">提交后会显示申请编号和查询码，请抄写下来或打印保存，凭它们查询办理进度。</p>
      </form>
    </PublicLayout>
  );
}

function Guide() {
  return (
    <aside class="guide-box" aria-labelledby="guide-title">
      <h2 id="guide-title">申请须知</h2>
      <ul>
        <li>
          根据《中华人民共和国政府信息公开条例》第二十九条，申请应当写明：申请人的姓名或者名称、身份证明、联系方式；所需信息的名称、文号或者便于查找的其他特征描述；获取信息的形式和方式。
        </li>
        <li>网上提交的申请，以受理机关与您双方确认之日为收到申请之日（条例第三十一条）。受理机关确认后，您可以在“申请查询”中看到。</li>
        <li>受理机关不能当场答复的，自收到申请之日起 20 个工作日内答复；需要延长的，会书面告知您，延长最多 20 个工作日（条例第三十三条）。</li>
        <li>
          想知道最晚哪天答复？请用<a href="/deadline">答复期限计算器</a>。已经申请过？请到<a href="/requests/track">申请查询</a>查看办理进度。
        </li>
        <li>带 <span class="req">*</span> 的是必填项。书写困难的，可以到受理机关的政府信息公开工作机构口头申请，由工作人员代为填写。</li>
      </ul>
    </aside>
  );
}

function Suggestions({ items }: { items: DocumentSuggestion[] }) {
  return (
    <section class="suggestions" aria-labelledby="sugg-title" role="status">
      <h2 id="sugg-title">可能已经公开的信息</h2>
      {items.length === 0 ? (
        <p>没有找到与您所需信息相近的已公开文件。您可以继续填写并提交申请。</p>
      ) : (
        <>
          <p>下面这些文件已经公开，可以直接查看，不必申请。如果都不是您要的，请继续填写并提交申请。</p>
          <ul class="list">
            {items.map((d) => (
              <li>
                <a href={`/documents/${d.id}`}>{d.title}</a>
                <div class="meta">
                  {d.docNo ? `${d.docNo} · ` : ''}
                  {d.publishedOn ? `发布日期 ${d.publishedOn}` : ''}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function CaptchaField({ captcha, errors }: { captcha: Challenge; errors?: FieldErrors }) {
  return (
    <fieldset class="section captcha">
      <legend>六、请回答一道计算题</legend>
      <p class="hint">您在一小时内已提交多份申请，为防止恶意程序批量提交，请回答下面的问题。用数字或汉字回答都可以，例如 12 或 十二。</p>
      <input type="hidden" name="captchaToken" value={captcha.token} />
      <Field name="captchaAnswer" label={captcha.question} errors={errors} required>
        <input
          id="f-captchaAnswer"
          name="captchaAnswer"
          type="text"
          class="input-short captcha-answer"
          value=""
          autocomplete="off"
          aria-required="true"
          aria-invalid={errors?.captchaAnswer ? 'true' : undefined}
          aria-describedby={describedBy('captchaAnswer', errors)}
        />
      </Field>
    </fieldset>
  );
}
