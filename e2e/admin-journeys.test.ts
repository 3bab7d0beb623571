import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSkipReason, checkAccessibility, newPage } from './helpers/browser.js';
import { useServerAndBrowser } from './helpers/setup.js';
import { typeParagraphs } from './helpers/editor.js';

const PASSWORD = 'Gongkai@2026';
const FGW_DRAFT = '江宁市数字经济发展三年行动计划（征求意见稿）';

/** A word that occurs in no demo document, so a search for it finds only what the test made. */
const uniqueWord = () => `jnq${randomBytes(4).toString('hex')}`;

async function logIn(page: Page, username: string, opts: { a11y?: boolean } = {}) {
  await page.goto('/admin/login');
  assert.equal(await page.locator('h1').innerText(), '工作人员登录');
  if (opts.a11y) await checkAccessibility(page);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/admin$/);
}

/** Fills the new-document form the way a drafter would (公开机构 and 发文机关 keep their defaults). */
async function fillNewDocument(page: Page, d: { title: string; docNo: string; body: string }) {
  await page.goto('/admin/documents/new');
  assert.equal(await page.locator('h1').innerText(), '新建文件');
  await page.getByLabel('标题').fill(d.title);
  await page.getByLabel('发文字号').fill(d.docNo);
  await page.getByLabel('文种').selectOption('其他文件');
  await page.getByLabel('成文日期').fill('2026-11-20');
  await page.getByLabel('主题分类').selectOption({ label: '国民经济管理、国有资产监管\\经济运行' });
  await typeParagraphs(page, 'f-bodyHtml', [d.body]);
}

/** Takes a review step from the item's review page. */
async function reviewStep(page: Page, docId: number, button: string) {
  await page.goto(`/admin/review/document/${docId}`);
  await page.locator('form.card', { has: page.getByRole('button', { name: button, exact: true }) }).getByRole('button', { name: button, exact: true }).click();
  await page.waitForURL(/\?done=/);
}

/** Searches the public library the way a visitor does and returns the result titles. */
async function searchLibrary(page: Page, q: string): Promise<{ status: string; titles: string[] }> {
  await page.goto('/library');
  await page.locator('#q').fill(q);
  await page.locator('form.library').getByRole('button', { name: '搜索' }).click();
  await page.waitForURL(/\/library\?/);
  return { status: await page.getByRole('status').innerText(), titles: await page.locator('ol.list > li h2 a').allInnerTexts() };
}

