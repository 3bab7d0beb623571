import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import mammoth from 'mammoth';
import type { Page } from 'playwright-core';
import { toChinaDate } from '../src/platform/clock/clock.js';
import { browserSkipReason, checkAccessibility, newPage, signedIn, PHONE } from './helpers/browser.js';
import { useServerAndBrowser } from './helpers/setup.js';

const ID_NUMBER = '11010519491231002X';

/** Takes one step on the case page through its own small form, and expects the page to say it was done. */
async function step(page: Page, caseUrl: string, button: string, fill: Record<string, string> = {}, select: Record<string, string> = {}) {
  await page.goto(caseUrl);
  const form = page.locator('form.action-form', { has: page.getByRole('button', { name: button, exact: true }) });
  for (const [label, value] of Object.entries(fill)) await form.getByLabel(label).fill(value);
  for (const [label, value] of Object.entries(select)) await form.getByLabel(label).selectOption(value);
  await form.getByRole('button', { name: button, exact: true }).click();
  await page.waitForLoadState();
  const flash = await page.locator('.flash').innerText().catch(async () => assert.fail(`${button} refused: ${await page.getByRole('alert').innerText().catch(() => page.url())}`));
  return flash;
}

describe('a disclosure request from application to reply (real server, Chromium)', { skip: browserSkipReason() }, () => {
  const env = useServerAndBrowser();

  test('a citizen applies on a phone; the handler asks for a correction, consults, extends with the office’s approval and replies 部分公开; the citizen downloads the letter; table 3 counts it', async () => {
    const base = env.server.baseUrl;
    const subject = '东山区 2025 年老旧小区加装电梯补贴发放情况';

    // The citizen applies on a phone.
    const citizen = await newPage(env.browser, base, PHONE);
    const c = citizen.page;
    await c.goto('/');
    await c.getByRole('link', { name: '申请公开' }).first().click();
    await c.getByLabel('受理机关').selectOption({ label: '江宁市人民政府' });
    await c.getByLabel('自然人（个人）').check();
    await c.getByLabel('姓名或单位名称').fill('王秀兰');
    await c.getByLabel('证件类型').selectOption('id_card');
    await c.getByLabel('证件号码').fill(ID_NUMBER);
    await c.getByLabel('联系电话').fill('13912345678');
    await c.getByLabel('所需信息的名称').fill(subject);
    await c.getByLabel('所需信息的内容描述').fill('申请获取 2025 年加装电梯补贴的发放情况。');
    await c.getByLabel('电子文档').check();
    await c.getByLabel('网上获取（在本平台查询下载）').check();
    await checkAccessibility(c);
    await c.getByRole('button', { name: '提交申请' }).last().click();
    await c.waitForURL(/\/apply\/receipt$/);
    const trackingNo = (await c.locator('#tracking-no').innerText()).trim();
    const accessCode = (await c.locator('#access-code').innerText()).trim();
    assert.match(trackingNo, /^CITY-\d{4}-\d{5}$/);
    assert.match(accessCode, /^[2-9A-Z]{8}$/);

    // The handler registers it and asks, once, for a correction.
    const handler = await signedIn(env.browser, base, 'city.handler');
    const h = handler.page;
    await h.goto('/admin/requests?view=pending');
    await h.getByRole('link', { name: trackingNo }).click();
    const caseUrl = new URL(h.url()).pathname;
    assert.match(await step(h, caseUrl, '登记受理'), /已登记受理/);
    await checkAccessibility(h);
    assert.match(await step(h, caseUrl, '告知补正', { 需要补正的事项: '请写明所需信息涉及的小区名称。' }), /已发出补正告知/);

    // The citizen answers the correction online.
    await c.goto('/requests/track');
    await c.getByLabel('申请编号').fill(trackingNo);
    await c.getByLabel('查询码').fill(accessCode);
    await c.getByRole('button', { name: '查询' }).click();
    await c.waitForURL(/\/requests\/CITY-/);
    assert.match(await c.locator('main').innerText(), /请写明所需信息涉及的小区名称/);
    await c.getByLabel('补正后的内容描述').fill('申请获取东山区文靖小区 2025 年加装电梯补贴的发放情况。');
    await c.getByRole('button', { name: '提交补正' }).click();
    await c.waitForLoadState();
    assert.match(await c.locator('main').innerText(), /收到补正后的申请/);

    // The handler consults the building's property company, then asks for an extension.
    assert.match(await step(h, caseUrl, '征求意见', { '征求意见对象（第三方或有关机关）': '江宁市文靖物业管理有限公司' }), /征求意见期间不计入答复期限/);
    assert.match(await step(h, caseUrl, '征求意见结束', { '意见情况（同意公开、不同意及理由、逾期未答复等）': '不同意公开业主个人信息' }), /恢复计时/);
    assert.match(await step(h, caseUrl, '申请延期答复', { 延长的工作日数: '20', 延期理由: '涉及多个小区，需要逐户核对' }), /待政务公开办批准/);

    // The disclosure office approves the extension.
    const office = await signedIn(env.browser, base, 'gkb');
    assert.match(await step(office.page, caseUrl, '批准延期'), /已批准延期 20 个工作日/);

    // The handler writes the reply from the template, edits it and sends it.
    await h.goto(caseUrl);
    await h.getByLabel('办理结果（年度报告表三的分类）').selectOption('partial');
    await h.getByLabel('公开的内容或获取方式（予以公开、部分公开）').fill('补贴发放汇总表');
    await h.getByLabel('不予公开或不予提供的具体理由').fill('业主姓名、房号属于个人隐私');
    await h.getByRole('button', { name: '按所选结果生成答复书' }).click();
    await h.waitForLoadState();
    const body = h.getByLabel('答复书正文（可修改；段落之间空一行）');
    assert.match(await body.inputValue(), /第三十七条/);
    await body.fill(`${await body.inputValue()}\n\n联系人：市政府办公室政务公开科。`);
    await h.getByRole('button', { name: '保存答复书草稿' }).click();
    await h.waitForLoadState();
    assert.match(await step(h, caseUrl, '发出答复'), /部分公开/);

    // The citizen sees every step with its date and downloads the Word letter.
    await c.goto(`/requests/${trackingNo}`);
    const status = await c.locator('main').innerText();
    const today = toChinaDate(new Date());
    for (const label of ['登记受理', '告知补正', '收到补正', '征求第三方意见', '延期答复', '答复']) assert.match(status, new RegExp(label), label);
    const [y, m, d] = today.split('-').map(Number);
    assert.match(status, new RegExp(`${y}年${m}月${d}日`), 'each step with its date');
    await checkAccessibility(c);
    const [download] = await Promise.all([c.waitForEvent('download'), c.getByRole('link', { name: /下载 Word/ }).last().click()]);
    const docx = await readFile((await download.path())!);
    assert.equal(docx.subarray(0, 2).toString(), 'PK');
    const text = (await mammoth.extractRawText({ buffer: docx })).value;
    assert.match(text, /政府信息公开申请答复书/);
    assert.match(text, /王秀兰/);
    assert.match(text, /联系人：市政府办公室政务公开科/);

    // The year's table 3 counts it under 部分公开, 自然人.
    await h.goto(`/admin/requests/report?year=${today.slice(0, 4)}`);
    const row = h.locator('tr', { has: h.locator('th', { hasText: /^（二）部分公开/ }) });
    assert.equal((await row.locator('td').first().innerText()).trim(), '1');
    await checkAccessibility(h);
  });
});
