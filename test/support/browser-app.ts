import { mkdir } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
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
