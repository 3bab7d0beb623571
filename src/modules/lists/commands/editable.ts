import type { Transaction } from 'kysely';
import type { Database, ItemStatus } from '../../../db/schema.js';
import type { Actor } from '../../../platform/auth/sessions.js';
import { hasRole } from '../../../platform/auth/scope.js';
import { EDITOR_ROLES } from '../../../platform/content/lifecycle.js';
import { ForbiddenError, NotFoundError, RuleError } from '../../../platform/http/errors.js';
import { recallForEdit } from '../../review/public.js';
import { listType, type ListType } from '../domain/list-types.js';

export interface EditableVersion {
  id: number;
  list_id: number;
  org_id: number;
  status: ItemStatus;
  version_no: number;
  type: ListType;
}

/**
 * Locks a version for an edit by the actor, or refuses: it must be the actor's organization's and
 * not yet published (a published version never changes: a new version is drafted instead). An
 * edit of a version under review takes it back to draft (recallForEdit); returns the columns to write.
 */
export async function lockForEdit(trx: Transaction<Database>, actor: Actor, versionId: number, now: Date): Promise<{ version: EditableVersion; reviewState: Record<string, unknown> }> {
  const v = await trx
    .selectFrom('list_versions as v')
    .innerJoin('official_lists as l', 'l.id', 'v.list_id')
    .select(['v.id', 'v.list_id', 'v.org_id', 'v.status', 'v.version_no', 'l.list_type'])
    .where('v.id', '=', versionId)
    .forUpdate()
    .executeTakeFirst();
  if (!v || !actor.roles.some((r) => r.orgId === v.org_id)) throw new NotFoundError('清单版本不存在，或您无权查看。');
  if (!hasRole(actor, v.org_id, EDITOR_ROLES)) throw new ForbiddenError('您没有编辑该清单的权限。');
  if (v.status === 'published' || v.status === 'withdrawn' || v.status === 'merged') throw new RuleError('已发布的版本不能修改：请新建版本，修改后再提交审核发布。');
  const type = listType(v.list_type);
  if (!type) throw new RuleError('清单类型无效');
  const reviewState = await recallForEdit(trx, 'list_version', v, actor.id, now);
  return { version: { id: v.id, list_id: v.list_id, org_id: v.org_id, status: v.status, version_no: v.version_no, type }, reviewState };
}

/** After rows changed: the version's row count, who touched it, and its review state. */
export async function touchVersion(trx: Transaction<Database>, versionId: number, actorId: number, now: Date, reviewState: Record<string, unknown>): Promise<number> {
  const n = await trx.selectFrom('list_rows').select((eb) => eb.fn.countAll<string>().as('n')).where('version_id', '=', versionId).executeTakeFirstOrThrow();
  const rowCount = Number(n.n);
  await trx.updateTable('list_versions').set({ ...reviewState, row_count: rowCount, updated_by: actorId, updated_at: now }).where('id', '=', versionId).execute();
  return rowCount;
}
