import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { generateToken } from '../support/directline.js';
import { startTestServer, type TestServer } from '../support/server.js';

let parley: TestServer;
let host: Server;
let hostUrl: string;
let browser: Browser;

/**
 * A host page on another origin that loads Microsoft's Web Chat bundle and points it at
 * Parley's Direct Line endpoint — what a company using Web Chat instead of our widget does.
 */
async function startHostPage(): Promise<void> {
  const webchat = await readFile(path.resolve('node_modules/botframework-webchat/dist/webchat.js'));
  host = createServer((req, res) => {
    if (req.url === '/webchat.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(webchat);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><html><body><div id="webchat" style="height:600px"></div>
      <script src="/webchat.js"></script>
      <script>
        const params = new URLSearchParams(location.search);
        window.WebChat.renderWebChat({
          directLine: window.WebChat.createDirectLine({ domain: params.get('domain'), token: params.get('token'), webSocket: true }),
          userID: 'ignored-by-parley',
          locale: 'en-US'
        }, document.getElementById('webchat'));
      </script></body></html>`);
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  const address = host.address() as { port: number };
  hostUrl = `http://127.0.0.1:${address.port}`;
}

beforeAll(async () => {
  parley = await startTestServer();
  await startHostPage();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => host?.close(resolve));
  await parley?.cleanup();
});

describe("Microsoft's Web Chat against Parley's Direct Line", () => {
  it('completes a two-turn exchange with no "Send failed"', async () => {
    const { token } = await generateToken(parley.url);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${hostUrl}/?domain=${encodeURIComponent(`${parley.url}/v3/directline`)}&token=${encodeURIComponent(token)}`);

    const box = page.locator('[data-id="webchat-sendbox-input"], input[aria-label], textarea').first();
    await box.waitFor({ timeout: 20_000 });
    // Web Chat renders markdown, so the apostrophe may be typographic; match a plain part.
    await page.getByText('the shop', { exact: false }).first().waitFor({ timeout: 20_000 });

    await box.fill('where is my order?');
    await box.press('Enter');
    await page.getByText('where is my order?').first().waitFor();
    await box.fill('怎么退货');
    await box.press('Enter');
    await page.getByText('怎么退货').first().waitFor();
    // Each question is answered (the transcript holds at least welcome + two answers from the bot).
    await expect.poll(async () => page.locator('.webchat__bubble:not(.webchat__bubble--from-user)').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(3);

    await page.screenshot({ path: '/tmp/parley-shots/webchat.png' }).catch(() => undefined);
    const content = await page.content();
    expect(content).not.toMatch(/Send failed|发送失败/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
