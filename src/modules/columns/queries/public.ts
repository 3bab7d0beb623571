import { sql, type Kysely } from 'kysely';
import type { Database, ItemType } from '../../../db/schema.js';
import { contentKind, contentKinds, titleSql } from '../../../platform/content/registry.js';

export interface PublicColumn {
  id: number;
  org_id: number | null;
  parent_id: number | null;
  depth: number;
  name: string;
  slug: string;
  intro_html: string;
  banner_key: string | null;
  banner_type: string | null;
  updated_at: Date;
}

const COLUMNS = ['id', 'org_id', 'parent_id', 'depth', 'name', 'slug', 'intro_html', 'banner_key', 'banner_type', 'updated_at'] as const;

/**
 * A column the public may see: visible, and every column above it visible too (hiding a 专题 hides
 * its sub-columns). Undefined otherwise.
 */
export async function findPublicColumn(db: Kysely<Database>, slug: string): Promise<PublicColumn | undefined> {
  const c = await db.selectFrom('special_columns').select(COLUMNS).where('slug', '=', slug).where('visible', '=', true).executeTakeFirst();
  if (!c) return undefined;
  let parent = c.parent_id;
  while (parent !== null) {
    const p: { parent_id: number | null; visible: boolean } | undefined = await db.selectFrom('special_columns').select(['parent_id', 'visible']).where('id', '=', parent).executeTakeFirst();
    if (!p || !p.visible) return undefined;
    parent = p.parent_id;
  }
  return c;
}

/** The visible columns below a public column, all levels, in order. */
export async function publicDescendants(db: Kysely<Database>, id: number): Promise<PublicColumn[]> {
  const r = await sql<PublicColumn>`
    with recursive tree as (
      select ${sql.join(COLUMNS.map((c) => sql.ref(`c.${c}`)))}, c.position from special_columns c where c.parent_id = ${id} and c.visible
      union all
      select ${sql.join(COLUMNS.map((c) => sql.ref(`c.${c}`)))}, c.position from special_columns c join tree t on c.parent_id = t.id where c.visible
    )
    select * from tree order by depth, position, id`.execute(db);
  return r.rows.map((x) => ({ ...x, id: Number(x.id), parent_id: x.parent_id === null ? null : Number(x.parent_id) }));
}

/** The site's 专题 list: visible top-level columns, the site group's first, then each organization's. */
export async function listPublicTopColumns(db: Kysely<Database>, orgId?: number) {
  let q = db
    .selectFrom('special_columns as c')
    .leftJoin('organizations as o', 'o.id', 'c.org_id')
    .select(['c.id', 'c.org_id', 'c.name', 'c.slug', 'c.intro_html', 'c.banner_key', 'o.name as org_name', 'o.slug as org_slug'])
    .where('c.parent_id', 'is', null)
    .where('c.visible', '=', true);
  if (orgId !== undefined) q = q.where('c.org_id', '=', orgId);
  return q.orderBy(sql`c.org_id is not null`).orderBy('o.position').orderBy('c.position').orderBy('c.id').execute();
}
/** Every column the public may see, each under its parent, for the sitemaps. */
export async function listPublicColumnPages(db: Kysely<Database>): Promise<{ slug: string; name: string; depth: number; updated_at: Date }[]> {
  const r = await sql<{ slug: string; name: string; depth: number; updated_at: Date; path: string }>`
    with recursive tree as (
      -- The site group's 专题 first, then each organization's in its order (as the 专题 list shows them).
      select c.id, c.slug, c.name, c.depth, c.updated_at,
        (case when c.org_id is null then '0' else '1' end) || lpad(coalesce(o.position, 0)::text, 6, '0') || lpad(c.position::text, 6, '0') || lpad(c.id::text, 12, '0') as path
      from special_columns c left join organizations o on o.id = c.org_id
      where c.parent_id is null and c.visible
      union all
      select c.id, c.slug, c.name, c.depth, c.updated_at, t.path || lpad(c.position::text, 6, '0') || lpad(c.id::text, 12, '0')
      from special_columns c join tree t on c.parent_id = t.id where c.visible
    )
    select slug, name, depth, updated_at, path from tree order by path`.execute(db);
  return r.rows.map(({ path: _p, ...c }) => c);
}

