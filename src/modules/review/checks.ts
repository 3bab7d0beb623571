import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, ItemType } from '../../db/schema.js';
import type { CommandContext } from '../../platform/http/command.js';
import { checkText, compileLexicon, type LexiconMatcher } from '../../platform/text-checks/index.js';
import { ruleFindingsOf } from '../../platform/content/registry.js';
import type { CheckField, ContentKind } from '../../platform/content/kind.js';

/**
 * The automatic checks of one item (保密审查 and 错敏词 before publishing): flagged wording from the
 * admin-managed dictionary, personal data and secrecy markers over the title, the full body and
 * the attachments' text, plus the kind's own rules. A finding stays open until the text is fixed,
 * the span is redacted (redacted text is not in the public body, but the checks read the full
 * body: a redacted span is reported as resolved), or it is resolved: a false positive dismissed by
 * a reviewer with a reason, a warning acknowledged.
 */
export interface ItemFinding {
  key: string;
  check: 'wording' | 'personal_data' | 'secrecy' | 'rule';
  severity: 'block' | 'warn' | 'suggest';
  message: string;
  /** The hit in a little context, personal data masked (for lists; the review page marks the text itself). */
  excerpt: string | null;
  field: CheckField['field'] | null;
  name: string | null;
  start: number | null;
  end: number | null;
  replacement: string | null;
  resolution: { kind: 'dismissed' | 'acknowledged' | 'redacted'; reason: string; by: string } | null;
}

export interface CheckReport {
  findings: ItemFinding[];
  fields: CheckField[];
  /** Blocking findings still open: submission and publication wait for them. */
  openBlocking: number;
  /** Warnings and suggestions not yet acknowledged. */
  openWarnings: number;
}

export async function checkItem(trx: Kysely<Database>, kind: ContentKind, id: number, ctx: CommandContext): Promise<CheckReport> {
  // One after another: a transaction has one connection.
  const fields = await kind.checkFields(trx, id);
  const rules = await ruleFindingsOf(trx, kind, id, ctx);
  const matcher = await currentMatcher(trx);
  const resolutions = await loadResolutions(trx, kind.type, id);
  const redacted = (fields.find((f) => f.field === 'body') as BodyField | undefined)?.redactedSpans ?? [];
  const findings: ItemFinding[] = [];
  for (const f of checkText(fields, matcher, { today: ctx.clock.today() })) {
    // What was found, hashed: the key is stored with a resolution and in the audit trail, and must not carry personal data.
    const key = `${f.check}:${f.kind}:${f.field}:${createHash('sha256').update(`${f.name ?? ''}\n${f.value}`).digest('hex').slice(0, 20)}`;
    const inRedaction = f.field === 'body' && redacted.some(([s, e]) => f.start >= s && f.end <= e);
    findings.push({
      key,
      check: f.check,
      severity: f.severity,
      message: f.message,
      excerpt: f.excerpt,
      field: f.field,
      name: f.name ?? null,
      start: f.start,
      end: f.end,
      replacement: f.replacement ?? null,
      resolution: inRedaction ? { kind: 'redacted', reason: '已作删减处理', by: '' } : (resolutions.get(key) ?? null),
    });
  }
  for (const r of rules) findings.push({ ...r, check: 'rule', excerpt: null, field: null, name: null, start: null, end: null, replacement: null, resolution: r.severity === 'block' ? null : (resolutions.get(r.key) ?? null) });
  return {
    findings,
    fields,
    openBlocking: findings.filter((f) => f.severity === 'block' && !f.resolution).length,
    openWarnings: findings.filter((f) => f.severity !== 'block' && !f.resolution).length,
  };
}

/** A body field may carry the spans (in its text) that a drafter marked for redaction. */
export interface BodyField extends CheckField {
  redactedSpans?: [number, number][];
}

/** Counts kept with each review action, so the ledger shows what the checks said at the time. */
export function findingSummary(r: CheckReport) {
  return { blocking: r.findings.filter((f) => f.severity === 'block').length, warnings: r.findings.filter((f) => f.severity !== 'block').length, open: r.openBlocking + r.openWarnings };
}

async function loadResolutions(trx: Kysely<Database>, type: ItemType, id: number) {
  const rows = await trx
    .selectFrom('check_resolutions as c')
    .innerJoin('staff as s', 's.id', 'c.staff_id')
    .select(['c.finding_key', 'c.resolution', 'c.reason', 's.display_name'])
    .where('c.item_type', '=', type)
    .where('c.item_id', '=', id)
    .execute();
  return new Map(rows.map((r) => [r.finding_key, { kind: r.resolution, reason: r.reason, by: r.display_name }]));
}

// The compiled dictionary, shared by every check in this process and rebuilt when the dictionary's
// version (bumped in the same transaction as every change, by any instance) moves on.
let cached: { version: string; matcher: LexiconMatcher } | null = null;
export const TERMS_VERSION_KEY = 'flagged_terms_version';

export async function currentMatcher(db: Kysely<Database>): Promise<LexiconMatcher> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', TERMS_VERSION_KEY).executeTakeFirst();
  const version = row?.value ?? '0';
  if (cached?.version === version) return cached.matcher;
  const terms = await db.selectFrom('flagged_terms').select(['term', 'category', 'action', 'replacement']).orderBy('id').execute();
  cached = { version, matcher: compileLexicon(terms) };
  return cached.matcher;
}

/** Marks the dictionary changed (call inside the transaction that changes it). */
export async function bumpTermsVersion(trx: Transaction<Database>): Promise<void> {
  await sql`insert into settings (key, value) values (${TERMS_VERSION_KEY}, '1')
            on conflict (key) do update set value = (settings.value::bigint + 1)::text`.execute(trx);
}
