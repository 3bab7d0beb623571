import { after, before } from 'node:test';
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

/**
 * Registers before/after hooks in the current suite that start one server and one browser for all
 * its tests and stop them afterwards; the returned object is filled once `before` has run.
 */
export function useServerAndBrowser(opts?: StartOptions): { server: RunningServer; browser: Browser } {
  const env = {} as { server: RunningServer; browser: Browser };
  before(async () => Object.assign(env, await startServerAndBrowser(opts)));
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}
