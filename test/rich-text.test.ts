import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { buildTestApp, testDatabaseKinds, type TestApp } from './helpers/test-app.js';
import { sessionPool } from './helpers/session.js';
import { documentForm } from './helpers/fixtures.js';
import { idFromLocation } from './helpers/publish.js';

/** Issue 11 §2: text keeps its shape from the form to the public page; checks that read it; 一键替换. */
for (const kind of testDatabaseKinds()) {
  describe(`bodies, body checks and one-click replacement on ${kind}`, () => {
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

    async function draft(over: Record<string, string> = {}) {
      const s = await as('city.drafter');
      await s.get('/admin/documents/new');
      const res = await s.postMultipart('/admin/documents', documentForm(city, { docNo: '', issuers: '江宁市人民政府办公室', docType: '其他文件', topicId: String(topic), effectiveOn: '', ...over }));
      assert.equal(res.statusCode, 303, res.body.slice(0, 400));
      return idFromLocation(res.headers.location);
    }
    async function act(username: string, type: string, id: number, action: string, form: Record<string, string> = {}) {
      const s = await as(username);
      await s.get(`/admin/review/${type}/${id}`);
      return s.post(`/admin/review/${type}/${id}/${action}`, form);
    }
    async function publishThroughReview(id: number) {
      for (const [who, step] of [['city.drafter', 'submit'], ['city.reviewer', 'approve'], ['city.reviewer2', 'approve'], ['city.reviewer3', 'approve'], ['city.publisher', 'publish']] as const) {
        const res = await act(who, 'document', id, step);
        assert.equal(res.statusCode, 303, `${who} ${step}: ${res.body.slice(0, 300)}`);
      }
    }
    const body = async (id: number) => (await t.db.selectFrom('documents').select('body_html').where('id', '=', id).executeTakeFirstOrThrow()).body_html;

    test('two paragraphs typed into the body without the editor are two paragraphs on the public page', async () => {
      const id = await draft({ title: '关于做好2027年元旦春节期间有关工作的通知', bodyHtml: '各区人民政府，市各委办局：\r\n为做好元旦春节期间有关工作，现通知如下。\r\n' });
      assert.equal(await body(id), '<p>各区人民政府，市各委办局：</p>\n<p>为做好元旦春节期间有关工作，现通知如下。</p>');
      const editPage = await (await as('city.drafter')).get(`/admin/documents/${id}/edit`);
      assert.match(editPage.body, /<textarea id="f-bodyHtml" name="bodyHtml" rows="16" data-rich-text/, 'the textarea is the one the editor enhances');
      await publishThroughReview(id);
      const page = await t.app.inject({ url: `/documents/${id}` });
      assert.equal(page.statusCode, 200);
      const docBody = /<div class="doc-body">([\s\S]*?)<\/div>/.exec(page.body)![1]!;
      assert.deepEqual([...docBody.matchAll(/<p>(.*?)<\/p>/g)].map((m) => m[1]), ['各区人民政府，市各委办局：', '为做好元旦春节期间有关工作，现通知如下。']);
    });

    test('a body pasted from Word keeps paragraphs and its table and loses every style', async () => {
      const word = `<!--StartFragment--><p class=MsoNormal style='text-indent:32.0pt'><span style='font-family:仿宋_GB2312;mso-bidi-font-size:16.0pt'>第一段。<o:p></o:p></span></p><p class=MsoNormal><o:p>&nbsp;</o:p></p>
<table class=MsoTableGrid border=1 style='border-collapse:collapse;mso-yfti-tbllook:1184'><tr><td width=277 style='width:207.4pt;border:solid windowtext 1.0pt'><p class=MsoNormal><span lang=EN-US>姓名</span></p></td><td><p class=MsoNormal>金额</p></td></tr></table><!--EndFragment-->`;
      const id = await draft({ bodyHtml: word });
      assert.equal((await body(id)).replace(/\n/g, ''), '<p>第一段。</p><table><tr><td><p>姓名</p></td><td><p>金额</p></td></tr></table>');
    });

    test('the checks warn when the body and the metadata disagree, naming both values', async () => {
      const id = await draft({ title: '江宁市就业补贴管理办法', writtenOn: '2026-02-20', bodyHtml: '<p>宁政办发〔2026〕7号</p><p>第二十条　本办法自2026年3月1日起施行，有效期5年。</p>', docNo: '宁政办发〔2026〕8号', effectiveOn: '2026-04-01', expiresOn: '2031-03-31' });
      const page = await (await as('city.drafter')).get(`/admin/review/document/${id}`);
      assert.match(page.body, /正文写明自2026年3月1日起施行，与施行日期（2026年4月1日）不一致/);
      assert.match(page.body, /正文版头或版记中的发文字号“宁政办发〔2026〕7号”与发文字号（宁政办发〔2026〕8号）不一致/);
      assert.doesNotMatch(page.body, /正文所写有效期/, 'five years from 1 April 2026 ends on 31 March 2031, as the field says');
      // Warnings, not blockers: the draft can be submitted once they are acknowledged.
      assert.doesNotMatch(page.body, /<strong class="bad">必须处理<\/strong><\/td><td>正文/);
    });

    test('一键替换: a suggested wording is applied from the findings list as an edit, and the finding is gone', async () => {
      const old = '国家工商行政管理总局';
      const id = await draft({ title: `转发${old}关于个体工商户登记的通知`, bodyHtml: `<p>按照<a href="/documents/1?q=${old}">${old}</a>的要求，<strong>${old}</strong>规定同时废止。</p>` });
      const drafter = await as('city.drafter');
      const page = await drafter.get(`/admin/review/document/${id}`);
      const buttons = [...new Set([...page.body.matchAll(/name="key" value="([^"]+)"\/><button type="submit">替换为“国家市场监督管理总局”<\/button>/g)].map((m) => m[1]!))];
      assert.equal(buttons.length, 2, 'one finding for the title, one for the body (on each of its rows)');
      const bodyKey = buttons.find((k) => k.includes(':body:'))!;

      // A reviewer who may not edit the item is offered no button and is refused.
      const reviewerPage = await (await as('city.reviewer')).get(`/admin/review/document/${id}`);
      assert.doesNotMatch(reviewerPage.body, /替换为/);
      const refused = await (await as('city.reviewer')).post(`/admin/review/document/${id}/replace`, { key: bodyKey });
      assert.ok(refused.statusCode === 403 || refused.statusCode === 422, String(refused.statusCode));

      await drafter.get(`/admin/review/document/${id}`);
      const res = await drafter.post(`/admin/review/document/${id}/replace`, { key: bodyKey });
      assert.equal(res.statusCode, 303, res.body.slice(0, 400));
      assert.equal(res.headers.location, `/admin/review/document/${id}?done=replace`);
      assert.equal(await body(id), `<p>按照<a href="/documents/1?q=${old}">国家市场监督管理总局</a>的要求，<strong>国家市场监督管理总局</strong>规定同时废止。</p>`, 'every occurrence in the text, none in the link');
      const doc = await t.db.selectFrom('documents').select(['title', 'current_version']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.match(doc.title, new RegExp(old), 'the title is its own finding');
      const version = await t.db.selectFrom('document_versions').select('note').where('document_id', '=', id).orderBy('version_no', 'desc').executeTakeFirstOrThrow();
      assert.equal(version.note, `一键替换：“${old}”改为“国家市场监督管理总局”`);
      const audit = await t.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'document').where('entity_id', '=', String(id)).orderBy('seq', 'desc').executeTakeFirstOrThrow();
      assert.equal(audit.action, 'document.update');
      const again = await drafter.get(res.headers.location as string);
      assert.match(again.body, /已替换为建议写法并保存/);
      assert.deepEqual([...new Set([...again.body.matchAll(/name="key" value="([^"]+)"\/><button type="submit">替换为/g)].map((m) => m[1]!))].map((k) => k.split(':')[2]), ['title'], 'the checks ran again: only the title is left');

      // A stale key (already replaced) is answered in Chinese, with nothing written.
      const stale = await drafter.post(`/admin/review/document/${id}/replace`, { key: bodyKey });
      assert.equal(stale.statusCode, 422);
      assert.match(stale.body, /该检查结果已不存在/);
    });

    test('一键替换 on a published document goes into its edition; the public page keeps the published text until review', async () => {
      const old = '国家工商行政管理总局';
      const id = await draft({ title: '关于个体工商户年度报告的通知', bodyHtml: `<p>依据${old}的规定办理。</p>` });
      await act('city.drafter', 'document', id, 'findings', { key: (await findKey(id)), resolution: 'acknowledged' });
      await publishThroughReview(id);
      const key = await findKey(id);
      const drafter = await as('city.drafter');
      await drafter.get(`/admin/review/document/${id}`);
      const res = await drafter.post(`/admin/review/document/${id}/replace`, { key });
      assert.equal(res.statusCode, 303, res.body.slice(0, 400));
      const editionId = idFromLocation(String(res.headers.location).replace(/\?.*$/, ''));
      assert.notEqual(editionId, id);
      assert.match(await body(editionId), /国家市场监督管理总局/);
      t.app.pageCache.clear();
      const publicPage = await t.app.inject({ url: `/documents/${id}` });
      assert.match(publicPage.body, new RegExp(old), 'the live page is unchanged');
      assert.doesNotMatch(publicPage.body, /国家市场监督管理总局/, 'the unpublished edition never shows');
      // The published text still holds the finding, but replacing there would overwrite the edition: refused.
      await drafter.get(`/admin/review/document/${id}`);
      const twice = await drafter.post(`/admin/review/document/${id}/replace`, { key: await findKey(id) });
      assert.equal(twice.statusCode, 422);
      assert.match(twice.body, /已有正在修改或审核的修订稿/);
      assert.match(await body(editionId), /国家市场监督管理总局/, 'the edition is untouched');
    });

    test('一键替换 of words split by markup is refused in Chinese and writes nothing', async () => {
      const id = await draft({ title: '关于市场主体登记的通知', bodyHtml: '<p>依据国家<strong>工商</strong>行政管理总局的规定办理。</p>' });
      const versions = async () => (await t.db.selectFrom('document_versions').select('version_no').where('document_id', '=', id).execute()).length;
      const before = await versions();
      const drafter = await as('city.drafter');
      await drafter.get(`/admin/review/document/${id}`);
      const res = await drafter.post(`/admin/review/document/${id}/replace`, { key: await findKey(id) });
      assert.equal(res.statusCode, 422);
      assert.match(res.body, /无法自动替换，请在编辑页修改/);
      assert.equal(await versions(), before, 'nothing written');
    });

    async function findKey(id: number): Promise<string> {
      const page = await (await as('city.drafter')).get(`/admin/review/document/${id}`);
      return /name="key" value="(wording:[^"]*:body:[^"]+)"/.exec(page.body)![1]!;
    }
  });
}
