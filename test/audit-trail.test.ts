import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Migrator, sql, type Kysely, type Transaction } from 'kysely';
import { parseConfig } from '../src/config.js';
import { connectDatabase } from '../src/db/connect.js';
import { migrations } from '../src/db/migrations/index.js';
import type { Database } from '../src/db/schema.js';
import { recordEvent, verifyChain } from '../src/platform/audit/audit.js';
import { advanceAnchor, anchorPath, readAnchor } from '../src/platform/audit/anchor.js';
import { chainRowOf, GENESIS_HASH, hashEvent, sealEvent, type ChainRow } from '../src/platform/audit/chain-hash.js';
import { currentAuditKey, makeAuditKey, useAuditKey, type AuditKey } from '../src/platform/audit/key.js';
import { sealLegacyChain } from '../src/platform/audit/seal.js';
import { describeVerifyResult } from '../src/platform/audit/verify.js';
import { openRuntime } from '../src/runtime.js';
import { buildTestApp, createEmptyDatabase, createTestDatabase, testDatabaseKinds, type TestApp, type TestDatabase } from './helpers/test-app.js';
import { TestSession } from './helpers/session.js';

type Db = Kysely<Database> | Transaction<Database>;
const at = new Date('2026-11-22T02:00:00Z');

async function record(db: Kysely<Database>, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await db.transaction().execute((trx) =>
      recordEvent(trx, { actor: { id: 1, label: '测试员' }, action: 'document.update', entityType: 'document', entityId: i + 1, after: { title: `文件 ${i + 1}`, tags: ['甲', '乙'] }, at }),
    );
  }
}

class Rollback extends Error {}

/** Tampering as a database superuser would do it, inside a transaction that is then rolled back. */
async function tampered<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  let out: T | undefined;
  await db
    .transaction()
    .execute(async (trx) => {
      await sql`alter table audit_events disable trigger audit_events_no_change`.execute(trx);
      out = await work(trx);
      throw new Rollback();
    })
    .catch((err) => {
      if (!(err instanceof Rollback)) throw err;
    });
  return out as T;
}

/** Rewrites rows from `fromSeq` on so that each links to the one before and carries `hashOf`'s hash. */
async function rehashFrom(trx: Db, fromSeq: number, keyVersion: number, hashOf: (row: ChainRow) => string): Promise<void> {
  const rows = await trx.selectFrom('audit_events').selectAll().where('seq', '>=', fromSeq).orderBy('seq').execute();
  let prev = fromSeq === 1 ? GENESIS_HASH : (await trx.selectFrom('audit_events').select('hash').where('seq', '=', fromSeq - 1).executeTakeFirstOrThrow()).hash;
  for (const r of rows) {
    const hash = hashOf(chainRowOf({ ...r, prev_hash: prev }));
    await trx.updateTable('audit_events').set({ prev_hash: prev, hash, key_version: keyVersion }).where('seq', '=', r.seq).execute();
    prev = hash;
  }
}

async function appendForged(trx: Db, keyVersion: number, hashOf: (row: ChainRow) => string): Promise<number> {
  const last = await trx.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
  const row: ChainRow = { seq: last.seq + 1, occurred_at: at.toISOString(), actor_id: 1, actor_label: '测试员', org_id: null, action: 'document.publish', entity_type: 'document', entity_id: '99', before: null, after: { title: '伪造' }, ip: null, prev_hash: last.hash };
  await trx.insertInto('audit_events').values({ ...row, before: null, after: JSON.stringify(row.after), key_version: keyVersion, hash: hashOf(row) }).execute();
  return row.seq;
}


const migrator = (db: Kysely<any>) => new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableName: 'schema_migrations', migrationLockTableName: 'schema_migrations_lock' });

const problemsOf = async (db: Db, key: AuditKey, dataDir: string | null) => {
  const r = await verifyChain(db, { key, dataDir });
  assert.equal(r.ok, false, 'the tampering is detected');
  assert.match(describeVerifyResult(r), /^审计日志被篡改/);
  return r.problems.join('\n');
};