export type PublicTopColumn = Awaited<ReturnType<typeof listPublicTopColumns>>[number];

export interface ColumnItem {
  type: ItemType;
  id: number;
  title: string;
  url: string;
  date: string | null;
  kindLabel: string;
  orgName: string;
  updatedAt: Date;
  publishedAt: Date | null;
}

/**
 * The items accepted in any of these columns that are public by their kind's own rule (a withdrawn
 * or unpublished item is left out at once), each once, newest first. One query over the registry.
 */
function itemsUnion(columnIds: number[]) {
  const parts = contentKinds().map((k) => {
    const date = k.catalog ? k.catalog.dateSql('x') : sql`x.published_on`;
    return sql`select ${k.type}::text as type, x.id, left(${titleSql(k, 'x')}, 300) as title, ${date}::text as date, o.short_name as org_name, x.updated_at, x.published_at
      from ${sql.table(k.table)} x join organizations o on o.id = x.org_id
      where ${k.publicSql('x')}
        and exists (select 1 from column_placements p where p.item_type = ${k.type} and p.item_id = x.id and p.status = 'accepted' and p.column_id in (${sql.join(columnIds)}))`;
  });
  return parts.length ? sql.join(parts, sql` union all `) : null;
}

export async function listColumnItems(db: Kysely<Database>, columnIds: number[], p: { limit: number; offset?: number }): Promise<{ total: number; rows: ColumnItem[] }> {
  const union = columnIds.length ? itemsUnion(columnIds) : null;
  if (!union) return { total: 0, rows: [] };
  const [count, r] = await Promise.all([
    sql<{ n: number }>`select count(*) as n from (${union}) u`.execute(db),
    sql<{ type: string; id: number; title: string; date: string | null; org_name: string; updated_at: Date; published_at: Date | null }>`
      select * from (${union}) u order by date desc nulls last, published_at desc nulls last, type, id desc limit ${p.limit} offset ${p.offset ?? 0}`.execute(db),
  ]);
  return {
    total: Number(count.rows[0]?.n ?? 0),
    rows: r.rows.map((x) => {
      const kind = contentKind(x.type);
      return { type: x.type, id: Number(x.id), title: x.title, url: kind.publicUrl(Number(x.id)), date: x.date, kindLabel: kind.publicLabel, orgName: x.org_name, updatedAt: new Date(x.updated_at), publishedAt: x.published_at ? new Date(x.published_at) : null };
    }),
  };
}

export async function countColumnItems(db: Kysely<Database>, columnIds: number[]): Promise<number> {
  const union = columnIds.length ? itemsUnion(columnIds) : null;
  if (!union) return 0;
  const r = await sql<{ n: number }>`select count(*) as n from (${union}) u`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

export async function columnOwnerName(db: Kysely<Database>, column: { org_id: number | null }): Promise<string | null> {
  if (column.org_id === null) return null;
  const o = await db.selectFrom('organizations').select('name').where('id', '=', column.org_id).executeTakeFirst();
  return o?.name ?? null;
}

/** The column's ancestors and itself, for the breadcrumbs (all visible, or the column would be 404). */
export async function publicColumnPath(db: Kysely<Database>, column: PublicColumn): Promise<{ name: string; slug: string }[]> {
  const out = [{ name: column.name, slug: column.slug }];
  let parent = column.parent_id;
  while (parent !== null && out.length < 5) {
    const p: { name: string; slug: string; parent_id: number | null } | undefined = await db.selectFrom('special_columns').select(['name', 'slug', 'parent_id']).where('id', '=', parent).executeTakeFirst();
    if (!p) break;
    out.unshift({ name: p.name, slug: p.slug });
    parent = p.parent_id;
  }
  return out;
}
