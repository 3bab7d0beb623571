import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSkipReason, checkAccessibility, newPage, PHONE, screenshot } from './helpers/browser.js';
import { measureDisplay } from './helpers/display-checks.js';
import { useServerAndBrowser } from './helpers/setup.js';

const SME = '江宁市促进中小微企业高质量发展若干政策措施';
const LARGE = { ...PHONE, javaScriptEnabled: false };

/** The main public pages, a document page and its print view among them. */
async function mainPages(page: Page): Promise<string[]> {
  await page.goto('/library?q=中小微企业');
  const href = await page.locator('ol.list').getByRole('link', { name: SME }).getAttribute('href');
  // A result links through /search/open (the search log counts the open): the document is where it leads.
  const doc = new URL(href!, 'http://localhost').searchParams.get('to') ?? href!;
  return ['/', '/library?q=政府信息公开', doc, `${doc}?print=1`, '/organizations', '/qa', '/ask', '/apply', '/requests/track', '/deadline', '/account/login'];
}

async function expectFirstScreen(page: Page, selector: string, what: string) {
  const box = await page.locator(selector).first().boundingBox();
  assert.ok(box, `${what} is on the page`);
  const height = page.viewportSize()!.height;
  assert.ok(box.y >= 0 && box.y < height - 40, `${what} starts on the first screen (y = ${Math.round(box.y)} of ${height})`);
}

