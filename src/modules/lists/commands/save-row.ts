import { recordEvent } from '../../../platform/audit/audit.js';
import type { Actor } from '../../../platform/auth/sessions.js';
import { inTransaction, type CommandContext } from '../../../platform/http/command.js';
import { NotFoundError, RuleError } from '../../../platform/http/errors.js';
import { MAX_ROWS } from '../xlsx.js';
import { normalizeCells, rowProblems, rowSearchText } from '../domain/rows.js';
import { lockForEdit, touchVersion } from './editable.js';

/**
 * Adds a row to a draft version (rowId null: at the end) or changes one. Every required cell and
 * the legal basis must be there; the first problem is refused with the column's key as its field.
 */
export async function saveRow(ctx: CommandContext, a: { actor: Actor; versionId: number; rowId: number | null; cells: Record<string, unknown> }): Promise<number> {
  return inTransaction(ctx, async (trx) => {
    const now = ctx.clock.now();
    const { version, reviewState } = await lockForEdit(trx, a.actor, a.versionId, now);
    const cells = normalizeCells(version.type, a.cells);
    const problem = rowProblems(version.type, cells)[0];
    if (problem) throw new RuleError(problem.message, `c_${problem.column.key}`);
    const values = { cells: JSON.stringify(cells), search_text: rowSearchText(version.type, cells) };
    let rowId: number;
    if (a.rowId === null) {
      const last = await trx.selectFrom('list_rows').select((eb) => [eb.fn.max('position').as('p'), eb.fn.countAll<string>().as('n')]).where('version_id', '=', version.id).executeTakeFirstOrThrow();
      if (Number(last.n) >= MAX_ROWS) throw new RuleError(`清单不能超过 ${MAX_ROWS} 行`);
      rowId = (await trx.insertInto('list_rows').values({ version_id: version.id, position: Number(last.p ?? 0) + 1, ...values }).returning('id').executeTakeFirstOrThrow()).id;
    } else {
      const r = await trx.updateTable('list_rows').set(values).where('id', '=', a.rowId).where('version_id', '=', version.id).executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw new NotFoundError('该事项不存在');
      rowId = a.rowId;
    }
    await touchVersion(trx, version.id, a.actor.id, now, reviewState);
    await recordEvent(trx, { actor: ctx.actor, action: 'list.row_save', entityType: 'list_version', entityId: version.id, orgId: version.org_id, after: { row_id: rowId, cells }, at: now });
    return rowId;
  });
}

export async function deleteRow(ctx: CommandContext, a: { actor: Actor; versionId: number; rowId: number }): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const now = ctx.clock.now();
    const { version, reviewState } = await lockForEdit(trx, a.actor, a.versionId, now);
    const row = await trx.deleteFrom('list_rows').where('id', '=', a.rowId).where('version_id', '=', version.id).returning(['cells']).executeTakeFirst();
    if (!row) throw new NotFoundError('该事项不存在');
    await touchVersion(trx, version.id, a.actor.id, now, reviewState);
    await recordEvent(trx, { actor: ctx.actor, action: 'list.row_delete', entityType: 'list_version', entityId: version.id, orgId: version.org_id, before: { row_id: a.rowId, cells: row.cells }, at: now });
  });
}
