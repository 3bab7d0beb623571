import { z } from 'zod';
import { fields } from '../../platform/http/forms.js';
import { INTERPRETATION_FORMS } from './domain/labels.js';

/** The interpretation form's fields; the documents are resolved and checked by the command. */
export const interpretationFormSchema = z.object({
  orgId: z.string({ error: '请选择所属机构' }).regex(/^\d{1,12}$/, '请选择所属机构').transform(Number),
  title: fields.text('标题', 200),
  form: fields.oneOf('解读形式', INTERPRETATION_FORMS),
  // May stay empty in a draft; submitting for review needs both (see review-kind.ts).
  department: fields.optionalText('解读部门', 100),
  contact: fields.optionalText('联系人及电话', 100),
  changeNote: fields.optionalText('公开的修订说明', 300),
  bodyHtml: z.string().max(2_000_000, '正文过长').optional().transform((s) => s ?? ''),
  documentIds: fields.list().refine((xs) => xs.length <= 50 && xs.every((x) => /^\d{1,12}$/.test(x)), '所选文件无效').transform((xs) => [...new Set(xs.map(Number))]),
  documentRefs: z.string().max(4000, '文件编号或发文字号过多').optional().transform((s) => (s ?? '').split(/\r?\n/).map((x) => x.trim()).filter(Boolean)),
  docQuery: fields.optionalText('查找文件', 100),
  action: z.enum(['save', 'search'], { error: '操作无效' }).optional().transform((a) => a ?? 'save'),
});

/** The interpretation rate's period (解读率统计区间). */
export const rateQuerySchema = z
  .object({ from: fields.date('开始日期'), to: fields.date('结束日期') })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] });
