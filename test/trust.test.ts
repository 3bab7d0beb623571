import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { sql } from 'kysely';
import { verifyChain } from '../src/platform/audit/audit.js';
import { connectDatabase } from '../src/db/connect.js';
import { parseConfig, ConfigError } from '../src/config.js';
import { importPolicyDocs } from '../src/modules/documents/commands/import-policy-docs.js';
import { refreshDueValidity } from '../src/modules/documents/commands/refresh-validity.js';
import { runDueJobs, scheduleJob } from '../src/platform/jobs/runner.js';
import { buildTestApp, testDatabaseKinds, type TestApp } from './helpers/test-app.js';
import { TestSession } from './helpers/session.js';

for (const kind of testDatabaseKinds()) {
  describe(`trust and operations on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());
    // A minute between tests keeps each under the login rate limit (its own test fills it on purpose).
    beforeEach(() => t.clock.set(new Date(t.clock.now().getTime() + 61_000)));

    test('login works, a wrong password is refused without saying which part was wrong, and logout ends the session', async () => {
      const s = new TestSession(t.app);
      assert.equal((await s.get('/admin')).statusCode, 303, 'anonymous visitors are sent to the login page');
      const wrong = await s.login('city.drafter', 'not-the-password');
      assert.equal(wrong.statusCode, 401);
      assert.match(wrong.body, /用户名或密码不正确/);
      const unknown = await s.login('nobody', 'whatever');
      assert.match(unknown.body, /用户名或密码不正确/);
      const ok = await s.login('city.drafter');
      assert.equal(ok.statusCode, 303);
      assert.equal((await s.get('/admin')).statusCode, 200);
      const session = await t.db.selectFrom('sessions').select('id').execute();
      assert.ok(session.every((r) => r.id.length === 64), 'only token hashes are stored');
      await s.post('/admin/logout', {});
      assert.equal((await s.get('/admin')).statusCode, 303);
    });

    test('five wrong passwords lock the account for 15 minutes', async () => {
      const s = new TestSession(t.app);
      for (let i = 0; i < 5; i++) await s.login('city.reviewer', 'wrong-password');
      const locked = await s.login('city.reviewer');
      assert.equal(locked.statusCode, 401);
      assert.match(locked.body, /临时锁定/);
      t.clock.set(new Date(t.clock.now().getTime() + 16 * 60_000));
      assert.equal((await s.login('city.reviewer')).statusCode, 303, 'unlocked after the lock period');
      const events = await t.db.selectFrom('audit_events').select('action').where('action', '=', 'staff.locked').execute();
      assert.equal(events.length, 1);
    });

    test('the login form is rate limited per address', async () => {
      const s = new TestSession(t.app);
      t.clock.set(new Date(t.clock.now().getTime() + 5 * 60_000));
      let last = 0;
      for (let i = 0; i < 11; i++) last = (await s.login('nobody-here', 'x')).statusCode;
      assert.equal(last, 429);
    });

    test('an administrator checks the audit chain from the audit page; the display mode switch stays on this site', async () => {
      const admin = new TestSession(t.app);
      await admin.login('admin');
      const page = await admin.get('/admin/audit');
      assert.match(page.body, /href="\/admin\/audit\?verify=1"/);
      assert.match(page.body, /新建文件/, 'audit actions are named in Chinese');
      assert.doesNotMatch(page.body, /document\.create/, 'never by their code');
      assert.match((await admin.get('/admin/audit?verify=1')).body, /哈希链完整/);
      const evil = await t.app.inject('/prefs?mode=large&back=//evil.example.com/');
      assert.equal(evil.statusCode, 303);
      assert.equal(evil.headers.location, '/');
      const ok = await t.app.inject('/prefs?mode=large&back=%2Flibrary%3Fq%3D1');
      assert.equal(ok.headers.location, '/library?q=1');
      assert.match(String(ok.headers['set-cookie']), /gk_mode=large/);
    });

    test('the audit chain verifies, refuses TRUNCATE, and detects an edited and a deleted row', async () => {
      const ok = await verifyChain(t.db);
      assert.equal(ok.ok, true, ok.problems.join('; '));
      assert.ok(ok.count > 20);
      await assert.rejects(sql`update audit_events set actor_label = 'x' where seq = 3`.execute(t.db), /append-only/);
      // TRUNCATE fires no row triggers; a statement-level one refuses it, and the log keeps its rows.
      await assert.rejects(sql`truncate audit_events`.execute(t.db), /append-only/);
      assert.equal((await verifyChain(t.db)).count, ok.count);
      // Someone with database rights bypasses the trigger:
      await sql`alter table audit_events disable trigger audit_events_no_change`.execute(t.db);
      await sql`update audit_events set after = '{"title":"篡改"}' where seq = 5`.execute(t.db);
      const edited = await verifyChain(t.db);
      assert.equal(edited.ok, false);
      assert.match(edited.problems.join(), /第 5 条记录的内容被改动/);
      await sql`delete from audit_events where seq = 8`.execute(t.db);
      const deleted = await verifyChain(t.db);
      assert.match(deleted.problems.join(), /第 8–8 条记录缺失/);
      assert.match(deleted.problems.join(), /第 9 条记录与前一条的链接不符/);
    });

    test('a malformed multipart body (no boundary, a broken header, cut short) is a 400 in Chinese and writes nothing', async () => {
      const requests = async () => Number((await t.db.selectFrom('requests').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const before = await requests();
      const bodies: [string, string][] = [
        ['multipart/form-data', 'name=张三'],
        ['multipart/form-data; boundary=', 'name=张三'],
        ['multipart/form-data; boundary=XYZ', '--XYZ\r\nContent-Disposition: form-data; name="subject"\r\n\r\n申请公开'],
        ['multipart/form-data; boundary=XYZ', '--XYZ\r\nbroken header line\r\n\r\nx\r\n--XYZ--\r\n'],
      ];
      for (const [contentType, payload] of bodies) {
        for (const url of ['/apply', '/admin/documents']) {
          const r = await t.app.inject({ method: 'POST', url, headers: { 'content-type': contentType }, payload });
          assert.ok(r.statusCode >= 400 && r.statusCode < 500, `${url} ${contentType}: ${r.statusCode}`);
          assert.match(r.body, /[\u4e00-\u9fff]/, 'the message is in Chinese');
          assert.doesNotMatch(r.body, /Error|at [\w.]+ \(/, 'no stack trace or English error');
        }
      }
      assert.equal(await requests(), before, 'nothing was written');
    });

    test('a forged Host header never reaches the sitemap, robots.txt or the feeds; production must name its address', async () => {
      for (const url of ['/sitemap.xml', '/robots.txt', '/feed.atom', '/org/city/feed.atom']) {
        const r = await t.app.inject({ url, headers: { host: 'evil.example.com' } });
        assert.equal(r.statusCode, 200, url);
        assert.doesNotMatch(r.body, /evil\.example\.com/, `${url} repeats the forged host`);
        assert.match(r.body, /http:\/\/localhost:3000\//, `${url} names the configured address`);
      }
      assert.throws(() => parseConfig({ NODE_ENV: 'production', DATA_DIR: t.dataDir }), (e: unknown) => e instanceof ConfigError && /PUBLIC_URL/.test(e.problems.join()));
      assert.equal(parseConfig({ NODE_ENV: 'production', DATA_DIR: t.dataDir, PUBLIC_URL: 'https://gk.example.gov.cn' }).publicUrl, 'https://gk.example.gov.cn');
    });

    test('scheduled validity refresh turns a not-yet-effective document into an effective one on its date', async () => {
      const doc = await t.db.selectFrom('documents').select(['id', 'validity']).where('doc_no', '=', '东政规〔2026〕7号').executeTakeFirstOrThrow();
      assert.equal(doc.validity, 'not_yet_effective');
      t.clock.set('2027-01-01T00:10:00+08:00');
      await scheduleJob(t.db, 'refresh-validity', t.clock.now(), { uniqueKey: 'refresh-validity' });
      await scheduleJob(t.db, 'refresh-validity', t.clock.now(), { uniqueKey: 'refresh-validity' });
      let runs = 0;
      const handlers = { 'refresh-validity': { run: async () => { runs++; await refreshDueValidity(t.db, t.clock); } } };
      await Promise.all([runDueJobs(t.db, t.clock, handlers), runDueJobs(t.db, t.clock, handlers)]);
      assert.equal(runs, 1, 'a job scheduled twice under one key runs once, even with two runners');
      const after = await t.db.selectFrom('documents').select('validity').where('id', '=', doc.id).executeTakeFirstOrThrow();
      assert.equal(after.validity, 'effective');
      const search = (await t.app.inject('/api/v1/documents?validity=not_yet_effective')).json();
      assert.equal(search.items.some((d: { id: number }) => d.id === doc.id), false);
    });

    test('the corpus import is idempotent by sourceId and resumes after an interruption', async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'gk-import-'));
      const file = path.join(dir, 'docs.jsonl');
      const line = (i: number, extra: object = {}) =>
        JSON.stringify({ id: `t-${i}`, title: `测试法规第${i}号`, organ: '国务院', docNumber: i === 1 ? '中华人民共和国国务院令第711号' : null, category: '行政法规', writtenAt: '2019-04-03', publishedAt: '2019-04-15', effectiveAt: '2019-05-15', validity: i === 2 ? '已失效或已被修订' : '现行有效', body: `第一条 测试正文${i}，关于政府信息公开。`, ...extra });
      writeFileSync(file, [1, 2, 3].map((i) => line(i)).join('\n') + '\n');
      const first = await importPolicyDocs(t.db, t.clock, file);
      assert.equal(first.imported, 3);
      writeFileSync(file, [1, 2, 3, 4, 5].map((i) => line(i)).join('\n') + '\n');
      const second = await importPolicyDocs(t.db, t.clock, file);
      assert.deepEqual({ imported: second.imported, skipped: second.skipped }, { imported: 2, skipped: 3 });
      const decree = await t.db.selectFrom('documents').select(['doc_no', 'validity', 'source_validity_label']).where('source_id', '=', 't-1').executeTakeFirstOrThrow();
      assert.equal(decree.doc_no, '中华人民共和国国务院令第711号');
      const lapsed = await t.db.selectFrom('documents').select(['validity', 'source_validity_label']).where('source_id', '=', 't-2').executeTakeFirstOrThrow();
      assert.equal(lapsed.validity, 'expired');
      assert.equal(lapsed.source_validity_label, '已失效或已被修订');
      writeFileSync(file, line(6) + '\n{not json\n');
      await assert.rejects(importPolicyDocs(t.db, t.clock, file), /第 2 行不是有效的 JSON/);
      rmSync(dir, { recursive: true, force: true });
    });

    test('library search: phrases, facets, exclusions and unknown filter values', async () => {
      const phrase = (await t.app.inject(`/api/v1/documents?q=${encodeURIComponent('"每月2490元"')}`)).json();
      assert.equal(phrase.total, 1);
      assert.match(phrase.items[0].snippet, /<mark>每月2490元<\/mark>/);
      const all = (await t.app.inject('/api/v1/documents?q=' + encodeURIComponent('最低工资'))).json();
      assert.equal(all.total, 2);
      assert.deepEqual(all.facets.validity.map((f: { value: string }) => f.value).sort(), ['amended', 'effective']);
      const amended = (await t.app.inject('/api/v1/documents?q=' + encodeURIComponent('最低工资') + '&validity=amended')).json();
      assert.equal(amended.total, 1);
      assert.equal(amended.items[0].title, '江宁市最低工资标准调整方案');
      const excluded = (await t.app.inject('/api/v1/documents?q=' + encodeURIComponent('最低工资 -修改'))).json();
      assert.ok(excluded.items.every((d: { title: string }) => !d.title.includes('修改')));
      for (const bad of ['validity=valid', 'docType=%E5%91%BD%E4%BB%A4', 'year=abc', 'sort=random', 'org=99999']) {
        const r = await t.app.inject(`/library?${bad}`);
        assert.equal(r.statusCode, 400, bad);
        assert.match(r.body, /无效|未知|只能/);
      }
      // Words the library does not hold find nothing, and the page names them (未找到).
      const none = await t.app.inject('/library?q=' + encodeURIComponent('火星移民'));
      assert.match(none.body, /没有找到符合条件的文件/);
      assert.match(none.body, /未找到：火星移民/);
    });
  });
}

describe('start-up safety', () => {
  test('configuration problems are all listed at once', () => {
    assert.throws(
      () => parseConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', MAX_UPLOAD_MB: '0' }),
      (err: unknown) => err instanceof ConfigError && err.problems.length === 3 && /DATABASE_URL/.test(err.message),
    );
  });

  test('a second process cannot open the same embedded data directory', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gk-lock-'));
    const first = await connectDatabase({ dataDir: dir });
    try {
      writeFileSync(path.join(dir, 'gongkai.lock'), String(process.ppid)); // a live process that is not us
      await assert.rejects(connectDatabase({ dataDir: dir }), /正被另一个进程/);
    } finally {
      await first.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('account administration', () => {
  test('an organization admin creates an account with a role, weak passwords are refused, and disabling ends its sessions', async () => {
    const t = await buildTestApp('pglite');
    try {
      const admin = new TestSession(t.app);
      await admin.login('admin');
      await admin.get('/admin/staff');
      const fgw = (await t.db.selectFrom('organizations').select('id').where('slug', '=', 'fgw').executeTakeFirstOrThrow()).id;
      const weak = await admin.post('/admin/staff', { username: 'fgw.new', displayName: '新同事', password: 'password', orgId: String(fgw), role: 'drafter' });
      assert.equal(weak.statusCode, 422);
      assert.match(weak.body, /密码至少 10 位/);
      assert.match(weak.body, /value="fgw.new"/);
      const ok = await admin.post('/admin/staff', { username: 'fgw.new', displayName: '新同事', password: 'Xinde-Mima-2026', orgId: String(fgw), role: 'drafter' });
      assert.equal(ok.statusCode, 303);
      const newcomer = new TestSession(t.app);
      assert.equal((await newcomer.login('fgw.new', 'Xinde-Mima-2026')).statusCode, 303);
      assert.match((await newcomer.get('/admin/documents/new')).body, /江宁市发展和改革委员会/);
      const row = await t.db.selectFrom('staff').select('id').where('username', '=', 'fgw.new').executeTakeFirstOrThrow();
      await admin.get('/admin/staff');
      await admin.post(`/admin/staff/${row.id}/state`, { disabled: '1' });
      assert.equal((await newcomer.get('/admin')).statusCode, 303, 'a disabled account is signed out');
      const czj = (await t.db.selectFrom('organizations').select('id').where('slug', '=', 'czj').executeTakeFirstOrThrow()).id;
      await admin.get('/admin/staff');
      assert.equal((await admin.post('/admin/staff/roles', { username: 'fgw.editor', orgId: String(czj), role: 'reviewer', granted: '1' })).statusCode, 303);
      const roles = await t.db.selectFrom('staff_roles').innerJoin('staff', 'staff.id', 'staff_roles.staff_id').select(['staff_roles.org_id', 'staff_roles.role']).where('staff.username', '=', 'fgw.editor').execute();
      assert.ok(roles.some((r) => r.org_id === czj && r.role === 'reviewer'));
      await admin.get('/admin/staff');
      assert.equal((await admin.post('/admin/staff/roles', { username: 'fgw.editor', orgId: String(czj), role: 'reviewer', granted: '0' })).statusCode, 303);
      await admin.get('/admin/staff');
      const unknown = await admin.post('/admin/staff/roles', { username: 'nobody', orgId: String(czj), role: 'reviewer', granted: '1' });
      assert.equal(unknown.statusCode, 422);
      assert.match(unknown.body, /没有用户名为“nobody”的账号/);
      const editor = new TestSession(t.app);
      await editor.login('fgw.editor');
      await editor.get('/admin');
      const denied = await editor.post('/admin/staff', { username: 'sneaky', displayName: '越权', password: 'Xinde-Mima-2026', orgId: String(fgw), role: 'admin' });
      assert.equal(denied.statusCode, 403, 'only admins create accounts');
    } finally {
      await t.close();
    }
  });
});