describe('适老化 and a phone (real server, Chromium)', { skip: browserSkipReason() }, () => {
  const env = useServerAndBrowser({ timeoutMs: 600_000 }); // the first start seeds the demo; slow on a busy machine

  test('large text: nothing on the main pages is under 18 px, and the pages pass axe', async () => {
    const { context, page, problems } = await newPage(env.browser, env.server.baseUrl, PHONE);
    try {
      await context.addCookies([{ name: 'gk_mode', value: 'large', url: env.server.baseUrl }]);
      const small: string[] = [];
      for (const url of await mainPages(page)) {
        await page.goto(url);
        assert.equal(await page.locator('html').getAttribute('class'), 'mode-large', url);
        if (url.startsWith('/library')) await page.getByText('筛选', { exact: true }).click(); // the folded controls too
        const r = await measureDisplay(page, 0);
        assert.ok(r.measured > 10, `${url}: measured ${r.measured} texts`);
        if (r.minFontPx < 18) small.push(`${url}: ${r.minFontPx}px at ${r.minFontAt}`);
        await checkAccessibility(page);
      }
      assert.deepEqual(small, [], 'texts under 18 px in large-text mode');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('high contrast: every text and control on the main pages is at least 7:1 against its background', async () => {
    const { context, page, problems } = await newPage(env.browser, env.server.baseUrl, PHONE);
    try {
      await context.addCookies([{ name: 'gk_mode', value: 'contrast', url: env.server.baseUrl }]);
      const low: string[] = [];
      for (const url of await mainPages(page)) {
        await page.goto(url);
        if (url.startsWith('/library')) await page.getByText('筛选', { exact: true }).click(); // the folded controls too
        const r = await measureDisplay(page, 7);
        low.push(...r.lowContrast.map((x) => `${url}: ${x}`));
        await checkAccessibility(page);
      }
      assert.deepEqual(low, [], 'texts or controls under 7:1 in high contrast');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('standard mode: the same pages pass axe, and every text scales by one factor in large text', async () => {
    const { context, page } = await newPage(env.browser, env.server.baseUrl, PHONE);
    try {
      const sizes = async () => page.evaluate(() => ['h1', '.site-footer', '.toolbar', '.crumbs ol', 'ol.list .meta'].map((s) => parseFloat(getComputedStyle(document.querySelector(s)!).fontSize)));
      await page.goto('/library?q=政府信息公开');
      await checkAccessibility(page);
      const standard = await sizes();
      await context.addCookies([{ name: 'gk_mode', value: 'large', url: env.server.baseUrl }]);
      await page.reload();
      const large = await sizes();
      const factors = large.map((l, i) => Math.round((l / standard[i]!) * 100) / 100);
      assert.ok(factors.every((f) => f === factors[0] && f >= 1.25), `title, footer, toolbar, crumbs and hints scale alike: ${factors.join(', ')}`);
    } finally {
      await context.close();
    }
  });

  test('after a form error the summary has the focus and is on the first screen of a phone', async () => {
    const { context, page } = await newPage(env.browser, env.server.baseUrl, LARGE);
    try {
      await context.addCookies([{ name: 'gk_mode', value: 'large', url: env.server.baseUrl }]);
      for (const url of ['/account/login', '/requests/track']) {
        await page.goto(url);
        await page.locator('main form').first().getByRole('button').last().click();
        await page.waitForLoadState();
        const summary = page.locator('.error-summary');
        assert.equal(await summary.count(), 1, `${url}: an error summary`);
        assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('error-summary')), true, `${url}: the summary has the focus`);
        await expectFirstScreen(page, '.error-summary', `${url}: the error summary`);
      }
    } finally {
      await context.close();
    }
  });

  test('a citizen on a phone in large text searches, filters, opens, prints and comes back through the personal center', async () => {
    // Without JavaScript: every step is a link, a form or a <details>.
    const { context, page, problems } = await newPage(env.browser, env.server.baseUrl, LARGE);
    try {
      await page.goto('/');
      await page.getByRole('region', { name: '显示模式' }).getByRole('link', { name: '大字版' }).click();
      assert.equal(await page.locator('body').getAttribute('class'), 'mode-large');

      // Search from the header; the results are on the first screen and the header keeps the words.
      const header = page.locator('header.site-header');
      await header.getByRole('searchbox', { name: '搜索政策文件' }).fill('中小微企业');
      await header.getByRole('button', { name: '搜索' }).click();
      await page.waitForURL(/\/library\?q=/);
      assert.equal(await header.getByRole('searchbox', { name: '搜索政策文件' }).inputValue(), '中小微企业');
      await expectFirstScreen(page, 'ol.list > li', 'the first result');
      const filters = page.locator('details.filters');
      assert.equal(await filters.getAttribute('open'), null, 'the filters are folded');
      assert.equal(await page.getByRole('group', { name: '有效性' }).isVisible(), false);
      await screenshot(page, 'phone-large-results');

      // 筛选 opens the filters; tick 现行有效 and apply.
      await filters.getByText('筛选', { exact: true }).click();
      const validity = page.getByRole('group', { name: '有效性' });
      await validity.getByRole('checkbox', { name: /现行有效/ }).check();
      await page.getByRole('button', { name: '应用筛选' }).click();
      await page.waitForURL(/validity=effective/);
      assert.equal(await header.getByRole('searchbox', { name: '搜索政策文件' }).inputValue(), '中小微企业', 'the words stay in the header');
      assert.match(await filters.locator('summary').innerText(), /已选 1 项/);
      await expectFirstScreen(page, 'ol.list > li', 'the first filtered result');

      // Open the document: 打印, 字号 and 关闭 are there.
      await page.locator('ol.list').getByRole('link', { name: SME }).click();
      await page.waitForURL(/\/documents\/\d+$/);
      const docUrl = new URL(page.url()).pathname;
      assert.equal(await page.locator('h1.doc-title').innerText(), SME);
      const tools = page.getByRole('navigation', { name: '文件工具' });
      assert.equal(await tools.locator('[aria-current="true"]').innerText(), '大', 'the size in use is marked');
      assert.ok(await tools.getByRole('link', { name: '关闭' }).isVisible());

      // 打印: the print view has the document without the site's navigation, and a way back.
      await tools.getByRole('link', { name: '打印' }).click();
      await page.waitForURL(/\?print=1$/);
      assert.equal(await page.locator('h1.doc-title').innerText(), SME);
      assert.equal(await page.locator('nav.site-nav').isVisible(), false, 'no navigation in the print view');
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('.print-bar').isVisible(), false, 'the print bar is not printed');
      assert.ok(await page.locator('.doc-body').isVisible(), 'the body is printed');
      await page.emulateMedia({ media: 'screen' });
      await page.getByRole('link', { name: '返回正文' }).click();
      await page.waitForURL((u) => u.pathname === docUrl && !u.search);

      // 字号「中」 goes back to standard size and returns to the document.
      await tools.getByRole('link', { name: '中' }).click();
      await page.waitForURL((u) => u.pathname === docUrl);
      assert.equal(await page.locator('body').getAttribute('class'), 'mode-standard');
      await tools.getByRole('link', { name: '大' }).click();
      assert.equal(await page.locator('body').getAttribute('class'), 'mode-large');

      // Later, through the personal center: sign in, and the inbox leads back to the document.
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '个人中心' }).click();
      await page.waitForURL(/\/account\/login/);
      await page.getByLabel('电子邮箱').fill('demo@example.com');
      await page.getByLabel('密码').fill('Gongkai@2026');
      await page.locator('main form').getByRole('button', { name: '登录' }).click();
      await page.waitForURL(/\/account(\?|$)/);
      assert.equal(await page.locator('body').getAttribute('class'), 'mode-large', 'the personal center in large text too');
      await screenshot(page, 'phone-large-account');
      await page.locator('ol.inbox').getByRole('link', { name: SME }).first().click();
      await page.waitForURL((u) => u.pathname === docUrl);
      assert.equal(await page.locator('h1.doc-title').innerText(), SME);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
