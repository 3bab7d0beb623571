import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, InterpretationRule } from '../../db/schema.js';
import { recordEvent } from '../../platform/audit/audit.js';
import { addWorkingDays, workingDaysBetween } from '../../platform/calendar/working-days.js';
import { formatChineseDate } from '../../platform/clock/clock.js';
import type { CommandContext } from '../../platform/http/command.js';
import type { RuleFinding } from '../../platform/content/kind.js';
import { publishItem } from '../../platform/content/registry.js';
import { SUBMITTED_OR_LATER } from './domain/labels.js';

/**
 * 三同步: a normative document's interpretation is drafted, approved and published together with it
 * (同步起草、同步审签、同步发布; 国办发〔2016〕80号 as restated in local rules, domain.md §8). Each
 * organization says how strictly: 'required' (the interpretation goes to review with the document),
 * 'grace' (published at the latest N working days after the document; 3 in many local rules) or
 * 'none'.
 */

/**
 * The 三同步 finding for a document about to be submitted or published, or null. `documentId` may
 * be an edition of a document: interpretations are linked to the live one.
 */
export async function interpretationFinding(trx: Kysely<Database>, documentId: number, today: string): Promise<RuleFinding | null> {
  const d = await trx
    .selectFrom('documents as d')
    .innerJoin('organizations as o', 'o.id', 'd.org_id')
    .leftJoin('doc_types as t', 't.name', 'd.doc_type')
    .select(['d.id', 'd.edition_of', 'd.published_on', 't.is_normative', 'o.interpretation_rule', 'o.interpretation_grace_days'])
    .where('d.id', '=', documentId)
    .executeTakeFirst();
  if (!d || !d.is_normative || d.interpretation_rule === 'none') return null;
  const linked = await trx
    .selectFrom('interpretation_documents as x')
    .innerJoin('interpretations as i', 'i.id', 'x.interpretation_id')
    .select('i.id')
    .where('x.document_id', '=', d.edition_of ?? d.id)
    .where('i.status', 'in', SUBMITTED_OR_LATER)
    .limit(1)
    .execute();
  if (linked.length) return null;
  if (d.interpretation_rule === 'required') {
    return { key: 'rule:interpretation', severity: 'block', message: '本机构要求行政规范性文件与政策解读同步报审：请先起草并提交解读' };
  }
  const n = d.interpretation_grace_days;
  const due = addWorkingDays(d.published_on ?? today, n);
  return {
    key: 'rule:interpretation',
    severity: 'warn',
    message: `本文件尚无已提交的政策解读。按本机构规定，解读应与文件同步发布，最迟在文件发布后 ${n} 个工作日内发布（以${d.published_on ? '发布日期' : '今天发布'}计，最迟 ${formatChineseDate(due)}）`,
  };
}

/**
 * When a document is published, its approved interpretations are published with it (同步发布).
 * Returns their live ids. Runs in the document's publishing transaction.
 */
export async function publishLinkedInterpretations(trx: Transaction<Database>, ctx: CommandContext, documentId: number): Promise<number[]> {
  const doc = await trx.selectFrom('documents').select(['id', 'edition_of']).where('id', '=', documentId).executeTakeFirst();
  if (!doc) return [];
  const liveDocumentId = doc.edition_of ?? doc.id;
  const rows = await trx
    .selectFrom('interpretation_documents as x')
    .innerJoin('interpretations as i', 'i.id', 'x.interpretation_id')
    .select(['i.id', 'i.org_id', 'i.review_level'])
    .where('x.document_id', '=', liveDocumentId)
    .where('i.status', '=', 'approved')
    .orderBy('i.id')
    .execute();
  const now = ctx.clock.now();
  const published: number[] = [];
  for (const r of rows) {
    const liveId = await publishItem(trx, ctx, 'interpretation', r.id);
    published.push(liveId);
    if (ctx.actor.id !== null) {
      await trx
        .insertInto('review_actions')
        .values({ item_type: 'interpretation', item_id: r.id, org_id: r.org_id, action: 'publish', level: null, comment: '随所解读的文件同步发布', findings: JSON.stringify({}), staff_id: ctx.actor.id, created_at: now })
        .execute();
    }
    await recordEvent(trx, {
      actor: ctx.actor,
      action: 'interpretation.publish',
      entityType: 'interpretation',
      entityId: r.id,
      orgId: r.org_id,
      before: { status: 'approved', review_level: r.review_level },
      after: { status: 'published', live_id: liveId, with_document: liveDocumentId },
      at: now,
    });
  }
  return published;
}

