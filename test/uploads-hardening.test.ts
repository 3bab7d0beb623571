import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, rmSync, statSync, utimesSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';
import net, { type AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildApp } from '../src/app.js';
import { localStorage } from '../src/platform/files/storage.js';
import { RequestUploads, uploadDirFor } from '../src/platform/files/uploads.js';
import { cookieSecret } from '../src/runtime.js';
import { buildTestApp, testDatabaseKinds, type TestApp } from './helpers/test-app.js';

/**
 * Upload temporary files belong to their request and leave with it, however it ends; anonymous
 * bodies without a CSRF token are never written; a body nobody can read is a 4xx in Chinese.
 * Over real sockets: app.inject() cannot abort midway or cut a body short.
 */

const B = 'gkTestBoundary7x';
const CRLF = '\r\n';
const field = (name: string, value: string) => Buffer.from(`--${B}${CRLF}Content-Disposition: form-data; name="${name}"${CRLF}${CRLF}${value}${CRLF}`);
const fileHead = (name: string, filename: string, type = 'application/pdf') =>
  Buffer.from(`--${B}${CRLF}Content-Disposition: form-data; name="${name}"; filename="${filename}"${CRLF}Content-Type: ${type}${CRLF}${CRLF}`);
const fileEnd = Buffer.from(CRLF);
const closing = Buffer.from(`--${B}--${CRLF}`);
const bytes = (n: number) => Buffer.alloc(n, 0x61);
const MULTIPART = `multipart/form-data; boundary=${B}`;
const hasChinese = (s: string) => /[\u4e00-\u9fff]{4,}/.test(s);

