/**
 * A busy shift in the agent console, in a real browser: one agent holding several chats at once
 * must notice what needs them without looking at every chat (or at the console at all).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SHOTS_DIR } from '../support/browser.js';
import { openConsole, useBrowserApp } from '../support/browser-app.js';
import { generateToken } from '../support/directline.js';
import { request } from '../support/http.js';

const app = useBrowserApp({ agents: ['Alice'] });

/** Alice, signed in to the console on a laptop-size screen. */
const signIn = (errors: string[]): Promise<Page> => openConsole(app, { errors });

/** A customer on the raw Direct Line routes, who asked for a person. */
async function waitingCustomer(locale = 'en-US') {
  const { token, conversationId } = await generateToken(app.server.url);
  const say = async (text: string) => {
    const sent = await request(app.server.url, 'POST', `/v3/directline/conversations/${conversationId}/activities`, { token, body: { type: 'message', text, locale } });
    expect(sent.status).toBe(200);
  };
  await say(locale.startsWith('zh') ? '我要人工客服' : 'I want to talk to a person');
  return { token, conversationId, say };
}

/** Alice opens the chat from the queue, claims it and says hello. */
async function claimAndGreet(page: Page, conversationId: string): Promise<void> {
  await page.locator(`.queue-item[data-conversation="${conversationId}"]`).click();
  await page.waitForFunction((id) => location.hash === `#${id}`, conversationId);
  await page.click('[data-action="claim"]');
  await page.locator('#composer-text:not([disabled])').waitFor();
  await page.fill('#composer-text', 'Hello, Alice here.');
  await page.keyboard.press('Enter');
  await page.locator('#transcript .line.agent', { hasText: 'Hello, Alice here.' }).waitFor();
}

