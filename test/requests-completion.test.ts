import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { createRequest } from '../src/modules/requests/commands/create-request.js';
import type { RequestCommandContext } from '../src/modules/requests/commands/request-action.js';
import { applicationSchema } from '../src/modules/requests/schemas.js';
import { PDF_MIN, PNG_1PX } from './helpers/fixtures.js';
import { sessionPool, TestSession } from './helpers/session.js';
import { buildTestApp, testDatabaseKinds, type TestApp } from './helpers/test-app.js';
import { idCheckDigit } from '../src/platform/text-checks/validators.js';

/**
 * A disclosure request finished online: the handler provides files and published documents with
 * the reply, the applicant downloads them from the tracking page once the reply is sent and nowhere
 * else, every download logged; and no application is orphaned when its organization has no handler.
 */
const ID17 = '11010519491231002';
function applicationForm(orgId: number, over: Record<string, string> = {}): Record<string, string> {
  return {
    orgId: String(orgId), applicantKind: 'natural', name: '王秀兰', idType: 'id_card', idNumber: ID17 + idCheckDigit(ID17), phone: '13912345678',
    address: '江宁市东山区文靖路 8 号', postcode: '211100', subject: '2025 年城区老旧小区改造项目清单', docNumber: '',
    description: '申请获取 2025 年城区老旧小区改造项目的清单。', provideForm: 'electronic', deliveryMethod: 'online', ...over,
  };
}

