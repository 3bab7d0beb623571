import { describedBy, Field } from '../../platform/html/components.js';
import type { FieldErrors } from '../../platform/http/errors.js';

/** A published item, or the edition that revises one: its edit carries a public change note. */
export function isRevision(item: { status: string; edition_of: number | null }): boolean {
  return item.status === 'published' || item.edition_of !== null;
}

/** The public change note (修订说明) of a revision, reviewed with it and shown with its public edition. */
export function ChangeNoteField({ value, errors }: { value: string; errors?: FieldErrors }) {
  return (
    <Field name="changeNote" label="修订说明（公开）" errors={errors} hint="随修订版一并审核，发布后在公开的版本记录中显示，如“延长办公时间”；可不填。内部修改理由请勿写在这里。">
      <input id="f-changeNote" name="changeNote" type="text" size={60} maxLength={300} value={value} aria-invalid={errors?.changeNote ? 'true' : undefined} aria-describedby={describedBy('changeNote', errors, true)} />
    </Field>
  );
}
