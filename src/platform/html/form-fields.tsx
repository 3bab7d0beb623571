import type { FieldErrors } from '../http/errors.js';
import { describedBy, Field } from './components.js';

/** The values a form shows: strings as typed, so a rejected form comes back exactly as it was. */
export type FormValues = Record<string, string | string[] | undefined>;

/** A field's value as typed: '' when missing, the first when several were sent. */
export function oneValue(values: FormValues, name: string): string {
  const x = values[name];
  return Array.isArray(x) ? (x[0] ?? '') : (x ?? '');
}

/** Every value sent for a field (checkboxes). */
export function manyValues(values: FormValues, name: string): string[] {
  return [values[name] ?? []].flat();
}

/** A text input of a form, bound to its values and errors: `input('title', { size: 60 }, true)` (true: the field has a hint). */
export function textInputs(values: FormValues, errors: FieldErrors | undefined) {
  return (name: string, extra: Record<string, unknown> = {}, hint = false) => (
    <input id={`f-${name}`} name={name} type="text" value={oneValue(values, name)} aria-invalid={errors?.[name] ? 'true' : undefined} aria-describedby={describedBy(name, errors, hint)} {...extra} />
  );
}

/** 主题分类: the topic tree as one select, a child shown under its parent as “parent\child”. */
export function TopicField(p: { topics: readonly { id: number; name: string; parent_id: number | null }[]; value: string; errors?: FieldErrors; hint?: string }) {
  const option = (id: number, label: string) => <option value={id} selected={p.value === String(id)}>{label}</option>;
  return (
    <Field name="topicId" label="主题分类" errors={p.errors} hint={p.hint}>
      <select id="f-topicId" name="topicId" aria-describedby={p.hint ? describedBy('topicId', p.errors, true) : undefined}>
        <option value="">（未分类）</option>
        {p.topics.filter((t) => t.parent_id === null).map((t) => [
          option(t.id, t.name),
          ...p.topics.filter((c) => c.parent_id === t.id).map((c) => option(c.id, `${t.name}\\${c.name}`)),
        ])}
      </select>
    </Field>
  );
}

/** A back-office form's buttons: save, and cancel back to the item (or the list, for a new one). */
export function FormActions(p: { cancelHref: string; action?: string }) {
  return (
    <div class="actions">
      <button type="submit" name={p.action ? 'action' : undefined} value={p.action}>保存</button>
      <a class="button secondary" href={p.cancelHref}>取消</a>
    </div>
  );
}

/**
 * A list page's filter: a select with an “all” choice. The label is read aloud only, in the back
 * office's compact search boxes; shown on the portal's.
 */
export function FilterSelect(p: { id: string; name: string; label: string; all: string; value: string; options: readonly { value: string | number; label: string }[]; hiddenLabel?: boolean }) {
  return (
    <>
      <label for={p.id} class={p.hiddenLabel ? 'visually-hidden' : undefined}>{p.label}</label>
      <select id={p.id} name={p.name}>
        <option value="">{p.all}</option>
        {p.options.map((o) => <option value={o.value} selected={p.value === String(o.value)}>{o.label}</option>)}
      </select>
    </>
  );
}

/** The portal's 发布机构 filter of a public list, by the organizations' slugs. */
export function OrgFilter(p: { id: string; orgs: readonly { slug: string; name: string }[]; value: string | undefined }) {
  return <FilterSelect id={p.id} name="org" label="发布机构" all="全部机构" value={p.value ?? ''} options={p.orgs.map((o) => ({ value: o.slug, label: o.name }))} />;
}

/** 添加附件: files added to an item on save, of the kinds the checks can read. */
export function AttachmentsField({ errors }: { errors?: FieldErrors }) {
  return (
    <Field name="attachments" label="添加附件" errors={errors} hint="PDF、Word（.docx）、Excel（.xlsx）或图片，单个文件不超过上限">
      <input id="f-attachments" name="attachments" type="file" multiple accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg,.gif,.webp" aria-describedby={describedBy('attachments', errors, true)} />
    </Field>
  );
}
