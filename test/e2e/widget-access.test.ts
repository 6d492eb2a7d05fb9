/**
 * The widget by keyboard only, on a phone, in Chinese, and after its token stops working.
 */
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, savedState, SHOTS_DIR, widgetOn } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

const CJK = /[\u4e00-\u9fff]/;

let parley: TestServer;
let browser: Browser;
let desktop: BrowserContext;

beforeAll(async () => {
  parley = await startTestServer();
  browser = await launchBrowser();
  desktop = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
});

afterAll(async () => {
  await browser?.close();
  await parley?.cleanup();
});

async function ask(widget: ReturnType<typeof widgetOn>, text: string): Promise<string> {
  const before = await widget.replies.count();
  await widget.input.fill(text);
  await widget.input.press('Enter');
  await expect.poll(() => widget.replies.count(), { timeout: 10_000 }).toBeGreaterThan(before);
  return (await widget.replies.nth(before).locator('.t').textContent()) ?? '';
}

const focusedInWidget = (page: Page) => page.evaluate(() => document.querySelector('parley-chat')?.shadowRoot?.activeElement?.className ?? null);

describe('keyboard only', () => {
  it('opens with Enter, sends with Enter, Shift+Enter is a newline, Esc closes back to the launcher', async () => {
    const page = await desktop.newPage();
    await page.goto(`${parley.url}/`);
    const widget = widgetOn(page);
    await widget.launcher.waitFor();
    let tabs = 0;
    while ((await focusedInWidget(page)) !== 'launcher' && tabs++ < 60) await page.keyboard.press('Tab');
    expect(await focusedInWidget(page)).toBe('launcher');

    await page.keyboard.press('Enter');
    expect(await widget.panel.isVisible()).toBe(true);
    expect(await widget.root.locator('textarea:focus').count()).toBe(1);
    expect(await widget.log.getAttribute('aria-live')).toBe('polite');
    await widget.replies.first().waitFor({ timeout: 10_000 });

    await page.keyboard.type('line one');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('line two');
    expect(await widget.input.inputValue()).toBe('line one\nline two');
    expect(await widget.customerMessages.count()).toBe(0);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');

    const before = await widget.replies.count();
    await page.keyboard.type('怎么退货');
    await page.keyboard.press('Enter');
    await expect.poll(() => widget.replies.count(), { timeout: 10_000 }).toBeGreaterThan(before);
    expect(await widget.input.inputValue()).toBe('');
    // Quick replies sit just before the text box: Shift+Tab reaches them, Enter sends one.
    await expect.poll(() => widget.quickReplies.count()).toBeGreaterThan(0);
    const lastChoice = (await widget.quickReplies.last().textContent())!;
    await page.keyboard.press('Shift+Tab');
    expect(await widget.root.locator('.qr button:focus').textContent()).toBe(lastChoice);
    await page.keyboard.press('Enter');
    await expect.poll(() => widget.customerMessages.last().locator('.t').textContent()).toBe(lastChoice);
    // After choosing, focus goes back to the text box, ready to type.
    expect(await widget.root.locator('textarea:focus').count()).toBe(1);

    await page.keyboard.press('Escape');
    expect(await widget.panel.isVisible()).toBe(false);
    expect(await focusedInWidget(page)).toBe('launcher');
    expect(await widget.launcher.getAttribute('aria-expanded')).toBe('false');
    await page.close();
  });
});

describe('Chinese page', () => {
  it('shows Chinese UI text and answers Chinese questions in Chinese', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${parley.url}/zh.html`);
    const widget = widgetOn(page);
    await widget.launcher.waitFor();
    expect(await widget.launcher.getAttribute('aria-label')).toBe('打开聊天');
    await widget.launcher.click();
    expect(await widget.input.getAttribute('placeholder')).toBe('请输入消息…');
    expect(await widget.root.locator('h2').textContent()).toBe('演示商城客服');
    await widget.replies.first().waitFor({ timeout: 10_000 });
    expect(await ask(widget, '我的订单到哪了')).toMatch(CJK);
    expect(await ask(widget, '怎么退货')).toMatch(CJK);
    await page.screenshot({ path: path.join(SHOTS_DIR, 'desktop-zh.png'), animations: 'disabled' });
    await context.close();
  });
});

describe('on a phone', () => {
  for (const [file, page_] of [['mobile-en.png', '/'], ['mobile-zh.png', '/zh.html']] as const) {
    it(`fills the screen (${page_})`, async () => {
      // A fresh phone per page, so each screenshot shows one language's conversation.
      const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-US' });
      const page = await phone.newPage();
      await page.goto(`${parley.url}${page_}`);
      const widget = widgetOn(page);
      await widget.launcher.tap();
      await expect.poll(() => widget.panel.boundingBox()).toEqual({ x: 0, y: 0, width: 390, height: 844 });
      expect(await widget.launcher.isVisible()).toBe(false);
      await widget.replies.first().waitFor({ timeout: 10_000 });
      const answer = await ask(widget, page_ === '/' ? 'how do I return an item?' : '怎么退货');
      expect(answer).toMatch(page_ === '/' ? /return/i : CJK);
      await page.screenshot({ path: path.join(SHOTS_DIR, file), animations: 'disabled' });
      await widget.root.locator('header button').last().tap();
      expect(await widget.panel.isVisible()).toBe(false);
      expect(await widget.launcher.isVisible()).toBe(true);
      await phone.close();
    });
  }
});

describe('conversations', () => {
  it('starts a new conversation on request', async () => {
    const page = await desktop.newPage();
    await page.goto(`${parley.url}/`);
    const widget = widgetOn(page);
    await widget.launcher.click();
    await widget.replies.first().waitFor({ timeout: 10_000 });
    await ask(widget, 'where is my order?');
    const first = (await savedState(page, parley.url)).session!.conversationId;
    // It asks first (a test of its own says no); here the customer says yes.
    page.once('dialog', (dialog) => void dialog.accept());
    await widget.root.locator('footer button').click();
    await expect.poll(async () => (await savedState(page, parley.url)).session?.conversationId).not.toBe(first);
    expect(await widget.customerMessages.count()).toBe(0);
    await widget.replies.first().waitFor({ timeout: 10_000 });
    expect(await ask(widget, 'how long does shipping take?')).toMatch(/ship|deliver/i);
    await page.close();
  });

  it('starts afresh when the saved token is rejected', async () => {
    const page = await desktop.newPage();
    await page.goto(`${parley.url}/`);
    const key = `parley:${parley.url}`;
    await page.evaluate((storageKey) => {
      localStorage.setItem(storageKey, JSON.stringify({ session: { conversationId: 'gone', token: 'forged.token', expiresAt: 0, watermark: 5 }, outbox: [], seen: 0, draft: '', consent: false, feedback: {} }));
    }, key);
    await page.reload();
    const widget = widgetOn(page);
    await widget.launcher.click();
    await widget.replies.first().waitFor({ timeout: 10_000 });
    const { session } = await savedState(page, parley.url);
    expect(session?.conversationId).not.toBe('gone');
    expect(await ask(widget, 'where is my order?')).toMatch(/order/i);
    await page.close();
  });
});
