import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { Clock } from '../../platform/clock/clock.js';
import type { Sealer } from '../../platform/crypto/sealer.js';
import type { Actor } from '../../platform/auth/sessions.js';

/** The demo site group's part for this capability (filled in by its module). */
export async function seedDemoAsk(_db: Kysely<Database>, _clock: Clock, _sealer: Sealer, _demo: { orgIds: Map<string, number>; actors: Map<string, Actor>; docIds: Map<string, number> }): Promise<void> {}
