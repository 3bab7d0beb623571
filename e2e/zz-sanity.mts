import { launchBrowser, newPage, checkAccessibility } from '/work/main/e2e/helpers/browser.ts';
const b = await launchBrowser();
const { page } = await newPage(b, 'http://127.0.0.1:3911');
await page.goto('/');
await page.evaluate(() => { document.body.insertAdjacentHTML('beforeend', '<img src="x.png"><input type="text">'); });
try { await checkAccessibility(page); console.log('NO VIOLATION?!'); } catch (e) { console.log(String(e)); }
await b.close();
