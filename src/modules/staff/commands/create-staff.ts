import { recordEvent } from '../../../platform/audit/audit.js';
import { checkPasswordStrength, hashPassword } from '../../../platform/auth/password.js';
import { RuleError } from '../../../platform/http/errors.js';
import { inTransaction, type CommandContext } from '../../../platform/http/command.js';
import type { Role } from '../../../db/schema.js';

export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员',
  drafter: '起草人',
  reviewer: '审核人',
  publisher: '发布人',
  request_handler: '依申请公开办理人',
  disclosure_office: '政务公开办',
};

/** Creates a staff account with its roles, each granted at one organization. */
export async function createStaff(
  ctx: CommandContext,
  input: { username: string; displayName: string; password: string; roles: { orgId: number; role: Role }[] },
): Promise<number> {
  const weak = checkPasswordStrength(input.password, [input.username]);
  if (weak) throw new RuleError(weak, 'password');
  const passwordHash = await hashPassword(input.password);
  return inTransaction(ctx, async (trx) => {
    const clash = await trx.selectFrom('staff').select('id').where('username', '=', input.username).executeTakeFirst();
    if (clash) throw new RuleError(`用户名“${input.username}”已存在`, 'username');
    const row = await trx
      .insertInto('staff')
      .values({ username: input.username, display_name: input.displayName, password_hash: passwordHash, locked_until: null, last_login_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.roles.length) {
      await trx.insertInto('staff_roles').values(input.roles.map((r) => ({ staff_id: row.id, org_id: r.orgId, role: r.role }))).execute();
    }
    await recordEvent(trx, { actor: ctx.actor, action: 'staff.create', entityType: 'staff', entityId: row.id, after: { username: input.username, displayName: input.displayName, roles: input.roles }, at: ctx.clock.now() });
    return row.id;
  });
}
