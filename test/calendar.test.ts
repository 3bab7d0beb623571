import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { buildTestApp, testDatabaseKinds, type TestApp } from './helpers/test-app.js';
import { sessionPool } from './helpers/session.js';

const WORKED_CASE = '收到申请之日为 2025-09-26（星期五），自次日起算，第 20 个工作日为 2025-10-30（星期四）；期间国庆节、中秋节放假（10月1日至8日），9月28日、10月11日调休上班。';

for (const kind of testDatabaseKinds()) {
  describe(`working-day calendar on ${kind}`, () => {
    let t: TestApp;
    const pool = sessionPool(() => t);
    const as = pool.as;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());
    beforeEach(() => pool.nextTest());
    const api = async (query: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/deadline?${query}` });
      return { status: res.statusCode, body: res.json() as { dueOn: string; provisional: boolean; explanation: string; code?: string; message?: string } };
    };
    const count = async (table: 'calendar_overrides' | 'calendar_years') => Number((await t.db.selectFrom(table).select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const auditActions = async () => (await t.db.selectFrom('audit_events').select('action').where('action', 'like', 'calendar.%').orderBy('seq').execute()).map((r) => r.action);
    const version = async () => (await t.db.selectFrom('settings').select('value').where('key', '=', 'calendar_version').executeTakeFirst())?.value ?? null;

    test('the API answers the worked case, 20 working days by default', async () => {
      const r = await api('receivedOn=2025-09-26&workingDays=20');
      assert.equal(r.status, 200);
      assert.deepEqual(r.body, { dueOn: '2025-10-30', provisional: false, explanation: WORKED_CASE });
      assert.equal((await api('receivedOn=2025-09-26')).body.dueOn, '2025-10-30');
      assert.equal((await api('receivedOn=2025-09-26&workingDays=40')).body.dueOn, '2025-11-27', 'with the extension of 条例 第三十三条');
    });

    test('bad input to the API is a 400 with a message in Chinese', async () => {
      for (const [query, message] of [
        ['receivedOn=2025-02-30', /收到申请的日期格式应为 年-月-日/],
        ['workingDays=20', /请填写收到申请的日期/],
        ['receivedOn=2025-09-26&workingDays=0', /工作日数应为 1 至 60 之间的整数/],
        ['receivedOn=2025-09-26&workingDays=61', /工作日数应为 1 至 60/],
        ['receivedOn=2025-09-26&workingDays=abc', /工作日数应为 1 至 60/],
        ['receivedOn=1999-12-31', /应在 2000 年至 2199 年之间/],
      ] as const) {
        const r = await api(query);
        assert.equal(r.status, 400, query);
        assert.equal(r.body.code, 'bad_request');
        assert.match(r.body.message!, message, query);
      }
    });

    test('the public calculator works without script', async () => {
      const empty = await t.app.inject({ method: 'GET', url: '/deadline' });
      assert.equal(empty.statusCode, 200);
      assert.match(empty.body, /<title>答复期限计算器/);
      assert.match(empty.body, /<form method="get" action="\/deadline"/);
      assert.match(empty.body, /name="receivedOn" type="date" value="2026-11-22"/, 'today (China time) to start with');
      assert.match(empty.body, /第三十三条/);
      assert.doesNotMatch(empty.body, /计算结果/);

      const page = await t.app.inject({ method: 'GET', url: '/deadline?receivedOn=2025-09-26&workingDays=20' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /2025年10月30日（星期四）/);
      assert.ok(page.body.includes(WORKED_CASE));

      const future = await t.app.inject({ method: 'GET', url: '/deadline?receivedOn=2026-12-20&workingDays=20' });
      assert.match(future.body, /暂定/);
      assert.match(future.body, /2027 年节假日安排尚未公布/);

      const bad = await t.app.inject({ method: 'GET', url: '/deadline?receivedOn=2025-13-01&workingDays=20' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /收到申请的日期格式应为/);
      assert.match(bad.body, /value="2025-13-01"/, 'what was typed is shown again');
    });

    test('only an administrator reaches the calendar', async () => {
      const anonymous = await t.app.inject({ method: 'GET', url: '/admin/calendar' });
      assert.equal(anonymous.statusCode, 303);
      for (const username of ['city.drafter', 'gkb', 'dongshan.office']) {
        const s = await as(username);
        const res = await s.get('/admin/calendar');
        assert.equal(res.statusCode, 403, username);
        assert.match(res.body, /只有系统管理员/);
        await s.get('/admin');
        const post = await s.post('/admin/calendar/overrides', { day: '2025-10-14', working: '0', note: '越权' });
        assert.equal(post.statusCode, 403);
      }
      assert.equal(await count('calendar_overrides'), 0);
      const page = await (await as('admin')).get('/admin/calendar?year=2025');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /工作日历 · 2025 年/);
      assert.match(page.body, /来自日历数据包/);
      assert.match(page.body, /2025年10月6日<\/td><td>星期一<\/td><td>休息<\/td><td>中秋节/);
      assert.match(page.body, /2025年9月28日<\/td><td>星期日<\/td><td>上班<\/td><td>调休上班/);
    });

    test('an override changes the answer; deleting it changes it back; both are audited', async () => {
      const s = await as('admin');
      await s.get('/admin/calendar?year=2025');
      const before = await version();
      const res = await s.post('/admin/calendar/overrides', { day: '2025-10-14', working: '0', note: '因台风停止办公' });
      assert.equal(res.statusCode, 303, res.body.slice(0, 500));
      // How many deadlines changed depends on the open requests there are.
      assert.match(String(res.headers.location), /^\/admin\/calendar\?year=2025&done=override&n=\d+$/);
      assert.notEqual(await version(), before, 'the calendar version moved on');
      const page = await s.get(String(res.headers.location));
      assert.match(page.body, /已保存调整。已重新计算 \d+ 件未办结申请的答复期限。/);
      assert.match(page.body, /因台风停止办公/);

      const r = await api('receivedOn=2025-09-26&workingDays=20');
      assert.equal(r.body.dueOn, '2025-10-31');
      assert.match(r.body.explanation, /因台风停止办公放假（10月14日）/);

      const deleted = await s.post('/admin/calendar/overrides/2025-10-14/delete', {});
      assert.equal(deleted.statusCode, 303);
      assert.equal((await api('receivedOn=2025-09-26&workingDays=20')).body.dueOn, '2025-10-30');

      // A Saturday worked.
      await s.get('/admin/calendar?year=2025');
      assert.equal((await s.post('/admin/calendar/overrides', { day: '2025-10-18', working: '1', note: '本地调休上班' })).statusCode, 303);
      assert.equal((await api('receivedOn=2025-09-26&workingDays=20')).body.dueOn, '2025-10-29');
      await s.get('/admin/calendar?year=2025');
      await s.post('/admin/calendar/overrides/2025-10-18/delete', {});

      assert.deepEqual(await auditActions(), ['calendar.override_set', 'calendar.override_delete', 'calendar.override_set', 'calendar.override_delete']);
      const event = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'calendar.override_set').orderBy('seq').executeTakeFirstOrThrow();
      assert.equal(event.entity_id, '2025-10-14');
      assert.deepEqual(event.after, { day: '2025-10-14', working: false, note: '因台风停止办公' });
      assert.equal(event.actor_label, '系统管理员（admin）');
    });

    test('bad override input shows the form again and writes nothing', async () => {
      const s = await as('admin');
      await s.get('/admin/calendar');
      const events = (await auditActions()).length;
      const before = await version();
      for (const [form, message] of [
        [{ day: '2025-10-14', working: '0', note: '' }, /请填写说明/],
        [{ day: '2025-13-01', working: '0', note: '本地调整' }, /日期格式应为 年-月-日/],
        [{ day: '', working: '0', note: '本地调整' }, /请填写日期/],
        [{ day: '1999-12-31', working: '0', note: '本地调整' }, /日期应在 2000 年至 2200 年之间/],
        [{ day: '2201-01-01', working: '0', note: '本地调整' }, /日期应在 2000 年至 2200 年之间/],
        [{ day: '2025-10-14', working: 'maybe', note: '本地调整' }, /请选择上班或休息/],
      ] as const) {
        const res = await s.post('/admin/calendar/overrides', form);
        assert.equal(res.statusCode, 400, JSON.stringify(form));
        assert.match(res.body, message, JSON.stringify(form));
        assert.match(res.body, /请修改以下/);
        if (form.note) assert.match(res.body, new RegExp(`value="${form.note}"`), 'what was typed is kept');
      }
      const forged = await s.post('/admin/calendar/overrides', { _csrf: 'forged', day: '2025-10-14', working: '0', note: '伪造' });
      assert.equal(forged.statusCode, 403);
      assert.equal(await count('calendar_overrides'), 0);
      assert.equal((await auditActions()).length, events);
      assert.equal(await version(), before);
    });

    test('2027 is provisional until an administrator confirms its schedule', async () => {
      const s = await as('admin');
      const spanning = 'receivedOn=2026-12-20&workingDays=20';
      assert.equal((await api(spanning)).body.provisional, true);
      assert.equal((await api('receivedOn=2026-11-02&workingDays=20')).body.provisional, false, 'a 2026-only span');
      const page = await s.get('/admin/calendar?year=2027');
      assert.match(page.body, /暂定/);
      assert.match(page.body, /2027年2月9日<\/td><td>星期二<\/td><td>休息<\/td><td>春节补假<\/td><td>法定节假日推算/);

      const unticked = await s.post('/admin/calendar/years/2027/confirm', { confirmNote: '国办发明电〔2026〕7号' });
      assert.equal(unticked.statusCode, 400);
      assert.match(unticked.body, /请勾选确认已按国务院办公厅通知录入该年度放假安排/);
      assert.equal(await count('calendar_years'), 0);

      const confirmed = await s.post('/admin/calendar/years/2027/confirm', { attest: '1', confirmNote: '国办发明电〔2026〕7号' });
      assert.equal(confirmed.statusCode, 303);
      const after = await api(spanning);
      assert.equal(after.body.provisional, false);
      assert.doesNotMatch(after.body.explanation, /暂定/);
      const confirmedPage = await s.get('/admin/calendar?year=2027');
      assert.match(confirmedPage.body, /已由管理员按国务院办公厅通知录入并确认/);
      assert.match(confirmedPage.body, /国办发明电〔2026〕7号/);

      // A year the package carries needs no confirmation.
      const published = await s.post('/admin/calendar/years/2026/confirm', { attest: '1' });
      assert.equal(published.statusCode, 422);
      assert.match(published.body, /已包含在日历数据包中/);

      await s.get('/admin/calendar?year=2027');
      assert.equal((await s.post('/admin/calendar/years/2027/unconfirm', {})).statusCode, 303);
      assert.equal((await api(spanning)).body.provisional, true);
      const actions = await auditActions();
      assert.deepEqual(actions.slice(-2), ['calendar.year_confirm', 'calendar.year_unconfirm']);
    });
  });
}
