import type { Browser } from 'playwright-core';
import { assertChromium, launchBrowser } from './browser.js';
import { startServer, type RunningServer, type StartOptions } from './server.js';

/**
 * Starts the server and the browser side by side (the server's first start takes a while). If
 * either fails, the other is stopped again so no child process outlives the test file.
 */
export async function startServerAndBrowser(opts?: StartOptions): Promise<{ server: RunningServer; browser: Browser }> {
  assertChromium(); // fail at once, not after the server's start
  const [s, b] = await Promise.allSettled([startServer(opts), launchBrowser()]);
  if (s.status === 'fulfilled' && b.status === 'fulfilled') return { server: s.value, browser: b.value };
  if (s.status === 'fulfilled') await s.value.stop();
  if (b.status === 'fulfilled') await b.value.close();
  throw s.status === 'rejected' ? s.reason : (b as PromiseRejectedResult).reason;
}
