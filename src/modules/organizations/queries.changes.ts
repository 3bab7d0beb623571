import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { SLUG_PATTERN } from './domain/tree-rules.js';

/** The portal paths an organization has (below /org/{slug}); a column is checked at the successor. */
const SAME_PATHS = new Set(['', '/', '/guide', '/feed.atom']);

/**
 * Where an address of a former organization leads: a slug given up in a rename, or the portal of an
 * organization merged or split away (followed to the successor in service). The same path at the
 * successor when it has one (its guide, its feed, a column of the same slug), else its portal home;
 * the query string is kept. Null when the address belongs to an organization in service.
 */
export async function findOrganizationRedirect(db: Kysely<Database>, url: string): Promise<string | null> {
  const m = /^\/org\/([^/?#]+)(\/[^?#]*)?(\?.*)?$/.exec(url);
  if (!m || !SLUG_PATTERN.test(m[1]!)) return null;
  const [, slug, rest = '', query = ''] = m;
  const r = await sql<{ slug: string; catalog: boolean }>`
    with recursive start as (
      select id, successor_id from organizations where slug = ${slug} and successor_id is not null
      union all
      select o.id, o.successor_id from organization_former_slugs f join organizations o on o.id = f.org_id where f.slug = ${slug}
    ), chain as (
      select id, successor_id, 0 as depth from start
      union all
      select o.id, o.successor_id, chain.depth + 1 from organizations o join chain on o.id = chain.successor_id where chain.depth < 32
    )
    select o.slug, exists (
      select 1 from catalog_nodes c where c.org_id = o.id and c.slug = ${/^\/catalog\/([^/]+)\/?$/.exec(rest)?.[1] ?? ''}
    ) as catalog
    from chain join organizations o on o.id = chain.id
    where chain.successor_id is null
    limit 1`.execute(db);
  const to = r.rows[0];
  if (!to || to.slug === slug) return null;
  const home = `/org/${to.slug}`;
  if (SAME_PATHS.has(rest) || (rest.startsWith('/catalog/') && to.catalog)) return `${home}${rest === '/' ? '' : rest}${query}`;
  return home;
}

/**
 * The organizations these ones succeeded, however many restructurings back: their audit trail is
 * read under the successor (the hash-chained log is never rewritten).
 */
export async function predecessorIds(db: Kysely<Database>, orgIds: number[]): Promise<number[]> {
  if (orgIds.length === 0) return [];
  const r = await sql<{ id: number }>`
    with recursive back as (
      select predecessor_id as id from organization_successions where successor_id in (${sql.join(orgIds)})
      union
      select s.predecessor_id from organization_successions s join back on s.successor_id = back.id
    )
    select id from back`.execute(db);
  return r.rows.map((x) => Number(x.id)).filter((id) => !orgIds.includes(id));
}

/** The staff holding roles at an organization, with those roles (for dividing them in a split). */
export async function listStaffRolesAt(db: Kysely<Database>, orgId: number) {
  return db
    .selectFrom('staff_roles as r')
    .innerJoin('staff as s', 's.id', 'r.staff_id')
    .select(['s.id', 's.username', 's.display_name', 'r.role'])
    .where('r.org_id', '=', orgId)
    .orderBy('s.username')
    .execute();
}

/** Who an organization succeeded and who succeeded it, for its page in the back office. */
export async function listSuccessions(db: Kysely<Database>, orgId: number) {
  return db
    .selectFrom('organization_successions as s')
    .innerJoin('organizations as p', 'p.id', 's.predecessor_id')
    .innerJoin('organizations as n', 'n.id', 's.successor_id')
    .select(['s.change', 's.effective_on', 'p.id as predecessor_id', 'p.name as predecessor_name', 'n.id as successor_id', 'n.name as successor_name'])
    .where((eb) => eb.or([eb('s.predecessor_id', '=', orgId), eb('s.successor_id', '=', orgId)]))
    .orderBy('s.effective_on')
    .execute();
}
