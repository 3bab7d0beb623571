import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { sessionPool } from './helpers/session.js';
import { buildTestApp, testDatabaseKinds, type TestApp } from './helpers/test-app.js';

/**
 * 专题/专栏 (issue 13): a column tree up to three levels, items of any kind placed in columns, the
 * 报送 flow (a department submits into the city's column; only the city's administrator or
 * publisher accepts or returns it, never the submitter), and the public pages and feed, which
 * list only accepted items that are public by their kind's rule.
 */
for (const kind of testDatabaseKinds()) {
  describe(`topics and special columns on ${kind}`, () => {
    let t: TestApp;
    const staff = sessionPool(() => t);
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());
    beforeEach(() => staff.nextTest());

    const orgId = async (slug: string) => (await t.db.selectFrom('organizations').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
    const docId = async (docNo: string) => (await t.db.selectFrom('documents').select('id').where('doc_no', '=', docNo).where('edition_of', 'is', null).executeTakeFirstOrThrow()).id;
    const docByTitle = async (title: string) => (await t.db.selectFrom('documents').select('id').where('title', '=', title).where('edition_of', 'is', null).executeTakeFirstOrThrow()).id;
    const count = async (table: 'special_columns' | 'column_placements') => Number((await t.db.selectFrom(table).select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    /** Audit events of this module (sign-ins of the sessions are recorded too, and are not what is counted). */
    const columnEvents = async () => Number((await t.db.selectFrom('audit_events').select(({ fn }) => fn.countAll<number>().as('n')).where('action', 'like', 'column.%').executeTakeFirstOrThrow()).n);
    const columnId = async (slug: string) => (await t.db.selectFrom('special_columns').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
    const placement = async (slug: string, type: string, id: number) =>
      t.db.selectFrom('column_placements').selectAll().where('column_id', '=', await columnId(slug)).where('item_type', '=', type).where('item_id', '=', id).executeTakeFirst();
    const form = (over: Record<string, string | string[]> = {}) => ({ orgId: 'site', name: '测试专题', slug: 'cszt', introHtml: '<p>测试专题简介</p><script>alert(1)</script>', kinds: ['document', 'interpretation'], open: '1', visible: '1', position: '0', ...over });

    async function createColumn(over: Record<string, string | string[]>, parent?: number) {
      const s = await staff.as('admin');
      await s.get(parent ? `/admin/columns/new?parent=${parent}` : '/admin/columns/new');
      const res = await s.post('/admin/columns', form({ ...(parent ? { parentId: String(parent) } : { orgId: String(await orgId('city')) }), ...over }));
      assert.equal(res.statusCode, 303, res.body.slice(0, 800));
      return Number(/\/admin\/columns\/(\d+)/.exec(String(res.headers.location))![1]);
    }
    async function place(username: string, column: number, type: string, id: number) {
      const s = await staff.as(username);
      await s.get(`/admin/columns/${column}`);
      return s.post(`/admin/columns/${column}/place`, { action: 'place', item: `${type}:${id}` });
    }
    async function decide(username: string, placementId: number, action: 'accept' | 'return', reason = '') {
      const s = await staff.as(username);
      await s.get('/admin/columns');
      return s.post(`/admin/columns/placements/${placementId}/decide`, { action, reason });
    }

    test('the demo: the city’s 专题 with sub-columns fed by two departments, one submission waiting in the city’s queue', async () => {
      const list = await t.app.inject('/columns');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /href="\/columns\/yhyshj">优化营商环境</);
      const page = await t.app.inject('/columns/yhyshj');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /江宁市促进中小微企业高质量发展若干政策措施/);
      assert.match(page.body, /江宁市人力资源和社会保障局关于修改/);
      assert.match(page.body, /江宁市政府信息公开工作办法/);
      assert.match(page.body, /href="\/columns\/yhyshj-hqzc">惠企政策<\/a> <span class="count">（1）<\/span>/);
      assert.match(page.body, /href="\/columns\/yhyshj-jysb">就业与社保<\/a> <span class="count">（1）<\/span>/);
      assert.match(page.body, /href="\/columns\/yhyshj-zwgk">政务公开<\/a> <span class="count">（2）<\/span>/);
      assert.match(page.body, /共 4 条/);
      assert.doesNotMatch(page.body, /江宁市最低工资标准调整方案</, 'the pending submission is not public');
      const queue = await (await staff.as('city.publisher')).get('/admin/columns');
      assert.equal(queue.statusCode, 200);
      assert.match(queue.body, /待采用的报送（1）/);
      assert.match(queue.body, /江宁市最低工资标准调整方案/);
      const rsj = await (await staff.as('rsj.editor')).get('/admin/columns');
      assert.match(rsj.body, /本机构的报送[\s\S]*江宁市最低工资标准调整方案[\s\S]*待采用/);
    });

    test('a tree up to three levels: bad input and a fourth level are refused in Chinese, with what was typed, and nothing written', async () => {
      const top = await createColumn({ slug: 'tree1', name: '一级专题' });
      const second = await createColumn({ slug: 'tree2', name: '二级专栏' }, top);
      const third = await createColumn({ slug: 'tree3', name: '三级栏目' }, second);
      const rows = await t.db.selectFrom('special_columns').select(['id', 'depth', 'org_id', 'intro_html']).where('id', 'in', [top, second, third]).orderBy('depth').execute();
      assert.deepEqual(rows.map((r) => r.depth), [1, 2, 3]);
      assert.ok(rows.every((r) => r.org_id === rows[0]!.org_id), 'sub-columns keep the owner');
      assert.doesNotMatch(rows[0]!.intro_html, /script/, 'the introduction is sanitized');
      const s = await staff.as('admin');
      await s.get(`/admin/columns/${third}`);
      const before = { columns: await count('special_columns'), audit: await columnEvents() };
      const cases: [Record<string, string | string[]>, RegExp][] = [
        [{ parentId: String(third), slug: 'tree4' }, /最多 3 级/],
        [{ name: '', slug: 'tree4' }, /请填写名称/],
        [{ slug: 'Bad Slug' }, /访问路径只能用小写字母/],
        [{ slug: 'tree1' }, /路径“tree1”已被其他专题专栏使用/],
        [{ slug: 'tree4', kinds: [] }, /请选择本专栏收录的信息类型/],
        [{ slug: 'tree4', kinds: ['nonsense'] }, /所选的信息类型无效/],
        [{ slug: 'tree4', position: 'abc' }, /排序号应为/],
      ];
      for (const [over, message] of cases) {
        const res = await s.post('/admin/columns', form({ orgId: String(await orgId('city')), name: '保留输入的名称', ...over }));
        assert.equal(res.statusCode, 422, JSON.stringify(over));
        assert.match(res.body, message, JSON.stringify(over));
        if (over.name === undefined) assert.match(res.body, /value="保留输入的名称"/, 'the typed values are kept');
      }
      assert.deepEqual({ columns: await count('special_columns'), audit: await columnEvents() }, before);
      // The page of the third level offers no sub-column.
      assert.match((await s.get(`/admin/columns/${third}`)).body, /已是第 3 级，不能再建子栏目/);
      // An editor who administers nothing builds no column.
      const editor = await staff.as('fgw.editor');
      assert.equal((await editor.get('/admin/columns/new')).statusCode, 403);
      await editor.get('/admin/columns');
      assert.equal((await editor.post('/admin/columns', form({ orgId: String(await orgId('fgw')), slug: 'fgwzt' }))).statusCode, 403);
      assert.equal((await editor.get(`/admin/columns/${top}/edit`)).statusCode, 403);
      assert.deepEqual({ columns: await count('special_columns'), audit: await columnEvents() }, before);
      // The site administrator builds a site-wide 专题; it is edited (hidden, renamed) and audited.
      const site = await createColumn({ orgId: 'site', slug: 'qzzt', name: '全站专题' });
      assert.equal((await t.db.selectFrom('special_columns').select('org_id').where('id', '=', site).executeTakeFirstOrThrow()).org_id, null);
      await s.get(`/admin/columns/${site}/edit`);
      const edit = await s.post(`/admin/columns/${site}`, form({ orgId: 'site', slug: 'qzzt', name: '全站专题（改）', visible: '' }));
      assert.equal(edit.statusCode, 303);
      assert.equal((await t.app.inject('/columns/qzzt')).statusCode, 404, 'a hidden column is not public');
      const events = await t.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'special_column').where('entity_id', '=', String(site)).orderBy('seq').execute();
      assert.deepEqual(events.map((e) => e.action), ['column.create', 'column.update']);
    });

    test('报送: a department submits into the city’s column; only the city’s administrator or publisher accepts or returns it, never the submitter', async () => {
      const col = await createColumn({ slug: 'bs1', name: '报送测试' });
      const sme = await docId('宁发改规〔2025〕21号');
      // Searching offers the department's own items of the kinds the column collects.
      const fgw = await staff.as('fgw.editor');
      await fgw.get(`/admin/columns/${col}`);
      const found = await fgw.post(`/admin/columns/${col}/place`, { action: 'search', q: '中小微企业' });
      assert.equal(found.statusCode, 200);
      assert.match(found.body, new RegExp(`value="document:${sme}"`));
      assert.match(found.body, /报送后由专栏所属机构采用或退回/);
      assert.equal((await place('fgw.editor', col, 'document', sme)).statusCode, 303);
      let p = (await placement('bs1', 'document', sme))!;
      assert.equal(p.status, 'pending');
      assert.equal((await t.app.inject('/columns/bs1')).body.includes('中小微企业'), false, 'pending: not on the column page');
      // The submitter's organization cannot accept; nor can a drafter of the city.
      assert.equal((await decide('fgw.editor', p.id, 'accept')).statusCode, 403);
      assert.equal((await decide('city.drafter', p.id, 'accept')).statusCode, 403);
      // A return needs its reason.
      const noReason = await decide('city.publisher', p.id, 'return');
      assert.equal(noReason.statusCode, 422);
      assert.match(noReason.body, /请填写退回理由/);
      assert.equal((await decide('city.publisher', p.id, 'return', '请补充政策适用范围')).statusCode, 303);
      p = (await placement('bs1', 'document', sme))!;
      assert.deepEqual([p.status, p.reason], ['returned', '请补充政策适用范围']);
      // The submitter sees the outcome and submits again; the city accepts.
      const outcome = await (await staff.as('fgw.editor')).get('/admin/columns');
      assert.match(outcome.body, /已退回[\s\S]*退回理由：请补充政策适用范围/);
      assert.equal((await place('fgw.editor', col, 'document', sme)).statusCode, 303);
      assert.equal((await placement('bs1', 'document', sme))!.status, 'pending');
      assert.equal((await decide('city.publisher', p.id, 'accept')).statusCode, 303);
      assert.equal((await placement('bs1', 'document', sme))!.status, 'accepted');
      assert.match((await t.app.inject('/columns/bs1')).body, /江宁市促进中小微企业高质量发展若干政策措施/);
      const actions = await t.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'column_placement').where('entity_id', '=', String(p.id)).orderBy('seq').execute();
      assert.deepEqual(actions.map((a) => a.action), ['column.submit', 'column.return', 'column.submit', 'column.accept']);
      // Someone who holds roles on both sides cannot accept their own submission.
      const hpf = await docId('宁建规〔2024〕3号');
      assert.equal((await place('admin', col, 'document', hpf)).statusCode, 303);
      const own = (await placement('bs1', 'document', hpf))!;
      assert.equal(own.status, 'pending');
      const refused = await decide('admin', own.id, 'accept');
      assert.equal(refused.statusCode, 403);
      assert.match(refused.body, /不能采用或退回本人报送的信息/);
      // The city's own item is placed at once.
      const rules = await docId('宁政规〔2025〕5号');
      assert.equal((await place('city.drafter', col, 'document', rules)).statusCode, 303);
      assert.equal((await placement('bs1', 'document', rules))!.status, 'accepted');
      // A closed column takes no submission.
      const closed = await createColumn({ slug: 'bs2', name: '不接受报送', open: '' });
      const res = await place('czj.editor', closed, 'document', await docByTitle('江宁市2026年市级部门预算公开说明'));
      assert.equal(res.statusCode, 404, 'a closed column of another organization is not offered');
    });

    test('the column page and its feed list only accepted public items: a draft, a pending, a returned and a withdrawn item are absent; counts per sub-column', async () => {
      const top = await createColumn({ slug: 'pub', name: '公开测试专题' });
      const a = await createColumn({ slug: 'pub-a', name: '子栏目甲' }, top);
      const b = await createColumn({ slug: 'pub-b', name: '子栏目乙' }, top);
      const sme = await docId('宁发改规〔2025〕21号');
      const draft = (await t.db.selectFrom('documents').select('id').where('org_id', '=', await orgId('fgw')).where('status', '=', 'draft').executeTakeFirstOrThrow()).id;
      const hpf = await docId('宁建规〔2024〕3号');
      const budget = await docByTitle('江宁市2026年市级部门预算公开说明');
      const old = await docId('宁政办发〔2019〕12号');
      for (const [who, col, id] of [['fgw.editor', a, sme], ['fgw.editor', a, draft], ['zjj.editor', b, hpf], ['czj.editor', b, budget]] as const) {
        assert.equal((await place(who, col, 'document', id)).statusCode, 303);
      }
      for (const id of [sme, draft]) assert.equal((await decide('city.publisher', (await placement('pub-a', 'document', id))!.id, 'accept')).statusCode, 303);
      assert.equal((await decide('city.publisher', (await placement('pub-b', 'document', budget))!.id, 'return', '不属于本专题')).statusCode, 303);
      assert.equal((await place('city.drafter', b, 'document', old)).statusCode, 303);

      const titles = async () => {
        const page = (await t.app.inject('/columns/pub')).body;
        const feed = await t.app.inject('/columns/pub/feed.atom');
        assert.equal(feed.statusCode, 200);
        assert.match(String(feed.headers['content-type']), /atom\+xml/);
        return { page, feed: feed.body };
      };
      let { page, feed } = await titles();
      for (const body of [page, feed]) {
        assert.match(body, /江宁市促进中小微企业高质量发展若干政策措施/);
        assert.match(body, /江宁市人民政府办公室关于印发《江宁市政府信息公开工作规定》的通知/);
        assert.doesNotMatch(body, /数字经济发展三年行动计划/, 'a draft, even accepted, is not public');
        assert.doesNotMatch(body, /住房公积金提取管理暂行办法/, 'a pending submission is not public');
        assert.doesNotMatch(body, /市级部门预算公开说明/, 'a returned submission is not public');
      }
      assert.match(page, /共 2 条/);
      assert.match(page, /子栏目甲<\/a> <span class="count">（1）<\/span>/);
      assert.match(page, /子栏目乙<\/a> <span class="count">（1）<\/span>/);
      assert.match(page, /政策文件 · 市发展改革委 · <time/);
      assert.match((await t.app.inject('/columns/pub-a')).body, /共 1 条/);

      // Withdrawn through its own workflow, the item leaves the column at once.
      const fgw = await staff.as('fgw.editor');
      await fgw.get(`/admin/review/document/${sme}`);
      assert.equal((await fgw.post(`/admin/review/document/${sme}/withdraw`, { withdrawalReason: 'outdated', comment: '政策已到期' })).statusCode, 303);
      ({ page, feed } = await titles());
      for (const body of [page, feed]) assert.doesNotMatch(body, /中小微企业高质量发展/, 'a withdrawn item is not listed');
      assert.match(page, /共 1 条/);
      assert.match(page, /子栏目甲<\/a> <span class="count">（0）<\/span>/);

      // A hidden sub-column and everything below a hidden column are not public.
      const s = await staff.as('admin');
      await s.get(`/admin/columns/${top}/edit`);
      assert.equal((await s.post(`/admin/columns/${top}`, form({ orgId: String(await orgId('city')), slug: 'pub', name: '公开测试专题', visible: '' }))).statusCode, 303);
      for (const url of ['/columns/pub', '/columns/pub-a', '/columns/pub/feed.atom', '/columns/pub-b/feed.atom']) assert.equal((await t.app.inject(url)).statusCode, 404, url);
      assert.doesNotMatch((await t.app.inject('/columns')).body, /公开测试专题/);
      assert.equal((await t.app.inject('/columns/no-such')).statusCode, 404);
    });

    test('a banner image is stored, checked by its bytes, and served only while the column is public', async () => {
      const s = await staff.as('admin');
      await s.get('/admin/columns/new');
      const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
      const city = String(await orgId('city'));
      const fake = await s.postMultipart('/admin/columns', form({ orgId: city, slug: 'banner', name: '横幅测试' }), [{ field: 'banner', filename: 'banner.png', content: Buffer.from('not an image'), contentType: 'image/png' }]);
      assert.equal(fake.statusCode, 422);
      assert.match(fake.body, /横幅图片只接受 PNG、JPG、GIF 或 WebP 图片/);
      assert.match(fake.body, /value="横幅测试"/);
      const ok = await s.postMultipart('/admin/columns', form({ orgId: city, slug: 'banner', name: '横幅测试' }), [{ field: 'banner', filename: 'banner.png', content: png, contentType: 'image/png' }]);
      assert.equal(ok.statusCode, 303, ok.body.slice(0, 500));
      const img = await t.app.inject('/columns/banner/banner');
      assert.equal(img.statusCode, 200);
      assert.equal(img.headers['content-type'], 'image/png');
      assert.match((await t.app.inject('/columns/banner')).body, /src="\/columns\/banner\/banner"/);
      const id = await columnId('banner');
      await s.get(`/admin/columns/${id}/edit`);
      await s.post(`/admin/columns/${id}`, form({ orgId: city, slug: 'banner', name: '横幅测试', visible: '' }));
      assert.equal((await t.app.inject('/columns/banner/banner')).statusCode, 404, 'not served while the column is hidden');
    });

    test('organization scope: another department cannot place a department’s items, nor see its submissions; forged forms are refused', async () => {
      const col = await createColumn({ slug: 'scope', name: '范围测试' });
      const sme = await docId('宁发改规〔2025〕21号');
      const before = { placements: await count('column_placements'), audit: await columnEvents() };
      const czj = await staff.as('czj.editor');
      await czj.get(`/admin/columns/${col}`);
      const search = await czj.post(`/admin/columns/${col}/place`, { action: 'search', q: '中小微企业' });
      assert.doesNotMatch(search.body, new RegExp(`value="document:${sme}"`), 'another department’s items are not offered');
      const forced = await czj.post(`/admin/columns/${col}/place`, { action: 'place', item: `document:${sme}` });
      assert.equal(forced.statusCode, 403);
      assert.match(forced.body, /只能将本机构的信息/);
      // No CSRF token: refused, nothing written.
      const forged = await czj.post(`/admin/columns/${col}/place`, { _csrf: 'forged', action: 'place', item: `document:${await docByTitle('江宁市2026年市级部门预算公开说明')}` });
      assert.equal(forged.statusCode, 403);
      assert.match(forged.body, /CSRF/);
      const anonymous = await t.app.inject({ method: 'POST', url: '/admin/columns', payload: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assert.equal(anonymous.statusCode, 403);
      assert.deepEqual({ placements: await count('column_placements'), audit: await columnEvents() }, before);
      // A department sees in the column only its own submissions (here, the development commission's draft); a handler does not open the pages.
      const draft = (await t.db.selectFrom('documents').select('id').where('org_id', '=', await orgId('fgw')).where('status', '=', 'draft').executeTakeFirstOrThrow()).id;
      assert.equal((await place('fgw.editor', col, 'document', draft)).statusCode, 303);
      assert.match((await (await staff.as('city.publisher')).get(`/admin/columns/${col}`)).body, /数字经济发展三年行动计划/);
      assert.doesNotMatch((await czj.get(`/admin/columns/${col}`)).body, /数字经济发展三年行动计划/);
      assert.equal((await (await staff.as('city.handler')).get('/admin/columns')).statusCode, 403);
      // Another organization's closed or hidden column is not opened.
      const hidden = await createColumn({ slug: 'scope-h', name: '隐藏测试', visible: '', open: '' });
      assert.equal((await czj.get(`/admin/columns/${hidden}`)).statusCode, 404);
    });
  });
}
