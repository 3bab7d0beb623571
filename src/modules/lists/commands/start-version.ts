import { sql } from 'kysely';
import { recordEvent } from '../../../platform/audit/audit.js';
import type { Actor } from '../../../platform/auth/sessions.js';
import { hasRole } from '../../../platform/auth/scope.js';
import { EDITOR_ROLES } from '../../../platform/content/lifecycle.js';
import { inTransaction, type CommandContext } from '../../../platform/http/command.js';
import { ForbiddenError, NotFoundError, RuleError } from '../../../platform/http/errors.js';
import { newDraftColumns } from '../../editions/public.js';

/**
 * Starts the next version of a list as a draft holding the current version's rows (清单动态调整):
 * staff change what changed and the comparison shows the public exactly that. One version is open
 * at a time.
 */
export async function startVersion(ctx: CommandContext, a: { actor: Actor; listId: number }): Promise<number> {
  return inTransaction(ctx, async (trx) => {
    const list = await trx.selectFrom('official_lists').select(['id', 'org_id', 'title', 'current_version_id']).where('id', '=', a.listId).forUpdate().executeTakeFirst();
    if (!list || !a.actor.roles.some((r) => r.orgId === list.org_id)) throw new NotFoundError('清单不存在，或您无权查看。');
    if (!hasRole(a.actor, list.org_id, EDITOR_ROLES)) throw new ForbiddenError('您没有编辑该清单的权限。');
    const open = await trx.selectFrom('list_versions').select(['id', 'version_no']).where('list_id', '=', list.id).where('status', 'not in', ['published', 'withdrawn', 'merged']).executeTakeFirst();
    if (open) throw new RuleError(`第 ${open.version_no} 版尚未发布，请在该版本上继续修改`);
    const last = await trx.selectFrom('list_versions').select((eb) => eb.fn.max('version_no').as('n')).where('list_id', '=', list.id).executeTakeFirst();
    const now = ctx.clock.now();
    const v = await trx
      .insertInto('list_versions')
      .values({ ...newDraftColumns({ orgId: list.org_id, editionOf: null, createdBy: a.actor.id, now }), list_id: list.id, version_no: Number(last?.n ?? 0) + 1, title: list.title, updated_by: a.actor.id, updated_at: now })
      .returning(['id', 'version_no'])
      .executeTakeFirstOrThrow();
    if (list.current_version_id !== null) {
      await sql`insert into list_rows (version_id, position, cells, search_text)
                select ${v.id}, position, cells, search_text from list_rows where version_id = ${list.current_version_id}`.execute(trx);
      await sql`update list_versions set row_count = (select count(*) from list_rows where version_id = ${v.id}) where id = ${v.id}`.execute(trx);
    }
    await recordEvent(trx, { actor: ctx.actor, action: 'list.version_create', entityType: 'list_version', entityId: v.id, orgId: list.org_id, after: { list_id: list.id, version_no: v.version_no, from_version_id: list.current_version_id }, at: now });
    return v.id;
  });
}