const count = async (t: TestApp, table: 'request_attachments' | 'request_downloads' | 'request_documents' | 'request_letters') =>
  Number((await t.db.selectFrom(table).select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

for (const kind of testDatabaseKinds()) {
  describe(`disclosure requests finished online on ${kind}`, () => {
    let t: TestApp;
    const orgs = new Map<string, number>();
    const staff = sessionPool(() => t);
    beforeEach(() => staff.nextTest());
    before(async () => {
      // Monday 2026-11-23, 10:00 in Beijing.
      t = await buildTestApp(kind, { now: '2026-11-23T02:00:00Z' });
      for (const o of await t.db.selectFrom('organizations').select(['id', 'slug']).execute()) orgs.set(o.slug, o.id);
    });
    after(() => t.close());

    const applicantCtx = (): RequestCommandContext => ({ db: t.db, clock: t.clock, actor: { id: null, label: '申请人（网上）', ip: null }, sealer: t.app.sealer, storage: t.app.deps.storage, maxUploadBytes: t.config.maxUploadBytes });
    /** An online application, as /apply files it; returns its id, number and access code. */
    async function applyOnline(slug: string, subject = '2025 年城区老旧小区改造项目清单') {
      const data = applicationSchema(t.clock.today()).parse({ ...applicationForm(orgs.get(slug)!, { subject }), provideForm: 'electronic', deliveryMethod: 'online' });
      return createRequest(applicantCtx(), data, { channel: 'online' });
    }
    /** A browser that opened the case with its access code. */
    async function applicant(c: { trackingNo: string; accessCode: string }) {
      const s = new TestSession(t.app);
      await s.get(`/requests/track?no=${c.trackingNo}`);
      const res = await s.post('/requests/track', { trackingNo: c.trackingNo, accessCode: c.accessCode });
      assert.equal(res.statusCode, 303);
      return s;
    }
    const status = (id: number) => t.db.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    describe('reply files and linked documents', () => {
      let c: Awaited<ReturnType<typeof applyOnline>>;
      let fileId: number;
      let docId: number;

      test('a handler attaches files to the reply; a file that is not what its name says is refused, nothing written', async () => {
        c = await applyOnline('city');
        const h = await staff.as('city.handler');
        await h.get(`/admin/requests/${c.id}`);
        assert.equal((await h.post(`/admin/requests/${c.id}/actions/register`, {})).statusCode, 303);
        const before = await count(t, 'request_attachments');
        await h.get(`/admin/requests/${c.id}`);
        const bad = await h.postMultipart(`/admin/requests/${c.id}/reply-files`, {}, [{ field: 'attachments', filename: '清单.pdf', content: PNG_1PX, contentType: 'application/pdf' }]);
        assert.equal(bad.statusCode, 422);
        assert.match(bad.body, /扩展名与实际内容不符/);
        assert.equal(await count(t, 'request_attachments'), before);
        const ok = await h.postMultipart(`/admin/requests/${c.id}/reply-files`, {}, [{ field: 'attachments', filename: '改造项目清单.pdf', content: PDF_MIN, contentType: 'application/pdf' }]);
        assert.equal(ok.statusCode, 303);
        const row = await t.db.selectFrom('request_attachments').selectAll().where('request_id', '=', c.id).where('for_reply', '=', true).executeTakeFirstOrThrow();
        fileId = row.id;
        assert.equal(row.from_applicant, false);
      });

      test('published documents are picked from a search box (JSON, or a plain form without script); drafts never appear', async () => {
        const h = await staff.as('city.handler');
        const [pub, other] = await t.db.selectFrom('documents').select(['id', 'title']).where('status', '=', 'published').orderBy('id').limit(2).execute();
        // A document taken back to draft is no longer offered.
        await t.db.updateTable('documents').set({ status: 'draft' }).where('id', '=', other!.id).execute();
        const json = await h.get(`/admin/requests/${c.id}/documents/search?q=${encodeURIComponent(pub!.title)}`);
        assert.equal(json.statusCode, 200);
        const items = (JSON.parse(json.body) as { items: { id: number; title: string }[] }).items;
        assert.ok(items.some((d) => d.id === pub!.id), 'the published document is found');
        const drafts = await h.get(`/admin/requests/${c.id}/documents/search?q=${encodeURIComponent(other!.title)}`);
        assert.ok(!(JSON.parse(drafts.body) as { items: { id: number }[] }).items.some((d) => d.id === other!.id), 'a draft is never offered');
        const page = await h.get(`/admin/requests/${c.id}?dq=${encodeURIComponent(pub!.title)}`);
        assert.match(page.body, new RegExp(`name="documentId" value="${pub!.id}"`), 'without script: results with 添加 buttons');
        const refused = await h.post(`/admin/requests/${c.id}/documents`, { documentId: String(other!.id) });
        assert.equal(refused.statusCode, 422);
        assert.match(refused.body, /只能关联已公开发布的文件/);
        assert.equal((await h.post(`/admin/requests/${c.id}/documents`, { documentId: String(pub!.id) })).statusCode, 303);
        docId = pub!.id;
        await t.db.updateTable('documents').set({ status: 'published' }).where('id', '=', other!.id).execute();
      });

      test('the reply letter lists what it provides', async () => {
        const h = await staff.as('city.handler');
        await h.get(`/admin/requests/${c.id}`);
        assert.equal((await h.post(`/admin/requests/${c.id}/reply`, { outcome: 'disclose', body: '', compose: '1' })).statusCode, 303);
        const page = await h.get(`/admin/requests/${c.id}`);
        assert.match(page.body, /附件：1．改造项目清单\.pdf/);
        assert.match(page.body, /2．《/);
      });

      test('the applicant downloads nothing before the reply is sent; another applicant and an anonymous visitor never', async () => {
        const mine = await applicant(c);
        assert.equal((await mine.get(`/requests/${c.trackingNo}/files/${fileId}`)).statusCode, 404, 'before the reply is sent');
        assert.doesNotMatch((await mine.get(`/requests/${c.trackingNo}`)).body, /改造项目清单\.pdf/);
        const h = await staff.as('city.handler');
        await h.get(`/admin/requests/${c.id}`);
        assert.equal((await h.post(`/admin/requests/${c.id}/actions/send_reply`, {})).statusCode, 303);
        assert.equal((await new TestSession(t.app).get(`/requests/${c.trackingNo}/files/${fileId}`)).statusCode, 404, 'anonymous');
        const other = await applicant(await applyOnline('city', '另一份申请'));
        assert.equal((await other.get(`/requests/${c.trackingNo}/files/${fileId}`)).statusCode, 404, "another case's applicant");
        assert.equal(await count(t, 'request_downloads'), 0);
      });

      test('once the reply is sent the applicant downloads the file from the tracking page, and the download is logged', async () => {
        const mine = await applicant(c);
        const page = await mine.get(`/requests/${c.trackingNo}`);
        assert.match(page.body, new RegExp(`/requests/${c.trackingNo}/files/${fileId}`));
        const file = await mine.get(`/requests/${c.trackingNo}/files/${fileId}`);
        assert.equal(file.statusCode, 200);
        assert.deepEqual(file.rawPayload, PDF_MIN);
        assert.equal(file.headers['cache-control'], 'private, no-store');
        assert.equal(await count(t, 'request_downloads'), 1);
        const audit = await t.db.selectFrom('audit_events').select('action').where('action', '=', 'request.reply_file_download').execute();
        assert.equal(audit.length, 1);
        // The reply is the record: nothing is added to it after it went out.
        const h = await staff.as('city.handler');
        await h.get(`/admin/requests/${c.id}`);
        const late = await h.postMultipart(`/admin/requests/${c.id}/reply-files`, {}, [{ field: 'attachments', filename: '补充.pdf', content: PDF_MIN, contentType: 'application/pdf' }]);
        assert.equal(late.statusCode, 422);
        assert.match(late.body, /答复已经发出/);
      });

      test('a linked document withdrawn since the reply is no longer offered on the tracking page', async () => {
        const mine = await applicant(c);
        assert.match((await mine.get(`/requests/${c.trackingNo}`)).body, new RegExp(`/documents/${docId}"`));
        await t.db.updateTable('documents').set({ status: 'withdrawn' }).where('id', '=', docId).execute();
        assert.doesNotMatch((await mine.get(`/requests/${c.trackingNo}`)).body, new RegExp(`/documents/${docId}"`));
        await t.db.updateTable('documents').set({ status: 'published' }).where('id', '=', docId).execute();
      });

      test('the sent letter keeps the list of what it provided, whatever happens to the documents since', async () => {
        const h = await staff.as('city.handler');
        const title = (await t.db.selectFrom('documents').select('title').where('id', '=', docId).executeTakeFirstOrThrow()).title;
        await t.db.updateTable('documents').set({ title: '改过的标题' }).where('id', '=', docId).execute();
        try {
          const letter = await t.db.selectFrom('request_letters').select('id').where('request_id', '=', c.id).where('kind', '=', 'reply').where('status', '=', 'sent').executeTakeFirstOrThrow();
          const page = (await h.get(`/admin/requests/${c.id}/letters/${letter.id}`)).body;
          assert.match(page, /附件：1．改造项目清单\.pdf/);
          assert.ok(page.includes(`2．《${title.replace(/^《|》$/gu, '')}》`), 'the title as the letter was sent');
          assert.doesNotMatch(page, /改过的标题/);
        } finally {
          await t.db.updateTable('documents').set({ title }).where('id', '=', docId).execute();
        }
      });
    });

    describe('no application is orphaned', () => {
      let orphan: Awaited<ReturnType<typeof applyOnline>>;
      const grant = async (granted: '0' | '1') => {
        const admin = await staff.as('admin');
        await admin.get('/admin/staff');
        const res = await admin.post('/admin/staff/roles', { username: 'qingshi.handler', orgId: String(orgs.get('qingshi')), role: 'request_handler', granted });
        assert.equal(res.statusCode, 303);
      };

      test('a township without a handler: its application waits in the county office’s workbench, which handles it', async () => {
        await grant('0');
        orphan = await applyOnline('qingshi', '青石镇 2025 年惠民补贴发放名单');
        const office = await staff.as('dongshan.office');
        const bench = await office.get('/admin/requests?view=routed');
        assert.equal(bench.statusCode, 200);
        assert.match(bench.body, /无办理人机关的申请 \(1\)/);
        assert.match(bench.body, new RegExp(orphan.trackingNo));
        await office.get(`/admin/requests/${orphan.id}`);
        assert.equal((await office.post(`/admin/requests/${orphan.id}/actions/register`, {})).statusCode, 303, 'the nearest office registers it itself');
        assert.equal((await status(orphan.id)).status, 'handling');
        // The city's office oversees it but is not the one it routes to; the administrator only reads it.
        const city = await staff.as('gkb');
        await city.get(`/admin/requests/${orphan.id}`);
        assert.equal((await city.post(`/admin/requests/${orphan.id}/actions/request_correction`, { items: '请写明村名' })).statusCode, 403);
        const admin = await staff.as('admin');
        assert.match((await admin.get('/admin/requests')).body, new RegExp(orphan.trackingNo), 'the administrator sees every case');
        assert.equal((await admin.get(`/admin/requests/${orphan.id}`)).statusCode, 200);
        assert.equal((await admin.post(`/admin/requests/${orphan.id}/actions/request_correction`, { items: '请写明村名' })).statusCode, 403);
        // The applicant's own files are for those who handle the case; the administrator only oversees it.
        const own = await t.db.insertInto('request_attachments').values({ request_id: orphan.id, event_id: null, file_name: '身份证复印件.pdf', storage_key: 'none', mime_type: 'application/pdf', size_bytes: 1, sha256: '0', from_applicant: true, for_reply: false, created_at: t.clock.now() }).returning('id').executeTakeFirstOrThrow();
        assert.equal((await admin.get(`/admin/requests/${orphan.id}/attachments/${own.id}`)).statusCode, 403);
        await t.db.deleteFrom('request_attachments').where('id', '=', own.id).execute();
      });

      test('transfer (转送): a 转送告知书 from the township, and the receiving bureau counts 20 working days from today', async () => {
        const office = await staff.as('dongshan.office');
        await office.get(`/admin/requests/${orphan.id}`);
        const bad = await office.post(`/admin/requests/${orphan.id}/actions/transfer`, { toOrgId: '', transferReason: '' });
        assert.equal(bad.statusCode, 400);
        assert.match(bad.body, /请选择有权机关/);
        // A reply file the township already attached would go out from the receiving bureau: refused until it is removed.
        const file = await t.db.insertInto('request_attachments').values({ request_id: orphan.id, event_id: null, file_name: '名单.pdf', storage_key: 'none', mime_type: 'application/pdf', size_bytes: 1, sha256: '0', from_applicant: false, for_reply: true, created_at: t.clock.now() }).returning('id').executeTakeFirstOrThrow();
        const withFile = await office.post(`/admin/requests/${orphan.id}/actions/transfer`, { toOrgId: String(orgs.get('zjj')), transferReason: '补贴发放名单由市住房和城乡建设局制作并保存' });
        assert.equal(withFile.statusCode, 422);
        assert.match(withFile.body, /请先删除答复草稿和答复附件/);
        assert.equal((await status(orphan.id)).org_id, orgs.get('qingshi'), 'not moved');
        await t.db.deleteFrom('request_attachments').where('id', '=', file.id).execute();
        await office.get(`/admin/requests/${orphan.id}`);
        const ok = await office.post(`/admin/requests/${orphan.id}/actions/transfer`, { toOrgId: String(orgs.get('zjj')), transferReason: '补贴发放名单由市住房和城乡建设局制作并保存' });
        assert.equal(ok.statusCode, 303);
        const row = await status(orphan.id);
        assert.equal(row.org_id, orgs.get('zjj'));
        assert.equal(row.received_on, '2026-11-23');
        assert.equal(row.due_on, '2026-12-21', '20 working days from the receiving organization’s receipt (第三十一条、第三十三条)');
        const letter = await t.db.selectFrom('request_letters').selectAll().where('request_id', '=', orphan.id).where('kind', '=', 'transfer').executeTakeFirstOrThrow();
        assert.equal(letter.org_id, orgs.get('qingshi'), 'signed by the organization that sent it on');
        assert.match(letter.body, /第三十六条第五项/);
        assert.match(letter.body, /江宁市住房和城乡建设局/);
        const mine = await applicant(orphan);
        const page = await mine.get(`/requests/${orphan.trackingNo}`);
        assert.match(page.body, /政府信息公开申请转送告知书/);
        const shown = await mine.get(`/requests/${orphan.trackingNo}/letters/${letter.id}`);
        assert.match(shown.body, /东山县青石镇人民政府/);
        assert.equal((await office.get(`/admin/requests/${orphan.id}`)).statusCode, 404, 'out of the county office’s scope now');
        const zjj = await staff.as('zjj.handler');
        assert.match((await zjj.get('/admin/requests')).body, new RegExp(orphan.trackingNo));
      });

      test('once the township has a handler the office assigns it, and the case leaves the office’s list', async () => {
        const c = await applyOnline('qingshi', '青石镇 2026 年道路养护合同');
        const office = await staff.as('dongshan.office');
        assert.match((await office.get('/admin/requests?view=routed')).body, new RegExp(c.trackingNo));
        await grant('1');
        const handlerId = (await t.db.selectFrom('staff').select('id').where('username', '=', 'qingshi.handler').executeTakeFirstOrThrow()).id;
        const page = await office.get(`/admin/requests/${c.id}`);
        assert.match(page.body, /分配办理人/);
        assert.equal((await office.post(`/admin/requests/${c.id}/actions/assign`, { handlerId: String(handlerId) })).statusCode, 303);
        assert.equal((await status(c.id)).handler_id, handlerId);
        assert.doesNotMatch((await office.get('/admin/requests?view=routed')).body, new RegExp(c.trackingNo));
        assert.equal((await office.post(`/admin/requests/${c.id}/actions/register`, {})).statusCode, 403, 'the township registers its own now');
      });
    });
  });
}
