import type { FieldErrors } from '../../../platform/http/errors.js';
import { describedBy, Field } from '../../../platform/html/components.js';

/**
 * Form controls of the applicant's pages: every control has a visible label, its hint and error
 * are read with it, and choices are large radio buttons rather than small drop-downs where the list
 * is short (适老化: large tap targets, plain words).
 */
export type FormValues = Record<string, string>;

interface Common {
  name: string;
  label: string;
  values: FormValues;
  errors?: FieldErrors;
  hint?: string;
  required?: boolean;
}

const invalid = (name: string, errors?: FieldErrors) => (errors?.[name] ? 'true' : undefined);

export function TextInput(p: Common & { type?: 'text' | 'tel' | 'email'; autocomplete?: string; inputMode?: 'numeric' | 'tel' | 'email' | 'text'; maxLength?: number; size?: 'short' | 'long' }) {
  return (
    <Field name={p.name} label={p.label} errors={p.errors} hint={p.hint} required={p.required}>
      <input
        id={`f-${p.name}`}
        name={p.name}
        type={(p.type ?? 'text') as 'text'}
        class={p.size === 'short' ? 'input-short' : 'input-long'}
        value={p.values[p.name] ?? ''}
        autocomplete={p.autocomplete}
        inputMode={p.inputMode}
        maxLength={p.maxLength}
        aria-required={p.required ? 'true' : undefined}
        aria-invalid={invalid(p.name, p.errors)}
        aria-describedby={describedBy(p.name, p.errors, Boolean(p.hint))}
      />
    </Field>
  );
}

export function TextArea(p: Common & { rows?: number; maxLength?: number }) {
  return (
    <Field name={p.name} label={p.label} errors={p.errors} hint={p.hint} required={p.required}>
      <textarea
        id={`f-${p.name}`}
        name={p.name}
        rows={p.rows ?? 6}
        maxLength={p.maxLength}
        aria-required={p.required ? 'true' : undefined}
        aria-invalid={invalid(p.name, p.errors)}
        aria-describedby={describedBy(p.name, p.errors, Boolean(p.hint))}
      >
        {p.values[p.name] ?? ''}
      </textarea>
    </Field>
  );
}

export function Select(p: Common & { options: { value: string; label: string }[]; placeholder?: string }) {
  const current = p.values[p.name] ?? '';
  return (
    <Field name={p.name} label={p.label} errors={p.errors} hint={p.hint} required={p.required}>
      <select id={`f-${p.name}`} name={p.name} class="input-long" aria-required={p.required ? 'true' : undefined} aria-invalid={invalid(p.name, p.errors)} aria-describedby={describedBy(p.name, p.errors, Boolean(p.hint))}>
        {p.placeholder !== undefined ? <option value="">{p.placeholder}</option> : null}
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

export interface Choice {
  value: string;
  label: string;
  hint?: string;
}

/**
 * A group of radio buttons in a fieldset. The first button carries the id the error summary links
 * to; groups of choices (自然人 / 法人或其他组织) come as sections with a heading.
 */
export function RadioGroup(p: Common & { choices?: Choice[]; sections?: { heading: string; choices: Choice[] }[] }) {
  const error = p.errors?.[p.name];
  const current = p.values[p.name] ?? '';
  let first = true;
  const radio = (c: Choice) => {
    const id = first ? `f-${p.name}` : `f-${p.name}-${c.value}`;
    first = false;
    return (
      <label class="choice" for={id}>
        <input type="radio" id={id} name={p.name} value={c.value} checked={c.value === current} aria-describedby={c.hint ? `${id}-hint` : undefined} />
        <span>
          {c.label}
          {c.hint ? <span class="choice-hint" id={`${id}-hint`}>{c.hint}</span> : null}
        </span>
      </label>
    );
  };
  return (
    <fieldset class={error ? 'choices field-error' : 'choices'} aria-describedby={describedBy(p.name, p.errors, Boolean(p.hint))}>
      <legend>
        {p.label}
        {p.required ? <span class="req" aria-hidden="true"> *</span> : null}
      </legend>
      {p.hint ? <p class="hint" id={`h-${p.name}`}>{p.hint}</p> : null}
      {error ? <p class="error-message" id={`e-${p.name}`}>{error}</p> : null}
      {(p.choices ?? []).map(radio)}
      {(p.sections ?? []).map((s) => (
        <div class="choice-section">
          <p class="choice-heading">{s.heading}</p>
          {s.choices.map(radio)}
        </div>
      ))}
    </fieldset>
  );
}

/** A print button: hidden until the small script shows it; without script, the hint says how. */
export function PrintButton({ label }: { label: string }) {
  return (
    <>
      <button type="button" class="secondary big-button no-print" data-print hidden>
        {label}
      </button>
      <p class="note no-print print-hint">打印：电脑上可按 Ctrl+P（苹果电脑按 ⌘+P），手机上可用浏览器菜单中的“打印”或“分享”。</p>
      <script src="/apply/print.js" defer />
    </>
  );
}
