import { fields } from '../../platform/http/forms.js';
import { ATTRIBUTES } from '../../platform/content/lifecycle.js';
import { parseDocNumber } from './domain/doc-number.js';
import { z } from 'zod';
import { VALIDITIES, VALIDITY_EVENT_KINDS } from './domain/validity.js';
import { PROVENANCES, type Provenance } from './domain/provenance.js';

const ints = (label: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((s) => s !== ''))
    .refine((xs) => xs.every((x) => /^\d{1,9}$/.test(x)), `${label}的取值无效`)
    .transform((xs) => xs.map(Number));

const strings = (label: string, max = 20) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter(Boolean))
    .refine((xs) => xs.length <= max && xs.every((x) => x.length <= 100), `${label}的取值无效`);

/** The library's query string: every filter is validated, an unknown value is refused with a 400. */
export const searchQuerySchema = z.object({
  q: z.string().max(200, '检索词不能超过 200 个字').optional().transform((s) => (s ?? '').trim()),
  docType: strings('文种'),
  issuer: strings('发文机关'),
  year: ints('年份').refine((ys) => ys.every((y) => y >= 1949 && y <= 2100), '年份的取值无效'),
  topic: ints('主题分类'),
  audience: strings('服务对象'),
  validity: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter(Boolean))
    .refine((xs) => xs.every((x) => (VALIDITIES as readonly string[]).includes(x)), '有效性的取值无效')
    .transform((xs) => xs as (typeof VALIDITIES)[number][]),
  org: ints('公开机构'),
  provenance: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter(Boolean))
    .refine((xs) => xs.every((x) => (PROVENANCES as readonly string[]).includes(x)), '来源的取值无效，可选：own（本站发布）、law（法律法规）、superior（上级文件）')
    .transform((xs) => xs as Provenance[]),
  sort: z.enum(['relevance', 'date'], { error: '排序方式的取值无效，只能按相关度或日期排序' }).optional(),
  page: z.coerce.number({ error: '页码无效' }).int('页码无效').min(1, '页码无效').max(500, '页码过大，请缩小检索范围').optional(),
  pageSize: z.coerce.number({ error: '每页条数无效' }).int('每页条数无效').min(1, '每页条数无效').max(50, '每页最多 50 条').optional(),
});


const optionalId = (label: string) =>
  z
    .string()
    .optional()
    .transform((s) => (s ? s : null))
    .refine((s) => s === null || /^\d{1,12}$/.test(s), `${label}无效`)
    .transform((s) => (s === null ? null : Number(s)));

/** The document form's fields, checked one by one; cross-field rules live in domain/document-input.ts. */
export const documentFormSchema = z.object({
  orgId: z.string({ error: '请选择公开机构' }).regex(/^\d+$/, '请选择公开机构').transform(Number),
  title: fields.text('标题', 200),
  // Checked here too (not only in domain/document-input.ts) so its message shows with the others.
  docNo: fields.optionalText('发文字号', 60).superRefine((v, ctx) => {
    const r = v ? parseDocNumber(v) : null;
    if (r && !r.ok) ctx.addIssue({ code: 'custom', message: r.error });
  }),
  issuers: fields.text('发文机关', 300),
  docType: fields.text('文种', 20),
  catalogNodeId: optionalId('所属栏目'),
  topicId: optionalId('主题分类'),
  audiences: fields.list(),
  attribute: fields.oneOf('公开属性', ATTRIBUTES),
  writtenOn: fields.date('成文日期'),
  publishedOn: fields.date('发布日期'),
  effectiveOn: fields.date('施行日期'),
  expiresOn: fields.date('有效期至'),
  bodyHtml: z.string().max(2_000_000, '正文过长').optional().transform((s) => s ?? ''),
  note: fields.optionalText('修改说明', 200),
  changeNote: fields.optionalText('公开的修订说明', 300),
  redactedCopies: fields.checkbox(),
});

export const relationFormSchema = z.object({
  kind: fields.oneOf('类型', VALIDITY_EVENT_KINDS),
  byDocument: fields.optionalText('依据文件', 80),
  effectiveOn: fields.date('生效日期').refine((s) => s !== null, '请填写生效日期').transform((s) => s!),
  note: fields.optionalText('说明', 200),
});
