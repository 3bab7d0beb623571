import { recordEvent } from '../../../platform/audit/audit.js';
import type { Actor } from '../../../platform/auth/sessions.js';
import { inTransaction, type CommandContext } from '../../../platform/http/command.js';
import { ForbiddenError, NotFoundError, RuleError } from '../../../platform/http/errors.js';
import { normalizeQuestion } from '../domain/question.js';
import { mayEditSynonyms } from '../policy.js';

export interface SynonymInput {
  /** As typed: terms separated by =, commas, 、, spaces or lines. */
  terms: string;
  note: string;
}

export function parseSynonymTerms(raw: string): string[] {
  const terms = [...new Set(raw.split(/[=＝,，、;；\s]+/).map((t) => normalizeQuestion(t)).filter(Boolean))];
  if (terms.length < 2) throw new RuleError('一组同义词至少要有两个词，用“=”或逗号分隔，如：社保 = 社会保险', 'terms');
  if (terms.length > 20) throw new RuleError('一组同义词最多 20 个词', 'terms');
  const bad = terms.find((t) => t.length > 30 || !/^[\p{L}\p{N}]+$/u.test(t));
  if (bad) throw new RuleError(`“${bad.slice(0, 30)}”不是有效的词：只能是汉字、字母和数字，且不超过 30 个字`, 'terms');
  return terms;
}

function checkNote(note: string): string {
  const n = note.trim();
  if (n.length > 100 || /[<>]/.test(n)) throw new RuleError('说明不能超过 100 个字，且不能包含尖括号', 'note');
  return n;
}

export async function saveSynonymGroup(ctx: CommandContext, actor: Actor, id: number | null, input: SynonymInput): Promise<number> {
  if (!(await mayEditSynonyms(ctx.db, actor))) throw new ForbiddenError('只有系统管理员可以维护同义词词典。');
  const terms = parseSynonymTerms(input.terms);
  const note = checkNote(input.note);
  return inTransaction(ctx, async (trx) => {
    const now = ctx.clock.now();
    if (id === null) {
      const row = await trx.insertInto('ask_synonyms').values({ terms, note, created_by: actor.id, updated_by: actor.id, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
      await recordEvent(trx, { actor: ctx.actor, action: 'ask.synonym_create', entityType: 'ask_synonym', entityId: row.id, after: { terms, note }, at: now });
      return row.id;
    }
    const before = await trx.selectFrom('ask_synonyms').select(['terms', 'note']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw new NotFoundError('该组同义词不存在');
    await trx.updateTable('ask_synonyms').set({ terms, note, updated_by: actor.id, updated_at: now }).where('id', '=', id).execute();
    await recordEvent(trx, { actor: ctx.actor, action: 'ask.synonym_update', entityType: 'ask_synonym', entityId: id, before, after: { terms, note }, at: now });
    return id;
  });
}

export async function deleteSynonymGroup(ctx: CommandContext, actor: Actor, id: number): Promise<void> {
  if (!(await mayEditSynonyms(ctx.db, actor))) throw new ForbiddenError('只有系统管理员可以维护同义词词典。');
  await inTransaction(ctx, async (trx) => {
    const before = await trx.deleteFrom('ask_synonyms').where('id', '=', id).returning(['terms', 'note']).executeTakeFirst();
    if (!before) throw new NotFoundError('该组同义词不存在');
    await recordEvent(trx, { actor: ctx.actor, action: 'ask.synonym_delete', entityType: 'ask_synonym', entityId: id, before, at: ctx.clock.now() });
  });
}
