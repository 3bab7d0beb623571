import { registerContent } from './content-kinds.js';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import { connectDatabase, type DatabaseHandle } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import type { Database } from './db/schema.js';
import { seedReferenceData } from './db/seeds/reference-data.js';
import { startedClock, systemClock, type Clock } from './platform/clock/clock.js';
import { startAnchoring, type AnchorLoop } from './platform/audit/anchor-loop.js';
import { auditKeyFor, useAuditKey } from './platform/audit/key.js';
import { sealLegacyChain } from './platform/audit/seal.js';
import { localStorage, type FileStorage } from './platform/files/storage.js';

/** Everything a command-line action or the server needs, opened once. */
export interface Runtime {
  config: Config;
  handle: DatabaseHandle;
  db: Kysely<Database>;
  clock: Clock;
  storage: FileStorage;
}

/**
 * Opens the database, migrates it, and sets up the audit trail (ADR 0018): this process's audit key,
 * the seal of a chain written before it was keyed, and — unless `anchor: false` (a read-only check) —
 * the anchoring of the chain's head in the data directory, which `handle.close()` stops after a last round.
 */
export async function openRuntime(config: Config, opts: { migrate?: boolean; clock?: Clock; anchor?: boolean } = {}): Promise<Runtime> {
  registerContent();
  const clock = opts.clock ?? (config.clockStart ? startedClock(config.clockStart) : systemClock);
  const key = auditKeyFor(config);
  useAuditKey(key);
  const handle = await connectDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? null : config.dataDir });
  let loop: AnchorLoop | null = null;
  try {
    if (opts.migrate !== false) {
      await migrateToLatest(handle.db);
      await seedReferenceData(handle.db);
      const seal = await sealLegacyChain(handle.db, clock.now());
      if (seal.sealed) {
        const found = seal.problems.length ? `；封存前校验发现问题（已记入封存事件）：\n${seal.problems.map((p) => `  - ${p}`).join('\n')}` : '，封存前校验完整';
        console.log(`已用审计密钥封存原有的 ${seal.legacyRows} 条审计记录${found}`);
      }
    }
    if (opts.anchor !== false) {
      loop = startAnchoring(handle.db, { dataDir: config.dataDir, key, now: () => clock.now(), sinkUrl: config.auditAnchorUrl }, (problems) =>
        process.stderr.write(`审计日志校验发现问题，链头锚点不再前进（请运行 gongkai audit verify 查看）：\n${problems.map((p) => `  - ${p}`).join('\n')}\n`),
      );
    }
  } catch (err) {
    await handle.close();
    throw err;
  }
  const close = async () => {
    const l = loop;
    loop = null;
    if (l) await l.stop().catch((err: Error) => process.stderr.write(`审计链头锚定失败：${err.message}\n`));
    await handle.close();
  };
  return { config, handle: { ...handle, close }, db: handle.db, clock, storage: localStorage(path.join(config.dataDir, 'files')) };
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
