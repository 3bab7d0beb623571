import { formatChineseDate } from '../../../platform/clock/clock.js';
import type { FieldErrors } from '../../../platform/http/errors.js';
import { CsrfField, Field, describedBy } from '../../../platform/html/components.js';
import { LetterView } from '../letters/letter-view.js';
import type { ShownLetter } from '../letters.js';
import { MAX_REQUEST_ATTACHMENTS } from '../commands/request-attachments.js';
import { TextArea, type FormValues } from './public-form-parts.js';

interface SentBack {
  values: FormValues;
  errors: FieldErrors;
}

/**
 * Answering the correction notice online (条例 第三十条): the notice itself, then the corrected
 * description (starting from what was written) and any papers asked for. The reply period starts
 * again from the day the corrected request is received.
 */
export function CorrectionForm(p: { trackingNo: string; csrfToken: string; letter: ShownLetter; description: string; maxUploadMb: number; form: SentBack | null }) {
  const values = p.form?.values ?? { description: p.description };
  const errors = p.form?.errors;
  return (
    <section class="correction-box" aria-labelledby="correction-title">
      <h2 id="correction-title">请补正您的申请</h2>
      <p>受理机关认为您的申请内容不够明确，发出了补正告知（{formatChineseDate(p.letter.date)}）。请按告知书的要求修改申请内容，或上传所需材料后提交。</p>
      <details class="letter-inline" open>
        <summary>补正告知书全文</summary>
        <LetterView {...p.letter} headingLevel={3} />
      </details>
      <form method="post" action={`/requests/${encodeURIComponent(p.trackingNo)}/correction`} enctype="multipart/form-data" novalidate>
        <CsrfField token={p.csrfToken} />
        <TextArea name="description" label="补正后的内容描述" values={values} errors={errors} required rows={8} maxLength={4000} hint="下面是您原来填写的内容，请在此基础上修改补充。" />
        <Field name="attachments" label="补充材料（可不上传）" errors={errors} hint={`最多 ${MAX_REQUEST_ATTACHMENTS} 个，每个不超过 ${p.maxUploadMb} MB，只接受 PDF、Word（.docx）、JPG、PNG 文件。`}>
          <input id="f-attachments" name="attachments" type="file" multiple accept=".pdf,.docx,.jpg,.jpeg,.png" aria-describedby={describedBy('attachments', errors, true)} />
        </Field>
        {p.form ? <p class="notice">页面重新显示后不会保留之前选择的文件，如需上传请重新选择。</p> : null}
        <div class="actions">
          <button type="submit" class="big-button">
            提交补正
          </button>
        </div>
      </form>
    </section>
  );
}

/** 撤回申请: with a reason and an explicit confirmation, since it cannot be undone. */
export function WithdrawForm(p: { trackingNo: string; csrfToken: string; form: SentBack | null }) {
  const values = p.form?.values ?? {};
  const errors = p.form?.errors;
  return (
    <section class="withdraw-box" aria-labelledby="withdraw-title">
      <details open={Boolean(p.form)}>
        <summary id="withdraw-title">不再需要了？撤回申请</summary>
        <p>撤回后，受理机关将不再处理本申请，也不能恢复。如果还需要这些信息，需要重新申请。</p>
        <form method="post" action={`/requests/${encodeURIComponent(p.trackingNo)}/withdraw`} novalidate>
          <CsrfField token={p.csrfToken} />
          <TextArea name="reason" label="撤回理由" values={values} errors={errors} required rows={3} maxLength={500} hint="例如：已经从其他途径获得所需信息。" />
          <div class={errors?.confirm ? 'field field-error' : 'field'}>
            {errors?.confirm ? <p class="error-message" id="e-confirm">{errors.confirm}</p> : null}
            <label class="choice" for="f-confirm">
              <input type="checkbox" id="f-confirm" name="confirm" value="yes" checked={values.confirm === 'yes'} aria-describedby={describedBy('confirm', errors)} />
              <span>我确认撤回本申请</span>
            </label>
          </div>
          <div class="actions">
            <button type="submit" class="big-button danger">
              撤回申请
            </button>
          </div>
        </form>
      </details>
    </section>
  );
}
