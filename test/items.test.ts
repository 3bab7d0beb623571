import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { contentKind } from '../src/platform/content/registry.js';
import { listCatalogItems } from '../src/platform/content/listing.js';
import { itemJobHandlers, takeDownEndedPublicity } from '../src/modules/items/public.js';
import { sql } from 'kysely';
import { parseQuery } from '../src/platform/search/index.js';
import { publishItem } from '../src/platform/content/registry.js';
import { fanout, makeAccount } from './helpers/subscriptions.js';
import { sessionPool } from './helpers/session.js';
import { idFromLocation } from './helpers/publish.js';
import { buildTestApp, testDatabaseKinds, type TestApp } from './helpers/test-app.js';

const ID_NUMBER = '11010519491231002X';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** A day `n` days from `date`. */
const addDays = (date: string, n: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

for (const kind of testDatabaseKinds()) {
  describe(`information items (信息) on ${kind}`, () => {
    let t: TestApp;
    const pool = sessionPool(() => t);
    const as = (u: string) => pool.as(u);
    let fgw: number;
    let topic: number;
    before(async () => {
      t = await buildTestApp(kind);
      fgw = (await t.db.selectFrom('organizations').select('id').where('slug', '=', 'fgw').executeTakeFirstOrThrow()).id;
      topic = (await t.db.selectFrom('topics').select('id').where('name', '=', '政务公开').executeTakeFirstOrThrow()).id;
    });
    after(() => t.close());
    beforeEach(() => pool.nextTest());

    const form = (over: Record<string, string | string[]> = {}): Record<string, string | string[]> => ({
      orgId: String(fgw), category: 'notice', catalogNodeId: '', title: '关于开展2026年度价格监测调查的通知', topicId: String(topic), attribute: 'public', source: '市发展改革委价格处',
      bodyHtml: '<p>各县（区）发展改革部门：请于12月20日前报送价格监测数据。</p>', ...over,
    });
    async function create(over: Record<string, string | string[]> = {}, files: { field: string; filename: string; content: Buffer; contentType: string }[] = []) {
      const s = await as('fgw.editor');
      await s.get('/admin/items/new');
      const res = await s.postMultipart('/admin/items', form(over), files);
      assert.equal(res.statusCode, 303, res.body.slice(0, 600));
      return idFromLocation(res.headers.location);
    }
    async function act(username: string, id: number, action: string, f: Record<string, string> = {}) {
      const s = await as(username);
      await s.get(`/admin/review/info/${id}`);
      return s.post(`/admin/review/info/${id}/${action}`, f);
    }
    /** Submitted by the drafter, approved by the department's reviewer, published by its publisher. */
    async function publishThroughReview(id: number) {
      assert.equal((await act('fgw.editor', id, 'submit')).statusCode, 303);
      assert.equal((await act('fgw.reviewer', id, 'approve')).statusCode, 303);
      assert.equal((await act('fgw.editor', id, 'publish')).statusCode, 303);
      t.app.pageCache.clear();
    }
    const row = (id: number) => t.db.selectFrom('info_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const count = async (table: 'info_items' | 'info_item_attachments' | 'audit_events') => Number((await t.db.selectFrom(table).select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    /** Every public surface this kind adds or joins, for one item: what each shows of it. */
    async function publicSurfaces(id: number, title: string, slug = 'fgw', node = 'tzgg') {
      t.app.pageCache.clear();
      const i = await row(id);
      const category = i.category === 'publicity' ? '公示' : '通知公告';
      const [page, list, orgList, feed, column, sitemap] = await Promise.all([
        t.app.inject(`/items/${id}`), t.app.inject(`/items?category=${encodeURIComponent(category)}`), t.app.inject(`/items?org=${slug}`),
        t.app.inject(`/items/feed.atom?category=${encodeURIComponent(category)}`), t.app.inject(`/org/${slug}/catalog/${node}`), t.app.inject('/sitemap.xml'),
      ]);
      const catalog = await listCatalogItems(t.db, { orgId: i.org_id, limit: 100 });
      return {
        page: page.statusCode,
        body: page.body,
        list: list.body.includes(`href="/items/${id}"`),
        orgList: orgList.body.includes(`href="/items/${id}"`),
        feed: feed.body.includes(`/items/${id}<`) || feed.body.includes(title),
        column: column.body.includes(`/items/${id}"`),
        sitemap: sitemap.body.includes(`/items/${id}<`),
        catalog: catalog.rows.some((r) => r.type === 'info' && r.id === id),
      };
    }

    test('bad input is refused in Chinese with 422, the form keeps what was typed, and nothing is written', async () => {
      const s = await as('fgw.editor');
      await s.get('/admin/items/new');
      const czjNode = (await t.db.selectFrom('catalog_nodes as c').innerJoin('organizations as o', 'o.id', 'c.org_id').select('c.id').where('o.slug', '=', 'czj').executeTakeFirstOrThrow()).id;
      const before = { items: await count('info_items'), audit: await count('audit_events') };
      const cases: [Record<string, string>, RegExp][] = [
        [{ title: '' }, /请填写标题/],
        [{ title: '<b>通知</b>' }, /尖括号/],
        [{ category: 'gossip' }, /栏目类别的取值无效/],
        [{ attribute: 'secret' }, /公开属性的取值无效/],
        [{ category: 'publicity', publicityStart: '2026-12-10', publicityEnd: '2026-12-01' }, /公示期的结束日期不能早于开始日期/],
        [{ category: 'publicity', publicityStart: '2026-12-01', publicityEnd: '2026-12-31', publicityScope: 'residents' }, /请填写区域/],
        [{ publicityStart: '2026-02-30' }, /公示开始日期格式应为/],
        [{ catalogNodeId: String(czjNode) }, /所选栏目不属于该机构的公开目录/],
        [{ topicId: '99999999' }, /主题分类不存在/],
        [{ category: 'statistics' }, /没有“统计信息”栏目/],
      ];
      for (const [over, message] of cases) {
        const res = await s.postMultipart('/admin/items', form({ source: '保留输入的来源', ...over }));
        assert.equal(res.statusCode, 422, JSON.stringify(over));
        assert.match(res.body, message, JSON.stringify(over));
        assert.match(res.body, /value="保留输入的来源"/, 'the typed values are kept');
      }
      const bad = await s.postMultipart('/admin/items', form(), [{ field: 'attachments', filename: '名单.pdf', content: Buffer.from('not a pdf at all'), contentType: 'application/pdf' }]);
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /扩展名与实际内容不符/);
      // Without the CSRF token, nothing happens either.
      assert.equal((await s.postMultipart('/admin/items', { ...form(), _csrf: 'forged' })).statusCode, 403);
      assert.deepEqual({ items: await count('info_items'), audit: await count('audit_events') }, before);
    });

    test('a notice goes draft → submitted → approved → published through the shared workflow; a revision is merged; a withdrawal takes it off every public surface', async () => {
      const id = await create({}, [{ field: 'attachments', filename: '价格监测表.pdf', content: PDF, contentType: 'application/pdf' }]);
      const draft = await row(id);
      assert.equal(draft.status, 'draft');
      assert.equal(draft.index_no, null);
      const node = await t.db.selectFrom('catalog_nodes').select('slug').where('id', '=', draft.catalog_node_id!).executeTakeFirstOrThrow();
      assert.equal(node.slug, 'tzgg', 'filed in the column of its category by default');
      const att = (await t.db.selectFrom('info_item_attachments').select('id').where('item_id', '=', id).executeTakeFirstOrThrow()).id;
      // A draft is on no public surface, nor is its attachment.
      const hidden = await publicSurfaces(id, '关于开展2026年度价格监测调查的通知');
      assert.deepEqual({ ...hidden, body: undefined }, { page: 404, body: undefined, list: false, orgList: false, feed: false, column: false, sitemap: false, catalog: false });
      assert.equal((await t.app.inject(`/items/${id}/attachments/${att}`)).statusCode, 404);
      // Staff see it, with its status and the link to its review page.
      const adminPage = await (await as('fgw.editor')).get(`/admin/items/${id}`);
      assert.match(adminPage.body, /状态：<strong>草稿<\/strong>/);
      assert.match(adminPage.body, new RegExp(`href="/admin/review/info/${id}"[^>]*>审核与发布`));
      assert.match((await (await as('fgw.editor')).get('/admin/items?category=notice&status=draft')).body, /关于开展2026年度价格监测调查的通知/);
      assert.doesNotMatch((await (await as('fgw.editor')).get('/admin/items?category=news')).body, /关于开展2026年度价格监测调查的通知/);

      assert.equal((await act('fgw.editor', id, 'submit')).statusCode, 303);
      assert.equal((await row(id)).status, 'submitted');
      assert.deepEqual(await publicSurfaces(id, 'x').then((s) => s.page), 404, 'submitted is not public');
      assert.equal((await act('fgw.reviewer', id, 'approve')).statusCode, 303);
      assert.equal((await row(id)).status, 'approved');
      assert.equal((await publicSurfaces(id, 'x')).page, 404, 'approved is not public');
      assert.equal((await act('fgw.editor', id, 'publish')).statusCode, 303);
      const live = await row(id);
      assert.equal(live.status, 'published');
      assert.match(live.index_no ?? '', /^113201000000101\/2026-\d{5}$/, '索引号 allocated at first publication');
      assert.equal(live.published_on, t.clock.today());

      const shown = await publicSurfaces(id, '关于开展2026年度价格监测调查的通知');
      assert.deepEqual({ ...shown, body: undefined }, { page: 200, body: undefined, list: true, orgList: true, feed: true, column: true, sitemap: true, catalog: true });
      assert.match(shown.body, new RegExp(`<th scope="row">索引号</th><td>${live.index_no!.replace('/', '\\/')}</td><th scope="row">主题分类</th><td>综合政务\\\\政务公开</td>`));
      assert.match(shown.body, /<th scope="row">发布机构<\/th><td>江宁市发展和改革委员会<\/td>/);
      assert.match(shown.body, /市发展改革委价格处/);
      assert.match(shown.body, /请于12月20日前报送价格监测数据/);
      const file = await t.app.inject(`/items/${id}/attachments/${att}`);
      assert.equal(file.statusCode, 200);
      assert.match(String(file.headers['content-disposition']), /%E4%BB%B7%E6%A0%BC/);

      // A revision: an edition row; the public keeps the live text until the edition is published into it.
      const s = await as('fgw.editor');
      assert.match((await s.get(`/admin/items/${id}/edit`)).body, /保存后将生成修订版本/);
      const rev = await s.postMultipart(`/admin/items/${id}`, form({ title: '关于开展2026年度价格监测调查的通知（更正）', bodyHtml: '<p>报送截止日期更正为12月25日。</p>', changeNote: '更正报送截止日期' }));
      assert.equal(rev.statusCode, 303, rev.body.slice(0, 500));
      const edition = idFromLocation(rev.headers.location);
      assert.notEqual(edition, id);
      assert.equal((await row(edition)).edition_of, id);
      assert.equal((await t.app.inject(`/items/${edition}`)).statusCode, 404, 'an edition is never public');
      t.app.pageCache.clear();
      assert.match((await t.app.inject(`/items/${id}`)).body, /12月20日前/);
      await publishThroughReview(edition);
      const merged = await t.db.selectFrom('info_items').select(['id', 'status', 'title', 'index_no']).where('id', 'in', [id, edition]).orderBy('id').execute();
      assert.deepEqual(merged.map((m) => [m.status, m.title]), [['published', '关于开展2026年度价格监测调查的通知（更正）'], ['merged', '关于开展2026年度价格监测调查的通知（更正）']]);
      assert.equal(merged[0]!.index_no, live.index_no, 'the index number stays');
      const page = await t.app.inject(`/items/${id}`);
      assert.match(page.body, /12月25日/);
      assert.match(page.body, /更正报送截止日期/, 'the public change note');
      const newAtt = (await t.db.selectFrom('info_item_attachments').select('id').where('item_id', '=', id).where('removed_at', 'is', null).executeTakeFirstOrThrow()).id;
      assert.equal((await t.app.inject(`/items/${id}/attachments/${newAtt}`)).statusCode, 200, 'the attachment moved with the edition');
      assert.equal((await t.app.inject(`/items/${id}/attachments/${att}`)).statusCode, 404, 'the old row of it is retired');

      // Withdrawn with a public notice: the page says so, without the body; every list drops it.
      assert.equal((await act('fgw.editor', id, 'withdraw', { withdrawalReason: 'corrected', comment: '内容有误，更正后重新发布' })).statusCode, 303);
      const gone = await publicSurfaces(id, '关于开展2026年度价格监测调查的通知（更正）');
      assert.deepEqual({ ...gone, body: undefined }, { page: 200, body: undefined, list: false, orgList: false, feed: false, column: false, sitemap: false, catalog: false });
      assert.match(gone.body, /已撤稿/);
      assert.doesNotMatch(gone.body, /12月25日/);
      assert.equal((await t.app.inject(`/items/${id}/attachments/${newAtt}`)).statusCode, 404);
      assert.equal((await t.app.inject(`/items/${id}/compare`)).statusCode, 410);
      const actions = await t.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'info').where('entity_id', 'in', [String(id), String(edition)]).orderBy('seq').execute();
      assert.deepEqual([...new Set(actions.map((a) => a.action))], ['info.create', 'info.attachment_add', 'review.submit', 'review.approve', 'info.publish', 'review.publish', 'info.edition_create', 'review.withdraw']);
    });

    test('the automatic checks find personal data in an item, and the rules block what may not go public', async () => {
      const id = await create({ title: '关于公布2026年度价格监测员名单的通知', bodyHtml: `<p>王某某（身份证号 ${ID_NUMBER}）任价格监测员。</p>`, attribute: 'on_request', source: '', topicId: '' });
      const blocked = await act('fgw.editor', id, 'submit');
      assert.equal(blocked.statusCode, 422);
      const page = await (await as('fgw.editor')).get(`/admin/review/info/${id}`);
      assert.match(page.body, new RegExp(`<mark class="finding-block"[^>]*>${ID_NUMBER}`), 'the ID number is highlighted');
      assert.match(page.body, /缺少必备的元数据：主题分类、来源/);
      assert.match(page.body, /公开属性为“依申请公开”的信息不能在门户发布/);
      assert.equal((await row(id)).status, 'draft');
      const report = await contentKind('info').ruleFindings(t.db, id, { db: t.db, clock: t.clock, actor: { id: null, label: '测试' } });
      assert.deepEqual(report.map((f) => f.key).sort(), ['rule:attribute', 'rule:metadata']);
      // A 公示 without its period, scope and ending cannot go to review either.
      const rsj = (await t.db.selectFrom('organizations').select('id').where('slug', '=', 'rsj').executeTakeFirstOrThrow()).id;
      const s = await as('rsj.editor');
      await s.get('/admin/items/new');
      const res = await s.postMultipart('/admin/items', form({ orgId: String(rsj), category: 'publicity', title: '拟表彰先进集体公示', source: '市人社局' }));
      assert.equal(res.statusCode, 303, res.body.slice(0, 500));
      const notice = idFromLocation(res.headers.location);
      assert.equal((await act('rsj.editor', notice, 'submit')).statusCode, 422);
      assert.match((await s.get(`/admin/review/info/${notice}`)).body, /请填写公示期的起止日期；请选择公示范围；请选择公示期满后的处理方式/);
    });

    test('a 公示 runs its period; with the injected clock past its end, the daily job takes down those to be removed and keeps the others marked as ended', async () => {
      const rsj = (await t.db.selectFrom('organizations').select('id').where('slug', '=', 'rsj').executeTakeFirstOrThrow()).id;
      const today = t.clock.today();
      const s = await as('rsj.editor');
      async function publicity(title: string, afterPeriod: 'keep' | 'remove') {
        await s.get('/admin/items/new');
        const res = await s.postMultipart('/admin/items', form({
          orgId: String(rsj), category: 'publicity', title, source: '市人社局', bodyHtml: `<p>${title}的正文：公示期间如有异议，请向市人社局反映。</p>`,
          publicityStart: today, publicityEnd: addDays(today, 2), publicityScope: 'residents', publicityPlace: '江宁市市区居民', afterPeriod,
        }));
        assert.equal(res.statusCode, 303, res.body.slice(0, 500));
        const id = idFromLocation(res.headers.location);
        assert.equal((await act('rsj.editor', id, 'submit')).statusCode, 303);
        assert.equal((await act('rsj.reviewer', id, 'approve')).statusCode, 303);
        assert.equal((await act('rsj.editor', id, 'publish')).statusCode, 303);
        return id;
      }
      const removed = await publicity('2026年度市级劳动模范拟推荐人选公示', 'remove');
      const kept = await publicity('2026年度人力资源服务许可审批结果公示', 'keep');
      const running = await publicSurfaces(removed, '2026年度市级劳动模范拟推荐人选公示', 'rsj', 'gsgg');
      assert.deepEqual({ ...running, body: undefined }, { page: 200, body: undefined, list: true, orgList: true, feed: true, column: true, sitemap: true, catalog: true });
      assert.match(running.body, /（公示中）/);
      assert.match(running.body, /<th scope="row">公示范围<\/th><td>江宁市市区居民<\/td>/);

      // On the last day of the period nothing changes; the day after, the job takes the one to be removed down.
      t.clock.set(new Date(`${addDays(today, 2)}T15:00:00Z`)); // 23:00 China time on the end day
      assert.equal(await takeDownEndedPublicity(t.db, t.clock), 0);
      t.clock.set(new Date(`${addDays(today, 2)}T16:05:00Z`)); // 00:05 China time, the next day
      let changed = 0;
      await itemJobHandlers(t.db, t.clock, () => changed++)['end-publicity-periods']!.run({});
      assert.equal(changed, 1);
      assert.equal(await takeDownEndedPublicity(t.db, t.clock), 0, 'a rerun finds nothing left');
      assert.ok((await row(removed)).taken_down_at);
      assert.equal((await row(kept)).taken_down_at, null);
      const job = await t.db.selectFrom('jobs').select('name').where('name', '=', 'end-publicity-periods').executeTakeFirst();
      assert.ok(job, 'the daily job is scheduled at start-up');

      const down = await publicSurfaces(removed, '2026年度市级劳动模范拟推荐人选公示', 'rsj', 'gsgg');
      assert.deepEqual({ ...down, body: undefined }, { page: 200, body: undefined, list: false, orgList: false, feed: false, column: false, sitemap: false, catalog: false });
      assert.match(down.body, /公示期已满，<\/strong>本公示已于 <time datetime="[\d-]+">[^<]+<\/time> 撤下/);
      assert.doesNotMatch(down.body, /公示期间如有异议/, 'without the body');
      assert.equal((await t.app.inject(`/items/${removed}/compare`)).statusCode, 410);
      const audit = await t.db.selectFrom('audit_events').select(['action', 'actor_label']).where('entity_type', '=', 'info').where('entity_id', '=', String(removed)).where('action', '=', 'info.take_down').execute();
      assert.equal(audit.length, 1);
      // A taken-down 公示 cannot be edited back onto the portal.
      pool.nextTest(); // the clock moved days on: sign in again
      assert.equal((await (await as('rsj.editor')).get(`/admin/items/${removed}/edit`)).statusCode, 403);

      const ended = await publicSurfaces(kept, '2026年度人力资源服务许可审批结果公示', 'rsj', 'gsgg');
      assert.deepEqual({ ...ended, body: undefined }, { page: 200, body: undefined, list: true, orgList: true, feed: true, column: true, sitemap: true, catalog: true });
      assert.match(ended.body, /公示期已结束/);
      assert.match(ended.body, /公示期间如有异议/);
    });

    test('staff see and edit only their own organizations’ items', async () => {
      const id = await create({ title: '市发展改革委内部草稿' });
      const county = await as('dongshan.editor');
      assert.equal((await county.get(`/admin/items/${id}`)).statusCode, 404);
      assert.equal((await county.get(`/admin/items/${id}/edit`)).statusCode, 404);
      assert.doesNotMatch((await county.get('/admin/items')).body, /市发展改革委内部草稿/);
      await county.get('/admin/items/new');
      assert.equal((await county.postMultipart(`/admin/items/${id}`, form({ title: '篡改' }))).statusCode, 404);
      assert.equal((await county.postMultipart('/admin/items', form({ title: '越权新建' }))).statusCode, 403);
      assert.equal((await row(id)).title, '市发展改革委内部草稿');
      assert.match((await (await as('gkb')).get('/admin/items')).body, /市发展改革委内部草稿/, 'the disclosure office above sees it');
    });

    test('subscribers following the organization or a keyword get a published item in their inbox; a draft is never pushed', async () => {
      const account = await makeAccount(t, 'items-subscriber@example.com');
      const reader = await makeAccount(t, 'items-keyword@example.com');
      const keyword = parseQuery('价格监测', { maxLength: 30 }).tsquery;
      await t.db.insertInto('subscriptions').values([
        { account_id: account, kind: 'org', org_id: fgw, topic_id: null, term: '', keyword_query: null, email: false, created_at: t.clock.now() },
        { account_id: reader, kind: 'keyword', org_id: null, topic_id: null, term: '价格监测', keyword_query: sql<string>`to_tsquery('simple', ${keyword})` as never, email: false, created_at: t.clock.now() },
      ]).execute();
      const id = await create({ title: '关于开展农产品价格监测的通知' });
      const inbox = () => t.db.selectFrom('inbox_items').select(['account_id', 'item_type', 'item_id', 'url', 'summary']).where('account_id', 'in', [account, reader]).orderBy('account_id').execute();
      const draft = await create({ title: '价格监测草稿' });
      assert.equal((await fanout(t, 'info', draft)).state, 'skipped', 'a draft is not pushed');
      assert.deepEqual(await inbox(), []);
      await t.db.transaction().execute((trx) => publishItem(trx, { db: t.db, clock: t.clock, actor: { id: null, label: '测试' } }, 'info', id));
      await fanout(t, 'info', id);
      const got = { item_type: 'info', item_id: id, url: `/items/${id}`, summary: '市发展改革委 · 通知公告' };
      assert.deepEqual(await inbox(), [{ account_id: account, ...got }, { account_id: reader, ...got }], 'by the organization, and by the keyword in the title');
    });

    test('一键替换 saves a published item again through its own command: an edition with the words replaced', async () => {
      const id = await create({ title: '关于开展2026年度物价检测工作的通知', bodyHtml: '<p>物价检测数据按月报送。</p>' });
      await t.db.transaction().execute((trx) => publishItem(trx, { db: t.db, clock: t.clock, actor: { id: null, label: '测试' } }, 'info', id));
      const editor = await t.db.selectFrom('staff').select(['id', 'username', 'display_name']).where('username', '=', 'fgw.editor').executeTakeFirstOrThrow();
      const actor = { id: editor.id, username: editor.username, displayName: editor.display_name, roles: [{ orgId: fgw, role: 'drafter' as const }] };
      const edition = await contentKind('info').saveEditedText!({ db: t.db, clock: t.clock, actor: { id: editor.id, label: editor.display_name } }, {
        actor, id, edit: (_f, v) => v.replaceAll('物价检测', '价格监测'), confirmEdited: () => {}, note: '错别字', storage: null as never,
      });
      const rows = await t.db.selectFrom('info_items').select(['id', 'title', 'body_text', 'status', 'edition_of']).where('id', 'in', [id, edition]).orderBy('id').execute();
      assert.deepEqual(rows, [
        { id, title: '关于开展2026年度物价检测工作的通知', body_text: '物价检测数据按月报送。', status: 'published', edition_of: null },
        { id: edition, title: '关于开展2026年度价格监测工作的通知', body_text: '价格监测数据按月报送。', status: 'draft', edition_of: id },
      ]);
    });

    test('the demo has notices, news and a running 公示 on the portal', async () => {
      t.app.pageCache.clear();
      const list = await t.app.inject('/items?category=公示');
      assert.match(list.body, /拟任职干部任前公示/);
      assert.match((await t.app.inject('/items?category=notice')).body, /冬季高校毕业生专场招聘会/);
      assert.match((await t.app.inject('/org/qingshi/catalog/gzdt')).body, /农田水利设施检修/);
      assert.equal((await t.app.inject('/items?category=nonsense')).statusCode, 404);
    });
  });
}
