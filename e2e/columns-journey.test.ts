import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { toChinaDate } from '../src/platform/clock/clock.js';
import { browserSkipReason, checkAccessibility, launchBrowser, newPage, signedIn } from './helpers/browser.js';
import { typeParagraphs } from './helpers/editor.js';
import { startServer, type RunningServer } from './helpers/server.js';

/** A China date `days` after `date`. */
const plusDays = (date: string, days: number) => toChinaDate(new Date(Date.parse(`${date}T12:00:00+08:00`) + days * 86_400_000));

/** Takes a review step on an information item's review page. */
async function reviewStep(page: Page, id: number, button: string) {
  await page.goto(`/admin/review/info/${id}`);
  await page.locator('form.card', { has: page.getByRole('button', { name: button, exact: true }) }).getByRole('button', { name: button, exact: true }).click();
  await page.waitForURL(/\?done=/).catch(async () => assert.fail(`${button} was not taken:\n${await page.locator('main').innerText()}`));
}

/** The titles a public list page shows. */
async function listedTitles(page: Page, url: string): Promise<string> {
  const res = await page.goto(url);
  assert.equal(res?.status(), 200, url);
  return page.locator('main').innerText();
}

/**
 * 公示 through 报送 (issue 13): a department drafts a 公示 and submits it into the city's 专题; the city
 * accepts it; the public finds it in the 专题 and in the department's catalog; when the period ends
 * (the server restarted on the rehearsal clock, CLOCK_START) it leaves every public list and its
 * page keeps only the take-down notice.
 */
