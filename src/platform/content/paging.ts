import { sql, type SelectQueryBuilder } from 'kysely';

/**
 * One page of a filtered back-office list and how many rows the filter matches: `filtered` is the
 * query with its scope and filters, `page` adds what each row shows and its order.
 */
export async function pageWithTotal<DB, TB extends keyof DB, O>(
  filtered: SelectQueryBuilder<DB, TB, object>,
  page: (q: SelectQueryBuilder<DB, TB, object>) => SelectQueryBuilder<DB, TB, O>,
  p: { page: number; pageSize: number },
): Promise<{ total: number; rows: O[] }> {
  const count = await filtered.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const rows = await page(filtered).limit(p.pageSize).offset((p.page - 1) * p.pageSize).execute();
  return { total: Number((count as { n: number }).n), rows };
}
