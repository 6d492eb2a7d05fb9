/**
 * Passing a chat on, in real browsers: Alice (English console) passes a widget customer's chat
 * to Bob (Chinese console), who finds it his with a notice, replies, and passes it back to the
 * queue; the customer reads each change in the widget.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SHOTS_DIR, widgetOn } from '../support/browser.js';
import { openConsole, useBrowserApp } from '../support/browser-app.js';

const app = useBrowserApp({ agents: ['Alice', 'Bob'] });

/** An agent signed in to the console, in a browser context of their own, in `uiLanguage`. */
async function console(email: string, uiLanguage: 'en' | 'zh', errors: string[]): Promise<Page> {
  return openConsole(app, { email, uiLanguage, errors, viewport: { width: 1360, height: 820 } });
}

describe('passing a chat on in the console', () => {
  it('Alice passes a chat to Bob: his at once with a notice, the customer told in the widget; Bob passes it back to the queue', async () => {
    const errors: string[] = [];
    const alice = await console('alice@example.com', 'en', errors);

    const shop = await (await app.browser.newContext({ locale: 'en-US' })).newPage();
    await shop.goto(`${app.server.url}/`);
    const widget = widgetOn(shop);
    await widget.launcher.click();
    await widget.replies.first().waitFor();
    await widget.input.fill('I want to talk to a person');
    await widget.input.press('Enter');
    const systemLine = (text: string) => widget.log.locator('.sys', { hasText: text });

    // Alice takes the chat.
    await alice.locator('.queue-item').first().click();
    await alice.click('[data-action="claim"]');
    await systemLine('Alice joined the chat').waitFor();

    // "Pass to…" lists the colleagues online and the queue, and follows who comes while it is open.
    await alice.click('[data-action="pass"]');
    await alice.locator('.pass-menu [data-pass-to="queue"]').waitFor();
    expect(await alice.locator('.pass-menu [data-pass-to]').allTextContents()).toEqual(['Back to the queue']);
    const bob = await console('bob@example.com', 'zh', errors);
    await alice.locator('#presence', { hasText: '2 agents online' }).waitFor();
    const toBob = alice.locator('.pass-menu [data-pass-to]', { hasText: 'Bob' });
    await toBob.waitFor();
    expect(await alice.locator('.pass-menu [data-pass-to]').allTextContents()).toEqual(['Bob', 'Back to the queue']);
    await alice.screenshot({ path: `${SHOTS_DIR}/console-pass-to-en.png` });
    await toBob.click();

    // The customer reads who has them now, and is asked no rating.
    expect(await systemLine("You're now with Bob").textContent()).toBe("You're now with Bob");
    // Alice's console: Bob has it, and only he may reply.
    await alice.locator('#conv-header .holder', { hasText: 'with Bob' }).waitFor();
    expect(await alice.locator('#composer-text').isDisabled()).toBe(true);

    // Bob's console says it is his, and opens it.
    const notice = bob.locator('#notice');
    await notice.locator('.text', { hasText: 'Alice 把一个对话转交给了您' }).waitFor();
    await bob.screenshot({ path: `${SHOTS_DIR}/console-passed-notice-zh.png` });
    await notice.getByRole('button', { name: '打开' }).click();
    await bob.locator('#conv-header .holder', { hasText: '由 Bob 接待' }).waitFor();
    expect(await bob.locator('#composer-text').isDisabled()).toBe(false);
    await bob.locator('#transcript .line.system .text', { hasText: "You're now with Bob" }).waitFor();
    await bob.click('[data-action="pass"]');
    await bob.locator('.pass-menu [data-pass-to="queue"]', { hasText: '放回排队' }).waitFor();
    expect(await bob.locator('.pass-menu [data-pass-to]').allTextContents()).toEqual(['Alice', '放回排队']);
    await bob.screenshot({ path: `${SHOTS_DIR}/console-pass-to-zh.png` });
    await bob.keyboard.press('Escape');
    await bob.locator('.pass-menu').waitFor({ state: 'detached' });
    // A click elsewhere closes it too.
    await bob.click('[data-action="pass"]');
    await bob.locator('.pass-menu').waitFor();
    await bob.click('#transcript');
    await bob.locator('.pass-menu').waitFor({ state: 'detached' });

    await bob.fill('#composer-text', 'Hi, Bob here. I will sort out your refund.');
    await bob.keyboard.press('Enter');
    await widget.log.locator('.ag', { hasText: 'Hi, Bob here.' }).waitFor();

    // Back to the queue: the customer keeps their place; Alice sees it waiting.
    await bob.click('[data-action="pass"]');
    await bob.click('.pass-menu [data-pass-to="queue"]');
    expect(await systemLine('Passing you to a colleague').textContent()).toBe('Passing you to a colleague — you keep your place in the queue');
    await alice.locator('.tab', { hasText: 'Waiting' }).click();
    await alice.locator('.queue-item').first().waitFor();
    expect(await widget.log.locator('.sys, .bot').allTextContents()).not.toContainEqual(expect.stringMatching(/rate/i));

    // Alice takes it again and at once goes to sign out, before her Active list has caught up:
    // she is asked first, about the one chat she has.
    await alice.locator('.queue-item').first().click();
    await alice.click('[data-action="claim"]');
    await expect.poll(() => alice.locator('#composer-text').isDisabled()).toBe(false);
    const asked: string[] = [];
    alice.on('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await alice.click('#logout');
    await expect.poll(() => asked).toEqual(['You have a chat open. Signing out puts it back in the queue for another agent. Sign out?']);
    expect(errors).toEqual([]);
  });
});
