import { z } from 'zod';
import { RuleError, type FieldErrors } from './errors.js';
// Zod's fallback messages, in Chinese that names no types or codes.
import './zod-messages.js';

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** Validates a parsed form or query against a schema and collects one Chinese message per field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): FormResult<z.infer<S>> {
  const r = schema.safeParse(input ?? {});
  if (r.success) return { ok: true, data: r.data };
  const errors: FieldErrors = {};
  for (const issue of r.error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : '_form';
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

/** Turns a thrown RuleError into field errors for re-rendering a form; rethrows anything else. */
export function ruleErrorsOf(err: unknown): FieldErrors {
  if (err instanceof RuleError) return { [err.field ?? '_form']: err.message };
  throw err;
}

/**
 * A posted form's values as typed, to show the form again: strings and lists of strings; the CSRF
 * token and uploaded files are not echoed.
 */
export function typedValues(body: unknown): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (k === '_csrf') continue;
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) out[k] = v as string[];
  }
  return out;
}

/** Common field helpers with messages a clerk understands. */
export const fields = {
  text: (label: string, max = 200) =>
    z
      .string({ error: `请填写${label}` })
      .trim()
      .min(1, `请填写${label}`)
      .max(max, `${label}不能超过 ${max} 个字`)
      .refine((s) => !/[<>]/.test(s), `${label}不能包含尖括号 < >（不接受网页标记）`),
  optionalText: (label: string, max = 200) =>
    z
      .string()
      .trim()
      .max(max, `${label}不能超过 ${max} 个字`)
      .refine((s) => !/[<>]/.test(s), `${label}不能包含尖括号 < >（不接受网页标记）`)
      .optional()
      .transform((s) => (s ? s : null)),
  date: (label: string) =>
    z
      .string()
      .trim()
      .optional()
      .transform((s) => (s ? s : null))
      .refine((s) => s === null || isValidDate(s), `${label}格式应为 年-月-日，如 2024-03-01`),
  /** A value from a fixed list: an unknown value is refused, not ignored. */
  oneOf: <T extends string>(label: string, values: readonly T[]) =>
    z.enum(values as unknown as [T, ...T[]], { error: `${label}的取值无效` }),
  /** A single checkbox: present (any value) when ticked. */
  checkbox: () =>
    z
      .unknown()
      .optional()
      .transform((v) => v !== undefined && v !== '' && v !== null),
  /** Form checkboxes and repeated query parameters arrive as a string or an array. */
  list: () =>
    z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter(Boolean)),
};

export function isValidDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
