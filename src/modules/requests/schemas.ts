import { z } from 'zod';
import type { ApplicantKind } from '../../db/schema.js';
import { fields } from '../../platform/http/forms.js';
import { maskPersonalData } from '../../platform/text-checks/personal-data.js';
import { isValidCreditCode, isValidIdNumber } from '../../platform/text-checks/validators.js';
import { APPLICANT_KINDS, OUTCOME_CODES } from './domain/outcomes.js';
import { MAX_EXTENSION_DAYS } from './domain/clock.js';

/**
 * What an application must contain (条例 第二十九条第二款): the applicant's name, proof of identity
 * and contact; a description of the information; the form wanted and how to obtain it. The same
 * schema serves the online form and the counter's intake.
 */
export const PROVIDE_FORMS = { paper: '纸质文本', electronic: '电子文档' } as const;
export const DELIVERY_METHODS = { post: '邮寄', pickup: '当面领取', email: '电子邮件', online: '网上获取（在本平台查询下载）', fax: '传真' } as const;
export const CHANNELS = { online: '网上申请', in_person: '当面提交', post_signed: '邮寄（需签收）', post_unsigned: '邮寄（平常信函，无需签收）', fax: '传真' } as const;
/** Which day counts as the day of receipt for each channel (条例 第三十一条). */
export const RECEIPT_RULES: Record<keyof typeof CHANNELS, string> = {
  online: '以双方确认之日为收到申请之日（条例第三十一条第三项）',
  in_person: '以提交之日为收到申请之日（条例第三十一条第一项）',
  post_signed: '以行政机关签收之日为收到申请之日（条例第三十一条第二项）',
  post_unsigned: '以政府信息公开工作机构向申请人确认之日为收到申请之日（条例第三十一条第二项）',
  fax: '以双方确认之日为收到申请之日（条例第三十一条第三项）',
};
export const RECEIPT_DATE_LABELS: Record<keyof typeof CHANNELS, string> = {
  online: '双方确认日期',
  in_person: '提交日期',
  post_signed: '签收日期',
  post_unsigned: '向申请人确认日期',
  fax: '双方确认日期',
};

const applicantKinds = APPLICANT_KINDS.map((k) => k.kind) as [ApplicantKind, ...ApplicantKind[]];
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;

/** The applicant as sealed at rest. */
export interface ApplicantData {
  kind: ApplicantKind;
  /** A person's name, or the organization's name. */
  name: string;
  /** 身份证号 for a person (or another document's number), 统一社会信用代码 for an organization. */
  idType: 'id_card' | 'other_id' | 'credit_code';
  idNumber: string;
  legalRep: string | null;
  contactName: string | null;
  phone: string;
  email: string | null;
  address: string | null;
  postcode: string | null;
}

export function applicationSchema(today: string) {
  return z
    .object({
      orgId: z.string({ error: '请选择受理机关' }).regex(/^\d{1,12}$/, '请选择受理机关').transform(Number),
      applicantKind: z.enum(applicantKinds, { error: '请选择申请人类型' }),
      name: fields.text('姓名或名称', 100),
      idType: z.enum(['id_card', 'other_id', 'credit_code'], { error: '请选择证件类型' }),
      idNumber: fields.text('证件号码', 40).transform((s) => s.replace(/\s+/g, '').toUpperCase()),
      legalRep: fields.optionalText('法定代表人或负责人', 50),
      contactName: fields.optionalText('联系人', 50),
      phone: fields.text('联系电话', 30).transform((s) => s.replace(/\s+/g, '')).refine((s) => PHONE.test(s), '联系电话应为 11 位手机号或带区号的固定电话，如 025-86000000'),
      email: z.string().trim().max(100, '电子邮箱过长').optional().transform((s) => (s ? s : null)).refine((s) => s === null || /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(s), '电子邮箱格式不正确'),
      address: fields.optionalText('通讯地址', 200),
      postcode: z.string().trim().optional().transform((s) => (s ? s : null)).refine((s) => s === null || /^\d{6}$/.test(s), '邮政编码应为 6 位数字'),
      subject: fields.text('所需信息的名称', 200),
      docNumber: fields.optionalText('文号', 100),
      description: fields.text('所需信息的内容描述', 4000),
      provideForm: fields.oneOf('获取信息的形式', Object.keys(PROVIDE_FORMS) as (keyof typeof PROVIDE_FORMS)[]),
      deliveryMethod: fields.oneOf('获取信息的方式', Object.keys(DELIVERY_METHODS) as (keyof typeof DELIVERY_METHODS)[]),
    })
    // Cross-field rules run even when another field is wrong, so every message shows at once.
    .superRefine(
      (v, ctx) => {
        const natural = v.applicantKind === 'natural';
        const id = typeof v.idNumber === 'string' ? v.idNumber : '';
        if (v.applicantKind && natural && v.idType === 'credit_code') ctx.addIssue({ code: 'custom', path: ['idType'], message: '自然人请选择身份证或其他身份证件' });
        if (v.applicantKind && !natural && v.idType && v.idType !== 'credit_code') ctx.addIssue({ code: 'custom', path: ['idType'], message: '法人或其他组织请填写统一社会信用代码' });
        if (id && v.idType === 'id_card' && !isValidIdNumber(id, today)) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: '身份证号码有误，请核对（18 位，末位可能是 X）' });
        if (id && v.idType === 'credit_code' && !isValidCreditCode(id)) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: '统一社会信用代码有误，请核对（18 位）' });
        if (v.applicantKind && !natural && !v.contactName) ctx.addIssue({ code: 'custom', path: ['contactName'], message: '请填写联系人' });
        if (v.deliveryMethod === 'email' && !v.email) ctx.addIssue({ code: 'custom', path: ['email'], message: '选择电子邮件获取的，请填写电子邮箱' });
        if (v.deliveryMethod === 'post' && (!v.address || !v.postcode)) ctx.addIssue({ code: 'custom', path: ['address'], message: '选择邮寄的，请填写通讯地址和邮政编码' });
      },
      { when: () => true },
    );
}
export type Application = z.infer<ReturnType<typeof applicationSchema>>;

