import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../http/errors.js';

/**
 * Sanitized HTML (document bodies, highlighted snippets) is inserted only through this component,
 * so a reviewer can find every place raw markup enters a page by searching for `<Html`.
 */
export function Html({ html, as = 'div', class: cls }: { html: string; as?: 'div' | 'span' | 'p'; class?: string }) {
  const Tag = as;
  return <Tag class={cls} dangerouslySetInnerHTML={{ __html: html }} />;
}

/**
 * The form's problems, first thing in the form. `autofocus` (no script needed) moves the focus to it
 * when the page comes back with errors, so a screen reader reads it and the browser scrolls it into
 * the first screen, even on a phone.
 */
export function ErrorSummary({ errors }: { errors: FieldErrors | undefined }) {
  const entries = Object.entries(errors ?? {});
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} autoFocus>
      <h2>请修改以下 {entries.length} 处问题后再提交</h2>
      <ul>
        {entries.map(([field, msg]) => (
          <li key={field}>{field === '_form' ? msg : <a href={`#f-${field}`}>{msg}</a>}</li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  errors?: FieldErrors;
  hint?: string;
  required?: boolean;
  children: ComponentChildren;
}

/** A labelled form field with its hint and error message wired up for screen readers. */
export function Field({ name, label, errors, hint, required, children }: FieldProps) {
  const error = errors?.[name];
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={`f-${name}`}>
        {label}
        {required ? <span class="req" aria-hidden="true"> *</span> : null}
      </label>
      {hint ? <p class="hint" id={`h-${name}`}>{hint}</p> : null}
      {error ? (
        <p class="error-message" id={`e-${name}`}>
          {error}
        </p>
      ) : null}
      {children}
    </div>
  );
}

export function describedBy(name: string, errors?: FieldErrors, hint?: boolean): string | undefined {
  const ids = [hint ? `h-${name}` : null, errors?.[name] ? `e-${name}` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

export interface PagerProps {
  total: number;
  page: number;
  pageSize: number;
  href: (page: number) => string;
}

export function Pager({ total, page, pageSize, href }: PagerProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const window = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])].filter((p) => p >= 1 && p <= pages);
  return (
    <nav class="pager" aria-label="分页">
      {page > 1 ? <a href={href(page - 1)} rel="prev">上一页</a> : null}
      {window.map((p) =>
        p === page ? (
          <span aria-current="page" class="current">{p}</span>
        ) : (
          <a href={href(p)}>{p}</a>
        ),
      )}
      {page < pages ? <a href={href(page + 1)} rel="next">下一页</a> : null}
      <span class="pager-total">共 {total} 条，{pages} 页</span>
    </nav>
  );
}

/**
 * The organization an item belongs to: chosen from the person's organizations for a new item,
 * shown (and kept) for an existing one, which never changes organization.
 */
export function OrgField(p: { orgs: { id: number; name: string }[]; value: string; fixed: boolean; errors?: FieldErrors }) {
  const current = p.fixed ? p.orgs.find((o) => String(o.id) === p.value) : undefined;
  if (current) {
    return (
      <div class="field">
        <p><strong>所属机构</strong>：{current.name}</p>
        <input type="hidden" name="orgId" value={current.id} />
      </div>
    );
  }
  return (
    <Field name="orgId" label="所属机构" errors={p.errors} required>
      <select id="f-orgId" name="orgId">
        {p.orgs.map((o) => <option value={o.id} selected={p.value === String(o.id)}>{o.name}</option>)}
      </select>
    </Field>
  );
}
