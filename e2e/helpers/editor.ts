import type { Page } from 'playwright-core';

/**
 * The rich-text editor that enhances a body textarea (ADR 0016). The textarea stays in the form,
 * hidden, holding the editor's HTML; these helpers work the editor the way staff do.
 */
export function editorOf(page: Page, textareaId: string) {
  return page.locator(`#${textareaId}-editor`);
}

/** Clicks into the editor (at its end) and types paragraphs, pressing Enter between them. */
export async function typeParagraphs(page: Page, textareaId: string, paragraphs: string[]): Promise<void> {
  const editor = editorOf(page, textareaId);
  await editor.click();
  await page.keyboard.press('Control+End');
  for (const [i, p] of paragraphs.entries()) {
    if (i > 0) await page.keyboard.press('Enter');
    await page.keyboard.insertText(p);
  }
}

/** Selects the first occurrence of a text in the editor, as a drag of the mouse would. */
export async function selectInEditor(page: Page, textareaId: string, text: string): Promise<void> {
  await editorOf(page, textareaId).evaluate((el, t) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.textContent!.indexOf(t);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(n, at);
      range.setEnd(n, at + t.length);
      (el as HTMLElement).focus();
      const sel = window.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
      return;
    }
    throw new Error(`“${t}” is not in the editor`);
  }, text);
  // The editor takes the browser's selection on its next selectionchange.
  await page.waitForTimeout(50);
}
