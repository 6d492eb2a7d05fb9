/**
 * The server goes away while a customer is chatting (a restart, a deploy, a crash): the widget
 * says so instead of showing "Sending…" for ever, keeps what the customer writes, and delivers it
 * once the server is back on the same address.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, savedState, SHOTS_DIR, widgetOn } from '../support/browser.js';
import { startTestServer, tempDir, type TestServer } from '../support/server.js';

let dataDir: string;
let parley: TestServer;
let browser: Browser;
let page: Page;
let widget: ReturnType<typeof widgetOn>;
const pageErrors: string[] = [];

beforeAll(async () => {
  dataDir = await tempDir();
  parley = await startTestServer({ dataDir });
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' })).newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  widget = widgetOn(page);
});

afterAll(async () => {
  await browser?.close();
  await parley?.cleanup();
});

describe('widget, server unreachable', () => {
  it('tells the customer it is reconnecting, keeps their message, and sends it once the server is back', async () => {
    const url = parley.url;
    await page.goto(`${url}/`);
    await widget.launcher.click();
    await widget.input.fill('What payment methods do you accept?');
    await widget.input.press('Enter');
    await expect.poll(() => widget.replies.count(), { timeout: 15_000 }).toBeGreaterThan(1);
    expect(await widget.banner.isVisible()).toBe(false);

    await parley.stop();
    // A few failed tries (about 3.5 s of backoff) and the customer is told; the browser itself is online.
    await expect.poll(() => widget.banner.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await widget.banner.textContent()).toMatch(/can't reach our chat right now/);
    expect(await widget.root.locator('header .ht p').textContent()).toBe('Reconnecting…');
    const repliesBefore = await widget.replies.count();
    await widget.input.fill('Do you ship to Canada?');
    await widget.input.press('Enter');
    const mine = widget.customerMessages.last();
    // Said as what it is, not as a fault of the customer's connection.
    expect(await mine.locator('.st').textContent()).toBe('Not sent yet: goes out once we reconnect');
    await page.screenshot({ path: `${SHOTS_DIR}/widget-unreachable.png` });

    // Back on the same address, with the same data.
    parley = await startTestServer({ dataDir, env: { PORT: new URL(url).port } });
    await expect.poll(() => mine.locator('.st').textContent(), { timeout: 40_000 }).toBe('Sent');
    await expect.poll(() => widget.replies.count(), { timeout: 15_000 }).toBe(repliesBefore + 1);
    expect(await widget.banner.isVisible()).toBe(false);
    expect(await widget.root.locator('header .ht p').textContent()).toBe('Our team is away: ask the assistant, or leave us a message');
    const { session, outbox } = await savedState(page, url);
    expect(outbox).toHaveLength(0);
    const response = await fetch(`${url}/v3/directline/conversations/${session!.conversationId}/activities`, { headers: { authorization: `Bearer ${session!.token}` } });
    const { activities } = (await response.json()) as { activities: { type: string; text?: string }[] };
    expect(activities.filter((activity) => activity.text === 'Do you ship to Canada?')).toHaveLength(1);
    expect(pageErrors).toEqual([]);
  });
});
