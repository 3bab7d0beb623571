import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Clock } from '../../platform/clock/clock.js';
import type { Sealer } from '../../platform/crypto/sealer.js';
import { scheduleJob, type JobHandler } from '../../platform/jobs/runner.js';
import { buildMissingClauses } from './commands/build-clauses.js';

/** The clause catch-up job: after a corpus import, and every ten minutes for anything missed. */
export const CLAUSES_JOB = 'ask-clauses';
const EVERY_MS = 10 * 60 * 1000;

/** Queues the clause catch-up now (the importers call this: importing stays as fast as before). */
export function scheduleClauseCatchUp(db: Kysely<Database>, now: Date): Promise<void> {
  return scheduleJob(db, CLAUSES_JOB, now, { uniqueKey: CLAUSES_JOB });
}

/** Background work of this module, by job name. */
export function askJobHandlers(db: Kysely<Database>, clock: Clock, _sealer: Sealer): Record<string, JobHandler> {
  return {
    [CLAUSES_JOB]: { run: async () => void (await buildMissingClauses(db)), next: (now) => new Date(now.getTime() + EVERY_MS) },
  };
}
