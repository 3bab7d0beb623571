import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { InterpretationRule } from '../src/db/schema.js';
import type { CommandContext } from '../src/platform/http/command.js';
import { contentKind, publishItem } from '../src/platform/content/registry.js';
import { interpretationFinding, interpretationRate, listOverdueInterpretations, publishLinkedInterpretations } from '../src/modules/interpretations/sync.js';
import { buildTestApp, testDatabaseKinds, type TestApp } from './helpers/test-app.js';
import { TestSession } from './helpers/session.js';

async function orgId(t: TestApp, slug: string) {
  return (await t.db.selectFrom('organizations').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}
async function docId(t: TestApp, docNo: string) {
  return (await t.db.selectFrom('documents').select('id').where('doc_no', '=', docNo).where('edition_of', 'is', null).executeTakeFirstOrThrow()).id;
}
const count = async (t: TestApp, table: 'interpretations' | 'interpretation_documents' | 'audit_events') =>
  Number((await t.db.selectFrom(table).select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const idFrom = (location: unknown) => Number(/\/admin\/interpretations\/(\d+)/.exec(String(location))![1]);

/** The form fields of a valid interpretation, to vary per test. */
function interpretationForm(org: number, over: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    orgId: String(org),
    title: '关于《江宁市促进中小微企业高质量发展若干政策措施》的解读',
    form: 'text',
    department: '市发展改革委中小企业处',
    contact: '李老师 025-86000001',
    bodyHtml: '<p>一、出台背景。为进一步激发市场主体活力……</p><p>二、主要措施。贴息比例由30%提高到50%。</p>',
    documentRefs: '宁发改规〔2025〕21号',
    action: 'save',
    ...over,
  };
}

for (const kind of testDatabaseKinds()) {
  describe(`policy interpretations on ${kind}`, () => {
    let t: TestApp;
    let fgw: number;
    let city: number;
    let ctx: CommandContext;
    /** The demo's published interpretation of 宁政规〔2025〕5号. */
    let demo: number;
    before(async () => {
      t = await buildTestApp(kind);
      fgw = await orgId(t, 'fgw');
      city = await orgId(t, 'city');
      ctx = { db: t.db, clock: t.clock, actor: { id: null, label: '测试' } };
      demo = (await t.db.selectFrom('interpretations').select('id').where('status', '=', 'published').executeTakeFirstOrThrow()).id;
    });
    after(() => t.close());
    // Each test signs several people in; a minute apart, they stay under the login rate limit.
    beforeEach(() => t.clock.set(new Date(t.clock.now().getTime() + 61_000)));

    test('bad input is refused in Chinese with a 4xx, the form keeps what was typed, and nothing is written', async () => {
      const s = new TestSession(t.app);
      await s.login('fgw.editor');
      await s.get('/admin/interpretations/new');
      const fgwDraft = (await t.db.selectFrom('documents').select('id').where('org_id', '=', fgw).where('status', '=', 'draft').executeTakeFirstOrThrow()).id;
      const czj = await orgId(t, 'czj');
      const finance = new TestSession(t.app);
      await finance.login('czj.editor');
      await finance.get('/admin/interpretations/new');
      const before = { items: await count(t, 'interpretations'), links: await count(t, 'interpretation_documents'), audit: await count(t, 'audit_events') };
      const cases: [Record<string, string | string[]>, RegExp][] = [
        [{ title: '' }, /请填写标题/],
        [{ title: '<script>alert(1)</script>解读' }, /尖括号/],
        [{ form: 'comic' }, /解读形式的取值无效/],
        [{ documentRefs: '' }, /请选择至少一个被解读的文件/],
        [{ documentRefs: '宁发改规〔2099〕1号' }, /找不到“宁发改规〔2099〕1号”/],
        [{ documentRefs: '', documentIds: ['abc'] }, /所选文件无效/],
        [{ contact: 'x'.repeat(101) }, /联系人及电话不能超过 100 个字/],
      ];
      for (const [over, message] of cases) {
        const res = await s.post('/admin/interpretations', interpretationForm(fgw, { department: '保留输入的部门', ...over }));
        assert.equal(res.statusCode, 422, JSON.stringify(over));
        assert.match(res.body, message);
        assert.match(res.body, /value="保留输入的部门"/, 'the typed values are kept');
        assert.doesNotMatch(res.body, /<script>alert/);
      }
      // Another organization's draft cannot be interpreted (a published document of any organization can).
      const other = await finance.post('/admin/interpretations', interpretationForm(czj, { documentRefs: '', documentIds: String(fgwDraft) }));
      assert.equal(other.statusCode, 422);
      assert.match(other.body, /不能由本机构解读/);
      assert.deepEqual({ items: await count(t, 'interpretations'), links: await count(t, 'interpretation_documents'), audit: await count(t, 'audit_events') }, before);
    });

    test('a drafter creates an interpretation by 发文字号 or by search; it starts as a draft and is not public', async () => {
      const s = new TestSession(t.app);
      await s.login('fgw.editor');
      await s.get('/admin/interpretations/new');
      const sme = await docId(t, '宁发改规〔2025〕21号');
      const before = await count(t, 'interpretations');
      // 查找文件 shows the form again with what was found, and writes nothing.
      const search = await s.post('/admin/interpretations', interpretationForm(fgw, { documentRefs: '', docQuery: '中小微企业', action: 'search' }));
      assert.equal(search.statusCode, 200);
      assert.match(search.body, new RegExp(`name="documentIds" value="${sme}"`));
      assert.match(search.body, /value="市发展改革委中小企业处"/);
      assert.equal(await count(t, 'interpretations'), before);

      const res = await s.post('/admin/interpretations', interpretationForm(fgw, { documentRefs: '宁发改规[2025]21号' }));
      assert.equal(res.statusCode, 303, res.body.slice(0, 500));
      const id = idFrom(res.headers.location);
      const row = await t.db.selectFrom('interpretations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.status, 'draft');
      assert.equal(row.org_id, fgw);
      assert.match(row.body_text, /贴息比例由30%提高到50%/);
      const links = await t.db.selectFrom('interpretation_documents').select('document_id').where('interpretation_id', '=', id).execute();
      assert.deepEqual(links.map((l) => l.document_id), [sme]);
      const event = await t.db.selectFrom('audit_events').select(['action', 'org_id']).where('entity_type', '=', 'interpretation').where('entity_id', '=', String(id)).executeTakeFirstOrThrow();
      assert.deepEqual(event, { action: 'interpretation.create', org_id: fgw });
      assert.equal((await t.app.inject(`/interpretations/${id}`)).statusCode, 404, 'a draft is not public');
      const page = await s.get(`/admin/interpretations/${id}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, new RegExp(`href="/admin/review/interpretation/${id}"[^>]*>审核与发布`));
      assert.match((await s.get('/admin/interpretations')).body, /关于《江宁市促进中小微企业高质量发展若干政策措施》的解读/);
    });

    test('a county editor can neither see nor edit a city interpretation; the disclosure office above sees it', async () => {
      const county = new TestSession(t.app);
      await county.login('dongshan.editor');
      assert.equal((await county.get(`/admin/interpretations/${demo}`)).statusCode, 404);
      assert.equal((await county.get(`/admin/interpretations/${demo}/edit`)).statusCode, 404);
      await county.get('/admin/interpretations/new');
      const forged = await county.post(`/admin/interpretations/${demo}`, interpretationForm(city, { title: '被篡改的标题' }));
      assert.equal(forged.statusCode, 404);
      const intoCity = await county.post('/admin/interpretations', interpretationForm(city, { title: '越权新建' }));
      assert.equal(intoCity.statusCode, 403);
      assert.doesNotMatch((await county.get('/admin/interpretations')).body, /政策问答/);
      assert.equal((await t.db.selectFrom('interpretations').select('title').where('id', '=', demo).executeTakeFirstOrThrow()).title, '《江宁市政府信息公开工作办法》政策问答');
      const office = new TestSession(t.app);
      await office.login('gkb');
      assert.match((await office.get('/admin/interpretations')).body, /《江宁市政府信息公开工作办法》政策问答/);
    });

    test('the public page links to the interpreted document, and the document page lists the interpretation', async () => {
      const gk2025 = await docId(t, '宁政规〔2025〕5号');
      const page = await t.app.inject(`/interpretations/${demo}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1[^>]*>《江宁市政府信息公开工作办法》政策问答<\/h1>/);
      assert.match(page.body, /问答/);
      assert.match(page.body, /江宁市人民政府办公室政务公开科/);
      assert.match(page.body, /025-84000000/);
      assert.match(page.body, /2025年8月8日/, 'published with the document');
      assert.match(page.body, new RegExp(`href="/documents/${gk2025}"`));
      const doc = await t.app.inject(`/documents/${gk2025}`);
      assert.equal(doc.statusCode, 200);
      assert.match(doc.body, /<h2[^>]*>政策解读<\/h2>/);
      assert.match(doc.body, new RegExp(`<a href="/interpretations/${demo}">《江宁市政府信息公开工作办法》政策问答</a>（问答）`));
      assert.equal((await t.app.inject('/interpretations/999999')).statusCode, 404);
    });

    test('editing a published interpretation makes an edition; the live one stays until the edition is published into it', async () => {
      const admin = new TestSession(t.app);
      await admin.login('admin');
      const edit = await admin.get(`/admin/interpretations/${demo}/edit`);
      assert.match(edit.body, /保存后将生成修订版本/);
      const gk2025 = await docId(t, '宁政规〔2025〕5号');
      const form = interpretationForm(city, { title: '《江宁市政府信息公开工作办法》政策问答（修订）', form: 'qa', documentRefs: '', documentIds: String(gk2025) });
      const res = await admin.post(`/admin/interpretations/${demo}`, form);
      assert.equal(res.statusCode, 303, res.body.slice(0, 500));
      const edition = idFrom(res.headers.location);
      assert.notEqual(edition, demo);
      const rows = await t.db.selectFrom('interpretations').select(['id', 'title', 'status', 'edition_of']).where('id', 'in', [demo, edition]).orderBy('id').execute();
      assert.deepEqual(rows, [
        { id: demo, title: '《江宁市政府信息公开工作办法》政策问答', status: 'published', edition_of: null },
        { id: edition, title: '《江宁市政府信息公开工作办法》政策问答（修订）', status: 'draft', edition_of: demo },
      ]);
      assert.match((await t.app.inject(`/interpretations/${demo}`)).body, /政策问答<\/h1>/, 'the public still sees the live text');
      assert.equal((await t.app.inject(`/interpretations/${edition}`)).statusCode, 404, 'an edition is never public');
      // Editing again goes to the same open edition.
      assert.equal((await admin.get(`/admin/interpretations/${demo}/edit`)).statusCode, 303);
      await admin.get(`/admin/interpretations/${edition}/edit`);
      const again = await admin.post(`/admin/interpretations/${demo}`, { ...form, title: '《江宁市政府信息公开工作办法》政策问答（第二次修订）' });
      assert.equal(idFrom(again.headers.location), edition);
      assert.equal(await t.db.selectFrom('interpretations').select('id').where('edition_of', '=', demo).execute().then((r) => r.length), 1);

      const live = await t.db.transaction().execute((trx) => publishItem(trx, ctx, 'interpretation', edition));
      assert.equal(live, demo);
      const after = await t.db.selectFrom('interpretations').select(['id', 'title', 'status', 'published_on']).where('id', 'in', [demo, edition]).orderBy('id').execute();
      assert.deepEqual(after, [
        { id: demo, title: '《江宁市政府信息公开工作办法》政策问答（第二次修订）', status: 'published', published_on: '2025-08-08' },
        { id: edition, title: '《江宁市政府信息公开工作办法》政策问答（第二次修订）', status: 'merged', published_on: null },
      ]);
      t.app.pageCache.clear();
      assert.match((await t.app.inject(`/interpretations/${demo}`)).body, /第二次修订/);
    });

    test('an edit of an item in review sends it back to draft, to be reviewed again', async () => {
      const s = new TestSession(t.app);
      await s.login('fgw.editor');
      await s.get('/admin/interpretations/new');
      const id = idFrom((await s.post('/admin/interpretations', interpretationForm(fgw, { title: '审核中被修改的解读' }))).headers.location);
      await t.db.updateTable('interpretations').set({ status: 'approved', review_level: 3, publish_at: null }).where('id', '=', id).execute();
      const page = await s.get(`/admin/interpretations/${id}/edit`);
      assert.match(page.body, /保存修改后将退回草稿/);
      const res = await s.post(`/admin/interpretations/${id}`, interpretationForm(fgw, { title: '审核中被修改的解读（改）' }));
      assert.equal(res.statusCode, 303);
      assert.match(String(res.headers.location), /saved=recalled/);
      const row = await t.db.selectFrom('interpretations').select(['status', 'review_level', 'publish_at', 'title']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { status: 'draft', review_level: 0, publish_at: null, title: '审核中被修改的解读（改）' });
      const ledger = await t.db.selectFrom('review_actions').select('action').where('item_type', '=', 'interpretation').where('item_id', '=', id).execute();
      assert.deepEqual(ledger.map((r) => r.action), ['recall']);
    });

    test('the review rules: documents, department and contact are required before review', async () => {
      const s = new TestSession(t.app);
      await s.login('fgw.editor');
      await s.get('/admin/interpretations/new');
      const id = idFrom((await s.post('/admin/interpretations', interpretationForm(fgw, { title: '缺少联系人的解读', department: '', contact: '' }))).headers.location);
      const findings = await t.db.transaction().execute((trx) => contentKind('interpretation').ruleFindings(trx, id, ctx));
      assert.deepEqual(findings.map((f) => [f.key, f.severity]), [['rule:interpretation-department', 'block'], ['rule:interpretation-contact', 'block']]);
      await t.db.deleteFrom('interpretation_documents').where('interpretation_id', '=', id).execute();
      const without = await t.db.transaction().execute((trx) => contentKind('interpretation').ruleFindings(trx, id, ctx));
      assert.ok(without.some((f) => f.key === 'rule:interpretation-documents' && f.severity === 'block'));
      const fields = await t.db.transaction().execute((trx) => contentKind('interpretation').checkFields(trx, id));
      assert.deepEqual(fields.map((f) => f.field), ['title', 'body']);
    });

    test('三同步 finding: required blocks, grace warns, none is silent; only for normative documents', async () => {
      const czj = await orgId(t, 'czj');
      const normative = await docId(t, '宁发改规〔2025〕21号'); // fgw, 行政规范性文件, published 2025-06-18
      const other = (await t.db.selectFrom('documents').select('id').where('org_id', '=', czj).where('doc_type', '=', '其他文件').executeTakeFirstOrThrow()).id;
      const finding = (id: number) => t.db.transaction().execute((trx) => interpretationFinding(trx, id, '2026-11-22'));
      const setRule = (rule: InterpretationRule) => t.db.updateTable('organizations').set({ interpretation_rule: rule }).where('id', 'in', [fgw, czj]).execute();
      // Only draft interpretations so far (from the tests above): they do not count.
      await t.db.updateTable('interpretations').set({ status: 'draft' }).where('org_id', '=', fgw).where('status', '!=', 'draft').execute();

      await setRule('required');
      assert.deepEqual(await finding(normative), { key: 'rule:interpretation', severity: 'block', message: '本机构要求行政规范性文件与政策解读同步报审：请先起草并提交解读' });
      assert.equal(await finding(other), null);
      await setRule('grace');
      const warn = await finding(normative);
      assert.equal(warn?.severity, 'warn');
      assert.equal(warn?.key, 'rule:interpretation');
      // Published 2025-06-18 (Wednesday): 06-19, 06-20, 06-23 are the 3 working days.
      assert.match(warn?.message ?? '', /3 个工作日内发布.*2025年6月23日/);
      assert.equal(await finding(other), null);
      await setRule('none');
      assert.equal(await finding(normative), null);
      assert.equal(await finding(other), null);

      // A submitted interpretation satisfies 'required'.
      await setRule('required');
      const submitted = await t.db.selectFrom('interpretation_documents as x').innerJoin('interpretations as i', 'i.id', 'x.interpretation_id').select('i.id').where('x.document_id', '=', normative).executeTakeFirstOrThrow();
      await t.db.updateTable('interpretations').set({ status: 'submitted' }).where('id', '=', submitted.id).execute();
      assert.equal(await finding(normative), null);
      await t.db.updateTable('interpretations').set({ status: 'draft' }).where('id', '=', submitted.id).execute();
      await setRule('grace');
    });

    test('approved interpretations are published with their document (同步发布)', async () => {
      const s = new TestSession(t.app);
      await s.login('fgw.editor');
      await s.get('/admin/interpretations/new');
      const draftDoc = (await t.db.selectFrom('documents').select('id').where('org_id', '=', fgw).where('status', '=', 'draft').executeTakeFirstOrThrow()).id;
      const approved = idFrom((await s.post('/admin/interpretations', interpretationForm(fgw, { title: '随文件发布的解读', documentRefs: '', documentIds: String(draftDoc) }))).headers.location);
      const draft = idFrom((await s.post('/admin/interpretations', interpretationForm(fgw, { title: '仍是草稿的解读', documentRefs: '', documentIds: String(draftDoc) }))).headers.location);
      await t.db.updateTable('interpretations').set({ status: 'approved', review_level: 3 }).where('id', '=', approved).execute();
      // Not before its document.
      await assert.rejects(t.db.transaction().execute((trx) => publishItem(trx, ctx, 'interpretation', approved)), /所解读的文件尚未发布/);
      // The document's publication (publishItem) marks it published, then publishes its approved interpretations.
      const ids = await t.db.transaction().execute(async (trx) => {
        await trx.updateTable('documents').set({ status: 'published', published_on: '2026-11-22' }).where('id', '=', draftDoc).execute();
        return publishLinkedInterpretations(trx, ctx, draftDoc);
      });
      assert.deepEqual(ids, [approved]);
      const rows = await t.db.selectFrom('interpretations').select(['id', 'status', 'published_on']).where('id', 'in', [approved, draft]).orderBy('id').execute();
      assert.deepEqual(rows, [{ id: approved, status: 'published', published_on: '2026-11-22' }, { id: draft, status: 'draft', published_on: null }]);
      const event = await t.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'interpretation').where('entity_id', '=', String(approved)).orderBy('seq', 'desc').executeTakeFirstOrThrow();
      assert.equal(event.action, 'interpretation.publish');
    });

    test('overdue list: published 2026-09-28 with 3 working days of grace is due 2026-10-08 (National Day)', async () => {
      const rsj = await orgId(t, 'rsj');
      const doc = await docId(t, '宁人社发〔2025〕11号'); // rsj, 行政规范性文件, no interpretation
      await t.db.updateTable('documents').set({ published_on: '2026-09-28' }).where('id', '=', doc).execute();
      await t.db.updateTable('organizations').set({ interpretation_rule: 'grace', interpretation_grace_days: 3 }).where('id', '=', rsj).execute();
      // Working days after Monday 2026-09-28: 09-29 (1), 09-30 (2); 10-01 … 10-07 are the
      // National Day holiday; 10-08 (3). So it is due on 10-08 and overdue from 10-09.
      // 10-10 is a make-up Saturday (调休上班), 10-11 an ordinary Sunday.
      const overdue = async (today: string) => (await listOverdueInterpretations(t.db, [rsj], today)).find((r) => r.documentId === doc);
      assert.equal(await overdue('2026-10-08'), undefined, 'not overdue on the due date');
      const first = await overdue('2026-10-09');
      assert.equal(first?.dueOn, '2026-10-08');
      assert.equal(first?.overdueDays, 1);
      assert.equal(first?.publishedOn, '2026-09-28');
      assert.equal((await overdue('2026-10-12'))?.overdueDays, 3, '10-09, 10-10 (make-up Saturday), 10-12');
      await t.db.updateTable('organizations').set({ interpretation_rule: 'none' }).where('id', '=', rsj).execute();
      assert.equal(await overdue('2026-10-12'), undefined, 'an organization with no interpretation rule is not chased');
      await t.db.updateTable('organizations').set({ interpretation_rule: 'grace' }).where('id', '=', rsj).execute();

      const office = new TestSession(t.app);
      await office.login('gkb');
      const page = await office.get('/admin/interpretations/overdue');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /江宁市人力资源和社会保障局关于修改《江宁市最低工资标准调整方案》的决定/);
      assert.match(page.body, /2026年10月8日/);
      assert.doesNotMatch(page.body, /江宁市政府信息公开工作办法<\/a>/, 'interpreted documents are not listed');
      const drafter = new TestSession(t.app);
      await drafter.login('rsj.editor');
      assert.equal((await drafter.get('/admin/interpretations/overdue')).statusCode, 403);

      // Once an interpretation is published, the document leaves the list.
      await drafter.get('/admin/interpretations/new');
      const id = idFrom((await drafter.post('/admin/interpretations', interpretationForm(rsj, { title: '最低工资标准修改决定的解读', documentRefs: '宁人社发〔2025〕11号' }))).headers.location);
      await t.db.transaction().execute((trx) => publishItem(trx, ctx, 'interpretation', id));
      assert.equal(await overdue('2026-10-12'), undefined);
    });

    test('interpretation rate per organization, with — where there is nothing to divide', async () => {
      const czj = await orgId(t, 'czj');
      // 2025: the city published 宁政规〔2025〕5号 (interpreted by the demo), the 发展改革委 宁发改规〔2025〕21号 (not interpreted),
      // the 财政局 no normative document.
      const rows = await interpretationRate(t.db, [city, fgw, czj], '2025-01-01', '2025-12-31');
      assert.deepEqual(rows.map((r) => [r.orgId, r.documents, r.interpreted, r.rate]), [[city, 1, 1, 1], [fgw, 1, 0, 0], [czj, 0, 0, null]]);
      const office = new TestSession(t.app);
      await office.login('gkb');
      const page = await office.get('/admin/interpretations/rate?from=2025-01-01&to=2025-12-31');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<th scope="row">江宁市人民政府<\/th><td>[^<]*<\/td><td>1<\/td><td>1<\/td><td>100%<\/td>/);
      assert.match(page.body, /<th scope="row">江宁市财政局<\/th><td>[^<]*<\/td><td>0<\/td><td>0<\/td><td>—<\/td>/);
      const byDefault = await office.get('/admin/interpretations/rate');
      assert.equal(byDefault.statusCode, 200);
      assert.match(byDefault.body, /2026年1月1日/, 'the current year by default');
      const bad = await office.get('/admin/interpretations/rate?from=2025-13-01');
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /开始日期格式应为/);
      const reversed = await office.get('/admin/interpretations/rate?from=2025-12-31&to=2025-01-01');
      assert.equal(reversed.statusCode, 400);
      assert.match(reversed.body, /开始日期不能晚于结束日期/);
      const drafter = new TestSession(t.app);
      await drafter.login('fgw.editor');
      assert.equal((await drafter.get('/admin/interpretations/rate')).statusCode, 403);
    });
  });
}
