import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { ItemStatus } from '../../db/schema.js';

/** What a back-office list of a kind's items is asked for: the actor's organizations (the scope), a status, search words, a page. */
export interface AdminListParams {
  orgIds: number[];
  status: ItemStatus | null;
  q: string;
  page: number;
  pageSize: number;
}

/**
 * One page of a filtered back-office list and how many rows the filter matches: `filtered` is the
 * query with its scope and filters, `page` adds what each row shows and its order. An empty scope
 * (`p.orgIds`) lists nothing.
 */
export async function pageWithTotal<DB, TB extends keyof DB, O>(
  filtered: SelectQueryBuilder<DB, TB, object>,
  page: (q: SelectQueryBuilder<DB, TB, object>) => SelectQueryBuilder<DB, TB, O>,
  p: { page: number; pageSize: number; orgIds?: number[] },
): Promise<{ total: number; rows: O[] }> {
  if (p.orgIds?.length === 0) return { total: 0, rows: [] };
  const count = await filtered.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const rows = await page(filtered).limit(p.pageSize).offset((p.page - 1) * p.pageSize).execute();
  return { total: Number((count as { n: number }).n), rows };
}

/**
 * Organization scope where data is loaded (rules of the house §5): the condition that a row's
 * organization column is one of the actor's, as `.where(inScope('i.org_id', scope))`; an empty
 * scope matches nothing.
 */
export function inScope(column: string, scope: readonly number[]): RawBuilder<boolean> {
  return scope.length ? sql<boolean>`${sql.ref(column)} in (${sql.join([...scope])})` : sql<boolean>`false`;
}
