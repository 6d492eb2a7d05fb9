/**
 * The widget's header promises a person's reply only while someone could give it: with no agent
 * online (at night) it says the team is away and the assistant can help; with an agent signed in
 * to the console it says the team replies in minutes. In English and Chinese, from a fresh page
 * and when a chat left open is opened again.
 */
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { SHOTS_DIR, widgetOn } from '../support/browser.js';
import { useBrowserApp } from '../support/browser-app.js';

const app = useBrowserApp({ agents: ['Mei'] });

const HEADER = {
  en: { away: 'Our team is away: ask the assistant, or leave us a message', online: 'Our team is online and usually replies in minutes' },
  zh: { away: '客服暂时不在线，您可以先问智能客服，或给我们留言', online: '客服在线，通常几分钟内回复' },
} as const;

const contexts: BrowserContext[] = [];
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
});

/** A shopper on the demo shop (English, or its Chinese page) with the chat open; the page's clock is the test's to move. */
async function shopper(language: 'en' | 'zh') {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: language === 'zh' ? 'zh-CN' : 'en-US' });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const refreshes = { count: 0 };
  page.on('request', (request) => void (request.url().endsWith('/v3/directline/tokens/refresh') && refreshes.count++));
  await page.clock.install();
  await page.goto(`${app.server.url}/${language === 'zh' ? 'zh.html' : ''}`);
  const widget = widgetOn(page);
  await widget.launcher.click();
  await widget.replies.first().waitFor({ timeout: 15_000 }); // the welcome: the conversation has started
  return { page, widget, errors, refreshes, status: widget.root.locator('header .ht p') };
}

/** An agent signed in to the console in a browser of their own: online until the page goes. */
async function agentConsole(): Promise<Page> {
  const context = await app.browser.newContext({ viewport: { width: 1360, height: 820 }, locale: 'en-US' });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${app.server.url}/agent`);
  await page.fill('input[name=email]', 'mei@example.com');
  await page.fill('input[name=password]', 'agent password 1');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#app-view:not([hidden])');
  await expect.poll(() => app.server.parley.presence.count()).toBe(1);
  return page;
}

/** The shopper closes the chat, comes back `minutes` later (the page stayed open) and opens it again. */
async function reopenAfter(shop: Awaited<ReturnType<typeof shopper>>, minutes: number): Promise<void> {
  await shop.widget.launcher.click();
  await shop.page.clock.fastForward(minutes * 60_000);
  await shop.widget.launcher.click();
}

const shot = (shop: Awaited<ReturnType<typeof shopper>>, name: string) => shop.widget.root.locator('header').screenshot({ path: path.join(SHOTS_DIR, name), animations: 'disabled' });

describe('the widget header and whether the team is online', () => {
  let en: Awaited<ReturnType<typeof shopper>>;
  let zh: Awaited<ReturnType<typeof shopper>>;

  it('with no agent online, says the team is away and the assistant can help, in English and Chinese', async () => {
    en = await shopper('en');
    zh = await shopper('zh');
    await expect.poll(() => en.status.textContent()).toBe(HEADER.en.away);
    await expect.poll(() => zh.status.textContent()).toBe(HEADER.zh.away);
    await shot(en, 'widget-header-en-away.png');
    await shot(zh, 'widget-header-zh-away.png');
    await en.page.screenshot({ path: path.join(SHOTS_DIR, 'widget-team-en-away.png'), animations: 'disabled' });
    // On a phone the panel fills the screen: the header has the width, the two lines still fit.
    await zh.page.setViewportSize({ width: 375, height: 700 });
    await zh.page.screenshot({ path: path.join(SHOTS_DIR, 'widget-team-zh-away-phone.png'), animations: 'disabled' });
    await zh.page.setViewportSize({ width: 1280, height: 800 });
  });

  it('with an agent online in the console, promises a reply in minutes: on a fresh page, and on reopening a chat left open', async () => {
    const mei = await agentConsole();
    const fresh = await shopper('en');
    await expect.poll(() => fresh.status.textContent()).toBe(HEADER.en.online);
    await shot(fresh, 'widget-header-en-online.png');

    // The chats opened before Mei came in: reopened at once, they keep what they knew (no request
    // per click); a few minutes later, the reopened chat asks again.
    await reopenAfter(zh, 0);
    await zh.page.waitForTimeout(300);
    expect(zh.refreshes.count).toBe(0);
    expect(await zh.status.textContent()).toBe(HEADER.zh.away);
    await reopenAfter(zh, 3);
    await expect.poll(() => zh.status.textContent()).toBe(HEADER.zh.online);
    expect(zh.refreshes.count).toBe(1);
    await shot(zh, 'widget-header-zh-online.png');
    await reopenAfter(en, 3);
    await expect.poll(() => en.status.textContent()).toBe(HEADER.en.online);
    await en.page.screenshot({ path: path.join(SHOTS_DIR, 'widget-team-en-online.png'), animations: 'disabled' });

    // Mei closes the console: nobody could answer, and the next look says so.
    await mei.context().close();
    await expect.poll(() => app.server.parley.presence.count()).toBe(0);
    await reopenAfter(en, 3);
    await expect.poll(() => en.status.textContent()).toBe(HEADER.en.away);
    // A reload (a new page of the shop) asks at once.
    await fresh.page.reload();
    await fresh.widget.replies.first().waitFor({ timeout: 15_000 });
    await expect.poll(() => fresh.status.textContent()).toBe(HEADER.en.away);
    for (const shop of [en, zh, fresh]) expect(shop.errors).toEqual([]);
  });
});
