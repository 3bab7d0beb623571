import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);

/** Debian's Chromium; CHROMIUM_PATH overrides it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const INSTALL_HINT = 'install it with: apt-get install -y --no-install-recommends chromium fonts-noto-cjk';

/** Screenshots go here, outside the repository. */
export const SCREENSHOT_DIR = path.join(os.tmpdir(), 'gongkai-e2e');

/** A phone-sized viewport (iPhone 12–15 class). */
export const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' };

/**
 * Why a browser suite must be skipped, or false to run it. Without Chromium the suites are
 * skipped on a developer machine but run (and fail with a clear message) when CI is set.
 */
export function browserSkipReason(): string | false {
  if (existsSync(CHROMIUM_PATH) || process.env.CI) return false;
  return `Chromium not found at ${CHROMIUM_PATH}; ${INSTALL_HINT}`;
}

export function assertChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH} (CI=${process.env.CI ?? ''}); ${INSTALL_HINT}`);
}

export async function launchBrowser(): Promise<Browser> {
  assertChromium();
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface WatchedContext {
  context: BrowserContext;
  page: Page;
  /** Page errors and failed sub-resources seen so far (an empty list is good). */
  problems: string[];
}

/**
 * A new context and page whose script errors and failed sub-resources (a missing stylesheet…)
 * are collected, so a journey can assert the pages load cleanly.
 */
export async function newPage(browser: Browser, baseUrl: string, options: BrowserContextOptions = {}): Promise<WatchedContext> {
  // bypassCSP: the site's policy allows no inline script, and axe-core is injected as one.
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'zh-CN', bypassCSP: true, ...options });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`script error on ${page.url()}: ${err.message}`));
  page.on('response', (res) => {
    if (res.request().resourceType() !== 'document' && res.status() >= 400) problems.push(`${res.status()} for ${res.url()} (on ${page.url()})`);
  });
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} (${req.failure()?.errorText ?? ''})`));
  return { context, page, problems };
}

/** A staff member signed in to the back office, in a browser context of their own (demo password). */
export async function signedIn(browser: Browser, baseUrl: string, username: string, password = 'Gongkai@2026'): Promise<WatchedContext> {
  const p = await newPage(browser, baseUrl);
  await p.page.goto('/admin/login');
  await p.page.getByLabel('用户名').fill(username);
  await p.page.getByLabel('密码').fill(password);
  await p.page.getByRole('button', { name: '登录' }).click();
  await p.page.waitForURL(/\/admin$/);
  return p;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the current page and fails with a readable list
 * of violations. Needs JavaScript enabled in the context.
 */
export async function checkAccessibility(page: Page): Promise<void> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: unknown[] }> } }).axe;
    const r = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return r.violations;
  });
  const list = violations as AxeViolation[];
  if (list.length === 0) return;
  const lines = list.map((v) => {
    const targets = v.nodes.slice(0, 5).map((n) => `      ${n.target.map(String).join(' ')}`);
    const more = v.nodes.length > 5 ? [`      … and ${v.nodes.length - 5} more`] : [];
    return [`  - ${v.id} (${v.impact ?? 'n/a'}): ${v.help}`, ...targets, ...more].join('\n');
  });
  throw new Error(`accessibility violations on ${page.url()} (${await page.title()}):\n${lines.join('\n')}`);
}

/** A full-page screenshot in SCREENSHOT_DIR; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