export interface OverdueInterpretation {
  documentId: number;
  title: string;
  docNo: string | null;
  orgId: number;
  orgName: string;
  rule: InterpretationRule;
  graceDays: number;
  publishedOn: string;
  dueOn: string;
  /** Working days after the due date, up to and including today. */
  overdueDays: number;
}

/**
 * Normative documents published in the organizations, with no published interpretation, whose
 * grace period (N working days after publication) has passed by `today`: the disclosure office's
 * list to chase. Organizations with rule 'none' are left out; a 'required' organization's document
 * that went out without its interpretation (an urgent publication, or one from before the rule)
 * is listed with the same grace period. Documents no longer in force need no interpretation.
 */
export async function listOverdueInterpretations(db: Kysely<Database>, orgIds: number[], today: string): Promise<OverdueInterpretation[]> {
  if (orgIds.length === 0) return [];
  const rows = await db
    .selectFrom('documents as d')
    .innerJoin('organizations as o', 'o.id', 'd.org_id')
    .innerJoin('doc_types as t', 't.name', 'd.doc_type')
    .select(['d.id', 'd.title', 'd.doc_no', 'd.org_id', 'd.published_on', 'o.name as org_name', 'o.interpretation_rule', 'o.interpretation_grace_days'])
    .where('d.org_id', 'in', orgIds)
    .where('d.status', '=', 'published')
    // 三同步 binds an organization's own documents; the laws and 上级文件 it keeps for readers are not its to interpret.
    .where('d.provenance', '=', 'own')
    .where('d.edition_of', 'is', null)
    .where('t.is_normative', '=', true)
    .where('o.interpretation_rule', '!=', 'none')
    .where('d.validity', 'not in', ['repealed', 'expired'])
    .where('d.published_on', '<', today)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('interpretation_documents as x').innerJoin('interpretations as i', 'i.id', 'x.interpretation_id').select('i.id').whereRef('x.document_id', '=', 'd.id').where('i.status', '=', 'published'))),
    )
    .execute();
  const out: OverdueInterpretation[] = [];
  for (const r of rows) {
    if (!r.published_on) continue;
    const dueOn = addWorkingDays(r.published_on, r.interpretation_grace_days);
    if (today <= dueOn) continue;
    out.push({
      documentId: r.id, title: r.title, docNo: r.doc_no, orgId: r.org_id, orgName: r.org_name, rule: r.interpretation_rule, graceDays: r.interpretation_grace_days,
      publishedOn: r.published_on, dueOn, overdueDays: workingDaysBetween(dueOn, today),
    });
  }
  return out.sort((a, b) => b.overdueDays - a.overdueDays || a.documentId - b.documentId);
}

export interface InterpretationRateRow {
  orgId: number;
  orgName: string;
  rule: InterpretationRule;
  /** Normative documents published in the period. */
  documents: number;
  /** Of those, the ones with at least one published interpretation. */
  interpreted: number;
  /** interpreted / documents, or null when there were none. */
  rate: number | null;
}

/** Per organization: normative documents published in [from, to] and how many have a published interpretation. */
export async function interpretationRate(db: Kysely<Database>, orgIds: number[], from: string, to: string): Promise<InterpretationRateRow[]> {
  if (orgIds.length === 0) return [];
  const r = await sql<{ id: number; name: string; interpretation_rule: InterpretationRule; documents: string | number; interpreted: string | number }>`
    select o.id, o.name, o.interpretation_rule,
      count(d.id) as documents,
      count(d.id) filter (where exists (
        select 1 from interpretation_documents x join interpretations i on i.id = x.interpretation_id
        where x.document_id = d.id and i.status = 'published')) as interpreted
    from organizations o
    left join documents d on d.org_id = o.id and d.status = 'published' and d.edition_of is null and d.provenance = 'own'
      and d.published_on between ${from} and ${to}
      and d.doc_type in (select name from doc_types where is_normative)
    where o.id in (${sql.join(orgIds)})
    group by o.id, o.name, o.interpretation_rule, o.position
    order by o.position, o.id`.execute(db);
  return r.rows.map((x) => {
    const documents = Number(x.documents);
    const interpreted = Number(x.interpreted);
    return { orgId: Number(x.id), orgName: x.name, rule: x.interpretation_rule, documents, interpreted, rate: documents === 0 ? null : interpreted / documents };
  });
}

/** '66.7%', or '—' when there is nothing to divide. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1).replace(/\.0$/, '')}%`;
}
