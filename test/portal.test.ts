import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, testDatabaseKinds, type TestApp } from './helpers/test-app.js';
import { TestSession } from './helpers/session.js';

for (const kind of testDatabaseKinds()) {
  describe(`organizations, catalogs and the portal on ${kind}`, () => {
    let t: TestApp;
    let city: number;
    before(async () => {
      t = await buildTestApp(kind);
      city = (await t.db.selectFrom('organizations').select('id').where('slug', '=', 'city').executeTakeFirstOrThrow()).id;
    });
    after(() => t.close());

    test('each organization has a portal, a disclosure guide with its office contact, and a catalog from the template', async () => {
      const portal = await t.app.inject('/org/dongshan');
      assert.equal(portal.statusCode, 200);
      assert.match(portal.body, /政府信息公开指南/);
      assert.match(portal.body, /青石镇/, 'a county lists its township');
      const guide = await t.app.inject('/org/dongshan/guide');
      assert.match(guide.body, /办公时间/);
      assert.match(guide.body, /gk-dongshan@jiangning\.example\.gov\.cn/);
      const catalog = await t.app.inject('/org/rsj/catalog/gfxwj');
      assert.match(catalog.body, /江宁市最低工资标准调整方案/);
      const townshipNodes = await t.db.selectFrom('catalog_nodes').innerJoin('organizations', 'organizations.id', 'catalog_nodes.org_id').select('catalog_nodes.slug').where('organizations.slug', '=', 'qingshi').execute();
      assert.ok(!townshipNodes.some((n) => n.slug === 'gz'), 'townships issue no 规章, so they get no such column');
      assert.equal((await t.app.inject('/org/nowhere')).statusCode, 404);
    });

    test('Atom feeds per organization and topic, and a sitemap', async () => {
      const feed = await t.app.inject('/org/rsj/feed.atom');
      assert.equal(feed.statusCode, 200);
      assert.match(feed.headers['content-type'] as string, /atom\+xml/);
      assert.match(feed.body, /<entry>/);
      assert.match(feed.body, /江宁市最低工资标准调整方案/);
      assert.doesNotMatch(feed.body, /数字经济发展三年行动计划/, 'drafts never reach feeds');
      const topic = await t.db.selectFrom('topics').select('id').where('name', '=', '财政').executeTakeFirstOrThrow();
      const byTopic = await t.app.inject(`/feed.atom?topic=${topic.id}`);
      assert.match(byTopic.body, /2026年市级部门预算公开说明/);
      assert.doesNotMatch(byTopic.body, /最低工资/);
      const sitemap = await t.app.inject('/sitemap.xml');
      assert.match(sitemap.body, /<urlset/);
      assert.match(sitemap.body, /\/org\/baisha\/guide/);
    });

    test('the navigation and both sitemaps list every section the modules declare, and each visible 专题 with its sub-columns, never a hidden one', async () => {
      const home = await t.app.inject('/');
      const nav = /<nav class="site-nav[^"]*" aria-label="主导航">([\s\S]*?)<\/nav>/.exec(home.body)![1]!;
      for (const [href, label] of [['/library', '政策文件库'], ['/interpretations', '政策解读'], ['/items', '公开信息'], ['/columns', '专题专栏'], ['/lists', '清单'], ['/apply', '申请公开'], ['/account', '个人中心']]) {
        assert.match(nav, new RegExp(`<a href="${href}">${label}</a>`), `${label} is in the main navigation`);
      }
      assert.doesNotMatch(nav, /\/deadline/, 'a sitemap-only section stays out of the navigation');

      // A hidden sub-column of the demo's 专题 is nobody's address.
      const admin = new TestSession(t.app);
      await admin.login('admin');
      const top = (await t.db.selectFrom('special_columns').select('id').where('slug', '=', 'yhyshj').executeTakeFirstOrThrow()).id;
      await admin.get(`/admin/columns/new?parent=${top}`);
      const made = await admin.post('/admin/columns', { orgId: 'site', parentId: String(top), name: '内部筹备栏目', slug: 'nbcb', introHtml: '', kinds: ['document'], open: '1', visible: '', position: '9' });
      assert.equal(made.statusCode, 303, made.body.slice(0, 400));

      const page = await t.app.inject('/sitemap');
      assert.match(page.body, /<a href="\/deadline">答复期限计算器<\/a>/);
      assert.match(page.body, /<a href="\/columns\/yhyshj">优化营商环境<\/a><ul><li><a href="\/columns\/yhyshj-hqzc">惠企政策<\/a>/, 'a 专题 lists its sub-columns under it');
      assert.doesNotMatch(page.body, /nbcb|内部筹备栏目/);

      const xml = (await t.app.inject('/sitemap.xml')).body;
      for (const path of ['/items', '/lists', '/columns', '/columns/yhyshj', '/columns/yhyshj-hqzc']) assert.match(xml, new RegExp(`<loc>http[^<]*${path}</loc>`), path);
      assert.doesNotMatch(xml, /nbcb/);
      assert.doesNotMatch(xml, /<loc>[^<]*\/(account|requests\/track)<\/loc>/, 'what robots.txt keeps out is not offered to crawlers');
      const robots = (await t.app.inject('/robots.txt')).body;
      assert.match(robots, /Disallow: \/account\n/);
    });

    test('an admin edits the guide, the 索引号 rule and the publishing rules; bad values and a non-admin are refused', async () => {
      const admin = new TestSession(t.app);
      await admin.login('admin');
      const form = await admin.get(`/admin/organizations/${city}`);
      assert.equal(form.statusCode, 200);
      const base = { name: '江宁市人民政府', shortName: '市政府', address: '江宁市人民大道1号', postcode: '210000', officeHours: '工作日 9:00—17:00', phone: '025-80000000', fax: '', email: '', guideHtml: '<p>新的指南<script>alert(1)</script></p>', reviewLevels: '2', interpretationRule: 'grace', interpretationGraceDays: '5' };
      for (const [over, message] of [[{ reviewLevels: '4' }, /审核级数须为 1 至 3/], [{ interpretationRule: 'sometimes' }, /解读要求的取值无效/], [{ interpretationGraceDays: '-1' }, /宽限期/]] as const) {
        const r = await admin.post(`/admin/organizations/${city}`, { ...base, indexTemplate: '{orgCode}/{yyyy}-{serial:5}', ...over });
        assert.equal(r.statusCode, 422, JSON.stringify(over));
        assert.match(r.body, message);
      }
      const bad = await admin.post(`/admin/organizations/${city}`, { ...base, indexTemplate: '{orgCode}/{yyyy}' });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /serial|序号/);
      const ok = await admin.post(`/admin/organizations/${city}`, { ...base, indexTemplate: '{orgCode}-{yyyy}{mm}-{serial:4}' });
      assert.equal(ok.statusCode, 303);
      const saved = await t.db.selectFrom('organizations').select(['review_levels', 'interpretation_rule', 'interpretation_grace_days']).where('id', '=', city).executeTakeFirstOrThrow();
      assert.deepEqual(saved, { review_levels: 2, interpretation_rule: 'grace', interpretation_grace_days: 5 });
      await t.db.updateTable('organizations').set({ review_levels: 3, interpretation_rule: 'required', interpretation_grace_days: 3 }).where('id', '=', city).execute();
      const guide = await t.app.inject('/org/city/guide');
      assert.match(guide.body, /新的指南/);
      assert.doesNotMatch(guide.body, /<script>alert/, 'rich text is sanitized');
      const drafter = new TestSession(t.app);
      await drafter.login('city.drafter');
      await drafter.get('/admin');
      assert.equal((await drafter.post(`/admin/organizations/${city}`, { ...base, indexTemplate: '{orgCode}/{yyyy}-{serial:5}' })).statusCode, 403);
    });

    test('an admin adds and removes catalog columns; a column with documents cannot be removed', async () => {
      const admin = new TestSession(t.app);
      await admin.login('admin');
      await admin.get(`/admin/organizations/${city}/catalog`);
      const dup = await admin.post(`/admin/organizations/${city}/catalog`, { name: '重复栏目', slug: 'gfxwj', parentId: '' });
      assert.equal(dup.statusCode, 422);
      assert.match(dup.body, /已被使用/);
      const added = await admin.post(`/admin/organizations/${city}/catalog`, { name: '重大建设项目', slug: 'zdxm', parentId: '' });
      assert.equal(added.statusCode, 303);
      const node = await t.db.selectFrom('catalog_nodes').select('id').where('org_id', '=', city).where('slug', '=', 'zdxm').executeTakeFirstOrThrow();
      await admin.get(`/admin/organizations/${city}/catalog`);
      assert.equal((await admin.post(`/admin/catalog/${node.id}/delete`, {})).statusCode, 303);
      const used = await t.db.selectFrom('catalog_nodes').select('id').where('org_id', '=', city).where('slug', '=', 'gfxwj').executeTakeFirstOrThrow();
      await admin.get(`/admin/organizations/${city}/catalog`);
      const refused = await admin.post(`/admin/catalog/${used.id}/delete`, {});
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /还有文件/);
    });
  });
}
