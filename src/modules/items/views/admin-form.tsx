import { describedBy, Field } from '../../../platform/html/components.js';
import { AttachmentsField, FormActions, oneValue as one, textInputs, TopicField } from '../../../platform/html/form-fields.js';
import type { PageContext } from '../../../platform/html/page-context.js';
import type { FieldErrors } from '../../../platform/http/errors.js';
import type { ItemStatus } from '../../../db/schema.js';
import { ATTRIBUTE_LABELS, ATTRIBUTES } from '../../../platform/content/lifecycle.js';
import { formatSize, type FormOptions } from '../../documents/public.js';
import { ChangeNoteField, EditFormFrame } from '../../editions/public.js';
import { INFO_CATEGORIES } from '../domain/categories.js';
import { AFTER_PERIOD_LABELS, AFTER_PERIODS, SCOPE_LABELS, SCOPES } from '../domain/labels.js';
import type { ItemAttachment } from '../queries/admin.js';

/** The values a form shows: strings as typed, so a rejected form comes back exactly as it was. */
export type ItemFormValues = Record<string, string | string[] | undefined>;

export interface ItemFormProps {
  ctx: PageContext;
  actorName: string;
  csrfToken: string;
  itemId: number | null;
  status: ItemStatus | null;
  revision?: boolean;
  options: FormOptions;
  values: ItemFormValues;
  errors?: FieldErrors;
  attachments?: ItemAttachment[];
}

export function ItemForm(p: ItemFormProps) {
  const { values: vals, errors, options: o } = p;
  const title = p.itemId ? '编辑信息' : '新建信息';
  const input = textInputs(vals, errors);
  const removing = new Set([vals.removeAttachmentIds ?? []].flat());
  return (
    <EditFormFrame
      {...p} title={title} section={{ label: '信息发布', href: '/admin/items' }} noun="信息" kept="地址和索引号" status={p.status ?? null}
      action={p.itemId ? `/admin/items/${p.itemId}` : '/admin/items'} multipart org={{ orgs: o.orgs, value: one(vals, 'orgId'), fixed: p.itemId !== null }}
    >
      <Field name="category" label="栏目类别" errors={errors} required>
        <select id="f-category" name="category">
          {INFO_CATEGORIES.map((c) => <option value={c.code} selected={(one(vals, 'category') || 'news') === c.code}>{c.label}</option>)}
        </select>
      </Field>
      <Field name="catalogNodeId" label="所属栏目" errors={errors} hint="公开目录中的栏目；留空则放入本机构与栏目类别同名的栏目">
        <select id="f-catalogNodeId" name="catalogNodeId" aria-describedby={describedBy('catalogNodeId', errors, true)}>
          <option value="">（按栏目类别自动选择）</option>
          {o.nodes.map((n) => <option value={n.id} selected={one(vals, 'catalogNodeId') === String(n.id)}>{o.orgs.find((x) => x.id === n.org_id)?.name} · {'　'.repeat(n.depth)}{n.name}</option>)}
        </select>
      </Field>
      <Field name="title" label="标题" errors={errors} required>{input('title', { size: 60, maxLength: 200 })}</Field>
      <TopicField topics={o.topics} value={one(vals, 'topicId')} errors={errors} hint="提交审核前必须选择" />
      <Field name="attribute" label="公开属性" errors={errors} required hint="只有“主动公开”和“删减后公开”的信息在门户发布">
        <select id="f-attribute" name="attribute" aria-describedby={describedBy('attribute', errors, true)}>
          {ATTRIBUTES.map((a) => <option value={a} selected={(one(vals, 'attribute') || 'public') === a}>{ATTRIBUTE_LABELS[a]}</option>)}
        </select>
      </Field>
      <Field name="source" label="来源" errors={errors} hint="发布信息的处室或单位，如 市发展改革委办公室。提交审核前必须填写。">{input('source', { size: 40 }, true)}</Field>
      <PublicityFieldset vals={vals} errors={errors} />
      <Field name="bodyHtml" label="正文" errors={errors}>
        <textarea id="f-bodyHtml" name="bodyHtml" rows={16} data-rich-text>{one(vals, 'bodyHtml')}</textarea>
      </Field>
      {p.attachments?.length ? (
        <fieldset class="field">
          <legend>现有附件</legend>
          <ul class="list">
            {p.attachments.map((a) => (
              <li><label style="font-weight:normal"><input type="checkbox" name="removeAttachmentIds" value={a.id} checked={removing.has(String(a.id))} /> 删除</label> {a.file_name}（{formatSize(a.size_bytes)}）{a.redacted_copy ? '（删减后的公开版本）' : ''}</li>
            ))}
          </ul>
        </fieldset>
      ) : null}
      <AttachmentsField errors={errors} />
      <div class="field">
        <label><input type="checkbox" name="redactedCopies" value="1" checked={one(vals, 'redactedCopies') !== ''} /> 本次上传的附件是删减后的公开版本（删减后公开的信息只公开这类附件）</label>
      </div>
      {p.revision ? <ChangeNoteField value={one(vals, 'changeNote')} errors={errors} /> : null}
      <FormActions cancelHref={p.itemId ? `/admin/items/${p.itemId}` : '/admin/items'} />
    </EditFormFrame>
  );
}

/** 公示 only: the period, who it is for, and what happens when it ends. */
function PublicityFieldset({ vals, errors }: { vals: ItemFormValues; errors?: FieldErrors }) {
  const date = (name: string) => <input id={`f-${name}`} name={name} type="date" value={one(vals, name)} aria-invalid={errors?.[name] ? 'true' : undefined} aria-describedby={describedBy(name, errors)} />;
  return (
    <fieldset class="field" id="f-publicity">
      <legend>公示信息（栏目类别为“公示”时填写）</legend>
      <Field name="publicityStart" label="公示开始日期" errors={errors}>{date('publicityStart')}</Field>
      <Field name="publicityEnd" label="公示结束日期" errors={errors} hint="含当天；公示期满后的次日零时按下面的处理方式处理">{date('publicityEnd')}</Field>
      <Field name="publicityScope" label="公示范围" errors={errors}>
        <select id="f-publicityScope" name="publicityScope">
          <option value="">（请选择）</option>
          {SCOPES.map((s) => <option value={s} selected={one(vals, 'publicityScope') === s}>{SCOPE_LABELS[s]}</option>)}
        </select>
      </Field>
      <Field name="publicityPlace" label="公示区域" errors={errors} hint="公示范围为特定区域居民时填写，如 青石镇辖区居民；门户页面标明公示范围，内容对所有访问者可见，请勿写入个人隐私">
        <input id="f-publicityPlace" name="publicityPlace" type="text" size={40} value={one(vals, 'publicityPlace')} aria-describedby={describedBy('publicityPlace', errors, true)} />
      </Field>
      <Field name="afterPeriod" label="公示期满后" errors={errors}>
        <select id="f-afterPeriod" name="afterPeriod">
          <option value="">（请选择）</option>
          {AFTER_PERIODS.map((a) => <option value={a} selected={one(vals, 'afterPeriod') === a}>{AFTER_PERIOD_LABELS[a]}</option>)}
        </select>
      </Field>
    </fieldset>
  );
}
