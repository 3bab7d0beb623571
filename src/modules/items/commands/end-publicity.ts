import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { recordEvent } from '../../../platform/audit/audit.js';
import type { Clock } from '../../../platform/clock/clock.js';
import { announceChange } from '../../../platform/content/registry.js';
import { PUBLICITY } from '../domain/categories.js';

const SYSTEM = { id: null, label: '系统（公示期满撤下）' };

/**
 * Takes down every published 公示 whose period ended before `clock.today()` (China date; the end
 * day itself is still in the period) and that was to be removed when it ends: `taken_down_at` takes
 * it off every public list (the kind's public condition), its page keeps only a short notice, and
 * the listeners hear it as withdrawn. Kept notices stay, marked 公示期已结束 by their page. Each item
 * is its own transaction with its audit event; a rerun (or a second instance) finds nothing left.
 * Returns how many were taken down.
 */
export async function takeDownEndedPublicity(db: Kysely<Database>, clock: Clock): Promise<number> {
  const today = clock.today();
  const due = await db
    .selectFrom('info_items')
    .select('id')
    .where('category', '=', PUBLICITY)
    .where('status', '=', 'published')
    .where('after_period', '=', 'remove')
    .where('taken_down_at', 'is', null)
    .where('publicity_end', '<', today)
    .orderBy('id')
    .execute();
  let n = 0;
  for (const { id } of due) {
    const done = await db.transaction().execute(async (trx) => {
      const now = clock.now();
      const r = await trx
        .updateTable('info_items')
        .set({ taken_down_at: now })
        .where('id', '=', id)
        .where('status', '=', 'published')
        .where('taken_down_at', 'is', null)
        .where(sql<boolean>`publicity_end < ${today}`)
        .returning(['org_id', 'publicity_end'])
        .executeTakeFirst();
      if (!r) return false;
      await recordEvent(trx, { actor: SYSTEM, action: 'info.take_down', entityType: 'info', entityId: id, orgId: r.org_id, after: { publicity_end: r.publicity_end, taken_down_at: now.toISOString() }, at: now });
      await announceChange(trx, { db, clock, actor: SYSTEM }, { type: 'info', id, event: 'withdrawn' });
      return true;
    });
    if (done) n++;
  }
  return n;
}
