import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { LIST_TYPES, type ListTypeKey } from '../domain/list-types.js';
import type { Cells } from '../domain/rows.js';

/** The list types that say what an organization is responsible for: its 权责清单 and its 行政许可事项清单. */
export const DUTY_LIST_TYPES = ['powers', 'licensing'] as const satisfies readonly ListTypeKey[];

/** One matter of an organization's duties, as published. */
export interface DutyRow {
  orgId: number;
  listId: number;
  listType: (typeof DUTY_LIST_TYPES)[number];
  /** 权责清单, 行政许可事项清单. */
  listLabel: string;
  /** 事项名称. */
  matter: string;
  /** The row's other cells but its legal basis (a law's title names many matters it is not about). */
  detail: string;
}

const like = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The matters of the duty lists in force — each list's current version, published, of an
 * organization not merged away — whose text contains any of the words. A substring match, as the
 * list's own search box does, over the current versions' rows only.
 */
export async function findDutyRows(db: Kysely<Database>, words: readonly string[], limit = 300): Promise<DutyRow[]> {
  const ws = [...new Set(words.filter((w) => w.length >= 2))].slice(0, 60);
  if (ws.length === 0) return [];
  const r = await sql<{ org_id: number; list_id: number; list_type: DutyRow['listType']; cells: Cells | string }>`
    select l.org_id, l.id as list_id, l.list_type, r.cells
    from official_lists l
    join list_versions v on v.id = l.current_version_id and v.status = 'published'
    join organizations o on o.id = l.org_id and o.successor_id is null
    join list_rows r on r.version_id = v.id
    where l.list_type in (${sql.join(DUTY_LIST_TYPES)})
      and (${sql.join(ws.map((w) => sql`r.search_text ilike ${like(w)}`), sql` or `)})
    order by l.org_id, r.position
    limit ${limit}`.execute(db);
  return r.rows.map((x) => {
    const cells = (typeof x.cells === 'string' ? JSON.parse(x.cells) : x.cells) as Cells;
    const t = LIST_TYPES[x.list_type];
    const detail = t.columns.filter((c) => !c.basis && c.key !== 'name' && c.key !== 'code').map((c) => cells[c.key] ?? '').filter(Boolean).join(' ');
    return { orgId: Number(x.org_id), listId: Number(x.list_id), listType: x.list_type, listLabel: t.label, matter: cells.name ?? '', detail };
  });
}
