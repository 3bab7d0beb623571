import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, testDatabaseKinds, type TestApp } from './helpers/test-app.js';
import { TestSession } from './helpers/session.js';

const MINIMUM_WAGE = '江宁市最低工资标准调整方案';

for (const kind of testDatabaseKinds()) {
  describe(`display modes, the phone library and the document's 打印 · 字号 · 关闭 on ${kind}`, () => {
    let t: TestApp;
    let docId: number;
    before(async () => {
      t = await buildTestApp(kind);
      docId = (await t.db.selectFrom('documents').select('id').where('title', '=', MINIMUM_WAGE).where('status', '=', 'published').executeTakeFirstOrThrow()).id;
    });
    after(() => t.close());

    test('the document page has 打印, 字号 大中小 and 关闭 as links that work without script', async () => {
      const page = await t.app.inject(`/documents/${docId}`);
      assert.equal(page.statusCode, 200);
      const tools = /<nav class="doc-tools no-print" aria-label="文件工具">([\s\S]*?)<\/nav>/.exec(page.body)?.[1] ?? '';
      assert.match(tools, new RegExp(`href="/documents/${docId}\\?print=1"[^>]*>打印<`));
      const back = encodeURIComponent(`/documents/${docId}`);
      assert.match(tools, new RegExp(`href="/prefs\\?mode=large&amp;back=${back}"[^>]*>大<`));
      assert.match(tools, /<strong aria-current="true" aria-label="中字号">中<\/strong>/, 'the standard size is the one in use');
      assert.match(tools, new RegExp(`href="/prefs\\?mode=small&amp;back=${back}"[^>]*>小<`));
      assert.match(tools, /href="\/org\/rsj\/catalog\/[a-z0-9-]+">关闭</, '关闭 returns to the catalog that lists it');

      // 小: the cookie is set and the page comes back in the small size, every text scaled from the root.
      const prefs = await t.app.inject(`/prefs?mode=small&back=${back}`);
      assert.equal(prefs.statusCode, 303);
      assert.equal(prefs.headers.location, `/documents/${docId}`);
      const small = await t.app.inject({ url: `/documents/${docId}`, cookies: { gk_mode: 'small' } });
      assert.match(small.body, /<html lang="zh-CN" class="mode-small">/);
      assert.match(small.body, /<strong aria-current="true" aria-label="小字号">小<\/strong>/);
    });

    test('the print view shows the document without the site navigation, and is not indexed', async () => {
      const print = await t.app.inject(`/documents/${docId}?print=1`);
      assert.equal(print.statusCode, 200);
      assert.match(print.body, /<body class="mode-standard print-view">/);
      assert.match(print.body, /<meta name="robots" content="noindex"\/>/);
      assert.match(print.body, new RegExp(`<h1 class="doc-title">${MINIMUM_WAGE}</h1>`));
      assert.match(print.body, new RegExp(`href="/documents/${docId}">返回正文<`));
      assert.doesNotMatch(print.body, /aria-label="文件工具"/);
    });

    test('the print view never shows a draft or a document taken down, and keeps a withdrawal notice', async () => {
      const draft = await t.db.selectFrom('documents').select('id').where('status', '=', 'draft').executeTakeFirstOrThrow();
      assert.equal((await t.app.inject(`/documents/${draft.id}?print=1`)).statusCode, 404);
      const copy = async (withdrawal: 'notice' | 'remove') => {
        const row = await t.db.selectFrom('documents').selectAll().where('id', '=', docId).executeTakeFirstOrThrow();
        const { id: _id, sample_vector: _s, ...rest } = row as typeof row & { sample_vector?: unknown };
        const inserted = await t.db
          .insertInto('documents')
          .values({ ...rest, index_no: `${row.index_no}-w${withdrawal}`, title: `已撤稿的测试文件（${withdrawal}）`, status: 'withdrawn', withdrawal_kind: withdrawal, withdrawal_reason: '测试撤稿', withdrawn_at: new Date() } as never)
          .returning('id')
          .executeTakeFirstOrThrow();
        return inserted.id;
      };
      const removed = await copy('remove');
      const gone = await t.app.inject(`/documents/${removed}?print=1`);
      assert.equal(gone.statusCode, 410);
      assert.doesNotMatch(gone.body, /已撤稿的测试文件/);
      const noticed = await copy('notice');
      const notice = await t.app.inject(`/documents/${noticed}?print=1`);
      assert.equal(notice.statusCode, 200);
      assert.match(notice.body, /本文件已撤稿/, 'the print view keeps the withdrawal notice');
    });

    test('the library: the header box keeps the query, the filters fold behind 筛选, and drafts are never counted', async () => {
      const page = await t.app.inject('/library?q=%E6%9C%80%E4%BD%8E%E5%B7%A5%E8%B5%84&validity=effective');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<input id="site-q" name="q" type="search" placeholder="[^"]*" value="最低工资"\/>/);
      assert.match(page.body, /<details class="filters"><summary>筛选（已选 1 项）<\/summary>/);
      const results = page.body.indexOf('<ol class="list"');
      assert.ok(page.body.indexOf('<details class="filters">') < results, 'the folded filters come before the results, the results before the long lists');
      assert.doesNotMatch(page.body, /数字经济发展三年行动计划/, 'a draft is never found');
      const counts = await t.app.inject('/api/v1/documents?q=%E6%9C%80%E4%BD%8E%E5%B7%A5%E8%B5%84');
      const body = counts.json() as { total: number; facets: Record<string, { count: number; estimated: boolean }[]> };
      assert.equal(body.facets.validity!.reduce((s, f) => s + f.count, 0), body.total, 'facets count only what is found');
      assert.ok(Object.values(body.facets).flat().every((f) => f.estimated === false), 'a small library is counted exactly');
    });

    test('a form that comes back with errors puts its summary in focus without script', async () => {
      const s = new TestSession(t.app);
      await s.get('/account/login');
      const res = await s.post('/account/login', { email: '', password: '' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /<div class="error-summary" role="alert" tabindex="-1" autofocus>/);
    });
  });
}
