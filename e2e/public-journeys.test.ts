import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserSkipReason, checkAccessibility, newPage, PHONE, screenshot } from './helpers/browser.js';
import { useServerAndBrowser } from './helpers/setup.js';

const REPEALED = '江宁市人民政府办公室关于印发《江宁市政府信息公开工作规定》的通知';
const REPLACEMENT = '江宁市政府信息公开工作办法';
const SME = '江宁市促进中小微企业高质量发展若干政策措施';

describe('public portal journeys (real server, Chromium)', { skip: browserSkipReason() }, () => {
  const env = useServerAndBrowser();

  test('a newcomer on a phone finds a repealed rule and follows it to the one that replaced it', async () => {
    const { context, page, problems } = await newPage(env.browser, env.server.baseUrl, PHONE);
    try {
      await page.goto('/');
      assert.equal(await page.locator('h1').innerText(), '政府信息公开');
      assert.match(await page.title(), /江宁市人民政府信息公开平台/);
      await checkAccessibility(page);

      // The search box in the page header.
      const header = page.locator('header.site-header');
      await header.getByRole('searchbox', { name: '搜索政策文件' }).fill('政府信息公开');
      await header.getByRole('button', { name: '搜索' }).click();
      await page.waitForURL(/\/library\?q=/);
      assert.match(await page.title(), /“政府信息公开”的搜索结果/);
      const results = page.locator('ol.list > li');
      assert.ok((await results.count()) >= 2, 'several documents match 政府信息公开');
      assert.ok((await results.allInnerTexts()).some((t) => t.includes(REPLACEMENT)), 'the replacement is among the results');
      await checkAccessibility(page);

      // Only the repealed ones: open 筛选 (folded on a phone), tick the facet, then apply.
      await page.locator('details.filters > summary').click();
      const validity = page.getByRole('group', { name: '有效性' });
      await validity.getByRole('checkbox', { name: /已废止/ }).check();
      await page.getByRole('button', { name: '应用筛选' }).click();
      await page.waitForURL(/validity=repealed/);
      assert.match(await page.locator('details.filters > summary').innerText(), /已选 1 项/, 'the folded filters say one is chosen');
      await page.locator('details.filters > summary').click();
      assert.ok(await validity.getByRole('checkbox', { name: /已废止/ }).isChecked(), 'the ticked facet stays ticked');
      assert.match(await page.getByRole('status').innerText(), /共找到 1 份文件/);
      const only = page.locator('ol.list > li');
      assert.equal(await only.count(), 1);
      assert.match(await only.innerText(), /已废止/);
      await screenshot(page, 'library-phone');

      await only.getByRole('link', { name: REPEALED }).click();
      await page.waitForURL(/\/documents\/\d+$/);
      assert.equal(await page.locator('h1.doc-title').innerText(), REPEALED);
      const banner = page.locator('.validity-banner');
      const bannerText = await banner.innerText();
      assert.match(bannerText, /^已废止/);
      assert.ok(bannerText.includes(`《${REPLACEMENT}》`), `the banner names the replacement: ${bannerText}`);
      assert.match(await page.locator('table.meta-table').innerText(), /有 效 性\s+已废止/);
      await screenshot(page, 'document-phone');
      await checkAccessibility(page);

      await banner.getByRole('link', { name: new RegExp(`《${REPLACEMENT}》`) }).click();
      await page.waitForURL(/\/documents\/\d+$/);
      assert.equal(await page.locator('h1.doc-title').innerText(), REPLACEMENT);
      assert.match(await page.locator('table.meta-table').innerText(), /有 效 性\s+现行有效/);
      assert.equal(await page.locator('.validity-banner').count(), 0, 'a document in force has no validity banner');
      assert.match(await page.locator('main').innerText(), /替代：江宁市人民政府办公室关于印发/, 'it lists the document it replaced');

      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('the large-text mode (大字版) switches the page without JavaScript', async () => {
    const { context, page, problems } = await newPage(env.browser, env.server.baseUrl, { ...PHONE, javaScriptEnabled: false });
    try {
      await page.goto('/library');
      assert.equal(await page.locator('body').getAttribute('class'), 'mode-standard');
      const modes = page.getByRole('region', { name: '显示模式' });
      await modes.getByRole('link', { name: '大字版' }).click();
      await page.waitForURL(/\/library$/);
      assert.equal(await page.locator('body').getAttribute('class'), 'mode-large', 'back on the same page, now in large text');
      assert.equal(await modes.locator('[aria-current="true"]').innerText(), '大字版');
      const size = await page.locator('body').evaluate((b) => getComputedStyle(b).fontSize);
      assert.ok(parseFloat(size) > 16, `large text is larger than 16px (got ${size})`);

      // The choice is remembered on the next page, and 标准版 switches back.
      await page.goto('/');
      assert.equal(await page.locator('body').getAttribute('class'), 'mode-large');
      await modes.getByRole('link', { name: '标准版' }).click();
      await page.waitForURL(/\/$/);
      assert.equal(await page.locator('body').getAttribute('class'), 'mode-standard');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('the large-text and high-contrast pages pass the accessibility checks', async () => {
    const { context, page } = await newPage(env.browser, env.server.baseUrl, PHONE);
    try {
      for (const mode of ['large', 'contrast']) {
        await context.addCookies([{ name: 'gk_mode', value: mode, url: env.server.baseUrl }]);
        await page.goto('/library?q=政府信息公开');
        assert.equal(await page.locator('body').getAttribute('class'), `mode-${mode}`);
        await checkAccessibility(page);
      }
    } finally {
      await context.close();
    }
  });

  test(
    'public pages fit a 390px phone screen without sideways scrolling',
    async () => {
      const { context, page } = await newPage(env.browser, env.server.baseUrl, PHONE);
      try {
        const tooWide: string[] = [];
        for (const url of ['/', '/library?q=政府信息公开', '/documents/1', '/documents/4/compare?a=1&b=2', '/organizations', '/org/city']) {
          await page.goto(url);
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          if (width > 390) tooWide.push(`${url}: ${width}px`);
        }
        assert.deepEqual(tooWide, [], 'pages wider than the phone');
      } finally {
        await context.close();
      }
    },
  );

  test('a reader compares two versions of a document and sees what changed', async () => {
    const { context, page, problems } = await newPage(env.browser, env.server.baseUrl);
    try {
      await page.goto('/library');
      await page.locator('#q').fill('中小微企业');
      await page.locator('form.library').getByRole('button', { name: '搜索' }).click();
      await page.locator('ol.list').getByRole('link', { name: SME }).click();
      await page.waitForURL(/\/documents\/\d+$/);
      const timeline = await page.locator('ol.timeline > li').allInnerTexts();
      assert.equal(timeline.length, 2, `two versions: ${timeline.join(' | ')}`);
      assert.match(timeline[0]!, /第 2 版.*更正贴息上限/);

      // The form preselects the previous and the current version.
      const form = page.locator('form[action$="/compare"]');
      assert.equal(await form.getByLabel('对比').inputValue(), '1');
      assert.equal(await form.getByLabel('与').inputValue(), '2');
      await form.getByRole('button', { name: '查看差异' }).click();
      await page.waitForURL(/\/compare\?a=1&b=2$/);
      assert.equal(await page.locator('h1').innerText(), '版本对比：第 1 版 与 第 2 版');

      const before = page.getByRole('region', { name: '第 1 版正文' });
      const afterV = page.getByRole('region', { name: '第 2 版正文' });
      assert.match(await before.innerText(), /按贷款利息的30%给予贴息，最高10万元/);
      assert.match(await afterV.innerText(), /按贷款利息的50%给予贴息，最高20万元/);
      const removed = (await before.locator('del').allInnerTexts()).join('');
      const added = (await afterV.locator('ins').allInnerTexts()).join('');
      assert.ok(removed.includes('3') && removed.includes('1'), `30% and 10万元 are marked as removed (<del>${removed}</del>)`);
      assert.ok(added.includes('5') && added.includes('2'), `50% and 20万元 are marked as added (<ins>${added}</ins>)`);
      assert.equal(await before.locator('ins').count(), 0, 'the old version shows no insertions');
      assert.equal(await afterV.locator('del').count(), 0, 'the new version shows no deletions');
      assert.match(await page.locator('main').innerText(), /信息项没有变化/);
      await checkAccessibility(page);

      await page.getByRole('link', { name: '返回文件' }).click();
      assert.equal(await page.locator('h1.doc-title').innerText(), SME);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
