import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSkipReason, checkAccessibility, newPage, signedIn } from './helpers/browser.js';
import { useServerAndBrowser } from './helpers/setup.js';
import { editorOf, selectInEditor, typeParagraphs } from './helpers/editor.js';

const ID_NUMBER = '11010519491231002X';

async function reviewAction(page: Page, path: string, button: string, fill: Record<string, string> = {}) {
  await page.goto(path);
  const form = page.locator('form.card', { has: page.getByRole('button', { name: button, exact: true }) });
  for (const [label, value] of Object.entries(fill)) await form.getByLabel(label).fill(value);
  await form.getByRole('button', { name: button, exact: true }).click();
  await page.waitForLoadState();
  if (!/\?done=/.test(page.url())) assert.fail(`${button} refused: ${await page.getByRole('alert').innerText().catch(() => page.url())} ${await page.locator('table.findings').innerText().catch(() => '')}`);
}

describe('publishing under review (real server, Chromium)', { skip: browserSkipReason() }, () => {
  const env = useServerAndBrowser();

  test('a notice with an ID number and a flagged word is blocked, redacted and fixed, passes three reviewers; the public sees the redaction and the interpretation', async () => {
    const base = env.server.baseUrl;
    const word = `jnq${randomBytes(3).toString('hex')}`;
    const title = `关于公布${word}就业补贴发放名单的通知`;
    const drafter = await signedIn(env.browser, base, 'city.drafter');
    const { page } = drafter;
    await page.goto('/admin/documents/new');
    await page.getByLabel('标题').fill(title);
    await page.getByLabel('文种').selectOption('其他文件');
    await page.getByLabel('成文日期').fill('2026-11-20');
    await page.getByLabel('主题分类').selectOption({ label: '综合政务\\政务公开' });
    // Typed into the rich-text editor as two paragraphs.
    await typeParagraphs(page, 'f-bodyHtml', [`经审核，张某某（身份证号 ${ID_NUMBER}）符合${word}补贴条件。`, '原国家工商行政管理总局的有关规定不再执行。']);
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\/admin\/documents\/\d+\?saved=1$/);
    const docId = Number(/documents\/(\d+)/.exec(page.url())![1]);

    // Submitting is refused: the ID number blocks, the outdated organ name must be fixed.
    await page.getByRole('link', { name: '审核与发布' }).click();
    await page.getByRole('button', { name: '提交审核' }).click();
    await page.waitForLoadState();
    assert.match(await page.getByRole('alert').innerText(), /必须处理的问题/);
    assert.equal(await page.locator('mark.finding-block').first().innerText().then((s) => s.replace(/\d+$/, '')), ID_NUMBER);
    assert.match(await page.locator('table.findings').innerText(), /国家市场监督管理总局/);
    await checkAccessibility(page);

    // The drafter marks the ID number for redaction with the editor's tool and fixes the name.
    await page.goto(`/admin/documents/${docId}/edit`);
    const body = page.getByLabel('正文', { exact: true });
    assert.match(await body.inputValue(), /^<p>经审核，[^<]*<\/p><p>原国家工商行政管理总局[^<]*<\/p>$/, 'the two typed paragraphs were saved as two');
    await selectInEditor(page, 'f-bodyHtml', '国家工商行政管理总局');
    await page.keyboard.insertText('国家市场监督管理总局');
    await selectInEditor(page, 'f-bodyHtml', ID_NUMBER);
    await page.getByLabel('删减依据').selectOption('15');
    await page.getByRole('toolbar', { name: '正文编辑工具' }).getByRole('button', { name: '标记删减' }).click();
    assert.match(await body.inputValue(), new RegExp(`<span data-redact="15">${ID_NUMBER}</span>`));
    assert.match(await editorOf(page, 'f-bodyHtml').locator('span[data-redact="15"]').innerText(), new RegExp(ID_NUMBER), 'staff see the span marked in the editor');
    await checkAccessibility(page);
    await page.getByRole('radio', { name: '删减后公开' }).check();
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/saved=1$/);

    // An interpretation written with it (三同步).
    await page.goto(`/admin/interpretations/new?document=${docId}`);
    await page.locator('#f-title').fill(`《${title}》解读`);
    await page.getByLabel('解读部门').fill('市政府办公室');
    await page.getByLabel('联系人及电话').fill('王老师 025-86000000');
    await typeParagraphs(page, 'f-bodyHtml', [`本通知公布${word}补贴名单，个人信息已依法删减。`]);
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\/admin\/interpretations\/\d+/);
    const interpId = Number(/interpretations\/(\d+)/.exec(page.url())![1]);

    await reviewAction(page, `/admin/review/document/${docId}`, '提交审核');
    await reviewAction(page, `/admin/review/interpretation/${interpId}`, '提交审核');
    await drafter.context.close();

    for (const reviewer of ['city.reviewer', 'city.reviewer2', 'city.reviewer3']) {
      const r = await signedIn(env.browser, base, reviewer);
      await r.page.goto('/admin/review');
      assert.match(await r.page.locator('main').innerText(), new RegExp(title), `${reviewer} sees the notice waiting`);
      await checkAccessibility(r.page);
      for (const path of [`/admin/review/document/${docId}`, `/admin/review/interpretation/${interpId}`]) {
        await r.page.goto(path);
        await r.page.locator('form.card button[type=submit]').first().click();
        await r.page.waitForURL(/\?done=approve/);
      }
      assert.deepEqual(r.problems, []);
      await r.context.close();
    }

    const publisher = await signedIn(env.browser, base, 'city.publisher');
    await reviewAction(publisher.page, `/admin/review/document/${docId}`, '发布');
    assert.match(await publisher.page.getByRole('status').innerText(), /已发布/);
    await publisher.context.close();

    const visitor = await newPage(env.browser, base);
    try {
      await visitor.page.goto(`/documents/${docId}`);
      const text = await visitor.page.locator('.doc-body').innerText();
      assert.doesNotMatch(text, new RegExp(ID_NUMBER));
      assert.match(text, /此处内容已删减，依据《政府信息公开条例》第十五条/);
      assert.match(text, /国家市场监督管理总局/);
      assert.equal(await visitor.page.locator('.doc-body > p').count(), 2, 'the two typed paragraphs are two paragraphs on the public page');
      await visitor.page.getByRole('link', { name: `《${title}》解读` }).click();
      await visitor.page.waitForURL(/\/interpretations\/\d+$/);
      assert.match(await visitor.page.locator('main').innerText(), /王老师 025-86000000/);
      await visitor.page.getByRole('link', { name: title }).first().click();
      await visitor.page.waitForURL(new RegExp(`/documents/${docId}$`));
      await checkAccessibility(visitor.page);
      assert.deepEqual(visitor.problems, []);
    } finally {
      await visitor.context.close();
    }
  });
});
