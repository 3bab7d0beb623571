// @ts-check
/**
 * Runs PGlite and its PostgreSQL wire-protocol server on a worker thread, so that queries
 * (which PGlite executes synchronously on the thread that calls it) never stall the HTTP
 * event loop. The main thread talks to it over a Unix socket with the ordinary `pg` driver:
 * the same driver, dialect and type parsing as production PostgreSQL.
 * Plain JavaScript so that the worker needs no TypeScript loader.
 */
import { mkdirSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** @type {{ dataDir: string | null, socketPath: string }} */
const input = workerData;
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);

async function start() {
  if (input.dataDir) mkdirSync(input.dataDir, { recursive: true });
  const db = await PGlite.create(input.dataDir ?? undefined, { extensions: { pg_trgm } });
  const server = new PGLiteSocketServer({ db, path: input.socketPath, maxConnections: 1 });
  await server.start();
  port.postMessage({ type: 'ready' });
  port.on('message', async (/** @type {{type: string}} */ msg) => {
    if (msg.type !== 'stop') return;
    await server.stop();
    await db.close();
    port.postMessage({ type: 'stopped' });
  });
}

start().catch((err) => {
  port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
});
