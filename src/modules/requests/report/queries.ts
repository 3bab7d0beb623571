import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { AppealResult, Database } from '../../../db/schema.js';
import type { Table3Count } from './table3.js';
import type { Table4Count } from './table4.js';

export interface RequestReportCounts {
  table3: Table3Count[];
  table4: Table4Count[];
}

/**
 * The counts behind tables 3 and 4 of an organization's annual report for a year (国办公开办函
 * 〔2021〕30号; the statistics period is the calendar year). Four grouped aggregates, each reading
 * one range of an index, so the cost follows the year's requests, not the whole history:
 * - received in the year (requests_received): 一, and those still open at its end for 四;
 * - received before it and open on 1 January (requests_closed: closed_on null or on/after that
 *   day): 二, and those still open at its end for 四;
 * - concluded in the year (requests_closed), by outcome: 三;
 * - appeals filed in the year against the organization's requests, by their result at year end: table 4.
 * A request whose receipt is not yet registered (received_on null) is not counted anywhere.
 */
export async function requestReportCounts(db: Kysely<Database>, orgId: number, year: number): Promise<RequestReportCounts> {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const openAtEnd = (eb: ExpressionBuilder<Database, 'requests'>) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>', end)]);

  const received = await db
    .selectFrom('requests')
    .select((eb) => ['applicant_kind', eb.fn.countAll<number>().as('n'), eb.fn.countAll<number>().filterWhere(openAtEnd(eb)).as('open')])
    .where('org_id', '=', orgId)
    .where('received_on', '>=', start)
    .where('received_on', '<=', end)
    .groupBy('applicant_kind')
    .execute();

  const carried = await db
    .selectFrom('requests')
    .select((eb) => ['applicant_kind', eb.fn.countAll<number>().as('n'), eb.fn.countAll<number>().filterWhere(openAtEnd(eb)).as('open')])
    .where('org_id', '=', orgId)
    .where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>=', start)]))
    .where('received_on', '<', start)
    .groupBy('applicant_kind')
    .execute();

  const concluded = await db
    .selectFrom('requests')
    .select((eb) => ['applicant_kind', 'outcome', eb.fn.countAll<number>().as('n')])
    .where('org_id', '=', orgId)
    .where('closed_on', '>=', start)
    .where('closed_on', '<=', end)
    .where('received_on', 'is not', null)
    .groupBy(['applicant_kind', 'outcome'])
    .execute();

  // A decision after 31 December is not known at the end of the year: 尚未审结 for this year's report.
  const resultAtEnd = sql<AppealResult>`case when a.decided_on is null or a.decided_on > ${end}::date then 'pending' else a.result end`;
  // Grouped over a derived table: the same parameter twice would be two different expressions to PostgreSQL.
  const appeals = await db
    .selectFrom((qb) =>
      qb
        .selectFrom('request_appeals as a')
        .innerJoin('requests as r', 'r.id', 'a.request_id')
        .select(['a.kind', resultAtEnd.as('result')])
        .where('r.org_id', '=', orgId)
        .where('a.filed_on', '>=', start)
        .where('a.filed_on', '<=', end)
        .as('x'),
    )
    .select((eb) => ['x.kind', 'x.result', eb.fn.countAll<number>().as('n')])
    .groupBy(['x.kind', 'x.result'])
    .execute();

  const table3: Table3Count[] = [
    ...received.flatMap((r) => [
      { row: 'received', kind: r.applicant_kind, count: Number(r.n) },
      { row: 'carried_forward', kind: r.applicant_kind, count: Number(r.open) },
    ]),
    ...carried.flatMap((r) => [
      { row: 'carried_over', kind: r.applicant_kind, count: Number(r.n) },
      { row: 'carried_forward', kind: r.applicant_kind, count: Number(r.open) },
    ]),
    // A concluded request always has an outcome (migration 0004); one without would be refused by buildTable3.
    ...concluded.map((r) => ({ row: r.outcome ?? '(无办理结果)', kind: r.applicant_kind, count: Number(r.n) })),
  ];
  const table4: Table4Count[] = appeals.map((r) => ({ kind: r.kind, result: r.result, count: Number(r.n) }));
  return { table3, table4 };
}
