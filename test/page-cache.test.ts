import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AddressInfo } from 'node:net';
import { buildTestApp, type TestApp } from './helpers/test-app.js';
import { TestSession } from './helpers/session.js';

describe('cached public pages over real HTTP', () => {
  let t: TestApp;
  let base: string;
  before(async () => {
    t = await buildTestApp('pglite', { env: { PAGE_CACHE_SECONDS: '60' } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  after(() => t.close());

  test('a page is served again from the cache with the same ETag, and 304 when the browser has it', async () => {
    const first = await fetch(`${base}/documents/4`);
    assert.equal(first.status, 200);
    const etag = first.headers.get('etag')!;
    const html = await first.text();
    const second = await fetch(`${base}/documents/4`);
    assert.equal(second.headers.get('etag'), etag);
    assert.equal(await second.text(), html);
    assert.equal(second.headers.get('content-type'), 'text/html; charset=utf-8');
    const revalidated = await fetch(`${base}/documents/4`, { headers: { 'if-none-match': etag } });
    assert.equal(revalidated.status, 304);
  });

  test('display modes are cached apart, and a publication shows at once', async () => {
    const large = await (await fetch(`${base}/documents/4`, { headers: { cookie: 'gk_mode=large' } })).text();
    assert.match(large, /class="mode-large"/);
    assert.match(await (await fetch(`${base}/documents/4`)).text(), /class="mode-standard"/);
    const s = new TestSession(t.app);
    await s.login('fgw.editor');
    const edit = await s.get('/admin/documents/4/edit');
    const title = /id="f-title"[^>]*value="([^"]+)"/.exec(edit.body)![1]!;
    const form = Object.fromEntries([...edit.body.matchAll(/<input id="f-(\w+)" name="\w+" type="(?:text|date)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    const res = await s.postMultipart('/admin/documents/4', { ...form, orgId: /<option value="(\d+)" selected/.exec(edit.body)![1]!, docType: '行政规范性文件', attribute: 'public', bodyHtml: '<p>新的正文</p>', title: `${title}（修订）`, topicId: /id="f-topicId"[\s\S]*?<option value="(\d+)" selected/.exec(edit.body)![1]! });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    assert.doesNotMatch(await (await fetch(`${base}/documents/4`)).text(), /（修订）/, 'an edit waits for review');
    // The search results behind the library and the API are kept as long as a page, and cleared with it.
    const searchTitle = async () => ((await (await fetch(`${base}/api/v1/documents?q=${encodeURIComponent(title)}`)).json()) as { items: { id: number; title: string }[] }).items.find((d) => d.id === 4)?.title;
    assert.equal(await searchTitle(), title);
    const edition = Number(/\/admin\/documents\/(\d+)/.exec(String(res.headers.location))![1]);
    await s.get(`/admin/review/document/${edition}`);
    const urgent = await s.post(`/admin/review/document/${edition}/urgent_publish`, { comment: '测试缓存' });
    assert.equal(urgent.statusCode, 303, /error-summary.*?<\/div>/s.exec(urgent.body)?.[0] ?? urgent.body.slice(0, 300));
    assert.match(await (await fetch(`${base}/documents/4`)).text(), /（修订）/);
    assert.equal(await searchTitle(), `${title}（修订）`, 'a publication shows in search at once');
  });
});

describe('security headers', () => {
  test('every page, cached or not, forbids framing by others, sniffing and foreign scripts', async () => {
    const t = await buildTestApp('pglite', { env: { PAGE_CACHE_SECONDS: '60' } });
    try {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
      for (const url of ['/documents/4', '/documents/4', '/admin/login', '/api/v1/documents?q=%E5%B7%A5%E8%B5%84']) {
        const r = await fetch(`${base}${url}`);
        assert.equal(r.headers.get('x-content-type-options'), 'nosniff', url);
        assert.match(r.headers.get('content-security-policy') ?? '', /script-src 'self'/, url);
        assert.equal(r.headers.get('x-frame-options'), 'SAMEORIGIN', url);
      }
    } finally {
      await t.close();
    }
  });
});