for (const kind of testDatabaseKinds()) {
  describe(`upload temporary files on ${kind}`, () => {
    let t: TestApp;
    let port: number;
    let dir: string;
    const sockets = new Set<net.Socket>();
    before(async () => {
      t = await buildTestApp(kind, { env: { MAX_UPLOAD_MB: '1' } });
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      port = (t.app.server.address() as AddressInfo).port;
      dir = uploadDirFor(t.config.dataDir);
    });
    after(async () => {
      // A failed test may leave a request half sent; the server would wait for it forever.
      for (const s of sockets) s.destroy();
      await t.close();
    });
    // Each test starts in a fresh rate-limit window, and with an empty upload directory (so that
    // one failure does not fail the rest).
    beforeEach(() => {
      t.clock.set(new Date(t.clock.now().getTime() + 2 * 3_600_000));
      for (const f of readdirSync(dir)) rmSync(path.join(dir, f), { force: true });
    });

    /** A visitor's cookies and CSRF token, as the apply form gives them. */
    async function visitor() {
      const res = await fetch(`http://127.0.0.1:${port}/apply`);
      const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const token = /name="_csrf" value="([^"]+)"/.exec(await res.text())![1]!;
      return { cookie, token };
    }

    /** A POST over a raw socket: the head now, the body as the test writes it. */
    function open(url: string, headers: Record<string, string | number>) {
      const socket = net.connect(port, '127.0.0.1');
      socket.on('error', () => {});
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      const answer = new Promise<{ status: number; text: string }>((resolve) => {
        const got: Buffer[] = [];
        socket.on('data', (d) => got.push(d));
        socket.on('close', () => {
          const text = Buffer.concat(got).toString('utf8');
          resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text });
        });
      });
      const head = Object.entries({ host: '127.0.0.1', connection: 'close', ...headers }).map(([k, v]) => `${k}: ${v}${CRLF}`).join('');
      socket.write(`POST ${url} HTTP/1.1${CRLF}${head}${CRLF}`);
      const write = (b: Buffer) => new Promise<void>((r) => socket.write(b, () => r()));
      return { socket, answer, write };
    }

    /** Sends a whole body and waits for the answer. */
    async function post(url: string, headers: Record<string, string | number>, body: Buffer) {
      const c = open(url, { 'content-length': body.length, ...headers });
      await c.write(body);
      return c.answer;
    }

    /** Every file created in the upload directory while `fn` runs. */
    async function created<T>(fn: () => Promise<T>): Promise<{ result: T; files: Set<string> }> {
      const files = new Set<string>();
      const w = watch(dir, (_event, name) => name && files.add(String(name)));
      try {
        const result = await fn();
        await sleep(100);
        return { result, files };
      } finally {
        w.close();
      }
    }

    /** The upload directory once the request's clean-up has had a moment. */
    async function leftovers(): Promise<string[]> {
      for (let i = 0; i < 40 && readdirSync(dir).length; i++) await sleep(50);
      return readdirSync(dir);
    }

    async function until(what: string, cond: () => boolean) {
      for (let i = 0; i < 100; i++) {
        if (cond()) return;
        await sleep(20);
      }
      assert.fail(`timed out waiting: ${what}`);
    }

    test('a client that disconnects mid-upload leaves no file, neither the finished one nor the one being written', async () => {
      const { cookie, token } = await visitor();
      const body = [field('_csrf', token), fileHead('attachments', 'a.pdf'), bytes(300_000), fileEnd, fileHead('attachments', 'b.pdf'), bytes(400_000)];
      const c = open('/apply', { cookie, 'content-type': MULTIPART, 'content-length': 2_000_000 });
      for (const b of body) await c.write(b);
      // Both files are on disk, the second still growing, before the client goes away.
      await until('two temp files, the second written to', () => {
        const files = readdirSync(dir);
        return files.length === 2 && files.some((f) => statSync(path.join(dir, f)).size >= 200_000);
      });
      c.socket.destroy();
      assert.deepEqual(await leftovers(), []);
      assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
    });

    test('five aborted anonymous posts leave nothing behind', async () => {
      for (let i = 0; i < 5; i++) {
        const { cookie, token } = await visitor();
        const c = open('/apply', { cookie, 'content-type': MULTIPART, 'content-length': 5_000_000 });
        await c.write(Buffer.concat([field('_csrf', token), fileHead('attachments', `${i}.pdf`), bytes(500_000)]));
        await until('temp file', () => readdirSync(dir).length > 0);
        c.socket.destroy();
      }
      assert.deepEqual(await leftovers(), []);
    });

    test('a file over the size limit is removed when it passes the limit, before the request ends, and refused', async () => {
      const { cookie, token } = await visitor();
      // Sent in two halves with a pause between, the first well past the 1 MB limit.
      const first = Buffer.concat([field('_csrf', token), fileHead('attachments', 'big.pdf'), bytes(1_500_000)]);
      const rest = Buffer.concat([bytes(500_000), fileEnd, closing]);
      const { result, files } = await created(async () => {
        const d = open('/apply', { cookie, 'content-type': MULTIPART, 'content-length': first.length + rest.length });
        await d.write(first);
        await until('the temp file was made and is gone again (past the 1 MB limit), request still open', () => readdirSync(dir).length === 0 && d.socket.readyState === 'open');
        await sleep(100);
        assert.deepEqual(readdirSync(dir), [], 'nothing kept while the rest of the file arrives');
        await d.write(rest);
        return d.answer;
      });
      assert.ok(files.size >= 1, 'the file was being written until it passed the limit');
      assert.equal(result.status, 400);
      assert.match(result.text, /超过 1 MB 的上限/);
      assert.deepEqual(await leftovers(), []);
    });

    test('too many files: 413 in Chinese, and the files already written are removed', async () => {
      const { cookie, token } = await visitor();
      const parts = [field('_csrf', token)];
      for (let i = 0; i < 25; i++) parts.push(fileHead('attachments', `${i}.pdf`), bytes(10_000), fileEnd);
      const { result, files } = await created(() => post('/apply', { cookie, 'content-type': MULTIPART }, Buffer.concat([...parts, closing])));
      assert.equal(result.status, 413);
      assert.match(result.text, /文件过多/);
      assert.ok(files.size >= 20, `files were written (${files.size})`);
      assert.deepEqual(await leftovers(), []);
    });

    test('a body that breaks off midway (a part never closed): 400 in Chinese, files removed', async () => {
      const { cookie, token } = await visitor();
      const body = Buffer.concat([field('_csrf', token), fileHead('attachments', 'a.pdf'), bytes(50_000), fileEnd, fileHead('attachments', 'b.pdf'), bytes(50_000)]);
      const { result, files } = await created(() => post('/apply', { cookie, 'content-type': MULTIPART }, body));
      assert.equal(result.status, 400);
      assert.match(result.text, /表单格式有误/);
      assert.ok(files.size >= 1);
      assert.deepEqual(await leftovers(), []);
    });

    test('a body cut short (Content-Length larger than sent, then the client ends): a 4xx in Chinese, files removed', async () => {
      const { cookie, token } = await visitor();
      const c = open('/apply', { cookie, 'content-type': MULTIPART, 'content-length': 1_000_000 });
      await c.write(Buffer.concat([field('_csrf', token), fileHead('attachments', 'a.pdf'), bytes(100_000)]));
      await until('temp file', () => readdirSync(dir).length > 0);
      c.socket.end();
      const res = await c.answer;
      assert.ok(res.status >= 400 && res.status < 500, res.text.slice(0, 200));
      assert.ok(hasChinese(res.text), res.text.slice(0, 300));
      assert.deepEqual(await leftovers(), []);
    });

    test('without a valid CSRF token no byte of a file reaches the disk, and the answer is the usual 403', async () => {
      const { cookie, token } = await visitor();
      const other = await visitor();
      const big = Buffer.concat([fileHead('attachments', 'big.pdf'), bytes(3_000_000), fileEnd]);
      for (const [label, fields] of [
        ['no token', []],
        ['another visitor’s token', [field('_csrf', other.token)]],
        ['a forged token', [field('_csrf', `${token.slice(0, -4)}AAAA`)]],
      ] as const) {
        const { result, files } = await created(() => post('/apply', { cookie, 'content-type': MULTIPART }, Buffer.concat([...fields, big, closing])));
        assert.equal(result.status, 403, label);
        assert.match(result.text, /CSRF 校验未通过/, label);
        assert.equal(files.size, 0, `${label}: nothing written`);
      }
      // The same post with the token writes (the watcher sees it), then removes, the file.
      const { result, files } = await created(() => post('/apply', { cookie, 'content-type': MULTIPART }, Buffer.concat([field('_csrf', token), fileHead('attachments', 'a.pdf'), bytes(100_000), fileEnd, closing])));
      assert.equal(result.status, 400, 'the form is incomplete');
      assert.equal(files.size, 1);
      assert.deepEqual(await leftovers(), []);
    });

    test('the token in the x-csrf-token header lets files through; a token sent after the files is refused, not silently dropped', async () => {
      const { cookie, token } = await visitor();
      // Big enough that the parser reaches the token only after the file has been read.
      const file = Buffer.concat([fileHead('attachments', 'a.pdf'), bytes(500_000), fileEnd]);
      const header = await created(() => post('/apply', { cookie, 'content-type': MULTIPART, 'x-csrf-token': token }, Buffer.concat([file, closing])));
      assert.equal(header.result.status, 400);
      assert.equal(header.files.size, 1);
      const late = await created(() => post('/apply', { cookie, 'content-type': MULTIPART }, Buffer.concat([file, field('_csrf', token), closing])));
      assert.equal(late.result.status, 400);
      assert.match(late.result.text, /安全校验字段须在文件之前/);
      assert.equal(late.files.size, 0);
      assert.deepEqual(await leftovers(), []);
    });

    test('files posted to the back office without a session are not written', async () => {
      const { cookie, token } = await visitor();
      const { result, files } = await created(() => post('/admin/documents', { cookie, 'content-type': MULTIPART }, Buffer.concat([field('_csrf', token), fileHead('attachments', 'a.pdf'), bytes(500_000), fileEnd, closing])));
      assert.ok(result.status >= 300 && result.status < 500, String(result.status));
      assert.equal(files.size, 0);
    });

    test('the apply rate limit answers before the body is read: nothing written', async () => {
      const { cookie, token } = await visitor();
      for (let i = 0; i < 20; i++) await post('/apply', { cookie, 'content-type': 'application/x-www-form-urlencoded' }, Buffer.from('a=1'));
      const { result, files } = await created(() => post('/apply', { cookie, 'content-type': MULTIPART }, Buffer.concat([field('_csrf', token), fileHead('attachments', 'a.pdf'), bytes(500_000), fileEnd, closing])));
      assert.equal(result.status, 429);
      assert.match(result.text, /操作过于频繁/);
      assert.equal(files.size, 0);
    });

    describe('a body nobody can read is a 4xx with a Chinese message, never a 500 or a stack trace', () => {
      const cases: [string, string, () => Promise<{ status: number; text: string }>][] = [];
      const form = 'application/x-www-form-urlencoded';
      const add = (name: string, expected: string, run: (v: { cookie: string; token: string }) => Promise<{ status: number; text: string }>) =>
        cases.push([name, expected, async () => run(await visitor())]);
      add('multipart without a boundary', '表单格式有误', (v) => post('/apply', { cookie: v.cookie, 'content-type': 'multipart/form-data' }, Buffer.concat([field('_csrf', v.token), closing])));
      add('multipart with an empty boundary', '表单格式有误', (v) => post('/apply', { cookie: v.cookie, 'content-type': 'multipart/form-data; boundary=' }, Buffer.from(`--${CRLF}`)));
      add('multipart with a boundary too long to search for', '表单格式有误', (v) => post('/apply', { cookie: v.cookie, 'content-type': `multipart/form-data; boundary=${'b'.repeat(300)}` }, Buffer.from(`--${'b'.repeat(300)}--${CRLF}`)));
      add('a broken part header', '', (v) =>
        post('/apply', { cookie: v.cookie, 'content-type': MULTIPART }, Buffer.concat([field('_csrf', v.token), Buffer.from(`--${B}${CRLF}Content-Disposition form-data name=${CRLF}\u0000garbage${CRLF}${CRLF}abc${CRLF}`), closing])));
      add('a multipart body without its closing boundary', '表单格式有误', (v) => post('/apply', { cookie: v.cookie, 'content-type': MULTIPART }, Buffer.concat([field('_csrf', v.token), field('subject', 'x').subarray(0, 40)])));
      add('a half UTF-8 sequence in a form (%E4%B8)', '表单编码有误', (v) => post('/apply', { cookie: v.cookie, 'content-type': form }, Buffer.from(`_csrf=${encodeURIComponent(v.token)}&subject=%E4%B8`)));
      add('a broken percent-escape (%ZZ)', '表单编码有误', (v) => post('/apply', { cookie: v.cookie, 'content-type': form }, Buffer.from(`_csrf=${encodeURIComponent(v.token)}&subject=%ZZ`)));
      add('percent-encoded bytes that are not UTF-8 (%FF%FE)', '表单编码有误', (v) => post('/apply', { cookie: v.cookie, 'content-type': form }, Buffer.from(`_csrf=${encodeURIComponent(v.token)}&subject=%FF%FE`)));
      add('raw bytes that are not UTF-8', '表单编码有误', (v) =>
        post('/apply', { cookie: v.cookie, 'content-type': form }, Buffer.concat([Buffer.from(`_csrf=${encodeURIComponent(v.token)}&subject=`), Buffer.from([0xe4, 0xb8, 0xff, 0xfe])])));
      add('bad JSON to /api', 'JSON 为空或格式有误', () => post('/api/v1/documents', { 'content-type': 'application/json' }, Buffer.from('{"q": ')));
      add('an empty JSON body', 'JSON 为空或格式有误', () => post('/api/v1/documents', { 'content-type': 'application/json' }, Buffer.alloc(0)));
      add('bad JSON to a form page', 'JSON 为空或格式有误', (v) => post('/apply', { cookie: v.cookie, 'content-type': 'application/json' }, Buffer.from('{"_csrf": ')));
      add('an unsupported content type', '不支持的提交格式', (v) => post('/apply', { cookie: v.cookie, 'content-type': 'application/x-foo' }, Buffer.from('abc')));
      add('multipart/mixed', '不支持的提交格式', (v) => post('/apply', { cookie: v.cookie, 'content-type': `multipart/mixed; boundary=${B}` }, closing));
      add('a body over the body limit', '内容过大', (v) => post('/apply', { cookie: v.cookie, 'content-type': form }, Buffer.from(`_csrf=${encodeURIComponent(v.token)}&subject=${'x'.repeat(3 * 1024 * 1024)}`)));
      add('a Content-Length that is not a number', '请求格式有误', async () => {
        const c = open('/apply', { 'content-type': form, 'content-length': 'abc' });
        await c.write(Buffer.from('a=b'));
        return c.answer;
      });
      add('a urlencoded body cut short', '', async (v) => {
        const c = open('/apply', { cookie: v.cookie, 'content-type': form, 'content-length': 5000 });
        await c.write(Buffer.from(`_csrf=${encodeURIComponent(v.token)}&subject=abc`));
        c.socket.end();
        return c.answer;
      });
      for (const [name, expected, run] of cases) {
        test(name, async () => {
          const res = await run();
          assert.ok(res.status >= 400 && res.status < 500, `${name}: ${res.status} ${res.text.slice(0, 300)}`);
          assert.ok(hasChinese(res.text.split(`${CRLF}${CRLF}`).slice(1).join('')), `${name}: a Chinese message`);
          if (expected) assert.ok(res.text.includes(expected), `${name}: ${expected} in ${res.text.slice(-400)}`);
          assert.doesNotMatch(res.text, /Error:|\bat .+\.(ts|js):\d+|Client Error|Bad Request","message/, `${name}: no stack trace, no English fallback`);
          assert.deepEqual(await leftovers(), []);
        });
      }
    });

    test('at start-up the upload directory is cleared of what earlier runs left', async () => {
      const storage = localStorage(path.join(t.config.dataDir, 'files'));
      const secret = await cookieSecret(t.db);
      const plant = (name: string, ageMs: number) => {
        const p = path.join(dir, name);
        writeFileSync(p, bytes(1000));
        const at = new Date(Date.now() - ageMs);
        utimesSync(p, at, at);
      };
      mkdirSync(dir, { recursive: true });
      // Embedded: the data directory is this process's alone, so everything there is a leftover.
      plant('old', 2 * 3_600_000);
      plant('recent', 1000);
      const embedded = await buildApp({ config: t.config, db: t.db, clock: t.clock, storage, cookieSecret: secret });
      await embedded.close();
      assert.deepEqual(readdirSync(dir), []);
      // On PostgreSQL several instances may share the directory: only files idle for an hour go.
      plant('old', 2 * 3_600_000);
      plant('recent', 1000);
      const shared = await buildApp({ config: { ...t.config, databaseUrl: 'postgres://shared.invalid/db' }, db: t.db, clock: t.clock, storage, cookieSecret: secret });
      await shared.close();
      assert.deepEqual(readdirSync(dir), ['recent']);
      const tidy = await buildApp({ config: t.config, db: t.db, clock: t.clock, storage, cookieSecret: secret });
      await tidy.close();
      assert.deepEqual(readdirSync(dir), []);
    });
  });
}

describe('files held for a running handler', () => {
  test('a client gone while the handler runs: the files stay until it answers, then go', async () => {
    const dir = path.join(process.env.TMPDIR ?? '/tmp', `gk-owner-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    const owner = new RequestUploads(dir);
    const p = owner.newPath();
    writeFileSync(p, 'x');
    owner.markHandling();
    await owner.abandon();
    assert.deepEqual(readdirSync(dir), [path.basename(p)], 'kept while the handler may still store it');
    await owner.markAnswered();
    assert.deepEqual(readdirSync(dir), []);
    // While the body still arrives, abandoning removes at once, and later files are not written.
    const q = new RequestUploads(dir);
    writeFileSync(q.newPath(), 'y');
    await q.abandon();
    assert.deepEqual(readdirSync(dir), []);
    assert.equal(q.discarded, true);
  });
});
