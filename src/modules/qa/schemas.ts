import { z } from 'zod';
import { fields } from '../../platform/http/forms.js';
import { QA_LIMITS } from './commands/save-qa.js';

const id = /^\d{1,12}$/;
const lines = (s: string | undefined) => (s ?? '').split(/\r?\n/).map((x) => x.trim()).filter(Boolean);

/** The Q&A form's fields; the linked documents are resolved by the route and checked by the command. */
export const qaFormSchema = z.object({
  orgId: z.string({ error: '请选择所属机构' }).regex(id, '请选择所属机构').transform(Number),
  question: fields.text('问题', QA_LIMITS.question),
  phrasings: z
    .string()
    .max(QA_LIMITS.phrasings * (QA_LIMITS.phrasing + 2), '其他问法过长')
    .optional()
    .transform(lines)
    .refine((xs) => xs.length <= QA_LIMITS.phrasings, `其他问法最多 ${QA_LIMITS.phrasings} 条`)
    .refine((xs) => xs.every((x) => x.length <= QA_LIMITS.phrasing), `每条其他问法不能超过 ${QA_LIMITS.phrasing} 个字`)
    .refine((xs) => xs.every((x) => !/[<>]/.test(x)), '其他问法不能包含尖括号 < >（不接受网页标记）'),
  answerHtml: z.string().max(QA_LIMITS.answerHtml, '答复内容过长').optional().transform((s) => s ?? ''),
  // May stay empty in a draft; submitting for review needs both (see review-kind.ts).
  department: fields.optionalText('答复部门', QA_LIMITS.department).transform((s) => s ?? ''),
  contact: fields.optionalText('咨询电话', QA_LIMITS.contact).transform((s) => s ?? ''),
  changeNote: fields.optionalText('公开的修订说明', 300).transform((s) => s ?? ''),
  topicId: z
    .string()
    .optional()
    .refine((s) => !s || id.test(s), '主题分类的取值无效')
    .transform((s) => (s ? Number(s) : null)),
  audiences: fields.list().refine((xs) => xs.length <= 20 && xs.every((x) => x.length <= 50), '服务对象的取值无效'),
  reviewOn: fields.date('复核日期'),
  documentIds: fields.list().refine((xs) => xs.length <= QA_LIMITS.documents && xs.every((x) => id.test(x)), '所选文件无效').transform((xs) => [...new Set(xs.map(Number))]),
  documentRefs: z.string().max(4000, '文件编号或发文字号过多').optional().transform(lines),
  docQuery: fields.optionalText('查找文件', 100),
  action: z.enum(['save', 'search'], { error: '操作无效' }).optional().transform((a) => a ?? 'save'),
});

/** A clause typed next to a ticked document (第十二条); optional. */
export const clauseSchema = fields.optionalText('条款', QA_LIMITS.clause).transform((s) => s ?? '');

/** The public library's query string: unknown or malformed values are a 400, not ignored. */
export const qaSearchSchema = z.object({
  q: z.string().max(200, '检索词不能超过 200 个字').optional().transform((s) => (s ?? '').trim()),
  department: z.string().max(100, '部门名称过长').optional().transform((s) => (s ? s.trim() : null)),
  topic: z
    .string()
    .optional()
    .refine((s) => !s || id.test(s), '主题分类的取值无效')
    .transform((s) => (s ? Number(s) : null)),
  page: z
    .string()
    .optional()
    .refine((s) => !s || (/^\d{1,4}$/.test(s) && Number(s) >= 1), '页码无效')
    .transform((s) => (s ? Number(s) : 1)),
});
