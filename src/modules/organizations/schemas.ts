import { z } from 'zod';
import { fields } from '../../platform/http/forms.js';
import { ORGANIZATION_KINDS, SLUG_PATTERN } from './domain/tree-rules.js';

const id = (label: string) => z.string({ error: `请选择${label}` }).trim().regex(/^\d{1,12}$/, `请选择${label}`).transform(Number);
const slug = z.string({ error: '请填写门户路径' }).trim().regex(SLUG_PATTERN, '门户路径只能用小写字母、数字和连字符，以字母或数字开头，不超过 63 个字符');
const code = z.string({ error: '请填写机构编码' }).trim().regex(/^[0-9A-Za-z-]{1,40}$/, '机构编码只能用字母、数字和连字符，不超过 40 个字符');
const effectiveOn = z.string({ error: '请填写生效日期' }).trim().refine((s) => fields.date('生效日期').safeParse(s).success && s !== '', '生效日期格式应为 年-月-日，如 2024-03-01');

export const newOrganizationSchema = z.object({
  parentId: id('上级机构'),
  kind: fields.oneOf('机构类型', ORGANIZATION_KINDS),
  code,
  name: fields.text('机构名称', 100),
  shortName: fields.text('简称', 40),
  slug,
});

export const renameSchema = z.object({ name: fields.text('机构名称', 100), shortName: fields.text('简称', 40), slug });

export const moveSchema = z.object({ parentId: id('新的上级机构') });

export const mergeSchema = z
  .object({
    sourceIds: fields.list().pipe(z.array(z.string().regex(/^\d{1,12}$/, '请选择要撤并的机构').transform(Number)).min(1, '请选择要撤并的机构')),
    successorMode: fields.oneOf('承接方式', ['existing', 'new'] as const),
    successorId: z.string().trim().optional(),
    effectiveOn,
    // A successor created by the merge.
    parentId: z.string().trim().optional(),
    kind: z.string().trim().optional(),
    code: z.string().trim().optional(),
    name: z.string().trim().optional(),
    shortName: z.string().trim().optional(),
    slug: z.string().trim().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.successorMode === 'existing' && !/^\d{1,12}$/.test(v.successorId ?? '')) ctx.addIssue({ code: 'custom', path: ['successorId'], message: '请选择承接机构' });
  });

/** The new successor's fields of a merge, checked only when the merge creates one. */
export const newSuccessorSchema = newOrganizationSchema;

export const splitSchema = z.object({
  successorA: id('承接机构一'),
  successorB: id('承接机构二'),
  effectiveOn,
});
