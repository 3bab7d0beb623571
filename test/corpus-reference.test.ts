import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { reclassifyImportedDocuments, reviewImportedQa } from '../src/db/migrations/0009-corpus-reference.js';
import { qaSearchVector } from '../src/modules/qa/commands/search-vector.js';
import { buildMissingClauses } from '../src/modules/ask/commands/build-clauses.js';
import { countDocumentsForWorkbench } from '../src/modules/documents/queries/admin.js';
import { countPublicDocuments } from '../src/modules/documents/queries/public.js';
import { importPolicyDocs } from '../src/modules/documents/commands/import-policy-docs.js';
import { interpretationRate, listOverdueInterpretations } from '../src/modules/interpretations/sync.js';
import { getCatalogTree, flattenTree } from '../src/modules/organizations/queries.js';
import { importQaPairs, type QaImportResult } from '../src/modules/qa/commands/import-qa.js';
import { findPersonalData } from '../src/platform/text-checks/index.js';
import { buildTestApp, testDatabaseKinds, type TestApp } from './helpers/test-app.js';
import { TestSession } from './helpers/session.js';
import { CORPUS_DOCUMENTS, CORPUS_QA } from './helpers/corpus-lines.js';

/**
 * Issue 11 §3: the corpus is shown for what it is. Laws and other organs' documents are a
 * reference library (法律法规 / 上级文件): searchable and citable, never an organization's
 * disclosure. Imported Q&A text is cleaned, message-board letters wait for a reviewer, and no
 * imported entry shows a person's phone, ID number or home.
 */
