import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import { connectDatabase, type DatabaseHandle } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import type { Database } from './db/schema.js';
import { seedReferenceData } from './db/seeds/reference-data.js';
import { systemClock, type Clock } from './platform/clock/clock.js';
import { localStorage, type FileStorage } from './platform/files/storage.js';

/** Everything a command-line action or the server needs, opened once. */
export interface Runtime {
  config: Config;
  handle: DatabaseHandle;
  db: Kysely<Database>;
  clock: Clock;
  storage: FileStorage;
}

export async function openRuntime(config: Config, opts: { migrate?: boolean; clock?: Clock } = {}): Promise<Runtime> {
  const handle = await connectDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? null : config.dataDir });
  try {
    if (opts.migrate !== false) {
      await migrateToLatest(handle.db);
      await seedReferenceData(handle.db);
    }
  } catch (err) {
    await handle.close();
    throw err;
  }
  return { config, handle, db: handle.db, clock: opts.clock ?? systemClock, storage: localStorage(path.join(config.dataDir, 'files')) };
}

/** The cookie-signing secret, made once and kept in the database so every instance shares it. */
export async function cookieSecret(db: Kysely<Database>): Promise<string> {
  await db.insertInto('settings').values({ key: 'cookie_secret', value: randomBytes(32).toString('base64url') }).onConflict((oc) => oc.column('key').doNothing()).execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'cookie_secret').executeTakeFirstOrThrow();
  return row.value;
}

export async function isEmpty(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('organizations').select('id').limit(1).executeTakeFirst();
  return !row;
}
