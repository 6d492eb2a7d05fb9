import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SHOTS_DIR } from '../support/browser.js';
import { countedOnline, useBrowserApp } from '../support/browser-app.js';
import { type ClientActivity, generateToken, openDirectLine } from '../support/directline.js';
import { request } from '../support/http.js';
import { ADMIN, startChildServer } from '../support/child-server.js';
import { tempDir } from '../support/temp.js';

const app = useBrowserApp({ agents: ['Alice', 'Bob'] });

/** An agent signed in to the console in a browser context of their own. */
async function signIn(email: string, uiLanguage: 'en' | 'zh'): Promise<Page> {
  const context = await app.browser.newContext({ viewport: { width: 1360, height: 820 }, locale: 'en-US' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${app.server.url}/agent`);
  if (uiLanguage === 'zh') await page.click('[data-lang="zh"]');
  await page.locator('#login-form').waitFor();
  await page.screenshot({ path: `${SHOTS_DIR}/console-login-${uiLanguage}.png` });
  await page.fill('input[name=email]', email);
  if (uiLanguage === 'zh') {
    // A refused sign-in is explained in the console's language, not in the server's English.
    await page.fill('input[name=password]', 'not the password');
    await page.keyboard.press('Enter');
    await page.locator('#login-error', { hasText: '邮箱或密码不正确。' }).waitFor();
  }
  await page.fill('input[name=password]', 'agent password 1');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#app-view:not([hidden])');
  // A customer asking for a person before the agent counts as online finds nobody, and their chat becomes a ticket at once.
  await countedOnline(page);
  expect(errors).toEqual([]);
  return page;
}

/** A customer on Microsoft's Direct Line client, as Web Chat would be. */
async function customer(locale: string) {
  const { token, conversationId } = await generateToken(app.server.url);
  const session = await openDirectLine(app.server.url, { webSocket: true, token });
  const messages = (match: (activity: ClientActivity) => boolean) => session.next((activity) => activity.type === 'message' && match(activity));
  return { session, conversationId, messages, say: (text: string) => session.say(text, { locale }) };
}

const senderOf = (activity: ClientActivity) => (activity.channelData as { parley?: { sender?: string } } | undefined)?.parley?.sender;
const isBot = (activity: ClientActivity) => activity.from.role === 'bot' && senderOf(activity) === undefined;

/** A customer who asked for a person and was told their place in the queue. */
async function waitingCustomer(locale: string) {
  const c = await customer(locale);
  await c.messages(isBot); // the welcome
  await c.say('I want to talk to a person');
  await c.messages(isBot); // their place in the queue
  return c;
}

/** A promise and the function that fulfils it: a response held until the test lets it go. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('handoff through the agent console', () => {
  it('English: the agent sees the chat arrive live, claims, replies, hands back; XSS stays text', async () => {
    const alice = await signIn('alice@example.com', 'en');
    await alice.screenshot({ path: `${SHOTS_DIR}/console-empty.png` });
    const c = await customer('en-US');
    await c.messages(isBot); // the welcome
    // The widget asks for consent to profiling; with it the agent sees the customer's mood over time.
    c.session.client.postActivity({ type: 'event', name: 'parley.consent', value: { profiling: true }, from: { id: 'customer' } } as never).subscribe();
    await c.say('my parcel is late again, this is really annoying');
    await c.messages(isBot);

    await c.say('I want to talk to a person');
    expect((await c.messages(isBot)).text).toMatch(/number 1 in the queue/);
    const item = alice.locator(`.queue-item[data-conversation="${c.conversationId}"]`);
    await item.waitFor();
    expect(await alice.title()).toMatch(/^(\(1\)|●)/);
    // The queue shows what the customer said (not the bot's "getting a person" line) and why they are there.
    expect(await item.locator('.preview').textContent()).toBe('I want to talk to a person');
    // The customer id is cut short on screen; the whole one is there on hover.
    expect(await item.locator('.customer').getAttribute('title')).toMatch(/^dl_.{10,}$/);
    expect(await item.locator('.badge.reason').textContent()).toBe('asked for a person');
    // It says when the customer will be told nobody came (the test server's time-out: 3 min).
    expect(await item.locator('.timeout').textContent()).toMatch(/^times out in [23] min$/);

    // A hostile customer: markup must show as text in the console and never run.
    const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
    await c.say(payload);
    await item.click();
    await alice.locator('#transcript .line.customer .bubble', { hasText: '<img src=x' }).waitFor();
    await alice.screenshot({ path: `${SHOTS_DIR}/console-waiting.png` });

    await alice.click('[data-action="claim"]');
    expect((await c.messages((activity) => senderOf(activity) === 'system' && /joined/.test(activity.text ?? ''))).text).toBe('Alice joined the chat');
    await alice.fill('#composer-text', 'Hi, I am Alice. Let me look at your order.');
    await alice.keyboard.press('Enter');
    const fromAgent = await c.messages((activity) => senderOf(activity) === 'agent');
    expect(fromAgent).toMatchObject({ text: 'Hi, I am Alice. Let me look at your order.', from: { name: 'Alice' } });

    // The customer writes while the agent has the chat: the agent sees them typing, then the
    // message, live; the bot stays quiet.
    c.session.client.postActivity({ type: 'typing', from: { id: 'customer' } } as never).subscribe();
    await alice.locator('#typing:not([hidden])', { hasText: 'Customer is typing' }).waitFor();
    await c.say('where is my order?');
    await alice.locator('#transcript .line.customer .bubble', { hasText: 'where is my order?' }).waitFor();
    await alice.fill('#composer-text', 'It left our warehouse this morning.');
    await alice.keyboard.press('Enter');
    const next = await c.messages((activity) => activity.from.role === 'bot');
    expect(next).toMatchObject({ text: 'It left our warehouse this morning.', from: { name: 'Alice' } });

    expect(await alice.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await alice.locator('#transcript img, #transcript script').count()).toBe(0);
    // Canned replies: before a search, the answer to what the customer asked comes first, marked…
    await alice.click('#canned-search');
    const firstCanned = alice.locator('#canned-results button').first();
    await expect.poll(() => firstCanned.locator('em').textContent()).toBe('Suggested for this chat');
    expect(await firstCanned.locator('strong').textContent()).toBe('Track my order');
    await alice.screenshot({ path: `${SHOTS_DIR}/console-canned-suggested.png` });
    // …a search finds the knowledge base's answers; Enter at once picks from what was typed, not the list before it.
    await alice.locator('#canned-search').pressSequentially('refund', { delay: 20 });
    await alice.keyboard.press('Enter');
    await alice.locator('#canned-results').waitFor({ state: 'hidden' });
    expect(await alice.inputValue('#composer-text')).toMatch(/^Refunds are issued to your original payment method/);
    await alice.fill('#canned-search', 'track');
    await alice.locator('#canned-results button strong', { hasText: 'Track my order' }).first().waitFor();
    await alice.screenshot({ path: `${SHOTS_DIR}/console-active.png` });
    await alice.fill('#composer-text', '');
    await alice.click('[data-mode="note"]');
    await alice.fill('#composer-text', 'Asked twice about the parcel; check the courier.');
    await alice.keyboard.press('Enter');
    await alice.locator('.notes li', { hasText: 'check the courier' }).waitFor();
    await alice.click('[data-mode="reply"]');

    await alice.click('[data-action="release"]');
    expect((await c.messages((activity) => senderOf(activity) === 'system' && /left the chat/.test(activity.text ?? ''))).text).toMatch(/^Alice left the chat/);
    expect((await c.messages(isBot)).text).toBe('How would you rate the help Alice gave you? From 1 (very unhappy) to 5 (very happy).');
    await c.say('5');
    expect((await c.messages(isBot)).text).toBe('Thank you for rating us 5/5. Is there anything you would like to add? (optional)');
    await c.say('No, thanks');
    expect((await c.messages(isBot)).text).toMatch(/^Thank you! Your feedback goes to our team/);
    // The agent sees the rating on the conversation, live.
    await alice.locator('#conv-header .badge.rating', { hasText: 'Rated 5/5' }).waitFor();
    await c.say('where is my order?');
    const answer = await c.messages((activity) => activity.from.role === 'bot');
    expect(isBot(answer)).toBe(true);
    expect(answer.text).not.toMatch(/Alice/);
    // The bot has the chat again; the agent still on it sees the customer and the bot live.
    await alice.locator('#transcript .line.customer .bubble', { hasText: 'where is my order?' }).nth(1).waitFor();
    await alice.locator('#transcript .line.bot .bubble', { hasText: answer.text!.slice(0, 40) }).waitFor();
    expect(c.session.received.some((activity) => activity.text?.includes('check the courier'))).toBe(false);
    await alice.locator('.badge.status.bot').waitFor();
    await alice.screenshot({ path: `${SHOTS_DIR}/console-released.png` });
    c.session.end();
    await alice.context().close();
  });

  it('two chats at once: each keeps its own draft, opens at its last line, and live updates leave the keyboard where it was', async () => {
    const a = await customer('en-US');
    const b = await customer('en-US');
    await Promise.all([a.messages(isBot), b.messages(isBot)]);
    // A long story first, so the transcript is taller than the pane; its last line is long too.
    for (let i = 1; i <= 12; i += 1) {
      await a.say(`Detail ${i} of what happened with my order.`);
      await a.messages(isBot);
    }
    await a.say('I want to talk to a person');
    await a.messages(isBot);
    await b.say('I want to talk to a person');
    await b.messages(isBot);
    await a.say(`${'The parcel was opened and resealed. '.repeat(80)}`);
    await a.say(`${'Nobody answers the phone either. '.repeat(80)}`);

    const alice = await signIn('alice@example.com', 'en');
    await alice.locator(`.queue-item[data-conversation="${a.conversationId}"]`).click();
    await alice.locator('#transcript .line.customer .bubble', { hasText: 'Nobody answers the phone' }).waitFor();
    await alice.click('[data-action="claim"]');
    await alice.locator('#composer-text:not([disabled])').waitFor();
    // The first chat opened opens at its last line (the composer appearing used to hide it).
    expect(await alice.evaluate(() => {
      const list = document.querySelector('#transcript')!;
      return list.scrollHeight - list.scrollTop - list.clientHeight;
    })).toBeLessThan(2);

    // A has not agreed to profiling: the panel says why there is no mood history.
    await alice.locator('#side p', { hasText: 'Not kept: the customer has not agreed to profiling' }).waitFor();

    // A draft for A stays with A: it is not in B's composer, and comes back in A's.
    await alice.fill('#composer-text', 'Your refund for the resealed parcel is approved');
    await alice.locator(`.queue-item[data-conversation="${b.conversationId}"]`).click();
    await alice.waitForFunction((id) => location.hash === `#${id}`, b.conversationId);
    expect(await alice.inputValue('#composer-text')).toBe('');
    await alice.click('[data-action="claim"]');
    await alice.locator(`[data-tab="active"]`).click();
    await alice.locator(`.queue-item[data-conversation="${a.conversationId}"]`).click();
    await alice.waitForFunction(() => (document.querySelector<HTMLTextAreaElement>('#composer-text')?.value ?? '') !== '');
    expect(await alice.inputValue('#composer-text')).toBe('Your refund for the resealed parcel is approved');

    // The keyboard is on B's queue item; a live event redraws the queue; the focus stays on B.
    const itemB = alice.locator(`.queue-item[data-conversation="${b.conversationId}"]`);
    await itemB.focus();
    const before = await itemB.elementHandle();
    await b.say('hello? still there?');
    await alice.waitForFunction((element) => !element?.isConnected, before);
    expect(await alice.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.conversation)).toBe(b.conversationId);
    // B's customer wrote last in a chat Alice holds: the queue marks it as waiting for her reply.
    await alice.locator(`.queue-item[data-conversation="${b.conversationId}"] .badge.needs-reply`, { hasText: 'your reply' }).waitFor();

    // A ticket from A's chat: the form starts from the customer's latest words, within the limit;
    // a refused ticket is explained beside the tickets, not under the composer.
    await alice.locator(`.queue-item[data-conversation="${a.conversationId}"]`).click();
    await alice.getByRole('button', { name: 'Create ticket from chat' }).click();
    const description = alice.locator('#side form.ticket-form').getByRole('textbox', { name: 'What happened' });
    const prefilled = await description.inputValue();
    expect(prefilled.length).toBeLessThanOrEqual(4000);
    expect(prefilled).toMatch(/Nobody answers the phone either\.\s*$/);
    await description.evaluate((element: HTMLTextAreaElement) => {
      element.value = 'x'.repeat(4100);
      element.dispatchEvent(new Event('input'));
    });
    await alice.locator('#side form.ticket-form').getByRole('button', { name: 'Create ticket', exact: true }).click();
    expect(await alice.locator('#side .side-message.error').textContent()).toBe('description: must be at most 4000 characters');
    expect(await alice.locator('#composer-hint').textContent()).toBe('');

    // Closing asks first; "Cancel" keeps the chat.
    await alice.locator(`.queue-item[data-conversation="${b.conversationId}"]`).click();
    const confirmed: string[] = [];
    alice.once('dialog', (dialog) => {
      confirmed.push(dialog.message());
      void dialog.dismiss();
    });
    await alice.click('[data-action="close"]');
    expect(confirmed).toEqual(['Close this chat? The customer is told it has ended.']);
    expect((await request(app.server.url, 'GET', `/api/conversations/${b.conversationId}`, { cookie: (await alice.context().cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ') })).body.status).toBe('active');

    // A new chat waiting: the title says so for a moment.
    const c = await customer('en-US');
    await c.messages(isBot);
    await c.say('I want to talk to a person');
    await alice.waitForFunction(() => document.title.startsWith('● New chat waiting'));

    // Signing out while holding two chats asks first, then puts them back in the queue.
    const asked: string[] = [];
    alice.on('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.accept();
    });
    await alice.click('#logout');
    await alice.locator('#login-form').waitFor();
    // Nobody else has a console open: the question says the chats become tickets, not that another agent takes them.
    expect(asked).toEqual(['You have 2 chats open, and no other agent is online: signing out saves them as tickets for your team. Sign out?']);
    const told = await a.messages((activity) => senderOf(activity) === 'system' && /had to leave/.test(activity.text ?? ''));
    expect(told.text).toBe('Alice had to leave. You are back in the queue: the next agent will take over.');
    // The three leave the queue (the next test counts places in it).
    for (const each of [a, b, c]) {
      await each.say('cancel');
      await each.messages((activity) => senderOf(activity) === 'system' && /left the queue/.test(activity.text ?? ''));
      each.session.end();
    }
    await alice.context().close();
  });

  // Another customer asks for a person while the agent holds a chat's button down (the mouse, or
  // Space, which clicks at the key's release): the console hears of it (the title counts it) and
  // redraws the queue, which, done at once, replaced the button under the press, and no click came.
  for (const [how, press, release] of [
    ['clicked', (page: Page, item: Locator) => item.hover().then(() => page.mouse.down()), (page: Page) => page.mouse.up()],
    ['opened with the Space key', (page: Page, item: Locator) => item.focus().then(() => page.keyboard.down(' ')), (page: Page) => page.keyboard.up(' ')],
  ] as const) {
    it(`a chat ${how} in the queue opens, though a new chat redraws the queue between the press and the release`, async () => {
      const alice = await signIn('alice@example.com', 'en');
      const a = await waitingCustomer('en-US');
      const itemA = alice.locator(`.queue-item[data-conversation="${a.conversationId}"]`);
      await itemA.waitFor();
      const waiting = Number(/\((\d+)\)/.exec(await alice.title())?.[1]);
      await press(alice, itemA);
      const b = await waitingCustomer('en-US');
      await alice.waitForFunction((count) => document.title.includes(`(${count})`), waiting + 1);
      await release(alice);
      await alice.locator('#transcript .line.customer .bubble', { hasText: 'I want to talk to a person' }).waitFor();
      expect(await alice.evaluate(() => location.hash)).toBe(`#${a.conversationId}`);
      // The redraw held back during the press comes after it: the new chat is listed.
      await alice.locator(`.queue-item[data-conversation="${b.conversationId}"]`).waitFor();
      for (const each of [a, b]) {
        await each.say('cancel');
        await each.messages((activity) => senderOf(activity) === 'system' && /left the queue/.test(activity.text ?? ''));
        each.session.end();
      }
      await alice.context().close();
    });
  }

  it("'Claim' pressed as the chat's header is redrawn (the customer going on in Chinese) claims the chat", async () => {
    const alice = await signIn('alice@example.com', 'en');
    const c = await waitingCustomer('en-US');
    await alice.locator(`.queue-item[data-conversation="${c.conversationId}"]`).click();
    await alice.locator('#conv-header .badge.lang', { hasText: 'EN' }).waitFor();
    await alice.locator('[data-action="claim"]').hover();
    await alice.mouse.down();
    // The queue marks the chat 中文 once the customer writes in Chinese, and the open chat's header follows.
    await c.say('你好，请问还要等多久？');
    await alice.locator(`.queue-item[data-conversation="${c.conversationId}"] .badge.lang`, { hasText: '中文' }).waitFor();
    await alice.mouse.up();
    await alice.locator('#composer-text:not([disabled])').waitFor();
    await alice.locator('#conv-header .badge.lang', { hasText: '中文' }).waitFor();
    await alice.click('[data-action="release"]');
    await alice.locator('[data-action="claim"]').waitFor();
    c.session.end();
    await alice.context().close();
  });

  it('a line the customer writes while the console reloads the chat (the agent claiming it) stays on screen', async () => {
    const alice = await signIn('alice@example.com', 'en');
    const c = await waitingCustomer('en-US');
    await alice.locator(`.queue-item[data-conversation="${c.conversationId}"]`).click();
    await alice.locator('#transcript .line.customer .bubble', { hasText: 'I want to talk to a person' }).waitFor();
    // The chat as the server had it before the customer's next line reaches the console after that line;
    // a copy that has it waits until the end.
    const staleTaken = gate();
    const staleOut = gate();
    const freshOut = gate();
    const detail = `**/api/conversations/${c.conversationId}`;
    await alice.route(detail, async (route) => {
      const response = await route.fetch();
      const body = await response.text();
      if (body.includes('Are you still there?')) await freshOut.promise;
      else {
        staleTaken.open();
        await staleOut.promise;
      }
      await route.fulfill({ response, body });
    });
    await alice.click('[data-action="claim"]');
    await staleTaken.promise;
    await c.say('Are you still there?');
    const line = alice.locator('#transcript .line.customer .bubble', { hasText: 'Are you still there?' });
    await line.waitFor();
    staleOut.open();
    // The reload from before the line is shown (Alice has the chat now); the line stays.
    await alice.locator('#composer-text:not([disabled])').waitFor();
    expect(await line.count()).toBe(1);
    freshOut.open();
    // Wait for the handlers still holding a response to fulfil it: one that finished after the page
    // closed failed as "Route is already handled!" (an unhandled rejection in a fresh clone's run).
    await alice.unrouteAll({ behavior: 'wait' });
    await alice.click('[data-action="release"]');
    await alice.locator('[data-action="claim"]').waitFor();
    c.session.end();
    await alice.context().close();
  });

  it('a chat that finishes loading after the agent opened another one is not shown in its place', async () => {
    const alice = await signIn('alice@example.com', 'en');
    const chat = async (story: string) => {
      const c = await customer('en-US');
      await c.messages(isBot);
      await c.say(story);
      await c.messages(isBot);
      await c.say('I want to talk to a person');
      await c.messages(isBot);
      return c;
    };
    const a = await chat('My parcel from Shenzhen is two weeks late');
    const b = await chat('I was charged twice for one blender');
    // A is slow to load: it arrives only after B is open.
    const aOut = gate();
    const detailA = `**/api/conversations/${a.conversationId}`;
    await alice.route(detailA, async (route) => {
      const response = await route.fetch();
      await aOut.promise;
      await route.fulfill({ response });
    });
    const aRequested = alice.waitForRequest((request) => request.url().endsWith(`/api/conversations/${a.conversationId}`));
    await alice.locator(`.queue-item[data-conversation="${a.conversationId}"]`).click();
    await aRequested;
    const bProfile = alice.waitForResponse((response) => response.url().includes('/api/customers/'));
    await alice.locator(`.queue-item[data-conversation="${b.conversationId}"]`).click();
    await alice.locator('#transcript .line.customer .bubble', { hasText: 'charged twice' }).waitFor();
    await bProfile;
    // A's chat arrives; the console goes on (it asks for a customer's profile next).
    const nextProfile = alice.waitForRequest((request) => request.url().includes('/api/customers/'));
    aOut.open();
    await nextProfile;
    expect(await alice.evaluate(() => location.hash)).toBe(`#${b.conversationId}`);
    expect(await alice.locator('#transcript').getAttribute('data-conversation')).toBe(b.conversationId);
    expect(await alice.locator('#transcript .line.customer .bubble', { hasText: 'Shenzhen' }).count()).toBe(0);
    // B's new lines still come in live.
    await b.say('Hello? Is anyone reading this?');
    await alice.locator('#transcript .line.customer .bubble', { hasText: 'Is anyone reading this?' }).waitFor();
    await alice.unroute(detailA);
    for (const each of [a, b]) {
      await each.say('cancel');
      await each.messages((activity) => senderOf(activity) === 'system' && /left the queue/.test(activity.text ?? ''));
      each.session.end();
    }
    await alice.context().close();
  });

  it('a reply still on its way when the agent opens another chat goes out once, to its own chat, and leaves the other chat\'s draft alone', async () => {
    const a = await waitingCustomer('en-US');
    const b = await waitingCustomer('en-US');
    const alice = await signIn('alice@example.com', 'en');
    for (const each of [b, a]) {
      await alice.locator(`.queue-item[data-conversation="${each.conversationId}"]`).click();
      await alice.waitForFunction((id) => location.hash === `#${id}`, each.conversationId);
      await alice.click('[data-action="claim"]');
      await alice.locator('#composer-text:not([disabled])').waitFor();
      if (each === b) await alice.fill('#composer-text', 'Let me check the tracking for you');
    }
    await alice.click('[data-tab="active"]');
    // A's reply is slow to go out (a poor connection): Alice presses Enter twice and opens B.
    const out = gate();
    const sendA = `**/api/conversations/${a.conversationId}/messages`;
    await alice.route(sendA, async (route) => {
      await out.promise;
      await route.continue();
    });
    await alice.fill('#composer-text', 'Your refund of $20 is approved.');
    await alice.keyboard.press('Enter');
    await alice.keyboard.press('Enter');
    await alice.locator(`.queue-item[data-conversation="${b.conversationId}"]`).click();
    await alice.waitForFunction((id) => document.querySelector('#transcript')?.getAttribute('data-conversation') === id, b.conversationId);
    expect(await alice.inputValue('#composer-text')).toBe('Let me check the tracking for you');
    const answered = alice.waitForResponse((response) => response.url().endsWith(`/api/conversations/${a.conversationId}/messages`));
    out.open();
    expect((await a.messages((activity) => senderOf(activity) === 'agent')).text).toBe('Your refund of $20 is approved.');
    await answered;
    await alice.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
    // B's chat and draft are as they were; the reply shows in A's chat, once, and A's composer is empty.
    expect(await alice.inputValue('#composer-text')).toBe('Let me check the tracking for you');
    expect(await alice.locator('#transcript .line.agent', { hasText: 'refund of $20' }).count()).toBe(0);
    await alice.locator(`.queue-item[data-conversation="${a.conversationId}"]`).click();
    await alice.locator('#transcript .line.agent', { hasText: 'refund of $20' }).waitFor();
    expect(await alice.locator('#transcript .line.agent', { hasText: 'refund of $20' }).count()).toBe(1);
    expect(await alice.inputValue('#composer-text')).toBe('');
    // The customer got it once: the next agent line they see is the next one Alice writes.
    await alice.fill('#composer-text', 'Anything else I can help with?');
    await alice.keyboard.press('Enter');
    expect((await a.messages((activity) => senderOf(activity) === 'agent')).text).toBe('Anything else I can help with?');
    expect(a.session.received.filter((activity) => senderOf(activity) === 'agent').map((activity) => activity.text)).toEqual(['Your refund of $20 is approved.', 'Anything else I can help with?']);
    await alice.unroute(sendA);
    for (const each of [a, b]) {
      await alice.click('[data-tab="active"]');
      await alice.locator(`.queue-item[data-conversation="${each.conversationId}"]`).click();
      await alice.waitForFunction((id) => location.hash === `#${id}`, each.conversationId);
      await alice.click('[data-action="release"]');
      await alice.locator('[data-action="claim"]').waitFor();
      each.session.end();
    }
    await alice.context().close();
  });

  it('a reload mid-chat keeps the reply the agent was writing, and a sent one is not brought back', async () => {
    const c = await waitingCustomer('en-US');
    const alice = await signIn('alice@example.com', 'en');
    await alice.locator(`.queue-item[data-conversation="${c.conversationId}"]`).click();
    await alice.click('[data-action="claim"]');
    await alice.locator('#composer-text:not([disabled])').waitFor();
    await alice.locator('#composer-text').pressSequentially('I checked your order and the refund of');

    await alice.reload();
    await alice.locator('#composer-text:not([disabled])').waitFor();
    expect(await alice.inputValue('#composer-text')).toBe('I checked your order and the refund of');
    expect(await alice.getAttribute('[data-mode="reply"]', 'aria-pressed')).toBe('true');

    // The reply reaches the customer, and Alice reloads before the console has the server's answer:
    // it is not brought back to be sent twice.
    const send = `**/api/conversations/${c.conversationId}/messages`;
    const held = gate();
    await alice.route(send, async (route) => {
      const response = await route.fetch();
      await held.promise;
      await route.fulfill({ response }).catch(() => undefined);
    });
    await alice.locator('#composer-text').pressSequentially(' $20 is on its way.');
    await alice.keyboard.press('Enter');
    expect((await c.messages((activity) => senderOf(activity) === 'agent')).text).toBe('I checked your order and the refund of $20 is on its way.');
    await alice.reload();
    await alice.unroute(send);
    held.open();
    await alice.locator('#composer-text:not([disabled])').waitFor();
    expect(await alice.inputValue('#composer-text')).toBe('');

    await alice.click('[data-action="release"]');
    await alice.locator('[data-action="claim"]').waitFor();
    c.session.end();
    await alice.context().close();
  });

  it('two agents claim at once: the one a moment late is told who has the chat, not shown an error', async () => {
    const c = await waitingCustomer('en-US');
    const bob = await request(app.server.url, 'POST', '/api/auth/login', { body: { email: 'bob@example.com', password: 'agent password 1' } });
    const bobCookie = bob.headers.get('set-cookie')!.split(';')[0]!;
    const alice = await signIn('alice@example.com', 'en');
    await alice.locator(`.queue-item[data-conversation="${c.conversationId}"]`).click();
    // Bob's claim reaches the server while Alice's is on its way.
    await alice.route('**/claim', async (route) => {
      expect((await request(app.server.url, 'POST', `/api/conversations/${c.conversationId}/claim`, { cookie: bobCookie })).status).toBe(200);
      await route.continue();
    });
    await alice.click('[data-action="claim"]');
    await expect.poll(() => alice.locator('#composer-hint').textContent()).toBe('Bob took this chat a moment before you.');
    expect(await alice.locator('#composer-hint').getAttribute('class')).not.toMatch(/error/);
    await alice.locator('[data-action="claim"]').waitFor({ state: 'detached' });
    await alice.unroute('**/claim');
    expect((await request(app.server.url, 'POST', `/api/conversations/${c.conversationId}/close`, { cookie: bobCookie })).status).toBe(200);
    c.session.end();
    await alice.context().close();
  });

  it('signing out leaves nothing for the next person at the desk: no password in the form, no draft in the composer', async () => {
    const { conversationId, token } = await generateToken(app.server.url);
    await request(app.server.url, 'POST', `/v3/directline/conversations/${conversationId}/activities`, { token, body: { type: 'message', text: 'hello' } });

    const alice = await signIn('alice@example.com', 'en');
    await alice.click('[data-tab="bot"]');
    await alice.locator(`.queue-item[data-conversation="${conversationId}"]`).click();
    await alice.locator('#conv-header .badge.status').waitFor();
    // A private note Alice started and did not send.
    await alice.click('[data-mode="note"]');
    await alice.fill('#composer-text', 'Alice only: this customer may be reselling');
    await alice.click('#logout');
    await alice.locator('#login-form').waitFor();
    // The sign-in form does not hold Alice's password: one click would have signed her back in.
    expect(await alice.inputValue('#login-form input[name=password]')).toBe('');

    // Bob sits down at the same browser tab and signs in; the same chat opens (its address).
    await alice.fill('input[name=email]', 'bob@example.com');
    await alice.fill('input[name=password]', 'agent password 1');
    await alice.keyboard.press('Enter');
    await alice.locator('#me', { hasText: 'Bob' }).waitFor();
    await alice.locator('#conv-header .badge.status').waitFor();
    expect(await alice.evaluate(() => location.hash.slice(1))).toBe(conversationId);
    // Alice's unsent note is not in Bob's composer, which starts in reply mode.
    expect(await alice.inputValue('#composer-text')).toBe('');
    expect(await alice.getAttribute('[data-mode="reply"]', 'aria-pressed')).toBe('true');
    // Nor does Bob's own password stay in the (hidden) sign-in form while he works.
    expect(await alice.inputValue('#login-form input[name=password]')).toBe('');
    await alice.context().close();
  });

  it("an old chat opened from a customer's history says they are in a newer one, and opens it", async () => {
    const first = await generateToken(app.server.url);
    await request(app.server.url, 'POST', `/v3/directline/conversations/${first.conversationId}/activities`, { token: first.token, body: { type: 'message', text: 'hello' } });
    // The same customer comes back and starts a new chat (their old token proves who they are).
    const again = await request(app.server.url, 'POST', '/v3/directline/tokens/generate', { token: first.token, body: {} });
    expect(again.body.conversationId).not.toBe(first.conversationId);
    await request(app.server.url, 'POST', `/v3/directline/conversations/${again.body.conversationId}/activities`, { token: again.body.token, body: { type: 'message', text: 'I want to talk to a person' } });

    const alice = await signIn('alice@example.com', 'en');
    await alice.goto(`${app.server.url}/agent#${first.conversationId}`);
    await alice.reload();
    const notice = alice.locator('#conv-header .newer');
    await notice.waitFor();
    expect(await notice.textContent()).toBe('This customer is in a newer chat now. Open it');
    expect(await alice.getAttribute('#composer-text', 'placeholder')).toBe('Claim the conversation to reply.');
    await notice.getByRole('button', { name: 'Open it' }).click();
    await alice.waitForFunction((id) => location.hash === `#${id}`, again.body.conversationId);
    await alice.locator('#conv-header .badge.status.waiting').waitFor();
    expect(await notice.count()).toBe(0);
    // The customer leaves the queue (the next tests count places in it).
    await request(app.server.url, 'POST', `/v3/directline/conversations/${again.body.conversationId}/activities`, { token: again.body.token, body: { type: 'message', text: 'cancel' } });
    await alice.context().close();
  });

  it('the tickets tab: unresolved tickets, found by number, open their chat, and follow changes made elsewhere live', async () => {
    const c = await customer('en-US');
    await c.messages(isBot);
    await c.say('I want to complain: order 778899 arrived damaged, email me at ann@example.com');
    await c.messages((activity) => /Shall I file it\?$/.test(activity.text ?? ''));
    await c.say('Yes, file it');
    const filed = await c.messages((activity) => /filed as ticket T-\d+/.test(activity.text ?? ''));
    const ticketId = /T-\d+/.exec(filed.text!)![0];

    const alice = await signIn('alice@example.com', 'en');
    await alice.locator('[data-tab="tickets"]').click();
    const item = alice.locator(`.ticket-item[data-ticket="${ticketId}"]`);
    await item.waitFor();
    expect(await item.locator('.preview').textContent()).toContain('order 778899 arrived damaged');
    await alice.getByRole('searchbox', { name: 'Find a ticket (T-1001) or customer' }).fill(ticketId);
    await alice.waitForFunction(() => document.querySelectorAll('.ticket-item').length === 1);
    await item.click();
    const status = alice.locator('#side .tickets li').first().getByRole('combobox', { name: /status/i });
    await status.waitFor();
    expect(await status.locator('option:checked').textContent()).toBe('open');
    await alice.screenshot({ path: `${SHOTS_DIR}/console-tickets.png` });

    // Another agent moves the ticket on: Alice's panel and list follow without a reload.
    const admin = (await request(app.server.url, 'POST', '/api/auth/login', { body: { email: 'admin@example.com', password: 'correct horse battery' } })).headers.get('set-cookie')!.split(';')[0]!;
    expect((await request(app.server.url, 'PATCH', `/api/tickets/${ticketId}`, { cookie: admin, body: { status: 'in_progress' } })).status).toBe(200);
    await alice.waitForFunction(() => document.querySelector('#side .tickets li select:not(.badge) option:checked')?.textContent === 'in progress');
    await alice.waitForFunction((id) => document.querySelector(`.ticket-item[data-ticket="${id}"] .badge.status`)?.textContent === 'in progress', ticketId);
    expect((await c.messages((activity) => /is now working on it/.test(activity.text ?? ''))).text).toMatch(new RegExp(`^An update on your ticket ${ticketId}: \\w+ from our team is now working on it\\.`));

    // Waiting for the customer: the console first asks what the customer should be asked, and they are sent it.
    const row = alice.locator('#side .tickets li').first();
    await row.getByRole('combobox', { name: /status/i }).selectOption('waiting_customer');
    const ask = row.locator('form.ask');
    await ask.getByRole('textbox', { name: 'What do you need from the customer? (sent to them)' }).fill('Which item in the order was damaged?');
    await alice.screenshot({ path: `${SHOTS_DIR}/console-ask-customer.png` });
    await ask.getByRole('button', { name: 'Ask the customer' }).click();
    expect((await c.messages((activity) => /needs something from you/.test(activity.text ?? ''))).text).toBe(
      `An update on your ticket ${ticketId}: to carry on, our team needs something from you.\nWhich item in the order was damaged?\nPlease reply here.`,
    );
    await ask.waitFor({ state: 'detached' });
    expect(await row.locator('.ticket-due').textContent()).toMatch(/ · owner \w+$/);
    // Every step leaves a trace the agent can read, newest first.
    await row.locator('.ticket-history summary').click();
    expect(await row.locator('.ticket-history li').first().textContent()).toMatch(/^\d{2}:\d{2} · Alice · asked the customer: Which item in the order was damaged\?$/);
    // The customer's answer lands on the ticket, which goes back to work: the open history follows live.
    await c.say('The blender jar is cracked');
    await alice.waitForFunction(() => document.querySelector('#side .tickets li select:not(.badge) option:checked')?.textContent === 'in progress');
    await alice.locator('#side .ticket-history li', { hasText: 'customer answered: The blender jar is cracked' }).waitFor();
    // How this chat feels (touchpoint temperature) and how often the customer gets in touch (how often
    // in the last 30 days is kept only with their consent, which they have not given yet: left out).
    expect(await alice.locator('#side .temperature').textContent()).toMatch(/^This chat overall: (cold|cool|warm) · service (poor|so-so|good)$/);
    expect(await alice.locator('#side .contact').textContent()).toBe('Last contact today · conversations: 1');
    await alice.screenshot({ path: `${SHOTS_DIR}/console-ticket-history.png` });

    // Resolved: the customer rates it, says they would recommend us, and the agent sees that in the profile.
    expect((await request(app.server.url, 'PATCH', `/api/tickets/${ticketId}`, { cookie: admin, body: { status: 'resolved', resolution: 'A new jar is on its way.' } })).status).toBe(200);
    await c.messages((activity) => /it has been resolved/.test(activity.text ?? ''));
    await c.say('5 great service');
    await c.messages((activity) => /How likely are you to recommend us/.test(activity.text ?? ''));
    // The profile keeps the answer only with the customer's consent (the ticket's history keeps it anyway).
    c.session.client.postActivity({ type: 'event', name: 'parley.consent', value: { profiling: true }, from: { id: 'customer' } } as never).subscribe();
    await c.say('9');
    await c.messages((activity) => /Thank you for telling us/.test(activity.text ?? ''));
    await alice.locator('#side .nps', { hasText: 'Would recommend us: 9/10 (promoter)' }).waitFor();
    c.session.end();
    await alice.context().close();
  });

  it('Chinese: an agent with the Chinese console takes a Chinese chat and hands it back', async () => {
    const bob = await signIn('bob@example.com', 'zh');
    const c = await customer('zh-CN');
    await c.messages(isBot);
    c.session.client.postActivity({ type: 'event', name: 'parley.consent', value: { profiling: true }, from: { id: 'customer' } } as never).subscribe();
    await c.say('快递又晚了，真烦人');
    await c.messages(isBot);
    // The offer of a complaint, declined with its button: the late-delivery answer, whose button brings a person.
    await c.say('不用，先回答问题');
    expect((await c.messages(isBot)).text).toMatch(/^抱歉让您久等了/);
    await c.say('转人工');
    expect((await c.messages(isBot)).text).toMatch(/排在第 1 位/);

    const item = bob.locator(`.queue-item[data-conversation="${c.conversationId}"]`);
    await item.waitFor();
    await item.click();
    await bob.getByRole('button', { name: '接入' }).click();
    // The customer's tags and their evidence are worded in the console's language.
    const tag = bob.locator('#side .tags li').first();
    await tag.waitFor();
    expect(await tag.locator('.tag').textContent()).toBe('情绪不满');
    expect(await tag.locator('.reason').textContent()).toMatch(/^近 \d+ 条消息总体情绪不满$/);
    expect((await c.messages((activity) => senderOf(activity) === 'system' && /加入/.test(activity.text ?? ''))).text).toBe('客服 Bob 已加入对话');
    await bob.fill('#composer-text', '您好，我是 Bob，我来帮您查一下。');
    await bob.keyboard.press('Enter');
    expect(await c.messages((activity) => senderOf(activity) === 'agent')).toMatchObject({ text: '您好，我是 Bob，我来帮您查一下。', from: { name: 'Bob' } });

    await c.say('我的订单到哪了');
    await bob.locator('#transcript .line.customer .bubble', { hasText: '我的订单到哪了' }).waitFor();
    // A ticket from the chat: its status, priority and category in Chinese, with what was said.
    await bob.getByRole('button', { name: '从对话创建工单' }).click();
    // A form, prefilled with what the customer said; the agent sets the priority, the category is assessed.
    const filing = bob.locator('#side form.ticket-form');
    // What the customer wrote, without the buttons they pressed (「不用，先回答问题」, 「转人工」): those say nothing of the problem.
    expect(await filing.getByRole('textbox', { name: '问题描述' }).inputValue()).toBe('快递又晚了，真烦人\n我的订单到哪了');
    await filing.getByRole('combobox', { name: '优先级' }).selectOption('urgent');
    await bob.screenshot({ path: `${SHOTS_DIR}/console-ticket-form-zh.png` });
    await filing.getByRole('button', { name: '创建工单' }).click();
    await filing.waitFor({ state: 'detached' });
    const ticket = bob.locator('#side .tickets li').first();
    await ticket.waitFor();
    expect(await ticket.getByRole('combobox', { name: /状态/ }).locator('option:checked').textContent()).toBe('待处理');
    expect(await ticket.locator('.ticket-text').textContent()).toContain('我的订单到哪了');
    expect(await ticket.locator('.ticket-due').textContent()).toMatch(/^(物流配送|商品质量|退款与账单|服务态度|账户|其他) · .+前处理$/);
    expect(await ticket.locator('.ticket-head').textContent()).not.toMatch(/delivery|other|open/);
    const priority = ticket.getByRole('combobox', { name: /优先级/ });
    expect(await priority.locator('option:checked').textContent()).toBe('紧急');
    // The agent lowers it; the ticket keeps the change.
    await priority.selectOption('high');
    await bob.waitForFunction(() => document.querySelector('#side .tickets li select.badge.priority.high') !== null);
    expect(await bob.locator('#side .signals li', { hasText: '工单未解决' }).textContent()).toMatch(/^工单未解决：T-\d+$/);
    // Resolving asks for the resolution, which the customer is sent; the root cause stays on the ticket.
    await ticket.getByRole('combobox', { name: /状态/ }).selectOption('resolved');
    const form = ticket.locator('form.resolve');
    const resolution = form.getByRole('textbox', { name: '处理结果（会发送给客户）' });
    await resolution.click();
    await bob.keyboard.type('已为您补发新包裹，');
    // The customer writes meanwhile: the side panel is redrawn live, and the agent types on undisturbed.
    const typedIn = await resolution.elementHandle();
    await c.say('好的，谢谢');
    await bob.waitForFunction((element) => !element?.isConnected, typedIn);
    await bob.keyboard.type('快递单号 SF1234567890。');
    expect(await resolution.inputValue()).toBe('已为您补发新包裹，快递单号 SF1234567890。');
    await form.getByRole('textbox', { name: '问题根因（仅内部可见）' }).fill('快递员未按要求投递');
    await bob.screenshot({ path: `${SHOTS_DIR}/console-resolve-zh.png` });
    await form.getByRole('button', { name: '标记已解决' }).click();
    // With the agent still in the chat, the customer is told the resolution and asked nothing yet.
    expect((await c.messages((activity) => (activity.text ?? '').includes('已为您补发新包裹'))).text).toMatch(/^关于您的工单 T-\d+：已处理完毕。\n已为您补发新包裹，快递单号 SF1234567890。$/);
    await form.waitFor({ state: 'detached' });
    expect(await bob.locator('#side .tickets li').first().getByRole('combobox', { name: /状态/ }).locator('option:checked').textContent()).toBe('已解决');
    const [stored] = (await (await bob.context().request.get(`${app.server.url}/api/tickets`)).json()).tickets.filter((each: { conversationId: string }) => each.conversationId === c.conversationId);
    expect(stored).toMatchObject({ priority: 'high', status: 'resolved', resolution: '已为您补发新包裹，快递单号 SF1234567890。', rootCause: '快递员未按要求投递' });
    await bob.screenshot({ path: `${SHOTS_DIR}/console-zh.png` });
    await bob.getByRole('button', { name: '交还机器人' }).click();
    expect((await c.messages((activity) => activity.from.role === 'bot')).text).toMatch(/^客服 Bob 已离开对话/);
    expect((await c.messages(isBot)).text).toBe('您对客服 Bob 的服务满意吗？请打分，1 分非常不满意，5 分非常满意。');
    // Not a rating: the question is dropped and the message answered as any other.
    await c.say('我的订单到哪了');
    const answer = await c.messages((activity) => activity.from.role === 'bot');
    expect(isBot(answer)).toBe(true);
    expect(answer.text).toMatch(/\p{Script=Han}/u);
    // Back with the bot: the console's bot tab lists the chat with the time of its last message.
    await bob.click('[data-tab="bot"]');
    const last = bob.locator(`.queue-item[data-conversation="${c.conversationId}"] time.last`);
    expect(await last.textContent()).toMatch(/^\d{2}:\d{2}$/);
    expect(Date.now() - Date.parse((await last.getAttribute('datetime'))!)).toBeLessThan(60_000);
    c.session.end();
    await bob.context().close();
  });
});

describe('the console when Parley goes away', () => {
  it('stops at once on SIGTERM with a console open, and the console says the connection is lost', async () => {
    // A real process: a console's browser kept a keep-alive socket busy, and shutdown never ended.
    const dir = await tempDir();
    const own = await startChildServer({ dataDir: path.join(dir, 'data') });
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    try {
      const page = await context.newPage();
      await page.goto(`${own.url}/agent`);
      await page.fill('input[name=email]', ADMIN.email);
      await page.fill('input[name=password]', ADMIN.password);
      await page.keyboard.press('Enter');
      await page.locator('#presence', { hasText: '1 agent online' }).waitFor();
      own.process.kill('SIGTERM');
      expect(await Promise.race([own.exited, new Promise((resolve) => setTimeout(() => resolve('still running after 10 s'), 10_000))])).toBe(0);
      await page.locator('#presence.down', { hasText: 'Connection lost: reconnecting…' }).waitFor();
    } finally {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
