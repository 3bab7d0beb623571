import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { recordEvent } from '../../../platform/audit/audit.js';
import type { Actor } from '../../../platform/auth/sessions.js';
import { inTransaction, type CommandContext } from '../../../platform/http/command.js';
import { ForbiddenError, NotFoundError } from '../../../platform/http/errors.js';
import { maskPersonal } from '../../../platform/text-checks/index.js';
import { normalizeQuestion } from '../domain/question.js';
import { mayOpenReferrals } from '../policy.js';

/**
 * Counts a question asked, for the staff's list of what the library does not answer well. The
 * text is stored with ID, card and phone numbers and e-mail addresses masked, and grouped by its
 * normalized form so a question asked a hundred times is one row with times = 100.
 */
export async function logAskedQuestion(db: Kysely<Database>, now: Date, question: string, result: { confident: boolean; bestScore: number }): Promise<void> {
  const masked = maskPersonal(normalizeQuestion(question), true).slice(0, 500);
  const key = createHash('sha256').update(masked.replace(/[\s\p{P}]+/gu, '')).digest('hex');
  await sql`
    insert into ask_questions (question_key, question, times, best_score, confident, first_asked_at, last_asked_at)
    values (${key}, ${masked}, 1, ${result.bestScore}, ${result.confident}, ${now}, ${now})
    on conflict (question_key) do update
    set times = ask_questions.times + 1, last_asked_at = excluded.last_asked_at, best_score = excluded.best_score, confident = excluded.confident`.execute(db);
}

/** Takes a question off the staff's list (answered elsewhere, not a policy question, abuse). */
export async function dismissQuestion(ctx: CommandContext, actor: Actor, id: number): Promise<void> {
  if (!mayOpenReferrals(actor)) throw new ForbiddenError('您没有处理公众提问的权限。');
  await inTransaction(ctx, async (trx) => {
    const r = await trx.updateTable('ask_questions').set({ dismissed_at: ctx.clock.now(), dismissed_by: actor.id }).where('id', '=', id).where('dismissed_at', 'is', null).returning('question').executeTakeFirst();
    if (!r) throw new NotFoundError('该问题不存在或已处理');
    await recordEvent(trx, { actor: ctx.actor, action: 'ask.question_dismiss', entityType: 'ask_question', entityId: id, at: ctx.clock.now() });
  });
}
