import { z } from 'zod';
import { fields } from '../../platform/http/forms.js';
import { SLUG_PATTERN } from './domain/rules.js';

const idOrEmpty = (label: string) =>
  z
    .string()
    .optional()
    .transform((s) => (s ?? '').trim())
    .refine((s) => s === '' || /^\d{1,12}$/.test(s), `${label}无效`)
    .transform((s) => (s === '' ? null : Number(s)));

/** The column form (multipart: the banner arrives as a file, checked by the route). */
export const columnFormSchema = z.object({
  orgId: z
    .string({ error: '请选择所属机构' })
    .trim()
    .refine((s) => s === 'site' || /^\d{1,12}$/.test(s), '请选择所属机构')
    .transform((s) => (s === 'site' ? null : Number(s))),
  parentId: idOrEmpty('上级专题专栏'),
  name: fields.text('名称', 100),
  slug: z
    .string({ error: '请填写访问路径' })
    .trim()
    .min(1, '请填写访问路径')
    .max(63, '访问路径不能超过 63 个字符')
    .refine((s) => SLUG_PATTERN.test(s), '访问路径只能用小写字母、数字和连字符（-），并以字母或数字开头，如 yhyshj'),
  introHtml: z.string().max(200_000, '简介过长').optional().transform((s) => s ?? ''),
  kinds: fields.list().refine((xs) => xs.length <= 50, '所选的信息类型无效'),
  open: fields.checkbox(),
  visible: fields.checkbox(),
  removeBanner: fields.checkbox(),
  position: z
    .string()
    .optional()
    .transform((s) => (s ?? '').trim())
    .refine((s) => s === '' || /^\d{1,4}$/.test(s), '排序号应为 0 到 9999 的整数')
    .transform((s) => (s === '' ? 0 : Number(s))),
});

/** 放入专栏 / 报送: a search, or an item chosen by type and id. */
export const placeFormSchema = z.object({
  action: z.enum(['search', 'place'], { error: '操作无效' }).optional().transform((a) => a ?? 'place'),
  q: fields.optionalText('查找信息', 100),
  item: z
    .string()
    .optional()
    .transform((s) => (s ?? '').trim())
    .refine((s) => s === '' || /^[a-z][a-z0-9_-]{0,39}:\d{1,12}$/.test(s), '所选信息无效'),
});

export const decisionFormSchema = z.object({
  action: z.enum(['accept', 'return'], { error: '操作无效' }),
  reason: fields.optionalText('退回理由', 500),
});
