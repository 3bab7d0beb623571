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
