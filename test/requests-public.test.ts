import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { parseAnswer } from '../src/modules/requests/captcha.js';
import { applyRequestAction, type RequestCommandContext } from '../src/modules/requests/commands/request-action.js';
import type { ActionInput } from '../src/modules/requests/commands/action-effects.js';
import { idCheckDigit } from '../src/platform/text-checks/validators.js';
import { PDF_MIN, PNG_1PX } from './helpers/fixtures.js';
import { TestSession } from './helpers/session.js';
import { buildTestApp, testDatabaseKinds, type TestApp } from './helpers/test-app.js';

const ID17 = '11010519491231002';
const ID_NUMBER = ID17 + idCheckDigit(ID17);
const BAD_ID = ID17 + (idCheckDigit(ID17) === '1' ? '2' : '1');
const PHONE = '13912345678';

function application(orgId: number, over: Record<string, string> = {}): Record<string, string> {
  return {
    orgId: String(orgId), applicantKind: 'natural', name: '张三', idType: 'id_card', idNumber: ID_NUMBER, legalRep: '', contactName: '',
    phone: PHONE, email: '', address: '', postcode: '', subject: '城区道路改造工程批复', docNumber: '',
    description: '请提供城区道路改造工程的立项批复文件。', provideForm: 'electronic', deliveryMethod: 'online', action: 'submit', ...over,
  };
}

const countOf = async (t: TestApp, table: 'requests' | 'request_attachments' | 'request_events') =>
  Number((await t.db.selectFrom(table).select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

/** The answer to the form's arithmetic question, worked out as a person would. */
function solveCaptcha(body: string): number {
  const m = /([零一二三四五六七八九十]+)(加|减)([零一二三四五六七八九十]+)等于几？/.exec(body);
  assert.ok(m, 'the form asks an arithmetic question');
  const [a, b] = [parseAnswer(m[1]!)!, parseAnswer(m[3]!)!];
  return m[2] === '加' ? a + b : a - b;
}
const tokenOf = (body: string) => /name="captchaToken" value="([^"]+)"/.exec(body)?.[1];

