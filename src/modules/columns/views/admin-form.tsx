import { CsrfField, describedBy, ErrorSummary, Field } from '../../../platform/html/components.js';
import { FormActions, manyValues as many, oneValue as one, textInputs } from '../../../platform/html/form-fields.js';
import { AdminLayout } from '../../../platform/html/layout.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import type { FieldErrors } from '../../../platform/http/errors.js';

/** The values a form shows: strings as typed, so a rejected form comes back exactly as it was. */
export type ColumnFormValues = Record<string, string | string[] | undefined>;

export interface ColumnFormProps {
  ctx: PageContext;
  actorName: string;
  csrfToken: string;
  /** The column edited; null for a new one. */
  columnId: number | null;
  /** A new sub-column's parent. */
  parent: { id: number; name: string; depth: number } | null;
  /** The owners the person may build for: 'site' is the whole site group. */
  owners: { value: string; name: string }[];
  /** Fixed once created. */
  ownerName: string | null;
  kinds: { type: string; label: string }[];
  hasBanner: boolean;
  values: ColumnFormValues;
  errors?: FieldErrors;
}

export function ColumnForm(p: ColumnFormProps) {
  const { values: vals, errors } = p;
  const title = p.columnId ? '修改专题专栏' : p.parent ? `在“${p.parent.name}”下新建子栏目` : '新建专题';
  const input = textInputs(vals, errors);
  const chosenKinds = many(vals, 'kinds');
  return (
    <AdminLayout ctx={p.ctx} title={title} actorName={p.actorName} csrfToken={p.csrfToken} crumbs={[{ label: '专题专栏', href: '/admin/columns' }, { label: title }]}>
      <h1>{title}</h1>
      <ErrorSummary errors={errors} />
      <form method="post" action={p.columnId ? `/admin/columns/${p.columnId}` : '/admin/columns'} enctype="multipart/form-data" novalidate>
        <CsrfField token={p.csrfToken} />
        {p.parent ? <input type="hidden" name="parentId" value={p.parent.id} /> : null}
        {p.ownerName !== null || p.parent ? (
          <div class="field">
            <p><strong>所属</strong>：{p.ownerName ?? '全站（网站群）'}</p>
            <input type="hidden" name="orgId" value={one(vals, 'orgId')} />
          </div>
        ) : (
          <Field name="orgId" label="所属" errors={errors} required hint="全站专题由网站群管理员建立；机构的专题专栏由本机构管理员建立。">
            <select id="f-orgId" name="orgId" aria-describedby={describedBy('orgId', errors, true)}>
              {p.owners.map((o) => <option value={o.value} selected={one(vals, 'orgId') === o.value}>{o.name}</option>)}
            </select>
          </Field>
        )}
        <Field name="name" label="名称" errors={errors} required hint="如 优化营商环境、民生实事。">{input('name', { size: 40, maxLength: 100 }, true)}</Field>
        <Field name="slug" label="访问路径" errors={errors} required hint="门户地址 /columns/路径：小写字母、数字和连字符，如 yhyshj。">{input('slug', { size: 30, maxLength: 63 }, true)}</Field>
        <fieldset class="field" id="f-kinds" aria-describedby={errors?.kinds ? 'e-kinds' : undefined}>
          <legend>收录的信息类型 <span class="req" aria-hidden="true">*</span></legend>
          {errors?.kinds ? <p class="error-message" id="e-kinds">{errors.kinds}</p> : null}
          {p.kinds.map((k) => (
            <label style="display:inline-block;margin-right:1em;font-weight:normal">
              <input type="checkbox" name="kinds" value={k.type} checked={chosenKinds.includes(k.type)} /> {k.label}
            </label>
          ))}
        </fieldset>
        <Field name="introHtml" label="简介" errors={errors} hint="专题的背景、目标和主要内容。">
          <textarea id="f-introHtml" name="introHtml" rows={8} data-rich-text aria-describedby={describedBy('introHtml', errors, true)}>{one(vals, 'introHtml')}</textarea>
        </Field>
        <Field name="banner" label="横幅图片" errors={errors} hint="PNG、JPG、GIF 或 WebP，不超过 5 MB；专题公开时在门户上显示。">
          <input id="f-banner" name="banner" type="file" accept="image/png,image/jpeg,image/gif,image/webp" aria-describedby={describedBy('banner', errors, true)} />
        </Field>
        {p.hasBanner ? (
          <p><label style="font-weight:normal"><input type="checkbox" name="removeBanner" value="1" checked={one(vals, 'removeBanner') !== ''} /> 删除现有横幅图片</label></p>
        ) : null}
        <Field name="position" label="排序号" errors={errors} hint="数字小的排在前面。">{input('position', { size: 6, inputMode: 'numeric' }, true)}</Field>
        <p><label style="font-weight:normal"><input type="checkbox" name="open" value="1" checked={one(vals, 'open') !== ''} /> 接受其他机构报送</label></p>
        <p><label style="font-weight:normal"><input type="checkbox" name="visible" value="1" checked={one(vals, 'visible') !== ''} /> 在门户上显示</label></p>
        <FormActions cancelHref={p.columnId ? `/admin/columns/${p.columnId}` : '/admin/columns'} />
      </form>
    </AdminLayout>
  );
}
