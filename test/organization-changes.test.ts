import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { findOrganizationColumns, organizationReferences } from '../src/modules/organizations/commands/org-references.js';
import { scopeOrgIds } from '../src/platform/auth/scope.js';
import type { Actor } from '../src/platform/auth/sessions.js';
import { buildTestApp, testDatabaseKinds, type TestApp } from './helpers/test-app.js';
import { TestSession } from './helpers/session.js';

/**
 * Organizations managed in the back office (issue 13): created (a village or community under a
 * township only), renamed with the old slug redirecting, moved without cycles, merged and split
 * after a restructuring (机构改革) with everything carried to the successors.
 */
for (const kind of testDatabaseKinds()) {
  describe(`organization changes on ${kind}`, () => {
    let t: TestApp;
    let admin: TestSession;
    const orgId = async (slug: string) => (await t.db.selectFrom('organizations').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
    const orgCount = async () => Number((await t.db.selectFrom('organizations').select(({ fn }) => fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const auditCount = async (action: string) => Number((await t.db.selectFrom('audit_events').select(({ fn }) => fn.countAll().as('n')).where('action', '=', action).executeTakeFirstOrThrow()).n);
    const newOrg = (over: Record<string, string>) => ({ parentId: '', kind: 'department', code: 'X-1', name: '测试机构', shortName: '测试', slug: 'ceshi', ...over });

    before(async () => {
      t = await buildTestApp(kind);
      admin = new TestSession(t.app);
      await admin.login('admin');
    });
    after(() => t.close());

    test('every column pointing at an organization is declared with how a merge carries it', async () => {
      const missing = (await findOrganizationColumns(t.db)).map((r) => `${r.table}.${r.column}`).filter((k) => !(k in organizationReferences()));
      assert.deepEqual(missing, [], 'declare these in src/modules/organizations/commands/org-references.ts');
    });

    test('a site administrator creates an organization; a village only under a township; bad input and forged forms write nothing', async () => {
      const qingshi = await orgId('qingshi');
      const dongshan = await orgId('dongshan');
      assert.equal((await admin.get('/admin/organizations/new')).statusCode, 200);
      const n = await orgCount();
      const refusals: [Record<string, string>, RegExp][] = [
        [{ parentId: String(dongshan), kind: 'village', slug: 'dongcun' }, /村（社区）只能设在乡镇（街道）之下/],
        [{ parentId: String(qingshi), kind: 'village', slug: 'Bad Slug' }, /门户路径只能用小写字母/],
        [{ parentId: String(qingshi), kind: 'village', slug: 'rsj' }, /门户路径“rsj”已被使用/],
        [{ parentId: String(qingshi), kind: 'castle', slug: 'dongcun' }, /机构类型的取值无效/],
        [{ parentId: '', kind: 'village', slug: 'dongcun' }, /请选择上级机构/],
        [{ parentId: String(qingshi), kind: 'village', slug: 'dongcun', name: '' }, /请填写机构名称/],
      ];
      for (const [over, message] of refusals) {
        const r = await admin.post('/admin/organizations/new', newOrg(over));
        assert.equal(r.statusCode, 422, JSON.stringify(over));
        assert.match(r.body, message);
      }
      const forged = await admin.post('/admin/organizations/new', { ...newOrg({ parentId: String(qingshi), kind: 'village', slug: 'dongcun' }), _csrf: 'forged' });
      assert.equal(forged.statusCode, 403);
      assert.equal(await orgCount(), n, 'nothing written');

      const ok = await admin.post('/admin/organizations/new', newOrg({ parentId: String(qingshi), kind: 'village', code: '113201210100101', name: '青石镇东村村民委员会', shortName: '东村', slug: 'dongcun' }));
      assert.equal(ok.statusCode, 303, ok.body.slice(0, 500));
      const village = await orgId('dongcun');
      const nodes = (await t.db.selectFrom('catalog_nodes').select('name').where('org_id', '=', village).execute()).map((x) => x.name);
      for (const name of ['村务公开', '党务公开', '财务公开']) assert.ok(nodes.includes(name), name);
      assert.ok(!nodes.includes('依申请公开'), 'a villagers’ committee takes no disclosure requests');
      assert.equal((await t.app.inject('/org/dongcun')).statusCode, 200);
      assert.match((await t.app.inject('/org/qingshi')).body, /青石镇东村村民委员会/, 'the township lists its village');
      assert.equal(await auditCount('organization.create'), 1 + 10, 'the demo’s ten and this one');
      const under = await admin.post('/admin/organizations/new', newOrg({ parentId: String(village), slug: 'xiaozu' }));
      assert.equal(under.statusCode, 422);
      assert.match(under.body, /村（社区）下不能再设机构/);

      const editor = new TestSession(t.app);
      await editor.login('rsj.editor');
      assert.equal((await editor.get('/admin/organizations/new')).statusCode, 403);
      assert.equal((await editor.get('/admin/organizations/merge')).statusCode, 403);
    });

    test('a rename with a new slug: the old addresses answer 301, and the old slug stays reserved', async () => {
      const zjj = await orgId('zjj');
      await admin.get(`/admin/organizations/${zjj}/structure`);
      const bad = await admin.post(`/admin/organizations/${zjj}/rename`, { name: '江宁市住房和城乡建设局', shortName: '', slug: 'zfcxjsj' });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /请填写简称/);
      const ok = await admin.post(`/admin/organizations/${zjj}/rename`, { name: '江宁市住房和城乡建设委员会', shortName: '市住建委', slug: 'zfcxjsj' });
      assert.equal(ok.statusCode, 303);
      for (const [from, to] of [
        ['/org/zjj', '/org/zfcxjsj'],
        ['/org/zjj/guide', '/org/zfcxjsj/guide'],
        ['/org/zjj/catalog/gfxwj?page=2', '/org/zfcxjsj/catalog/gfxwj?page=2'],
        ['/org/zjj/catalog/no-such-column', '/org/zfcxjsj'],
        ['/org/zjj/anything/else', '/org/zfcxjsj'],
      ]) {
        const r = await t.app.inject(from!);
        assert.equal(r.statusCode, 301, from);
        assert.equal(r.headers.location, to, from);
      }
      assert.equal((await t.app.inject('/org/zfcxjsj')).statusCode, 200);
      assert.match((await t.app.inject('/org/zfcxjsj')).body, /江宁市住房和城乡建设委员会/);
      const fgw = await orgId('fgw');
      await admin.get(`/admin/organizations/${fgw}/structure`);
      const taken = await admin.post(`/admin/organizations/${fgw}/rename`, { name: '江宁市发展和改革委员会', shortName: '市发展改革委', slug: 'zjj' });
      assert.equal(taken.statusCode, 422);
      assert.match(taken.body, /已被使用/);
      assert.equal(await auditCount('organization.rename'), 1);
    });

    test('a move under another parent; under itself or a descendant is refused in Chinese', async () => {
      const dongshan = await orgId('dongshan');
      const qingshi = await orgId('qingshi');
      const xihu = await orgId('xihu');
      await admin.get(`/admin/organizations/${dongshan}/structure`);
      for (const parent of [dongshan, qingshi]) {
        const r = await admin.post(`/admin/organizations/${dongshan}/move`, { parentId: String(parent) });
        assert.equal(r.statusCode, 422);
        assert.match(r.body, /不能把“东山县人民政府”移到它自己或它的下级机构之下/);
      }
      const township = await admin.post(`/admin/organizations/${qingshi}/move`, { parentId: String(await orgId('rsj')) });
      assert.equal(township.statusCode, 303, 'a township may go under any organ but a village');
      const ok = await admin.post(`/admin/organizations/${qingshi}/move`, { parentId: String(xihu) });
      assert.equal(ok.statusCode, 303);
      assert.equal((await t.db.selectFrom('organizations').select('parent_id').where('id', '=', qingshi).executeTakeFirstOrThrow()).parent_id, xihu);
      assert.equal(await auditCount('organization.move'), 2);
    });

    test('a merge carries items with their history, staff and catalogs to a new successor; the old portal redirects', async () => {
      const czj = await orgId('czj');
      const fgw = await orgId('fgw');
      const city = await orgId('city');
      const doc = await t.db.selectFrom('documents').select(['id', 'index_no', 'catalog_node_id', 'title']).where('org_id', '=', czj).where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow();
      const versions = await t.db.selectFrom('document_versions').select('id').where('document_id', '=', doc.id).execute();
      assert.ok(versions.length > 0);
      await admin.get('/admin/organizations/merge');
      const before = await orgCount();
      for (const [form, message] of [
        [{ sourceIds: String(city), successorMode: 'existing', successorId: String(fgw), effectiveOn: '2026-11-20' }, /顶级机构不能撤并/],
        [{ sourceIds: String(fgw), successorMode: 'existing', successorId: String(fgw), effectiveOn: '2026-11-20' }, /不能承接它自己/],
        [{ successorMode: 'existing', successorId: String(fgw), effectiveOn: '2026-11-20' }, /请选择要撤并的机构/],
        [{ sourceIds: String(czj), successorMode: 'existing', successorId: String(fgw), effectiveOn: '2026-13-40' }, /生效日期格式/],
        [{ sourceIds: [String(czj), String(fgw)], successorMode: 'new', parentId: String(city), kind: 'department', code: '113201000000199', name: '江宁市发展改革和财政局', shortName: '', slug: 'fgcz', effectiveOn: '2026-11-20' }, /请填写简称/],
      ] as const) {
        const r = await admin.post('/admin/organizations/merge', form as unknown as Record<string, string>);
        assert.equal(r.statusCode, 422, JSON.stringify(form));
        assert.match(r.body, message);
      }
      assert.equal((await admin.post('/admin/organizations/merge', { sourceIds: String(czj), successorMode: 'existing', successorId: String(fgw), effectiveOn: '2026-11-20', _csrf: 'forged' })).statusCode, 403);
      assert.equal(await orgCount(), before);
      assert.equal((await t.db.selectFrom('organizations').select('successor_id').where('id', '=', czj).executeTakeFirstOrThrow()).successor_id, null, 'nothing written');

      const ok = await admin.post('/admin/organizations/merge', { sourceIds: [String(czj), String(fgw)], successorMode: 'new', parentId: String(city), kind: 'department', code: '113201000000199', name: '江宁市发展改革和财政局', shortName: '市发改财政局', slug: 'fgcz', effectiveOn: '2026-11-20' });
      assert.equal(ok.statusCode, 303, ok.body.slice(0, 800));
      const successor = await orgId('fgcz');

      // The item: under the successor, same 索引号, same public address, its versions kept.
      const moved = await t.db.selectFrom('documents as d').innerJoin('catalog_nodes as c', 'c.id', 'd.catalog_node_id').select(['d.org_id', 'd.index_no', 'c.org_id as node_org']).where('d.id', '=', doc.id).executeTakeFirstOrThrow();
      assert.deepEqual(moved, { org_id: successor, index_no: doc.index_no, node_org: successor });
      assert.equal((await t.db.selectFrom('document_versions').select('id').where('document_id', '=', doc.id).execute()).length, versions.length);
      const page = await t.app.inject(`/documents/${doc.id}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /江宁市发展改革和财政局/);
      const editor = new TestSession(t.app);
      await editor.login('czj.editor');
      const list = await editor.get('/admin/documents');
      assert.match(list.body, new RegExp(doc.title.slice(0, 8)), 'the merged organ’s editor finds the item under the successor');
      assert.equal((await editor.get(`/admin/documents/${doc.id}/versions`)).statusCode, 200, 'with its versions');

      // Staff roles moved; the old organizations hold nothing any more.
      const roles = await t.db.selectFrom('staff_roles as r').innerJoin('staff as s', 's.id', 'r.staff_id').select(['r.org_id', 'r.role']).where('s.username', '=', 'czj.editor').orderBy('r.role').execute();
      assert.deepEqual(roles, [{ org_id: successor, role: 'drafter' }, { org_id: successor, role: 'publisher' }]);
      for (const ref of await findOrganizationColumns(t.db)) {
        if (organizationReferences()[`${ref.table}.${ref.column}`] === 'kept') continue;
        const left = await t.db.selectFrom(ref.table as 'documents').select(({ fn }) => fn.countAll().as('n')).where(ref.column as 'org_id', 'in', [czj, fgw]).executeTakeFirstOrThrow();
        assert.equal(Number(left.n), 0, `${ref.table}.${ref.column}`);
      }
      const slugs = (await t.db.selectFrom('catalog_nodes').select('slug').where('org_id', '=', successor).execute()).map((x) => x.slug);
      assert.equal(new Set(slugs).size, slugs.length, 'one column per slug: same columns joined');

      // The old organizations: kept as records, hidden from public lists, their portals redirecting.
      const old = await t.db.selectFrom('organizations').select(['successor_id', 'dissolved_on']).where('id', '=', czj).executeTakeFirstOrThrow();
      assert.equal(old.successor_id, successor);
      assert.equal(old.dissolved_on, '2026-11-20');
      const orgList = await admin.get('/admin/organizations');
      assert.match(orgList.body, /已撤并机构/);
      assert.match(orgList.body, /江宁市财政局（已撤并）/);
      assert.equal((await admin.get(`/admin/organizations/${successor}/structure`)).statusCode, 200);
      const home = await t.app.inject('/organizations');
      assert.doesNotMatch(home.body, /江宁市财政局/);
      assert.match(home.body, /江宁市发展改革和财政局/);
      // Nor is it offered for new content: the application form, the disclosure office's scope.
      assert.doesNotMatch((await t.app.inject('/apply')).body, /江宁市财政局/);
      const officeScope = await scopeOrgIds(t.db, { id: 0, username: 'x', displayName: 'x', roles: [{ orgId: city, role: 'disclosure_office' }] } as unknown as Actor, ['disclosure_office']);
      assert.ok(officeScope.includes(successor) && !officeScope.includes(czj));
      for (const [from, to] of [['/org/czj', '/org/fgcz'], ['/org/czj/catalog/ys', '/org/fgcz/catalog/ys'], ['/org/fgw/feed.atom', '/org/fgcz/feed.atom']]) {
        const r = await t.app.inject(from!);
        assert.equal(r.statusCode, 301, from);
        assert.equal(r.headers.location, to);
      }
      // History: the successor's administrator reads the merged organ's audit trail.
      assert.equal(await auditCount('organization.merge'), 1);
      const audit = await admin.get('/admin/audit');
      assert.match(audit.body, /机构撤并/);
      const oldEvents = await t.db.selectFrom('audit_events').select('seq').where('org_id', '=', czj).execute();
      assert.ok(oldEvents.length > 0, 'the audit chain is not rewritten');
    });

    test('a split sends each column with its items, and each person, to the chosen successor', async () => {
      const rsj = await orgId('rsj');
      const city = await orgId('city');
      await admin.get('/admin/organizations/new');
      for (const [slug, name, code] of [['rlzy', '江宁市人力资源局', '113201000000301'], ['shbz', '江宁市社会保障局', '113201000000302']]) {
        const r = await admin.post('/admin/organizations/new', newOrg({ parentId: String(city), code: code!, name: name!, shortName: name!.slice(3), slug: slug! }));
        assert.equal(r.statusCode, 303);
      }
      const a = await orgId('rlzy');
      const b = await orgId('shbz');
      const gfxwj = await t.db.selectFrom('catalog_nodes').select('id').where('org_id', '=', rsj).where('slug', '=', 'gfxwj').executeTakeFirstOrThrow();
      const inColumn = await t.db.selectFrom('documents').select('id').where('catalog_node_id', '=', gfxwj.id).execute();
      const elsewhere = await t.db.selectFrom('documents').select('id').where('org_id', '=', rsj).where((eb) => eb.or([eb('catalog_node_id', '<>', gfxwj.id), eb('catalog_node_id', 'is', null)])).execute();
      assert.ok(inColumn.length > 0);
      const staffId = async (u: string) => (await t.db.selectFrom('staff').select('id').where('username', '=', u).executeTakeFirstOrThrow()).id;
      const page = await admin.get(`/admin/organizations/${rsj}/split?a=${a}&b=${b}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /行政规范性文件/);
      const same = await admin.post(`/admin/organizations/${rsj}/split`, { successorA: String(a), successorB: String(a), effectiveOn: '2026-11-21' });
      assert.equal(same.statusCode, 422);
      assert.match(same.body, /两个不同的承接机构/);
      const ok = await admin.post(`/admin/organizations/${rsj}/split`, {
        successorA: String(a),
        successorB: String(b),
        effectiveOn: '2026-11-21',
        [`col-${gfxwj.id}`]: 'b',
        [`staff-${await staffId('rsj.editor')}`]: 'b',
        [`staff-${await staffId('rsj.reviewer')}`]: 'both',
      });
      assert.equal(ok.statusCode, 303, ok.body.slice(0, 800));
      for (const d of inColumn) {
        const row = await t.db.selectFrom('documents as d').innerJoin('catalog_nodes as c', 'c.id', 'd.catalog_node_id').select(['d.org_id', 'c.slug', 'c.org_id as node_org']).where('d.id', '=', d.id).executeTakeFirstOrThrow();
        assert.deepEqual(row, { org_id: b, slug: 'gfxwj', node_org: b });
      }
      for (const d of elsewhere) assert.equal((await t.db.selectFrom('documents').select('org_id').where('id', '=', d.id).executeTakeFirstOrThrow()).org_id, a);
      const rolesOf = async (u: string) => (await t.db.selectFrom('staff_roles').select(['org_id', 'role']).where('staff_id', '=', await staffId(u)).orderBy('org_id').orderBy('role').execute());
      assert.deepEqual(await rolesOf('rsj.editor'), [{ org_id: b, role: 'drafter' }, { org_id: b, role: 'publisher' }]);
      assert.deepEqual(await rolesOf('rsj.reviewer'), [{ org_id: a, role: 'reviewer' }, { org_id: b, role: 'reviewer' }]);
      assert.deepEqual(await rolesOf('rsj.handler'), [{ org_id: a, role: 'request_handler' }], 'not chosen: the main successor');
      const r = await t.app.inject('/org/rsj/catalog/gfxwj');
      assert.equal(r.statusCode, 301);
      assert.equal(r.headers.location, '/org/rlzy/catalog/gfxwj', 'the old portal leads to the main successor');
      assert.equal(await auditCount('organization.split'), 1);
      const succ = await t.db.selectFrom('organization_successions').select(['successor_id', 'change']).where('predecessor_id', '=', rsj).orderBy('successor_id').execute();
      assert.deepEqual(succ, [{ successor_id: a, change: 'split' }, { successor_id: b, change: 'split' }]);
    });
  });
}