for (const kind of testDatabaseKinds()) {
  describe(`applying for disclosure online and following the case on ${kind}`, () => {
    let t: TestApp;
    let city: number;
    let handlerId: number;
    before(async () => {
      t = await buildTestApp(kind, { env: { MAX_UPLOAD_MB: '1' } });
      city = (await t.db.selectFrom('organizations').select('id').where('slug', '=', 'city').executeTakeFirstOrThrow()).id;
      handlerId = (await t.db.selectFrom('staff').select('id').where('username', '=', 'city.handler').executeTakeFirstOrThrow()).id;
    });
    after(() => t.close());
    // Two hours apart, each test starts with fresh rate-limit and captcha windows.
    beforeEach(() => t.clock.set(new Date(t.clock.now().getTime() + 2 * 3600_000)));

    const handlerCtx = (): RequestCommandContext => ({
      db: t.db, clock: t.clock, actor: { id: handlerId, label: '市政府依申请公开办理人（city.handler）', ip: null }, sealer: t.app.sealer, storage: t.app.deps.storage, maxUploadBytes: t.config.maxUploadBytes,
    });
    const handle = (id: number, input: ActionInput) => applyRequestAction(handlerCtx(), id, ['handler'], input);

    async function apply(s: TestSession, over: Record<string, string> = {}, files: Parameters<TestSession['postMultipart']>[2] = []) {
      const form = await s.get('/apply');
      assert.equal(form.statusCode, 200);
      return s.postMultipart('/apply', application(city, over), files);
    }

    /** Applies, reads the receipt, and opens the case in this session with its numbers. */
    async function applyAndTrack(s: TestSession, over: Record<string, string> = {}) {
      const res = await apply(s, over);
      assert.equal(res.statusCode, 303, res.body.slice(0, 800));
      const receipt = await s.get('/apply/receipt');
      const trackingNo = /id="tracking-no">([^<]+)</.exec(receipt.body)![1]!;
      const code = /id="access-code">([^<]+)</.exec(receipt.body)![1]!;
      const tracked = await s.post('/requests/track', { trackingNo, accessCode: code });
      assert.equal(tracked.statusCode, 303);
      const id = (await t.db.selectFrom('requests').select('id').where('tracking_no', '=', trackingNo).executeTakeFirstOrThrow()).id;
      return { trackingNo, code, id, page: () => s.get(`/requests/${trackingNo}`) };
    }

    test('an application gets a receipt with its number and code, which open the status page', async () => {
      const s = new TestSession(t.app);
      const form = await s.get('/apply?org=fgw');
      assert.match(form.body, /条例第二十九条|第二十九条/);
      assert.match(form.body, /href="\/deadline"/);
      assert.match(form.body, /enctype="multipart\/form-data"/);
      assert.match(form.body, /先查一查是否已经公开/);
      assert.doesNotMatch(form.body, /等于几/, 'no captcha for a first application');
      const fgw = (await t.db.selectFrom('organizations').select('id').where('slug', '=', 'fgw').executeTakeFirstOrThrow()).id;
      assert.match(form.body, new RegExp(`<option value="${fgw}" selected`), '?org= preselects the organ');

      const before = await countOf(t, 'requests');
      const res = await s.postMultipart('/apply', application(city), [{ field: 'attachments', filename: '身份证.png', content: PNG_1PX, contentType: 'image/png' }]);
      assert.equal(res.statusCode, 303, res.body.slice(0, 800));
      assert.equal(res.headers.location, '/apply/receipt');
      assert.match(String(res.headers['set-cookie']), /gk_receipt=.*HttpOnly/i);
      assert.equal(await countOf(t, 'requests'), before + 1);

      const receipt = await s.get('/apply/receipt');
      assert.equal(receipt.statusCode, 200);
      const trackingNo = /id="tracking-no">([^<]+)</.exec(receipt.body)?.[1];
      const code = /id="access-code">([^<]+)</.exec(receipt.body)?.[1];
      assert.match(trackingNo ?? '', /^CITY-2026-\d{5}$/);
      assert.match(code ?? '', /^[2-9A-HJKMNP-Z]{8}$/);
      assert.match(receipt.body, /请把申请编号和查询码抄写下来/);
      assert.match(receipt.body, /20 个工作日/);
      assert.match(receipt.body, /打印回执/);
      assert.equal(receipt.headers['cache-control'], 'no-store');
      const row = await t.db.selectFrom('requests').select(['id', 'status', 'channel']).where('tracking_no', '=', trackingNo!).executeTakeFirstOrThrow();
      assert.deepEqual({ status: row.status, channel: row.channel }, { status: 'pending', channel: 'online' });
      assert.equal(await t.db.selectFrom('request_attachments').select('id').where('request_id', '=', row.id).execute().then((r) => r.length), 1);

      // Another browser: the status page needs the number and the code.
      const other = new TestSession(t.app);
      const blind = await other.get(`/requests/${trackingNo}`);
      assert.equal(blind.statusCode, 303);
      assert.equal(blind.headers.location, `/requests/track?no=${trackingNo}`);
      await other.get('/requests/track');
      const tracked = await other.post('/requests/track', { trackingNo: trackingNo!.toLowerCase(), accessCode: ` ${code!.toLowerCase()} ` });
      assert.equal(tracked.statusCode, 303, 'case and spaces do not matter');
      assert.equal(tracked.headers.location, `/requests/${trackingNo}`);
      const cookie = String(tracked.headers['set-cookie']);
      assert.match(cookie, /gk_track=/);
      assert.match(cookie, /HttpOnly/i);
      assert.match(cookie, /Path=\/requests/);
      assert.match(cookie, /SameSite=Lax/i);
      const page = await other.get(`/requests/${trackingNo}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /待登记/);
      assert.match(page.body, /城区道路改造工程批复/);
      assert.match(page.body, /网上提交申请/);
      assert.match(page.body, /撤回申请/);
      assert.ok(!page.body.includes(ID_NUMBER), 'the full ID number is never shown');
      assert.ok(!page.body.includes(PHONE), 'nor the full phone number');
      assert.match(page.body, /1101\*+/);

      // The receipt's own button opens the case too.
      const mine = await s.post('/requests/track', { trackingNo: trackingNo!, accessCode: code! });
      assert.equal(mine.statusCode, 303);
      assert.equal((await s.get(`/requests/${trackingNo}`)).statusCode, 200);
    });

    test('a forged code or an unknown number gets the same refusal, and nothing leaks', async () => {
      const s = new TestSession(t.app);
      const { trackingNo, code } = await applyAndTrack(s);
      const stranger = new TestSession(t.app);
      await stranger.get('/requests/track');
      const forged = code.slice(0, 7) + (code.endsWith('A') ? 'B' : 'A');
      for (const [no, c] of [[trackingNo, forged], ['CITY-2026-99999', code]] as const) {
        const res = await stranger.post('/requests/track', { trackingNo: no, accessCode: c });
        assert.equal(res.statusCode, 404);
        assert.match(res.body, /申请编号或查询码不正确/);
        assert.doesNotMatch(res.body, /城区道路改造工程批复/);
        assert.doesNotMatch(String(res.headers['set-cookie'] ?? ''), /gk_track/);
        assert.doesNotMatch(res.body, new RegExp(c), 'the code typed is not echoed');
      }
      assert.equal((await stranger.get(`/requests/${trackingNo}`)).statusCode, 303);
      const letter = await stranger.get(`/requests/${trackingNo}/letters/1.docx`);
      assert.equal(letter.statusCode, 303, 'letters need the code as well');
      // Guessing is rate-limited.
      let last = 0;
      for (let i = 0; i < 25 && last !== 429; i++) last = (await stranger.post('/requests/track', { trackingNo, accessCode: 'ZZZZZZZZ' })).statusCode;
      assert.equal(last, 429);
    });

    test('bad input comes back with every value kept, a message per field, and nothing written', async () => {
      const s = new TestSession(t.app);
      const before = { requests: await countOf(t, 'requests'), attachments: await countOf(t, 'request_attachments') };
      const noIdentity = await apply(s, { name: '', idNumber: '', subject: '某某街道2024年老旧小区改造名单' });
      assert.equal(noIdentity.statusCode, 400);
      assert.match(noIdentity.body, /请修改以下 \d+ 处问题/);
      assert.match(noIdentity.body, /请填写姓名或名称/);
      assert.match(noIdentity.body, /请填写证件号码/);
      assert.match(noIdentity.body, /href="#f-name"/);
      assert.match(noIdentity.body, /value="某某街道2024年老旧小区改造名单"/, 'the typed subject is kept');
      assert.match(noIdentity.body, /请提供城区道路改造工程的立项批复文件。<\/textarea>/, 'the description is kept');
      assert.match(noIdentity.body, new RegExp(`value="${PHONE}"`));

      const badId = await apply(s, { idNumber: BAD_ID });
      assert.equal(badId.statusCode, 400);
      assert.match(badId.body, /身份证号码有误/);
      assert.match(badId.body, new RegExp(`value="${BAD_ID}"`));

      const noDescription = await apply(s, { description: '' });
      assert.equal(noDescription.statusCode, 400);
      assert.match(noDescription.body, /请填写所需信息的内容描述/);

      const big = Buffer.concat([PDF_MIN, Buffer.alloc(1_200_000, 0x20)]);
      const oversize = await apply(s, {}, [{ field: 'attachments', filename: '材料.pdf', content: big, contentType: 'application/pdf' }]);
      assert.ok(oversize.statusCode >= 400 && oversize.statusCode < 500, String(oversize.statusCode));
      assert.match(oversize.body, /超过 1 MB/);
      assert.match(oversize.body, /不会保留您刚才选择的附件/);
      assert.match(oversize.body, /value="城区道路改造工程批复"/);

      const wrongType = await apply(s, {}, [{ field: 'attachments', filename: '照片.pdf', content: PNG_1PX, contentType: 'application/pdf' }]);
      assert.equal(wrongType.statusCode, 422);
      assert.match(wrongType.body, /扩展名与实际内容不符/);

      assert.deepEqual({ requests: await countOf(t, 'requests'), attachments: await countOf(t, 'request_attachments') }, before, 'nothing was written');
    });

    test('the third application within an hour asks an arithmetic question, and a wrong answer is refused', async () => {
      const s = new TestSession(t.app);
      assert.equal((await apply(s)).statusCode, 303);
      assert.equal((await apply(s, { subject: '第二份申请' })).statusCode, 303);
      const before = await countOf(t, 'requests');
      const form = await s.get('/apply');
      assert.match(form.body, /等于几？/);
      const answer = solveCaptcha(form.body);

      const none = await s.postMultipart('/apply', application(city, { subject: '第三份申请' }));
      assert.equal(none.statusCode, 400);
      assert.match(none.body, /请回答计算题/);

      const wrong = await s.postMultipart('/apply', application(city, { subject: '第三份申请', captchaToken: tokenOf(none.body)!, captchaAnswer: String(solveCaptcha(none.body) + 1) }));
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /答案不对/);
      assert.match(wrong.body, /value="第三份申请"/, 'the typed values are kept');
      assert.notEqual(tokenOf(wrong.body), tokenOf(none.body), 'a new question');
      assert.equal(await countOf(t, 'requests'), before);
      assert.ok(answer > 0);

      // Right, but another field is wrong: the answer is carried, not asked again.
      const token = tokenOf(wrong.body)!;
      const words = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八'][solveCaptcha(wrong.body)]!;
      const otherError = await s.postMultipart('/apply', application(city, { subject: '第三份申请', phone: '123', captchaToken: token, captchaAnswer: words }));
      assert.equal(otherError.statusCode, 400);
      assert.doesNotMatch(otherError.body, /等于几/);
      assert.match(otherError.body, /联系电话应为/);
      const ok = await s.postMultipart('/apply', application(city, { subject: '第三份申请', captchaToken: token, captchaAnswer: words }));
      assert.equal(ok.statusCode, 303, ok.body.slice(0, 800));
      assert.equal(await countOf(t, 'requests'), before + 1);
      await s.get('/apply');
      const replay = await s.postMultipart('/apply', application(city, { subject: '第四份申请', captchaToken: token, captchaAnswer: words }));
      assert.equal(replay.statusCode, 400, 'a solved question is used once');
      assert.equal(await countOf(t, 'requests'), before + 1);
    });

    test('a correction asked by the handler is answered online and restarts the clock', async () => {
      const s = new TestSession(t.app);
      const { id, page } = await applyAndTrack(s);
      await handle(id, { action: 'register' });
      t.clock.set(new Date(t.clock.now().getTime() + 24 * 3600_000));
      await handle(id, { action: 'request_correction', items: '请明确所需信息的年份', correctBy: null });
      const asked = await page();
      assert.match(asked.body, /待申请人补正/);
      assert.match(asked.body, /请明确所需信息的年份/, 'the notice is shown');
      assert.match(asked.body, /暂停计时|补正告知/);
      assert.match(asked.body, /请提供城区道路改造工程的立项批复文件。<\/textarea>/, 'prefilled with the current description');
      assert.match(asked.body, /登记受理/);
      assert.match(asked.body, /告知补正/);
      assert.doesNotMatch(asked.body, /市政府依申请公开办理人|city\.handler/, 'no staff names');
      const trackingNo = (await t.db.selectFrom('requests').select('tracking_no').where('id', '=', id).executeTakeFirstOrThrow()).tracking_no;

      const empty = await s.postMultipart(`/requests/${trackingNo}/correction`, { description: '' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /请填写补正后的内容描述/);

      t.clock.set(new Date(t.clock.now().getTime() + 24 * 3600_000));
      const text = '请提供2025年度城区道路改造工程的立项批复文件。';
      const done = await s.postMultipart(`/requests/${trackingNo}/correction`, { description: text });
      assert.equal(done.statusCode, 303, done.body.slice(0, 800));
      const after = await s.get(String(done.headers.location));
      assert.match(after.body, /补正已提交/);
      assert.match(after.body, /办理中/);
      assert.match(after.body, /收到补正/);
      assert.match(after.body, /收到补正后的申请/, 'the deadline now counts from the corrected request');
      assert.match(after.body, /最晚答复日期/);
      assert.ok(!after.body.includes(ID_NUMBER));
      const row = await t.db.selectFrom('requests').select(['status', 'description']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { status: 'handling', description: text });
    });

    test('sent letters download as Word and show as escaped HTML; letters to others stay hidden', async () => {
      const s = new TestSession(t.app);
      const { id, trackingNo, page } = await applyAndTrack(s);
      await handle(id, { action: 'register' });
      await handle(id, { action: 'request_correction', items: '<script>alert(1)</script>请说明<b>年份</b>', correctBy: null });
      const letters = await t.db.selectFrom('request_letters').select(['id', 'kind']).where('request_id', '=', id).orderBy('id').execute();
      const receipt = letters.find((l) => l.kind === 'receipt')!;
      const correction = letters.find((l) => l.kind === 'correction')!;
      const status = await page();
      assert.match(status.body, new RegExp(`/requests/${trackingNo}/letters/${receipt.id}\\.docx`));
      assert.match(status.body, /下载 Word 文档/);

      const docx = await s.get(`/requests/${trackingNo}/letters/${receipt.id}.docx`);
      assert.equal(docx.statusCode, 200);
      assert.equal(docx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      assert.equal(docx.rawPayload.subarray(0, 2).toString(), 'PK');
      assert.match(String(docx.headers['content-disposition']), new RegExp(`filename\\*=UTF-8''${encodeURIComponent('政府信息公开申请登记回执')}`));

      const html = await s.get(`/requests/${trackingNo}/letters/${correction.id}`);
      assert.equal(html.statusCode, 200);
      assert.match(html.body, /&lt;script(>|&gt;)alert\(1\)&lt;\/script/, 'the markup is shown as text');
      assert.doesNotMatch(html.body, /<script>alert/);
      assert.doesNotMatch(status.body, /<script>alert|<b>年份/, 'the notice on the status page is escaped too');

      // Correction answered, then a consultation: its letter goes to the third party, not to the applicant.
      await handle(id, { action: 'receive_correction' });
      await handle(id, { action: 'start_consultation', party: '星辰置业有限公司', partyKind: 'third_party' });
      const consulting = await page();
      assert.match(consulting.body, /征求第三方意见/);
      assert.match(consulting.body, /暂停计时/);
      assert.doesNotMatch(consulting.body, /星辰置业/);
      const consultation = await t.db.selectFrom('request_letters').select('id').where('request_id', '=', id).where('kind', '=', 'consultation').executeTakeFirstOrThrow();
      assert.equal((await s.get(`/requests/${trackingNo}/letters/${consultation.id}`)).statusCode, 404);
      assert.equal((await s.get(`/requests/${trackingNo}/letters/${consultation.id}.docx`)).statusCode, 404);
    });

    test('the applicant may withdraw an open application, after confirming', async () => {
      const s = new TestSession(t.app);
      const { id, trackingNo, page } = await applyAndTrack(s);
      await page();
      const unconfirmed = await s.post(`/requests/${trackingNo}/withdraw`, { reason: '已从其他途径获得' });
      assert.equal(unconfirmed.statusCode, 400);
      assert.match(unconfirmed.body, /请勾选/);
      assert.match(unconfirmed.body, /已从其他途径获得<\/textarea>/);
      const done = await s.post(`/requests/${trackingNo}/withdraw`, { reason: '已从其他途径获得', confirm: 'yes' });
      assert.equal(done.statusCode, 303);
      const after = await page();
      assert.match(after.body, /已撤回/);
      assert.doesNotMatch(after.body, /action="[^"]*\/withdraw"/, 'nothing left to withdraw');
      assert.equal((await t.db.selectFrom('requests').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status, 'withdrawn');
    });

    test('published documents that may already answer the request are suggested, with the typed values kept', async () => {
      const doc = await t.db.selectFrom('documents').select(['id', 'title']).where('status', '=', 'published').where('attribute', '=', 'public').orderBy('id').executeTakeFirstOrThrow();
      const s = new TestSession(t.app);
      const before = await countOf(t, 'requests');
      await s.get('/apply');
      const res = await s.postMultipart('/apply', application(city, { subject: doc.title, action: 'suggest' }), [{ field: 'attachments', filename: 'a.pdf', content: PDF_MIN, contentType: 'application/pdf' }]);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /可能已经公开的信息/);
      assert.match(res.body, new RegExp(`href="/documents/${doc.id}"`));
      assert.match(res.body, /不会保留您刚才选择的附件/);
      assert.match(res.body, new RegExp(`value="${PHONE}"`), 'the typed values are kept');
      assert.equal(await countOf(t, 'requests'), before, 'nothing is filed');
      const prefilled = await s.get(`/apply?q=${encodeURIComponent(doc.title)}`);
      assert.match(prefilled.body, new RegExp(`href="/documents/${doc.id}"`));
    });
  });
}
