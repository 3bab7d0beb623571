import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { lockDataDir } from './data-dir-lock.js';

// int8 (counts, ids) as numbers: every id and count we use stays far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
// `date` stays a 'YYYY-MM-DD' string: a JS Date would shift it by the process time zone.
pg.types.setTypeParser(1082, (v) => v);

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** Closes the pool, and for the embedded engine stops the worker and releases the lock. */
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** postgres://… to use a PostgreSQL server; otherwise the embedded engine. */
  databaseUrl?: string | null;
  /** Data directory of the embedded engine; null keeps it in memory (tests). */
  dataDir?: string | null;
}

export async function connectDatabase(opts: ConnectOptions): Promise<DatabaseHandle> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    // An idle connection the server closes (a restart, a failover, an administrator) is dropped from
    // the pool and replaced on next use; unhandled, its error would stop the process.
    pool.on('error', (err) => process.stderr.write(`数据库连接中断，已从连接池移除：${err.message}\n`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  return connectEmbedded(opts.dataDir ?? null);
}

async function connectEmbedded(dataDir: string | null): Promise<DatabaseHandle> {
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  const socketDir = mkdtempSync(path.join(os.tmpdir(), 'gongkai-pg-'));
  const socketPath = path.join(socketDir, '.s.PGSQL.5432');
  const worker = new Worker(new URL('./pglite-worker.js', import.meta.url), {
    workerData: { dataDir: dataDir ? path.join(dataDir, 'pg') : null, socketPath },
  });
  try {
    await waitFor(worker, 'ready');
  } catch (err) {
    await worker.terminate();
    unlock();
    rmSync(socketDir, { recursive: true, force: true });
    throw err;
  }
  // The embedded server accepts one connection; queries queue in the pool, not in PGlite.
  const pool = new pg.Pool({ host: socketDir, port: 5432, user: 'postgres', database: 'postgres', max: 1 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    kind: 'pglite',
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      worker.postMessage({ type: 'stop' });
      await waitFor(worker, 'stopped').catch(() => undefined);
      await worker.terminate();
      rmSync(socketDir, { recursive: true, force: true });
      unlock();
    },
  };
}

function waitFor(worker: Worker, type: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (msg: { type: string; message?: string }) => {
      if (msg.type === type) {
        cleanup();
        resolve();
      } else if (msg.type === 'error') {
        cleanup();
        reject(new Error(`内嵌数据库启动失败：${msg.message}`));
      }
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`内嵌数据库线程意外退出（${code}）`));
    };
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}
