import { recordEvent } from '../../../platform/audit/audit.js';
import { deleteSession } from '../../../platform/auth/sessions.js';
import { inTransaction, type CommandContext } from '../../../platform/http/command.js';

export async function logout(ctx: CommandContext, token: string): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    await deleteSession(trx, token);
    await recordEvent(trx, { actor: ctx.actor, action: 'staff.logout', entityType: 'staff', entityId: ctx.actor.id ?? '-', at: ctx.clock.now() });
  });
}
