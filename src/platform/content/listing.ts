import { sql, type Kysely } from 'kysely';
import type { Database, ItemType } from '../../db/schema.js';
import { contentKind, contentKinds, titleSql } from './registry.js';

/** One public item of any kind in a list: a catalog column, a feed, the sitemap. */
export interface ListedItem {
  type: ItemType;
  id: number;
  title: string;
  url: string;
  /** 发布日期, 'YYYY-MM-DD' */
  date: string | null;
  summary: string;
  badge: string | null;
  /** The kind's public name (政策文件, 通知公告 …). */
  kindLabel: string;
  updatedAt: Date;
  publishedAt: Date | null;
}

/**
 * The public items of every kind filed in the catalog (in an organization, in some of its columns),
 * newest first, with their count. Only what each kind calls public is listed, and only the
 * organization's own items (not the reference material it keeps).
 */
export async function listCatalogItems(
  db: Kysely<Database>,
  p: { orgId?: number; nodeIds?: number[]; limit: number; offset?: number },
): Promise<{ total: number; rows: ListedItem[] }> {
  const parts = contentKinds().flatMap((k) => {
    const c = k.catalog;
    if (!c) return [];
    const where = [k.publicSql('x'), c.ownSql?.('x') ?? sql<boolean>`true`];
    if (p.orgId !== undefined) where.push(sql<boolean>`x.org_id = ${p.orgId}`);
    if (p.nodeIds) where.push(p.nodeIds.length ? sql<boolean>`${c.nodeSql('x')} in (${sql.join(p.nodeIds)})` : sql<boolean>`false`);
    return [
      sql`select ${k.type}::text as type, x.id, left(${titleSql(k, 'x')}, 300) as title, ${c.dateSql('x')}::text as date, ${c.summarySql('x')} as summary, ${c.badgeSql?.('x') ?? sql`null`}::text as badge, x.updated_at, x.published_at
          from ${sql.table(k.table)} x where ${sql.join(where, sql` and `)}`,
    ];
  });
  if (parts.length === 0) return { total: 0, rows: [] };
  const union = sql.join(parts, sql` union all `);
  const [count, r] = await Promise.all([
    sql<{ n: number }>`select count(*) as n from (${union}) u`.execute(db),
    sql<{ type: string; id: number; title: string; date: string | null; summary: string; badge: string | null; updated_at: Date; published_at: Date | null }>`
      select * from (${union}) u order by date desc nulls last, published_at desc nulls last, id desc limit ${p.limit} offset ${p.offset ?? 0}`.execute(db),
  ]);
  return {
    total: Number(count.rows[0]?.n ?? 0),
    rows: r.rows.map((x) => {
      const kind = contentKind(x.type);
      return { type: x.type, id: Number(x.id), title: x.title, url: kind.publicUrl(Number(x.id)), date: x.date, summary: x.summary, badge: x.badge, kindLabel: kind.publicLabel, updatedAt: x.updated_at, publishedAt: x.published_at };
    }),
  };
}

/** Every public item of every kind, for the sitemap: its address and when it last changed. */
export async function listPublicAddresses(db: Kysely<Database>, limit = 45_000): Promise<{ url: string; updatedAt: Date }[]> {
  const parts = contentKinds().map((k) => sql`select ${k.type}::text as type, x.id, x.updated_at from ${sql.table(k.table)} x where ${k.publicSql('x')}`);
  if (parts.length === 0) return [];
  const r = await sql<{ type: string; id: number; updated_at: Date }>`select * from (${sql.join(parts, sql` union all `)}) u order by updated_at desc limit ${limit}`.execute(db);
  return r.rows.map((x) => ({ url: contentKind(x.type).publicUrl(Number(x.id)), updatedAt: new Date(x.updated_at) }));
}

/** How many public items of every kind each catalog column of the organizations holds itself (not counting the columns below). */
export async function countCatalogItems(db: Kysely<Database>, orgIds: number[]): Promise<Map<number, number>> {
  const parts = contentKinds().flatMap((k) => {
    const c = k.catalog;
    if (!c) return [];
    return [sql`select ${c.nodeSql('x')} as node_id from ${sql.table(k.table)} x where x.org_id in (${sql.join(orgIds)}) and ${k.publicSql('x')} and ${c.ownSql?.('x') ?? sql`true`}`];
  });
  if (orgIds.length === 0 || parts.length === 0) return new Map();
  const r = await sql<{ node_id: number; n: number }>`select node_id, count(*) as n from (${sql.join(parts, sql` union all `)}) u where node_id is not null group by node_id`.execute(db);
  return new Map(r.rows.map((x) => [Number(x.node_id), Number(x.n)]));
}
