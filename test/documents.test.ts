import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { buildTestApp, testDatabaseKinds, type TestApp } from './helpers/test-app.js';
import { TestSession } from './helpers/session.js';
import { documentForm, makeDocx, PDF_MIN, PNG_1PX } from './helpers/fixtures.js';
import { publishNow } from './helpers/publish.js';

async function orgId(t: TestApp, slug: string) {
  return (await t.db.selectFrom('organizations').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}
const count = async (t: TestApp, table: 'documents' | 'audit_events' | 'document_versions' | 'attachments') =>
  Number((await t.db.selectFrom(table).select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

for (const kind of testDatabaseKinds()) {
  describe(`policy library on ${kind}`, () => {
    let t: TestApp;
    let fgw: number;
    before(async () => {
      t = await buildTestApp(kind, { env: { MAX_UPLOAD_MB: '1' } });
      fgw = await orgId(t, 'fgw');
    });
    after(() => t.close());
    // Each test signs several people in; a minute apart, they stay under the login rate limit.
    beforeEach(() => t.clock.set(new Date(t.clock.now().getTime() + 61_000)));

    test('a document saved and then published gets its index number and validity; it is found by words and by its number', async () => {
      const s = new TestSession(t.app);
      await s.login('fgw.editor');
      const res = await s.postMultipart('/admin/documents', documentForm(fgw));
      assert.equal(res.statusCode, 303, res.body.slice(0, 500));
      const id = Number(/\/admin\/documents\/(\d+)/.exec(res.headers.location as string)![1]);
      const draft = await t.db.selectFrom('documents').select(['status', 'index_no']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual(draft, { status: 'draft', index_no: null }, 'a draft uses up no index number');
      assert.equal((await t.app.inject(`/documents/${id}`)).statusCode, 404, 'a draft is not public');
      await publishNow(t, id);
      const doc = await t.db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(doc.status, 'published');
      assert.equal(doc.published_on, '2026-11-22', 'published today when no date was given');
      assert.match(doc.index_no ?? '', /^113201000000101\/2026-\d{5}$/);
      assert.equal(doc.validity, 'not_yet_effective', 'takes effect on 2026-12-01');
      assert.equal(doc.expires_on, '2031-11-30', 'normative documents get the default 5-year term');
      const byWords = await t.app.inject(`/api/v1/documents?q=${encodeURIComponent('专精特新 奖励')}`);
      assert.ok(byWords.json().items.some((d: { id: number }) => d.id === id));
      for (const q of ['宁发改规〔2026〕31号', '宁发改规[2026]31号', '宁发改规 2026 31']) {
        const r = await t.app.inject(`/api/v1/documents?q=${encodeURIComponent(q)}`);
        assert.equal(r.json().items[0]?.id, id, `document number query ${q} finds it first`);
      }
      const page = await t.app.inject(`/documents/${id}`);
      assert.match(page.body, /索引号/);
      assert.match(page.body, /宁发改规〔2026〕31号/);
      assert.match(page.body, /尚未生效/);
    });

    test('editing creates a new version and the comparison shows what changed', async () => {
      const s = new TestSession(t.app);
      await s.login('fgw.editor');
      const created = await s.postMultipart('/admin/documents', documentForm(fgw, { title: '江宁市版本对比测试文件', docNo: '' }));
      const id = Number(/(\d+)\?/.exec(created.headers.location as string)![1]);
      const edited = await s.postMultipart(`/admin/documents/${id}`, documentForm(fgw, { title: '江宁市版本对比测试文件', docNo: '', bodyHtml: '<p>第一条 对新认定的专精特新中小企业给予一次性奖励30万元。</p>', note: '提高奖励' }));
      assert.equal(edited.statusCode, 303);
      await publishNow(t, id);
      const versions = await t.db.selectFrom('document_versions').select(['version_no', 'note']).where('document_id', '=', id).orderBy('version_no').execute();
      assert.deepEqual(versions.map((v) => v.version_no), [1, 2]);
      // Both saves came before review: staff compare them in the back office, the public never sees them.
      const cmp = await s.get(`/admin/documents/${id}/versions/compare?a=1&b=2`);
      assert.equal(cmp.statusCode, 200);
      assert.match(cmp.body, /<del>2<\/del>/);
      assert.match(cmp.body, /<ins>3<\/ins>/);
      assert.match((await s.get(`/admin/documents/${id}/versions`)).body, /提高奖励/, 'the staff note is in the internal history');
      assert.equal((await t.app.inject(`/documents/${id}/compare?a=1&b=2`)).statusCode, 404, 'the public has one published edition only');
      assert.doesNotMatch((await t.app.inject(`/documents/${id}`)).body, /提高奖励/, 'a staff note is never public');
    });

    test('bad input is refused in Chinese, the form keeps what was typed, and nothing is written', async () => {
      const s = new TestSession(t.app);
      await s.login('fgw.editor');
      const before = { docs: await count(t, 'documents'), audit: await count(t, 'audit_events'), versions: await count(t, 'document_versions') };
      const cases: [Record<string, string>, RegExp][] = [
        [{ docNo: '宁发改规[2026]31号' }, /六角括号/],
        [{ docNo: '宁发改规〔2026〕031号' }, /虚位|0/],
        [{ writtenOn: '2026-11-10', effectiveOn: '2026-11-01' }, /施行日期不能早于成文日期/],
        [{ writtenOn: '2026-11-10', publishedOn: '2026-11-01' }, /发布日期不能早于成文日期/],
        [{ effectiveOn: '2026-12-01', expiresOn: '2026-11-30' }, /有效期至须晚于施行日期/],
        [{ title: '<script>alert(1)</script>通知' }, /尖括号/],
        [{ attribute: 'secret' }, /公开属性/],
        [{ writtenOn: '2026-02-30' }, /格式应为/],
      ];
      for (const [over, message] of cases) {
        const res = await s.postMultipart('/admin/documents', documentForm(fgw, { title: '保留输入的标题', ...over }));
        assert.equal(res.statusCode, 422, JSON.stringify(over));
        assert.match(res.body, message);
        if (!over.title) assert.match(res.body, /value="保留输入的标题"/, 'the typed title is kept');
        assert.doesNotMatch(res.body, /<script>alert/);
      }
      assert.deepEqual({ docs: await count(t, 'documents'), audit: await count(t, 'audit_events'), versions: await count(t, 'document_versions') }, before);
    });

    test('uploads: a .docx becomes the body, attachments are stored, oversized and mislabeled files are refused', async () => {
      const s = new TestSession(t.app);
      await s.login('fgw.editor');
      const docx = await makeDocx(['第一条 为了规范数据共享，制定本办法。', '第二条 本办法自发布之日起施行。']);
      const ok = await s.postMultipart('/admin/documents', documentForm(fgw, { title: '江宁市政务数据共享管理办法', docNo: '' }), [
        { field: 'bodyDocx', filename: '正文.docx', content: docx, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
        { field: 'attachments', filename: '附件1.pdf', content: PDF_MIN, contentType: 'application/pdf' },
      ]);
      assert.equal(ok.statusCode, 303, ok.body.slice(0, 800));
      const id = Number(/(\d+)\?/.exec(ok.headers.location as string)![1]);
      const doc = await t.db.selectFrom('documents').select(['body_html', 'body_text']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.match(doc.body_html, /<p>第一条 为了规范数据共享，制定本办法。<\/p>/);
      const att = await t.db.selectFrom('attachments').select(['id', 'file_name', 'media_type']).where('document_id', '=', id).executeTakeFirstOrThrow();
      assert.equal(att.media_type, 'application/pdf');
      assert.equal((await t.app.inject(`/documents/${id}/attachments/${att.id}`)).statusCode, 404, "a draft's files are not public");
      await t.db.updateTable('documents').set({ status: 'published' }).where('id', '=', id).execute();
      const download = await t.app.inject(`/documents/${id}/attachments/${att.id}`);
      assert.equal(download.statusCode, 200);
      assert.equal(download.rawPayload.subarray(0, 8).toString(), '%PDF-1.4');
      const outsider = new TestSession(t.app);
      await outsider.login('czj.editor');
      await outsider.get('/admin');
      assert.equal((await outsider.post(`/admin/documents/${id}/attachments/${att.id}/remove`, {})).statusCode, 404, 'another organization cannot touch it');
      await s.get(`/admin/documents/${id}`);
      const refused = await s.post(`/admin/documents/${id}/attachments/${att.id}/remove`, {});
      assert.equal(refused.statusCode, 422, 'a published document changes only through a reviewed edition');
      assert.match(refused.body, /修订稿/);
      await t.db.updateTable('documents').set({ status: 'draft' }).where('id', '=', id).execute();
      await s.get(`/admin/documents/${id}`);
      assert.equal((await s.post(`/admin/documents/${id}/attachments/${att.id}/remove`, {})).statusCode, 303);
      assert.equal((await t.app.inject(`/documents/${id}/attachments/${att.id}`)).statusCode, 404);
      const last = await t.db.selectFrom('document_versions').select(['note', 'snapshot']).where('document_id', '=', id).orderBy('version_no', 'desc').executeTakeFirstOrThrow();
      assert.match(last.note, /删除附件：附件1\.pdf/);
      assert.equal((last.snapshot as { attachments: string }).attachments, '');

      const before = { docs: await count(t, 'documents'), files: await count(t, 'attachments') };
      const big = Buffer.alloc(2 * 1024 * 1024, 0x25);
      const tooBig = await s.postMultipart('/admin/documents', documentForm(fgw, { title: '超大附件' }), [{ field: 'attachments', filename: '大文件.pdf', content: big, contentType: 'application/pdf' }]);
      assert.equal(tooBig.statusCode, 422);
      assert.match(tooBig.body, /超过 1 MB 的上限/);
      const fake = await s.postMultipart('/admin/documents', documentForm(fgw, { title: '伪装附件' }), [{ field: 'attachments', filename: '通知.pdf', content: PNG_1PX, contentType: 'application/pdf' }]);
      assert.equal(fake.statusCode, 422);
      assert.match(fake.body, /扩展名与实际内容不符/);
      const exe = await s.postMultipart('/admin/documents', documentForm(fgw, { title: '可执行文件' }), [{ field: 'attachments', filename: 'setup.exe', content: Buffer.from('MZ\x90\x00'), contentType: 'application/octet-stream' }]);
      assert.equal(exe.statusCode, 422);
      assert.match(exe.body, /不支持/);
      assert.deepEqual({ docs: await count(t, 'documents'), files: await count(t, 'attachments') }, before);
    });

    test('a form without its CSRF token is refused and writes nothing', async () => {
      const s = new TestSession(t.app);
      await s.login('fgw.editor');
      const before = await count(t, 'documents');
      const res = await s.postMultipart('/admin/documents', { ...documentForm(fgw), _csrf: 'forged' });
      assert.equal(res.statusCode, 403);
      assert.match(res.body, /CSRF/);
      assert.equal(await count(t, 'documents'), before);
    });

    test('staff see only their own organization; a disclosure office sees those below it', async () => {
      const draft = await t.db.selectFrom('documents').select('id').where('status', '=', 'draft').where('org_id', '=', fgw).executeTakeFirstOrThrow();
      const finance = new TestSession(t.app);
      await finance.login('czj.editor');
      assert.equal((await finance.get(`/admin/documents/${draft.id}`)).statusCode, 404);
      assert.equal((await finance.get(`/admin/documents/${draft.id}/edit`)).statusCode, 404);
      const list = await finance.get('/admin/documents');
      assert.doesNotMatch(list.body, /数字经济发展三年行动计划/);
      const forged = await finance.postMultipart(`/admin/documents/${draft.id}`, documentForm(fgw, { title: '被篡改的标题' }));
      assert.equal(forged.statusCode, 404);
      const intoOther = await finance.postMultipart('/admin/documents', documentForm(fgw, { title: '越权新建' }));
      assert.equal(intoOther.statusCode, 403);
      assert.match(intoOther.body, /没有在该机构编辑文件的权限/);
      assert.equal((await t.app.inject(`/documents/${draft.id}`)).statusCode, 404, 'drafts are not public');

      const office = new TestSession(t.app);
      await office.login('gkb');
      assert.match((await office.get('/admin/documents?q=数字经济')).body, /数字经济发展三年行动计划/);
      const county = new TestSession(t.app);
      await county.login('dongshan.office');
      const countyList = (await county.get('/admin/documents')).body;
      assert.match(countyList, /青石镇2026年耕地地力保护补贴/, 'a county office sees its township');
      assert.doesNotMatch(countyList, /西湖县城乡居民医疗救助办法/, 'but not the other county');
    });

    test('marking a repeal derives validity and the page names the repealing document', async () => {
      const s = new TestSession(t.app);
      await s.login('rsj.editor');
      const target = await t.db.selectFrom('documents').select('id').where('doc_no', '=', '宁人社发〔2025〕11号').executeTakeFirstOrThrow();
      const rsj = await orgId(t, 'rsj');
      const created = await s.postMultipart('/admin/documents', documentForm(rsj, { title: '关于废止部分规范性文件的决定', docNo: '宁人社发〔2026〕2号', issuers: '江宁市人力资源和社会保障局', effectiveOn: '2026-11-15', writtenOn: '2026-11-10' }));
      assert.equal(created.statusCode, 303, created.body.slice(0, 500));
      await publishNow(t, Number(/(\d+)\?/.exec(created.headers.location as string)![1]));
      await s.get(`/admin/documents/${target.id}`);
      const bad = await s.post(`/admin/documents/${target.id}/relations`, { kind: 'repeal', byDocument: '宁人社发〔2099〕1号', effectiveOn: '2026-11-20' });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /找不到/);
      const ok = await s.post(`/admin/documents/${target.id}/relations`, { kind: 'repeal', byDocument: '宁人社发[2026]2号', effectiveOn: '2026-11-20' });
      assert.equal(ok.statusCode, 303, /error-summary.*?<\/div>/s.exec(ok.body)?.[0]);
      const page = await t.app.inject(`/documents/${target.id}`);
      assert.match(page.body, /已废止/);
      assert.match(page.body, /关于废止部分规范性文件的决定/);
      const api = (await t.app.inject(`/api/v1/documents/${target.id}`)).json();
      assert.equal(api.validity, 'repealed');
      const invalid = await t.app.inject('/library/invalid');
      assert.match(invalid.body, /关于修改《江宁市最低工资标准调整方案》的决定/);
    });
  });
}
