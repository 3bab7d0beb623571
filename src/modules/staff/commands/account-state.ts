import { recordEvent } from '../../../platform/audit/audit.js';
import { inTransaction, type CommandContext } from '../../../platform/http/command.js';
import { ForbiddenError } from '../../../platform/http/errors.js';

type Ctx = CommandContext & { allowedOrgIds: number[] };

/** Lifts a lock after repeated failed logins, or disables / re-enables an account. */
export async function setAccountState(ctx: Ctx, a: { staffId: number; disabled: boolean }): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const roles = await trx.selectFrom('staff_roles').select('org_id').where('staff_id', '=', a.staffId).execute();
    if (roles.length === 0 || !roles.every((r) => ctx.allowedOrgIds.includes(r.org_id))) throw new ForbiddenError('只能管理完全属于您所管机构的账号。');
    await trx.updateTable('staff').set({ disabled: a.disabled, failed_logins: 0, locked_until: null }).where('id', '=', a.staffId).execute();
    if (a.disabled) await trx.deleteFrom('sessions').where('staff_id', '=', a.staffId).execute();
    await recordEvent(trx, { actor: ctx.actor, action: 'staff.update', entityType: 'staff', entityId: a.staffId, after: a, at: ctx.clock.now() });
  });
}
