import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation.js';
import * as m0002 from './0002-review.js';
import * as m0003 from './0003-search-sample.js';
import * as m0004 from './0004-requests.js';

/** Every migration in order. Migrations only move forward and never change once shipped. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-review': m0002,
  '0003-search-sample': m0003,
  '0004-requests': m0004,
};
