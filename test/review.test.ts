import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { runDueJobs } from '../src/platform/jobs/runner.js';
import { reviewJobHandlers } from '../src/modules/review/jobs.js';
import { buildTestApp, testDatabaseKinds, type TestApp } from './helpers/test-app.js';
import { sessionPool } from './helpers/session.js';
import { documentForm, pdfWithText } from './helpers/fixtures.js';
import { idFromLocation } from './helpers/publish.js';

/** A valid resident ID number (the GB 11643-1999 example) and one with a wrong check digit. */
const ID_NUMBER = '11010519491231002X';
const BAD_ID_NUMBER = '110105194912310021';

for (const kind of testDatabaseKinds()) {
  describe(`publishing under review on ${kind}`, () => {
    let t: TestApp;
    let city: number;
    let topic: number;
    const pool = sessionPool(() => t);
    const as = pool.as;
    before(async () => {
      t = await buildTestApp(kind);
      city = (await t.db.selectFrom('organizations').select('id').where('slug', '=', 'city').executeTakeFirstOrThrow()).id;
      topic = (await t.db.selectFrom('topics').select('id').where('name', '=', '政务公开').executeTakeFirstOrThrow()).id;
    });
    after(() => t.close());
    beforeEach(() => pool.nextTest());
    async function act(username: string, id: number, action: string, form: Record<string, string> = {}, type = 'document') {
      const s = await as(username);
      await s.get(`/admin/review/${type}/${id}`);
      return s.post(`/admin/review/${type}/${id}/${action}`, form);
    }
    async function draft(over: Record<string, string> = {}) {
      const s = await as('city.drafter');
      await s.get('/admin/documents/new');
      const res = await s.postMultipart('/admin/documents', documentForm(city, { docNo: '', issuers: '江宁市人民政府办公室', docType: '其他文件', topicId: String(topic), ...over }));
      assert.equal(res.statusCode, 303, res.body.slice(0, 400));
      return idFromLocation(res.headers.location);
    }
    const status = async (id: number) => (await t.db.selectFrom('documents').select(['status', 'review_level']).where('id', '=', id).executeTakeFirstOrThrow());

    test('a notice with an ID number and a flagged word is blocked; redacted and fixed, it passes three reviewers and the public sees the redaction', async () => {
      const id = await draft({
        title: '关于公布2026年第一批就业补贴发放名单的通知',
        bodyHtml: `<p>经审核，张某某（身份证号 ${ID_NUMBER}）符合条件。原国家工商行政管理总局的规定同时废止。编号 ${BAD_ID_NUMBER} 不是身份证号。</p>`,
      });
      const blocked = await act('city.drafter', id, 'submit');
      assert.equal(blocked.statusCode, 422);
      assert.match(blocked.body, /必须处理的问题/);
      const page = await (await as('city.drafter')).get(`/admin/review/document/${id}`);
      assert.match(page.body, /<mark class="finding-block"[^>]*>11010519491231002X/, 'the ID number is highlighted in the text');
      assert.match(page.body, /国家市场监督管理总局/, 'the suggestion names the right word');
      assert.doesNotMatch(page.body, /<mark[^>]*>110105194912310021/, 'a number with a wrong check digit is not taken for an ID');
      assert.equal((await status(id)).status, 'draft');

      // The drafter marks the ID number for redaction (条例 第十五条) and fixes the organ name.
      const s = await as('city.drafter');
      const editor = await s.get(`/admin/documents/${id}/edit`);
      assert.match(editor.body, /自动检查[\s\S]*必须处理：<\/strong>[^<]*身份证号码/, 'the editor shows the findings');
      assert.doesNotMatch(/<section class="card"[\s\S]*?<\/section>/.exec(editor.body)![0], new RegExp(ID_NUMBER), 'with the ID number masked');
      const fixed = await s.postMultipart(`/admin/documents/${id}`, documentForm(city, {
        title: '关于公布2026年第一批就业补贴发放名单的通知', docNo: '', issuers: '江宁市人民政府办公室', docType: '其他文件', topicId: String(topic), attribute: 'public_redacted',
        bodyHtml: `<p>经审核，张某某（身份证号 <span data-redact="15">${ID_NUMBER}</span>）符合条件。原国家市场监督管理总局的规定同时废止。编号 ${BAD_ID_NUMBER} 不是身份证号。</p>`,
      }));
      assert.equal(fixed.statusCode, 303);
      assert.equal((await act('city.drafter', id, 'submit')).statusCode, 303);
      assert.deepEqual(await status(id), { status: 'submitted', review_level: 0 });

      // Nobody approves their own draft; each level is someone else.
      assert.equal((await act('city.drafter', id, 'approve')).statusCode, 403);
      assert.equal((await act('city.reviewer', id, 'approve')).statusCode, 303);
      assert.deepEqual(await status(id), { status: 'in_review', review_level: 1 });
      const twice = await act('city.reviewer', id, 'approve');
      assert.equal(twice.statusCode, 403);
      assert.match(twice.body, /其他审核人/);
      assert.equal((await act('city.publisher', id, 'publish')).statusCode, 422, 'not before the final review');
      assert.equal((await act('city.reviewer2', id, 'approve')).statusCode, 303);
      assert.equal((await act('city.reviewer3', id, 'approve')).statusCode, 303);
      assert.deepEqual(await status(id), { status: 'approved', review_level: 3 });
      assert.equal((await t.app.inject(`/documents/${id}`)).statusCode, 404, 'approved is not yet public');
      assert.equal((await act('city.publisher', id, 'publish')).statusCode, 303);

      const pub = await t.app.inject(`/documents/${id}`);
      assert.equal(pub.statusCode, 200);
      assert.doesNotMatch(pub.body, new RegExp(ID_NUMBER), 'the withheld ID number is not on the public page');
      assert.match(pub.body, /此处内容已删减，依据《政府信息公开条例》第十五条/);
      const api = (await t.app.inject(`/api/v1/documents/${id}`)).json();
      assert.doesNotMatch(api.bodyHtml, new RegExp(ID_NUMBER));
      const found = (await t.app.inject(`/api/v1/documents?q=${ID_NUMBER}`)).json();
      assert.ok(!found.items.some((d: { id: number }) => d.id === id), 'search does not index withheld text');
      const internal = await t.db.selectFrom('documents').select(['body_html', 'index_no']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.match(internal.body_html, new RegExp(ID_NUMBER), 'the full text stays internal');
      assert.ok(internal.index_no, 'an index number is given at publication');

      const ledger = await t.db.selectFrom('review_actions').select(['action', 'level']).where('item_type', '=', 'document').where('item_id', '=', id).orderBy('id').execute();
      assert.deepEqual(ledger.map((r) => `${r.action}${r.level ?? ''}`), ['submit', 'approve1', 'approve2', 'approve3', 'publish']);
    });

    test('a reviewer dismisses a false positive with a reason; warnings need an acknowledgement; both are audited', async () => {
      const id = await draft({ title: '关于开展2026年防汛演练的通知', bodyHtml: '<p>演练联系电话 13800138000（值班室公开电话）。其它事项另行通知。</p>' });
      const refused = await act('city.drafter', id, 'findings', { key: 'personal_data:mobile:body:13800138000', resolution: 'dismissed', reason: '公开的值班电话' });
      assert.equal(refused.statusCode, 403, 'only a reviewer dismisses');
      const page = await (await as('city.reviewer')).get(`/admin/review/document/${id}`);
      const key = /name="key" value="(personal_data:[^"]+)"/.exec(page.body)?.[1];
      assert.ok(key, page.body.slice(0, 200));
      assert.equal((await act('city.reviewer', id, 'findings', { key: key!.replace(/&amp;/g, '&'), resolution: 'dismissed', reason: '' })).statusCode, 422, 'a dismissal needs a reason');
      assert.equal((await act('city.reviewer', id, 'findings', { key: key!, resolution: 'dismissed', reason: '公开的值班电话' })).statusCode, 303);
      const stillWarned = await act('city.drafter', id, 'submit');
      assert.equal(stillWarned.statusCode, 422);
      assert.match(stillWarned.body, /提示未确认/);
      const warnKey = /name="key" value="(wording:[^"]+)"/.exec((await (await as('city.drafter')).get(`/admin/review/document/${id}`)).body)?.[1];
      assert.ok(warnKey);
      assert.equal((await act('city.drafter', id, 'findings', { key: warnKey!, resolution: 'acknowledged' })).statusCode, 303);
      assert.equal((await act('city.drafter', id, 'submit')).statusCode, 303);
      const audited = await t.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'document').where('entity_id', '=', String(id)).execute();
      assert.ok(audited.some((a) => a.action === 'review.dismiss') && audited.some((a) => a.action === 'review.acknowledge'));
    });

    test('a reviewer returns an item with comments: it goes back to draft, every level starts again, the ledger shows why', async () => {
      const id = await draft({ title: '关于调整公共停车场收费标准的通知', bodyHtml: '<p>收费标准见附件。</p>' });
      assert.equal((await act('city.drafter', id, 'submit')).statusCode, 303);
      assert.equal((await act('city.reviewer', id, 'approve')).statusCode, 303);
      const silent = await act('city.reviewer2', id, 'return', { comment: '' });
      assert.equal(silent.statusCode, 422);
      assert.match(silent.body, /退回时请填写修改意见/);
      assert.equal((await act('city.reviewer2', id, 'return', { comment: '请补充收费依据' })).statusCode, 303);
      assert.deepEqual(await status(id), { status: 'draft', review_level: 0 });
      assert.equal((await act('city.drafter', id, 'submit')).statusCode, 303);
      assert.equal((await act('city.reviewer', id, 'approve')).statusCode, 303, 'a new round: the first reviewer approves again');
      const ledger = await (await as('city.reviewer')).get(`/admin/review/ledger?org=${city}&from=2026-11-01&to=2026-11-30`);
      assert.equal(ledger.statusCode, 200);
      assert.match(ledger.body, /退回修改[^<]*<\/td><td>市政府办复审人<\/td><td>请补充收费依据/);
    });

    test("an attachment's text is checked too: a PDF with a mobile number blocks until replaced by a redacted copy", async () => {
      const s = await as('city.drafter');
      await s.get('/admin/documents/new');
      const res = await s.postMultipart('/admin/documents', documentForm(city, { title: '关于公布值班安排的通知', docNo: '', issuers: '江宁市人民政府办公室', docType: '其他文件', topicId: String(topic), attribute: 'public_redacted', bodyHtml: '<p>值班安排见附件。</p>' }), [
        { field: 'attachments', filename: '值班表.pdf', content: pdfWithText('Duty officer Zhang, mobile 13912345678'), contentType: 'application/pdf' },
      ]);
      const id = idFromLocation(res.headers.location);
      const page = await s.get(`/admin/review/document/${id}`);
      assert.match(page.body, /附件“值班表\.pdf” 第 \d+ 字/, 'the finding names the attachment');
      assert.match(page.body, /须替换为删减后的版本/);
      assert.equal((await act('city.drafter', id, 'submit')).statusCode, 422);
      // The drafter removes the original and uploads the redacted copy.
      const att = await t.db.selectFrom('attachments').select('id').where('document_id', '=', id).executeTakeFirstOrThrow();
      await s.get(`/admin/documents/${id}`);
      assert.equal((await s.post(`/admin/documents/${id}/attachments/${att.id}/remove`, {})).statusCode, 303);
      await s.get(`/admin/documents/${id}/edit`);
      const again = await s.postMultipart(`/admin/documents/${id}`, documentForm(city, { title: '关于公布值班安排的通知', docNo: '', issuers: '江宁市人民政府办公室', docType: '其他文件', topicId: String(topic), attribute: 'public_redacted', bodyHtml: '<p>值班安排见附件。</p>', redactedCopies: '1' }), [
        { field: 'attachments', filename: '值班表（删减版）.pdf', content: pdfWithText('Duty officer Zhang, mobile 139****5678'), contentType: 'application/pdf' },
      ]);
      assert.equal(again.statusCode, 303);
      assert.equal((await act('city.drafter', id, 'submit')).statusCode, 303);
    });

    test('links to other sites are checked after saving; one that does not answer is a warning to fix or acknowledge', async () => {
      const server = createServer((req, res) => res.writeHead(req.url === '/ok' ? 200 : 404).end());
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      try {
        const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        const id = await draft({ title: '关于转发上级通知的通知', bodyHtml: `<p>详见<a href="${base}/ok">上级通知</a>和<a href="${base}/missing">附件</a>；另见<a href="/documents/999999">本站文件</a>。</p>` });
        await runDueJobs(t.db, t.clock, reviewJobHandlers(t.db, t.clock, () => {}));
        const checked = await t.db.selectFrom('link_checks').select(['url', 'ok', 'status']).orderBy('url').execute();
        assert.deepEqual(checked, [{ url: `${base}/missing`, ok: false, status: 404 }, { url: `${base}/ok`, ok: true, status: 200 }]);
        const page = await (await as('city.drafter')).get(`/admin/review/document/${id}`);
        assert.match(page.body, new RegExp(`正文链接 ${base}/missing 无法访问（状态 404`));
        assert.doesNotMatch(page.body, new RegExp(`${base}/ok 无法访问`));
        assert.match(page.body, /本站文件 \/documents\/999999 不存在或未公开/, 'a link to a page of this site that is not public blocks');
      } finally {
        server.close();
      }
    });

    test('secrecy markers and a 依申请公开 attribute block even an urgent publication', async () => {
      const secret = await draft({ title: '关于内部事项的通知', bodyHtml: '<p>机密★1年</p><p>正文。</p>' });
      const r = await act('city.publisher', secret, 'urgent_publish', { comment: '紧急' });
      assert.equal(r.statusCode, 422);
      assert.match(r.body, /密级/);
      const onRequest = await draft({ title: '依申请公开的文件', attribute: 'on_request', bodyHtml: '<p>正文。</p>' });
      const r2 = await act('city.publisher', onRequest, 'urgent_publish', { comment: '紧急' });
      assert.equal(r2.statusCode, 422);
      assert.match(r2.body, /依申请公开/);
    });

    test('urgent publication needs a reason and stays on the needs-review list until a reviewer reviews it', async () => {
      const id = await draft({ title: '关于台风红色预警期间停课的紧急通知', bodyHtml: '<p>全市中小学明日停课。</p>' });
      assert.equal((await act('city.publisher', id, 'urgent_publish', { comment: '' })).statusCode, 422);
      assert.equal((await act('city.drafter', id, 'urgent_publish', { comment: '台风' })).statusCode, 403);
      assert.equal((await act('city.publisher', id, 'urgent_publish', { comment: '台风红色预警，须立即发布' })).statusCode, 303);
      assert.equal((await t.app.inject(`/documents/${id}`)).statusCode, 200);
      const bench = await (await as('city.reviewer')).get('/admin/review');
      assert.match(bench.body, /紧急发布待补审（1）/);
      assert.equal((await act('city.reviewer', id, 'post_review')).statusCode, 303);
      assert.match((await (await as('city.reviewer')).get('/admin/review')).body, /紧急发布待补审（0）/);
    });

    test('editing a published document makes an edition; the public keeps the old text until the edition is reviewed and published', async () => {
      const id = await draft({ title: '关于调整政务服务大厅办公时间的通知', bodyHtml: '<p>办公时间为上午9时至下午5时。</p>' });
      await t.db.updateTable('organizations').set({ review_levels: 1 }).where('id', '=', city).execute();
      try {
        for (const [who, action] of [['city.drafter', 'submit'], ['city.reviewer', 'approve'], ['city.publisher', 'publish']] as const) assert.equal((await act(who, id, action)).statusCode, 303, `${who} ${action}`);
        const s = await as('city.drafter');
        await s.get(`/admin/documents/${id}/edit`);
        const saved = await s.postMultipart(`/admin/documents/${id}`, documentForm(city, { title: '关于调整政务服务大厅办公时间的通知', docNo: '', issuers: '江宁市人民政府办公室', docType: '其他文件', topicId: String(topic), bodyHtml: '<p>办公时间为上午8时30分至下午5时30分。</p>', note: '延长办公时间' }));
        const edition = idFromLocation(saved.headers.location);
        assert.notEqual(edition, id);
        assert.match((await t.app.inject(`/documents/${id}`)).body, /上午9时至下午5时/, 'the live page is unchanged');
        assert.equal((await s.get(`/admin/documents/${id}/edit`)).statusCode, 303, 'the live document is edited through its open edition');
        for (const [who, action] of [['city.drafter', 'submit'], ['city.reviewer', 'approve'], ['city.publisher', 'publish']] as const) assert.equal((await act(who, edition, action)).statusCode, 303, `${who} ${action} edition`);
        const live = await t.app.inject(`/documents/${id}`);
        assert.match(live.body, /上午8时30分至下午5时30分/);
        assert.equal((await status(edition)).status, 'merged');
        const versions = await t.db.selectFrom('document_versions').select('version_no').where('document_id', '=', id).execute();
        assert.equal(versions.length, 2, 'the old content stays as a version');
        assert.equal((await t.app.inject(`/documents/${id}/compare?a=1&b=2`)).statusCode, 200);
      } finally {
        await t.db.updateTable('organizations').set({ review_levels: 3 }).where('id', '=', city).execute();
      }
    });

    test('scheduled publication runs from the job table once, at its time', async () => {
      await t.db.updateTable('organizations').set({ review_levels: 1 }).where('id', '=', city).execute();
      try {
        const id = await draft({ title: '关于元旦假期安排的通知', bodyHtml: '<p>元旦放假1天。</p>' });
        for (const [who, action] of [['city.drafter', 'submit'], ['city.reviewer', 'approve']] as const) await act(who, id, action);
        assert.equal((await act('city.publisher', id, 'schedule', { publishAt: '2020-01-01T08:00' })).statusCode, 422, 'not in the past');
        assert.equal((await act('city.publisher', id, 'schedule', { publishAt: '2026-11-23T08:00' })).statusCode, 303);
        assert.equal((await status(id)).status, 'scheduled');
        const handlers = reviewJobHandlers(t.db, t.clock, () => {});
        await runDueJobs(t.db, t.clock, handlers);
        assert.equal((await status(id)).status, 'scheduled', 'not before its time');
        t.clock.set(new Date('2026-11-23T00:01:00Z'));
        assert.ok((await runDueJobs(t.db, t.clock, handlers)) >= 1);
        assert.equal((await status(id)).status, 'published');
        assert.equal(await runDueJobs(t.db, t.clock, handlers), 0, 'runs once');
        const row = await t.db.selectFrom('review_actions').select('action').where('item_id', '=', id).where('action', '=', 'publish_scheduled').execute();
        assert.equal(row.length, 1);
      } finally {
        await t.db.updateTable('organizations').set({ review_levels: 3 }).where('id', '=', city).execute();
      }
    });

    test('withdrawal keeps the page with a public notice, or removes it when the reason requires', async () => {
      const doc = await t.db.selectFrom('documents').select('id').where('status', '=', 'published').where('org_id', '=', city).orderBy('id').limit(2).execute();
      const [keep, remove] = [doc[0]!.id, doc[1]!.id];
      assert.equal((await act('city.drafter', keep, 'withdraw', { withdrawalReason: 'corrected', comment: '第二条有误' })).statusCode, 403);
      assert.equal((await act('city.publisher', keep, 'withdraw', { withdrawalReason: 'corrected', comment: '第二条有误，更正后重新发布' })).statusCode, 303);
      const page = await t.app.inject(`/documents/${keep}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /本文件已撤稿/);
      assert.match(page.body, /第二条有误，更正后重新发布/);
      assert.equal((await act('city.publisher', remove, 'withdraw', { withdrawalReason: 'privacy', comment: '含个人信息' })).statusCode, 303);
      assert.equal((await t.app.inject(`/documents/${remove}`)).statusCode, 410);
      const search = (await t.app.inject('/api/v1/documents?pageSize=50')).json();
      assert.ok(!search.items.some((d: { id: number }) => d.id === keep || d.id === remove), 'withdrawn documents leave the library');
    });

    test('another organization cannot see or act on an item; the ledger exports to a real XLSX file', async () => {
      const id = await draft({ title: '关于机关内部跨单位审核的测试通知', bodyHtml: '<p>正文。</p>' });
      const county = await as('dongshan.office');
      assert.equal((await county.get(`/admin/review/document/${id}`)).statusCode, 404);
      const res = await (await as('city.reviewer')).get(`/admin/review/ledger?org=${city}&from=2026-01-01&to=2026-12-31&format=xlsx`);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /spreadsheetml/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('审查台账')!;
      assert.equal(ws.getRow(1).getCell(1).value, '时间');
      const rows = Number((await t.db.selectFrom('review_actions').select((eb) => eb.fn.countAll<number>().as('n')).where('org_id', '=', city).executeTakeFirstOrThrow()).n);
      assert.equal(ws.rowCount - 1, rows, 'one row per review step');
      assert.equal((await county.get(`/admin/review/ledger?org=${city}`)).statusCode, 404, "another organization's ledger");
      assert.equal((await (await as('city.reviewer')).get(`/admin/review/ledger?org=${city}&from=2026-13-01`)).statusCode, 400);
    });

    test('a dictionary change rescans what is published and lists what now contains the word', async () => {
      const admin = await as('admin');
      await admin.get('/admin/checks/terms');
      assert.equal((await admin.post('/admin/checks/terms', { term: '', action: 'suggest', replacement: '', bulk: '' })).statusCode, 422);
      assert.equal((await (await as('city.drafter')).post('/admin/checks/terms', { term: '最低工资', action: 'warn' })).statusCode, 403);
      // The dictionary is site-wide: a county's disclosure office may read it, never change what stops the city's publications.
      const county = await as('dongshan.office');
      assert.equal((await county.get('/admin/checks/terms')).statusCode, 200);
      const refused = await county.post('/admin/checks/terms', { term: '县里加的禁用词', category: '测试', action: 'block', bulk: '' });
      assert.equal(refused.statusCode, 403);
      assert.match(refused.body, /市级管理员和市政务公开办/);
      assert.equal((await t.db.selectFrom('flagged_terms').select('id').where('term', '=', '县里加的禁用词').execute()).length, 0, 'nothing written');
      const someTerm = await t.db.selectFrom('flagged_terms').select('id').executeTakeFirstOrThrow();
      assert.equal((await county.post(`/admin/checks/terms/${someTerm.id}/delete`, {})).statusCode, 403);
      await admin.get('/admin/checks/terms');
      assert.equal((await admin.post('/admin/checks/terms', { term: '最低工资', category: '测试', action: 'warn', bulk: '' })).statusCode, 303);
      t.clock.set(new Date(t.clock.now().getTime() + 10_000));
      await runDueJobs(t.db, t.clock, reviewJobHandlers(t.db, t.clock, () => {}));
      const runs = await t.db.selectFrom('check_runs').selectAll().execute();
      assert.equal(runs.length, 1);
      assert.ok(runs[0]!.finished_at && runs[0]!.items_scanned > 0);
      const page = await admin.get('/admin/checks/terms');
      assert.match(page.body, /最低工资标准/, 'the published minimum-wage documents are listed');
      const term = await t.db.selectFrom('flagged_terms').select('id').where('term', '=', '最低工资').executeTakeFirstOrThrow();
      assert.equal((await admin.post(`/admin/checks/terms/${term.id}/delete`, {})).statusCode, 303);
      assert.equal(await t.db.selectFrom('flagged_terms').select('id').where('term', '=', '最低工资').executeTakeFirst(), undefined);
      await admin.get('/admin/checks/terms');
      assert.equal((await admin.post(`/admin/checks/terms/${term.id}/delete`, {})).statusCode, 422, 'a term already deleted');
    });
  });
}
