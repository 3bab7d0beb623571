import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSkipReason, checkAccessibility, newPage, signedIn, PHONE } from './helpers/browser.js';
import { useServerAndBrowser } from './helpers/setup.js';
import { typeParagraphs } from './helpers/editor.js';

/** Takes one review step on the review page through its own form, and fails with the page's reason if refused. */
async function reviewStep(page: Page, path: string, button: string | RegExp) {
  await page.goto(path);
  const name = typeof button === 'string' ? new RegExp(`^${button}$`) : button;
  const buttons = page.locator('form.card').getByRole('button', { name });
  if ((await buttons.count()) === 0) assert.fail(`no ${button} on ${path}: ${await page.locator('main').innerText()}`);
  await buttons.first().click();
  await page.waitForLoadState();
  if (!/\?done=/.test(page.url())) assert.fail(`${button} refused: ${await page.getByRole('alert').innerText().catch(() => page.url())}`);
}

describe('a visitor asks, is referred to a department, and finds the promoted answer (real server, Chromium)', { skip: browserSkipReason() }, () => {
  // Jobs every second, so the subscription fan-out after publication is seen without waiting 30 s.
  const env = useServerAndBrowser({ env: { JOB_POLL_SECONDS: '1' } });

  test('a cited answer; an unanswerable question sent to 发展改革委; answered, promoted, reviewed and published; the subscriber finds both in the personal center', async () => {
    const base = env.server.baseUrl;
    const visitor = await newPage(env.browser, base, PHONE);
    const v = visitor.page;

    // The visitor signs in to the personal center and subscribes to the topic 综合政务.
    await v.goto('/');
    await v.getByRole('link', { name: '个人中心' }).first().click();
    await v.waitForURL(/\/account\/login/);
    await v.getByLabel('电子邮箱').fill('demo@example.com');
    await v.getByLabel('密码').fill('Gongkai@2026');
    await v.getByRole('button', { name: '登录' }).click();
    await v.waitForURL(/\/account(\?|$)/);
    await v.goto('/account/subscriptions');
    const topicForm = v.locator('#new-topic');
    await topicForm.getByLabel('按主题分类订阅').selectOption({ label: '综合政务' });
    await topicForm.getByRole('button', { name: '订阅' }).click();
    await v.waitForLoadState();
    assert.match(await v.locator('main').innerText(), /综合政务/);

    // A question the library answers: the answer comes with its source and a link.
    await v.goto('/');
    await v.getByRole('link', { name: '智能问答' }).first().click();
    await v.getByLabel('您的问题').fill('买房可以提取公积金吗？');
    await v.getByRole('button', { name: '提问' }).click();
    await v.waitForLoadState();
    assert.equal(await v.locator('#answer-title').innerText(), '答复');
    assert.ok((await v.locator('.answer-lead').innerText()).length > 0, 'the answer in a sentence or two');
    const first = v.locator('.answer-list li').first();
    assert.match(await first.innerText(), /住房公积金/);
    assert.match(await first.innerText(), /来源：/);
    await checkAccessibility(v);
    await first.getByRole('link').first().click();
    await v.waitForLoadState();
    assert.match(v.url(), /\/(qa|documents)\//);

    // A question nobody has answered: the page says so and offers to send it to a department.
    const question = '我们村的光伏发电项目想接入电网，审批要找哪个部门，需要多长时间？';
    await v.goto('/ask');
    await v.getByLabel('您的问题').first().fill(question);
    await v.getByRole('button', { name: '提问' }).click();
    await v.waitForLoadState();
    assert.equal(await v.locator('#answers-title').innerText(), '没有找到确切的答案');
    const referral = v.locator('#referral');
    assert.equal(await referral.getByLabel('您的问题').inputValue(), question);
    await referral.getByLabel('答复部门').selectOption({ label: '江宁市发展和改革委员会' }).catch(async () => {
      const options = await referral.getByLabel('答复部门').locator('option').allInnerTexts();
      await referral.getByLabel('答复部门').selectOption({ label: options.find((o) => o.startsWith('江宁市发展和改革委员会'))! });
    });
    await referral.getByRole('button', { name: '提交给部门' }).click();
    await v.waitForLoadState();
    const trackingNo = (await v.locator('#tracking-no').innerText()).trim();
    assert.match(trackingNo, /^ZX-/);
    assert.match(await v.locator('main').innerText(), /工作日/);
    await checkAccessibility(v);

    // The department's staff answer it and promote it into the library, with the topic.
    const editor = await signedIn(env.browser, base, 'fgw.editor');
    const e = editor.page;
    await e.goto('/admin/referrals');
    await e.getByRole('link', { name: trackingNo }).click();
    const caseUrl = new URL(e.url()).pathname;
    assert.match(await e.locator('main').innerText(), /剩 \d+ 个工作日|今日到期/);
    await typeParagraphs(e, 'f-answerHtml', ['村级光伏项目接入电网，请向供电公司提出并网申请；项目备案由市发展改革委能源科办理，一般在5个工作日内办结。']);
    await e.getByRole('button', { name: '答复并送达' }).click();
    await e.waitForLoadState();
    assert.match(await e.locator('.flash').innerText(), /答复/);
    await checkAccessibility(e);
    await e.goto(caseUrl);
    await e.getByLabel('主题分类').selectOption({ label: '综合政务' });
    await e.getByRole('button', { name: '转为政策问答并送审' }).click();
    await e.waitForURL(/\/admin\/review\/qa\/\d+/);
    const reviewPath = new URL(e.url()).pathname;

    // Its reviewer approves it; the publisher publishes it.
    const reviewer = await signedIn(env.browser, base, 'fgw.reviewer');
    await reviewStep(reviewer.page, reviewPath, /通过$/);
    await reviewStep(e, reviewPath, '发布');

    // The visitor finds the answer to their question and the new entry in the personal center.
    let inbox = '';
    for (let i = 0; i < 30; i++) {
      await v.goto('/account');
      inbox = await v.locator('main').innerText();
      if ((inbox.match(/光伏发电项目/g) ?? []).length >= 2) break;
      await v.waitForTimeout(1000);
    }
    assert.ok((inbox.match(/光伏发电项目/g) ?? []).length >= 2, `both the answer and the new entry are in the inbox:\n${inbox}`);
    await checkAccessibility(v);
    await v.locator('main').getByRole('link', { name: /光伏发电项目/ }).first().click();
    await v.waitForLoadState();
    assert.match(await v.locator('main').innerText(), /供电公司/);
  });
});
