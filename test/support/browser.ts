import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, headless, with the flags this sandbox and CI need. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Where screenshots go; look at them after a run. */
export const SHOTS_DIR = '/tmp/parley-shots';

/**
 * The chat widget on a page. Playwright's CSS locators pierce open shadow roots, so these reach
 * inside `<parley-chat>` the way a customer sees it.
 */
export function widgetOn(page: Page) {
  const root = page.locator('parley-chat');
  return {
    root,
    launcher: root.locator('.launcher'),
    panel: root.locator('.panel'),
    input: root.locator('textarea'),
    log: root.locator('[role=log]'),
    /** Bot, agent and system messages, in order. */
    replies: root.locator('[role=log] > .bot, [role=log] > .ag, [role=log] > .sys'),
    customerMessages: root.locator('[role=log] > .u'),
    quickReplies: root.locator('.qr button'),
    banner: root.locator('.banner'),
    /** The element focused inside the widget (its shadow root's activeElement), as a class name. */
    focused: () => page.evaluate(() => document.querySelector('parley-chat')?.shadowRoot?.activeElement?.className ?? null),
  };
}

/** What the widget keeps in localStorage for the Parley server at `server`. */
export async function savedState(page: Page, server: string): Promise<{ session?: { token: string; conversationId: string; watermark: number }; outbox: unknown[] }> {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '{}'), `parley:${server}`);
}
