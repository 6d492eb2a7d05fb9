/**
 * The chat widget on the demo shop, driven like a customer would: open it, ask in English and
 * Chinese, use a quick reply, reload, lose the network, and receive hostile text.
 */
import path from 'node:path';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, savedState, SHOTS_DIR, widgetOn } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { TokenService } from '../../src/channels/tokens.js';

const CJK = /[\u4e00-\u9fff]/;
const SECRET = 'widget-test-secret-0123456789';

let parley: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let widget: ReturnType<typeof widgetOn>;
const pageErrors: string[] = [];
/** Bodies the page posted to Direct Line's activities endpoint. */
const posted: { type: string; name?: string; value?: unknown; text?: string }[] = [];
const directLineRequests: string[] = [];

beforeAll(async () => {
  parley = await startTestServer({ env: { PARLEY_SECRET: SECRET } });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('request', (request) => {
    if (!request.url().includes('/v3/directline/')) return;
    directLineRequests.push(request.url());
    if (request.method() === 'POST' && request.url().endsWith('/activities')) posted.push(request.postDataJSON());
  });
  widget = widgetOn(page);
});

afterAll(async () => {
  await browser?.close();
  await parley?.cleanup();
});

/** Send as the customer and wait for the next bot (or agent) message. */
async function ask(text: string) {
  const before = await widget.replies.count();
  await widget.input.fill(text);
  await widget.input.press('Enter');
  try {
    await expect.poll(() => widget.replies.count(), { timeout: 15_000 }).toBeGreaterThan(before);
  } catch (error) {
    const state = await widget.customerMessages.last().locator('.meta').textContent();
    const server = (await serverTranscript()).slice(-4).map((a) => `${a.from.role}: ${a.text}`);
    throw new Error(`no reply to ${text}; delivery: ${state}; server: ${JSON.stringify(server)}; replies: ${JSON.stringify(await widget.replies.allTextContents())}`, { cause: error });
  }
  return widget.replies.nth(before);
}

/** The conversation as the server has it, read with the token the widget saved. */
async function serverTranscript() {
  const { session } = await savedState(page, parley.url);
  const response = await fetch(`${parley.url}/v3/directline/conversations/${session!.conversationId}/activities`, {
    headers: { authorization: `Bearer ${session!.token}` },
  });
  const { activities } = (await response.json()) as { activities: { type: string; text?: string; from: { role: string } }[] };
  return activities.filter((activity) => activity.type === 'message');
}

const customerTexts = () => widget.customerMessages.locator('.t').allTextContents();

/**
 * Answer the widget's POST of `text` with `fault` (the other requests go through), send `text`,
 * and wait until it shows "Sent" and the bot has answered it once; the server stored it once.
 */
async function sendThrough(text: string, fault: (route: Route) => Promise<boolean>): Promise<void> {
  await page.route('**/activities', async (route) => {
    const body = route.request().postDataJSON() as { text?: string } | null;
    if (route.request().method() === 'POST' && body?.text === text && (await fault(route))) return;
    return route.continue();
  });
  const repliesBefore = await widget.replies.count();
  await widget.input.fill(text);
  await widget.input.press('Enter');
  await expect.poll(() => widget.customerMessages.last().locator('.st').textContent(), { timeout: 15_000 }).toBe('Sent');
  await expect.poll(() => widget.replies.count()).toBe(repliesBefore + 1);
  await page.waitForTimeout(500);
  expect(await widget.replies.count()).toBe(repliesBefore + 1);
  expect((await serverTranscript()).filter((activity) => activity.text === text)).toHaveLength(1);
  await page.unroute('**/activities');
}

