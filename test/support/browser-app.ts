import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, SHOTS_DIR } from './browser.js';
import { addAgents } from './http.js';
import { startTestServer, type TestServer } from './server.js';

/**
 * A Parley server and a Chromium for the test file (or `describe`) it is called in: started
 * before its tests, with the console agents named in `agents` (`alice@example.com` …, password
 * `agent password 1`), and stopped after them. Read `server` and `browser` inside the tests.
 */
export function useBrowserApp(options: { agents?: readonly string[]; env?: Record<string, string> } = {}): { readonly server: TestServer; readonly browser: Browser } {
  const app = {} as { server: TestServer; browser: Browser };
  beforeAll(async () => {
    await mkdir(SHOTS_DIR, { recursive: true });
    app.server = await startTestServer(options.env ? { env: options.env } : {});
    if (options.agents?.length) await addAgents(app.server.url, options.agents);
    app.browser = await launchBrowser();
  });
  afterAll(async () => {
    await app.browser?.close();
    await app.server?.cleanup();
  });
  return app;
}

/**
 * An agent signed in to the console in a browser context of its own, returned once the console's
 * live feed has said hello and counts them online: a customer who asks for a person before then
 * finds nobody online, and their chat becomes a ticket at once. `errors` collects the page's
 * uncaught errors; `uiLanguage: 'zh'` switches the console to Chinese before signing in.
 */
export async function openConsole(
  app: { readonly server: TestServer; readonly browser: Browser },
  options: { email?: string; locale?: string; viewport?: { width: number; height: number }; uiLanguage?: 'en' | 'zh'; errors?: string[] } = {},
): Promise<Page> {
  const context = await app.browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 720 }, locale: options.locale ?? 'en-US' });
  const page = await context.newPage();
  if (options.errors) page.on('pageerror', (error) => options.errors!.push(error.message));
  await page.goto(`${app.server.url}/agent`);
  if (options.uiLanguage === 'zh') await page.click('[data-lang="zh"]');
  await page.fill('input[name=email]', options.email ?? 'alice@example.com');
  await page.fill('input[name=password]', 'agent password 1');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#app-view:not([hidden])');
  await countedOnline(page);
  return page;
}

/**
 * Once a signed-in console's live feed has said hello and the server counts its agent online
 * (before, the console reads "0 agents online"), in English or Chinese.
 */
export async function countedOnline(page: Page): Promise<void> {
  await page.locator('#presence', { hasText: /^[1-9]\d* agents? online$|^[1-9]\d* 位客服在线$/ }).waitFor();
}
