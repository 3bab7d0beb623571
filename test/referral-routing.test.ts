import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { qaSearchVector } from '../src/modules/qa/commands/search-vector.js';
import { applyReferralAction } from '../src/modules/ask/commands/referral-action.js';
import { submitReferral, type ReferralContext } from '../src/modules/ask/commands/submit-referral.js';
import { transferReferral } from '../src/modules/ask/commands/transfer-referral.js';
import { suggestReferralOrg } from '../src/modules/ask/queries/routing.js';
import type { AskResult } from '../src/modules/ask/queries/retrieve.js';
import { sessionPool, TestSession } from './helpers/session.js';
import { buildTestApp, testDatabaseKinds, type TestApp } from './helpers/test-app.js';

/** Issue 14: routing by duty, 转办 within scope with its deadline, 满意度 once, and 这个回答有帮助吗？ */
const FOOD_Q = '开个小饭馆要办什么证';

type Counted = 'referrals' | 'case_transfers' | 'case_ratings' | 'answer_feedback' | 'mail_outbox' | 'audit_events' | 'inbox_items';
const count = async (t: TestApp, table: Counted) => Number((await t.db.selectFrom(table).select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const selectedOrg = (html: string) => /<select id="f-orgId"[\s\S]*?<option value="(\d+)" selected/.exec(html)?.[1];

for (const kind of testDatabaseKinds()) {
  describe(`routing by duty, 转办 and 满意度 on ${kind}`, () => {
    let t: TestApp;
    const org = new Map<string, number>();
    const pool = sessionPool(() => t);
    const entry = (o: string, sourceId: string, question: string, department: string, status: 'published' | 'submitted') => {
      const now = t.clock.now();
      const answer = '请到当地便民服务中心咨询办理。';
      return {
        org_id: org.get(o)!, source_id: sourceId, question, phrasings: [], answer_html: `<p>${answer}</p>`, answer_text: answer, department, contact: '',
        topic_id: null, audiences: [], review_on: null, origin: 'manual' as const, status, published_on: status === 'published' ? t.clock.today() : null, published_at: status === 'published' ? now : null,
        search_vector: qaSearchVector(question, [], answer), created_by: null, updated_by: null, created_at: now, updated_at: now,
        edition_of: null, submitted_by: null, submitted_at: null, urgent_reason: null, publish_at: null, withdrawn_at: null, withdrawal_kind: null, withdrawal_reason: null,
      };
    };
    before(async () => {
      t = await buildTestApp(kind);
      for (const o of await t.db.selectFrom('organizations').select(['id', 'slug']).execute()) org.set(o.slug, o.id);
      // The trap of the issue: the nearest published answer comes from a township of another county.
      await t.db.insertInto('qa_entries').values(entry('baisha', 'test-baisha-food', '在白沙镇开小饭馆、农家乐要办什么证？', '白沙镇便民服务中心', 'published')).execute();
    });
    after(() => t.close());
    beforeEach(() => pool.nextTest());

    test('the restaurant question is suggested to 市场监管局 by its 权责清单, never to a township of another county', async () => {
      const s = new TestSession(t.app);
      const page = await s.get(`/ask?q=${encodeURIComponent(FOOD_Q)}&refer=1`);
      assert.equal(page.statusCode, 200);
      assert.equal(selectedOrg(page.body), String(org.get('scjg')), 'the form selects 市场监管局');
      assert.match(page.body, /推荐：江宁市市场监督管理局（根据权责清单：食品经营许可）/);
      assert.doesNotMatch(page.body, /西湖县白沙镇人民政府（推荐）/);
      // A place in the other county: still not 白沙镇, which is not in it.
      const dongshan = await s.get(`/ask?q=${encodeURIComponent(FOOD_Q)}&refer=1&place=${org.get('dongshan')}`);
      assert.equal(selectedOrg(dongshan.body), String(org.get('scjg')));
      assert.match(dongshan.body, new RegExp(`<option value="${org.get('dongshan')}" selected`), 'the chosen place is kept');
      const r = await suggestReferralOrg(t.db, { question: FOOD_Q, result: null, placeOrgId: null });
      assert.equal(r.suggested.orgId, org.get('scjg'));
      assert.ok(r.ranked.every((x) => x.orgId !== org.get('baisha')));
      // The place named in the question counts as chosen: the form shows it, and the referral records it.
      const named = `我在东山县青石镇，${FOOD_Q}`;
      const namedPage = await s.get(`/ask?q=${encodeURIComponent(named)}&refer=1`);
      assert.match(namedPage.body, new RegExp(`<option value="${org.get('qingshi')}" selected`), 'the named township is preselected');
      assert.match(namedPage.body, new RegExp(`name="placeOrgId" value="${org.get('qingshi')}"`));
      const fromNamed = await suggestReferralOrg(t.db, { question: named, result: null, placeOrgId: null });
      assert.equal(fromNamed.place, org.get('qingshi'));
      assert.ok(fromNamed.ranked.every((x) => x.orgId !== org.get('baisha')), 'another county’s township is still never suggested');
    });

    test('an unpublished entry’s department is not used for routing (public means approved)', async () => {
      const q = '火星基地的土豆补贴怎么领';
      const draft = await t.db.insertInto('qa_entries').values(entry('czj', 'test-draft-mars', q, '市财政局预算处', 'submitted')).returning('id').executeTakeFirstOrThrow();
      // As if retrieval had returned it: routing checks publication itself.
      const result = { qa: [{ kind: 'qa', id: draft.id, orgId: org.get('czj')!, department: '市财政局预算处', title: q, score: 1, sourceId: 'test-draft-mars', text: '', url: '' }], clauses: [], confident: true, concepts: [], bestScore: 1 } as unknown as AskResult;
      const unpublished = await suggestReferralOrg(t.db, { question: q, result, placeOrgId: null });
      assert.notEqual(unpublished.suggested.orgId, org.get('czj'));
      assert.equal(unpublished.suggested.orgId, org.get('city'));
      await t.db.updateTable('qa_entries').set({ status: 'published', published_on: t.clock.today(), published_at: t.clock.now() }).where('id', '=', draft.id).execute();
      const published = await suggestReferralOrg(t.db, { question: q, result, placeOrgId: null });
      assert.equal(published.suggested.orgId, org.get('czj'));
      assert.match(published.suggested.reason, /^根据相近问题的答复部门：市财政局预算处/);
      await t.db.deleteFrom('qa_entries').where('id', '=', draft.id).execute();
    });

    let trackingNo = '';
    let referralId = 0;
    const asker = () => new TestSession(t.app);
    let askerSession: TestSession;

    test('转办 moves the referral to the receiving queue with its deadline restarted, on the timeline, and tells the asker', async () => {
      t.clock.set('2026-11-23T02:00:00Z'); // Monday
      askerSession = asker();
      const s = askerSession;
      await s.get(`/ask?q=${encodeURIComponent(FOOD_Q)}&refer=1`);
      // The asker overrides the suggestion and picks the township.
      const posted = await s.post('/ask/referrals', { question: FOOD_Q, orgId: String(org.get('baisha')), placeOrgId: '', email: 'eater@example.com', name: '赵先生' });
      assert.equal(posted.statusCode, 303);
      const receipt = await s.get('/ask/referrals/receipt');
      trackingNo = /id="tracking-no">([^<]+)</.exec(receipt.body)![1]!;
      const accessCode = /id="access-code">([^<]+)</.exec(receipt.body)![1]!;
      assert.equal((await s.post('/ask/track', { trackingNo, accessCode })).statusCode, 303);
      const sent = await t.db.selectFrom('referrals').selectAll().where('tracking_no', '=', trackingNo).executeTakeFirstOrThrow();
      referralId = sent.id;
      assert.equal(sent.org_id, org.get('baisha'));
      assert.equal(String(sent.due_on), '2026-11-30');
      assert.deepEqual(sent.routing, { suggestedOrgId: org.get('scjg'), reason: '根据权责清单：食品经营许可', chosenOrgId: org.get('baisha') });

      t.clock.set('2026-11-25T02:00:00Z'); // Wednesday: two working days later
      const gkb = await pool.as('gkb');
      const casePage = await gkb.get(`/admin/referrals/${referralId}`);
      assert.match(casePage.body, /系统推荐<\/th><td>江宁市市场监督管理局（根据权责清单：食品经营许可）/);
      assert.match(casePage.body, /action="\/admin\/referrals\/\d+\/transfer"/);
      const mails = await count(t, 'mail_outbox');
      const done = await gkb.post(`/admin/referrals/${referralId}/transfer`, { toOrgId: String(org.get('scjg')), transferReason: '属于市场监管局职责（食品经营许可）' });
      assert.equal(done.statusCode, 303);

      const moved = await t.db.selectFrom('referrals').selectAll().where('id', '=', referralId).executeTakeFirstOrThrow();
      assert.equal(moved.org_id, org.get('scjg'));
      assert.equal(moved.status, 'submitted');
      assert.equal(moved.assignee_id, null);
      assert.equal(moved.tracking_no, trackingNo, 'the asker keeps the number');
      // Restarted at the receiving organization: 11-26, 11-27, 11-30, 12-01, 12-02.
      assert.equal(String(moved.due_on), '2026-12-02');
      const d = moved.deadline as { from: string; days: number; previousDueOn: string; explanation: string };
      assert.equal(d.from, '2026-11-25');
      assert.equal(d.days, 5);
      assert.equal(d.previousDueOn, '2026-11-30');
      assert.match(d.explanation, /转办至江宁市市场监督管理局之日为 2026-11-25/);
      const tr = await t.db.selectFrom('case_transfers').selectAll().where('channel', '=', 'referral').where('case_id', '=', referralId).execute();
      assert.equal(tr.length, 1);
      assert.equal(tr[0]!.from_org_id, org.get('baisha'));
      assert.equal(String(tr[0]!.due_before), '2026-11-30');
      assert.equal(String(tr[0]!.due_after), '2026-12-02');
      const audit = await t.db.selectFrom('audit_events').select(['action', 'org_id']).where('entity_type', '=', 'referral').where('entity_id', '=', String(referralId)).where('action', '=', 'referral.transfer').execute();
      assert.equal(audit.length, 1);

      // The asker is told: an e-mail (the outbox) and the tracker page's timeline.
      assert.equal(await count(t, 'mail_outbox'), mails + 1);
      const mail = await t.db.selectFrom('mail_outbox').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.equal(mail.kind, 'referral_transfer');
      assert.equal(mail.to_masked, 'e***@example.com');
      assert.match(mail.body_text, /已转交江宁市市场监督管理局办理/);
      assert.match(mail.body_text, /属于市场监管局职责/);
      assert.match(mail.body_text, /2026年12月2日前答复/);
      const tracker = await s.get(`/ask/referrals/${encodeURIComponent(trackingNo)}`);
      assert.equal(tracker.statusCode, 200);
      assert.match(tracker.body, /由西湖县白沙镇人民政府转办至江宁市市场监督管理局。理由：属于市场监管局职责（食品经营许可）/);
      assert.match(tracker.body, /为2026年12月2日前/);

      // The receiving organization sees it in its queue; the township no longer does.
      const scjg = await pool.as('scjg.editor');
      const queue = await scjg.get('/admin/referrals');
      assert.match(queue.body, new RegExp(trackingNo));
      assert.match(queue.body, /转办 1 次/);
      const baisha = await pool.as('baisha.editor');
      assert.doesNotMatch((await baisha.get('/admin/referrals')).body, new RegExp(trackingNo));
      assert.equal((await baisha.get(`/admin/referrals/${referralId}`)).statusCode, 404);
    });

    test('a transfer outside the actor’s scope is refused (403) and writes nothing; bad input gets a Chinese message and 4xx', async () => {
      const ctx: ReferralContext = { db: t.db, clock: t.clock, sealer: t.app.sealer, actor: { id: null, label: '公众', ip: null } };
      const r = await submitReferral(ctx, { question: '青石镇的低保怎么申请', orgId: org.get('qingshi')!, email: 'q@example.com', name: null, accountId: null, suggestions: [] });
      const snapshot = async () => ({ row: await t.db.selectFrom('referrals').select(['org_id', 'due_on', 'status', 'updated_at']).where('id', '=', r.id).executeTakeFirstOrThrow(), transfers: await count(t, 'case_transfers'), audit: (await t.db.selectFrom('audit_events').select('seq').where('entity_type', '=', 'referral').execute()).length, mail: await count(t, 'mail_outbox') });
      const before = await snapshot();
      // 东山县政务公开办 reaches 东山县 and 青石镇, not the city's departments.
      const office = await pool.as('dongshan.office');
      const page = await office.get(`/admin/referrals/${r.id}`);
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /<option value="\d+"[^>]*>江宁市市场监督管理局<\/option>/, 'only organizations in scope are offered');
      const outside = await office.post(`/admin/referrals/${r.id}/transfer`, { toOrgId: String(org.get('scjg')), transferReason: '属于市场监管局职责' });
      assert.equal(outside.statusCode, 403);
      assert.match(outside.body, /只能转办给您所在机构管辖范围内的机构/);
      assert.deepEqual(await snapshot(), before);
      // Another organization's case is not even found.
      const zjj = await pool.as('zjj.editor');
      assert.equal((await zjj.post(`/admin/referrals/${r.id}/transfer`, { toOrgId: String(org.get('zjj')), transferReason: '试试' })).statusCode, 404);
      // Bad input: same organization, no reason, markup, no organization.
      await office.get(`/admin/referrals/${r.id}`);
      const same = await office.post(`/admin/referrals/${r.id}/transfer`, { toOrgId: String(org.get('qingshi')), transferReason: '重复' });
      assert.equal(same.statusCode, 422);
      assert.match(same.body, /不能转办给本机构/);
      const noReason = await office.post(`/admin/referrals/${r.id}/transfer`, { toOrgId: String(org.get('dongshan')), transferReason: '  ' });
      assert.equal(noReason.statusCode, 422);
      assert.match(noReason.body, /请填写转办理由/);
      const markup = await office.post(`/admin/referrals/${r.id}/transfer`, { toOrgId: String(org.get('dongshan')), transferReason: '<b>x</b>' });
      assert.equal(markup.statusCode, 422);
      assert.match(markup.body, /尖括号/);
      const noOrg = await office.post(`/admin/referrals/${r.id}/transfer`, { toOrgId: 'abc', transferReason: '理由' });
      assert.equal(noOrg.statusCode, 422);
      assert.match(noOrg.body, /请选择转办的机构/);
      assert.deepEqual(await snapshot(), before);
      // A closed case is not transferred.
      const staff = await t.db.selectFrom('staff').select('id').where('username', '=', 'dongshan.office').executeTakeFirstOrThrow();
      const roles = await t.db.selectFrom('staff_roles').select(['org_id as orgId', 'role']).where('staff_id', '=', staff.id).execute();
      await applyReferralAction({ ...ctx, actor: { id: staff.id, label: '东山县政务公开办', ip: null } }, { id: staff.id, username: 'dongshan.office', displayName: '东山县政务公开办', roles }, r.id, { action: 'close', reason: '已电话答复' });
      const closed = await snapshot();
      const refused = await office.post(`/admin/referrals/${r.id}/transfer`, { toOrgId: String(org.get('dongshan')), transferReason: '转县里' });
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /已答复或已办结的事项不能转办/);
      assert.deepEqual(await snapshot(), closed);
    });

    test('满意度: after the answer, once, by the asker only; staff see it in the list', async () => {
      const s = askerSession;
      const early = await s.post(`/ask/referrals/${encodeURIComponent(trackingNo)}/rating`, { rating: 'satisfied', comment: '' });
      assert.equal(early.statusCode, 422);
      assert.match(early.body, /部门答复后才能评价/);
      const scjg = await pool.as('scjg.editor');
      await scjg.get(`/admin/referrals/${referralId}`);
      assert.equal((await scjg.post(`/admin/referrals/${referralId}/answer`, { answerHtml: '<p>请到市政务服务中心市场监管窗口申请食品经营许可证。</p>' })).statusCode, 303);

      const page = await s.get(`/ask/referrals/${encodeURIComponent(trackingNo)}`);
      assert.match(page.body, /对答复是否满意？/);
      assert.match(page.body, /江宁市市场监督管理局已答复/);
      const bogus = await s.post(`/ask/referrals/${encodeURIComponent(trackingNo)}/rating`, { rating: 'great', comment: '' });
      assert.equal(bogus.statusCode, 422);
      assert.match(bogus.body, /请选择满意、基本满意或不满意/);
      assert.equal(await count(t, 'case_ratings'), 0);
      // Someone without the access code (no cookie, no account) is sent to the tracker form, and nothing is written.
      const stranger = new TestSession(t.app);
      await stranger.get('/ask/track');
      assert.equal((await stranger.post(`/ask/referrals/${encodeURIComponent(trackingNo)}/rating`, { rating: 'unsatisfied', comment: '' })).headers.location, '/ask/track');
      assert.equal(await count(t, 'case_ratings'), 0);

      await s.get(`/ask/referrals/${encodeURIComponent(trackingNo)}`);
      const rated = await s.post(`/ask/referrals/${encodeURIComponent(trackingNo)}/rating`, { rating: 'satisfied', comment: '转办后很快就答复了' });
      assert.equal(rated.statusCode, 303);
      const again = await s.post(`/ask/referrals/${encodeURIComponent(trackingNo)}/rating`, { rating: 'unsatisfied', comment: '' });
      assert.equal(again.statusCode, 422);
      assert.match(again.body, /您已经评价过了/);
      const rows = await t.db.selectFrom('case_ratings').selectAll().execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.rating, 'satisfied');
      assert.equal(rows[0]!.org_id, org.get('scjg'));
      assert.match((await s.get(`/ask/referrals/${encodeURIComponent(trackingNo)}`)).body, /您的评价[\s\S]*满意：转办后很快就答复了/);
      const list = await scjg.get('/admin/referrals?view=answered');
      assert.match(list.body, new RegExp(`${trackingNo}[\\s\\S]*?<span title="转办后很快就答复了">满意</span>`));
      assert.equal((await t.db.selectFrom('audit_events').select('action').where('action', '=', 'referral.rate').execute()).length, 1);
    });

    test('这个回答有帮助吗？ stored once per vote with the question masked and the sources; refused input writes nothing; staff see the counts', async () => {
      const s = new TestSession(t.app);
      const page = await s.get(`/ask?q=${encodeURIComponent('买房能取公积金吗')}`);
      assert.match(page.body, /这个回答有帮助吗？/);
      const before = await count(t, 'answer_feedback');
      const vote = await s.post('/ask/feedback', { q: '我的手机13912345678，买房能取公积金吗', helpful: '0', sources: 'qa:1,document:2', confident: '1' });
      assert.equal(vote.statusCode, 303);
      assert.match(String(vote.headers.location), /feedback=1/);
      const row = await t.db.selectFrom('answer_feedback').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.doesNotMatch(row.question, /13912345678/);
      assert.match(row.question, /买房能取公积金吗/);
      assert.equal(row.helpful, false);
      assert.deepEqual(row.source_ids, ['qa:1', 'document:2']);
      assert.doesNotMatch(String(vote.headers.location), /13912345678/);
      assert.match((await s.get(String(vote.headers.location))).body, /谢谢您的反馈/);
      for (const bad of [{ helpful: 'x', sources: '' }, { helpful: '1', sources: '<script>' }]) {
        const r = await s.post('/ask/feedback', { q: '公积金', confident: '0', ...bad });
        assert.equal(r.statusCode, 400);
        assert.match(r.body, /请选择“有帮助”或“没帮助”|引用来源不正确/);
      }
      const forged = await s.post('/ask/feedback', { _csrf: 'forged', q: '公积金', helpful: '1', sources: '', confident: '0' });
      assert.equal(forged.statusCode, 403);
      assert.equal(await count(t, 'answer_feedback'), before + 1);
      const admin = await pool.as('admin');
      const counts = await admin.get('/admin/ask/questions');
      assert.match(counts.body, /回答评价/);
      assert.match(counts.body, /近 30 天<\/th><td>0<\/td><td>1<\/td>/);
    });

    test('a signed-in asker finds the transfer and then the answer in the personal center’s inbox', async () => {
      const now = t.clock.now();
      const acc = await t.db.insertInto('accounts').values({ email_sealed: t.app.sealer.seal('me2@example.com'), email_key: 'test-key-me2', email_masked: 'm***@example.com', password_hash: 'x', email_verified_at: now, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
      const actor = async (username: string) => {
        const st = await t.db.selectFrom('staff').select(['id', 'display_name']).where('username', '=', username).executeTakeFirstOrThrow();
        const roles = await t.db.selectFrom('staff_roles').select(['org_id as orgId', 'role']).where('staff_id', '=', st.id).execute();
        return { ctx: { db: t.db, clock: t.clock, sealer: t.app.sealer, actor: { id: st.id, label: st.display_name, ip: null } } as ReferralContext, actor: { id: st.id, username, displayName: st.display_name, roles } };
      };
      const pub: ReferralContext = { db: t.db, clock: t.clock, sealer: t.app.sealer, actor: { id: null, label: '公众账号', ip: null } };
      const r = await submitReferral(pub, { question: '开奶茶店要办什么证', orgId: org.get('fgw')!, email: null, name: null, accountId: acc.id, suggestions: [] });
      const gkb = await actor('gkb');
      await transferReferral(gkb.ctx, gkb.actor, r.id, { toOrgId: org.get('scjg')!, reason: '属于市场监管局职责' });
      const scjg = await actor('scjg.editor');
      await applyReferralAction(scjg.ctx, scjg.actor, r.id, { action: 'answer', answerHtml: '<p>请申请食品经营许可证。</p>' });
      const inbox = await t.db.selectFrom('inbox_items').select(['item_type', 'title']).where('account_id', '=', acc.id).orderBy('id').execute();
      assert.deepEqual(inbox.map((i) => i.item_type), ['referral_transfer', 'referral']);
      assert.match(inbox[0]!.title, /已转交江宁市市场监督管理局办理/);
      assert.match(inbox[1]!.title, /已答复/);
    });
  });
}
