import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Clock } from '../../platform/clock/clock.js';
import { nextChinaMidnight, type JobHandler } from '../../platform/jobs/runner.js';
import { takeDownEndedPublicity } from './commands/end-publicity.js';

export const PUBLICITY_JOB = 'end-publicity-periods';

/** Daily at China midnight: 公示 whose period has ended and that are to be taken down leave the portal. */
export function itemJobHandlers(db: Kysely<Database>, clock: Clock, onChanged: () => void): Record<string, JobHandler> {
  return {
    [PUBLICITY_JOB]: {
      async run() {
        if ((await takeDownEndedPublicity(db, clock)) > 0) onChanged();
      },
      next: nextChinaMidnight,
    },
  };
}
