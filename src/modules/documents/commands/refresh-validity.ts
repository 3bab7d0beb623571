import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { recordEvent } from '../../../platform/audit/audit.js';
import type { Clock } from '../../../platform/clock/clock.js';
import { refreshDocumentValidity } from './document-state.js';

/**
 * The daily pass that lets dates do their work: documents whose derived validity may change today
 * (coming into force, reaching the end of their term, a dated repeal) are derived again.
 */
export async function refreshDueValidity(db: Kysely<Database>, clock: Clock): Promise<number> {
  const today = clock.today();
  const due = await db.selectFrom('documents').select(['id', 'org_id']).where('validity_next_change_on', '<=', today).execute();
  let changed = 0;
  for (const d of due) {
    await db.transaction().execute(async (trx) => {
      const r = await refreshDocumentValidity(trx, d.id, today);
      if (!r.changed) return;
      changed++;
      await recordEvent(trx, { actor: { id: null, label: '系统（有效性每日更新）' }, action: 'document.validity_refresh', entityType: 'document', entityId: d.id, orgId: d.org_id, after: { validity: r.validity, on: today }, at: clock.now() });
    });
  }
  return changed;
}
