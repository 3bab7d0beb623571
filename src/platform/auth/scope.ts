import { sql, type Kysely } from 'kysely';
import type { Database, Role } from '../../db/schema.js';
import type { Actor } from './sessions.js';

/**
 * Organization scope (rules of the house §5). A role applies to the organization it was granted
 * at; the disclosure office role also reaches every organization below it.
 */
export async function scopeOrgIds(db: Kysely<Database>, actor: Actor, roles: readonly Role[]): Promise<number[]> {
  const direct = actor.roles.filter((r) => roles.includes(r.role) && r.role !== 'disclosure_office').map((r) => r.orgId);
  const offices = roles.includes('disclosure_office')
    ? actor.roles.filter((r) => r.role === 'disclosure_office').map((r) => r.orgId)
    : [];
  if (offices.length === 0) return unique(direct);
  const below = await sql<{ id: number }>`
    with recursive tree as (
      select id from organizations where id in (${sql.join(offices)})
      union
      select o.id from organizations o join tree t on o.parent_id = t.id where o.successor_id is null
    )
    select id from tree`.execute(db);
  return unique([...direct, ...below.rows.map((r) => r.id)]);
}

export function hasRole(actor: Actor, orgId: number, roles: readonly Role[]): boolean {
  return actor.roles.some((r) => r.orgId === orgId && roles.includes(r.role));
}

function unique(ids: number[]): number[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}

/** Whether the actor holds any of these roles anywhere (what a back-office list page needs to open). */
export function holdsAnyRole(actor: Actor, roles: readonly Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r.role));
}

/** The site group's administrator: an administrator of a top-level organization. */
export async function isSiteAdmin(db: Kysely<Database>, actor: Actor): Promise<boolean> {
  return holdsRoleAtTop(db, actor, ['admin']);
}

/**
 * Whether the actor holds one of the roles at the site group's top organization: what site-wide
 * settings and dictionaries need, which a county's or a department's roles must not reach.
 */
export async function holdsRoleAtTop(db: Kysely<Database>, actor: Actor, roles: readonly Role[]): Promise<boolean> {
  const orgIds = actor.roles.filter((r) => roles.includes(r.role)).map((r) => r.orgId);
  if (orgIds.length === 0) return false;
  const top = await db.selectFrom('organizations').select('id').where('id', 'in', orgIds).where('parent_id', 'is', null).executeTakeFirst();
  return top !== undefined;
}
