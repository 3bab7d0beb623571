import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { sql } from 'kysely';
import { applyRequestAction } from '../src/modules/requests/commands/request-action.js';
import { sendDueMail } from '../src/platform/mail/sender.js';
import { idCheckDigit } from '../src/platform/text-checks/validators.js';
import { TestSession } from './helpers/session.js';
import { makeAccount, TEST_PASSWORD } from './helpers/subscriptions.js';
import { buildTestApp, testDatabaseKinds, type TestApp } from './helpers/test-app.js';

/** People can come back (issue 11 §5): accounts by mobile number, the password rule, "my cases", the site-wide tracker. */

const ID17 = '11010519491231002';
const PASSPHRASE = 'huangshan maofeng 2026';
const count = async (t: TestApp, table: 'accounts' | 'requests') => Number((await t.db.selectFrom(table).select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

function application(orgId: number, subject: string): Record<string, string> {
  return {
    orgId: String(orgId), applicantKind: 'natural', name: '周敏', idType: 'id_card', idNumber: ID17 + idCheckDigit(ID17), legalRep: '', contactName: '',
    phone: '13912345678', email: '', address: '', postcode: '', subject, docNumber: '', description: `请提供${subject}。`, provideForm: 'electronic', deliveryMethod: 'online', action: 'submit',
  };
}

async function signedIn(t: TestApp, login: string, password = TEST_PASSWORD) {
  const s = new TestSession(t.app);
  await s.get('/account/login');
  const res = await s.post('/account/login', { login, password });
  assert.equal(res.statusCode, 303, res.body.slice(0, 300));
  return s;
}

for (const kind of testDatabaseKinds()) {
  describe(`people can come back on ${kind}`, () => {
    let t: TestApp;
    let city: number;
    before(async () => {
      t = await buildTestApp(kind);
      city = (await t.db.selectFrom('organizations').select('id').where('slug', '=', 'city').executeTakeFirstOrThrow()).id;
    });
    after(() => t.close());
    // Rate limits are per hour at most: each test starts in a new window.
    beforeEach(() => t.clock.set(new Date(t.clock.now().getTime() + 2 * 3600_000)));

    /** Applies for disclosure in this session and returns the receipt's number and code. */
    async function apply(s: TestSession, subject: string) {
      await s.get('/apply');
      const res = await s.postMultipart('/apply', application(city, subject));
      assert.equal(res.statusCode, 303, res.body.slice(0, 500));
      const receipt = await s.get('/apply/receipt');
      return { no: /id="tracking-no">([^<]+)</.exec(receipt.body)![1]!, code: /id="access-code">([^<]+)</.exec(receipt.body)![1]! };
    }

    /** Sends a question to a department (转人工) in this session and returns the receipt's number and code. */
    async function refer(s: TestSession, question: string) {
      await s.get('/ask');
      const res = await s.post('/ask/referrals', { question, orgId: String(city), email: '', name: '' });
      assert.equal(res.statusCode, 303, res.body.slice(0, 500));
      const receipt = await s.get('/ask/referrals/receipt');
      return { no: /name="trackingNo" value="([^"]+)"/.exec(receipt.body)![1]!, code: /name="accessCode" value="([^"]+)"/.exec(receipt.body)![1]! };
    }

    test('registration by mobile number: the code goes to the outbox as an SMS, the number is verified with it, then signs in', async () => {
      const s = new TestSession(t.app);
      const form = await s.get('/account/register');
      assert.match(form.body, /手机号码/);
      const bad = await s.post('/account/register', { mobile: '1381234567', email: '', password: PASSPHRASE, password2: PASSPHRASE, kind: 'person', agree: '1' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /中国大陆 11 位手机号码/);
      const res = await s.post('/account/register', { mobile: '+86 138-1234-5678', email: '', password: PASSPHRASE, password2: PASSPHRASE, kind: 'person', agree: '1' });
      assert.equal(res.statusCode, 200, res.body.slice(0, 500));
      assert.match(res.body, /138\*\*\*\*5678/);
      const sms = await t.db.selectFrom('mail_outbox').selectAll().where('kind', '=', 'account_verify_mobile').orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.equal(sms.channel, 'sms');
      assert.equal(sms.to_masked, '138****5678');
      const code = /验证码：(\d{6})/.exec(sms.body_text)![1]!;

      const early = new TestSession(t.app);
      await early.get('/account/login');
      const refused = await early.post('/account/login', { login: '13812345678', password: PASSPHRASE });
      assert.equal(refused.statusCode, 403);
      assert.match(refused.body, /手机号码尚未验证/);

      const wrong = await s.post('/account/verify-mobile', { mobile: '13812345678', code: code === '000000' ? '111111' : '000000' });
      assert.equal(wrong.statusCode, 422);
      assert.match(wrong.body, /验证码不正确/);
      const ok = await s.post('/account/verify-mobile', { mobile: '13812345678', code });
      assert.equal(ok.statusCode, 200);
      assert.match(ok.body, /手机号码已验证/);
      assert.equal((await s.post('/account/verify-mobile', { mobile: '13812345678', code })).statusCode, 422, 'a code is spent once');

      const me = await signedIn(t, '138 1234 5678', PASSPHRASE);
      assert.match((await me.get('/account')).body, /138\*\*\*\*5678/);

      // No SMS sender ships: the mail job never takes a text message, whatever SMTP does.
      const sent: string[] = [];
      await sendDueMail(t.db, t.clock, t.app.sealer, { send: async (m) => void sent.push(m.to) }, 'noreply@example.com');
      assert.ok(!sent.includes('13812345678'));
      assert.equal((await t.db.selectFrom('mail_outbox').select('sent_at').where('id', '=', sms.id).executeTakeFirstOrThrow()).sent_at, null);
      const dump = await sql<{ t: string }>`select (select string_agg(a::text, ' ') from accounts a) || (select string_agg(m::text, ' ') from mail_outbox m) || (select string_agg(e::text, ' ') from audit_events e) as t`.execute(t.db);
      assert.ok(!dump.rows[0]!.t.includes('13812345678'), 'the number is sealed everywhere');
    });

    test('a common or breached password is refused in Chinese and no account is made; the form states the rule', async () => {
      const s = new TestSession(t.app);
      const form = await s.get('/account/register');
      assert.match(form.body, /至少 10 个字符/);
      assert.match(form.body, /不要求大小写字母、数字或符号的组合/);
      assert.match(form.body, /已泄露的密码/);
      const before = await count(t, 'accounts');
      for (const [password, message] of [['password1234', /常见密码、已泄露的密码/], ['qwertyuiop123', /常见密码、已泄露的密码/], ['Password2026!', /常见密码、已泄露的密码/]] as const) {
        const res = await s.post('/account/register', { email: 'li.lei@example.com', mobile: '', password, password2: password, kind: 'person', agree: '1' });
        assert.equal(res.statusCode, 422, password);
        assert.match(res.body, message, password);
        assert.match(res.body, /value="li.lei@example.com"/);
      }
      const own = await s.post('/account/register', { email: '', mobile: '13700001111', password: 'x13700001111y', password2: 'x13700001111y', kind: 'person', agree: '1' });
      assert.equal(own.statusCode, 422);
      assert.match(own.body, /不能包含您的手机号码/);
      assert.equal(await count(t, 'accounts'), before);
      // Length over complexity: a long lower-case passphrase is welcome, and so are 64+ characters.
      const long = 'wo jia zhu zai jiang ning shi dong shan xian, men qian you yi ke lao huai shu';
      const ok = await s.post('/account/register', { email: 'li.lei@example.com', mobile: '', password: long, password2: long, kind: 'person', agree: '1' });
      assert.equal(ok.statusCode, 200, ok.body.slice(0, 500));
      assert.equal(await count(t, 'accounts'), before + 1);
    });

    test('the personal center lists the person\'s own applications and referrals with status and deadline; only the owner opens them without the code', async () => {
      await makeAccount(t, 'zhou.min@example.com');
      await makeAccount(t, 'wu.gang@example.com');
      const zhou = await signedIn(t, 'zhou.min@example.com');
      const request = await apply(zhou, '江宁大道拓宽工程的环评批复');
      t.clock.set(new Date(t.clock.now().getTime() + 60_000));
      const referral = await refer(zhou, '外地户口的孩子在本市上小学要准备哪些材料？');
      const anonymous = await apply(new TestSession(t.app), '别人的申请：公交线路调整方案');

      const center = await zhou.get('/account');
      assert.equal(center.statusCode, 200);
      assert.match(String(center.headers['cache-control']), /no-store/);
      assert.ok(center.body.includes(request.no) && center.body.includes(referral.no), 'both cases are listed');
      assert.ok(center.body.indexOf(referral.no) < center.body.indexOf(request.no), 'newest first');
      assert.match(center.body, /江宁大道拓宽工程的环评批复/);
      assert.match(center.body, /待登记/);
      assert.match(center.body, /待受理机关登记/);
      assert.match(center.body, /待办理/);
      assert.match(center.body, /剩 \d+ 个工作日/);
      assert.ok(!center.body.includes(anonymous.no), 'nobody else\'s case');
      assert.equal((await t.db.selectFrom('requests').select('account_id').where('tracking_no', '=', anonymous.no).executeTakeFirstOrThrow()).account_id, null);

      // Registered, its clock runs; weeks later with no reply it is overdue.
      const handler = await t.db.selectFrom('staff').select(['id']).where('username', '=', 'city.handler').executeTakeFirstOrThrow();
      const id = (await t.db.selectFrom('requests').select('id').where('tracking_no', '=', request.no).executeTakeFirstOrThrow()).id;
      await applyRequestAction({ db: t.db, clock: t.clock, actor: { id: handler.id, label: 'city.handler', ip: null }, sealer: t.app.sealer, storage: t.app.deps.storage, maxUploadBytes: t.config.maxUploadBytes }, id, ['handler'], { action: 'register' });
      const running = (await zhou.get('/account/cases')).body;
      assert.match(running, /办理中/);
      assert.match(running, /剩 20 个工作日/);
      t.clock.set(new Date(t.clock.now().getTime() + 45 * 24 * 3600_000));
      const late = await signedIn(t, 'zhou.min@example.com');
      assert.match((await late.get('/account/cases')).body, /已逾期/);

      // The owner opens the case without the access code; another account and an anonymous visitor are sent to the tracking form.
      const own = await late.get(`/requests/${request.no}`);
      assert.equal(own.statusCode, 200);
      assert.match(own.body, /江宁大道拓宽工程的环评批复/);
      assert.equal((await late.get(`/ask/referrals/${referral.no}`)).statusCode, 200);
      const wu = await signedIn(t, 'wu.gang@example.com');
      assert.ok(!(await wu.get('/account')).body.includes(request.no));
      for (const url of [`/requests/${request.no}`, `/ask/referrals/${referral.no}`]) {
        const other = await wu.get(url);
        assert.equal(other.statusCode, 303, `${url}: another person's case answers as an unknown number does`);
        assert.doesNotMatch(other.body, /江宁大道拓宽工程|外地户口/);
        const nobody = await t.app.inject({ method: 'GET', url });
        assert.equal(nobody.statusCode, 303, url);
        assert.doesNotMatch(nobody.body, /江宁大道拓宽工程|外地户口/);
      }
    });

    test('the tracker takes any number the platform issued and routes it to its page; a wrong code and an unknown number are refused', async () => {
      const applicant = new TestSession(t.app);
      const request = await apply(applicant, '老旧小区加装电梯补贴名单');
      const referral = await refer(applicant, '个体工商户怎么申请创业担保贷款？');

      const s = new TestSession(t.app);
      const page = await s.get('/track');
      assert.match(page.body, /依申请公开（如 CITY-2026-00001）/);
      assert.match(page.body, /政策咨询（如 ZX-FGW-2026-00001）/);
      const toRequest = await s.post('/track', { trackingNo: ` ${request.no.toLowerCase()} `, accessCode: request.code.toLowerCase() });
      assert.equal(toRequest.statusCode, 303);
      assert.equal(toRequest.headers.location, `/requests/${request.no}`);
      assert.match((await s.get(String(toRequest.headers.location))).body, /老旧小区加装电梯补贴名单/);
      const toReferral = await s.post('/track', { trackingNo: referral.no, accessCode: referral.code });
      assert.equal(toReferral.statusCode, 303);
      assert.equal(toReferral.headers.location, `/ask/referrals/${referral.no}`);
      assert.match((await s.get(String(toReferral.headers.location))).body, /创业担保贷款/);

      const stranger = new TestSession(t.app);
      await stranger.get('/track');
      const wrong = await stranger.post('/track', { trackingNo: request.no, accessCode: 'ZZZZZZZZ' });
      assert.equal(wrong.statusCode, 404);
      assert.match(wrong.body, /编号或查询码不正确/);
      const swapped = await stranger.post('/track', { trackingNo: referral.no, accessCode: request.code });
      assert.equal(swapped.statusCode, 404);
      const unknown = await stranger.post('/track', { trackingNo: '我的申请', accessCode: 'ABCDEFGH' });
      assert.equal(unknown.statusCode, 404);
      assert.match(unknown.body, /不是本站发出的编号/);
      assert.equal((await stranger.get(`/requests/${request.no}`)).statusCode, 303, 'a refused code opens nothing');
      let last = 0;
      for (let i = 0; i < 25 && last !== 429; i++) last = (await stranger.post('/track', { trackingNo: request.no, accessCode: 'ZZZZZZZZ' })).statusCode;
      assert.equal(last, 429, 'rate limited like the channels\' own tracking');
    });
  });
}
