import { z } from 'zod';
import { ATTRIBUTES } from '../../platform/content/lifecycle.js';
import { fields } from '../../platform/http/forms.js';
import { CATEGORY_CODES, PUBLICITY } from './domain/categories.js';
import { AFTER_PERIODS, SCOPES } from './domain/labels.js';

const id = (message: string) =>
  z
    .string()
    .optional()
    .refine((s) => !s || /^\d{1,12}$/.test(s), message)
    .transform((s) => (s ? Number(s) : null));

/**
 * The item form's fields. A 公示's period is checked here when it is given (end ≥ start); that it is
 * given at all, and its scope and ending, are checked before review (review-kind.ts), so a draft
 * may be saved unfinished.
 */
export const itemFormSchema = z
  .object({
    orgId: z.string({ error: '请选择所属机构' }).regex(/^\d{1,12}$/, '请选择所属机构').transform(Number),
    category: fields.oneOf('栏目类别', CATEGORY_CODES),
    catalogNodeId: id('所属栏目无效'),
    title: fields.text('标题', 200),
    topicId: id('主题分类无效'),
    attribute: fields.oneOf('公开属性', ATTRIBUTES),
    source: fields.optionalText('来源', 100),
    bodyHtml: z.string().max(2_000_000, '正文过长').optional().transform((s) => s ?? ''),
    publicityStart: fields.date('公示开始日期'),
    publicityEnd: fields.date('公示结束日期'),
    publicityScope: z.union([z.literal(''), fields.oneOf('公示范围', SCOPES)]).optional().transform((s) => (s ? s : null)),
    publicityPlace: fields.optionalText('公示区域', 100),
    afterPeriod: z.union([z.literal(''), fields.oneOf('公示期满后的处理', AFTER_PERIODS)]).optional().transform((s) => (s ? s : null)),
    changeNote: fields.optionalText('公开的修订说明', 300),
    redactedCopies: fields.checkbox(),
    removeAttachmentIds: fields.list().refine((xs) => xs.every((x) => /^\d{1,12}$/.test(x)), '要删除的附件无效').transform((xs) => xs.map(Number)),
  })
  .superRefine((f, ctx) => {
    if (f.category !== PUBLICITY) return;
    if (f.publicityStart && f.publicityEnd && f.publicityEnd < f.publicityStart) ctx.addIssue({ code: 'custom', path: ['publicityEnd'], message: '公示期的结束日期不能早于开始日期' });
    if (f.publicityScope === 'residents' && !f.publicityPlace) ctx.addIssue({ code: 'custom', path: ['publicityPlace'], message: '公示范围为特定区域居民时，请填写区域（如 青石镇辖区居民）' });
  });

export type ItemForm = z.infer<typeof itemFormSchema>;