describe('back-office journeys (real server, Chromium)', { skip: browserSkipReason() }, () => {
  const env = useServerAndBrowser();

  test('a department drafts a document, its reviewer approves, its publisher publishes, and the public finds it', async () => {
    const { context, page, problems } = await newPage(env.browser, env.server.baseUrl);
    try {
      await logIn(page, 'fgw.editor', { a11y: true });
      assert.match(await page.locator('header').innerText(), /市发展改革委编辑/);
      await checkAccessibility(page);

      const word = uniqueWord();
      const title = `江宁市发展和改革委员会关于开展${word}专项行动的通知`;
      await fillNewDocument(page, { title, docNo: '宁发改规〔2026〕31号', body: `各县人民政府，市各有关单位：\n现就开展${word}专项行动有关事项通知如下。` });
      assert.equal(await page.getByLabel('公开机构').locator('option:checked').innerText(), '江宁市发展和改革委员会');
      await checkAccessibility(page);
      await page.getByRole('button', { name: '保存' }).click();
      await page.waitForURL(/\/admin\/documents\/\d+\?saved=1$/);
      const docId = Number(/documents\/(\d+)/.exec(page.url())![1]);
      assert.match(await page.locator('main').innerText(), /状态：草稿/);
      await reviewStep(page, docId, '提交审核');
      assert.match(await page.locator('main').innerText(), /待终审/);
      await checkAccessibility(page);

      // The department's reviewer (one level) approves from the workbench; the editor, also its publisher, publishes.
      const reviewer = await newPage(env.browser, env.server.baseUrl);
      try {
        await logIn(reviewer.page, 'fgw.reviewer');
        await reviewer.page.goto('/admin/review');
        await reviewer.page.getByRole('link', { name: title }).click();
        await reviewStep(reviewer.page, docId, '终审通过');
        assert.deepEqual(reviewer.problems, []);
      } finally {
        await reviewer.context.close();
      }
      await reviewStep(page, docId, '发布');
      await page.goto(`/admin/documents/${docId}`);
      assert.equal(await page.locator('h1').innerText(), title);
      assert.match(await page.locator('main').innerText(), /状态：已发布/);

      // A visitor (no session) searches for the unique word.
      const visitor = await newPage(env.browser, env.server.baseUrl);
      try {
        const found = await searchLibrary(visitor.page, word);
        assert.deepEqual(found.titles, [title], found.status);
        await visitor.page.locator('ol.list').getByRole('link', { name: title }).click();
        await visitor.page.waitForURL(/\/documents\/\d+$/);
        assert.equal(await visitor.page.locator('h1.doc-title').innerText(), title);
        const meta = visitor.page.locator('table.meta-table');
        const cell = (label: string) => meta.locator('th', { hasText: label }).locator('xpath=following-sibling::td[1]').innerText();
        assert.match(await cell('索引号'), /^113201000000101\/2026-\d{5}$/);
        assert.equal(await cell('发文字号'), '宁发改规〔2026〕31号');
        assert.match(await cell('发文机关'), /江宁市发展和改革委员会/);
        assert.match(await visitor.page.locator('.doc-body').innerText(), new RegExp(`开展${word}专项行动`));
        assert.deepEqual(visitor.problems, []);
      } finally {
        await visitor.context.close();
      }
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('a 发文字号 with square brackets is refused in Chinese, the form keeps what was typed, nothing is published', async () => {
    const { context, page, problems } = await newPage(env.browser, env.server.baseUrl);
    try {
      await logIn(page, 'fgw.editor');
      const word = uniqueWord();
      const title = `江宁市发展和改革委员会关于${word}试点工作的通知`;
      await fillNewDocument(page, { title, docNo: '宁发改规[2026]31号', body: `${word}试点工作安排如下。` });
      await page.getByRole('button', { name: '保存' }).click();
      await page.waitForLoadState();

      assert.match(page.url(), /\/admin\/documents$/, 'the form is shown again, not a redirect');
      const summary = page.getByRole('alert');
      assert.match(await summary.innerText(), /请修改以下 \d+ 处问题/);
      const fieldError = await page.locator('#e-docNo').innerText();
      assert.match(fieldError, /六角括号/, fieldError);
      assert.equal(await page.getByLabel('标题').inputValue(), title, 'the typed title is still in the field');
      assert.equal(await page.getByLabel('发文字号').inputValue(), '宁发改规[2026]31号');
      assert.equal(await page.getByLabel('发文字号').getAttribute('aria-invalid'), 'true');
      assert.match(await page.getByLabel('正文', { exact: true }).inputValue(), new RegExp(word));
      // The error summary links to the field.
      await summary.getByRole('link', { name: /六角括号/ }).click();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-docNo');
      await checkAccessibility(page);

      const found = await searchLibrary(page, word);
      assert.deepEqual(found.titles, []);
      assert.match(found.status, /共找到 0 份文件/);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test("another department's editor cannot open a 发改委 draft, and the public cannot see it", async () => {
    const fgw = await newPage(env.browser, env.server.baseUrl);
    let adminUrl: string;
    let publicUrl: string;
    try {
      await logIn(fgw.page, 'fgw.editor');
      await fgw.page.getByRole('navigation', { name: '后台导航' }).getByRole('link', { name: '文件管理' }).click();
      await fgw.page.waitForURL(/\/admin\/documents$/);
      await checkAccessibility(fgw.page);
      const row = fgw.page.locator('table.data tbody tr', { hasText: FGW_DRAFT });
      assert.match(await row.innerText(), /草稿/);
      await row.getByRole('link', { name: FGW_DRAFT }).click();
      await fgw.page.waitForURL(/\/admin\/documents\/\d+$/);
      adminUrl = new URL(fgw.page.url()).pathname;
      publicUrl = adminUrl.replace('/admin/documents/', '/documents/');
      assert.equal(await fgw.page.locator('h1').innerText(), FGW_DRAFT);
      assert.match(await fgw.page.locator('main').innerText(), /状态：草稿/);
      assert.equal(await fgw.page.getByRole('link', { name: '查看门户页面' }).count(), 0, 'a draft has no public page');
      assert.deepEqual(fgw.problems, []);
    } finally {
      await fgw.context.close();
    }

    const czj = await newPage(env.browser, env.server.baseUrl);
    try {
      await logIn(czj.page, 'czj.editor');
      const res = await czj.page.goto(adminUrl);
      assert.equal(res?.status(), 404);
      assert.match(await czj.page.locator('main').innerText(), /文件不存在，或您无权查看/);
      assert.doesNotMatch(await czj.page.content(), /数字经济/, 'nothing of the draft leaks');
      await checkAccessibility(czj.page);
      // Nor does it show in their list.
      await czj.page.goto('/admin/documents');
      assert.doesNotMatch(await czj.page.locator('main').innerText(), /数字经济/);
    } finally {
      await czj.context.close();
    }

    const anonymous = await newPage(env.browser, env.server.baseUrl);
    try {
      const res = await anonymous.page.goto(publicUrl);
      assert.equal(res?.status(), 404);
      assert.match(await anonymous.page.locator('main').innerText(), /文件不存在/);
      assert.doesNotMatch(await anonymous.page.content(), /数字经济/);
      await checkAccessibility(anonymous.page);
      const r2 = await anonymous.page.goto(adminUrl);
      assert.equal(new URL(anonymous.page.url()).pathname, '/admin/login', `anonymous back-office visitors are sent to the login page (status ${r2?.status()})`);
    } finally {
      await anonymous.context.close();
    }
  });
});
