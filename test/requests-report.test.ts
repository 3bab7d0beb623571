import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { AppealKind, AppealResult, ApplicantKind } from '../src/db/schema.js';
import { requestReportCounts } from '../src/modules/requests/report/queries.js';
import { buildTable3, checkTable3, table3Cell, TABLE3_COLUMNS, TABLE3_ROWS } from '../src/modules/requests/report/table3.js';
import { buildTable4, checkTable4 } from '../src/modules/requests/report/table4.js';
import { TABLE3_SHEET, TABLE4_SHEET } from '../src/modules/requests/report/xlsx.js';
import { sessionPool } from './helpers/session.js';
import { buildTestApp, testDatabaseKinds, type TestApp } from './helpers/test-app.js';

/** One request as the scenario needs it; every other NOT NULL column gets a plausible value. */
interface R { kind: ApplicantKind; received: string | null; closed?: string; outcome?: string; status?: 'pending' | 'withdrawn' }

/** The seven cells of one row of table 3 on the page, by the row's id. */
function htmlRow(body: string, key: string): string[] {
  const tr = new RegExp(`<tr id="t3-${key}">(.*?)</tr>`).exec(body);
  assert.ok(tr, `row ${key} is on the page`);
  return [...tr[1]!.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]!);
}

for (const kind of testDatabaseKinds()) {
  describe(`the annual report's request tables on ${kind}`, () => {
    let t: TestApp;
    let city: number;
    let fgw: number;
    let czj: number;
    const ids = new Map<string, number>();
    let n = 0;

    async function add(org: number, name: string, r: R) {
      n += 1;
      const row = await t.db
        .insertInto('requests')
        .values({
          org_id: org, tracking_no: `YSQ-TEST-${n}`, access_code_hash: 'x', channel: 'online',
          status: r.status ?? (r.closed ? 'replied' : r.received ? 'handling' : 'pending'),
          applicant_kind: r.kind, applicant_sealed: 'x', applicant_masked: '张*', applicant_key: `k${n}`,
          subject: `测试申请 ${name}`, description: '申请公开有关政府信息。', provide_form: 'electronic', delivery_method: 'online',
          submitted_at: `${r.received ?? '2025-05-01'}T09:00:00+08:00`, received_on: r.received,
          closed_on: r.closed ?? null, outcome: r.outcome ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.set(name, row.id);
    }
    async function appeal(name: string, kind: AppealKind, filed: string, result: AppealResult, decided: string | null) {
      await t.db.insertInto('request_appeals').values({ request_id: ids.get(name)!, kind, filed_on: filed, result, decided_on: decided }).execute();
    }

    before(async () => {
      t = await buildTestApp(kind);
      const org = async (slug: string) => (await t.db.selectFrom('organizations').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
      [city, fgw, czj] = [await org('city'), await org('fgw'), await org('czj')];
      const empty = buildTable3((await requestReportCounts(t.db, city, 2025)).table3);
      assert.equal(table3Cell(empty, 'received', 'total') + table3Cell(empty, 'carried_over', 'total'), 0, 'the demo has no 2025 requests for the city: the scenario below is its whole year');

      // Received in 2024: closed in 2024 (not in 2025 at all), closed in 2025, open at the end of 2025, closed in 2026.
      await add(city, 'A0', { kind: 'natural', received: '2024-06-01', closed: '2024-07-01', outcome: 'disclose' });
      await add(city, 'A1', { kind: 'natural', received: '2024-11-20', closed: '2025-01-10', outcome: 'disclose' });
      await add(city, 'A2', { kind: 'natural', received: '2024-12-25' });
      await add(city, 'A3', { kind: 'business', received: '2024-12-30', closed: '2026-01-05', outcome: 'partial' });
      // Received and closed in 2025, with varied outcomes and applicants (B11 on both boundary days).
      await add(city, 'B1', { kind: 'natural', received: '2025-03-01', closed: '2025-03-20', outcome: 'disclose' });
      await add(city, 'B2', { kind: 'natural', received: '2025-04-01', closed: '2025-04-25', outcome: 'withhold_secret' });
      await add(city, 'B3', { kind: 'business', received: '2025-05-06', closed: '2025-05-30', outcome: 'unable_not_held' });
      await add(city, 'B4', { kind: 'research', received: '2025-06-02', closed: '2025-06-20', outcome: 'reject_repeat' });
      await add(city, 'B5', { kind: 'legal_service', received: '2025-07-01', closed: '2025-07-10', outcome: 'other_other', status: 'withdrawn' });
      await add(city, 'B6', { kind: 'natural', received: '2025-08-01', closed: '2025-08-15', outcome: 'unable_not_held' });
      await add(city, 'B7', { kind: 'public_interest', received: '2025-09-01', closed: '2025-09-28', outcome: 'withhold_third_party' });
      await add(city, 'B8', { kind: 'other', received: '2025-10-09', closed: '2025-10-30', outcome: 'partial' });
      await add(city, 'B11', { kind: 'natural', received: '2025-01-01', closed: '2025-12-31', outcome: 'other_no_correction' });
      // Received in 2025 and concluded in 2026, or still open.
      await add(city, 'B9', { kind: 'natural', received: '2025-12-20', closed: '2026-01-08', outcome: 'disclose' });
      await add(city, 'B10', { kind: 'other', received: '2025-12-31' });
      // Not counted for 2025: received in 2026; awaiting registration; withdrawn before registration; another organization.
      await add(city, 'C1', { kind: 'natural', received: '2026-01-05', closed: '2026-02-01', outcome: 'disclose' });
      await add(city, 'D1', { kind: 'natural', received: null });
      await add(city, 'D2', { kind: 'business', received: null, closed: '2025-05-01', outcome: 'other_other', status: 'withdrawn' });
      await add(fgw, 'E1', { kind: 'natural', received: '2025-03-01', closed: '2025-03-10', outcome: 'disclose' });
      await add(fgw, 'E2', { kind: 'natural', received: '2024-12-01' });

      await appeal('A1', 'review', '2025-02-01', 'upheld', '2025-04-01');
      await appeal('B2', 'review', '2025-05-01', 'corrected', '2025-07-01');
      await appeal('B3', 'review', '2025-11-01', 'upheld', '2026-01-20'); // decided in 2026: 尚未审结 at the end of 2025
      await appeal('B7', 'litigation', '2025-08-01', 'pending', null);
      await appeal('B4', 'litigation', '2025-06-01', 'other', '2025-10-01');
      await appeal('B2', 'litigation_after_review', '2025-09-01', 'upheld', '2025-12-31');
      await appeal('A0', 'review', '2024-12-01', 'upheld', '2025-01-15'); // filed in 2024
      await appeal('B9', 'review', '2026-02-01', 'pending', null); // filed in 2026
      await appeal('E1', 'review', '2025-03-20', 'upheld', '2025-05-01'); // another organization
    });
    after(() => t.close());
    const pool = sessionPool(() => t);
    const as = pool.as;
    beforeEach(() => pool.nextTest());

    /** The city's 2025 table 3, worked out by hand from the scenario, column by column. */
    const EXPECTED: Record<string, number[]> = {
      //                自然人 商业 科研 公益 法律 其他 总计
      // 一: B1 B2 B6 B9 B11 | B3 | B4 | B7 | B5 | B8 B10 (not A*, C1, D*, E*)
      received: [5, 1, 1, 1, 1, 2, 11],
      // 二: A1 A2 | A3 — received in 2024 and open on 1 January 2025 (A0 closed in 2024; E2 is another organ's)
      carried_over: [2, 1, 0, 0, 0, 0, 3],
      disclose: [2, 0, 0, 0, 0, 0, 2], // A1, B1 (B9 and C1 close in 2026; E1 is another organ's)
      partial: [0, 0, 0, 0, 0, 1, 1], // B8 (A3 closes in 2026)
      withhold: [1, 0, 0, 1, 0, 0, 2], // B2 国家秘密, B7 第三方合法权益
      withhold_secret: [1, 0, 0, 0, 0, 0, 1],
      withhold_third_party: [0, 0, 0, 1, 0, 0, 1],
      unable: [1, 1, 0, 0, 0, 0, 2], // B6, B3
      unable_not_held: [1, 1, 0, 0, 0, 0, 2],
      reject_repeat: [0, 0, 1, 0, 0, 0, 1], // B4
      other: [1, 0, 0, 0, 1, 0, 2], // B11 逾期不补正, B5 withdrawn (D2 was never registered)
      other_no_correction: [1, 0, 0, 0, 0, 0, 1],
      other_other: [0, 0, 0, 0, 1, 0, 1],
      total: [5, 1, 1, 1, 1, 1, 10],
      // 四: A2 B9 | A3 | B10 — received by 31 December 2025 and not concluded by then
      carried_forward: [2, 1, 0, 0, 0, 1, 4],
    };
    const columnsOf = (cells: Record<string, number>) => TABLE3_COLUMNS.map((c) => cells[c.key]);

    test('the counts give the hand-worked table 3 and table 4, and every consistency rule holds', async () => {
      const counts = await requestReportCounts(t.db, city, 2025);
      const t3 = buildTable3(counts.table3);
      for (const [row, expected] of Object.entries(EXPECTED)) assert.deepEqual(columnsOf(t3[row]!), expected, row);
      assert.equal(table3Cell(t3, 'withhold_process', 'total'), 0);
      // 一 + 二 = 三（七）总计 + 四 in total: 11 + 3 = 10 + 4.
      assert.equal(table3Cell(t3, 'received', 'total') + table3Cell(t3, 'carried_over', 'total'), table3Cell(t3, 'total', 'total') + table3Cell(t3, 'carried_forward', 'total'));
      assert.deepEqual(checkTable3(t3), []);

      const t4 = buildTable4(counts.table4);
      assert.deepEqual(t4.review, { upheld: 1, corrected: 1, other: 0, pending: 1, total: 3 }, 'A1 upheld, B2 corrected, B3 decided in 2026 so pending');
      assert.deepEqual(t4.litigation, { upheld: 0, corrected: 0, other: 1, pending: 1, total: 2 }, 'B4 other, B7 pending');
      assert.deepEqual(t4.litigation_after_review, { upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 }, 'B2 upheld on 31 December');
      assert.deepEqual(checkTable4(t4), []);

      // The other organization's year: E1 received and concluded, E2 carried over and forward.
      const other = buildTable3((await requestReportCounts(t.db, fgw, 2025)).table3);
      assert.deepEqual([table3Cell(other, 'received', 'total'), table3Cell(other, 'carried_over', 'total'), table3Cell(other, 'disclose', 'natural'), table3Cell(other, 'carried_forward', 'total')], [1, 1, 1, 1]);
      assert.equal(buildTable4((await requestReportCounts(t.db, fgw, 2025)).table4).review.upheld, 1);
    });

    test("the handler's page shows both tables with the printed headers, the numbers in their cells, and the check passed", async () => {
      const s = await as('city.handler');
      const res = await s.get(`/admin/requests/report?org=${city}&year=2025`);
      assert.equal(res.statusCode, 200, res.body.slice(0, 300));
      for (const [row, expected] of Object.entries(EXPECTED)) assert.deepEqual(htmlRow(res.body, row), expected.map(String), row);
      assert.match(res.body, /勾稽关系校验：全部通过/);
      assert.match(res.body, /<th id="t3c-applicants" colspan="7" scope="colgroup">申请人情况<\/th>/);
      assert.match(res.body, /<th id="t3c-legal" colspan="5" scope="colgroup">法人或其他组织<\/th>/);
      assert.match(res.body, /<th id="t3r-results" rowspan="26" scope="rowgroup">三、本年度办理结果<\/th>/);
      assert.match(res.body, /（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）/);
      for (const r of TABLE3_ROWS) assert.ok(res.body.includes(r.label), r.label);
      // Table 4: 行政复议 | 未经复议直接起诉 | 复议后起诉, five cells each.
      const t4 = /<tr id="t4-values">(.*?)<\/tr>/.exec(res.body)![1]!;
      assert.deepEqual([...t4.matchAll(/<td[^>]*>(\d+)<\/td>/g)].map((m) => Number(m[1])), [1, 1, 0, 1, 3, 0, 0, 1, 1, 2, 1, 0, 0, 0, 1]);
      assert.match(res.body, /<th id="t4c-litigation" colspan="10" scope="colgroup">行政诉讼<\/th>/);
      // Without parameters: the handler's own organization and last year.
      const dflt = await s.get('/admin/requests/report');
      assert.equal(dflt.statusCode, 200);
      assert.deepEqual(htmlRow(dflt.body, 'received'), EXPECTED.received!.map(String));
      assert.match(dflt.body, /<option value="2025" selected>2025年<\/option>/);
    });

    test('the XLSX file has both tables with the same numbers and a Chinese file name', async () => {
      const res = await (await as('city.handler')).get(`/admin/requests/report.xlsx?org=${city}&year=2025`);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /spreadsheetml/);
      const disposition = String(res.headers['content-disposition']);
      assert.match(disposition, /^attachment; filename="requests-report-2025\.xlsx"; filename\*=UTF-8''/);
      assert.equal(decodeURIComponent(disposition.split("UTF-8''")[1]!), '政府信息公开申请情况统计-江宁市人民政府-2025年度.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws3 = wb.getWorksheet(TABLE3_SHEET)!;
      const byLabel = new Map<string, number[]>();
      ws3.eachRow((row) => {
        const label = String(row.getCell(2).value ?? '');
        if (TABLE3_ROWS.some((r) => r.label === label)) byLabel.set(label, [3, 4, 5, 6, 7, 8, 9].map((c) => Number(row.getCell(c).value)));
      });
      for (const r of TABLE3_ROWS) assert.ok(byLabel.has(r.label), `${r.label} is in the sheet`);
      for (const [row, expected] of Object.entries(EXPECTED)) assert.deepEqual(byLabel.get(TABLE3_ROWS.find((r) => r.key === row)!.label), expected, row);
      assert.equal(ws3.getCell('C3').value, '申请人情况');
      assert.equal(ws3.getCell('D4').value, '法人或其他组织');
      assert.ok(ws3.getSheetValues().some((v) => Array.isArray(v) && v.includes('勾稽关系校验：全部通过。')));
      const ws4 = wb.getWorksheet(TABLE4_SHEET)!;
      assert.equal(ws4.getCell('A3').value, '行政复议');
      assert.equal(ws4.getCell('F3').value, '行政诉讼');
      assert.deepEqual(Array.from({ length: 15 }, (_, i) => ws4.getRow(6).getCell(i + 1).value), [1, 1, 0, 1, 3, 0, 0, 1, 1, 2, 1, 0, 0, 0, 1]);
    });

    test('scope: the disclosure office sees the departments below it; another organization gets 404; no role, 403', async () => {
      const gkb = await as('gkb');
      const dept = await gkb.get(`/admin/requests/report?org=${fgw}&year=2025`);
      assert.equal(dept.statusCode, 200);
      assert.deepEqual(htmlRow(dept.body, 'received'), ['1', '0', '0', '0', '0', '0', '1']);
      assert.equal((await gkb.get(`/admin/requests/report?org=${city}&year=2025`)).statusCode, 200);
      const county = await as('dongshan.office');
      const res = await county.get(`/admin/requests/report?org=${city}&year=2025`);
      assert.equal(res.statusCode, 404);
      assert.match(res.body, /无权查看其依申请公开统计/);
      assert.equal((await county.get(`/admin/requests/report.xlsx?org=${city}&year=2025`)).statusCode, 404);
      assert.equal((await (await as('city.drafter')).get(`/admin/requests/report?org=${city}`)).statusCode, 403);
      assert.equal((await t.app.inject(`/admin/requests/report?org=${city}`)).statusCode, 303, 'anonymous visitors go to the login page');
      const handler = await as('city.handler');
      assert.equal((await handler.get(`/admin/requests/report?org=${city}&year=25`)).statusCode, 400);
      assert.equal((await handler.get(`/admin/requests/report?org=${city}&year=2099`)).statusCode, 400);
    });

    test('data that breaks the rules (concluded before it was received) is shown with the violated rule', async () => {
      await add(czj, 'F1', { kind: 'natural', received: '2026-01-10', closed: '2025-12-01', outcome: 'disclose' });
      const res = await (await as('gkb')).get(`/admin/requests/report?org=${czj}&year=2025`);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /勾稽关系校验未通过，共 2 处/);
      assert.ok(res.body.includes('自然人：第一项（0）加第二项（0）之和为 0，不等于第三项（七）总计（1）加第四项（0）之和 1'));
      assert.ok(res.body.includes('总计：第一项（0）加第二项（0）之和为 0，不等于第三项（七）总计（1）加第四项（0）之和 1'));
    });
  });
}
