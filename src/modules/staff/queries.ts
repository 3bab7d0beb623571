import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { StaffRow } from './views/staff-page.js';

export async function organizationNames(db: Kysely<Database>, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', ids).orderBy('position').orderBy('id').execute();
  return new Map(rows.map((o) => [o.id, o.name]));
}

/** Every account holding a role in one of these organizations, with those roles. */
export async function listStaffInScope(db: Kysely<Database>, scope: number[], now: Date): Promise<StaffRow[]> {
  if (scope.length === 0) return [];
  const names = await organizationNames(db, scope);
  const roleRows = await db.selectFrom('staff_roles').select(['staff_id', 'org_id', 'role']).where('org_id', 'in', scope).execute();
  const ids = [...new Set(roleRows.map((r) => r.staff_id))];
  if (ids.length === 0) return [];
  const accounts = await db.selectFrom('staff').select(['id', 'username', 'display_name', 'disabled', 'locked_until']).where('id', 'in', ids).orderBy('username').execute();
  return accounts.map((a) => ({
    id: a.id,
    username: a.username,
    displayName: a.display_name,
    disabled: a.disabled,
    locked: !!a.locked_until && new Date(a.locked_until).getTime() > now.getTime(),
    roles: roleRows.filter((r) => r.staff_id === a.id).map((r) => ({ orgId: r.org_id, orgName: names.get(r.org_id) ?? '', role: r.role })),
  }));
}

export async function findStaffIdByUsername(db: Kysely<Database>, username: string): Promise<number | null> {
  const row = await db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirst();
  return row?.id ?? null;
}

/** The latest audit events the actor may see: their own, and those of the organizations in scope. */
export async function listAuditEvents(db: Kysely<Database>, actorId: number, scope: number[], limit = 200) {
  return db
    .selectFrom('audit_events')
    .select(['seq', 'occurred_at', 'actor_label', 'action', 'entity_type', 'entity_id'])
    .where((eb) => eb.or([eb('actor_id', '=', actorId), ...(scope.length ? [eb('org_id', 'in', scope)] : [])]))
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
}
