import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Clock } from '../../platform/clock/clock.js';
import type { Sealer } from '../../platform/crypto/sealer.js';
import type { JobHandler } from '../../platform/jobs/runner.js';

/** Background work of this module, by job name. */
export function askJobHandlers(_db: Kysely<Database>, _clock: Clock, _sealer: Sealer): Record<string, JobHandler> {
  return {};
}