describe('the widget on the demo shop', () => {
  it('shows only a launcher, and opens a conversation when clicked', async () => {
    await page.goto(`${parley.url}/`);
    await expect.poll(() => widget.launcher.isVisible()).toBe(true);
    expect(await widget.panel.isVisible()).toBe(false);
    expect(await widget.launcher.getAttribute('aria-expanded')).toBe('false');
    // A visitor who never opens the chat costs the server nothing.
    expect(directLineRequests).toEqual([]);

    await widget.launcher.click();
    expect(await widget.panel.isVisible()).toBe(true);
    expect(await widget.focused()).toBe('');
    expect(await widget.root.locator('textarea:focus').count()).toBe(1);
    await widget.replies.first().waitFor({ timeout: 15_000 });
    expect(await widget.replies.first().textContent()).toMatch(/Parley|help/i);
  });

  it('answers in English, with safe clickable links, time and delivery state', async () => {
    const reply = await ask('where is my order?');
    const text = (await reply.locator('.t').textContent()) ?? '';
    expect(text).toMatch(/order/i);
    expect(text).not.toMatch(CJK);
    const link = reply.locator('.t a').first();
    expect(await link.getAttribute('href')).toMatch(/^https:\/\//);
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await reply.locator('time').count()).toBe(1);
    const mine = widget.customerMessages.last();
    expect(await mine.locator('.t').textContent()).toBe('where is my order?');
    await expect.poll(() => mine.locator('.st').textContent()).toBe('Sent');
  });

  it('answers in Chinese, offers quick replies, and sends one when clicked', async () => {
    const reply = await ask('怎么退货');
    expect(await reply.locator('.t').textContent()).toMatch(CJK);
    expect(await reply.locator('.fb button').count()).toBe(2);

    await expect.poll(() => widget.quickReplies.count()).toBeGreaterThan(0);
    const choice = (await widget.quickReplies.first().textContent())!;
    expect(choice).toMatch(CJK);
    const before = await widget.replies.count();
    // The buttons go away at once (the answer may bring new ones), the choice is sent and answered.
    const leftAfterClick = await widget.quickReplies.first().evaluate((button: HTMLElement) => {
      const group = button.parentElement!;
      button.click();
      return group.children.length;
    });
    expect(leftAfterClick).toBe(0);
    await expect.poll(() => customerTexts()).toContain(choice);
    await expect.poll(() => widget.replies.count()).toBeGreaterThan(before);
    expect(await widget.replies.nth(before).locator('.t').textContent()).toMatch(CJK);
    await page.screenshot({ path: path.join(SHOTS_DIR, 'desktop-en.png'), animations: 'disabled' });
  });

  it('posts feedback and consent events', async () => {
    // Thumbs go on answers only, not on the bot's questions.
    const question = await ask('I want to complain');
    expect(await question.locator('.fb button').count()).toBe(0);
    const answer = await ask('cancel');
    expect(await answer.locator('.t').textContent()).toMatch(/cancel/i);
    await ask('how much is shipping');
    const thumbsUp = widget.replies.last().locator('.fb button').first();
    await thumbsUp.click();
    expect(await thumbsUp.getAttribute('aria-pressed')).toBe('true');
    await widget.root.locator('footer input[type=checkbox]').check();
    await expect.poll(() => posted.filter((body) => body.type === 'event').map((body) => body.name)).toEqual(['parley.feedback', 'parley.consent']);
    expect(posted.find((body) => body.name === 'parley.consent')?.value).toEqual({ profiling: true });
    expect(posted.find((body) => body.name === 'parley.feedback')?.value).toMatchObject({ helpful: true, activityId: expect.any(String) });
    expect(await widget.root.locator('footer a').getAttribute('href')).toBe(`${parley.url}/privacy.html`);
  });

  it('shows the same conversation after a reload, once, with the draft kept', async () => {
    const customerBefore = await customerTexts();
    const repliesBefore = await widget.replies.count();
    await widget.input.fill('half-typed question');
    await page.reload();
    // The panel stays open across pages of the same visit.
    await expect.poll(() => widget.replies.count(), { timeout: 15_000 }).toBe(repliesBefore);
    await expect.poll(() => customerTexts()).toEqual(customerBefore);
    expect(await widget.input.inputValue()).toBe('half-typed question');
    expect(await widget.root.locator('footer input[type=checkbox]').isChecked()).toBe(true);
    expect(await widget.replies.last().locator('.fb button').first().getAttribute('aria-pressed')).toBe('true');
    await page.waitForTimeout(300);
    expect(await widget.replies.count()).toBe(repliesBefore);
  });

  it('comes back the next day, after its token expired, to the same conversation and its history', async () => {
    const customerBefore = await customerTexts();
    const { session } = await savedState(page, parley.url);
    const record = (await parley.parley.storage.collection<{ id: string; userId: string }>('conversations').get(session!.conversationId))!;
    const yesterday = new TokenService(SECRET, 3600, () => Date.now() - 26 * 3600_000).issue(record.id, record.userId).token;
    await page.evaluate(
      ([key, token]) => {
        const state = JSON.parse(localStorage.getItem(key!)!);
        state.session = { ...state.session, token, expiresAt: Date.now() - 3600_000 };
        localStorage.setItem(key!, JSON.stringify(state));
      },
      [`parley:${parley.url}`, yesterday],
    );
    await page.reload();
    await expect.poll(() => customerTexts(), { timeout: 15_000 }).toEqual(customerBefore);
    const after = (await savedState(page, parley.url)).session!;
    expect(after.conversationId).toBe(session!.conversationId);
    expect(after.token).not.toBe(yesterday);
  });

  it('keeps a message typed offline and delivers it exactly once on reconnect', async () => {
    await context.setOffline(true);
    await expect.poll(() => widget.banner.isVisible()).toBe(true);
    expect(await widget.banner.textContent()).toMatch(/offline/i);
    const repliesBefore = await widget.replies.count();
    await widget.input.fill('Do you ship to Canada?');
    await widget.input.press('Enter');
    const mine = widget.customerMessages.last();
    expect(await mine.locator('.t').textContent()).toBe('Do you ship to Canada?');
    expect(await mine.locator('.st').textContent()).toBe('Not sent yet: goes out once we reconnect');
    expect((await savedState(page, parley.url)).outbox).toHaveLength(1);

    await context.setOffline(false);
    await expect.poll(() => mine.locator('.st').textContent(), { timeout: 15_000 }).toBe('Sent');
    await expect.poll(() => widget.replies.count(), { timeout: 15_000 }).toBe(repliesBefore + 1);
    expect(await widget.banner.isVisible()).toBe(false);
    expect((await savedState(page, parley.url)).outbox).toHaveLength(0);
    const stored = (await serverTranscript()).filter((activity) => activity.text === 'Do you ship to Canada?');
    expect(stored).toHaveLength(1);
    expect((await customerTexts()).filter((text) => text === 'Do you ship to Canada?')).toHaveLength(1);
  });

  it('resends after a lost response without the bot answering twice', async () => {
    let dropped = false;
    await sendThrough('What payment methods do you accept?', async (route) => {
      if (dropped) return false;
      dropped = true;
      await route.fetch(); // the server stores it…
      await route.abort('connectionreset'); // …but the answer never reaches the browser
      return true;
    });
    expect(dropped).toBe(true);
  });

  it('waits as long as a 429 says and then sends, instead of giving up', async () => {
    // The server's own 429 (test/http/hardening.test.ts) comes after 60 messages in a minute and
    // may say "wait 60 s"; here three in a row say "wait 1 s".
    let refusals = 0;
    await sendThrough('Do you sell gift cards?', async (route) => {
      if (refusals === 3) return false;
      refusals += 1;
      const error = { code: 'too_many_requests', message: 'too many messages in this conversation; wait a moment and try again' };
      await route.fulfill({ status: 429, headers: { 'Retry-After': '1', 'Access-Control-Expose-Headers': 'Retry-After' }, json: { error } });
      return true;
    });
    expect(refusals).toBe(3);
  });

  it('shows hostile text as text: nothing runs, no image is created, no javascript: link', async () => {
    const payloads = ['<img src=x onerror=window.__xss=1>', 'javascript:alert(1)', '</script><script>window.__xss=1</script>'];
    // The bot may answer, or (after two "not sure"s) hand over to a human: only delivery matters here.
    for (const payload of payloads) {
      await widget.input.fill(payload);
      await widget.input.press('Enter');
      await expect.poll(() => widget.customerMessages.last().locator('.st').textContent()).toBe('Sent');
    }
    const texts = await customerTexts();
    for (const payload of payloads) expect(texts).toContain(payload);

    // An agent takes over and writes hostile text too; the customer has closed the chat meanwhile
    // (once the bot has finished answering, so only the agent's lines arrive while closed).
    for (let count = -1; count !== (await widget.replies.count()); await page.waitForTimeout(400)) count = await widget.replies.count();
    await widget.root.locator('header button[aria-label="Close chat"]').click();
    expect(await widget.panel.isVisible()).toBe(false);
    expect(await widget.focused()).toContain('launcher');
    const { session } = await savedState(page, parley.url);
    const cookie = await agentLogin();
    await agentCall(cookie, `/api/conversations/${session!.conversationId}/claim`);
    const hostile = 'Hi! <img src=x onerror=window.__xss=1> see javascript:alert(1) or https://shop.example.com/help</script><script>window.__xss=1</script>';
    await agentCall(cookie, `/api/conversations/${session!.conversationId}/messages`, { text: hostile });

    // Closed: the launcher counts the unread lines (the "joined" line and the agent's message).
    await expect.poll(() => widget.launcher.locator('.badge').textContent(), { timeout: 15_000 }).toBe('2');
    expect(await widget.launcher.getAttribute('aria-label')).toMatch(/2 unread/);
    await page.screenshot({ path: path.join(SHOTS_DIR, 'desktop-badge.png'), clip: { x: 1080, y: 640, width: 200, height: 160 } });
    await widget.launcher.click();
    expect(await widget.launcher.locator('.badge').isVisible()).toBe(false);

    const agentRow = widget.log.locator('.ag').last();
    expect(await agentRow.locator('.t').textContent()).toBe(hostile);
    expect(await agentRow.locator('.n').textContent()).toBe('Admin');
    expect(await widget.log.locator('.sys').count()).toBeGreaterThan(0);
    const links = await widget.log.locator('a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
    expect(links).toContain('https://shop.example.com/help');
    expect(links.some((href) => !/^https?:/.test(href ?? ''))).toBe(false);
    expect(await widget.log.locator('img').count()).toBe(0);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
    await page.screenshot({ path: path.join(SHOTS_DIR, 'desktop-en-agent.png'), animations: 'disabled' });
    expect(pageErrors).toEqual([]);
  });

  it('says who answers while a person is asked for, shows no "typing…" for a reply nobody is writing, and always offers the way back', async () => {
    const status = widget.root.locator('header .ht p');
    // The agent of the test before hands the chat back (and wrote, so the customer is asked to rate).
    const { session } = await savedState(page, parley.url);
    await agentCall(await agentLogin(), `/api/conversations/${session!.conversationId}/release`);
    await expect.poll(() => status.textContent()).toBe('Our team is away: ask the assistant, or leave us a message');
    expect(await widget.banner.isVisible()).toBe(false);

    // Nobody is online: the chat is kept for the team, and the widget says so, straight away (no
    // "Waiting for an agent" first, which nobody would answer).
    await page.evaluate(() => {
      const shown: string[] = [];
      const header = document.querySelector('parley-chat')!.shadowRoot!.querySelector('header .ht p')!;
      new MutationObserver(() => shown.push(header.textContent ?? '')).observe(header, { childList: true, characterData: true, subtree: true });
      (window as { __statuses?: string[] }).__statuses = shown;
    });
    const linesBefore = await widget.log.locator('.sys').count();
    await ask('I want to talk to a real person');
    await expect.poll(() => status.textContent()).toBe('Our team will reply here');
    expect(await page.evaluate(() => (window as { __statuses?: string[] }).__statuses)).not.toContain('Waiting for an agent to join');
    expect((await widget.log.locator('.sys').allTextContents()).slice(linesBefore)).toEqual([expect.stringMatching(/^No agent is available right now/)]);
    expect(await widget.banner.textContent()).toBe('Rather ask the assistant? Back to the assistant');
    await widget.input.fill('My parcel 1048213 never came.');
    await widget.input.press('Enter');
    await expect.poll(() => widget.customerMessages.last().locator('.st').textContent()).toBe('Sent');
    await widget.input.fill('Please hurry.');
    await widget.input.press('Enter');
    await expect.poll(() => widget.customerMessages.last().locator('.st').textContent()).toBe('Sent');
    expect(await widget.root.locator('.typing').isVisible()).toBe(false);
    await page.screenshot({ path: path.join(SHOTS_DIR, 'desktop-en-kept.png'), animations: 'disabled' });

    // The way back is there after the customer typed (the quick reply is long gone).
    await widget.banner.getByRole('button', { name: 'Back to the assistant' }).click();
    await expect.poll(() => widget.log.locator('.sys').last().textContent()).toMatch(/You left the queue/);
    await expect.poll(() => status.textContent()).toBe('Our team is away: ask the assistant, or leave us a message');
    expect(await widget.banner.isVisible()).toBe(false);

    // "Start a new conversation" asks first; saying no keeps this one.
    const shown = await widget.replies.count();
    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    await widget.root.getByRole('button', { name: 'Start a new conversation' }).click();
    expect(asked).toBe('Start a new conversation? This one will no longer show here.');
    expect(await widget.replies.count()).toBe(shown);

    // A paste past the length limit is cut, and the widget says so.
    const limit = widget.root.locator('.limit');
    expect(await limit.isVisible()).toBe(false);
    await widget.input.fill('x'.repeat(2500));
    expect((await widget.input.inputValue()).length).toBe(2000);
    expect(await limit.textContent()).toBe('A message holds up to 2,000 characters: send the rest in another one.');
    await widget.input.fill('');
    expect(await limit.isVisible()).toBe(false);
    expect(pageErrors).toEqual([]);
  });

  it('draws a two-character Chinese quick reply ("退货") as a pill like the others, not as a score button', async () => {
    const zh = await browser.newContext({ viewport: { width: 480, height: 760 }, locale: 'zh-CN' });
    const zhPage = await zh.newPage();
    await zhPage.goto(`${parley.url}/zh.html`);
    const zhWidget = widgetOn(zhPage);
    await zhWidget.launcher.click();
    const returns = zhWidget.quickReplies.filter({ hasText: /^退货$/ });
    await returns.waitFor();
    const look = (button: typeof returns) =>
      button.evaluate((element) => {
        const style = getComputedStyle(element);
        return { padding: `${style.paddingLeft} ${style.paddingRight}`, weight: style.fontWeight, size: style.fontSize, color: style.color };
      });
    const longer = zhWidget.quickReplies.filter({ hasText: /^转人工客服$/ });
    expect(await look(returns)).toEqual(await look(longer));
    await zhPage.screenshot({ path: path.join(SHOTS_DIR, 'widget-zh-quick-replies.png'), animations: 'disabled' });
    await zh.close();
  });

  it('offers the whole 0–10 scale when it asks, after a rating, whether the customer would recommend us', async () => {
    const click = async (title: string) => {
      const before = await widget.replies.count();
      await widget.quickReplies.filter({ hasText: new RegExp(`^${title}$`) }).click();
      await expect.poll(() => widget.replies.count(), { timeout: 15_000 }).toBeGreaterThan(before);
      return widget.replies.nth(before).locator('.t').textContent();
    };
    expect(await (await ask('I want to complain, the courier was rude to me')).locator('.t').textContent()).toMatch(/get back to you/);
    expect(await click('Reply in this chat')).toMatch(/Shall I file it\?/);
    const id = /T-\d+/.exec((await click('Yes, file it')) ?? '')![0];
    const before = await widget.replies.count();
    await parley.parley.tickets.update(id, { status: 'resolved', resolution: 'We spoke to the courier company.' }, { kind: 'agent', name: 'Ana' });
    await expect.poll(() => widget.replies.count(), { timeout: 15_000 }).toBeGreaterThan(before);
    expect(await click('5')).toMatch(/^Thank you for rating us 5\/5/);
    expect(await click('No, thanks')).toMatch(/How likely are you to recommend us to a friend\? 0–10/);
    expect(await widget.quickReplies.allTextContents()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', 'No, thanks']);
    // The scores sit in a compact row; "No, thanks" stays a pill.
    expect(await widget.quickReplies.evaluateAll((buttons) => buttons.map((button) => button.classList.contains('score')))).toEqual([...Array(11).fill(true), false]);
    await page.screenshot({ path: path.join(SHOTS_DIR, 'widget-nps.png'), animations: 'disabled' });
    expect(await click('9')).toBe('Thank you for telling us! Is there anything else I can help you with?');
    expect((await parley.parley.tickets.get(id)).history.at(-1)).toMatchObject({ action: 'nps', to: '9' });
  });
});

async function agentLogin(): Promise<string> {
  const response = await fetch(`${parley.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@example.com', password: 'correct horse battery' }),
  });
  expect(response.status).toBe(200);
  return response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]).join('; ');
}

async function agentCall(cookie: string, route: string, body: unknown = {}): Promise<void> {
  const response = await fetch(`${parley.url}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify(body),
  });
  expect(response.status, `${route}: ${await response.clone().text()}`).toBeLessThan(300);
}

describe('a customer whose data the shop erased', () => {
  it('finds a fresh chat on the next visit, and can write in it', async () => {
    const visit = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    const tab = await visit.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    const chat = widgetOn(tab);
    try {
      await tab.goto(parley.url);
      await chat.launcher.click();
      await chat.input.fill('my secret word is pineapple, how do I reset my password?');
      await chat.input.press('Enter');
      await expect.poll(() => chat.replies.count(), { timeout: 15_000 }).toBeGreaterThan(1);
      const before = (await savedState(tab, parley.url)).session!;
      const record = (await parley.parley.storage.collection<{ id: string; customerId: string }>('conversations').get(before.conversationId))!;
      const cookie = await agentLogin();
      const erased = await fetch(`${parley.url}/api/customers/${record.customerId}`, { method: 'DELETE', headers: { cookie } });
      expect(erased.status).toBe(200);

      await tab.reload();
      // Not an empty panel retrying the erased conversation forever: a new one, greeted.
      await expect.poll(() => chat.replies.count(), { timeout: 15_000 }).toBe(1);
      expect(await chat.log.textContent()).not.toContain('pineapple');
      await chat.input.fill('where is my order?');
      await chat.input.press('Enter');
      await expect.poll(() => chat.replies.count(), { timeout: 15_000 }).toBe(2);
      expect(await chat.customerMessages.last().locator('.st').textContent()).toBe('Sent');
      const after = (await savedState(tab, parley.url)).session!;
      expect(after.conversationId).not.toBe(before.conversationId);
      const fresh = (await parley.parley.storage.collection<{ id: string; customerId: string }>('conversations').get(after.conversationId))!;
      expect(fresh.customerId).not.toBe(record.customerId);
      expect(errors).toEqual([]);
    } finally {
      await visit.close();
    }
  });
});
