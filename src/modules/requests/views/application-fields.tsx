import { describedBy, Field } from '../../../platform/html/components.js';
import type { FieldErrors } from '../../../platform/http/errors.js';
import { APPLICANT_KINDS } from '../domain/outcomes.js';
import { DELIVERY_METHODS, PROVIDE_FORMS } from '../schemas.js';

/**
 * The fields of an application (条例 第二十九条): who applies, with proof of identity and contact;
 * what information; in what form and how to receive it; attachments. One set of fields for the
 * online form and the counter's intake, so both ask the same and validate the same.
 */
export function ApplicationFields({ values: v, errors: e }: { values: Record<string, string>; errors?: FieldErrors }) {
  const text = (name: string, opts: { type?: 'text' | 'email' | 'tel'; autocomplete?: string; inputmode?: string; hint?: boolean } = {}) => (
    <input id={`f-${name}`} name={name} type={(opts.type ?? 'text') as 'text'} value={v[name] ?? ''} autoComplete={opts.autocomplete} inputMode={opts.inputmode as 'numeric' | undefined} aria-describedby={describedBy(name, e, opts.hint)} aria-invalid={e?.[name] ? 'true' : undefined} />
  );
  return (
    <>
      <fieldset>
        <legend>申请人信息</legend>
        <Field name="applicantKind" label="申请人类型" errors={e} required>
          <select id="f-applicantKind" name="applicantKind">
            {APPLICANT_KINDS.map((k) => <option value={k.kind} selected={v.applicantKind === k.kind}>{k.kind === 'natural' ? '自然人（公民个人）' : `法人或其他组织：${k.label}`}</option>)}
          </select>
        </Field>
        <Field name="name" label="姓名或单位名称" errors={e} required>{text('name', { autocomplete: 'name' })}</Field>
        <Field name="idType" label="证件类型" errors={e} required>
          <select id="f-idType" name="idType">
            <option value="id_card" selected={v.idType === 'id_card'}>居民身份证</option>
            <option value="other_id" selected={v.idType === 'other_id'}>其他身份证件（护照、港澳台居民证件等）</option>
            <option value="credit_code" selected={v.idType === 'credit_code'}>统一社会信用代码（法人或其他组织）</option>
          </select>
        </Field>
        <Field name="idNumber" label="证件号码" errors={e} required hint="身份证号 18 位，末位可能是 X；单位填写 18 位统一社会信用代码">{text('idNumber', { hint: true })}</Field>
        <Field name="legalRep" label="法定代表人或负责人（单位填写）" errors={e}>{text('legalRep')}</Field>
        <Field name="contactName" label="联系人（单位必填）" errors={e}>{text('contactName')}</Field>
        <Field name="phone" label="联系电话" errors={e} required hint="手机号，或带区号的固定电话">{text('phone', { type: 'tel', autocomplete: 'tel', hint: true })}</Field>
        <Field name="email" label="电子邮箱" errors={e}>{text('email', { type: 'email', autocomplete: 'email' })}</Field>
        <Field name="address" label="通讯地址" errors={e} hint="选择邮寄的必填">{text('address', { autocomplete: 'street-address', hint: true })}</Field>
        <Field name="postcode" label="邮政编码" errors={e}>{text('postcode', { autocomplete: 'postal-code', inputmode: 'numeric' })}</Field>
      </fieldset>
      <fieldset>
        <legend>所需信息</legend>
        <Field name="subject" label="所需信息的名称" errors={e} required hint="例如：某某项目的环境影响评价批复">{text('subject', { hint: true })}</Field>
        <Field name="docNumber" label="文号（如知道）" errors={e} hint="例如：宁政发〔2025〕12号">{text('docNumber', { hint: true })}</Field>
        <Field name="description" label="所需信息的内容描述" errors={e} required hint="请尽量写明时间、地点、事项，便于准确查找">
          <textarea id="f-description" name="description" rows={6} aria-describedby={describedBy('description', e, true)}>{v.description ?? ''}</textarea>
        </Field>
      </fieldset>
      <fieldset>
        <legend>获取信息的形式和方式</legend>
        <Field name="provideForm" label="信息的形式" errors={e} required>
          <select id="f-provideForm" name="provideForm">{Object.entries(PROVIDE_FORMS).map(([k, label]) => <option value={k} selected={v.provideForm === k}>{label}</option>)}</select>
        </Field>
        <Field name="deliveryMethod" label="获取方式" errors={e} required>
          <select id="f-deliveryMethod" name="deliveryMethod">{Object.entries(DELIVERY_METHODS).map(([k, label]) => <option value={k} selected={v.deliveryMethod === k}>{label}</option>)}</select>
        </Field>
        <Field name="attachments" label="附件（身份证明、申请书扫描件等，最多 5 个）" errors={e} hint="可上传 PDF、Word（.docx）、JPG、PNG">
          <input id="f-attachments" type="file" name="attachments" multiple accept=".pdf,.docx,.jpg,.jpeg,.png" aria-describedby={describedBy('attachments', e, true)} />
        </Field>
      </fieldset>
    </>
  );
}
