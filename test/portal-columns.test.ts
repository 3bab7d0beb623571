import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { publishItem } from '../src/platform/content/registry.js';
import { ConfigError, parseConfig } from '../src/config.js';
import { AUDIT_ACTIONS } from '../src/platform/audit/audit.js';
import { AUDIT_ACTION_LABELS } from '../src/platform/audit/labels.js';
import { buildTestApp, testDatabaseKinds, type TestApp } from './helpers/test-app.js';
import { sessionPool } from './helpers/session.js';

const FOOTER = { SITE_ID_CODE: '3201990001', ICP_NO: '苏ICP备20260001号-2', PSB_NO: '苏公网安备 32019902000123号', SITE_SPONSOR: '江宁市人民政府办公室', SITE_OPERATOR: '江宁市数据局', SITE_CONTACT: '电话 025-84001234', CONTACT_URL: '/org/city/guide' };
const STANDARD = ['政府信息公开指南', '政府信息公开制度', '法定主动公开内容', '政府信息公开年报', '依申请公开'];

/** Where each string first occurs in a page, to check the order things are shown in. */
const positions = (body: string, names: string[]) => names.map((n) => body.indexOf(n));
const ascending = (xs: number[]) => xs.every((x, i) => x >= 0 && (i === 0 || x > xs[i - 1]!));

