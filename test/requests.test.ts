import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import mammoth from 'mammoth';
import { idCheckDigit } from '../src/platform/text-checks/validators.js';
import { confirmYear, setOverride } from '../src/modules/calendar/commands.js';
import { createRequest } from '../src/modules/requests/commands/create-request.js';
import { remindDeadlines } from '../src/modules/requests/jobs.js';
import { saveReplyDraft } from '../src/modules/requests/commands/reply-draft.js';
import { showLetter } from '../src/modules/requests/letters.js';
import { applicationSchema } from '../src/modules/requests/schemas.js';
import { buildTestApp, testDatabaseKinds, type TestApp } from './helpers/test-app.js';
import { TestSession } from './helpers/session.js';

/**
 * A case at the counter, through every step the law gives it: intake on the Friday before the
 * National Day week, a correction, a third-party consultation, an extension approved by the
 * disclosure office, a partial disclosure, delivery and archive — with the deadline checked at
 * each step against a count made by hand, and the refusals a user meets on the way.
 */
export const ID_NUMBER = `11010519491231002${idCheckDigit('11010519491231002')}`;

export function applicationForm(orgId: number, over: Record<string, string> = {}): Record<string, string> {
  return {
    orgId: String(orgId), applicantKind: 'natural', name: '王秀兰', idType: 'id_card', idNumber: ID_NUMBER, phone: '13912345678',
    address: '江宁市东山区文靖路 8 号', postcode: '211100', subject: '2024 年城区老旧小区改造项目清单', docNumber: '',
    description: '申请获取 2024 年江宁市城区老旧小区改造项目的清单及各项目的资金安排。', provideForm: 'paper', deliveryMethod: 'post', ...over,
  };
}

