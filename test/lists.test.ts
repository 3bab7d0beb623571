import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { LIST_TYPES } from '../src/modules/lists/domain/list-types.js';
import { parseListWorkbook } from '../src/modules/lists/xlsx.js';
import { seedList } from '../src/modules/lists/public.js';
import { buildTestApp, testDatabaseKinds, type TestApp } from './helpers/test-app.js';
import { sessionPool } from './helpers/session.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function workbook(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('清单');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const licensingRow = (name: string, over: Record<string, string> = {}) => ({
  c_code: '', c_name: name, c_department: '市住房和城乡建设局', c_authority: '市住房和城乡建设局', c_basis: '《城市供水条例》第三十条', c_note: '', ...over,
});

for (const kind of testDatabaseKinds()) {
  describe(`official lists (清单) on ${kind}`, () => {
    let t: TestApp;
    let zjj: number;
    const pool = sessionPool(() => t);
    const as = pool.as;
    const anon = (url: string) => t.app.inject({ method: 'GET', url });
    const count = async (table: 'official_lists' | 'list_versions' | 'list_rows' | 'audit_events') =>
      Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const rowsOf = async (versionId: number) =>
      (await t.db.selectFrom('list_rows').select('cells').where('version_id', '=', versionId).orderBy('position').orderBy('id').execute()).map((r) => r.cells);
    async function act(username: string, id: number, action: string, form: Record<string, string> = {}) {
      const s = await as(username);
      await s.get(`/admin/review/list_version/${id}`);
      return s.post(`/admin/review/list_version/${id}/${action}`, form);
    }
    async function publish(id: number) {
      for (const [who, action] of [['zjj.editor', 'submit'], ['zjj.reviewer', 'approve'], ['zjj.editor', 'publish']] as const) {
        const res = await act(who, id, action);
        assert.equal(res.statusCode, 303, `${action}: ${res.body.match(/error-summary[\s\S]{0,600}/)?.[0] ?? res.body.slice(0, 300)}`);
      }
    }
    /** Every public surface a list version could show on; none may mention `text`. */
    async function assertNowherePublic(listId: number, versionId: number, versionNo: number, text: string) {
      for (const url of [`/lists/${listId}`, `/lists/${listId}/versions/${versionNo}`, `/lists/${listId}/versions/${versionNo}/export.xlsx`, `/lists/${listId}/compare?from=1&to=${versionNo}`, `/lists/version/${versionId}`]) {
        const res = await anon(url);
        assert.ok([404, 410].includes(res.statusCode) || !res.body.includes(text), `${url} answers ${res.statusCode}`);
        if (url.endsWith('.xlsx') || url.startsWith('/lists/version/')) assert.ok([404, 410].includes(res.statusCode), `${url} answers ${res.statusCode}`);
      }
      for (const url of ['/lists', '/lists?type=licensing', '/org/zjj/catalog/xzxk', '/sitemap.xml', '/sitemap']) {
        const res = await anon(url);
        assert.ok(res.statusCode < 400, `${url}: ${res.statusCode}`);
        assert.ok(!res.body.includes(text), `${url} shows the unpublished text`);
      }
    }

    before(async () => {
      t = await buildTestApp(kind);
      zjj = (await t.db.selectFrom('organizations').select('id').where('slug', '=', 'zjj').executeTakeFirstOrThrow()).id;
    });
    after(() => t.close());
    beforeEach(() => pool.nextTest());

    test('the demo has a published list of each type; the 住建局 list has two versions and the public sees what changed', async () => {
      const page = await anon('/lists');
      assert.equal(page.statusCode, 200);
      for (const type of Object.values(LIST_TYPES)) assert.match(page.body, new RegExp(`<h2>${type.label}</h2>`), type.label);
      const list = await t.db.selectFrom('official_lists').select(['id', 'current_version_id']).where('org_id', '=', zjj).executeTakeFirstOrThrow();
      const current = await anon(`/lists/${list.id}`);
      assert.match(current.body, /特殊建设工程消防验收/);
      assert.doesNotMatch(current.body, /<td[^>]*>临时占用城市绿化用地审批<\/td>/, 'the row is gone (the change note still names it)');
      const first = await anon(`/lists/${list.id}/versions/1`);
      assert.match(first.body, /<td[^>]*>临时占用城市绿化用地审批<\/td>/);
      assert.match(first.body, /已被新版本替代/);
      const diff = await anon(`/lists/${list.id}/compare?from=1&to=2`);
      assert.equal(diff.statusCode, 200);
      assert.match(diff.body, /新增 <strong>1<\/strong> 项，删除 <strong>1<\/strong> 项，修改 <strong>1<\/strong> 项/);
      assert.match(diff.body, /<del>市住房和城乡建设局；县住房和城乡建设局<\/del>/);
      assert.match(diff.body, /<ins>市住房和城乡建设局（东山县、西湖县范围内由县住房和城乡建设局实施）<\/ins>/);
      // Filed in the 行政许可 column: the column lists the current version, whose address leads to the list.
      const column = await anon('/org/zjj/catalog/xzxk');
      assert.match(column.body, /江宁市住房和城乡建设局行政许可事项清单（2026年版）/);
      assert.match(column.body, new RegExp(`/lists/version/${list.current_version_id}`));
      const go = await anon(`/lists/version/${list.current_version_id}`);
      assert.equal(go.statusCode, 302);
      assert.equal(go.headers.location, `/lists/${list.id}`);
    });

    test('a new list goes through review; bad input is refused in Chinese with nothing written; a draft is on no public surface', async () => {
      const s = await as('zjj.editor');
      await s.get('/admin/lists/new');
      const before = { lists: await count('official_lists'), audit: await count('audit_events') };
      const bad = await s.post('/admin/lists', { orgId: String(zjj), listType: 'licensing', title: '' });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /请填写清单名称/);
      const badType = await s.post('/admin/lists', { orgId: String(zjj), listType: 'secret', title: '保留的名称' });
      assert.equal(badType.statusCode, 422);
      assert.match(badType.body, /清单类型的取值无效/);
      assert.match(badType.body, /value="保留的名称"/);
      const otherOrg = await t.db.selectFrom('organizations').select('id').where('slug', '=', 'czj').executeTakeFirstOrThrow();
      assert.equal((await s.post('/admin/lists', { orgId: String(otherOrg.id), listType: 'licensing', title: '越权的清单' })).statusCode, 403);
      assert.deepEqual({ lists: await count('official_lists'), audit: await count('audit_events') }, before);

      const created = await s.post('/admin/lists', { orgId: String(zjj), listType: 'licensing', title: '江宁市住房和城乡建设局供水排水许可事项清单' });
      assert.equal(created.statusCode, 303);
      const vid = Number(/\/admin\/lists\/versions\/(\d+)/.exec(String(created.headers.location))![1]);
      const v = await t.db.selectFrom('list_versions').select(['list_id', 'status']).where('id', '=', vid).executeTakeFirstOrThrow();
      assert.equal(v.status, 'draft');

      // An empty list cannot be submitted (the kind's rule).
      const empty = await act('zjj.editor', vid, 'submit');
      assert.equal(empty.statusCode, 422);
      assert.match(empty.body, /必须处理的问题/);
      assert.match((await s.get(`/admin/review/list_version/${vid}`)).body, /清单没有任何事项/);

      await s.get(`/admin/lists/versions/${vid}/rows/new`);
      const rowsBefore = await count('list_rows');
      const noBasis = await s.post(`/admin/lists/versions/${vid}/rows`, licensingRow('城镇污水排入排水管网许可（保留）', { c_basis: '' }));
      assert.equal(noBasis.statusCode, 422);
      assert.match(noBasis.body, /缺少设定和实施依据/);
      assert.match(noBasis.body, /value="城镇污水排入排水管网许可（保留）"/);
      assert.equal(await count('list_rows'), rowsBefore);
      for (const name of ['城镇污水排入排水管网许可', '拆除、改动城市公共供水设施审批']) {
        assert.equal((await s.post(`/admin/lists/versions/${vid}/rows`, licensingRow(name))).statusCode, 303);
      }

      // Another organization's staff do not see it; anonymous visitors are sent to sign in.
      assert.equal((await (await as('czj.editor')).get(`/admin/lists/versions/${vid}`)).statusCode, 404);
      assert.equal((await anon(`/admin/lists/versions/${vid}/export.xlsx`)).statusCode, 303);
      const staffExport = await s.get(`/admin/lists/versions/${vid}/export.xlsx`);
      assert.equal(staffExport.statusCode, 200, 'staff export a draft');
      assert.equal(staffExport.headers['content-type'], XLSX);
      await assertNowherePublic(v.list_id, vid, 1, '拆除、改动城市公共供水设施审批');

      await act('zjj.editor', vid, 'submit');
      await assertNowherePublic(v.list_id, vid, 1, '拆除、改动城市公共供水设施审批');
      assert.equal((await act('zjj.reviewer', vid, 'approve')).statusCode, 303);
      await assertNowherePublic(v.list_id, vid, 1, '拆除、改动城市公共供水设施审批');
      assert.equal((await act('zjj.editor', vid, 'publish')).statusCode, 303);
      const list = await t.db.selectFrom('official_lists').select(['current_version_id']).where('id', '=', v.list_id).executeTakeFirstOrThrow();
      assert.equal(list.current_version_id, vid, 'the list points at its published version');
      const page = await anon(`/lists/${v.list_id}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /拆除、改动城市公共供水设施审批/);
      assert.match((await anon('/lists?type=licensing')).body, /江宁市住房和城乡建设局供水排水许可事项清单/);
      const actions = await t.db.selectFrom('audit_events').select('action').where('entity_type', 'in', ['official_list', 'list_version']).where('org_id', '=', zjj).execute();
      for (const a of ['list.create', 'list.row_save', 'review.submit', 'review.approve', 'review.publish']) assert.ok(actions.some((x) => x.action === a), a);
    });

    test('a second version is invisible until published; then the public compares it cell by cell; withdrawn, the first is current again', async () => {
      const s = await as('zjj.editor');
      const list = await t.db.selectFrom('official_lists').select(['id', 'current_version_id']).where('title', '=', '江宁市住房和城乡建设局供水排水许可事项清单').executeTakeFirstOrThrow();
      await s.get(`/admin/lists/${list.id}`);
      const started = await s.post(`/admin/lists/${list.id}/versions`, {});
      assert.equal(started.statusCode, 303);
      const v2 = Number(/\/admin\/lists\/versions\/(\d+)/.exec(String(started.headers.location))![1]);
      assert.equal((await rowsOf(v2)).length, 2, 'the new version starts with the current rows');
      const again = await s.post(`/admin/lists/${list.id}/versions`, {});
      assert.equal(again.statusCode, 422);
      assert.match(again.body, /第 2 版尚未发布/);

      const rows = await t.db.selectFrom('list_rows').select(['id', 'cells']).where('version_id', '=', v2).orderBy('position').execute();
      await s.get(`/admin/lists/versions/${v2}/rows/${rows[0]!.id}/edit`);
      assert.equal((await s.post(`/admin/lists/versions/${v2}/rows/${rows[0]!.id}`, licensingRow('城镇污水排入排水管网许可', { c_authority: '市住房和城乡建设局（市水务集团受理）' }))).statusCode, 303);
      await s.get(`/admin/lists/versions/${v2}`);
      assert.equal((await s.post(`/admin/lists/versions/${v2}/rows/${rows[1]!.id}/delete`, {})).statusCode, 303);
      assert.equal((await s.post(`/admin/lists/versions/${v2}/rows`, licensingRow('城市供水水质检测机构备案审查'))).statusCode, 303);
      assert.equal((await s.post(`/admin/lists/versions/${v2}`, { title: '江宁市住房和城乡建设局供水排水许可事项清单', changeNote: '调整污水排入许可的受理方式' })).statusCode, 303);

      await assertNowherePublic(list.id, v2, 2, '城市供水水质检测机构备案审查');
      assert.match((await anon(`/lists/${list.id}`)).body, /拆除、改动城市公共供水设施审批/, 'the public still sees version 1');

      await publish(v2);
      const current = await anon(`/lists/${list.id}`);
      assert.match(current.body, /城市供水水质检测机构备案审查/);
      assert.doesNotMatch(current.body, /拆除、改动城市公共供水设施审批/);
      const diff = await anon(`/lists/${list.id}/compare?from=1&to=2`);
      assert.equal(diff.statusCode, 200);
      assert.match(diff.body, /新增 <strong>1<\/strong> 项，删除 <strong>1<\/strong> 项，修改 <strong>1<\/strong> 项/);
      assert.match(diff.body, /<del>市住房和城乡建设局<\/del>/);
      assert.match(diff.body, /<ins>市住房和城乡建设局（市水务集团受理）<\/ins>/);
      assert.match(diff.body, /调整污水排入许可的受理方式/);
      assert.match((await anon(`/lists/${list.id}/versions/1`)).body, /拆除、改动城市公共供水设施审批/, 'the first version stays readable');

      const withdrawn = await act('zjj.editor', v2, 'withdraw', { withdrawalReason: 'corrected', comment: '受理方式表述有误' });
      assert.equal(withdrawn.statusCode, 303);
      const after = await t.db.selectFrom('official_lists').select('current_version_id').where('id', '=', list.id).executeTakeFirstOrThrow();
      assert.equal(after.current_version_id, list.current_version_id, 'version 1 is current again');
      assert.equal((await anon(`/lists/${list.id}/versions/2`)).statusCode, 410);
      assert.equal((await anon(`/lists/${list.id}/versions/2/export.xlsx`)).statusCode, 410);
      assert.equal((await anon(`/lists/${list.id}/compare?from=1&to=2`)).statusCode, 410);
      assert.match((await anon(`/lists/${list.id}`)).body, /拆除、改动城市公共供水设施审批/);
    });

    test('XLSX: a version exported and imported again gives the same rows; a bad file is refused by row number and nothing is written', async () => {
      const s = await as('czj.editor');
      const list = await t.db.selectFrom('official_lists').select(['id', 'current_version_id']).where('list_type', '=', 'fees').executeTakeFirstOrThrow();
      const published = await rowsOf(list.current_version_id!);
      const exported = await anon(`/lists/${list.id}/versions/1/export.xlsx`);
      assert.equal(exported.statusCode, 200);
      assert.equal(exported.headers['content-type'], XLSX);
      const parsed = await parseListWorkbook(LIST_TYPES.fees, exported.rawPayload);
      assert.ok(parsed.ok);
      assert.deepEqual(parsed.rows, published, 'the public spreadsheet holds the published rows');

      await s.get(`/admin/lists/${list.id}`);
      const started = await s.post(`/admin/lists/${list.id}/versions`, {});
      const vid = Number(/\/admin\/lists\/versions\/(\d+)/.exec(String(started.headers.location))![1]);
      await s.get(`/admin/lists/versions/${vid}`);
      const imported = await s.postMultipart(`/admin/lists/versions/${vid}/import`, {}, [{ field: 'file', filename: '收费目录清单.xlsx', content: exported.rawPayload, contentType: XLSX }]);
      assert.equal(imported.statusCode, 303, imported.body.match(/error-summary[\s\S]{0,600}/)?.[0]);
      assert.deepEqual(await rowsOf(vid), published, 'export then import gives the same rows');

      const header = ['序号', '部门', '收费项目', '收费标准', '收费依据', '收费主体', '资金管理方式', '备注'];
      const bad = await workbook([
        ['江宁市行政事业性收费目录清单'],
        header,
        [1, '市民政局', '婚姻登记证书工本费', '每本9元', '财综〔2011〕72号', '市婚姻登记处', '缴入国库', ''],
        [2, '市民政局', '殡葬服务收费', '按服务项目', '', '市殡仪馆', '缴入国库', ''],
        [3, '市民政局', '墓地使用费', '按面积', '省定标准', '市公墓', '现金', ''],
      ]);
      const rowsBefore = await count('list_rows');
      const auditBefore = await count('audit_events');
      await s.get(`/admin/lists/versions/${vid}`);
      const refused = await s.postMultipart(`/admin/lists/versions/${vid}/import`, {}, [{ field: 'file', filename: '有误.xlsx', content: bad, contentType: XLSX }]);
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /第 4 行：缺少收费依据/);
      assert.match(refused.body, /第 5 行：资金管理方式应为/);
      assert.doesNotMatch(refused.body, /第 3 行/);
      assert.equal(await count('list_rows'), rowsBefore, 'nothing written');
      assert.equal(await count('audit_events'), auditBefore);
      assert.deepEqual(await rowsOf(vid), published);

      await s.get(`/admin/lists/versions/${vid}`);
      const noHeader = await s.postMultipart(`/admin/lists/versions/${vid}/import`, {}, [{ field: 'file', filename: '表头.xlsx', content: await workbook([['项目', '标准'], ['a', 'b']]), contentType: XLSX }]);
      assert.equal(noHeader.statusCode, 422);
      assert.match(noHeader.body, /缺少“收费项目”、“收费标准”、“收费依据”、“收费主体”列/);
      await s.get(`/admin/lists/versions/${vid}`);
      const notExcel = await s.postMultipart(`/admin/lists/versions/${vid}/import`, {}, [{ field: 'file', filename: '清单.xlsx', content: Buffer.from('不是表格'), contentType: XLSX }]);
      assert.equal(notExcel.statusCode, 422);
      assert.equal(await count('list_rows'), rowsBefore);
    });

    test('a 6,000-row list is searched and paged quickly', async () => {
      const editor = (await t.db.selectFrom('staff').select(['id']).where('username', '=', 'zjj.editor').executeTakeFirstOrThrow()).id;
      const roles = await t.db.selectFrom('staff_roles').select(['org_id as orgId', 'role']).where('staff_id', '=', editor).execute();
      const actor = { id: editor, username: 'zjj.editor', displayName: '市住建局编辑', roles };
      const rows = Array.from({ length: 6000 }, (_, i) => ({
        code: `JN-${String(i + 1).padStart(5, '0')}`,
        name: i === 4320 ? '历史建筑实施原址保护审批' : `第${i + 1}号建设项目审批事项`,
        department: '市住房和城乡建设局',
        authority: i % 2 ? '东山县住房和城乡建设局' : '西湖县住房和城乡建设局',
        basis: `《江宁市建设管理条例》第${(i % 80) + 1}条`,
      }));
      const listId = await seedList({ db: t.db, clock: t.clock, actor: { id: editor, label: '测试' } }, actor, { orgId: zjj, type: 'licensing', versions: [{ title: '大型清单', publishedOn: '2026-11-01', rows }] });
      const started = Date.now();
      const found = await anon(`/lists/${listId}?q=${encodeURIComponent('历史建筑 原址')}`);
      const took = Date.now() - started;
      assert.equal(found.statusCode, 200);
      assert.match(found.body, /找到 1 项（共 6000 项）/);
      assert.match(found.body, /<td>4321<\/td>/, 'the row keeps its 序号');
      assert.ok(took < 3000, `search took ${took} ms`);
      const two = await anon(`/lists/${listId}?q=${encodeURIComponent('东山县 第80条')}`);
      assert.match(two.body, /找到 75 项/);
      const page2 = await anon(`/lists/${listId}?page=2`);
      assert.match(page2.body, /<td>51<\/td>/);
      assert.doesNotMatch(page2.body, /<td>50<\/td>/);
      assert.match((await anon(`/lists/${listId}?q=${encodeURIComponent('%')}`)).body, /找到 0 项/, 'wildcards are taken literally');
    });
  });
}