for (const kind of testDatabaseKinds()) {
  describe(`the corpus as reference material on ${kind}`, () => {
    let t: TestApp;
    let dir: string;
    let orgs: { id: number; slug: string }[];
    let qa: QaImportResult;
    const before_ = { catalogs: 0, home: { total: 0, effective: 0 }, workbench: 0, rate: 0 };
    const ids: Record<string, number> = {};

    const catalogTotal = async () => {
      let n = 0;
      for (const o of orgs) n += flattenTree(await getCatalogTree(t.db, o.id)).reduce((s, x) => s + x.node.documentCount, 0);
      return n;
    };
    const cityRate = async () => (await interpretationRate(t.db, orgs.map((o) => o.id), '2000-01-01', '2026-12-31')).reduce((s, r) => s + r.documents, 0);

    before(async () => {
      t = await buildTestApp(kind);
      orgs = await t.db.selectFrom('organizations').select(['id', 'slug']).execute();
      before_.catalogs = await catalogTotal();
      before_.home = await countPublicDocuments(t.db);
      before_.workbench = (await countDocumentsForWorkbench(t.db, orgs.map((o) => o.id), t.clock.today())).published;
      before_.rate = await cityRate();
      dir = mkdtempSync(path.join(os.tmpdir(), 'gongkai-corpus-'));
      const docs = path.join(dir, 'policy-docs.jsonl');
      writeFileSync(docs, CORPUS_DOCUMENTS.map((d) => JSON.stringify(d)).join('\n') + '\n');
      await importPolicyDocs(t.db, t.clock, docs);
      await buildMissingClauses(t.db);
      for (const d of await t.db.selectFrom('documents').select(['id', 'source_id']).where('source_id', 'is not', null).execute()) ids[d.source_id!] = d.id;
      const pairs = path.join(dir, 'qa-pairs.jsonl');
      writeFileSync(pairs, CORPUS_QA.map((p) => JSON.stringify(p)).join('\n') + '\n');
      qa = await importQaPairs(t.db, t.clock, pairs);
    });
    after(async () => {
      rmSync(dir, { recursive: true, force: true });
      await t.close();
    });

    const RULE = 'lrb-c033c5a79e8441ebbf964198dd85c6ee'; // 道路交通安全违法行为处理程序规定 (公安部, 规章)
    const LAW = 'lrb-8bea5e21ab8f4913a16fa5b32e3f597e'; // 中华人民共和国检察官法
    const NOTICE = 'ncp-e9804217d8df364bb45fd70bf9e91ef7'; // 中关村 notice, no organ given

    test('imported documents are reference material with their real issuer: no 索引号, no catalog node, held by the site', async () => {
      const city = await t.db.selectFrom('organizations').select('id').where('slug', '=', 'city').executeTakeFirstOrThrow();
      const rows = await t.db.selectFrom('documents').select(['source_id', 'provenance', 'issuer_level', 'index_no', 'catalog_node_id', 'org_id', 'issuers', 'published_on']).where('source_id', 'is not', null).orderBy('source_id').execute();
      assert.equal(rows.length, 3);
      const by = new Map(rows.map((r) => [r.source_id, r]));
      assert.deepEqual([by.get(RULE)!.provenance, by.get(RULE)!.issuer_level, by.get(RULE)!.issuers], ['law', 'national', ['公安部']]);
      assert.deepEqual([by.get(LAW)!.provenance, by.get(LAW)!.issuer_level, by.get(LAW)!.published_on], ['law', 'national', '2019-04-23']);
      assert.deepEqual([by.get(NOTICE)!.provenance, by.get(NOTICE)!.issuer_level], ['superior', null]);
      assert.ok(rows.every((r) => r.index_no === null && r.catalog_node_id === null && r.org_id === city.id));
    });

    test('the library finds them, marked, and filters by provenance; its API says what they are', async () => {
      const found = (await t.app.inject(`/api/v1/documents?q=${encodeURIComponent('道路交通安全违法行为处理程序规定')}`)).json();
      const item = found.items.find((d: { id: number }) => d.id === ids[RULE]);
      assert.ok(item, 'a reference document is in the library search');
      assert.deepEqual([item.provenance, item.issuerLevel, item.issuers], ['law', 'national', ['公安部']]);
      const laws = await t.app.inject('/library?provenance=law');
      assert.equal(laws.statusCode, 200);
      assert.match(laws.body, /中华人民共和国检察官法<\/a> <span class="badge provenance">法律法规<\/span>/);
      assert.match(laws.body, /<legend>来源<\/legend>/);
      const facets = (await t.app.inject('/api/v1/documents?pageSize=1')).json().facets as Record<string, { value: string; count: number }[]>;
      assert.deepEqual(facets.provenance!.filter((f) => f.value !== 'own').map((f) => [f.value, f.count]), [['law', 2], ['superior', 1]]);
      const city = orgs.find((o) => o.slug === 'city')!;
      const cityOwn = (await t.app.inject(`/api/v1/documents?org=${city.id}&pageSize=1`)).json().total;
      assert.equal(facets.org!.find((f) => Number(f.value) === city.id)?.count ?? 0, cityOwn, 'the 公开机构 facet counts only the organization’s own documents');
      const own = (await t.app.inject('/api/v1/documents?provenance=own&pageSize=50')).json();
      assert.ok(own.total > 0 && own.items.every((d: { provenance: string }) => d.provenance === 'own'));
      const bad = await t.app.inject('/api/v1/documents?provenance=mine');
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /来源的取值无效/);
      const detail = (await t.app.inject(`/api/v1/documents/${ids[LAW]}`)).json();
      assert.deepEqual([detail.indexNo, detail.provenance, detail.organization, detail.issuers], [null, 'law', null, ['全国人民代表大会常务委员会']]);
      const page = await t.app.inject(`/documents/${ids[LAW]}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /不属于本站各机关主动公开的政府信息/);
      assert.match(page.body, /<th scope="row">索引号<\/th><td>—<\/td>/);
    });

    test('smart answers cite a reference document’s article', async () => {
      const r = (await t.app.inject(`/api/v1/ask?q=${encodeURIComponent('公安机关交通管理部门处理道路交通安全违法行为应当遵循什么原则？')}`)).json();
      const cited = r.answers.find((a: { kind: string; url: string }) => a.kind === 'clause' && a.url === `/documents/${ids[RULE]}`);
      assert.ok(cited, 'the clause of the reference document is cited');
      assert.match(cited.title, /《道路交通安全违法行为处理程序规定》第三条/);
    });

    test('they are in no organization’s catalog, portal, feed, count or indicator', async () => {
      assert.equal(await catalogTotal(), before_.catalogs, 'catalog counts unchanged');
      assert.deepEqual(await countPublicDocuments(t.db), before_.home, 'the home page counts only the organizations’ own documents');
      assert.equal((await countDocumentsForWorkbench(t.db, orgs.map((o) => o.id), t.clock.today())).published, before_.workbench);
      assert.equal(await cityRate(), before_.rate, 'the interpretation rate counts only own normative documents');
      const titles = /道路交通安全违法行为处理程序规定|检察官法|中关村发布首批/;
      for (const url of ['/', '/feed.atom', ...orgs.flatMap((o) => [`/org/${o.slug}`, `/org/${o.slug}/feed.atom`])]) {
        const res = await t.app.inject(url);
        assert.equal(res.statusCode, 200, url);
        assert.doesNotMatch(res.body, titles, `${url} lists no reference document`);
      }
      const city = orgs.find((o) => o.slug === 'city')!;
      const filtered = (await t.app.inject(`/api/v1/documents?org=${city.id}&pageSize=50`)).json();
      assert.ok(filtered.items.every((d: { provenance: string }) => d.provenance === 'own'), 'an organization filter means its own documents');
    });

    test('the back office offers no edit of reference material, and refuses the edit page in Chinese', async () => {
      const s = new TestSession(t.app);
      await s.login('city.drafter');
      const page = await s.get(`/admin/documents/${ids[LAW]}`);
      assert.equal(page.statusCode, 200);
      assert.ok(!page.body.includes(`href="/admin/documents/${ids[LAW]}/edit"`), 'no 编辑 on a law the site only keeps');
      assert.match(page.body, /登记修改或废止/, 'its repeal can still be recorded');
      const edit = await s.get(`/admin/documents/${ids[LAW]}/edit`);
      assert.equal(edit.statusCode, 403);
      assert.match(edit.body, /法律法规、上级文件是本站收录的参考资料，不在本站修改/);
    });

    test('a national rule is not on the 三同步 overdue list, and would be if it were an organization’s own', async () => {
      const all = orgs.map((o) => o.id);
      assert.ok(!(await listOverdueInterpretations(t.db, all, t.clock.today())).some((r) => r.documentId === ids[RULE]));
      const s = new TestSession(t.app);
      await s.login('gkb');
      const page = await s.get('/admin/interpretations/overdue');
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /道路交通安全违法行为处理程序规定/);
      // Control: the same row as an own document is listed, so the provenance is what keeps it off.
      await t.db.updateTable('documents').set({ provenance: 'own' }).where('id', '=', ids[RULE]!).execute();
      try {
        assert.ok((await listOverdueInterpretations(t.db, all, t.clock.today())).some((r) => r.documentId === ids[RULE]));
      } finally {
        await t.db.updateTable('documents').set({ provenance: 'law' }).where('id', '=', ids[RULE]!).execute();
      }
    });

    test('the migration turns an earlier install’s imported documents into reference material', async () => {
      const own = await t.db.selectFrom('documents').select(['id', 'org_id', 'catalog_node_id', 'index_no']).where('provenance', '=', 'own').where('status', '=', 'published').where('index_no', 'is not', null).where('catalog_node_id', 'is not', null).orderBy('id').executeTakeFirstOrThrow();
      const holder = (await t.db.selectFrom('documents').select('org_id').where('id', '=', ids[LAW]!).executeTakeFirstOrThrow()).org_id;
      // What the old importer left: a law spread to a department, with its 索引号 and 其他文件 node.
      await t.db.updateTable('documents').set({ source_id: 'lrb-old-import', doc_type: '法律', issuers: ['全国人民代表大会常务委员会'] }).where('id', '=', own.id).execute();
      await reclassifyImportedDocuments(t.db);
      const after = await t.db.selectFrom('documents').select(['provenance', 'issuer_level', 'index_no', 'catalog_node_id', 'org_id']).where('id', '=', own.id).executeTakeFirstOrThrow();
      assert.deepEqual(after, { provenance: 'law', issuer_level: 'national', index_no: null, catalog_node_id: null, org_id: holder });
    });

    test('the Q&A import cleans the text, drops non-answers and reports each class', async () => {
      assert.deepEqual(qa, { imported: 6, skipped: 0, dropped: 2, classes: { department: 2, library: 1, letter: 2, unsourced: 1 } });
      const rows = await t.db.selectFrom('qa_entries').select(['source_id', 'question', 'answer_text', 'answer_html', 'status']).where('origin', '=', 'import').execute();
      const text = rows.map((r) => r.question + r.answer_text).join('\n');
      assert.doesNotMatch(text, /_x000D_|\r|\u200b|UU00\d+|&lt;|&amp;/, 'no Excel escapes, CR, zero-width characters, user codes or entities in the text');
      assert.doesNotMatch(rows.map((r) => r.answer_html).join('\n'), /_x000D_|&amp;lt;/, 'the HTML escapes once');
      const flood = rows.find((r) => r.source_id === 'msga-qa-104')!;
      assert.match(flood.answer_text, /《北京市实施<中华人民共和国防洪法>办法》/);
      const letter = rows.find((r) => r.source_id === 'taidi-30030')!;
      assert.match(letter.question, /^A6区沩水桥两端的标牌老旧，希望尽快更换！\n/);
      assert.match(letter.answer_text, /^您好！关于您在平台/);
      assert.match(rows.find((r) => r.source_id === 'taidi-9511')!.answer_text, /^网友您好！您的留言已收悉/);
      assert.equal(rows.some((r) => r.source_id === 'taidi-12163' || r.source_id === 'taidi-25918'), false, '已收悉 and a bare user code are no answer');
    });

    test('department and library answers are published, letters wait unpublished on the reviewers’ list', async () => {
      const rows = await t.db.selectFrom('qa_entries').select(['id', 'source_id', 'status']).where('origin', '=', 'import').execute();
      const status = Object.fromEntries(rows.map((r) => [r.source_id, r.status]));
      assert.deepEqual(status, {
        'msga-qa-104': 'published', 'msga-qa-1005': 'published', 'ncp-q-01e68cfc9995356fa3913ba45f8fbea6': 'published',
        'ncp-q-6dbbf8e29ed530e8a24eab72972839af': 'submitted', 'taidi-30030': 'submitted', 'taidi-9511': 'submitted',
      });
      for (const r of rows) {
        const res = await t.app.inject(`/qa/${r.id}`);
        assert.equal(res.statusCode, r.status === 'published' ? 200 : 404, `${r.source_id} public only when published`);
      }
      assert.doesNotMatch((await t.app.inject(`/qa?q=${encodeURIComponent('传销')}`)).body, /映江苑/, 'a letter is not in the public search');
      const reviewer = new TestSession(t.app);
      await reviewer.login('city.reviewer');
      const queue = await reviewer.get('/admin/review');
      assert.match(queue.body, /A6区沩水桥两端的标牌老旧/, 'the letter is on the reviewer’s list');
    });

    test('no imported entry shows a phone, an ID number or a home address, in the database, on a page or in an answer', async () => {
      const rows = await t.db.selectFrom('qa_entries').select(['id', 'source_id', 'question', 'answer_text', 'status']).where('origin', '=', 'import').execute();
      for (const r of rows) {
        const hits = findPersonalData(r.question + '\n' + r.answer_text).filter((h) => h.kind === 'mobile' || h.kind === 'id_number');
        assert.deepEqual(hits, [], r.source_id!);
      }
      const flat = rows.find((r) => r.source_id === 'taidi-9511')!;
      assert.doesNotMatch(flat.question + flat.answer_text, /5栋2404/);
      assert.match(flat.question, /5栋\*{4}/);
      const contact = rows.find((r) => r.source_id === 'ncp-q-01e68cfc9995356fa3913ba45f8fbea6')!;
      const mobile = /1[3-9]\d{9}/;
      assert.doesNotMatch((await t.app.inject(`/qa/${contact.id}`)).body, mobile);
      assert.match((await t.app.inject(`/qa/${contact.id}`)).body, /134\*{4}6724/);
      assert.doesNotMatch((await t.app.inject(`/qa?q=${encodeURIComponent('中关村管委会咨询电话')}`)).body, mobile);
      const ask = (await t.app.inject(`/api/v1/ask?q=${encodeURIComponent('中关村管委会咨询电话是多少？')}`)).json();
      const entry = ask.answers.find((a: { sourceId: string }) => a.sourceId === contact.source_id);
      assert.ok(entry, 'the entry answers the question');
      assert.doesNotMatch(entry.text, mobile);
    });

    test('the migration puts an earlier install’s imported letters back on the reviewers’ list, cleaned', async () => {
      const city = orgs.find((o) => o.slug === 'city')!;
      const now = t.clock.now();
      const raw = { question: '反映A市某小区问题\n各位领导好_x000D_\n 小区路灯不亮', answer: '网友“UU008792”您好！经核实，路灯已修复。' };
      const old = await t.db
        .insertInto('qa_entries')
        .values({
          org_id: city.id, source_id: 'taidi-old-1', question: raw.question, phrasings: [], answer_html: `<p>${raw.answer}</p>`, answer_text: raw.answer, department: '', contact: '',
          topic_id: null, audiences: [], review_on: null, origin: 'import', status: 'published', published_on: t.clock.today(), published_at: now, search_vector: qaSearchVector(raw.question, [], raw.answer),
          created_by: null, updated_by: null, created_at: now, updated_at: now, edition_of: null, submitted_by: null, submitted_at: null, urgent_reason: null, publish_at: null, withdrawn_at: null, withdrawal_kind: null, withdrawal_reason: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const department = await t.db.selectFrom('qa_entries').select(['id', 'status']).where('source_id', '=', 'msga-qa-104').executeTakeFirstOrThrow();
      await reviewImportedQa(t.db);
      const after = await t.db.selectFrom('qa_entries').select(['status', 'question', 'answer_text', 'answer_html', 'published_at']).where('id', '=', old.id).executeTakeFirstOrThrow();
      assert.deepEqual(after, { status: 'submitted', question: '反映A市某小区问题\n各位领导好\n 小区路灯不亮', answer_text: '网友您好！经核实，路灯已修复。', answer_html: '<p>网友您好！经核实，路灯已修复。</p>', published_at: null });
      assert.equal((await t.app.inject(`/qa/${old.id}`)).statusCode, 404);
      assert.equal((await t.db.selectFrom('qa_entries').select('status').where('id', '=', department.id).executeTakeFirstOrThrow()).status, 'published', 'a department’s answer stays published');
    });
  });
}