const count = async (t: TestApp, table: 'requests' | 'request_events' | 'request_letters' | 'audit_events') =>
  Number((await t.db.selectFrom(table).select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

for (const kind of testDatabaseKinds()) {
  describe(`disclosure requests at the counter on ${kind}`, () => {
    let t: TestApp;
    let city: number;
    let id: number;
    const handler = () => new TestSession(t.app);
    let h: TestSession;
    /** 10:00 in Beijing on `day`, a little later each time (the login rate limit counts per minute). */
    let tick = 0;
    const at = (day: string) => t.clock.set(new Date(Date.parse(`${day}T02:00:00Z`) + ++tick * 61_000));
    /** A new working day: the clock moves on, and the handler signs in again (sessions expire when idle). */
    const day = async (d: string) => {
      at(d);
      await h.login('city.handler');
    };
    const act = (action: string, form: Record<string, string> = {}) => h.post(`/admin/requests/${id}/actions/${action}`, form);
    const row = () => t.db.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    before(async () => {
      // The demo site group is seeded today; the case is then played in autumn 2025.
      t = await buildTestApp(kind);
      at('2025-09-26');
      city = (await t.db.selectFrom('organizations').select('id').where('slug', '=', 'city').executeTakeFirstOrThrow()).id;
      h = handler();
      await h.login('city.handler');
    });
    after(() => t.close());

    test('bad intake input: a clear message, the typed values kept, nothing written', async () => {
      const before = await count(t, 'requests');
      await h.get('/admin/requests/new');
      const res = await h.postMultipart('/admin/requests', { ...applicationForm(city, { idNumber: '110105194912310021', name: '' }), channel: 'in_person', receivedOn: '2025-09-26' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /请填写姓名或名称/);
      assert.match(res.body, /身份证号码有误/);
      assert.match(res.body, /2024 年城区老旧小区改造项目清单/, 'what was typed is shown again');
      const future = await h.postMultipart('/admin/requests', { ...applicationForm(city), channel: 'in_person', receivedOn: '2025-09-27' });
      assert.equal(future.statusCode, 400);
      assert.match(future.body, /不能晚于今天/);
      assert.equal(await count(t, 'requests'), before);
    });

    test('intake in person on 2025-09-26: registered at once, due 2025-10-30, with its receipt letter', async () => {
      await day('2025-09-26');
      await h.get('/admin/requests/new');
      const res = await h.postMultipart('/admin/requests', { ...applicationForm(city), channel: 'in_person', receivedOn: '2025-09-26' });
      assert.equal(res.statusCode, 303);
      id = Number(/\/admin\/requests\/(\d+)/.exec(String(res.headers.location))![1]);
      const page = await h.get(`/admin/requests/${id}`);
      assert.match(page.body, /查询码 [2-9A-Z]{8}/, 'the access code is shown once, to pass on');
      assert.match(page.body, /2025-10-30/);
      assert.match(page.body, /收到申请后第 20 个工作日/);
      assert.match(page.body, /王\*\*/, 'the applicant is masked');
      assert.doesNotMatch(page.body, new RegExp(ID_NUMBER));
      const r = await row();
      assert.equal(r.status, 'handling');
      assert.equal(r.received_on, '2025-09-26');
      assert.doesNotMatch(r.applicant_sealed, /王秀兰|139/, 'personal data is encrypted at rest');
      const letters = await t.db.selectFrom('request_letters').select(['kind', 'body']).where('request_id', '=', id).execute();
      assert.deepEqual(letters.map((l) => l.kind), ['receipt']);
      assert.doesNotMatch(letters[0]!.body, /王秀兰/, 'letters keep no name in clear');
    });

    test('the workbench lists it by deadline, masked; another organization’s handler cannot see it', async () => {
      const list = await h.get('/admin/requests');
      assert.match(list.body, /老旧小区改造/);
      assert.match(list.body, /王\*\*/);
      const other = new TestSession(t.app);
      await other.login('fgw.editor');
      assert.equal((await other.get(`/admin/requests/${id}`)).statusCode, 404);
      assert.equal((await other.get('/admin/requests')).statusCode, 403);
    });

    test('revealing the applicant is for the organization’s handlers only, and audited', async () => {
      const audits = await count(t, 'audit_events');
      await h.get(`/admin/requests/${id}`);
      const shown = await h.post(`/admin/requests/${id}/reveal`, {});
      assert.equal(shown.statusCode, 200);
      assert.match(shown.body, new RegExp(ID_NUMBER));
      assert.equal(await count(t, 'audit_events'), audits + 1);
      const office = new TestSession(t.app);
      await office.login('gkb');
      const page = await office.get(`/admin/requests/${id}`);
      assert.equal(page.statusCode, 200, 'the disclosure office oversees the case');
      assert.doesNotMatch(page.body, /查看完整信息/);
      assert.equal((await office.post(`/admin/requests/${id}/reveal`, {})).statusCode, 403);
    });

    test('a correction on 09-29; the corrected request arrives 10-09 and the period starts again: due 2025-11-06', async () => {
      await day('2025-09-29');
      await h.get(`/admin/requests/${id}`);
      const empty = await act('request_correction', { items: '' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /请填写需要补正的事项/);
      assert.equal((await act('request_correction', { items: '请写明所需清单的区域范围', correctBy: '' })).statusCode, 303);
      assert.equal((await row()).status, 'awaiting_correction');
      assert.equal((await row()).due_on, null, 'no deadline while waiting for the correction');
      await day('2025-10-09');
      await h.get(`/admin/requests/${id}`);
      const again = await act('request_correction', { items: '再次补正' });
      assert.equal(again.statusCode, 422, 'not in this state');
      assert.equal((await act('receive_correction', { on: '', description: '申请获取东山区 2024 年老旧小区改造项目清单及资金安排。' })).statusCode, 303);
      const r = await row();
      assert.equal(r.status, 'handling');
      // From 10-09: 10-10, 10-11 (make-up Saturday) = 2; 10-13 … 17 = 7; 20 … 24 = 12; 27 … 31 = 17; 11-03 … 11-05 = 20.
      assert.equal(r.due_on, '2025-11-05');
    });

    test('consulting a third party from 10-10 to 10-20 moves the deadline by the 6 working days in between', async () => {
      await day('2025-10-10');
      await h.get(`/admin/requests/${id}`);
      assert.equal((await act('start_consultation', { party: '江宁市某某物业管理有限公司', partyKind: 'third_party' })).statusCode, 303);
      assert.equal((await row()).status, 'consulting');
      await day('2025-10-20');
      await h.get(`/admin/requests/${id}`);
      assert.equal((await act('end_consultation', { opinion: '不同意公开其中的合同金额', on: '2025-10-20' })).statusCode, 303);
      // Excluded 10-11, 10-13 … 10-17, 10-20 = 7 working days; 20 + 7 = 27 from 10-09 → 11-05 + 7 = 11-14.
      assert.equal((await row()).due_on, '2025-11-14');
    });

    test('an extension needs the disclosure office: 20 more working days, once', async () => {
      await day('2025-10-21');
      await h.get(`/admin/requests/${id}`);
      const tooLong = await act('request_extension', { days: '25', reason: '需要调取档案' });
      assert.equal(tooLong.statusCode, 400);
      assert.match(tooLong.body, /最长不得超过 20 个工作日/);
      assert.equal((await act('request_extension', { days: '20', reason: '涉及多个项目，需调取档案核对' })).statusCode, 303);
      assert.equal((await act('approve_extension')).statusCode, 403, 'the handler cannot approve it');
      const office = new TestSession(t.app);
      await office.login('gkb');
      await office.get(`/admin/requests/${id}`);
      assert.equal((await office.post(`/admin/requests/${id}/actions/approve_extension`, {})).statusCode, 303);
      // 11-14 + 20: 11-17 … 21 = 5; 24 … 28 = 10; 12-01 … 05 = 15; 08 … 12 = 20.
      assert.equal((await row()).due_on, '2025-12-12');
      await h.get(`/admin/requests/${id}`);
      assert.equal((await act('request_extension', { days: '5', reason: '再延' })).statusCode, 422);
    });

    test('a reply needs an outcome; 部分公开 is composed, edited, sent as a DOCX letter', async () => {
      await day('2025-11-20');
      await h.get(`/admin/requests/${id}`);
      const events = await count(t, 'request_events');
      const noOutcome = await h.post(`/admin/requests/${id}/reply`, { outcome: '', body: '' });
      assert.equal(noOutcome.statusCode, 400);
      assert.match(noOutcome.body, /请选择办理结果/);
      assert.equal((await act('send_reply')).statusCode, 422, 'nothing to send yet');
      assert.equal(await count(t, 'request_events'), events, 'nothing written');
      const composed = await h.post(`/admin/requests/${id}/reply`, { outcome: 'partial', compose: '1', disclosedContent: '改造项目清单', withheldReason: '合同金额涉及第三方商业秘密' });
      assert.equal(composed.statusCode, 303);
      const draft = await t.db.selectFrom('request_letters').select(['body', 'id']).where('request_id', '=', id).where('status', '=', 'draft').executeTakeFirstOrThrow();
      assert.match(draft.body, /第三十七条/);
      const edited = `${draft.body}\n\n特此告知。`;
      assert.equal((await h.post(`/admin/requests/${id}/reply`, { outcome: 'partial', body: edited })).statusCode, 303);
      assert.equal((await act('send_reply')).statusCode, 303);
      const r = await row();
      assert.equal(r.status, 'replied');
      assert.equal(r.outcome, 'partial');
      assert.equal(r.closed_on, '2025-11-20');
      const html = await h.get(`/admin/requests/${id}/letters/${draft.id}`);
      assert.equal(html.statusCode, 200);
      assert.match(html.body, /政府信息公开申请答复书/);
      assert.match(html.body, /特此告知/);
      const docx = await h.get(`/admin/requests/${id}/letters/${draft.id}.docx`);
      assert.equal(docx.statusCode, 200);
      const text = (await mammoth.extractRawText({ buffer: docx.rawPayload })).value;
      assert.match(text, /特此告知/);
      assert.match(text, /王秀兰/, 'the letter is addressed to the applicant');
      assert.match(text, /行政复议/);
    });

    test('delivery, then archive; an appeal is recorded with its result', async () => {
      await h.get(`/admin/requests/${id}`);
      assert.equal((await act('archive')).statusCode, 422, 'not before delivery');
      assert.equal((await act('record_delivery', { method: 'post', on: '2025-11-19' })).statusCode, 422, 'not before the reply');
      assert.equal((await act('record_delivery', { method: 'post', on: '2025-11-20' })).statusCode, 303);
      assert.equal((await act('archive')).statusCode, 303);
      assert.equal((await row()).status, 'archived');
      assert.equal((await h.post(`/admin/requests/${id}/appeals`, { kind: 'review', filedOn: '2025-11-25', result: 'upheld', decidedOn: '' })).statusCode, 422);
      await day('2025-12-01');
      await h.get(`/admin/requests/${id}`);
      assert.equal((await h.post(`/admin/requests/${id}/appeals`, { kind: 'review', filedOn: '2025-11-28', result: 'pending', decidedOn: '' })).statusCode, 303);
      const appeals = await t.db.selectFrom('request_appeals').selectAll().where('request_id', '=', id).execute();
      assert.equal(appeals.length, 1);
      // Decided later: the same record gets its result.
      await h.get(`/admin/requests/${id}`);
      assert.equal((await h.post(`/admin/requests/${id}/appeals`, { appealId: String(appeals[0]!.id), kind: 'review', filedOn: '2025-11-28', result: 'upheld', decidedOn: '2025-12-01' })).statusCode, 303);
      const updated = await t.db.selectFrom('request_appeals').select(['result', 'decided_on']).where('request_id', '=', id).execute();
      assert.deepEqual(updated, [{ result: 'upheld', decided_on: '2025-12-01' }]);
    });
  });
}

for (const kind of testDatabaseKinds()) {
  describe(`deadlines follow the calendar and are reminded on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    test('a late holiday change recomputes open cases, says so in their history, and reminders come once', async () => {
      const city = (await t.db.selectFrom('organizations').select('id').where('slug', '=', 'city').executeTakeFirstOrThrow()).id;
      t.clock.set('2026-12-10T02:00:00Z');
      const ctx = { db: t.db, clock: t.clock, actor: { id: null, label: '测试' }, sealer: t.app.sealer, storage: t.app.deps.storage, maxUploadBytes: 1 << 20 };
      const form = applicationForm(city);
      const parsed = applicationSchema('2026-12-10').parse(form);
      const { id } = await createRequest(ctx, parsed, { channel: 'in_person', receivedOn: '2026-12-10' });
      const due = async () => t.db.selectFrom('requests').select(['due_on', 'due_provisional']).where('id', '=', id).executeTakeFirstOrThrow();
      // 12-11 = 1; 12-14 … 18 = 6; 21 … 25 = 11; 28 … 31 = 15; 2027-01-01 元旦; 01-04 … 01-08 = 20.
      assert.deepEqual(await due(), { due_on: '2027-01-08', due_provisional: true });
      const moved = await setOverride({ db: t.db, clock: t.clock, actor: { id: null, label: '测试' } }, { day: '2027-01-04', working: false, note: '2027年元旦调休' });
      assert.ok(moved >= 1);
      assert.deepEqual(await due(), { due_on: '2027-01-11', due_provisional: true });
      const ev = await t.db.selectFrom('request_events').select('details').where('request_id', '=', id).where('kind', '=', 'deadline_recomputed').executeTakeFirstOrThrow();
      assert.deepEqual(ev.details, { from: '2027-01-08', to: '2027-01-11', provisional: true });
      await confirmYear({ db: t.db, clock: t.clock, actor: { id: null, label: '测试' } }, { year: 2027, note: '国办发明电〔2026〕号已录入' });
      assert.deepEqual(await due(), { due_on: '2027-01-11', due_provisional: false });

      const reminders = async () => (await t.db.selectFrom('request_reminders').select('kind').where('request_id', '=', id).orderBy('created_at').execute()).map((r) => r.kind);
      t.clock.set('2027-01-05T02:00:00Z');
      await remindDeadlines(t.db, t.clock);
      assert.deepEqual(await reminders(), [], 'not yet: 4 working days left');
      t.clock.set('2027-01-06T02:00:00Z');
      await remindDeadlines(t.db, t.clock);
      assert.deepEqual(await reminders(), ['due_soon'], 'due within 3 working days');
      assert.equal(await remindDeadlines(t.db, t.clock), 0, 'never twice');
      t.clock.set('2027-01-12T02:00:00Z');
      await remindDeadlines(t.db, t.clock);
      assert.deepEqual(await reminders(), ['due_soon', 'overdue'], 'then overdue');
      const s = new TestSession(t.app);
      await s.login('city.handler');
      const page = await s.get('/admin/requests?view=overdue');
      assert.match(page.body, /已于 2027-01-11 逾期/);
      assert.match(page.body, /已逾期 1 个工作日/);

      // A reply drafted at 07:30 in Beijing (23:30 UTC the day before) is dated by Beijing's calendar.
      t.clock.set('2027-01-12T23:30:00Z');
      await saveReplyDraft(ctx, id, { outcome: 'disclose', body: '', disclosedContent: '改造项目清单', withheldReason: null, referTo: null });
      const draft = await t.db.selectFrom('request_letters').select('id').where('request_id', '=', id).where('status', '=', 'draft').executeTakeFirstOrThrow();
      const row = await t.db.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal((await showLetter(t.db, row, draft.id, t.app.sealer))!.date, '2027-01-13');
    });
  });
}

for (const kind of testDatabaseKinds()) {
  describe(`procedural review of replies on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    test('where the organization asks for it, a reply goes out only after the disclosure office approves it', async () => {
      const admin = new TestSession(t.app);
      await admin.login('admin');
      const city = await t.db.selectFrom('organizations').selectAll().where('slug', '=', 'city').executeTakeFirstOrThrow();
      const page = await admin.get(`/admin/organizations/${city.id}`);
      assert.match(page.body, /答复书发出前须经政务公开办程序性审核/);
      const form = Object.fromEntries([...page.body.matchAll(/name="(\w+)"[^>]*?value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, '&')]));
      const saved = await admin.post(`/admin/organizations/${city.id}`, { ...form, guideHtml: city.guide_html, interpretationRule: city.interpretation_rule, reviewLevels: String(city.review_levels), replyReview: 'on', feePausesClock: 'on', correctionDays: '10' });
      assert.equal(saved.statusCode, 303, saved.body.slice(0, 300));
      assert.equal((await t.db.selectFrom('organizations').select('request_reply_review').where('id', '=', city.id).executeTakeFirstOrThrow()).request_reply_review, true);

      const { id } = await t.db.selectFrom('requests').select('id').where('org_id', '=', city.id).where('status', '=', 'handling').where('subject', 'like', '%重大建设项目%').executeTakeFirstOrThrow();
      t.clock.set(new Date(t.clock.now().getTime() + 61_000));
      const h = new TestSession(t.app);
      await h.login('city.handler');
      await h.get(`/admin/requests/${id}`);
      assert.equal((await h.post(`/admin/requests/${id}/reply`, { outcome: 'disclose', compose: '1', disclosedContent: '项目批准文件' })).statusCode, 303);
      const refused = await h.post(`/admin/requests/${id}/actions/send_reply`, {});
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /须经政务公开办程序性审核/);
      assert.equal((await h.post(`/admin/requests/${id}/actions/submit_reply`, {})).statusCode, 303);
      const office = new TestSession(t.app);
      await office.login('gkb');
      const review = await office.get(`/admin/requests/${id}`);
      assert.match(review.body, /李\*\*：/, 'the office reviews the letter with the applicant masked');
      assert.doesNotMatch(review.body, /李建国/);
      assert.equal((await office.post(`/admin/requests/${id}/actions/return_reply`, { comment: '请写明获取方式' })).statusCode, 303);
      await h.get(`/admin/requests/${id}`);
      assert.equal((await h.post(`/admin/requests/${id}/actions/submit_reply`, {})).statusCode, 303);
      await office.get(`/admin/requests/${id}`);
      assert.equal((await office.post(`/admin/requests/${id}/actions/approve_reply`, {})).statusCode, 303);
      await h.get(`/admin/requests/${id}`);
      assert.equal((await h.post(`/admin/requests/${id}/actions/send_reply`, {})).statusCode, 303);
      const r = await t.db.selectFrom('requests').select(['status', 'outcome']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual(r, { status: 'replied', outcome: 'disclose' });
    });
  });
}
