import type { Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { CommandContext } from '../../../platform/http/command.js';
import { NotFoundError } from '../../../platform/http/errors.js';

/**
 * Publishes an approved version of a list, in the caller's transaction (the review workflow's or
 * the scheduled job's): the version becomes published and, in the same transaction, its list's
 * current version, with the version's title. The version it supersedes stays published at its own
 * address (the public's history and comparison read it). Returns the version's id: a version is
 * its own live row.
 */
export async function publishListVersion(trx: Transaction<Database>, ctx: CommandContext, id: number): Promise<number> {
  const v = await trx.selectFrom('list_versions').select(['id', 'list_id', 'title', 'published_on']).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!v) throw new NotFoundError('清单版本不存在');
  const now = ctx.clock.now();
  await trx.selectFrom('official_lists').select('id').where('id', '=', v.list_id).forUpdate().executeTakeFirstOrThrow();
  await trx.updateTable('list_versions').set({ status: 'published', published_on: v.published_on ?? ctx.clock.today(), published_at: now, publish_at: null }).where('id', '=', id).execute();
  await trx.updateTable('official_lists').set({ current_version_id: id, title: v.title, updated_at: now }).where('id', '=', v.list_id).execute();
  return id;
}

/**
 * After a version is withdrawn: when it was its list's current version, the latest version still
 * published becomes current again (or the list has none and leaves the portal).
 */
export async function fallBackAfterWithdrawal(trx: Transaction<Database>, ctx: CommandContext, versionId: number): Promise<void> {
  const list = await trx.selectFrom('official_lists').select(['id']).where('current_version_id', '=', versionId).forUpdate().executeTakeFirst();
  if (!list) return;
  const previous = await trx
    .selectFrom('list_versions')
    .select(['id', 'title'])
    .where('list_id', '=', list.id)
    .where('status', '=', 'published')
    .where('id', '<>', versionId)
    .orderBy('version_no', 'desc')
    .executeTakeFirst();
  await trx
    .updateTable('official_lists')
    .set({ current_version_id: previous?.id ?? null, ...(previous ? { title: previous.title } : {}), updated_at: ctx.clock.now() })
    .where('id', '=', list.id)
    .execute();
}
