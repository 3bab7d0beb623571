import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { BadRequestError, NotFoundError } from '../../platform/http/errors.js';
import { htmlToText } from '../../platform/html/sanitize.js';
import { compareTexts } from './compare.js';
import type { ComparisonProps, FieldChange } from './compare-page.js';
import { getPublicEditions } from './queries.js';
import type { EditionItemType } from './record.js';

/** Two version numbers from `?a=&b=`, or a 400 in Chinese. */
export function parseVersionPair(query: unknown): [number, number] {
  const q = (query ?? {}) as Record<string, unknown>;
  const a = Number(q.a);
  const b = Number(q.b);
  if (!Number.isInteger(a) || !Number.isInteger(b) || a < 1 || b < 1 || a > 1_000_000 || b > 1_000_000) throw new BadRequestError('请选择要对比的两个版本');
  return [a, b];
}

/** Compares two snapshots: the metadata that changed (by label, in the newer one's order, title first) and the text. */
export function compareSnapshots(
  labels: [string, string],
  a: { title: string; fields: [string, string][]; bodyHtml: string },
  b: { title: string; fields: [string, string][]; bodyHtml: string },
): ComparisonProps {
  const before = new Map(a.fields);
  const after = new Map(b.fields);
  const order = [...new Set([...b.fields.map(([l]) => l), ...a.fields.map(([l]) => l)])];
  const fields: FieldChange[] = [];
  if (a.title !== b.title) fields.push({ label: '标题', before: a.title, after: b.title });
  for (const label of order) {
    const x = before.get(label) ?? '';
    const y = after.get(label) ?? '';
    if (x !== y) fields.push({ label, before: x, after: y });
  }
  return { aLabel: labels[0], bLabel: labels[1], fields, ...compareTexts(htmlToText(a.bodyHtml), htmlToText(b.bodyHtml)) };
}

/**
 * The comparison of two public editions of an item the caller has already found public; only
 * published editions exist here, so no draft can be asked for.
 */
export async function comparePublicEditions(db: Kysely<Database>, item: { type: EditionItemType; id: number }, query: unknown): Promise<ComparisonProps> {
  const [a, b] = parseVersionPair(query);
  const rows = await getPublicEditions(db, item, [a, b]);
  const ea = rows.find((r) => r.editionNo === a);
  const eb = rows.find((r) => r.editionNo === b);
  if (!ea || !eb) throw new NotFoundError('所选版本不存在（只能对比已公开发布的版本）');
  return compareSnapshots([`第 ${a} 版`, `第 ${b} 版`], ea, eb);
}
