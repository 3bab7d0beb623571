import { z } from 'zod';
import { fields } from '../../platform/http/forms.js';
import { LIST_TYPE_KEYS } from './domain/list-types.js';

const optionalId = (label: string) =>
  z
    .string()
    .optional()
    .refine((s) => !s || /^\d{1,12}$/.test(s), `${label}无效`)
    .transform((s) => (s ? Number(s) : null));

/** A new list: its organization, type, title and (optionally) the catalog column it is filed in. */
export const listFormSchema = z.object({
  orgId: z.string({ error: '请选择所属机构' }).regex(/^\d{1,12}$/, '请选择所属机构').transform(Number),
  listType: fields.oneOf('清单类型', LIST_TYPE_KEYS),
  title: fields.text('清单名称', 200),
  catalogNodeId: optionalId('所在栏目'),
});

export const placementSchema = z.object({ catalogNodeId: optionalId('所在栏目') });

/** A version's title and its public change note. */
export const versionFormSchema = z.object({
  title: fields.text('清单名称', 200),
  changeNote: fields.optionalText('修订说明', 500).transform((s) => s ?? ''),
});
