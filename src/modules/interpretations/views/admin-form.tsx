import { EditFormFrame } from '../../editions/public.js';
import { describedBy, Field } from '../../../platform/html/components.js';
import { FormActions, oneValue as one, textInputs } from '../../../platform/html/form-fields.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import type { FieldErrors } from '../../../platform/http/errors.js';
import type { ItemStatus } from '../../../db/schema.js';
import { FORM_LABELS, INTERPRETATION_FORMS } from '../domain/labels.js';
import type { LinkableDocument } from '../queries/admin.js';
import { DocumentLookup, linkableLabel } from './document-lookup.js';
import { ChangeNoteField } from '../../editions/public.js';

/** The values a form shows: strings as typed, so a rejected form comes back exactly as it was. */
export type InterpretationFormValues = Record<string, string | string[] | undefined>;

export interface InterpretationFormProps {
  ctx: PageContext;
  actorName: string;
  csrfToken: string;
  /** The row the form writes to; null for a new interpretation. */
  interpretationId: number | null;
  status: ItemStatus | null;
  /** Editing a published interpretation (through its edition): the public change note is asked for. */
  revision?: boolean;
  orgs: { id: number; name: string }[];
  values: InterpretationFormValues;
  errors?: FieldErrors;
  /** Documents ticked on the form. */
  chosen: LinkableDocument[];
  /** The last 查找文件 result, not yet ticked; null when no search was made. */
  found: LinkableDocument[] | null;
}

export function InterpretationForm(p: InterpretationFormProps) {
  const { values: vals, errors } = p;
  const title = p.interpretationId ? '编辑政策解读' : '新建政策解读';
  const chosenIds = new Set(p.chosen.map((d) => d.id));
  const input = textInputs(vals, errors);
  return (
    <EditFormFrame
      {...p} title={title} section={{ label: '政策解读', href: '/admin/interpretations' }} noun="解读" status={p.status ?? null}
      action={p.interpretationId ? `/admin/interpretations/${p.interpretationId}` : '/admin/interpretations'} org={{ orgs: p.orgs, value: one(vals, 'orgId'), fixed: p.interpretationId !== null }}
    >
      <Field name="title" label="标题" errors={errors} required hint="如《关于〈江宁市政府信息公开工作办法〉的解读》">{input('title', { size: 60, maxLength: 200 }, true)}</Field>
      <fieldset class="field" id="f-form">
        <legend>解读形式 <span class="req" aria-hidden="true">*</span></legend>
        {errors?.form ? <p class="error-message" id="e-form">{errors.form}</p> : null}
        {INTERPRETATION_FORMS.map((f) => (
          <label style="display:inline-block;margin-right:1em;font-weight:normal">
            <input type="radio" name="form" value={f} checked={(one(vals, 'form') || 'text') === f} /> {FORM_LABELS[f]}
          </label>
        ))}
      </fieldset>
      <Field name="department" label="解读部门" errors={errors} hint="谁起草、谁解读：起草文件的部门，如 市发展改革委政策法规处。提交审核前必须填写。">{input('department', { size: 40 }, true)}</Field>
      <Field name="contact" label="联系人及电话" errors={errors} hint="供公众咨询政策执行问题，如 王老师 025-86000000。提交审核前必须填写。">{input('contact', { size: 40 }, true)}</Field>
      <DocumentsFieldset {...p} chosenIds={chosenIds} />
      <Field name="bodyHtml" label="解读正文" errors={errors} hint="写明出台背景和依据、目标任务、主要内容和措施、适用范围、关键词解释、新旧政策差异、执行咨询方式；不要只摘抄原文。">
        <textarea id="f-bodyHtml" name="bodyHtml" rows={16} data-rich-text aria-describedby={describedBy('bodyHtml', errors, true)}>{one(vals, 'bodyHtml')}</textarea>
      </Field>
      {p.revision ? <ChangeNoteField value={one(vals, 'changeNote')} errors={errors} /> : null}
      <FormActions cancelHref={p.interpretationId ? `/admin/interpretations/${p.interpretationId}` : '/admin/interpretations'} action="save" />
    </EditFormFrame>
  );
}

/** 被解读的文件: ticked documents, a search that keeps everything typed, and free entry by number. */
function DocumentsFieldset(p: InterpretationFormProps & { chosenIds: Set<number> }) {
  const { errors, values: vals } = p;
  return (
    <fieldset class="field" id="f-documents" aria-describedby={errors?.documents ? 'e-documents' : undefined}>
      <legend>被解读的文件 <span class="req" aria-hidden="true">*</span></legend>
      <p class="hint">可选择本机构的文件（含草稿，便于同步起草、同步报审）或任一已发布的文件。</p>
      {errors?.documents ? <p class="error-message" id="e-documents">{errors.documents}</p> : null}
      {p.chosen.length ? (
        <ul class="list">
          {p.chosen.map((d) => (
            <li><label style="font-weight:normal"><input type="checkbox" name="documentIds" value={d.id} checked /> {linkableLabel(d)}</label></li>
          ))}
        </ul>
      ) : (
        <p>尚未选择文件。</p>
      )}
      <DocumentLookup query={one(vals, 'docQuery')} found={p.found} chosenIds={p.chosenIds} none="没有找到可解读的文件。" />
      <label for="f-documentRefs">或直接填写文件编号、发文字号或完整标题（每行一个）</label>
      <textarea id="f-documentRefs" name="documentRefs" rows={2}>{one(vals, 'documentRefs')}</textarea>
    </fieldset>
  );
}
