import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { parseConfig, type Config } from '../../src/config.js';
import { connectDatabase, type DatabaseHandle } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { seedReferenceData } from '../../src/db/seeds/reference-data.js';
import { seedDemo } from '../../src/db/seeds/demo.js';
import { sealerFor } from '../../src/platform/crypto/sealer.js';
import { fixedClock } from '../../src/platform/clock/clock.js';
import { localStorage } from '../../src/platform/files/storage.js';
import { cookieSecret } from '../../src/runtime.js';

export type DatabaseKind = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL too where TEST_DATABASE_URL is set (CI sets it). */
export function testDatabaseKinds(): DatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase {
  handle: DatabaseHandle;
  drop(): Promise<void>;
}

/**
 * An empty database of the given kind, not migrated: an in-memory PGlite (or one in `dataDir`), or
 * a new PostgreSQL database (C.UTF-8, so pg_trgm sees Chinese) that `drop` removes; for PostgreSQL
 * also its URL.
 */
export async function createEmptyDatabase(kind: DatabaseKind, dataDir: string | null = null): Promise<TestDatabase & { url: string | null }> {
  if (kind === 'pglite') {
    const handle = await connectDatabase({ dataDir });
    return { handle, url: null, drop: () => handle.close() };
  }
  const admin = process.env.TEST_DATABASE_URL!;
  const name = `gongkai_test_${randomBytes(6).toString('hex')}`;
  const run = async (q: string) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(q);
    await c.end();
  };
  await run(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const handle = await connectDatabase({ databaseUrl: url.toString() });
  return {
    handle,
    url: url.toString(),
    async drop() {
      await handle.close();
      await run(`drop database if exists ${name} with (force)`);
    },
  };
}

/** A fresh, migrated database of the given kind with the reference data, dropped afterwards. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  const database = await createEmptyDatabase(kind);
  await migrateToLatest(database.handle.db);
  await seedReferenceData(database.handle.db);
  return database;
}

export interface TestApp {
  app: FastifyInstance;
  db: DatabaseHandle['db'];
  kind: DatabaseKind;
  clock: ReturnType<typeof fixedClock>;
  config: Config;
  dataDir: string;
  close(): Promise<void>;
}

/** The whole application on a fresh database with the demo site group, at a fixed date. */
export async function buildTestApp(kind: DatabaseKind, opts: { now?: string; env?: Record<string, string> } = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gongkai-test-'));
  // No render budget: a test makes hundreds of uncached requests a minute from one address (the budget has its own tests).
  const config = parseConfig({ DATA_DIR: dataDir, CORPUS_PATH: 'none', LOG_LEVEL: 'silent', PAGE_CACHE_SECONDS: '0', PUBLIC_RENDER_RATE: '0', ...opts.env });
  const clock = fixedClock(opts.now ?? '2026-11-22T02:00:00Z');
  const database = await createTestDatabase(kind);
  const db = database.handle.db;
  const storage = localStorage(path.join(dataDir, 'files'));
  await seedDemo(db, clock, storage, config.validityTerms, sealerFor(config));
  const app = await buildApp({ config, db, clock, storage, cookieSecret: await cookieSecret(db) });
  await app.ready();
  return {
    app,
    db,
    kind,
    clock,
    config,
    dataDir,
    async close() {
      await app.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
