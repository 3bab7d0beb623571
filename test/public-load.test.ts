import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, testDatabaseKinds, type TestApp } from './helpers/test-app.js';

/**
 * Public GETs cannot be made uncached at will: a page answers at one address (other parameters are
 * redirected away), and each address has a budget of uncached renders, past which it gets a 429 page.
 */
for (const kind of testDatabaseKinds()) {
  describe(`public pages under cache-busting requests on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind, { env: { PAGE_CACHE_SECONDS: '60', PUBLIC_RENDER_RATE: '6' } });
    });
    after(() => t.close());
    const get = (url: string, remoteAddress = '203.0.113.10') => t.app.inject({ method: 'GET', url, remoteAddress });

    test('parameters a page does not understand are redirected away, so the page stays one cache entry', async () => {
      const junk = await get('/documents/4?utm_source=wx&nocache=12345', '198.51.100.1');
      assert.equal(junk.statusCode, 301);
      assert.equal(junk.headers.location, '/documents/4');
      const print = await get('/documents/4?print=1&x=9', '198.51.100.1');
      assert.equal(print.headers.location, '/documents/4?print=1', 'the print view keeps its own parameter');
      const q = encodeURIComponent('工资');
      assert.equal((await get(`/library?q=${q}&_=1&page=1`, '198.51.100.1')).headers.location, `/library?q=${q}&page=1`);
      assert.equal((await get(`/qa?q=${q}&t=1`, '198.51.100.1')).headers.location, `/qa?q=${q}`);
      assert.equal((await get(`/interpretations?org=jiangning&v=2`, '198.51.100.1')).headers.location, '/interpretations?org=jiangning');
      // The canonical page renders once; asking again costs no render (the budget of 6 is not touched).
      for (let i = 0; i < 10; i++) assert.equal((await get('/documents/4', '198.51.100.1')).statusCode, 200);
    });

    test('an address past its budget of uncached renders gets a 429 page in Chinese; cached pages and other addresses are served', async () => {
      const flood = '203.0.113.66';
      assert.equal((await get('/documents/4', flood)).statusCode, 200, 'cached by the test above: free');
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push((await get(`/library?q=${encodeURIComponent(`养老 ${i}`)}`, flood)).statusCode);
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 429, 429], 'six renders, then refused');
      const refused = await get(`/library?q=${encodeURIComponent('养老 99')}`, flood);
      assert.equal(refused.statusCode, 429);
      assert.match(refused.body, /访问过于频繁，请 \d+ 秒后再刷新页面/);
      assert.doesNotMatch(refused.body, /at .*\.ts|Error:/, 'no stack trace');
      assert.ok(Number(refused.headers['retry-after']) >= 1, 'Retry-After says when to come back');
      assert.equal((await get(`/library?q=${encodeURIComponent('养老 0')}`, flood)).statusCode, 200, 'a page already rendered is still served to the same address');
      assert.equal((await get('/documents/4', flood)).statusCode, 200);
      const api = await get(`/api/v1/documents?q=${encodeURIComponent('养老 100')}`, flood);
      assert.equal(api.statusCode, 429, 'the search API draws on the same budget');
      assert.match(api.json().message, /访问过于频繁/);
      assert.equal((await get(`/library?q=${encodeURIComponent('养老 99')}`, '203.0.113.67')).statusCode, 200, 'another address is not held up');
      assert.equal((await get('/feed.atom', flood)).statusCode, 429, 'feeds too');
    });
  });
}
