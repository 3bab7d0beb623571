import type { Kysely } from 'kysely';
import type { Database, FlaggedAction } from '../../db/schema.js';
import { recordEvent } from '../../platform/audit/audit.js';
import { inTransaction, type CommandContext } from '../../platform/http/command.js';
import { RuleError } from '../../platform/http/errors.js';
import { scheduleJob } from '../../platform/jobs/runner.js';
import { bumpTermsVersion, checkItem } from './checks.js';
import { contentKinds } from '../../platform/content/registry.js';

export interface TermInput {
  term: string;
  category: string;
  action: FlaggedAction;
  replacement: string | null;
  note: string;
}

export const FLAGGED_ACTION_LABELS: Record<FlaggedAction, string> = { block: '禁止（敏感词）', suggest: '建议替换（错词）', warn: '提示（不规范用法）' };

/**
 * Adds or updates dictionary terms (one, or a pasted list), then queues a rescan of everything
 * published: what was fine yesterday may contain today's flagged word.
 */
export async function saveTerms(ctx: CommandContext, staffId: number, terms: TermInput[]): Promise<number> {
  if (terms.length === 0) throw new RuleError('请至少填写一个词', 'term');
  await inTransaction(ctx, async (trx) => {
    for (const t of terms) {
      if (t.action === 'suggest' && !t.replacement) throw new RuleError(`“${t.term}”是建议替换的词，请填写正确写法`, 'replacement');
      await trx
        .insertInto('flagged_terms')
        .values({ term: t.term, category: t.category, action: t.action, replacement: t.replacement, note: t.note, created_by: staffId, created_at: ctx.clock.now() })
        .onConflict((oc) => oc.column('term').doUpdateSet({ category: t.category, action: t.action, replacement: t.replacement, note: t.note }))
        .execute();
    }
    await bumpTermsVersion(trx);
    await recordEvent(trx, { actor: ctx.actor, action: 'flagged_term.create', entityType: 'flagged_terms', entityId: terms.length === 1 ? terms[0]!.term : `${terms.length} 个词`, after: terms.slice(0, 50), at: ctx.clock.now() });
    await queueRescan(trx, ctx, '词库变更');
  });
  return terms.length;
}

export async function deleteTerm(ctx: CommandContext, id: number): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const t = await trx.deleteFrom('flagged_terms').where('id', '=', id).returningAll().executeTakeFirst();
    if (!t) throw new RuleError('该词已不在词库中');
    await bumpTermsVersion(trx);
    await recordEvent(trx, { actor: ctx.actor, action: 'flagged_term.delete', entityType: 'flagged_terms', entityId: t.term, before: { term: t.term, category: t.category, action: t.action }, at: ctx.clock.now() });
  });
}

/** One pending rescan at a time: changes in a burst are covered by the same run (it reads the dictionary when it starts). */
async function queueRescan(db: Kysely<Database>, ctx: CommandContext, reason: string): Promise<void> {
  await scheduleJob(db, 'rescan-published', new Date(ctx.clock.now().getTime() + 5_000), { uniqueKey: 'rescan-published', payload: { reason } });
}

/**
 * Re-checks every published item against the current dictionary and records what it finds, so the
 * office sees which published pages now contain a flagged word (or personal data) to deal with.
 */
export async function rescanPublished(db: Kysely<Database>, ctx: CommandContext, reason: string): Promise<{ runId: number; scanned: number; flagged: number }> {
  const run = await db.insertInto('check_runs').values({ reason, started_at: ctx.clock.now(), finished_at: null }).returning('id').executeTakeFirstOrThrow();
  let scanned = 0;
  let flagged = 0;
  for (const kind of contentKinds()) {
    let after = 0;
    for (;;) {
      const ids = await db.selectFrom(kind.table as 'documents').select('id').where('status', '=', 'published').where('id', '>', after).orderBy('id').limit(200).execute();
      if (ids.length === 0) break;
      await db.transaction().execute(async (trx) => {
        for (const { id } of ids) {
          const report = await checkItem(trx, kind, id, ctx);
          scanned++;
          // Only what the text checks say: the rules about drafting (metadata, interpretations) were settled at publication.
          const hits = report.findings.filter((f) => f.check !== 'rule' && !f.resolution).map((f) => ({ severity: f.severity, message: f.message, field: f.field, start: f.start }));
          if (hits.length) {
            flagged++;
            await trx.insertInto('check_run_hits').values({ run_id: run.id, item_type: kind.type, item_id: id, findings: JSON.stringify(hits) }).execute();
          }
        }
      });
      after = ids[ids.length - 1]!.id;
    }
  }
  await db.updateTable('check_runs').set({ finished_at: ctx.clock.now(), items_scanned: scanned, items_flagged: flagged }).where('id', '=', run.id).execute();
  return { runId: run.id, scanned, flagged };
}