describe('a shift with several chats', () => {
  it('the tab title counts the chats whose customer is waiting for her answer, in the console language', async () => {
    const errors: string[] = [];
    const alice = await signIn(errors);
    const a = await waitingCustomer();
    const b = await waitingCustomer('zh-CN');
    await alice.locator(`.queue-item[data-conversation="${b.conversationId}"]`).waitFor();
    await claimAndGreet(alice, a.conversationId);
    await alice.click('[data-tab="waiting"]');
    await claimAndGreet(alice, b.conversationId);
    await alice.waitForFunction(() => document.title === 'Parley agent console');

    // Alice works in B's chat (or in another tab) while A's customer writes: the title tells her.
    await a.say('hello? are you still there?');
    await alice.waitForFunction(() => document.title === '1 to answer · Parley agent console');
    await b.say('我的订单还没到');
    await alice.waitForFunction(() => document.title === '2 to answer · Parley agent console');
    // A new chat in the queue is counted beside them.
    const c = await waitingCustomer();
    await alice.waitForFunction(() => document.title.endsWith('2 to answer · (1) Parley agent console'));

    // She answers B, where she is: one left to answer.
    await alice.fill('#composer-text', '我马上帮您查。');
    await alice.keyboard.press('Enter');
    await alice.waitForFunction(() => document.title.endsWith('1 to answer · (1) Parley agent console'));
    await alice.click('[data-lang="zh"]');
    expect(await alice.title()).toMatch(/(^|— )1 个待回复 · \(1\) Parley 客服工作台$/);
    await alice.click('[data-lang="en"]');
    await alice.screenshot({ path: `${SHOTS_DIR}/console-shift-to-answer.png` });

    for (const each of [a, b]) {
      await alice.locator('[data-tab="active"]').click();
      await alice.locator(`.queue-item[data-conversation="${each.conversationId}"]`).click();
      await alice.waitForFunction((id) => location.hash === `#${id}`, each.conversationId);
      await alice.click('[data-action="release"]');
      await alice.locator('[data-action="claim"]').waitFor();
    }
    await c.say('cancel');
    expect(errors).toEqual([]);
    await alice.context().close();
  });

  it('a customer who leaves for a new chat: the agent is told in the chat, the queue and the composer, and can follow them', async () => {
    const errors: string[] = [];
    const alice = await signIn(errors);
    const a = await waitingCustomer();
    const b = await waitingCustomer('zh-CN');
    await alice.locator(`.queue-item[data-conversation="${b.conversationId}"]`).waitFor();
    await claimAndGreet(alice, b.conversationId);
    await alice.click('[data-tab="waiting"]');
    await claimAndGreet(alice, a.conversationId);
    await alice.click('[data-tab="active"]');

    // A's customer presses "Start a new conversation" in the widget, and asks the bot something there.
    const again = await request(app.server.url, 'POST', '/v3/directline/tokens/generate', { token: a.token, body: {} });
    expect(again.status).toBe(200);
    await request(app.server.url, 'POST', `/v3/directline/conversations/${again.body.conversationId}/activities`, { token: again.body.token, body: { type: 'message', text: 'how do I return a jacket', locale: 'en-US' } });

    await alice.locator('#transcript .line.system', { hasText: 'The customer started a new conversation and no longer sees this chat.' }).waitFor();
    const notice = alice.locator('#conv-header .newer');
    await notice.getByRole('button', { name: 'Open it' }).waitFor();
    expect(await notice.textContent()).toBe('The customer started a new chat: what you write here no longer reaches them. Open it');
    expect(await alice.locator(`.queue-item[data-conversation="${a.conversationId}"] .badge.customer-left`).textContent()).toBe('customer left');
    expect(await alice.getAttribute('#composer-text', 'placeholder')).toMatch(/^The customer has left this chat: a reply would not reach them\./);
    // Nobody is waiting for her answer there (the system line is the chat's last).
    expect(await alice.title()).toMatch(/(^|— )Parley agent console$/);
    await alice.screenshot({ path: `${SHOTS_DIR}/console-customer-left.png` });

    await alice.click('[data-lang="zh"]');
    expect(await notice.textContent()).toBe('客户已开始新的对话：在这里发送的消息客户看不到了。 打开');
    expect(await alice.locator(`.queue-item[data-conversation="${a.conversationId}"] .badge.customer-left`).textContent()).toBe('客户已离开');
    await alice.click('[data-lang="en"]');

    // She follows the customer into their new chat (the bot has it).
    await notice.getByRole('button', { name: 'Open it' }).click();
    await alice.waitForFunction((id) => location.hash === `#${id}`, again.body.conversationId);
    await alice.locator('#conv-header .badge.status.bot').waitFor();
    await alice.locator('#transcript .line.customer', { hasText: 'how do I return a jacket' }).waitFor();

    for (const each of [a, b]) {
      await alice.locator(`.queue-item[data-conversation="${each.conversationId}"]`).click();
      await alice.waitForFunction((id) => location.hash === `#${id}`, each.conversationId);
      await alice.click('[data-action="release"]');
      await alice.locator('[data-action="claim"]').waitFor();
    }
    expect(errors).toEqual([]);
    await alice.context().close();
  });

  it('a customer who asked in English and goes on in Chinese: the chat is marked 中文 and the canned replies are Chinese, without opening it again; a paste past the limit is said to be cut', async () => {
    const errors: string[] = [];
    const alice = await signIn(errors);
    const a = await waitingCustomer();
    await alice.locator(`.queue-item[data-conversation="${a.conversationId}"]`).waitFor();
    await claimAndGreet(alice, a.conversationId);
    expect(await alice.locator('#conv-header .badge.lang').textContent()).toBe('EN');

    await a.say('我的订单三天了还没发货，能帮我查一下吗？');
    await alice.locator('#transcript .line.customer', { hasText: '还没发货' }).waitFor();
    await alice.locator('#conv-header .badge.lang', { hasText: '中文' }).waitFor();
    await alice.focus('#canned-search');
    await alice.locator('#canned-results button').first().waitFor();
    expect(await alice.locator('#canned-results button span').first().textContent()).toMatch(/[\u4e00-\u9fff]/);
    await alice.keyboard.press('Escape');

    // A paste longer than a message may be is cut by the composer: the agent is told, not left to send half of it.
    await alice.fill('#composer-text', `${'订单记录：1048213 已发货。'.repeat(400)}`);
    expect((await alice.inputValue('#composer-text')).length).toBe(4000);
    expect(await alice.locator('#composer-hint').textContent()).toBe('A message or note holds up to 4000 characters: what went past that was cut, so send the rest in another one.');
    await alice.fill('#composer-text', '您的订单已经发货了。');
    expect(await alice.locator('#composer-hint').textContent()).toBe('');

    await alice.click('[data-action="release"]');
    await alice.locator('[data-action="claim"]').waitFor();
    expect(errors).toEqual([]);
    await alice.context().close();
  });
});
