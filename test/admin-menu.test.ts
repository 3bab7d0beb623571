import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { adminMenu } from '../src/modules/staff/navigation.js';
import { sessionPool } from './helpers/session.js';
import { buildTestApp, testDatabaseKinds, type TestApp } from './helpers/test-app.js';

/**
 * The back-office menu shows each person exactly the pages their roles open: for every role of
 * the demo site group, the entries shown are the pages that answer 200, and every other menu page
 * answers 403. The workbench lists what waits for them, with counts.
 */
const PEOPLE: [string, string][] = [
  ['admin', '系统管理员（各机构）'],
  ['gkb', '市政务公开办'],
  ['dongshan.office', '县政务公开办'],
  ['city.drafter', '起草人'],
  ['city.reviewer', '审核人'],
  ['city.publisher', '发布人'],
  ['fgw.editor', '部门起草兼发布'],
  ['city.handler', '依申请公开办理人'],
];

const menuOf = (body: string): string[] => {
  const nav = /<nav[^>]*aria-label="后台导航"[^>]*>([\s\S]*?)<\/nav>/.exec(body)?.[1] ?? '';
  return [...nav.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!).filter((h) => h !== '/');
};

for (const kind of testDatabaseKinds()) {
  describe(`the back-office menu by role on ${kind}`, () => {
    let t: TestApp;
    const staff = sessionPool(() => t);
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());
    beforeEach(() => staff.nextTest());

    for (const [username, role] of PEOPLE) {
      test(`${role} (${username}): the entries shown are the pages that open`, async () => {
        const s = await staff.as(username);
        const home = await s.get('/admin');
        assert.equal(home.statusCode, 200);
        const shown = menuOf(home.body);
        const opening: string[] = [];
        for (const e of adminMenu()) {
          const res = await s.get(e.href);
          assert.ok([200, 403].includes(res.statusCode), `${e.href} answers ${res.statusCode}`);
          if (res.statusCode === 200) opening.push(e.href);
        }
        assert.deepEqual(shown, opening);
      });
    }

    test('a handler is not shown the content pages, an editor not the requests', async () => {
      const h = menuOf((await (await staff.as('city.handler')).get('/admin')).body);
      assert.ok(h.includes('/admin/requests') && !h.includes('/admin/documents') && !h.includes('/admin/review'));
      const e = menuOf((await (await staff.as('city.drafter')).get('/admin')).body);
      assert.ok(e.includes('/admin/documents/new') && !e.includes('/admin/requests') && !e.includes('/admin/staff'));
    });

    test('the workbench lists what waits for each person, with counts', async () => {
      const office = await (await staff.as('gkb')).get('/admin');
      assert.match(office.body, /待办/);
      assert.match(office.body, /无办理人机关的申请（由本办办理）<\/a> <strong>\d+<\/strong> 件/);
      assert.match(office.body, /待审核的延期和答复<\/a> <strong>\d+<\/strong> 件/);
      const reviewer = await (await staff.as('city.reviewer')).get('/admin');
      assert.match(reviewer.body, /待我审核的稿件<\/a> <strong>\d+<\/strong> 件/);
      assert.doesNotMatch(reviewer.body, /依申请公开申请/);
      // The demo's open requests of the city: the handler's overdue and due-soon lines count them.
      const handler = await (await staff.as('city.handler')).get('/admin');
      assert.match(handler.body, /已逾期的依申请公开申请<\/a> <strong>\d+<\/strong> 件/);
      assert.doesNotMatch(handler.body, /待我审核/);
    });
  });
}
