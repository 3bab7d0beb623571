import { recordEvent } from '../../../platform/audit/audit.js';
import type { Actor } from '../../../platform/auth/sessions.js';
import { inTransaction, type CommandContext } from '../../../platform/http/command.js';
import { rowSearchText, type Cells } from '../domain/rows.js';
import { lockForEdit, touchVersion } from './editable.js';

const BATCH = 500;

/**
 * Replaces a draft version's rows with those read from a spreadsheet (already checked row by row:
 * a file with any bad row never reaches here). One transaction: all the rows or none.
 */
export async function importRows(ctx: CommandContext, a: { actor: Actor; versionId: number; rows: Cells[]; fileName: string }): Promise<number> {
  return inTransaction(ctx, async (trx) => {
    const now = ctx.clock.now();
    const { version, reviewState } = await lockForEdit(trx, a.actor, a.versionId, now);
    const before = await trx.deleteFrom('list_rows').where('version_id', '=', version.id).executeTakeFirst();
    for (let i = 0; i < a.rows.length; i += BATCH) {
      await trx
        .insertInto('list_rows')
        .values(a.rows.slice(i, i + BATCH).map((cells, j) => ({ version_id: version.id, position: i + j + 1, cells: JSON.stringify(cells), search_text: rowSearchText(version.type, cells) })))
        .execute();
    }
    const count = await touchVersion(trx, version.id, a.actor.id, now, reviewState);
    await recordEvent(trx, { actor: ctx.actor, action: 'list.import', entityType: 'list_version', entityId: version.id, orgId: version.org_id, after: { file: a.fileName, rows: count, replaced: Number(before.numDeletedRows) }, at: now });
    return count;
  });
}
