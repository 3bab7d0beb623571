import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AUDIT_LOCK_KEY, recordEvent } from './audit.js';
import { currentAuditKey } from './key.js';
import { GENESIS, walkChain } from './walk.js';

export interface SealResult {
  sealed: boolean;
  /** Unkeyed rows the seal covers. */
  legacyRows: number;
  /** What was wrong with them when sealed (they are checked again by every verification). */
  problems: string[];
}

/**
 * The upgrade of an installation whose audit rows were hashed with plain sha256 (before migration
 * 0014). It checks the old chain, then appends one keyed event, `audit.chain_sealed`, whose signed
 * prev_hash is the old head: as sha256 links every old row into that head, no old row can change
 * any more without breaking a signature. Nothing is rewritten, and what the check found is recorded
 * in the event. Runs at start-up (the key is not available to migrations), under the audit lock so
 * that several instances starting together seal once. A chain that already has a keyed row is never
 * sealed again: unkeyed rows after it are forgeries, reported by verification, not blessed here.
 */
export async function sealLegacyChain(db: Kysely<Database>, now: Date): Promise<SealResult> {
  const key = currentAuditKey();
  const needed = async (q: Kysely<Database>) => {
    const keyed = await q.selectFrom('audit_events').select('seq').where('key_version', '>', 0).limit(1).executeTakeFirst();
    const any = await q.selectFrom('audit_events').select('seq').limit(1).executeTakeFirst();
    return !keyed && !!any;
  };
  if (!(await needed(db))) return { sealed: false, legacyRows: 0, problems: [] };
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
    if (!(await needed(trx))) return { sealed: false, legacyRows: 0, problems: [] };
    const walk = await walkChain(trx, key, GENESIS);
    await recordEvent(trx, {
      actor: { id: null, label: '系统（升级）' },
      action: 'audit.chain_sealed',
      entityType: 'audit_events',
      entityId: walk.head.seq,
      after: { legacyRows: walk.count, legacyHeadSeq: walk.head.seq, legacyHeadHash: walk.head.hash, verified: walk.problems.length === 0, problems: walk.problems.slice(0, 20), keyId: key.id },
      at: now,
    });
    return { sealed: true, legacyRows: walk.count, problems: walk.problems };
  });
}
