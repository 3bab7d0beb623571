import type { FieldErrors } from '../../../platform/http/errors.js';
import { APPLICANT_KINDS } from '../domain/outcomes.js';
import { DELIVERY_METHODS, PROVIDE_FORMS } from '../schemas.js';
import { RadioGroup, Select, TextArea, TextInput, type FormValues } from './public-form-parts.js';

interface Props {
  values: FormValues;
  errors?: FieldErrors;
}

const ORGANIZATION_KINDS = APPLICANT_KINDS.filter((k) => k.kind !== 'natural').map((k) => ({ value: k.kind, label: k.label }));

export const ID_TYPES = [
  { value: 'id_card', label: '居民身份证' },
  { value: 'other_id', label: '其他有效身份证件（护照、港澳台居民居住证等）' },
  { value: 'credit_code', label: '统一社会信用代码（法人或其他组织）' },
];

/** 二、申请人 and 三、联系方式: who applies, with proof of identity, and how to reach them. */
export function ApplicantFields({ values, errors }: Props) {
  const e = errors;
  return (
    <>
      <fieldset class="section">
        <legend>二、申请人</legend>
        <RadioGroup
          name="applicantKind"
          label="申请人类型"
          values={values}
          errors={e}
          required
          choices={[{ value: 'natural', label: '自然人（个人）' }]}
          sections={[{ heading: '法人或其他组织（单位），请选择类别：', choices: ORGANIZATION_KINDS }]}
        />
        <TextInput name="name" label="姓名或单位名称" values={values} errors={e} required autocomplete="name" maxLength={100} hint="个人填写本人姓名；单位填写营业执照或登记证书上的全称。" />
        <Select name="idType" label="证件类型" values={values} errors={e} required placeholder="请选择" options={ID_TYPES} />
        <TextInput name="idNumber" label="证件号码" values={values} errors={e} required maxLength={40} autocomplete="off" hint="居民身份证为 18 位，最后一位可能是 X；统一社会信用代码为 18 位。" />
        <TextInput name="legalRep" label="法定代表人或负责人（单位填写）" values={values} errors={e} maxLength={50} />
        <TextInput name="contactName" label="联系人（单位必填）" values={values} errors={e} maxLength={50} />
      </fieldset>
      <fieldset class="section">
        <legend>三、联系方式</legend>
        <TextInput name="phone" label="联系电话" type="tel" inputMode="tel" size="short" values={values} errors={e} required autocomplete="tel" maxLength={30} hint="手机号 11 位；固定电话请带区号，如 025-86000000。" />
        <TextInput name="email" label="电子邮箱" type="email" inputMode="email" values={values} errors={e} autocomplete="email" maxLength={100} hint="选择通过电子邮件获取信息的，必须填写。" />
        <TextInput name="address" label="通讯地址" values={values} errors={e} autocomplete="street-address" maxLength={200} hint="选择邮寄的，必须填写地址和邮政编码。" />
        <TextInput name="postcode" label="邮政编码" size="short" inputMode="numeric" values={values} errors={e} autocomplete="postal-code" maxLength={6} />
      </fieldset>
    </>
  );
}

/** 四、所需信息 and how it is to be provided, with the “has it already been published?” button. */
export function InformationFields({ values, errors, suggest = true }: Props & { suggest?: boolean }) {
  const e = errors;
  return (
    <fieldset class="section">
      <legend>四、您需要什么信息</legend>
      <TextInput name="subject" label="所需信息的名称" values={values} errors={e} required maxLength={200} hint="例如：2025 年本市城区道路改造工程的批复文件。" />
      <TextInput name="docNumber" label="文号（知道的话请填写）" values={values} errors={e} maxLength={100} hint="例如：宁政办发〔2025〕5号。" />
      <TextArea
        name="description"
        label="所需信息的内容描述"
        values={values}
        errors={e}
        required
        rows={6}
        maxLength={4000}
        hint="请写清楚信息涉及的事项、时间、地点等，便于工作人员查找。描述不清楚的，受理机关会请您补正。"
      />
      {suggest ? <div class="suggest-box">
        <p class="hint">提交前可以先查一查：您要的信息也许已经主动公开，可以直接查看。</p>
        <button type="submit" name="action" value="suggest" class="secondary big-button">
          先查一查是否已经公开
        </button>
      </div> : null}
      <RadioGroup name="provideForm" label="获取信息的形式" values={values} errors={e} required choices={Object.entries(PROVIDE_FORMS).map(([value, label]) => ({ value, label }))} />
      <RadioGroup name="deliveryMethod" label="获取信息的方式" values={values} errors={e} required choices={Object.entries(DELIVERY_METHODS).map(([value, label]) => ({ value, label }))} />
    </fieldset>
  );
}
