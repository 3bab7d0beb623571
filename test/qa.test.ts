import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { importQaPairs } from '../src/modules/qa/commands/import-qa.js';
import { buildTestApp, testDatabaseKinds, type TestApp } from './helpers/test-app.js';
import { sessionPool } from './helpers/session.js';

async function orgId(t: TestApp, slug: string) {
  return (await t.db.selectFrom('organizations').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}
const count = async (t: TestApp, table: 'qa_entries' | 'qa_entry_documents' | 'audit_events') =>
  Number((await t.db.selectFrom(table).select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const idFrom = (location: unknown) => Number(/\/admin\/qa\/(\d+)/.exec(String(location))![1]);

/** The form fields of a valid entry, to vary per test. */
function qaForm(org: number, over: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    orgId: String(org),
    question: '企业招用就业困难人员有哪些社会保险补贴？',
    phrasings: '招残疾人有社保补贴吗\n就业困难人员 社保补贴',
    answerHtml: '<p>对招用就业困难人员的企业，按其实际缴纳的基本养老、基本医疗和失业保险费给予补贴。</p>',
    department: '市人社局就业促进处',
    contact: '12333',
    topicId: '',
    audiences: ['企业'],
    reviewOn: '2027-12-31',
    documentRefs: '宁人社发〔2023〕8号 第二条',
    action: 'save',
    ...over,
  };
}

for (const kind of testDatabaseKinds()) {
  describe(`policy Q&A library on ${kind}`, () => {
    let t: TestApp;
    let rsj: number;
    const pool = sessionPool(() => t);
    const as = (u: string) => pool.as(u);
    /** Takes one review step through the review page, as a browser would. */
    async function review(user: string, id: number, action: string, form: Record<string, string> = {}) {
      const s = await as(user);
      await s.get(`/admin/review/qa/${id}`);
      return s.post(`/admin/review/qa/${id}/${action}`, form);
    }
    before(async () => {
      t = await buildTestApp(kind);
      rsj = await orgId(t, 'rsj');
    });
    after(() => t.close());
    beforeEach(() => pool.nextTest());

    test('an entry goes draft → submitted → approved → published; an edit of a published one waits in an edition', async () => {
      const s = await as('rsj.editor');
      await s.get('/admin/qa/new');
      const res = await s.post('/admin/qa', qaForm(rsj));
      assert.equal(res.statusCode, 303, res.body.slice(0, 800));
      const id = idFrom(res.headers.location);
      const row = await t.db.selectFrom('qa_entries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.status, 'draft');
      assert.deepEqual(row.phrasings, ['招残疾人有社保补贴吗', '就业困难人员 社保补贴']);
      const link = await t.db.selectFrom('qa_entry_documents as x').innerJoin('documents as d', 'd.id', 'x.document_id').select(['d.doc_no', 'x.clause']).where('x.qa_id', '=', id).execute();
      assert.deepEqual(link, [{ doc_no: '宁人社发〔2023〕8号', clause: '第二条' }]);
      const event = await t.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'qa').where('entity_id', '=', String(id)).executeTakeFirstOrThrow();
      assert.equal(event.action, 'qa.create');
      assert.equal((await t.app.inject(`/qa/${id}`)).statusCode, 404, 'a draft is not public');
      assert.match((await s.get(`/admin/qa/${id}`)).body, new RegExp(`href="/admin/review/qa/${id}"[^>]*>审核与发布`));

      assert.equal((await review('rsj.editor', id, 'submit')).statusCode, 303);
      assert.match((await (await as('rsj.reviewer')).get('/admin/review')).body, /企业招用就业困难人员有哪些社会保险补贴/, 'in the reviewer’s queue');
      assert.equal((await review('rsj.reviewer', id, 'approve')).statusCode, 303);
      assert.equal((await review('rsj.editor', id, 'publish')).statusCode, 303);
      const published = await t.db.selectFrom('qa_entries').select(['status', 'published_on']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual(published, { status: 'published', published_on: '2026-11-22' });
      const fanout = await t.db.selectFrom('jobs').select('name').where('unique_key', '=', `fanout:qa:${id}`).execute();
      assert.equal(fanout.length, 1, 'a first publication queues the subscribers’ fan-out');
      const page = await t.app.inject(`/qa/${id}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /实际缴纳的基本养老、基本医疗和失业保险费给予补贴/);
      assert.match(page.body, /市人社局就业促进处/);
      assert.match(page.body, /宁人社发〔2023〕8号/);
      assert.match(page.body, /第二条/);
      const ledger = await (await as('rsj.reviewer')).get(`/admin/review/ledger?org=${rsj}&from=2026-11-01&to=2026-11-30`);
      assert.match(ledger.body, /政策问答：企业招用就业困难人员/);

      // Editing the published entry writes an edition; the portal keeps the old answer until it is published.
      await s.get(`/admin/qa/${id}/edit`);
      const edit = await s.post(`/admin/qa/${id}`, qaForm(rsj, { answerHtml: '<p>新的答复：补贴期限最长不超过3年。</p>' }));
      assert.equal(edit.statusCode, 303);
      const editionId = idFrom(edit.headers.location);
      assert.notEqual(editionId, id);
      assert.match(String(edit.headers.location), /saved=edition/);
      assert.equal((await t.db.selectFrom('qa_entries').select('edition_of').where('id', '=', editionId).executeTakeFirstOrThrow()).edition_of, id);
      const stale = await t.app.inject(`/qa/${id}`);
      assert.match(stale.body, /实际缴纳的基本养老/);
      assert.doesNotMatch(stale.body, /补贴期限最长不超过3年/);
      assert.equal((await t.app.inject(`/qa/${editionId}`)).statusCode, 404, 'an edition is never public');
      for (const [user, action] of [['rsj.editor', 'submit'], ['rsj.reviewer', 'approve'], ['rsj.editor', 'publish']] as const) {
        assert.equal((await review(user, editionId, action)).statusCode, 303, action);
      }
      const fresh = await t.app.inject(`/qa/${id}`);
      assert.match(fresh.body, /补贴期限最长不超过3年/);
      assert.equal((await t.db.selectFrom('qa_entries').select('status').where('id', '=', editionId).executeTakeFirstOrThrow()).status, 'merged');
      // Found by the new answer's words: the live row's search vector was rebuilt.
      assert.match((await t.app.inject(`/qa?q=${encodeURIComponent('补贴期限')}`)).body, new RegExp(`href="/qa/${id}"`));
    });

    test('another organization’s staff get 404; a county editor cannot write into a department', async () => {
      const entry = (await t.db.selectFrom('qa_entries').select('id').where('org_id', '=', rsj).where('status', '=', 'published').executeTakeFirstOrThrow()).id;
      const county = await as('dongshan.editor');
      assert.equal((await county.get(`/admin/qa/${entry}`)).statusCode, 404);
      assert.equal((await county.get(`/admin/qa/${entry}/edit`)).statusCode, 404);
      await county.get('/admin/qa/new');
      const before = await count(t, 'qa_entries');
      assert.equal((await county.post(`/admin/qa/${entry}`, qaForm(rsj, { question: '被篡改的问题' }))).statusCode, 404);
      assert.equal((await county.post('/admin/qa', qaForm(rsj, { question: '越权新建', documentRefs: '' }))).statusCode, 403);
      assert.equal(await count(t, 'qa_entries'), before);
      assert.doesNotMatch((await county.get('/admin/qa')).body, /最低工资/);
      assert.equal((await county.get(`/admin/review/qa/${entry}`)).statusCode, 404);
      // The city's disclosure office reaches every organization below it.
      assert.match((await (await as('gkb')).get('/admin/qa')).body, /最低工资/);
    });

    test('bad input gets a Chinese message and a 4xx, keeps what was typed, and writes nothing; markup is sanitized', async () => {
      const s = await as('rsj.editor');
      await s.get('/admin/qa/new');
      const before = { items: await count(t, 'qa_entries'), links: await count(t, 'qa_entry_documents'), audit: await count(t, 'audit_events') };
      const cases: [Record<string, string | string[]>, RegExp][] = [
        [{ question: '' }, /请填写问题/],
        [{ question: '问'.repeat(10_000) }, /问题不能超过 4000 个字/],
        [{ question: '<b>问</b>' }, /尖括号/],
        [{ reviewOn: '2027-02-30' }, /复核日期格式应为/],
        [{ documentRefs: '宁人社发〔2099〕1号' }, /找不到“宁人社发〔2099〕1号”/],
        [{ topicId: 'x' }, /主题分类的取值无效/],
        [{ audiences: ['外星人'] }, /未知的服务对象：外星人/],
        [{ phrasings: Array.from({ length: 21 }, (_, i) => `问法${i}`).join('\n') }, /其他问法最多 20 条/],
      ];
      for (const [over, message] of cases) {
        const res = await s.post('/admin/qa', qaForm(rsj, { department: '保留输入的部门', ...over }));
        assert.equal(res.statusCode, 422, JSON.stringify(over).slice(0, 80));
        assert.match(res.body, message);
        assert.match(res.body, /value="保留输入的部门"/, 'the typed values are kept');
      }
      assert.deepEqual({ items: await count(t, 'qa_entries'), links: await count(t, 'qa_entry_documents'), audit: await count(t, 'audit_events') }, before);

      const res = await s.post('/admin/qa', qaForm(rsj, { question: '答复里的脚本会被去掉吗？', answerHtml: '<p onclick="x()">好的<script>alert(1)</script><a href="javascript:alert(2)">链接</a></p>', documentRefs: '' }));
      assert.equal(res.statusCode, 303);
      const row = await t.db.selectFrom('qa_entries').select(['answer_html', 'answer_text']).where('id', '=', idFrom(res.headers.location)).executeTakeFirstOrThrow();
      assert.doesNotMatch(row.answer_html, /script|onclick|javascript/);
      assert.match(row.answer_html, /好的/);
      assert.doesNotMatch(row.answer_text, /alert/);
    });

    test('the import is idempotent by sourceId, links the corpus document, maps departments, masks mobiles and notifies nobody', async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'gongkai-qa-'));
      try {
        const wage = (await t.db.selectFrom('documents').select('id').where('doc_no', '=', '宁人社发〔2023〕8号').executeTakeFirstOrThrow()).id;
        await t.db.updateTable('documents').set({ source_id: 'ncp-test-wage' }).where('id', '=', wage).execute();
        const file = path.join(dir, 'qa.jsonl');
        const pairs = [
          { id: 'test-1', question: '试用期工资可以低于最低工资吗？', answer: '不可以，试用期工资不得低于本市最低工资标准。', department: null, docId: 'ncp-test-wage', kind: 'extractive-span' },
          { id: 'test-2', question: '养老保险转移接续怎么办理？', answer: '可在新参保地社保经办机构申请转入，咨询电话 010-12345678。', department: '人力资源社会保障局', kind: 'faq' },
          { id: 'test-3', question: 'A1区小区噪音扰民\n我的电话13812345678，晚上施工很吵，请处理。', answer: '经核实，已责令施工单位停止夜间施工。', department: null, title: 'A1区小区噪音扰民', kind: 'message-reply' },
        ];
        writeFileSync(file, pairs.map((p) => JSON.stringify(p)).join('\n') + '\n');
        const jobsBefore = Number((await t.db.selectFrom('jobs').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
        const first = await importQaPairs(t.db, t.clock, file);
        assert.deepEqual(first, { imported: 3, skipped: 0, dropped: 0, classes: { department: 1, library: 1, letter: 1, unsourced: 0 } });
        const total = await count(t, 'qa_entries');
        const again = await importQaPairs(t.db, t.clock, file);
        assert.deepEqual({ imported: again.imported, skipped: again.skipped }, { imported: 0, skipped: 3 });
        assert.equal(await count(t, 'qa_entries'), total);
        const rows = await t.db.selectFrom('qa_entries').select(['id', 'source_id', 'org_id', 'department', 'status', 'origin', 'question', 'published_on']).where('source_id', 'like', 'test-%').orderBy('source_id').execute();
        // The message board's letter waits for a reviewer (corpus-reference.test.ts covers the rest).
        assert.deepEqual(rows.map((r) => [r.status, r.origin, r.published_on]), [['published', 'import', '2026-11-22'], ['published', 'import', '2026-11-22'], ['submitted', 'import', null]]);
        const city = await orgId(t, 'city');
        assert.deepEqual(rows.map((r) => r.org_id), [city, rsj, city], 'a department is mapped to the demo organization that matches, else the city');
        assert.equal(rows[1]!.department, '人力资源社会保障局');
        assert.doesNotMatch(rows[2]!.question, /13812345678/);
        assert.match(rows[2]!.question, /138\*+5678|138\*{4}5678/);
        const links = await t.db.selectFrom('qa_entry_documents').select('document_id').where('qa_id', '=', rows[0]!.id).execute();
        assert.deepEqual(links, [{ document_id: wage }]);
        const jobsAfter = Number((await t.db.selectFrom('jobs').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
        assert.equal(jobsAfter, jobsBefore, 'a bulk import queues no fan-out');
        const page = await t.app.inject(`/qa/${rows[1]!.id}`);
        assert.equal(page.statusCode, 200);
        assert.doesNotMatch(page.body, /1[3-9]\d{9}/, 'no mobile number on a public page');
        assert.equal((await t.app.inject(`/qa/${rows[2]!.id}`)).statusCode, 404, 'a letter is not public before review');
        // In the city reviewer's workbench the letter waits in its own section, after the organization's own work.
        const bench = (await (await as('city.reviewer')).get('/admin/review')).body;
        const own = bench.indexOf('待我审核'), importedAt = bench.indexOf('导入的网民留言'), letter = bench.indexOf(`/admin/review/qa/${rows[2]!.id}`);
        assert.ok(own >= 0 && importedAt > own && letter > importedAt, 'the imported letter is listed under 导入的网民留言, not among staff submissions');
        assert.match((await t.app.inject(`/qa?q=${encodeURIComponent('试用期工资')}`)).body, new RegExp(`href="/qa/${rows[0]!.id}"`));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test('the public library browses by department and topic and searches published entries, never a draft', async () => {
      const browse = await t.app.inject('/qa');
      assert.equal(browse.statusCode, 200);
      assert.match(browse.body, /按答复部门/);
      assert.match(browse.body, /按主题分类/);
      assert.match(browse.body, /市住房公积金管理中心归集提取科<\/a> <span class="count">\(2\)<\/span>/);
      const search = await t.app.inject(`/qa?q=${encodeURIComponent('公积金 提取')}`);
      assert.match(search.body, /购买自住住房可以提取<mark>住房公积金<\/mark>吗|<mark>公积金<\/mark>/);
      // The demo's entry on 失业保险金 is waiting in review.
      const draft = await t.db.selectFrom('qa_entries').select('id').where('status', '=', 'submitted').executeTakeFirstOrThrow();
      const none = await t.app.inject(`/qa?q=${encodeURIComponent('失业保险金')}`);
      assert.match(none.body, /共找到 <strong>0<\/strong> 条问答/);
      assert.doesNotMatch(browse.body, new RegExp(`href="/qa/${draft.id}"`));
      assert.equal((await t.app.inject(`/qa/${draft.id}`)).statusCode, 404);
      const byDepartment = await t.app.inject(`/qa?department=${encodeURIComponent('市发展改革委中小企业处')}`);
      assert.match(byDepartment.body, /共找到 <strong>2<\/strong> 条问答/);
      assert.equal((await t.app.inject('/qa?topic=abc')).statusCode, 400);
      assert.equal((await t.app.inject('/qa?topic=999999')).statusCode, 400);
      // An entry resting on a repealed document says so.
      const old = await t.db.selectFrom('qa_entries').select('id').where('question', 'like', '%工作规定》适用于%').executeTakeFirstOrThrow();
      const page = await t.app.inject(`/qa/${old.id}`);
      assert.match(page.body, /已废止/);
      assert.match(page.body, /市政府办公室政务公开科/);
      assert.match(page.body, /025-84000000/);
      assert.match((await t.app.inject('/')).body, /href="\/qa"/, 'linked from the portal navigation');
    });
  });
}
