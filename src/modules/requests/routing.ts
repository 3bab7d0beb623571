import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../platform/auth/sessions.js';

/**
 * No application is orphaned. An organization "has a request handler" when an enabled account
 * holds the request_handler role there. An application to an organization without one is routed to
 * the nearest disclosure office on the way up the organization tree (the organization's own office
 * first): that office's staff act as its handler — register it, handle and answer it, assign a
 * handler once the organization has one, or transfer it (转送) to the organization that holds the
 * information. Offices further up still oversee it as usual.
 */
type Db = Kysely<Database> | Transaction<Database>;

const holds = (role: 'request_handler' | 'disclosure_office', org: ReturnType<typeof sql.ref>) => sql`exists (
  select 1 from staff_roles sr join staff s on s.id = sr.staff_id
  where sr.org_id = ${org} and sr.role = ${role} and not s.disabled)`;

/**
 * The organizations without a handler whose applications route to one of the actor's disclosure
 * offices: from each office down the tree, stopping where a nearer office takes over.
 */
export async function routedOrgIds(db: Db, actor: Actor): Promise<number[]> {
  const offices = [...new Set(actor.roles.filter((r) => r.role === 'disclosure_office').map((r) => r.orgId))];
  if (offices.length === 0) return [];
  const r = await sql<{ id: number }>`
    with recursive tree as (
      select id from organizations where id in (${sql.join(offices)})
      union
      select o.id from organizations o join tree t on o.parent_id = t.id
      where not ${holds('disclosure_office', sql.ref('o.id'))}
    )
    select id from tree t where not ${holds('request_handler', sql.ref('t.id'))}
    order by id`.execute(db);
  return r.rows.map((x) => Number(x.id));
}
