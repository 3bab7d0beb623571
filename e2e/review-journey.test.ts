import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSkipReason, checkAccessibility, newPage, signedIn } from './helpers/browser.js';
import { useServerAndBrowser } from './helpers/setup.js';
import { editorOf, selectInEditor, typeParagraphs } from './helpers/editor.js';

const ID_NUMBER = '11010519491231002X';
const MOBILE = '13912345678';
const STAFF_NOTE = '按检查意见修改';

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
    await typeParagraphs(page, 'f-bodyHtml', [`经审核，张某某（身份证号 ${ID_NUMBER}，联系电话 ${MOBILE}）符合${word}补贴条件。`, '原国家工商行政管理总局的有关规定不再执行。']);
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
    // The mobile is taken out; the ID number will be withheld.
    await selectInEditor(page, 'f-bodyHtml', `，联系电话 ${MOBILE}`);
    await page.keyboard.press('Backspace');
    await selectInEditor(page, 'f-bodyHtml', '国家工商行政管理总局');
    await page.keyboard.insertText('国家市场监督管理总局');
    await selectInEditor(page, 'f-bodyHtml', ID_NUMBER);
    await page.getByLabel('删减依据').selectOption('15');
    await page.getByRole('toolbar', { name: '正文编辑工具' }).getByRole('button', { name: '标记删减' }).click();
    assert.match(await body.inputValue(), new RegExp(`<span data-redact="15">${ID_NUMBER}</span>`));
    assert.match(await editorOf(page, 'f-bodyHtml').locator('span[data-redact="15"]').innerText(), new RegExp(ID_NUMBER), 'staff see the span marked in the editor');
    await checkAccessibility(page);
    await page.getByRole('radio', { name: '删减后公开' }).check();
    await page.getByLabel('修改说明（内部）').fill(STAFF_NOTE);
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

    // An amended edition with a public change note goes through the same three levels.
    const editor = await signedIn(env.browser, base, 'city.drafter');
    await editor.page.goto(`/admin/documents/${docId}/edit`);
    await typeParagraphs(editor.page, 'f-bodyHtml', ['名单公示期为5个工作日。']);
    await editor.page.getByLabel('修改说明（内部）').fill('内部：按领导意见增加公示期');
    await editor.page.getByLabel('修订说明（公开）').fill('增加公示期');
    await editor.page.getByRole('button', { name: '保存' }).click();
    await editor.page.waitForURL(/\/admin\/documents\/\d+\?saved=1$/);
    const editionId = Number(/documents\/(\d+)/.exec(editor.page.url())![1]);
    assert.notEqual(editionId, docId);
    await reviewAction(editor.page, `/admin/review/document/${editionId}`, '提交审核');
    await editor.context.close();
    for (const reviewer of ['city.reviewer', 'city.reviewer2', 'city.reviewer3']) {
      const r = await signedIn(env.browser, base, reviewer);
      await r.page.goto(`/admin/review/document/${editionId}`);
      await r.page.locator('form.card button[type=submit]').first().click();
      await r.page.waitForURL(/\?done=approve/);
      await r.context.close();
    }
    const publisher2 = await signedIn(env.browser, base, 'city.publisher');
    await reviewAction(publisher2.page, `/admin/review/document/${editionId}`, '发布');
    await publisher2.context.close();

    // The public sees two published editions and nothing before review: no page, API, feed, sitemap or search shows the draft.
    const reader = await newPage(env.browser, base);
    try {
      await reader.page.goto(`/documents/${docId}`);
      const history = await reader.page.locator('section', { has: reader.page.getByRole('heading', { name: '版本记录' }) }).innerText();
      assert.match(history, /第 2 版[^\n]*修订说明：增加公示期/);
      assert.match(history, /第 1 版[^\n]*首次发布/);
      assert.doesNotMatch(history, /第 3 版/);
      await reader.page.getByRole('button', { name: '查看差异' }).click();
      await reader.page.waitForURL(/\/compare\?/);
      assert.match(await reader.page.locator('ins').allInnerTexts().then((t) => t.join('')), /公示期为5个工作日/);
      await checkAccessibility(reader.page);
      const q = encodeURIComponent;
      const surfaces = [
        `/documents/${docId}`, `/documents/${docId}?print=1`, `/documents/${docId}/compare?a=1&b=2`, `/api/v1/documents/${docId}`, '/feed.atom', '/org/city/feed.atom', '/sitemap.xml', '/',
        `/library?q=${q(word)}`, `/api/v1/documents?q=${q(word)}`, `/api/v1/ask?q=${q(`${word}补贴条件`)}`,
      ];
      for (const path of surfaces) {
        const res = await reader.page.request.get(path);
        assert.ok(res.ok(), `${path} answered ${res.status()}: an error page would prove nothing about what it hides`);
        const text = await res.text();
        for (const secret of [ID_NUMBER, MOBILE, STAFF_NOTE, '领导意见']) assert.ok(!text.includes(secret), `${path} shows “${secret}”`);
      }
      for (const secret of [ID_NUMBER, MOBILE]) {
        const found = await (await reader.page.request.get(`/api/v1/documents?q=${q(secret)}`)).json();
        assert.ok(!found.items.some((d: { id: number }) => d.id === docId), `searching ${secret} does not find the document`);
      }
      assert.equal((await reader.page.request.get(`/documents/${editionId}`)).status(), 404, 'an edition has no page of its own');
      assert.deepEqual(reader.problems, []);
    } finally {
      await reader.context.close();
    }
  });
});