for (const kind of testDatabaseKinds()) {
  describe(`the portal's columns on ${kind}`, () => {
    let t: TestApp;
    let city: number;
    const { nextTest, as } = sessionPool(() => t);
    before(async () => {
      t = await buildTestApp(kind, { env: FOOTER });
      city = (await t.db.selectFrom('organizations').select('id').where('slug', '=', 'city').executeTakeFirstOrThrow()).id;
    });
    after(() => t.close());

    test('every organization shows the five standard columns in the template order, and no empty column as “(0)”', async () => {
      for (const slug of ['city', 'rsj', 'dongshan', 'qingshi']) {
        const portal = await t.app.inject(`/org/${slug}`);
        assert.equal(portal.statusCode, 200);
        assert.ok(ascending(positions(portal.body, STANDARD)), `${slug}: ${positions(portal.body, STANDARD)}`);
        assert.doesNotMatch(portal.body, /\(0\)/, `${slug} shows no empty count`);
      }
      const rsj = await t.app.inject('/org/rsj');
      assert.match(rsj.body, /行政规范性文件<\/a><span class="note"> \(2\)/, 'a column with files shows how many');
      assert.doesNotMatch(rsj.body, /机构概况/, 'a column without anything public is not shown');
      assert.match(rsj.body, /href="\/org\/rsj\/guide"/);
      assert.match(rsj.body, /href="\/apply\?org=rsj"/, '依申请公开 leads to the application form');
      assert.match(rsj.body, /href="\/requests\/track"/);
      // The column page of an empty column still answers, saying so.
      const empty = await t.app.inject('/org/rsj/catalog/gknb');
      assert.equal(empty.statusCode, 200);
      assert.match(empty.body, /本栏目暂无信息/);
    });

    test('the back office offers the columns in the template order too', async () => {
      nextTest();
      const s = await as('city.drafter');
      const form = await s.get('/admin/documents/new');
      const select = /<select id="f-catalogNodeId"[\s\S]*?<\/select>/.exec(form.body)![0];
      assert.ok(ascending(positions(select, ['政府信息公开指南', '政府信息公开制度', '法定主动公开内容', '机构职能', '机构概况', '法规文件', '行政规范性文件', '政策解读', '政府信息公开年报', '依申请公开'])));
      assert.match(select, /　　行政规范性文件/, 'a sub-column is indented by its depth');
    });

    test('a standard column cannot be removed', async () => {
      nextTest();
      const admin = await as('admin');
      const rules = await t.db.selectFrom('catalog_nodes').select('id').where('org_id', '=', city).where('role', '=', 'rules').executeTakeFirstOrThrow();
      await admin.get(`/admin/organizations/${city}/catalog`);
      const refused = await admin.post(`/admin/catalog/${rules.id}/delete`, {});
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /标准栏目，不能删除/);
      assert.ok(await t.db.selectFrom('catalog_nodes').select('id').where('id', '=', rules.id).executeTakeFirst());
    });

    test('published interpretations are listed and counted in 政策解读; a draft and a withdrawn one never appear', async () => {
      nextTest();
      const doc = await t.db.selectFrom('documents').select('id').where('org_id', '=', city).where('status', '=', 'published').executeTakeFirstOrThrow();
      const drafter = await as('city.drafter');
      await drafter.get('/admin/interpretations/new');
      const make = async (title: string) => {
        const r = await drafter.post('/admin/interpretations', { orgId: String(city), title, form: 'text', department: '市政府办公室', contact: '025-84000000', bodyHtml: '<p>解读正文。</p>', documentRefs: '', documentIds: String(doc.id), action: 'save' });
        assert.equal(r.statusCode, 303, r.body.slice(0, 300));
        return Number(/\/admin\/interpretations\/(\d+)/.exec(String(r.headers.location))![1]);
      };
      await make('草稿中的解读不公开');
      const withdrawn = await make('已撤稿的解读不再列出');
      await t.db.transaction().execute((trx) => publishItem(trx, { db: t.db, clock: t.clock, actor: { id: null, label: '测试' } }, 'interpretation', withdrawn));
      assert.match((await t.app.inject('/interpretations')).body, /已撤稿的解读不再列出/, 'published, it is listed');
      const publisher = await as('city.publisher');
      await publisher.get(`/admin/review/interpretation/${withdrawn}`);
      const w = await publisher.post(`/admin/review/interpretation/${withdrawn}/withdraw`, { withdrawalReason: 'corrected', comment: '内容有误，更正后重新发布' });
      assert.equal(w.statusCode, 303);

      const published = await t.db.selectFrom('interpretations').select(['id', 'title']).where('org_id', '=', city).where('status', '=', 'published').where('edition_of', 'is', null).execute();
      assert.ok(published.length >= 1);
      for (const url of ['/interpretations', '/interpretations?org=city', '/org/city/catalog/zcjd', '/sitemap.xml', '/sitemap']) {
        const page = await t.app.inject(url);
        assert.equal(page.statusCode, 200, url);
        assert.doesNotMatch(page.body, /草稿中的解读不公开|已撤稿的解读不再列出/, url);
        if (!url.startsWith('/sitemap')) for (const i of published) assert.ok(page.body.includes(i.title), `${url} lists ${i.title}`);
      }
      assert.match((await t.app.inject('/sitemap.xml')).body, new RegExp(`/interpretations/${published[0]!.id}<`));
      const portal = await t.app.inject('/org/city');
      assert.match(portal.body, new RegExp(`政策解读</a><span class="note"> \\(${published.length}\\)`), 'the column counts the published interpretations only');
      const rsj = await t.app.inject('/interpretations?org=rsj');
      assert.doesNotMatch(rsj.body, new RegExp(published[0]!.title.replace(/[《》]/g, '.')), 'filtered by organization');
      assert.equal((await t.app.inject('/interpretations?org=nowhere')).statusCode, 404);
    });

    test('the back office lists the empty columns of the organizations in the staff member’s scope', async () => {
      nextTest();
      const rsj = await as('rsj.editor');
      const own = await rsj.get('/admin/columns/empty');
      assert.equal(own.statusCode, 200);
      assert.match(own.body, /江宁市人力资源和社会保障局/);
      assert.match(own.body, /机构概况/);
      assert.match(own.body, /政府信息公开年报/, 'an empty standard column is listed to be filled');
      assert.doesNotMatch(own.body, /<td>行政规范性文件<\/td>/, 'a column with files is not empty');
      assert.doesNotMatch(own.body, /<td>政府信息公开指南<\/td>|<td>依申请公开<\/td>/, 'the guide and the request forms are never empty');
      assert.doesNotMatch(own.body, /东山县|江宁市人民政府（/, 'other organizations are out of scope');
      const office = await as('dongshan.office');
      const below = await office.get('/admin/columns/empty');
      assert.match(below.body, /东山县/);
      assert.match(below.body, /青石镇/, 'a disclosure office sees the organizations below it');
      assert.doesNotMatch(below.body, /江宁市人力资源和社会保障局/);
      const anonymous = await t.app.inject('/admin/columns/empty');
      assert.equal(anonymous.statusCode, 303);
    });

    test('every public page carries the footer from configuration; a wrong number stops the start', async () => {
      for (const url of ['/', '/org/city', '/library', '/interpretations', '/nowhere']) {
        const page = await t.app.inject(url);
        const footer = /<footer[\s\S]*<\/footer>/.exec(page.body)![0];
        for (const v of ['网站标识码：3201990001', '苏ICP备20260001号-2', '苏公网安备 32019902000123号', '主办：江宁市人民政府办公室', '承办：江宁市数据局', '电话 025-84001234']) assert.ok(footer.includes(v), `${url}: ${v}`);
        assert.match(footer, /href="\/sitemap">网站地图/);
        assert.match(footer, /href="\/org\/city\/guide">联系我们/);
        assert.match(footer, /beian\.mps\.gov\.cn\/#\/query\/webSearch\?code=32019902000123/);
      }
      const defaults = parseConfig({ CORPUS_PATH: 'none' });
      assert.match(defaults.footer.icpNo ?? '', /ICP备/, 'the demo shows sample numbers');
      // A live site shows only the numbers it was given, never the samples.
      const live = parseConfig({ CORPUS_PATH: 'none', NODE_ENV: 'production', PUBLIC_URL: 'https://gk.example.gov.cn', ICP_NO: '苏ICP备20260001号-2' });
      assert.deepEqual([live.footer.siteIdCode, live.footer.icpNo, live.footer.psbNo], [null, '苏ICP备20260001号-2', null]);
      for (const [key, value, message] of [['SITE_ID_CODE', '12345', /网站标识码/], ['ICP_NO', 'ICP 12345', /ICP 备案号/], ['PSB_NO', '公安 1', /公安备案号/], ['CONTACT_URL', 'javascript:alert(1)', /联系我们/], ['PORT', 'abc', /PORT: 格式不正确/]] as const) {
        assert.throws(() => parseConfig({ CORPUS_PATH: 'none', [key]: value }), (e: unknown) => e instanceof ConfigError && message.test(e.message) && !/expected|Invalid|string|number/.test(e.message), key);
      }
    });

    test('网站地图 lists every section and organization with its columns; robots.txt and the icon', async () => {
      const map = await t.app.inject('/sitemap');
      assert.equal(map.statusCode, 200);
      for (const s of ['政策文件库', '政策解读', '申请政府信息公开', '江宁市人民政府', '东山县', '青石镇', ...STANDARD]) assert.ok(map.body.includes(s), s);
      assert.match(map.body, /href="\/org\/rsj\/catalog\/gfxwj"/);
      assert.doesNotMatch(map.body, /href="\/org\/rsj\/catalog\/jggk"/, 'an empty column is not on the map');
      const xml = await t.app.inject('/sitemap.xml');
      assert.match(xml.body, /\/org\/rsj\/catalog\/gfxwj</);
      assert.match(xml.body, /\/interpretations</);
      assert.doesNotMatch(xml.body, /\/catalog\/jggk</);
      const robots = await t.app.inject('/robots.txt');
      assert.equal(robots.statusCode, 200);
      assert.match(robots.headers['content-type'] as string, /text\/plain/);
      for (const line of ['Disallow: /admin', 'Disallow: /account', 'Disallow: /requests/', 'Sitemap: http://localhost:3000/sitemap.xml']) assert.ok(robots.body.includes(line), line);
      assert.doesNotMatch(robots.body, /Disallow: \/\n|Disallow: \/library|Disallow: \/documents/);
      const icon = await t.app.inject('/favicon.ico');
      assert.equal(icon.statusCode, 200);
      assert.equal(icon.headers['content-type'], 'image/x-icon');
      assert.deepEqual([...icon.rawPayload.subarray(0, 4)], [0, 0, 1, 0], 'an ICO header');
    });

    test('the audit log and the outbox speak Chinese', async () => {
      nextTest();
      for (const a of AUDIT_ACTIONS) assert.match(AUDIT_ACTION_LABELS[a], /\p{Script=Han}/u, a);
      const admin = await as('admin');
      const log = await admin.get('/admin/audit');
      assert.equal(log.statusCode, 200);
      const table = /<tbody>[\s\S]*<\/tbody>/.exec(log.body)![0];
      assert.match(table, /工作人员登录/);
      assert.doesNotMatch(table, /<td>[a-z_]+\.[a-z_]+<\/td>|<td>[a-z_]+ #/, 'no action code or table name');
      const outbox = await admin.get('/admin/outbox');
      assert.equal(outbox.statusCode, 200);
      const rows = /<tbody>[\s\S]*<\/tbody>/.exec(outbox.body)?.[0] ?? '';
      assert.doesNotMatch(rows, /account_|subscription<|referral_/);
    });

    test('every /api/v1 error is { code, message } with a Chinese message and no English value in it', async () => {
      nextTest();
      const doc = await t.db.selectFrom('documents as d').innerJoin('organizations as o', 'o.id', 'd.org_id').select('d.id').where('o.slug', '=', 'czj').where('d.status', '=', 'published').executeTakeFirstOrThrow();
      const czj = await as('czj.editor');
      await czj.get(`/admin/review/document/${doc.id}`);
      assert.equal((await czj.post(`/admin/review/document/${doc.id}/withdraw`, { withdrawalReason: 'privacy', comment: '含个人信息，撤下' })).statusCode, 303);
      const cases: [string, number, string][] = [
        ['/api/v1/documents?validity=bogus', 400, 'bad_request'],
        ['/api/v1/documents?sort=oldest', 400, 'bad_request'],
        ['/api/v1/documents?pageSize=abc', 400, 'bad_request'],
        [`/api/v1/documents?docType=${encodeURIComponent('没有的文种')}`, 400, 'bad_request'],
        ['/api/v1/deadline?receivedOn=yesterday', 400, 'bad_request'],
        ['/api/v1/ask', 400, 'bad_request'],
        ['/api/v1/documents/999999', 404, 'not_found'],
        ['/api/v1/documents/abc', 404, 'not_found'],
        ['/api/v1/nothing-here', 404, 'not_found'],
        [`/api/v1/documents/${doc.id}`, 410, 'gone'],
      ];
      for (const [url, status, code] of cases) {
        const r = await t.app.inject(url);
        assert.equal(r.statusCode, status, url);
        assert.match(r.headers['content-type'] as string, /application\/json/, url);
        const body = r.json() as Record<string, unknown>;
        assert.deepEqual(Object.keys(body).sort(), ['code', 'message'], url);
        assert.equal(body.code, code, url);
        assert.match(String(body.message), /\p{Script=Han}/u, url);
        assert.doesNotMatch(String(body.message), /[A-Za-z]{3,}/, `${url}: ${body.message}`);
      }
      let limited;
      for (let i = 0; i < 70 && !limited; i++) {
        const r = await t.app.inject({ url: '/api/v1/ask?q=', remoteAddress: '203.0.113.9' });
        if (r.statusCode === 429) limited = r;
      }
      assert.ok(limited, 'the rate limit answers 429');
      assert.deepEqual(limited.json(), { code: 'rate_limited', message: (limited.json() as { message: string }).message });
      assert.match((limited.json() as { message: string }).message, /操作过于频繁/);
    });
  });
}
