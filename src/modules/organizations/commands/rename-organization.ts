import { recordEvent } from '../../../platform/audit/audit.js';
import { ForbiddenError, NotFoundError, RuleError } from '../../../platform/http/errors.js';
import { inTransaction, type CommandContext } from '../../../platform/http/command.js';
import { assertSlugAvailable } from './organization-checks.js';

export interface Rename {
  name: string;
  shortName: string;
  slug: string;
}

/**
 * Renames an organization (名称、简称) and, when asked, moves its portal to a new slug. The old slug
 * is kept as a former slug, so its addresses answer 301 to the new ones (published links, search
 * engines, bookmarks); the organization's own admin may do it.
 */
export async function renameOrganization(ctx: CommandContext & { allowedOrgIds: number[] }, orgId: number, input: Rename): Promise<void> {
  if (!ctx.allowedOrgIds.includes(orgId)) throw new ForbiddenError('只有该机构的管理员可以修改机构名称。');
  await inTransaction(ctx, async (trx) => {
    const before = await trx.selectFrom('organizations').select(['id', 'name', 'short_name', 'slug', 'successor_id']).where('id', '=', orgId).forUpdate().executeTakeFirst();
    if (!before) throw new NotFoundError('机构不存在');
    if (before.successor_id !== null) throw new RuleError('该机构已撤并，不能再更名');
    if (input.slug !== before.slug) {
      await assertSlugAvailable(trx, input.slug, orgId);
      await trx.deleteFrom('organization_former_slugs').where('slug', '=', input.slug).execute();
      await trx.insertInto('organization_former_slugs').values({ slug: before.slug, org_id: orgId, retired_at: ctx.clock.now() }).execute();
    }
    await trx.updateTable('organizations').set({ name: input.name, short_name: input.shortName, slug: input.slug, updated_at: ctx.clock.now() }).where('id', '=', orgId).execute();
    await recordEvent(trx, {
      actor: ctx.actor,
      action: 'organization.rename',
      entityType: 'organization',
      entityId: orgId,
      orgId,
      before: { name: before.name, short_name: before.short_name, slug: before.slug },
      after: { name: input.name, short_name: input.shortName, slug: input.slug },
      at: ctx.clock.now(),
    });
  });
}