for (const kind of testDatabaseKinds()) {
  describe(`audit trail: tampering detected on ${kind}`, () => {
    let d: TestDatabase;
    let db: Kysely<Database>;
    let dataDir: string;
    const key = makeAuditKey(randomBytes(32));
    const wrongKey = makeAuditKey(randomBytes(32));
    before(async () => {
      useAuditKey(key);
      d = await createTestDatabase(kind);
      db = d.handle.db;
      dataDir = mkdtempSync(path.join(os.tmpdir(), 'gongkai-audit-'));
      await record(db, 12);
      const step = await advanceAnchor(db, { dataDir, key, now: () => at });
      assert.deepEqual([step.advanced, step.anchor?.seq, step.problems], [true, 12, []]);
    });
    after(async () => {
      await d.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    test('a clean chain verifies against its anchor; rows are keyed', async () => {
      const r = await verifyChain(db, { key, dataDir });
      assert.deepEqual([r.ok, r.count, r.headSeq, r.problems], [true, 12, 12, []]);
      assert.match(describeVerifyResult(r), /^审计日志完整：共 12 条记录/);
      assert.match(r.notes.join(), /与链头锚点一致（第 12 条/);
      const versions = await db.selectFrom('audit_events').select('key_version').distinct().execute();
      assert.deepEqual(versions.map((v) => v.key_version), [1]);
      // The same rows under another key do not verify: the hash is keyed, not a plain digest.
      assert.match(await problemsOf(db, wrongKey, null), /第 1 条记录的内容被改动或伪造（签名不符）/);
    });

    test('deleting the newest rows: the chain alone looks intact, the anchor shows it shortened', async () => {
      const [alone, anchored, step] = await tampered(db, async (trx) => {
        await trx.deleteFrom('audit_events').where('seq', '>', 9).execute();
        return [await verifyChain(trx, { key }), await verifyChain(trx, { key, dataDir }), await advanceAnchor(trx, { dataDir, key, now: () => at })] as const;
      });
      assert.equal(alone.ok, true, 'what the anchor is for: a cut tail leaves a valid chain');
      assert.equal(anchored.ok, false);
      assert.match(anchored.problems.join(), /审计日志被截短：链头锚点记录到第 12 条（.+），数据库中只到第 9 条/);
      assert.equal(step.advanced, false);
      const kept = readAnchor(dataDir, key);
      assert.equal(kept.kind === 'ok' ? kept.anchor.seq : null, 12, 'the anchor never moves back');
    });

    test('TRUNCATE is refused; emptying the table as a superuser (triggers disabled) is reported as emptied', async () => {
      await assert.rejects(sql`truncate audit_events`.execute(db), /append-only/);
      assert.equal((await verifyChain(db, { key })).count, 12);
      const truncated = await tampered(db, async (trx) => {
        await sql`alter table audit_events disable trigger audit_events_no_truncate`.execute(trx);
        await sql`truncate audit_events`.execute(trx);
        return problemsOf(trx, key, dataDir);
      });
      assert.match(truncated, /审计日志被清空：链头锚点记录到第 12 条（.+），数据库中已没有任何记录/);
      const deleted = await tampered(db, async (trx) => {
        await trx.deleteFrom('audit_events').execute();
        return problemsOf(trx, key, dataDir);
      });
      assert.match(deleted, /审计日志被清空/);
    });

    test('an edited row re-hashed with plain sha256 fails its signature and the anchor', async () => {
      const asKeyed = await tampered(db, async (trx) => {
        await sql`update audit_events set after = '{"title":"篡改"}' where seq = 5`.execute(trx);
        await rehashFrom(trx, 5, 1, hashEvent);
        return problemsOf(trx, key, dataDir);
      });
      assert.match(asKeyed, /第 5 条记录的内容被改动或伪造（签名不符）/);
      assert.match(asKeyed, /第 12 条记录的哈希与链头锚点不符/);
      assert.doesNotMatch(asKeyed, /链接不符/, 'the links were rebuilt; only the key gives it away');
      // Marked as an old unkeyed row, with a sha256 that matches: unkeyed rows cannot follow keyed ones.
      const asLegacy = await tampered(db, async (trx) => {
        await sql`update audit_events set after = '{"title":"篡改"}' where seq = 5`.execute(trx);
        await rehashFrom(trx, 5, 0, hashEvent);
        return problemsOf(trx, key, dataDir);
      });
      assert.match(asLegacy, /第 5 条记录没有密钥签名，却排在已用审计密钥签名的记录之后/);
      // The whole chain re-hashed as unkeyed: nothing signed is left.
      const whole = await tampered(db, async (trx) => {
        await rehashFrom(trx, 1, 0, hashEvent);
        return problemsOf(trx, key, dataDir);
      });
      assert.match(whole, /第 1–12 条记录尚未用审计密钥封存/);
      assert.match(whole, /第 12 条记录的哈希与链头锚点不符/);
    });

    test('an edited row re-hashed with a wrong key fails its signature and the anchor', async () => {
      const problems = await tampered(db, async (trx) => {
        await sql`update audit_events set actor_label = '别人' where seq = 7`.execute(trx);
        await rehashFrom(trx, 7, 1, (row) => sealEvent(row, wrongKey));
        return problemsOf(trx, key, dataDir);
      });
      assert.match(problems, /第 7 条记录的内容被改动或伪造（签名不符）/);
      assert.doesNotMatch(problems, /第 6 条/, 'the rows before it stand');
      assert.match(problems, /第 12 条记录的哈希与链头锚点不符/);
    });

    test('a forged row appended with a correct-looking hash fails; the anchor does not move over it', async () => {
      for (const [version, hashOf, expected] of [
        [1, hashEvent, /第 13 条记录的内容被改动或伪造（签名不符）/],
        [1, (row: ChainRow) => sealEvent(row, wrongKey), /第 13 条记录的内容被改动或伪造（签名不符）/],
        [0, hashEvent, /第 13 条记录没有密钥签名/],
        [2, hashEvent, /第 13 条记录的签名版本 2 无法识别/],
      ] as const) {
        const [problems, step] = await tampered(db, async (trx) => {
          await appendForged(trx, version, hashOf);
          return [await problemsOf(trx, key, dataDir), await advanceAnchor(trx, { dataDir, key, now: () => at })] as const;
        });
        assert.match(problems, expected);
        assert.equal(step.advanced, false, 'a forged row is never anchored');
        assert.match(step.problems.join(), expected);
      }
    });

    test('the anchor file itself: edited, or written under another key, is refused', async () => {
      const file = anchorPath(dataDir);
      const original = readFileSync(file, 'utf8');
      try {
        writeFileSync(file, original.replace('"seq": 12', '"seq": 9'));
        assert.match(await problemsOf(db, key, dataDir), /链头锚点文件 .+ 的签名无效/);
        const edited = await advanceAnchor(db, { dataDir, key, now: () => at });
        assert.equal(edited.advanced, false, 'a tampered anchor is kept as evidence, not overwritten');
        writeFileSync(file, original);
        assert.match(await problemsOf(db, wrongKey, dataDir), /链头锚点是用另一把审计密钥写的/);
        writeFileSync(file, '{');
        assert.match(await problemsOf(db, key, dataDir), /无法解析/);
      } finally {
        writeFileSync(file, original);
      }
      assert.equal((await verifyChain(db, { key, dataDir })).ok, true);
    });

    test('new committed rows: verified by signature, noted as not yet anchored, then anchored', async () => {
      await record(db, 2);
      const r = await verifyChain(db, { key, dataDir });
      assert.equal(r.ok, true, r.problems.join());
      assert.match(r.notes.join(), /链头锚点记录到第 12 条（.+），其后 2 条记录尚未锚定/);
      if (kind === 'postgres') {
        // Only committed rows are anchored: a row inside an open transaction is not seen.
        await db.transaction().execute(async (trx) => {
          await recordEvent(trx, { actor: { id: 1, label: '测试员' }, action: 'document.update', entityType: 'document', entityId: 1, at });
          const step = await advanceAnchor(db, { dataDir, key, now: () => at });
          assert.equal(step.anchor?.seq, 14);
        });
      }
      const step = await advanceAnchor(db, { dataDir, key, now: () => at });
      assert.equal(step.anchor?.seq, kind === 'postgres' ? 15 : 14);
      assert.match((await verifyChain(db, { key, dataDir })).notes.join(), /与链头锚点一致/);
    });
  });

  describe(`audit trail: upgrading an unkeyed chain on ${kind}`, () => {
    const key = makeAuditKey(randomBytes(32));
    let dataDir: string;
    before(() => {
      useAuditKey(key);
      dataDir = mkdtempSync(path.join(os.tmpdir(), 'gongkai-audit-'));
    });
    after(() => rmSync(dataDir, { recursive: true, force: true }));

    /** A database as the version before migration 0014 left it: six rows hashed with plain sha256. */
    async function legacyDatabase(tamper?: (db: Kysely<any>) => Promise<void>) {
      const d = await createEmptyDatabase(kind);
      const db = d.handle.db as unknown as Kysely<any>;
      assert.equal((await migrator(db).migrateTo('0013-audit-no-truncate')).error, undefined);
      let prev = GENESIS_HASH;
      for (let seq = 1; seq <= 6; seq++) {
        const row: ChainRow = { seq, occurred_at: new Date(Date.UTC(2025, 0, seq)).toISOString(), actor_id: null, actor_label: '旧版本', org_id: null, action: 'document.create', entity_type: 'document', entity_id: String(seq), before: null, after: { title: `旧文件 ${seq}` }, ip: null, prev_hash: prev };
        prev = hashEvent(row);
        await db.insertInto('audit_events').values({ ...row, after: JSON.stringify(row.after), hash: prev }).execute();
      }
      if (tamper) await tamper(db);
      assert.equal((await migrator(db).migrateToLatest()).error, undefined);
      return { d, db: d.handle.db };
    }

    test('an intact old chain is checked and sealed once by one signed event; nothing unkeyed is accepted after it', async () => {
      const { d, db } = await legacyDatabase();
      try {
        const before = await problemsOf(db, key, null);
        assert.match(before, /第 1–6 条记录尚未用审计密钥封存/, 'an unsealed chain is not passed as intact');
        assert.deepEqual(await sealLegacyChain(db, at), { sealed: true, legacyRows: 6, problems: [] });
        assert.equal((await sealLegacyChain(db, at)).sealed, false, 'sealed once');
        const seal = await db.selectFrom('audit_events').selectAll().where('seq', '=', 7).executeTakeFirstOrThrow();
        assert.equal(seal.action, 'audit.chain_sealed');
        assert.equal(seal.key_version, 1);
        const sixth = await db.selectFrom('audit_events').select('hash').where('seq', '=', 6).executeTakeFirstOrThrow();
        assert.deepEqual(seal.after, { legacyRows: 6, legacyHeadSeq: 6, legacyHeadHash: sixth.hash, verified: true, problems: [], keyId: key.id });
        assert.equal(seal.prev_hash, sixth.hash, 'the signed seal links to the old head');
        const old = await db.selectFrom('audit_events').select('key_version').where('seq', '<=', 6).execute();
        assert.ok(old.every((r) => r.key_version === 0), 'the old rows are not rewritten');
        await record(db, 1);
        assert.equal((await advanceAnchor(db, { dataDir, key, now: () => at })).anchor?.seq, 8);
        const r = await verifyChain(db, { key, dataDir });
        assert.deepEqual([r.ok, r.count, r.problems], [true, 8, []]);

        // An old version still writing rows without saying how they are hashed is refused.
        await assert.rejects(
          (db as unknown as Kysely<any>).insertInto('audit_events').values({ seq: 9, occurred_at: at, actor_label: '旧版本', action: 'document.create', entity_type: 'document', entity_id: '9', prev_hash: r.headHash, hash: 'x' }).execute(),
          /key_version/,
        );
        // An old row edited, and the old part re-hashed: the signed seal no longer links to it.
        const edited = await tampered(db, async (trx) => {
          await sql`update audit_events set after = '{"title":"篡改"}' where seq = 3`.execute(trx);
          let prev = (await trx.selectFrom('audit_events').select('hash').where('seq', '=', 2).executeTakeFirstOrThrow()).hash;
          for (const row of await trx.selectFrom('audit_events').selectAll().where('seq', '>=', 3).where('seq', '<=', 6).orderBy('seq').execute()) {
            const hash = hashEvent(chainRowOf({ ...row, prev_hash: prev }));
            await trx.updateTable('audit_events').set({ prev_hash: prev, hash }).where('seq', '=', row.seq).execute();
            prev = hash;
          }
          return problemsOf(trx, key, dataDir);
        });
        assert.match(edited, /第 7 条记录与前一条的链接不符/);
        // Re-linking the seal too breaks its signature.
        const relinked = await tampered(db, async (trx) => {
          await sql`update audit_events set after = '{"title":"篡改"}' where seq = 3`.execute(trx);
          await rehashFrom(trx, 3, 0, hashEvent);
          await rehashFrom(trx, 7, 1, hashEvent);
          return problemsOf(trx, key, dataDir);
        });
        assert.match(relinked, /第 7 条记录的内容被改动或伪造（签名不符）/);
        // A forged unkeyed row after the seal, with a correct sha256.
        const forged = await tampered(db, async (trx) => {
          await appendForged(trx, 0, hashEvent);
          return problemsOf(trx, key, dataDir);
        });
        assert.match(forged, /第 9 条记录没有密钥签名，却排在已用审计密钥签名的记录之后/);
      } finally {
        await d.drop();
      }
    });

    test('an old chain already broken is sealed with what was found; verification keeps reporting it; new rows are still anchored', async () => {
      const { d, db } = await legacyDatabase(async (old) => {
        await sql`alter table audit_events disable trigger audit_events_no_change`.execute(old);
        await sql`delete from audit_events where seq = 3`.execute(old);
        await sql`alter table audit_events enable trigger audit_events_no_change`.execute(old);
      });
      const dir = mkdtempSync(path.join(os.tmpdir(), 'gongkai-audit-'));
      try {
        const seal = await sealLegacyChain(db, at);
        assert.equal(seal.sealed, true);
        assert.match(seal.problems.join(), /第 3–3 条记录缺失/);
        const event = await db.selectFrom('audit_events').select('after').where('action', '=', 'audit.chain_sealed').executeTakeFirstOrThrow();
        assert.equal((event.after as { verified: boolean }).verified, false, 'the seal records that the old chain was broken');
        await record(db, 2);
        const step = await advanceAnchor(db, { dataDir: dir, key, now: () => at });
        assert.equal(step.anchor?.seq, 9, 'keyed rows after the old damage are anchored');
        const problems = await problemsOf(db, key, dir);
        assert.match(problems, /第 3–3 条记录缺失/);
        assert.doesNotMatch(problems, /第 [7-9] 条/);
      } finally {
        await d.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

function runCli(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { DATABASE_URL: _ignored, ...base } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'audit', 'verify'], { env: { ...base, CORPUS_PATH: 'none', LOG_LEVEL: 'silent', NODE_ENV: 'test', ...env }, cwd: path.resolve(import.meta.dirname, '..') });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

for (const kind of testDatabaseKinds()) {
  describe(`gongkai audit verify and the back office on ${kind}`, () => {
    test('the command passes a clean chain and exits non-zero on a shortened one, against the anchor the runtime wrote', async () => {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gongkai-audit-cli-'));
      const d = kind === 'postgres' ? await createEmptyDatabase(kind) : null;
      if (d) await d.handle.close();
      const env: Record<string, string> = { DATA_DIR: dataDir, ...(d?.url ? { DATABASE_URL: d.url } : {}) };
      try {
        const rt = await openRuntime(parseConfig({ ...env, CORPUS_PATH: 'none', LOG_LEVEL: 'silent' }));
        await record(rt.db, 5);
        await rt.handle.close(); // the last anchoring round runs on close
        const anchor = JSON.parse(readFileSync(anchorPath(dataDir), 'utf8')) as { seq: number };
        assert.equal(anchor.seq, 5);

        const clean = await runCli(env);
        assert.equal(clean.code, 0, clean.stderr);
        assert.match(clean.stdout, /审计日志完整：共 5 条记录/);
        assert.match(clean.stdout, /与链头锚点一致（第 5 条/);

        const h = await connectDatabase(d?.url ? { databaseUrl: d.url } : { dataDir });
        await sql`alter table audit_events disable trigger audit_events_no_change`.execute(h.db);
        await sql`delete from audit_events where seq > 3`.execute(h.db);
        await sql`alter table audit_events enable trigger audit_events_no_change`.execute(h.db);
        await h.close();
        const cut = await runCli(env);
        assert.equal(cut.code, 1);
        assert.match(cut.stderr, /审计日志被篡改（共 3 条记录）/);
        assert.match(cut.stderr, /审计日志被截短：链头锚点记录到第 5 条/);
        assert.equal((JSON.parse(readFileSync(anchorPath(dataDir), 'utf8')) as { seq: number }).seq, 5, 'the check leaves the anchor alone');
      } finally {
        if (d) await d.drop().catch(() => undefined);
        rmSync(dataDir, { recursive: true, force: true });
      }
    });

    describe('the back-office check', () => {
      let t: TestApp;
      before(async () => {
        useAuditKey(makeAuditKey(randomBytes(32)));
        t = await buildTestApp(kind);
      });
      after(() => t.close());

      test('reports a chain that lost its newest rows, in Chinese', async () => {
        const admin = new TestSession(t.app);
        await admin.login('admin');
        await advanceAnchor(t.db, { dataDir: t.dataDir, key: currentAuditKey(), now: () => at });
        assert.match((await admin.get('/admin/audit?verify=1')).body, /哈希链完整/);
        const head = (await verifyChain(t.db)).headSeq;
        await sql`alter table audit_events disable trigger audit_events_no_change`.execute(t.db);
        await sql`delete from audit_events where seq >= ${head - 1}`.execute(t.db);
        await sql`alter table audit_events enable trigger audit_events_no_change`.execute(t.db);
        const page = (await admin.get('/admin/audit?verify=1')).body;
        assert.match(page, /哈希链校验失败：审计日志被截短：链头锚点记录到第 \d+ 条/);
      });
    });
  });
}