describe('a department’s 公示 in the city’s 专题, until its period ends (real server, Chromium)', { skip: browserSkipReason() }, () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gongkai-e2e-columns-'));
  const env = { JOB_POLL_SECONDS: '1' };
  let server: RunningServer;
  let browser: Browser;
  before(async () => {
    [server, browser] = await Promise.all([startServer({ dataDir, env }), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('drafted, reviewed, submitted (报送), accepted, found by the public, taken down with its notice when the period ends', async () => {
    const word = randomBytes(3).toString('hex');
    const title = `关于2026年度江宁市技能大师工作室（${word}）拟认定名单的公示`;
    const today = toChinaDate(new Date());
    const end = plusDays(today, 4);

    // 1. The human resources bureau's editor drafts the 公示 (category 公示 files it in the bureau's 公示 column).
    const editor = await signedIn(browser, server.baseUrl, 'rsj.editor');
    const { page } = editor;
    await page.goto('/admin/items/new');
    assert.equal(await page.locator('h1').innerText(), '新建信息');
    await page.getByLabel('栏目类别').selectOption({ label: '公示' });
    await page.getByLabel('标题').fill(title);
    await page.getByLabel('主题分类').selectOption({ label: '劳动、人事、监察\\劳动就业' });
    await page.getByLabel('来源').fill('市人社局职业能力建设处');
    await page.getByLabel('公示开始日期').fill(today);
    await page.getByLabel('公示结束日期').fill(end);
    await page.getByLabel('公示范围').selectOption({ label: '全社会' });
    await page.getByLabel('公示期满后').selectOption({ label: '公示期满后撤下，页面只保留撤下说明' });
    await typeParagraphs(page, 'f-bodyHtml', [
      '经单位申报、专家评审，拟认定以下3个工作室为2026年度江宁市技能大师工作室：数控加工技能大师工作室、电工技能大师工作室、中式烹调技能大师工作室。',
      '公示期为5个工作日。公示期间如有异议，请以书面形式向市人社局职业能力建设处反映。',
    ]);
    await checkAccessibility(page);
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\/admin\/items\/\d+\?saved=/);
    const id = Number(/items\/(\d+)/.exec(page.url())![1]);
    assert.match(await page.locator('main').innerText(), /草稿/);
    await reviewStep(page, id, '提交审核');

    // 2. The bureau's reviewer approves; its editor, also its publisher, publishes.
    const reviewer = await signedIn(browser, server.baseUrl, 'rsj.reviewer');
    await reviewStep(reviewer.page, id, '终审通过');
    assert.deepEqual(reviewer.problems, []);
    await reviewer.context.close();
    await reviewStep(page, id, '发布');
    assert.match(await page.locator('main').innerText(), /已发布/);

    // 3. It submits (报送) the 公示 into the city's 专题 “优化营商环境 › 就业与社保”.
    await page.goto('/admin/columns');
    await page.locator('section', { has: page.getByRole('heading', { name: '专题专栏', exact: true }) }).getByRole('link', { name: '就业与社保' }).click();
    assert.equal(await page.locator('h2#place-h').innerText(), '报送信息', 'the column is the city’s: the bureau submits, it does not place');
    await page.getByLabel('按标题查找本机构的信息').fill(word);
    await page.getByRole('button', { name: '查找' }).click();
    await page.getByLabel(new RegExp(title.replace(/[()（）]/g, '.'))).check();
    await page.getByRole('button', { name: '报送', exact: true }).click();
    await page.waitForURL(/done=/);
    assert.match(await page.locator('main').innerText(), /待采用/);
    await checkAccessibility(page);

    // Until the city accepts, the 专题 does not show it.
    const visitor = await newPage(browser, server.baseUrl);
    assert.doesNotMatch(await listedTitles(visitor.page, '/columns/yhyshj-jysb'), new RegExp(word));

    // 4. The city's publisher accepts it from the queue.
    const city = await signedIn(browser, server.baseUrl, 'city.publisher');
    await city.page.goto('/admin/columns');
    const queue = city.page.locator('section', { has: city.page.getByRole('heading', { name: /待采用的报送/ }) });
    const row = queue.locator('tr', { hasText: word });
    await row.getByRole('button', { name: '采用' }).click();
    await city.page.waitForURL(/done=decided/);
    assert.deepEqual(city.problems, []);
    await city.context.close();

    // 5. The public finds it in the 专题 (and its parent), in the bureau's catalog and among the 公示.
    for (const url of ['/columns/yhyshj-jysb', '/columns/yhyshj', '/org/rsj/catalog/gsgg', '/items?category=publicity']) {
      assert.match(await listedTitles(visitor.page, url), new RegExp(word), `${url} lists the 公示`);
    }
    await visitor.page.goto('/columns/yhyshj-jysb');
    await visitor.page.getByRole('link', { name: title }).click();
    const pageText = await visitor.page.locator('main').innerText();
    assert.match(pageText, /公示期/);
    assert.match(pageText, /技能大师工作室/);
    await checkAccessibility(visitor.page);
    const itemUrl = new URL(visitor.page.url()).pathname;
    assert.deepEqual(visitor.problems, []);
    assert.deepEqual(editor.problems, []);
    await visitor.context.close();
    await editor.context.close();

    // 6. The period ends: the server starts again the morning after the last day (the rehearsal
    // clock) and its daily job takes the 公示 down.
    await server.stop();
    server = await startServer({ dataDir, env: { ...env, CLOCK_START: `${plusDays(end, 1)}T09:00:00+08:00` } });
    const after = await newPage(browser, server.baseUrl);
    const deadline = Date.now() + 30_000;
    while (new RegExp(word).test(await listedTitles(after.page, '/items?category=publicity'))) {
      assert.ok(Date.now() < deadline, 'the take-down job ran within 30 seconds of the start');
      await new Promise((r) => setTimeout(r, 1000));
    }
    for (const url of ['/columns/yhyshj-jysb', '/columns/yhyshj', '/org/rsj/catalog/gsgg']) {
      assert.doesNotMatch(await listedTitles(after.page, url), new RegExp(word), `${url} no longer lists it`);
    }
    const res = await after.page.goto(itemUrl);
    assert.equal(res?.status(), 200, 'its address still answers, with the notice');
    const notice = await after.page.locator('main').innerText();
    assert.match(notice, /公示期已满，\s*本公示已于.*撤下/);
    assert.doesNotMatch(notice, /数控加工技能大师工作室/, 'the content itself is gone');
    await checkAccessibility(after.page);
    assert.deepEqual(after.problems, []);
    await after.context.close();
  });
});
