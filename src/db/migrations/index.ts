import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation.js';
import * as m0002 from './0002-review.js';

/** Every migration in order. Migrations only move forward and never change once shipped. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-review': m0002,
};
