import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuditActor } from '../audit/audit.js';
import type { Clock } from '../clock/clock.js';

/**
 * What every command receives: the database, the clock and who is acting. A command runs in one
 * transaction that checks permission and state, writes, and records its audit event
 * (rules of the house §2).
 */
export interface CommandContext {
  db: Kysely<Database>;
  clock: Clock;
  actor: AuditActor;
}

export function inTransaction<T>(ctx: CommandContext, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return ctx.db.transaction().execute(work);
}
