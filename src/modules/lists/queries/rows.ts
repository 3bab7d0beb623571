import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { Cells } from '../domain/rows.js';

export interface ListRow {
  id: number;
  /** 序号: the row's place in the version (1-based), the same whatever the search shows. */
  no: number;
  cells: Cells;
}

/** The words of a search box: up to 5, each up to 30 characters. */
export function searchWords(q: string): string[] {
  return q.trim().split(/[\s,，、;；]+/).filter(Boolean).slice(0, 5).map((w) => w.slice(0, 30));
}

const like = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * One page of a version's rows, filtered by words (every word must appear in the row). A version
 * is read through its (version_id, position) index, so a search looks at one version's rows only:
 * a substring match over 6,000 rows of one list takes milliseconds on either database, and finds
 * any part of a Chinese word, which a segmented index would not.
 */
export async function pageOfRows(db: Kysely<Database>, versionId: number, p: { q: string; limit: number; offset: number }): Promise<{ total: number; rows: ListRow[] }> {
  const words = searchWords(p.q);
  const where = words.length ? sql`and ${sql.join(words.map((w) => sql`search_text ilike ${like(w)}`), sql` and `)}` : sql``;
  const r = await sql<{ id: number; no: string; cells: Cells; total: string }>`
    select id, no, cells, count(*) over () as total from (
      select id, cells, search_text, row_number() over (order by position, id) as no from list_rows where version_id = ${versionId}
    ) x where true ${where}
    order by no limit ${p.limit} offset ${p.offset}`.execute(db);
  let total = Number(r.rows[0]?.total ?? 0);
  if (r.rows.length === 0 && p.offset > 0) {
    const c = await sql<{ n: string }>`select count(*) as n from list_rows where version_id = ${versionId} ${where}`.execute(db);
    total = Number(c.rows[0]?.n ?? 0);
  }
  return { total, rows: r.rows.map((x) => ({ id: Number(x.id), no: Number(x.no), cells: cellsOf(x.cells) })) };
}

/** Every row of a version in order: for the spreadsheet and the comparison. */
export async function allRows(db: Kysely<Database>, versionId: number): Promise<Cells[]> {
  const r = await db.selectFrom('list_rows').select('cells').where('version_id', '=', versionId).orderBy('position').orderBy('id').execute();
  return r.map((x) => cellsOf(x.cells));
}

export async function getRow(db: Kysely<Database>, versionId: number, rowId: number): Promise<Cells | undefined> {
  const r = await db.selectFrom('list_rows').select('cells').where('id', '=', rowId).where('version_id', '=', versionId).executeTakeFirst();
  return r ? cellsOf(r.cells) : undefined;
}

function cellsOf(v: unknown): Cells {
  return (typeof v === 'string' ? JSON.parse(v) : v) as Cells;
}
