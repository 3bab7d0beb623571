import { recordEvent } from '../../../platform/audit/audit.js';
import type { Actor } from '../../../platform/auth/sessions.js';
import { inTransaction, type CommandContext } from '../../../platform/http/command.js';
import { lockForEdit } from './editable.js';

/** A version's title and its public change note (修订说明: what changed, shown with the comparison). */
export async function saveVersionText(ctx: CommandContext, a: { actor: Actor; versionId: number; title: string; changeNote: string }): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const now = ctx.clock.now();
    const { version, reviewState } = await lockForEdit(trx, a.actor, a.versionId, now);
    await trx.updateTable('list_versions').set({ ...reviewState, title: a.title, change_note: a.changeNote, updated_by: a.actor.id, updated_at: now }).where('id', '=', version.id).execute();
    await recordEvent(trx, { actor: ctx.actor, action: 'list.version_update', entityType: 'list_version', entityId: version.id, orgId: version.org_id, after: { title: a.title, change_note: a.changeNote }, at: now });
  });
}
