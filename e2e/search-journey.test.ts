import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserSkipReason, checkAccessibility, newPage, signedIn, PHONE } from './helpers/browser.js';
import { useServerAndBrowser } from './helpers/setup.js';

/**
 * Issue 17's journey on a phone: an elderly user types everyday words (养狗 要办证吗 江宁), finds the
 * city's dog regulation among the first results with the page saying how it read the words, and
 * opens it; the site's administrator sees the query in the week's search report, adds 养狗 = 养犬
 * to the synonym dictionary from there, and the same search then says it looked for 养犬.
 */
describe('library search on a phone: everyday words, the words explained, the query in the staff report, a synonym added (real server, Chromium)', { skip: browserSkipReason() }, () => {
  const env = useServerAndBrowser();

  test('养狗 要办证吗 江宁 finds 江宁市养犬管理规定; staff see it in 搜索分析 and add 养狗 = 养犬', async () => {
    const base = env.server.baseUrl;
    const visitor = await newPage(env.browser, base, PHONE);
    const v = visitor.page;
    const query = '养狗 要办证吗 江宁';
    const search = async () => {
      // On a phone the site's own search box (in the header) is the library's.
      await v.goto('/');
      const box = v.locator('.site-search');
      await box.locator('input[name=q]').fill(query);
      await box.getByRole('button').click();
      await v.waitForLoadState();
    };

    await search();
    const titles = await v.locator('ol.list .result-title a').allInnerTexts();
    assert.ok(titles.slice(0, 3).includes('江宁市养犬管理规定'), `the regulation is among the first results: ${titles.slice(0, 3).join(' | ')}`);
    // The page says what it could not find rather than showing nothing.
    assert.match(await v.locator('.query-notice').innerText(), /未找到：/);
    await checkAccessibility(v);
    await v.locator('ol.list').getByRole('link', { name: '江宁市养犬管理规定' }).click();
    await v.waitForLoadState();
    assert.match(new URL(v.url()).pathname, /^\/documents\/\d+$/);
    assert.match(await v.locator('main').innerText(), /养犬登记/);

    // The administrator sees the query in this week's report (counts are written every few seconds).
    const admin = await signedIn(env.browser, base, 'admin');
    const a = admin.page;
    let seen = false;
    for (let i = 0; i < 20 && !seen; i++) {
      await a.goto('/admin/search-log');
      seen = (await a.locator('table.data').getByRole('link', { name: query }).count()) > 0;
      if (!seen) await a.waitForTimeout(1000);
    }
    assert.ok(seen, 'the query is listed in 搜索分析');
    const row = a.locator('table.data tr', { has: a.getByRole('link', { name: query }) }).first();
    await row.getByRole('link', { name: '补充同义词' }).click();
    await a.waitForLoadState();
    assert.match(await a.getByLabel('同义词').inputValue(), /养狗/);
    await a.getByLabel('同义词').fill('养狗 = 养犬');
    await a.getByRole('button', { name: '新增' }).click();
    await a.waitForLoadState();
    assert.match(await a.locator('main').innerText(), /养狗/);

    // The same words now reach the regulation's own word, and the page says so.
    await search();
    assert.match(await v.locator('.query-notice').innerText(), /“养狗”按“养犬”查找/);
    const after = await v.locator('ol.list .result-title a').allInnerTexts();
    assert.equal(after[0], '江宁市养犬管理规定');
    await visitor.context.close();
    await admin.context.close();
  });
});
