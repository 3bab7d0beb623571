import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { sql } from 'kysely';
import { buildTestApp, testDatabaseKinds, type TestApp } from './helpers/test-app.js';
import { TestSession } from './helpers/session.js';
import { makeAccount, publishDocument, TEST_PASSWORD } from './helpers/subscriptions.js';

const PASSWORD = 'Zhang#Wei2026';
const linkIn = (body: string, path: string) => new RegExp(`https?://[^\\s]+${path.replace('?', '\\?')}[^\\s]+`).exec(body)?.[0] ?? null;
const pathOf = (url: string) => { const u = new URL(url); return u.pathname + u.search; };

async function lastMail(t: TestApp, kind: string) {
  return t.db.selectFrom('mail_outbox').selectAll().where('kind', '=', kind).orderBy('id', 'desc').executeTakeFirstOrThrow();
}

async function signedIn(t: TestApp, email: string, password = TEST_PASSWORD) {
  const s = new TestSession(t.app);
  await s.get('/account/login');
  const res = await s.post('/account/login', { email, password });
  assert.equal(res.statusCode, 303, res.body.slice(0, 300));
  return s;
}

for (const kind of testDatabaseKinds()) {
  describe(`public accounts on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind, { env: { PUBLIC_URL: 'https://gk.example.gov.cn' } });
    });
    after(() => t.close());
    // Sign-ins and registrations stay under the rate limits: the clock moves an hour between tests.
    beforeEach(() => t.clock.set(new Date(t.clock.now().getTime() + 3600_000)));

    test('register → verification mail in the outbox → verify → sign in; unverified sign-in is refused', async () => {
      const s = new TestSession(t.app);
      await s.get('/account/register');
      const res = await s.post('/account/register', { email: 'Zhang.Wei@Example.com', password: PASSWORD, password2: PASSWORD, kind: 'person', agree: '1' });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /验证邮件/);
      const mail = await lastMail(t, 'account_verify');
      assert.equal(mail.to_masked, 'z***@example.com');
      const link = linkIn(mail.body_text, '/account/verify?token=');
      assert.ok(link?.startsWith('https://gk.example.gov.cn/account/verify?token='), mail.body_text);

      const early = new TestSession(t.app);
      await early.get('/account/login');
      const refused = await early.post('/account/login', { email: 'zhang.wei@example.com', password: PASSWORD });
      assert.equal(refused.statusCode, 403);
      assert.match(refused.body, /尚未验证/);
      assert.match(refused.body, /重新发送验证邮件/);
      assert.equal(refused.cookies.find((c) => c.name === 'gk_account'), undefined);

      const verified = await s.get(pathOf(link!));
      assert.equal(verified.statusCode, 200);
      assert.match(verified.body, /邮箱已验证/);
      assert.equal((await s.get(pathOf(link!))).statusCode, 400, 'a link is spent once');

      await s.get('/account/login');
      const ok = await s.post('/account/login', { email: 'zhang.wei@example.com', password: PASSWORD, next: '/account/profile' });
      assert.equal(ok.statusCode, 303);
      assert.equal(ok.headers.location, '/account/profile');
      const cookie = ok.cookies.find((c) => c.name === 'gk_account') as { httpOnly?: boolean; sameSite?: string } | undefined;
      assert.ok(cookie?.httpOnly);
      assert.equal(cookie?.sameSite, 'Lax');
      const center = await s.get('/account');
      assert.equal(center.statusCode, 200);
      assert.match(String(center.headers['cache-control']), /no-store/);
      assert.match(center.body, /z\*\*\*@example\.com/);

      // Registering the same address again answers the same and tells its owner by mail.
      const again = new TestSession(t.app);
      await again.get('/account/register');
      const dup = await again.post('/account/register', { email: 'zhang.wei@example.com', password: PASSWORD, password2: PASSWORD, kind: 'person', agree: '1' });
      assert.equal(dup.statusCode, 200);
      assert.equal((await lastMail(t, 'account_exists')).to_masked, 'z***@example.com');
      assert.equal(Number((await t.db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).where('email_masked', '=', 'z***@example.com').executeTakeFirstOrThrow()).n), 1);
    });

    test('bad input: a Chinese message, 4xx, the form with what was typed, nothing written', async () => {
      const before = await t.db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const s = new TestSession(t.app);
      await s.get('/account/register');
      const weak = await s.post('/account/register', { email: 'li@example.com', password: 'short', password2: 'short', kind: 'person', agree: '1' });
      assert.equal(weak.statusCode, 422);
      assert.match(weak.body, /密码至少 10 位/);
      assert.match(weak.body, /value="li@example.com"/);
      const bad = await s.post('/account/register', { email: 'not-an-address', password: PASSWORD, password2: 'other', kind: 'x', agree: '' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /电子邮箱格式不正确/);
      assert.match(bad.body, /两次输入的密码不一致|账号类型/);
      assert.doesNotMatch(bad.body, new RegExp(PASSWORD.replace(/[#]/g, '\\$&')), 'passwords never go back into the page');
      const noCsrf = await s.post('/account/register', { _csrf: 'forged', email: 'li@example.com', password: PASSWORD, password2: PASSWORD, kind: 'person', agree: '1' });
      assert.equal(noCsrf.statusCode, 403);
      const afterCount = await t.db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(afterCount.n), Number(before.n));
    });

    test('repeated wrong passwords lock the account; a reset link sets a new password and lifts the lock', async () => {
      await makeAccount(t, 'wang@example.com');
      const s = new TestSession(t.app);
      await s.get('/account/login');
      for (let i = 0; i < 5; i++) assert.equal((await s.post('/account/login', { email: 'wang@example.com', password: 'Wrong#pass123' })).statusCode, 401);
      const locked = await s.post('/account/login', { email: 'wang@example.com', password: TEST_PASSWORD });
      assert.equal(locked.statusCode, 401);
      assert.match(locked.body, /临时锁定/);

      t.clock.set(new Date(t.clock.now().getTime() + 3600_000)); // a new rate-limit window
      await s.get('/account/reset');
      assert.equal((await s.post('/account/reset', { email: 'wang@example.com' })).statusCode, 200);
      assert.equal((await s.post('/account/reset', { email: 'nobody@example.com' })).statusCode, 200, 'same answer for an unknown address');
      const link = linkIn((await lastMail(t, 'account_reset')).body_text, '/account/reset/set?token=')!;
      await s.get(pathOf(link));
      const token = new URL(link).searchParams.get('token')!;
      const set = await s.post('/account/reset/set', { token, password: 'Brand#New2026x', password2: 'Brand#New2026x' });
      assert.equal(set.statusCode, 303);
      await signedIn(t, 'wang@example.com', 'Brand#New2026x');
    });

    test('the header of cached public pages never shows who is signed in; account pages are never cached', async () => {
      await makeAccount(t, 'zhao@example.com');
      const s = await signedIn(t, 'zhao@example.com');
      const home = await s.get('/');
      assert.doesNotMatch(home.body, /z\*\*\*@example\.com/);
      for (const url of ['/account', '/account/subscriptions', '/account/profile', '/account/policies']) {
        const r = await s.get(url);
        assert.equal(r.statusCode, 200, url);
        assert.match(String(r.headers['cache-control']), /private, no-store/, url);
      }
      const anonymous = await t.app.inject({ method: 'GET', url: '/account' });
      assert.equal(anonymous.statusCode, 303);
      assert.equal(anonymous.headers.location, '/account/login?next=%2Faccount');
    });

    test('可能适用于您的政策: an enterprise profile lists the policies in force for its audiences and industry', async () => {
      await makeAccount(t, 'factory@example.com', { kind: 'enterprise' });
      await publishDocument(t, { org: 'fgw', title: '江宁市支持中小微企业纾困的若干措施', body: '对中小微企业给予贷款贴息。', audiences: ['中小微企业'] });
      await publishDocument(t, { org: 'fgw', title: '江宁市推进智能制造的实施意见', body: '推进工业转型。', audiences: [] });
      await publishDocument(t, { org: 'rsj', title: '江宁市老年人助餐服务办法', body: '助餐。', audiences: ['老年人'] });
      const s = await signedIn(t, 'factory@example.com');
      await s.get('/account/profile');
      const bad = await s.post('/account/profile', { kind: 'enterprise', industry: 'Z', size: 'small', district: '火星县' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /所属行业的取值无效/);
      const saved = await s.post('/account/profile', { displayName: '江宁精工', kind: 'enterprise', industry: 'C', size: 'small', district: '东山县' });
      assert.equal(saved.statusCode, 303);
      const page = await s.get('/account/policies');
      assert.match(page.body, /江宁市支持中小微企业纾困的若干措施/);
      assert.match(page.body, /江宁市推进智能制造的实施意见/, 'industry words in the title');
      assert.doesNotMatch(page.body, /老年人助餐/);
      const audit = await t.db.selectFrom('audit_events').select(['after']).where('action', '=', 'account.update').orderBy('seq', 'desc').executeTakeFirstOrThrow();
      assert.equal((audit.after as { industry: string }).industry, 'C');
    });

    test('personal data: no address in clear in accounts, the outbox or the audit log', async () => {
      const dump = await sql<{ t: string }>`select (select coalesce(string_agg(a::text, ' '), '') from accounts a) || (select coalesce(string_agg(m::text, ' '), '') from mail_outbox m) || (select coalesce(string_agg(e::text, ' '), '') from audit_events e) as t`.execute(t.db);
      const text = dump.rows[0]!.t.toLowerCase();
      for (const address of ['zhang.wei@example.com', 'wang@example.com', 'zhao@example.com', 'factory@example.com', 'demo@example.com']) assert.ok(!text.includes(address), address);
      assert.ok(text.includes('z***@example.com'));
    });
  });
}

describe('a live site without an SMS gateway', () => {
  test('offers registration by e-mail only, and refuses a mobile number in Chinese without creating an account', async () => {
    const t = await buildTestApp('pglite', { env: { NODE_ENV: 'production', PUBLIC_URL: 'https://gk.example.gov.cn' } });
    try {
      const s = new TestSession(t.app);
      const form = await s.get('/account/register');
      assert.doesNotMatch(form.body, /name="mobile"/, 'no mobile field where no SMS can be sent');
      assert.match(form.body, /name="email"/);
      const before = (await t.db.selectFrom('accounts').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
      const res = await s.post('/account/register', { mobile: '13912345678', password: PASSWORD, password2: PASSWORD, kind: 'person', agree: '1' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /本站暂未开通短信验证码，请用电子邮箱注册/);
      assert.equal((await t.db.selectFrom('accounts').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n, before);
      assert.equal((await t.db.selectFrom('mail_outbox').selectAll().where('channel', '=', 'sms').execute()).length, 0, 'no code is queued that nobody could read');
    } finally {
      await t.close();
    }
  });
});