export function applicantOf(a: Application): ApplicantData {
  return {
    kind: a.applicantKind, name: a.name, idType: a.idType, idNumber: a.idNumber, legalRep: a.legalRep, contactName: a.contactName,
    phone: a.phone, email: a.email, address: a.address, postcode: a.postcode,
  };
}

/** What lists show: a person's surname only; an organization's name (not personal data). */
export function maskApplicant(a: Pick<ApplicantData, 'kind' | 'name'>): string {
  if (a.kind !== 'natural') return a.name;
  const chars = [...a.name];
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** The applicant's details for a view, masked unless revealed (every reveal is audited). */
export function applicantFields(a: ApplicantData, reveal: boolean): [string, string][] {
  const m = (v: string | null, f: (s: string) => string) => (v ? (reveal ? v : f(v)) : '—');
  return [
    ['姓名或名称', reveal ? a.name : maskApplicant(a)],
    [a.idType === 'credit_code' ? '统一社会信用代码' : '证件号码', m(a.idNumber, (s) => (a.idType === 'credit_code' ? s : maskPersonalData(s, 'id_number')))],
    ...(a.legalRep ? [['法定代表人或负责人', m(a.legalRep, (s) => maskApplicant({ kind: 'natural', name: s }))] as [string, string]] : []),
    ...(a.contactName ? [['联系人', m(a.contactName, (s) => maskApplicant({ kind: 'natural', name: s }))] as [string, string]] : []),
    ['联系电话', m(a.phone, (s) => (s.startsWith('1') ? maskPersonalData(s, 'mobile') : maskPersonalData(s, 'landline')))],
    ['电子邮箱', m(a.email, (s) => maskPersonalData(s, 'email'))],
    ['通讯地址', m(a.address, (s) => `${[...s].slice(0, 6).join('')}****`)],
    ['邮政编码', a.postcode ?? '—'],
  ];
}

/** The staff's intake adds the channel and the day that counts as receipt. */
export function intakeSchema(today: string) {
  return z.object({
    channel: z.enum(['in_person', 'post_signed', 'post_unsigned', 'fax'], { error: '请选择收件渠道' }),
    receivedOn: z
      .string({ error: '请填写收到申请的日期' })
      .regex(/^\d{4}-\d{2}-\d{2}$/, '收到申请的日期格式应为 年-月-日')
      .refine((s) => s <= today, '收到申请的日期不能晚于今天'),
  });
}

export const correctionSchema = z.object({ items: fields.text('需要补正的事项', 2000), correctBy: fields.date('补正期限') });
export const consultationSchema = z.object({
  party: fields.text('征求意见对象', 200),
  partyKind: z.enum(['third_party', 'co_producer'], { error: '请选择征求意见对象的类型' }),
});
export const consultationEndSchema = z.object({ opinion: fields.text('意见情况', 1000), on: fields.date('收到意见日期') });
export const extensionSchema = z.object({
  days: z.coerce.number({ error: '请填写延长的工作日数' }).int('延长天数须为整数').min(1, '延长天数至少 1 个工作日').max(MAX_EXTENSION_DAYS, `延长期限最长不得超过 ${MAX_EXTENSION_DAYS} 个工作日`),
  reason: fields.text('延期理由', 500),
});
export const feeSchema = z
  .object({
    method: z.enum(['per_request', 'per_page'], { error: '请选择收费方式' }),
    pages: z.string().trim().optional().transform((s) => (s ? Number(s) : null)).refine((n) => n === null || (Number.isInteger(n) && n >= 1 && n <= 1_000_000), '页数须为正整数'),
  })
  .refine((v) => v.method !== 'per_page' || v.pages !== null, { message: '按量收费须填写页数', path: ['pages'] });
export const replyDraftSchema = z.object({
  // The two lapses (逾期不补正, 逾期未缴费) are chosen too; outcomeRule checks that their deadline has passed.
  outcome: z.enum(OUTCOME_CODES as [string, ...string[]], { error: '请选择办理结果' }),
  body: z.string().max(20_000, '答复书正文过长').optional().transform((s) => (s ?? '').trim()),
  disclosedContent: fields.optionalText('公开的内容', 2000),
  withheldReason: fields.optionalText('不予公开的理由', 2000),
  referTo: fields.optionalText('负责公开该信息的机关及联系方式', 300),
});
export const deliverySchema = z.object({
  method: z.enum(['post', 'in_person', 'email', 'online', 'fax'], { error: '请选择送达方式' }),
  on: z.string({ error: '请填写送达日期' }).regex(/^\d{4}-\d{2}-\d{2}$/, '送达日期格式应为 年-月-日'),
});
export const appealSchema = z.object({
  kind: z.enum(['review', 'litigation', 'litigation_after_review'], { error: '请选择类型' }),
  filedOn: z.string({ error: '请填写日期' }).regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 年-月-日'),
  result: z.enum(['upheld', 'corrected', 'other', 'pending'], { error: '请选择结果' }),
  decidedOn: fields.date('审结日期'),
  note: fields.optionalText('备注', 500),
});
