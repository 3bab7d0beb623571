import { sql, type Kysely } from 'kysely';

/**
 * The standard columns of an organ's disclosure platform (reference/portal.md): 政府信息公开指南,
 * 政府信息公开制度, 法定主动公开内容, 政府信息公开年报 and 依申请公开 at the top, in that order, with
 * the catalog of 条例 第20条 under 法定主动公开内容. A column's `role` says which standard column it
 * is, so pages find it whatever an administrator renamed it to; the 政策解读 column gets one too,
 * because it also lists the organization's published interpretations.
 *
 * Existing catalogs are moved under 法定主动公开内容; a column whose path an administrator already
 * used for one of the new ones becomes that standard column.
 */
const STANDARD = [
  { role: 'guide', name: '政府信息公开指南', slug: 'gkzn' },
  { role: 'rules', name: '政府信息公开制度', slug: 'gkzd' },
  { role: 'proactive', name: '法定主动公开内容', slug: 'fdzdgknr' },
  { role: 'reports', name: '政府信息公开年报', slug: 'gknb' },
  { role: 'requests', name: '依申请公开', slug: 'ysqgk' },
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table catalog_nodes add column role text
      check (role in ('guide', 'rules', 'proactive', 'reports', 'requests', 'interpretations'))`.execute(db);
  await sql`create unique index catalog_nodes_org_role on catalog_nodes (org_id, role) where role is not null`.execute(db);
  await sql`update catalog_nodes set role = 'interpretations' where slug = 'zcjd'`.execute(db);
  for (const [position, s] of STANDARD.entries()) {
    await sql`
      insert into catalog_nodes (org_id, parent_id, name, slug, position, role)
      select o.id, null, ${s.name}, ${s.slug}, ${position}, ${s.role} from organizations o
      on conflict (org_id, slug) do update set role = excluded.role, parent_id = null, position = excluded.position`.execute(db);
  }
  await sql`
    update catalog_nodes c set parent_id = p.id
    from catalog_nodes p
    where p.org_id = c.org_id and p.role = 'proactive' and c.parent_id is null and c.id <> p.id
      and (c.role is null or c.role = 'interpretations')`.execute(db);
}
