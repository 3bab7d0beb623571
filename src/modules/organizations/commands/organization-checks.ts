import { sql, type Transaction } from 'kysely';
import type { Database, OrganizationKind } from '../../../db/schema.js';
import { ForbiddenError, RuleError } from '../../../platform/http/errors.js';
import type { CommandContext } from '../../../platform/http/command.js';
import { placementError } from '../domain/tree-rules.js';

/** Creating, moving, merging and splitting organizations is the site group administrator's. */
export type SiteAdminContext = CommandContext & { siteAdmin: boolean };

export function requireSiteAdmin(ctx: SiteAdminContext): void {
  if (!ctx.siteAdmin) throw new ForbiddenError('只有站群管理员可以新建、调整、撤并或拆分机构。');
}

/**
 * Refuses a slug that another organization uses now or used before (its old addresses redirect
 * there, so the slug stays reserved). An organization may take back a slug it gave up itself.
 */
export async function assertSlugAvailable(trx: Transaction<Database>, slug: string, orgId: number | null = null): Promise<void> {
  const current = await trx.selectFrom('organizations').select('id').where('slug', '=', slug).executeTakeFirst();
  const former = await trx.selectFrom('organization_former_slugs').select('org_id').where('slug', '=', slug).executeTakeFirst();
  if ((current && current.id !== orgId) || (former && former.org_id !== orgId)) throw new RuleError(`门户路径“${slug}”已被使用（或曾被其他机构使用），请换一个`, 'slug');
}

export async function assertCodeAvailable(trx: Transaction<Database>, code: string, orgId: number | null = null): Promise<void> {
  const clash = await trx.selectFrom('organizations').select('id').where('code', '=', code).executeTakeFirst();
  if (clash && clash.id !== orgId) throw new RuleError(`机构编码“${code}”已被使用`, 'code');
}

/** The parent an organization of `kind` is placed under: it must exist, be in service and accept that kind. */
export async function loadParent(trx: Transaction<Database>, parentId: number | null, kind: OrganizationKind, field = 'parentId') {
  const parent = parentId === null ? undefined : await trx.selectFrom('organizations').select(['id', 'kind', 'name', 'successor_id']).where('id', '=', parentId).executeTakeFirst();
  if (parentId !== null && (!parent || parent.successor_id !== null)) throw new RuleError('上级机构不存在或已撤并', field);
  const error = placementError(kind, parent?.kind ?? null);
  if (error) throw new RuleError(error, field);
  return parent!;
}

/** An organization's ancestors, nearest first. */
export async function ancestorIds(trx: Transaction<Database>, orgId: number): Promise<number[]> {
  const r = await sql<{ id: number; depth: number }>`
    with recursive up as (
      select parent_id as id, 1 as depth from organizations where id = ${orgId}
      union all
      select o.parent_id, up.depth + 1 from organizations o join up on o.id = up.id where up.depth < 64
    )
    select id, depth from up where id is not null order by depth`.execute(trx);
  return r.rows.map((x) => Number(x.id));
}

/** Whether `orgId` is the site group's top organization (which can be neither moved nor merged away). */
export async function isTopOrganization(trx: Transaction<Database>, orgId: number): Promise<boolean> {
  const row = await trx.selectFrom('organizations').select('parent_id').where('id', '=', orgId).executeTakeFirst();
  return row !== undefined && row.parent_id === null;
}
