import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { flushSearchLog } from '../src/modules/search-log/public.js';
import { SearchRecorder } from '../src/modules/search-log/recorder.js';
import { fixedClock } from '../src/platform/clock/clock.js';
import { documentForm } from './helpers/fixtures.js';
import { idFromLocation } from './helpers/publish.js';
import { sessionPool, TestSession } from './helpers/session.js';
import { buildTestApp, testDatabaseKinds, type TestApp } from './helpers/test-app.js';

/**
 * The search log (issue 17): the library's searches counted per week (China time), masked; the
 * 搜索热词 / 无结果词 / 无人点击 lists and their exports; opens counted through /search/open, which is
 * no open redirect; best bets shown first while their item is public; who may see and change it.
 * The test clock stands at Sunday 2026-11-22 10:00 in China: this week began on Monday 11-16.
 */
const THIS_WEEK = '2026-11-16';
const LAST_WEEK = '2026-11-09';
const enc = encodeURIComponent;
/** A filter no document passes: the search finds nothing, whatever the search engine makes of the words. */
const NOTHING = '&year=1950';

for (const kind of testDatabaseKinds()) {
  describe(`search log on ${kind}`, () => {
    let t: TestApp;
    const staff = sessionPool(() => t);
    let wageDoc: number;
    let otherDoc: number;
    let city: number;
    before(async () => {
      t = await buildTestApp(kind);
      const docs = await t.db.selectFrom('documents').select(['id', 'title']).where('status', '=', 'published').where('attribute', '=', 'public').orderBy('id').execute();
      wageDoc = docs.find((d) => d.title === '江宁市最低工资标准调整方案')!.id;
      otherDoc = docs.find((d) => !d.title.includes('工资'))!.id;
      city = (await t.db.selectFrom('organizations').select('id').where('slug', '=', 'city').executeTakeFirstOrThrow()).id;
    });
    after(() => t.close());
    beforeEach(() => staff.nextTest());

    const search = (q: string, extra = '') => t.app.inject(`/library?q=${enc(q)}${extra}`);
    const row = async (week: string, query: string) => {
      await flushSearchLog(t.app);
      return t.db.selectFrom('search_weeks').select(['searches', 'empty_searches', 'opens']).where('week_start', '=', week).where('query', '=', query).executeTakeFirst();
    };
    const section = (body: string, list: string) => new RegExp(`id="h-${list}"[\\s\\S]*?</section>`).exec(body)?.[0] ?? '';

    test('searches are counted per week: only first pages, empty queries never, a search with nothing found as 无结果', async () => {
      assert.equal((await search('  最低工资 ')).statusCode, 200);
      assert.equal((await search('最低工资', '&page=1')).statusCode, 200);
      assert.equal((await search('最低工资', '&page=2')).statusCode, 200, 'a second page is no new search');
      assert.equal((await search('火星移民补贴', NOTHING)).statusCode, 200);
      assert.equal((await t.app.inject('/library?q=')).statusCode, 200);
      assert.deepEqual(await row(THIS_WEEK, '最低工资'), { searches: 2, empty_searches: 0, opens: 0 });
      assert.deepEqual(await row(THIS_WEEK, '火星移民补贴'), { searches: 1, empty_searches: 1, opens: 0 });
      assert.equal((await t.db.selectFrom('search_weeks').select('query').where('query', '=', '').execute()).length, 0);

      // A search in another week is in that week; the week follows China time (Monday 00:30 there is Sunday in UTC).
      const now = t.clock.now();
      try {
        t.clock.set('2026-11-10T03:00:00Z');
        await search('最低工资');
        t.clock.set('2026-11-15T16:30:00Z');
        await search('社保卡 挂失');
        await flushSearchLog(t.app);
      } finally {
        t.clock.set(now);
      }
      assert.deepEqual(await row(LAST_WEEK, '最低工资'), { searches: 1, empty_searches: 0, opens: 0 });
      assert.equal((await row(THIS_WEEK, '社保卡 挂失'))?.searches, 1, 'Monday 00:30 in China is this week');
      assert.deepEqual(await row(THIS_WEEK, '最低工资'), { searches: 2, empty_searches: 0, opens: 0 }, 'this week unchanged');
    });

    test('a phone number, an ID number or an e-mail typed into the query is stored masked', async () => {
      await search('13812345678 低保');
      await search('低保 11010519491231002X');
      await search('zhang.san@example.com 投诉');
      await t.app.inject(`/search/open?q=${enc('13912345678 申请')}&to=/documents/${wageDoc}`);
      await flushSearchLog(t.app);
      const stored = (await t.db.selectFrom('search_weeks').select('query').execute()).map((r) => r.query);
      assert.ok(stored.includes('[手机号码] 低保') && stored.includes('低保 [身份证号码]') && stored.includes('[电子邮箱] 投诉'), stored.join(' | '));
      assert.ok(stored.every((q) => !/\d{5,}|@example/.test(q)), stored.join(' | '));
    });

    test('opens go through /search/open: counted for the query searched that week, and a 303 to the item', async () => {
      const page = await search('最低工资');
      assert.match(page.body, new RegExp(`href="/search/open\\?q=${enc('最低工资')}&amp;to=/documents/${wageDoc}" rel="nofollow"`), 'result links go through it');
      const opened = await t.app.inject(`/search/open?q=${enc('最低工资')}&to=${enc(`/documents/${wageDoc}`)}`);
      assert.equal(opened.statusCode, 303);
      assert.equal(opened.headers.location, `/documents/${wageDoc}`);
      assert.equal(opened.headers['cache-control'], 'no-store');
      assert.equal((await row(THIS_WEEK, '最低工资'))?.opens, 1);
      // A link for a query nobody searched makes no row.
      assert.equal((await t.app.inject(`/search/open?q=${enc('从未搜索的词')}&to=/documents/${wageDoc}`)).statusCode, 303);
      assert.equal(await row(THIS_WEEK, '从未搜索的词'), undefined);
      assert.doesNotMatch((await t.app.inject('/library')).body, /\/search\/open/, 'without a query, results link straight to the document');
      assert.match((await t.app.inject('/robots.txt')).body, /Disallow: \/search\/\n/, 'crawlers do not follow it');
    });

    test('the open redirect refuses anything but an item page on this site, with a 400 in Chinese', async () => {
      for (const to of ['https://evil.example', '//evil.example', '/\\evil.example', 'https://evil.example/documents/1', 'javascript:alert(1)', '/admin/staff', '/documents/abc', '/documents/1/../../admin', `/documents/${wageDoc}?x=1`, '']) {
        const res = await t.app.inject(`/search/open?q=x&to=${enc(to)}`);
        assert.equal(res.statusCode, 400, to);
        assert.match(res.body, /跳转地址无效/, to);
        assert.equal(res.headers.location, undefined, to);
      }
      assert.equal((await t.app.inject('/search/open?q=x')).statusCode, 400);
      const interp = await t.db.selectFrom('interpretations').select('id').where('status', '=', 'published').executeTakeFirst();
      if (interp) assert.equal((await t.app.inject(`/search/open?q=x&to=/interpretations/${interp.id}`)).headers.location, `/interpretations/${interp.id}`, "any kind's public address");
    });

    test('the weekly lists: 搜索热词, 无结果词 and 无人点击 (searched twice, results found, none opened)', async () => {
      for (let i = 0; i < 3; i++) await search('工资 标准');
      for (let i = 0; i < 2; i++) await search('火星移民补贴', NOTHING);
      await flushSearchLog(t.app);
      const gkb = await staff.as('gkb');
      const page = await gkb.get('/admin/search-log');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /上周和本周/);
      const [top, empty, unopened] = ['top', 'empty', 'unopened'].map((l) => section(page.body, l));
      assert.match(top!, /搜索热词/);
      assert.match(top!, /工资 标准/);
      assert.match(empty!, /火星移民补贴/);
      assert.doesNotMatch(empty!, /工资 标准/);
      assert.match(unopened!, /工资 标准/);
      assert.doesNotMatch(unopened!, /火星移民补贴/, 'nothing found is 无结果, not 无人点击');
      assert.doesNotMatch(unopened!, />最低工资</, 'opened in an earlier test');
      assert.match(unopened!, new RegExp(`href="/admin/search-log/best-bets\\?q=${enc('工资 标准')}#f-target">设为推荐`));
      assert.match(unopened!, new RegExp(`href="/admin/ask/synonyms\\?terms=${enc('工资 标准')}">补充同义词`), 'the synonym dictionary, with the query filled in');

      // One week at a time: last week holds only what was searched then.
      const last = await gkb.get(`/admin/search-log?week=${LAST_WEEK}`);
      assert.match(section(last.body, 'top'), />最低工资</);
      assert.doesNotMatch(section(last.body, 'top'), /火星移民补贴/);
      assert.equal((await gkb.get('/admin/search-log?week=2026-11-17')).statusCode, 400, 'not a Monday');
      assert.equal((await gkb.get('/admin/search-log?week=2026-11-23')).statusCode, 400, 'a week to come');
    });

    test('each list exports as a workbook with Chinese headers and the rows', async () => {
      const gkb = await staff.as('gkb');
      const res = await gkb.get(`/admin/search-log/export.xlsx?week=${THIS_WEEK}&list=top`);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /spreadsheetml/);
      assert.match(String(res.headers['content-disposition']), /attachment/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      assert.equal(ws.name, '搜索热词');
      assert.deepEqual((ws.getRow(2).values as unknown[]).slice(1), ['序号', '检索词', '搜索次数', '无结果次数', '点击次数', '点击率']);
      const rows = new Map<string, unknown[]>();
      for (let r = 3; r <= ws.rowCount; r++) rows.set(String(ws.getRow(r).getCell(2).value), (ws.getRow(r).values as unknown[]).slice(1));
      assert.deepEqual(rows.get('工资 标准')?.slice(2, 5), [3, 0, 0]);
      assert.deepEqual(rows.get('最低工资')?.slice(2, 5), [3, 0, 1]);

      const empty = await gkb.get('/admin/search-log/export.xlsx?list=empty');
      const wb2 = new ExcelJS.Workbook();
      await wb2.xlsx.load(empty.rawPayload as unknown as ArrayBuffer);
      assert.equal(wb2.worksheets[0]!.name, '无结果词');
      assert.equal(wb2.worksheets[0]!.getRow(3).getCell(2).value, '火星移民补贴');
      assert.equal((await gkb.get('/admin/search-log/export.xlsx?list=all')).statusCode, 400);
    });

    test('a best bet shows first on the library page for its query, however it is typed; deleting it is audited', async () => {
      const gkb = await staff.as('gkb');
      const form = await gkb.get(`/admin/search-log/best-bets?q=${enc('社保 补贴')}`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /id="f-query" name="query" type="text"[^>]*value="社保 补贴"/);
      const added = await gkb.post('/admin/search-log/best-bets', { query: '社保　补贴', target: `/documents/${otherDoc}`, note: '常见问法' });
      assert.equal(added.statusCode, 303, added.body.slice(0, 500));
      const title = (await t.db.selectFrom('documents').select('title').where('id', '=', otherDoc).executeTakeFirstOrThrow()).title;
      const page = await search(' 社保 补贴 ');
      const box = page.body.indexOf('id="best-bets-title"');
      assert.ok(box > 0, 'the 推荐 box is shown');
      assert.ok(box < page.body.indexOf('<ol class="list"'), 'above the results');
      assert.match(page.body.slice(box), new RegExp(`href="/search/open\\?q=[^"]+&amp;to=/documents/${otherDoc}" rel="nofollow">${title}<`));
      assert.doesNotMatch((await search('社保 补贴', '&page=2')).body, /best-bets-title/, 'on the first page only');
      const audit = await t.db.selectFrom('audit_events').select(['action', 'entity_id']).where('entity_type', '=', 'best_bet').execute();
      assert.deepEqual(audit.map((a) => a.action), ['best_bet.create']);

      const again = await gkb.post('/admin/search-log/best-bets', { query: '社保 补贴', target: String(otherDoc), note: '' });
      assert.equal(again.statusCode, 422, 'once per query and item');
      assert.match(again.body, /已推荐了/);

      const list = await gkb.get('/admin/search-log/best-bets');
      const id = /action="\/admin\/search-log\/best-bets\/(\d+)\/delete"/.exec(list.body)![1];
      assert.equal((await gkb.post(`/admin/search-log/best-bets/${id}/delete`, {})).statusCode, 303);
      assert.doesNotMatch((await search('社保 补贴')).body, /best-bets-title/);
      assert.equal((await t.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'best_bet').where('action', '=', 'best_bet.delete').execute()).length, 1);
    });

    test('a best bet never shows a draft or a withdrawn document: refused when added, hidden once withdrawn', async () => {
      const gkb = await staff.as('gkb');
      const drafter = await staff.as('city.drafter');
      await drafter.get('/admin/documents/new');
      const topic = (await t.db.selectFrom('topics').select('id').where('name', '=', '政务公开').executeTakeFirstOrThrow()).id;
      const made = await drafter.postMultipart('/admin/documents', documentForm(city, { title: '关于草稿推荐测试的通知', docNo: '', issuers: '江宁市人民政府办公室', docType: '其他文件', topicId: String(topic) }));
      assert.equal(made.statusCode, 303, made.body.slice(0, 300));
      const draft = idFromLocation(made.headers.location);
      await gkb.get('/admin/search-log/best-bets');
      const refused = await gkb.post('/admin/search-log/best-bets', { query: '草稿推荐', target: `/documents/${draft}`, note: '不应通过' });
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /当前未公开/);
      assert.match(refused.body, /id="f-query" name="query" type="text"[^>]*value="草稿推荐"/, 'what was typed is shown again');
      assert.match(refused.body, /value="不应通过"/);
      assert.equal((await gkb.post('/admin/search-log/best-bets', { query: '', target: 'https://evil.example/x', note: '' })).statusCode, 422);
      assert.equal((await t.db.selectFrom('search_best_bets').select('id').execute()).length, 0, 'nothing written');

      // Pinned while published, then withdrawn by its publisher: the library stops showing it.
      const published = (await t.db.selectFrom('documents').select('id').where('status', '=', 'published').where('org_id', '=', city).orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
      await gkb.get('/admin/search-log/best-bets');
      assert.equal((await gkb.post('/admin/search-log/best-bets', { query: '撤稿推荐', target: `https://gongkai.example.gov.cn/documents/${published}`, note: '' })).statusCode, 303);
      assert.match((await search('撤稿推荐')).body, /best-bets-title/);
      const publisher = await staff.as('city.publisher');
      await publisher.get(`/admin/review/document/${published}`);
      assert.equal((await publisher.post(`/admin/review/document/${published}/withdraw`, { withdrawalReason: 'corrected', comment: '内容有误' })).statusCode, 303);
      assert.doesNotMatch((await search('撤稿推荐')).body, /best-bets-title/, 'a withdrawn document is never recommended');
      assert.match((await gkb.get('/admin/search-log/best-bets')).body, /当前未公开，不显示/);
    });

    test('only the site group’s administrator and disclosure office open it; forms need their CSRF token', async () => {
      for (const who of ['city.drafter', 'dongshan.office', 'fgw.editor']) {
        const s = await staff.as(who);
        assert.equal((await s.get('/admin/search-log')).statusCode, 403, who);
        assert.equal((await s.get('/admin/search-log/export.xlsx?list=top')).statusCode, 403, who);
        assert.equal((await s.get('/admin/search-log/best-bets')).statusCode, 403, who);
        assert.equal((await s.post('/admin/search-log/best-bets', { query: '越权', target: `/documents/${wageDoc}` })).statusCode, 403, who);
        assert.doesNotMatch((await s.get('/admin')).body, /href="\/admin\/search-log"/, `${who}'s menu`);
      }
      const admin = await staff.as('admin');
      assert.equal((await admin.get('/admin/search-log')).statusCode, 200);
      assert.match((await admin.get('/admin')).body, /href="\/admin\/search-log">搜索分析</);
      assert.equal((await t.app.inject('/admin/search-log')).statusCode, 303, 'anonymous visitors sign in first');

      const gkb = await staff.as('gkb');
      await gkb.get('/admin/search-log/best-bets');
      const forged = await gkb.post('/admin/search-log/best-bets', { _csrf: 'forged', query: '无令牌', target: `/documents/${wageDoc}` });
      assert.equal(forged.statusCode, 403);
      assert.equal((await gkb.post('/admin/search-log/best-bets', { _csrf: '', query: '无令牌', target: `/documents/${wageDoc}` })).statusCode, 403);
      const list = await gkb.get('/admin/search-log/best-bets');
      assert.equal(list.statusCode, 200);
      assert.equal((await new TestSession(t.app).post('/admin/search-log/best-bets', { query: '无令牌', target: `/documents/${wageDoc}` })).statusCode, 403, 'anonymous, no token');
      assert.equal(await t.db.selectFrom('search_best_bets').select('id').where('query', '=', '无令牌').executeTakeFirst(), undefined);
    });

    test('instances add to the same rows; a recorder writes what it holds when it stops', async () => {
      const clock = fixedClock('2026-11-22T02:00:00Z');
      const errors: unknown[] = [];
      const a = new SearchRecorder(t.db, clock, (e) => errors.push(e));
      const b = new SearchRecorder(t.db, clock, (e) => errors.push(e));
      for (let i = 0; i < 5; i++) a.recordSearch({ q: '两个实例', total: 3 });
      for (let i = 0; i < 4; i++) b.recordSearch({ q: '两个实例', total: 0 });
      b.recordOpen('两个实例');
      await Promise.all([a.flush(), b.stop()]);
      assert.deepEqual(errors, []);
      assert.deepEqual(await row(THIS_WEEK, '两个实例'), { searches: 9, empty_searches: 4, opens: 1 });
    });
  });
}

describe('searches served from the page cache are counted too', () => {
  test('the same search twice over HTTP with the cache on counts twice', async () => {
    const t = await buildTestApp('pglite', { env: { PAGE_CACHE_SECONDS: '60' } });
    try {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
      const first = await fetch(`${base}/library?q=${enc('最低工资')}`);
      const second = await fetch(`${base}/library?q=${enc('最低工资')}`);
      assert.equal(second.headers.get('etag'), first.headers.get('etag'), 'the same cached page');
      assert.equal((await fetch(`${base}/library?q=${enc('最低工资')}`, { headers: { 'if-none-match': first.headers.get('etag')! } })).status, 304);
      await flushSearchLog(t.app);
      const r = await t.db.selectFrom('search_weeks').select(['searches']).where('query', '=', '最低工资').executeTakeFirst();
      assert.equal(r?.searches, 3);
      // The library without a query is still answered from the raw cache path.
      assert.equal((await fetch(`${base}/library`)).status, 200);
    } finally {
      await t.close();
    }
  });
});
