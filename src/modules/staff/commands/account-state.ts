import { recordEvent } from '../../../platform/audit/audit.js';
import { inTransaction, type CommandContext } from '../../../platform/http/command.js';
import { ForbiddenError, RuleError } from '../../../platform/http/errors.js';
import type { Role } from '../../../db/schema.js';

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

/** An organization's admin grants or revokes a role at that organization. */
export async function setRole(ctx: Ctx, a: { staffId: number; orgId: number; role: Role; granted: boolean }): Promise<void> {
  if (!ctx.allowedOrgIds.includes(a.orgId)) throw new ForbiddenError('只能在您管理的机构授予或撤销角色。');
  await inTransaction(ctx, async (trx) => {
    const staff = await trx.selectFrom('staff').select('id').where('id', '=', a.staffId).executeTakeFirst();
    if (!staff) throw new RuleError('账号不存在', 'staffId');
    if (a.granted) await trx.insertInto('staff_roles').values({ staff_id: a.staffId, org_id: a.orgId, role: a.role }).onConflict((oc) => oc.doNothing()).execute();
    else await trx.deleteFrom('staff_roles').where('staff_id', '=', a.staffId).where('org_id', '=', a.orgId).where('role', '=', a.role).execute();
    await recordEvent(trx, { actor: ctx.actor, action: 'staff.update', entityType: 'staff', entityId: a.staffId, orgId: a.orgId, after: a, at: ctx.clock.now() });
  });
}
