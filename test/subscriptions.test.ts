import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { createSubscription } from '../src/modules/subscriptions/commands/subscribe.js';
import { SimulatedCrash } from '../src/modules/subscriptions/fanout.js';
import { signLink } from '../src/modules/subscriptions/domain/tokens.js';
import { notePublication } from '../src/modules/subscriptions/publication.js';
import { sealerFor } from '../src/platform/crypto/sealer.js';
import { runDueJobs } from '../src/platform/jobs/runner.js';
import { sendDueMail } from '../src/platform/mail/sender.js';
import type { MailMessage } from '../src/platform/mail/smtp.js';
import type { SubscriptionKind } from '../src/db/schema-subscriptions.js';
import { buildTestApp, testDatabaseKinds, type TestApp } from './helpers/test-app.js';
import { TestSession } from './helpers/session.js';
import { fanout, jobHandlers, makeAccount, publishDocument, TEST_PASSWORD } from './helpers/subscriptions.js';

const actor = { id: null, label: '测试' };
let seq = 0;

for (const kind of testDatabaseKinds()) {
  describe(`subscriptions on ${kind}`, () => {
    let t: TestApp;
    let topicId: number;
    let fgw: number;
    before(async () => {
      t = await buildTestApp(kind);
      topicId = (await t.db.selectFrom('topics').select('id').where('name', '=', '工业').executeTakeFirstOrThrow()).id;
      fgw = (await t.db.selectFrom('organizations').select('id').where('slug', '=', 'fgw').executeTakeFirstOrThrow()).id;
    });
    after(() => t.close());
    beforeEach(() => t.clock.set(new Date(t.clock.now().getTime() + 3600_000)));

    async function subscriber(kind: SubscriptionKind, target: string, email = true, opts: Parameters<typeof makeAccount>[2] = {}) {
      const id = await makeAccount(t, `s${++seq}@example.com`, opts);
      await createSubscription({ db: t.db, clock: t.clock, actor }, id, { kind, target, email });
      return id;
    }
    const inboxOf = (accountId: number, itemId: number) => t.db.selectFrom('inbox_items').selectAll().where('account_id', '=', accountId).where('item_id', '=', itemId).where('item_type', '=', 'document').execute();
    const mailsOf = (accountId: number) => t.db.selectFrom('mail_outbox').selectAll().where('account_id', '=', accountId).where('kind', '=', 'subscription').execute();

    test('each kind matches its publication and not another; unverified and disabled accounts get nothing', async () => {
      const parentTopic = (await t.db.selectFrom('topics').select('parent_id').where('id', '=', topicId).executeTakeFirstOrThrow()).parent_id!;
      const byTopic = await subscriber('topic', String(topicId));
      const byParentTopic = await subscriber('topic', String(parentTopic));
      const byAudience = await subscriber('audience', '中小微企业');
      const byOrg = await subscriber('org', String(fgw));
      const byDocType = await subscriber('doc_type', '行政规范性文件');
      const byKeyword = await subscriber('keyword', '专精特新');
      const unverified = await subscriber('keyword', '专精特新', true, { verified: false });
      const disabled = await subscriber('keyword', '专精特新', true, { disabled: true });
      const mobileOnly = await subscriber('keyword', '专精特新', true, { verified: false, mobileVerified: true });
      const others = [
        await subscriber('topic', String((await t.db.selectFrom('topics').select('id').where('name', '=', '教育').executeTakeFirstOrThrow()).id)),
        await subscriber('audience', '老年人'),
        await subscriber('org', String((await t.db.selectFrom('organizations').select('id').where('slug', '=', 'czj').executeTakeFirstOrThrow()).id)),
        await subscriber('doc_type', '规章'),
        await subscriber('keyword', '住房公积金'),
      ];
      const doc = await publishDocument(t, { org: 'fgw', title: '江宁市支持专精特新企业发展的若干措施', body: '对新认定的专精特新中小企业给予奖励。', topic: '工业', audiences: ['中小微企业'], docType: '行政规范性文件', docNo: '宁发改规〔2026〕31号' });
      const r = await fanout(t, 'document', doc);
      assert.equal(r.state, 'done');
      for (const id of [byTopic, byParentTopic, byAudience, byOrg, byDocType, byKeyword, mobileOnly]) assert.equal((await inboxOf(id, doc)).length, 1, `account ${id}`);
      assert.equal((await mailsOf(mobileOnly)).length, 0, 'an e-mail address its owner never confirmed is not mailed (the account was verified by mobile)');
      for (const id of [unverified, disabled, ...others]) assert.equal((await inboxOf(id, doc)).length, 0, `account ${id}`);
      // Exactly these, and the demo account (subscribed to 中小微企业).
      const demo = (await t.db.selectFrom('accounts').select('id').where('email_masked', '=', 'd***@example.com').executeTakeFirstOrThrow()).id;
      const got = (await t.db.selectFrom('inbox_items').select('account_id').where('item_type', '=', 'document').where('item_id', '=', doc).execute()).map((x) => x.account_id).sort((a, b) => a - b);
      assert.deepEqual(got, [byTopic, byParentTopic, byAudience, byOrg, byDocType, byKeyword, mobileOnly, demo].sort((a, b) => a - b));
      assert.equal(r.matched, 8);
      const [mail] = await mailsOf(byKeyword);
      assert.equal(mail!.dedupe_key, `pub:document:${doc}:${byKeyword}`);
      assert.match(mail!.body_text, /关键词：“专精特新”/);
      assert.match(mail!.body_text, /https:\/\/gk\.example\.gov\.cn\/subscriptions\/unsubscribe\?token=\d+\.[\w-]{32}/);
      // A keyword in the body only matches too; the item's page is the inbox link.
      const [item] = await inboxOf(byKeyword, doc);
      assert.equal(item!.url, `/documents/${doc}`);
    });

    test('no duplicates: two matching subscriptions and the job run twice give one inbox row and one mail', async () => {
      const id = await makeAccount(t, `dup${++seq}@example.com`);
      await createSubscription({ db: t.db, clock: t.clock, actor }, id, { kind: 'keyword', target: '数字经济', email: true });
      await createSubscription({ db: t.db, clock: t.clock, actor }, id, { kind: 'org', target: String(fgw), email: true });
      const doc = await publishDocument(t, { org: 'fgw', title: '江宁市数字经济发展三年行动计划', body: '发展数字经济。' });
      // Publication queued the job; the job loop runs it (twice: the second finds it done).
      const handlers = jobHandlers(t);
      await runDueJobs(t.db, t.clock, handlers);
      await t.db.transaction().execute((trx) => notePublication(trx, t.clock.now(), { type: 'document', id: doc }));
      await fanout(t, 'document', doc);
      assert.equal((await inboxOf(id, doc)).length, 1);
      assert.equal((await mailsOf(id)).filter((m) => m.dedupe_key?.includes(`:${doc}:`)).length, 1);
      // The first job: the one publication queued (noting it again queues another).
      const job = await t.db.selectFrom('jobs').select(['done_at', 'last_error']).where('name', '=', 'subscription-fanout').where('payload', '@>', JSON.stringify({ type: 'document', id: doc }) as never).orderBy('id').executeTakeFirstOrThrow();
      assert.ok(job.done_at, String(job.last_error));
      assert.equal(job.last_error, null);
    });

    test('a crash after the first batch resumes where it stopped, and nobody gets anything twice', async () => {
      const ids: number[] = [];
      for (let i = 0; i < 7; i++) ids.push(await subscriber('keyword', '冷链物流'));
      const doc = await publishDocument(t, { org: 'zjj', title: '关于加快冷链物流设施建设的通知', body: '冷链物流。' });
      await assert.rejects(fanout(t, 'document', doc, { batchSize: 3, stopAfterBatches: 1 }), SimulatedCrash);
      const mid = await t.db.selectFrom('subscription_fanouts').selectAll().where('item_id', '=', doc).where('item_type', '=', 'document').executeTakeFirstOrThrow();
      assert.equal(mid.state, 'delivering');
      assert.equal(mid.batches, 1);
      assert.equal(mid.delivered, 3);
      // The crash happened after the cursor moved: simulate also losing the cursor of the next batch by redoing one.
      await t.db.updateTable('subscription_fanouts').set({ cursor_account_id: ids[1]! }).where('item_id', '=', doc).where('item_type', '=', 'document').execute();
      const r = await fanout(t, 'document', doc, { batchSize: 3 });
      assert.equal(r.state, 'done');
      assert.equal(r.matched, 7);
      for (const id of ids) {
        assert.equal((await inboxOf(id, doc)).length, 1);
        assert.equal((await mailsOf(id)).filter((m) => m.dedupe_key === `pub:document:${doc}:${id}`).length, 1);
      }
      assert.equal(r.delivered, 7, 'a repeated batch counts only what it delivered');
      assert.equal(Number((await t.db.selectFrom('subscription_fanout_targets').select((eb) => eb.fn.countAll<number>().as('n')).where('item_id', '=', doc).executeTakeFirstOrThrow()).n), 0);
    });

    test('an interpretation matches by the documents it explains and by its own words', async () => {
      const interp = await t.db.selectFrom('interpretations').select(['id', 'org_id', 'title']).where('status', '=', 'published').executeTakeFirstOrThrow();
      const doc = await t.db
        .selectFrom('interpretation_documents as l')
        .innerJoin('documents as d', 'd.id', 'l.document_id')
        .select(['d.doc_type', 'd.audiences'])
        .where('l.interpretation_id', '=', interp.id)
        .executeTakeFirstOrThrow();
      // The job loop of an earlier test may have run its fan-out already: publish it afresh.
      await t.db.deleteFrom('subscription_fanouts').where('item_type', '=', 'interpretation').where('item_id', '=', interp.id).execute();
      const byDocType = await subscriber('doc_type', doc.doc_type);
      const byKeyword = await subscriber('keyword', interp.title.includes('信息公开') ? '信息公开' : '江宁');
      const byOtherType = await subscriber('doc_type', doc.doc_type === '规章' ? '其他文件' : '规章');
      const r = await fanout(t, 'interpretation', interp.id);
      assert.equal(r.state, 'done');
      const got = async (id: number) => (await t.db.selectFrom('inbox_items').select('url').where('account_id', '=', id).where('item_type', '=', 'interpretation').execute()).map((x) => x.url);
      assert.deepEqual(await got(byDocType), [`/interpretations/${interp.id}`]);
      assert.deepEqual(await got(byKeyword), [`/interpretations/${interp.id}`]);
      assert.deepEqual(await got(byOtherType), []);
    });

    test('an item withdrawn before the job runs is delivered to nobody', async () => {
      const id = await subscriber('keyword', '撤回测试');
      const doc = await publishDocument(t, { org: 'fgw', title: '撤回测试文件', body: '撤回测试。' });
      await t.db.updateTable('documents').set({ status: 'withdrawn', withdrawal_kind: 'notice', withdrawal_reason: '测试' }).where('id', '=', doc).execute();
      const r = await fanout(t, 'document', doc);
      assert.equal(r.state, 'skipped');
      assert.equal((await inboxOf(id, doc)).length, 0);
    });

    test('one-click unsubscribe: GET asks, POST removes; a forged or altered link is a 4xx and changes nothing', async () => {
      const accountId = await makeAccount(t, `unsub${++seq}@example.com`);
      const subId = await createSubscription({ db: t.db, clock: t.clock, actor }, accountId, { kind: 'audience', target: '农民', email: true });
      const token = signLink(sealerFor(t.config), 'unsubscribe', subId);
      const s = new TestSession(t.app);
      for (const bad of [`${subId}.${'A'.repeat(32)}`, `${subId + 1}.${token.split('.')[1]}`, token.slice(0, -1), 'x', `${token}x`]) {
        const g = await s.get(`/subscriptions/unsubscribe?token=${encodeURIComponent(bad)}`);
        assert.equal(g.statusCode, 400, bad);
        assert.match(g.body, /退订链接无效/);
      }
      const page = await s.get(`/subscriptions/unsubscribe?token=${token}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /服务对象：农民/);
      const forged = await s.post('/subscriptions/unsubscribe', { token: `${subId}.${'B'.repeat(32)}` });
      assert.equal(forged.statusCode, 400);
      assert.ok(await t.db.selectFrom('subscriptions').select('id').where('id', '=', subId).executeTakeFirst(), 'still there');
      const done = await s.post('/subscriptions/unsubscribe', { token });
      assert.equal(done.statusCode, 200);
      assert.match(done.body, /已退订/);
      assert.equal(await t.db.selectFrom('subscriptions').select('id').where('id', '=', subId).executeTakeFirst(), undefined);
      assert.match((await s.post('/subscriptions/unsubscribe', { token })).body, /已经退订过/);
      const audit = await t.db.selectFrom('audit_events').select(['after']).where('action', '=', 'subscription.delete').where('entity_id', '=', String(subId)).executeTakeFirstOrThrow();
      assert.deepEqual(audit.after, { via: 'link' });
    });

    test('the personal center adds, lists and removes subscriptions; bad input writes nothing', async () => {
      await makeAccount(t, 'center@example.com');
      const s = new TestSession(t.app);
      await s.get('/account/login');
      assert.equal((await s.post('/account/login', { email: 'center@example.com', password: TEST_PASSWORD })).statusCode, 303);
      const prefilled = await s.get(`/account/subscriptions/new?kind=topic&target=${topicId}`);
      assert.match(prefilled.body, new RegExp(`<option value="${topicId}" selected>`));
      assert.equal((await s.post('/account/subscriptions', { kind: 'topic', target: String(topicId), email: '1' })).statusCode, 303);
      assert.equal((await s.post('/account/subscriptions', { kind: 'topic', target: String(topicId), email: '1' })).statusCode, 422, 'the same twice');
      const bad = await s.post('/account/subscriptions', { kind: 'keyword', target: '！！！' });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /没有可检索的文字/);
      assert.equal((await s.post('/account/subscriptions', { kind: 'planet', target: 'x' })).statusCode, 400);
      const list = await s.get('/account/subscriptions');
      assert.match(list.body, /主题分类：　?工业|主题分类：工业/);
      const feedPath = /href="(\/subscriptions\/\d+\/feed\.xml\?token=[^"]+)"/.exec(list.body)![1]!;
      const feed = await t.app.inject({ method: 'GET', url: feedPath.replace(/&amp;/g, '&') });
      assert.equal(feed.statusCode, 200);
      assert.match(String(feed.headers['content-type']), /rss\+xml/);
      assert.match(feed.body, /专精特新/, 'the 工业 document of the first test');
      const wrong = await t.app.inject({ method: 'GET', url: feedPath.replace(/token=\d+\./, 'token=999.') });
      assert.equal(wrong.statusCode, 403);
      const other = await t.app.inject({ method: 'GET', url: feedPath.replace(/feed\.xml\?token=.*/, 'feed.xml?token=bad') });
      assert.equal(other.statusCode, 403);
      const subId = Number(/\/subscriptions\/(\d+)\/feed/.exec(feedPath)![1]);
      assert.equal((await s.post(`/account/subscriptions/${subId}/email`, { email: '0' })).statusCode, 303);
      assert.equal((await t.db.selectFrom('subscriptions').select('email').where('id', '=', subId).executeTakeFirstOrThrow()).email, false);
      assert.equal((await s.post(`/account/subscriptions/${subId}/delete`, {})).statusCode, 303);
      assert.equal(await t.db.selectFrom('subscriptions').select('id').where('id', '=', subId).executeTakeFirst(), undefined);
    });

    test('the inbox shows deliveries newest first, unread marked, and marks them read', async () => {
      const s = new TestSession(t.app);
      await s.get('/account/login');
      assert.equal((await s.post('/account/login', { email: 'demo@example.com', password: 'Gongkai@2026' })).statusCode, 303);
      const inbox = await s.get('/account');
      assert.match(inbox.body, /未读/);
      const first = /action="\/account\/inbox\/(\d+)\/read"/.exec(inbox.body)![1];
      await s.post(`/account/inbox/${first}/read`, {});
      assert.ok((await t.db.selectFrom('inbox_items').select('read_at').where('id', '=', Number(first)).executeTakeFirstOrThrow()).read_at);
      await s.post('/account/inbox/read-all', {});
      assert.doesNotMatch((await s.get('/account')).body, /<span class="badge">未读/);
    });

    test('the mail sender sends over a transport, marks sent, and retries failures with backoff', async () => {
      const sent: MailMessage[] = [];
      let fail = true;
      const transport = { async send(m: MailMessage) { if (fail) throw new Error('connection refused'); sent.push(m); } };
      const sealer = sealerFor(t.config);
      // Without SMTP, nothing moves.
      assert.deepEqual(await sendDueMail(t.db, t.clock, sealer, null, 'x@y'), { sent: 0, failed: 0, gaveUp: 0 });
      const first = await sendDueMail(t.db, t.clock, sealer, transport, 'noreply@gk.example.gov.cn', 5);
      assert.equal(first.failed, 5);
      const row = await t.db.selectFrom('mail_outbox').select(['attempts', 'last_error', 'next_attempt_at']).where('attempts', '>', 0).executeTakeFirstOrThrow();
      assert.equal(row.last_error, 'connection refused');
      assert.equal(new Date(row.next_attempt_at!).getTime(), t.clock.now().getTime() + 60_000);
      fail = false;
      t.clock.set(new Date(t.clock.now().getTime() + 61_000));
      const second = await sendDueMail(t.db, t.clock, sealer, transport, 'noreply@gk.example.gov.cn', 500);
      assert.ok(second.sent >= 5);
      assert.ok(sent.some((m) => m.to === 'demo@example.com'), 'the address unsealed only to send');
      const sub = sent.find((m) => m.headers?.['List-Unsubscribe']);
      assert.ok(sub, 'subscription mails carry List-Unsubscribe');
    });
  });
}
