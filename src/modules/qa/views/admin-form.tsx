import { EditFormFrame } from '../../editions/public.js';
import { describedBy, Field } from '../../../platform/html/components.js';
import { FormActions, manyValues as many, oneValue as one, textInputs, TopicField } from '../../../platform/html/form-fields.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import type { FieldErrors } from '../../../platform/http/errors.js';
import type { ItemStatus } from '../../../db/schema.js';
import { ChangeNoteField } from '../../editions/public.js';
import type { FormOptions } from '../../documents/public.js';
import type { LinkableDocument } from '../../interpretations/public.js';
import { DocumentLookup, linkableLabel } from '../../interpretations/public.js';

/** The values a form shows: strings as typed, so a rejected form comes back exactly as it was. */
export type QaFormValues = Record<string, string | string[] | undefined>;

export interface QaFormProps {
  ctx: PageContext;
  actorName: string | null;
  csrfToken: string;
  /** The row the form writes to; null for a new entry. */
  qaId: number | null;
  status: ItemStatus | null;
  /** Editing a published entry (through its edition): the public change note is asked for. */
  revision?: boolean;
  options: FormOptions;
  values: QaFormValues;
  errors?: FieldErrors;
  /** Documents ticked on the form. */
  chosen: LinkableDocument[];
  /** The last 查找文件 result, not yet ticked; null when no search was made. */
  found: LinkableDocument[] | null;
}

export function QaForm(p: QaFormProps) {
  const { values: vals, errors, options: o } = p;
  const title = p.qaId ? '编辑政策问答' : '新建政策问答';
  const input = textInputs(vals, errors);
  const audiences = many(vals, 'audiences');
  return (
    <EditFormFrame
      {...p} title={title} section={{ label: '政策问答', href: '/admin/qa' }} noun="问答" status={p.status ?? null}
      action={p.qaId ? `/admin/qa/${p.qaId}` : '/admin/qa'} org={{ orgs: o.orgs, value: one(vals, 'orgId'), fixed: p.qaId !== null }}
    >
      <Field name="question" label="问题" errors={errors} required hint="用群众的话提问，如“灵活就业人员怎样参加职工养老保险？”">
        <textarea id="f-question" name="question" rows={2} aria-invalid={errors?.question ? 'true' : undefined} aria-describedby={describedBy('question', errors, true)}>{one(vals, 'question')}</textarea>
      </Field>
      <Field name="phrasings" label="其他问法" errors={errors} hint="同一问题的其他说法，每行一条，如“打零工怎么交社保”。智能问答据此匹配不同的提问方式。">
        <textarea id="f-phrasings" name="phrasings" rows={3} aria-describedby={describedBy('phrasings', errors, true)}>{one(vals, 'phrasings')}</textarea>
      </Field>
      <Field name="answerHtml" label="答复内容" errors={errors} hint="先给结论，再说条件、材料、办理渠道和时限；引用文件时写明文号和条款。可使用段落、列表、加粗和链接。">
        <textarea id="f-answerHtml" name="answerHtml" rows={12} data-rich-text aria-describedby={describedBy('answerHtml', errors, true)}>{one(vals, 'answerHtml')}</textarea>
      </Field>
      <Field name="department" label="答复部门（科室）" errors={errors} hint="如 市人社局社会保险处。提交审核前必须填写。">{input('department', { size: 40, maxLength: 100 }, true)}</Field>
      <Field name="contact" label="咨询电话" errors={errors} hint="如 025-86000000（工作日 9:00—17:00）。提交审核前必须填写。">{input('contact', { size: 40, maxLength: 100 }, true)}</Field>
      <TopicField topics={o.topics} value={one(vals, 'topicId')} errors={errors} />
      <fieldset class="field" id="f-audiences">
        <legend>服务对象</legend>
        {errors?.audiences ? <p class="error-message" id="e-audiences">{errors.audiences}</p> : null}
        {o.audiences.map((a) => (
          <label style="display:inline-block;margin-right:1em;font-weight:normal">
            <input type="checkbox" name="audiences" value={a} checked={audiences.includes(a)} /> {a}
          </label>
        ))}
      </fieldset>
      <Field name="reviewOn" label="复核日期" errors={errors} hint="到期后问答列入“复核到期”清单，请对照现行政策核对答复。">
        <input id="f-reviewOn" name="reviewOn" type="date" value={one(vals, 'reviewOn')} aria-invalid={errors?.reviewOn ? 'true' : undefined} aria-describedby={describedBy('reviewOn', errors, true)} />
      </Field>
      <DocumentsFieldset {...p} />
      {p.revision ? <ChangeNoteField value={one(vals, 'changeNote')} errors={errors} /> : null}
      <FormActions cancelHref={p.qaId ? `/admin/qa/${p.qaId}` : '/admin/qa'} action="save" />
    </EditFormFrame>
  );
}

/** 依据文件: ticked documents each with an optional clause, a search that keeps everything typed, and free entry. */
function DocumentsFieldset(p: QaFormProps) {
  const { errors, values: vals } = p;
  const chosenIds = new Set(p.chosen.map((d) => d.id));
  return (
    <fieldset class="field" id="f-documents" aria-describedby={errors?.documents ? 'e-documents' : undefined}>
      <legend>依据的文件</legend>
      <p class="hint">答复所依据的政策文件，可注明条款（如 第十二条）。门户上的问答页会链接这些文件并标明其有效性。</p>
      {errors?.documents ? <p class="error-message" id="e-documents">{errors.documents}</p> : null}
      {p.chosen.length ? (
        <ul class="list">
          {p.chosen.map((d) => (
            <li>
              <label style="font-weight:normal"><input type="checkbox" name="documentIds" value={d.id} checked /> {linkableLabel(d)}</label>{' '}
              <label for={`f-clause_${d.id}`} class="visually-hidden">《{d.title}》的条款</label>
              <input id={`f-clause_${d.id}`} name={`clause_${d.id}`} type="text" size={12} maxLength={50} placeholder="条款，如 第十二条" value={one(vals, `clause_${d.id}`)} />
            </li>
          ))}
        </ul>
      ) : (
        <p>尚未关联文件。</p>
      )}
      <DocumentLookup query={one(vals, 'docQuery')} found={p.found} chosenIds={chosenIds} none="没有找到可关联的文件。" />
      <label for="f-documentRefs">或直接填写文件编号、发文字号或完整标题，可在后面空一格写条款（每行一个，如“宁人社发〔2023〕8号 第五条”）</label>
      <textarea id="f-documentRefs" name="documentRefs" rows={2} aria-describedby={errors?.documentRefs ? 'e-documentRefs' : undefined}>{one(vals, 'documentRefs')}</textarea>
      {errors?.documentRefs ? <p class="error-message" id="e-documentRefs">{errors.documentRefs}</p> : null}
    </fieldset>
  );
}
