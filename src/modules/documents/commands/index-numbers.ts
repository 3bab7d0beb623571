import { sql, type Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { renderIndexNumber, serialScopeKey } from '../../organizations/public.js';

/**
 * The next 索引号 of an organization. The counter row is upserted and locked in the caller's
 * transaction, so concurrent saves (even on several app instances) never share a serial.
 */
export async function allocateIndexNumber(
  trx: Transaction<Database>,
  a: { orgId: number; orgCode: string; template: string; date: string },
): Promise<string> {
  const scope = serialScopeKey(a.template, { orgCode: a.orgCode, date: a.date });
  const row = await sql<{ last_serial: number }>`
    insert into index_counters (org_id, scope_key, last_serial) values (${a.orgId}, ${scope}, 1)
    on conflict (org_id, scope_key) do update set last_serial = index_counters.last_serial + 1
    returning last_serial`.execute(trx);
  return renderIndexNumber(a.template, { orgCode: a.orgCode, date: a.date, serial: row.rows[0]!.last_serial });
}

/**
 * The 索引号 an item carries from its first publication: the one it already has (imported, or kept
 * from an earlier publication), or the organization's next, dated by the publication.
 */
export async function indexNumberAtFirstPublication(
  trx: Transaction<Database>,
  row: { org_id: number; index_no?: unknown },
  publishedOn: string,
): Promise<string> {
  if (typeof row.index_no === 'string' && row.index_no) return row.index_no;
  const org = await trx.selectFrom('organizations').select(['code', 'index_template']).where('id', '=', row.org_id).executeTakeFirstOrThrow();
  return allocateIndexNumber(trx, { orgId: row.org_id, orgCode: org.code, template: org.index_template, date: publishedOn });
}
