import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { qaSearchVector } from '../src/modules/qa/commands/search-vector.js';
import { applyReferralAction } from '../src/modules/ask/commands/referral-action.js';
import { promoteReferral } from '../src/modules/ask/commands/promote-referral.js';
import { submitReferral, type ReferralContext } from '../src/modules/ask/commands/submit-referral.js';
import { retrieveAnswers } from '../src/modules/ask/queries/retrieve.js';
import { TestSession } from './helpers/session.js';
import { buildTestApp, testDatabaseKinds, type TestApp } from './helpers/test-app.js';

const count = async (t: TestApp, table: 'referrals' | 'ask_questions' | 'mail_outbox' | 'inbox_items') =>
  Number((await t.db.selectFrom(table).select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

for (const kind of testDatabaseKinds()) {
  describe(`smart answers and referrals on ${kind}`, () => {
    let t: TestApp;
    let city: number;
    let zjj: number;
    before(async () => {
      t = await buildTestApp(kind);
      const orgs = await t.db.selectFrom('organizations').select(['id', 'slug']).execute();
      city = orgs.find((o) => o.slug === 'city')!.id;
      zjj = orgs.find((o) => o.slug !== 'city' && o.slug.includes('zjj'))?.id ?? orgs[1]!.id;
      const now = t.clock.now();
      const entry = (sourceId: string, question: string, answer: string, department: string) => ({
        org_id: city, source_id: sourceId, question, phrasings: [], answer_html: `<p>${answer}</p>`, answer_text: answer, department, contact: '025-12345678',
        topic_id: null, audiences: [], review_on: null, origin: 'manual' as const, status: 'published' as const, published_on: t.clock.today(), published_at: now,
        search_vector: qaSearchVector(question, [], answer), created_by: null, updated_by: null, created_at: now, updated_at: now,
        edition_of: null, submitted_by: null, submitted_at: null, urgent_reason: null, publish_at: null, withdrawn_at: null, withdrawal_kind: null, withdrawal_reason: null,
      });
      await t.db.insertInto('qa_entries').values([
        entry('test-licence', '机动车驾驶证如何换领', '有效期满前九十日内，持身份证明到车管所或通过交管12123申请换领。', '市公安局交通管理局'),
        entry('test-noise', '夜间施工噪声扰民向哪个部门投诉', '可拨打12345市民服务热线，由城管执法部门处理。', '市城管执法局'),
      ]).execute();
    });
    after(() => t.close());

    test('an abbreviation finds its entry through the synonym dictionary, and not without it', async () => {
      const withSynonyms = await retrieveAnswers(t.db, '驾照怎么换领？');
      assert.equal(withSynonyms.qa[0]?.sourceId, 'test-licence');
      assert.equal(withSynonyms.confident, true);
      const without = await retrieveAnswers(t.db, '驾照怎么换领？', { synonyms: false });
      assert.ok(!(without.qa[0]?.sourceId === 'test-licence' && without.confident), 'without 驾照 = 驾驶证 the entry is not a confident answer');
      assert.ok((without.qa.find((a) => a.sourceId === 'test-licence')?.score ?? 0) < withSynonyms.qa[0]!.score);
    });

    test('a clause of a document in force is cited with its 第X条', async () => {
      const r = await retrieveAnswers(t.db, '行政机关应当建立健全什么样的审查机制？');
      const c = r.clauses[0]!;
      assert.equal(c.kind, 'clause');
      assert.equal(c.clauseLabel, '第二条');
      assert.match(c.title, /《江宁市政府信息公开工作办法》第二条/);
      assert.match(c.text, /先审后发/);
      assert.equal(c.validity, 'effective');
      assert.match(c.url, /^\/documents\/\d+$/);
    });

    test('a repealed document is never cited, although its clause matches best', async () => {
      const old = await t.db.selectFrom('documents').select(['id', 'validity']).where('doc_no', '=', '宁政办发〔2019〕12号').where('edition_of', 'is', null).executeTakeFirstOrThrow();
      assert.equal(old.validity, 'repealed');
      const q = '政府信息应当在形成或者变更之日起多少个工作日内予以公开？';
      const clause = await t.db.selectFrom('document_clauses').select(['text', 'in_force']).where('document_id', '=', old.id).where('label', '=', '第二条').executeTakeFirstOrThrow();
      assert.match(clause.text, /形成或者变更之日起20个工作日内予以公开/, 'the repealed clause says it word for word');
      assert.equal(clause.in_force, false);
      const r = await retrieveAnswers(t.db, q);
      assert.ok(r.clauses.every((c) => c.documentId !== old.id), 'the repealed document is not cited');
      // Even if the clause row were marked in force by mistake, the document's validity keeps it out.
      await sql`update document_clauses set in_force = true where document_id = ${old.id}`.execute(t.db);
      const again = await retrieveAnswers(t.db, q);
      assert.ok(again.clauses.every((c) => c.documentId !== old.id));
      await sql`update document_clauses set in_force = false where document_id = ${old.id}`.execute(t.db);
      // The trigger: a document that stops being in force takes its clauses out at once.
      const live = await t.db.selectFrom('documents').select('id').where('doc_no', '=', '宁政规〔2025〕5号').executeTakeFirstOrThrow();
      await t.db.updateTable('documents').set({ validity: 'expired' }).where('id', '=', live.id).execute();
      assert.ok((await t.db.selectFrom('document_clauses').select('in_force').where('document_id', '=', live.id).execute()).every((c) => !c.in_force));
      await t.db.updateTable('documents').set({ validity: 'effective' }).where('id', '=', live.id).execute();
      assert.ok((await t.db.selectFrom('document_clauses').select('in_force').where('document_id', '=', live.id).execute()).every((c) => c.in_force));
    });

    test('GET /api/v1/ask answers with the documented shape', async () => {
      const res = await t.app.inject({ url: `/api/v1/ask?q=${encodeURIComponent('夜间施工噪声扰民去哪里投诉')}` });
      assert.equal(res.statusCode, 200);
      const body = res.json() as { answer: { text: string; citation: string; url: string } | null; answers: Record<string, unknown>[]; confident: boolean };
      assert.deepEqual(Object.keys(body).sort(), ['answer', 'answers', 'confident']);
      assert.equal(body.confident, true);
      assert.equal(body.answers[0]!.sourceId, 'test-noise');
      assert.ok(body.answer && body.answer.text.length > 0 && body.answer.text.length <= 160, 'one or two sentences, not the whole entry');
      assert.equal(body.answer.url, body.answers[0]!.url);
      for (const a of body.answers) {
        assert.deepEqual(Object.keys(a).sort(), ['citation', 'closeness', 'kind', 'score', 'sourceId', 'text', 'title', 'url']);
        assert.ok(a.kind === 'qa' || a.kind === 'clause');
        assert.ok(typeof a.score === 'number' && a.score >= 0 && a.score <= 1);
      }
      const page = await t.app.inject({ url: `/ask?q=${encodeURIComponent('夜间施工噪声扰民去哪里投诉')}` });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h2 id="answer-title">答复<\/h2>/);
      assert.match(page.body, /市城管执法局/);
      assert.doesNotMatch(page.body, /匹配度/, 'no figure that overclaims');
    });

    test('bad input: empty, 10,000 characters, markup → Chinese message, 4xx, nothing written', async () => {
      const before = { referrals: await count(t, 'referrals'), questions: await count(t, 'ask_questions') };
      const cases: [string, RegExp][] = [['', /请填写您的问题/], ['问'.repeat(10_000), /不能超过 500 个字/], ['<script>alert(1)</script>社保', /尖括号/]];
      for (const [q, msg] of cases) {
        const api = await t.app.inject({ url: `/api/v1/ask?q=${encodeURIComponent(q)}` });
        assert.equal(api.statusCode, 400);
        assert.match((api.json() as { message: string }).message, msg);
        const page = await t.app.inject({ url: `/ask?q=${encodeURIComponent(q)}` });
        assert.equal(page.statusCode, 400);
        assert.match(page.body, msg);
        assert.doesNotMatch(page.body, /<script>alert/);
        const s = new TestSession(t.app);
        await s.get('/ask?q=%E7%A4%BE%E4%BF%9D%E6%96%AD%E7%BC%B4%E6%80%8E%E4%B9%88%E5%8A%9E&refer=1');
        const post = await s.post('/ask/referrals', { question: q, orgId: String(city), email: '', name: '' });
        assert.equal(post.statusCode, 400);
        assert.match(post.body, msg);
        assert.doesNotMatch(post.body, /<script>alert/);
      }
      assert.equal(await count(t, 'referrals'), before.referrals);
      // The good questions asked to open the forms were logged; the refused ones were not.
      assert.equal(await count(t, 'ask_questions'), before.questions + 1);
    });

    test('转人工: submitted on 2025-09-26 is due five working days later, after 国庆; answered, delivered, promoted into review', async () => {
      t.clock.set('2025-09-26T02:00:00Z'); // Friday 10:00 in Beijing
      const s = new TestSession(t.app);
      const page = await s.get(`/ask?q=${encodeURIComponent('火星上能不能种土豆')}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /没有找到确切的答案/);
      assert.match(page.body, /转给相关部门人工答复/);
      const mailsBefore = await count(t, 'mail_outbox');
      const posted = await s.post('/ask/referrals', { question: '火星上能不能种土豆', orgId: String(zjj), email: 'asker@example.com', name: '王小明' });
      assert.equal(posted.statusCode, 303);
      const receipt = await s.get('/ask/referrals/receipt');
      assert.equal(receipt.statusCode, 200);
      const trackingNo = /id="tracking-no">([^<]+)</.exec(receipt.body)![1]!;
      const accessCode = /id="access-code">([^<]+)</.exec(receipt.body)![1]!;
      const row = await t.db.selectFrom('referrals').selectAll().where('tracking_no', '=', trackingNo).executeTakeFirstOrThrow();
      // By hand: 09-28 (Sunday, 调休上班) 1, 09-29 2, 09-30 3, 10-01…10-08 国庆节、中秋节, 10-09 4, 10-10 5.
      assert.equal(String(row.due_on), '2025-10-10');
      assert.equal(row.status, 'submitted');
      const deadline = row.deadline as { from: string; days: number; explanation: string };
      assert.equal(deadline.from, '2025-09-26');
      assert.equal(deadline.days, 5);
      assert.match(deadline.explanation, /国庆/);
      assert.match(deadline.explanation, /09-28|9月28日/);
      assert.equal(row.email_masked, 'a***@example.com');
      assert.ok(row.asker_sealed && !row.asker_sealed.includes('asker@example.com'), 'the address is sealed');

      // Staff see it on the workbench with the working days left.
      const staff = new TestSession(t.app);
      await staff.login('admin');
      const bench = await staff.get('/admin/referrals');
      assert.equal(bench.statusCode, 200);
      assert.match(bench.body, new RegExp(trackingNo));
      assert.match(bench.body, /剩 5 个工作日/);

      const admin = (await t.db.selectFrom('staff').select(['id']).where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
      const roles = await t.db.selectFrom('staff_roles').select(['org_id as orgId', 'role']).where('staff_id', '=', admin).execute();
      const actor = { id: admin, username: 'admin', displayName: '系统管理员', roles };
      const ctx: ReferralContext = { db: t.db, clock: t.clock, sealer: t.app.sealer, actor: { id: admin, label: '系统管理员（admin）', ip: null } };
      await applyReferralAction(ctx, actor, row.id, { action: 'answer', answerHtml: '<p>本市暂无相关政策。<span data-redact="15">经办人李某某 13912345678</span><script>x()</script></p>' });
      const mail = await t.db.selectFrom('mail_outbox').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.equal(await count(t, 'mail_outbox'), mailsBefore + 1);
      assert.equal(mail.kind, 'referral_answer');
      assert.equal(mail.to_masked, 'a***@example.com');
      assert.match(mail.body_text, /本市暂无相关政策/);
      assert.doesNotMatch(mail.body_text, /script/);
      assert.doesNotMatch(mail.body_text, /李某某|13912345678/, 'a span marked 删减 never reaches the asker');

      // The anonymous asker reads the answer with the tracking number and access code.
      const tracked = await s.post('/ask/track', { trackingNo, accessCode });
      assert.equal(tracked.statusCode, 303);
      const status = await s.get(tracked.headers.location as string);
      assert.match(status.body, /本市暂无相关政策/);
      assert.match(status.body, /已答复/);
      assert.doesNotMatch(status.body, /李某某|13912345678/);
      assert.match(status.body, /此处内容已删减/);
      const wrong = await s.post('/ask/track', { trackingNo, accessCode: 'WRONG234' });
      assert.equal(wrong.statusCode, 404);

      // Promote: one action makes a Q&A entry (origin referral) and submits it into review.
      const qaId = await promoteReferral(ctx, actor, row.id);
      const entry = await t.db.selectFrom('qa_entries').select(['status', 'origin', 'question', 'answer_text', 'org_id']).where('id', '=', qaId).executeTakeFirstOrThrow();
      assert.equal(entry.origin, 'referral');
      assert.equal(entry.status, 'submitted');
      assert.equal(entry.org_id, zjj);
      assert.equal(entry.question, '火星上能不能种土豆');
      assert.match(entry.answer_text, /本市暂无相关政策/);
      assert.equal((await t.db.selectFrom('referrals').select('qa_id').where('id', '=', row.id).executeTakeFirstOrThrow()).qa_id, qaId);
      await assert.rejects(promoteReferral(ctx, actor, row.id), /已转为政策问答/);
      const audit = await t.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'referral').where('entity_id', '=', String(row.id)).execute();
      assert.deepEqual(audit.map((a) => a.action).sort(), ['referral.answer', 'referral.promote', 'referral.submit']);
    });

    test('a signed-in asker finds the answer in the personal center', async () => {
      const now = t.clock.now();
      const acc = await t.db.insertInto('accounts').values({ email_sealed: t.app.sealer.seal('me@example.com'), email_key: 'test-key-me', email_masked: 'm***@example.com', password_hash: 'x', email_verified_at: now, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
      const ctx: ReferralContext = { db: t.db, clock: t.clock, sealer: t.app.sealer, actor: { id: null, label: '公众账号', ip: null } };
      const sent = await submitReferral(ctx, { question: '社保断缴以后怎么补缴？', orgId: city, email: null, name: null, accountId: acc.id, suggestions: [] });
      const admin = (await t.db.selectFrom('staff').select(['id']).where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
      const roles = await t.db.selectFrom('staff_roles').select(['org_id as orgId', 'role']).where('staff_id', '=', admin).execute();
      const mailsBefore = await count(t, 'mail_outbox');
      await applyReferralAction({ ...ctx, actor: { id: admin, label: 'admin', ip: null } }, { id: admin, username: 'admin', displayName: '系统管理员', roles }, sent.id, { action: 'answer', answerHtml: '<p>可到社保经办机构补缴。</p>' });
      const inbox = await t.db.selectFrom('inbox_items').selectAll().where('account_id', '=', acc.id).execute();
      assert.equal(inbox.length, 1);
      assert.equal(inbox[0]!.item_type, 'referral');
      assert.equal(inbox[0]!.url, `/ask/referrals/${sent.trackingNo}`);
      assert.equal(await count(t, 'mail_outbox'), mailsBefore, 'no address given, no mail');
    });
  });
}
