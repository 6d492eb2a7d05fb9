import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, SHOTS_DIR } from '../support/browser.js';
import { openDirectLine, type DirectLineSession } from '../support/directline.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { seedHistory } from '../unit/analytics/history.js';

const PIZZA_EN = 'We do not sell pizza, sorry — but we do sell pizza stones!';
const PIZZA_ZH = '抱歉，我们不卖披萨，但有披萨石板。';

let server: TestServer;
let browser: Browser;
let page: Page;
let customer: DirectLineSession;

/** What the bot understood the customer's next message as (the `parley.turn` trace), and its reply. */
async function ask(text: string): Promise<{ reply: string; intent: string | null }> {
  await customer.say(text);
  const reply = await customer.next((activity) => activity.type === 'message' && activity.from.role === 'bot');
  const trace = await customer.next((activity) => activity.type === 'trace' && activity.name === 'parley.turn');
  return { reply: reply.text ?? '', intent: (trace.value as { intent: string | null }).intent };
}

async function publish(screenshot?: string): Promise<void> {
  await page.getByRole('link', { name: 'Knowledge' }).click();
  await page.getByRole('button', { name: 'Publish…' }).click();
  const confirm = page.getByRole('button', { name: /^Publish (now|anyway)$/ });
  // The preview trains the draft's recognizer, calibration folds and all: seconds of CPU, many
  // more on a machine busy with other work, so the wait is the test run's patience, not a goal.
  await confirm.waitFor({ timeout: 60_000 });
  if (screenshot) await shoot(screenshot);
  await confirm.click();
  await page.getByText(/^Published version \d+\./).waitFor({ timeout: 60_000 });
}

async function signInAsAdmin(): Promise<void> {
  await page.getByLabel('E-mail').fill('admin@example.com');
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Knowledge' }).waitFor();
}

/** A fresh load of an admin section (a goto that changes only the hash would not reload). */
async function openFresh(section: string): Promise<void> {
  await page.goto(`${server.url}/admin#${section}`);
  await page.reload();
}

/**
 * Signs in as the admin unless the page already shows the admin pages. It waits for the page to
 * settle first: right after a reload neither the sign-in form nor the pages are shown until the
 * session check answers, and a look at that moment saw no form and signed no one in.
 */
async function signInUnlessSignedIn(): Promise<void> {
  await page.locator('#login-view:not([hidden]), #app-view:not([hidden]), #not-admin-view:not([hidden])').first().waitFor();
  if (await page.getByRole('button', { name: 'Sign in' }).isVisible()) await signInAsAdmin();
}

const DISCARD_EN = 'This intent has changes that are not saved to the draft. Discard them?';
const DISCARD_ZH = '此意图有尚未保存到草稿的修改，确定放弃吗？';

/**
 * Does `action`, which must make the page ask `question` (a confirm), and agrees. The listener is
 * gone afterwards either way: one left waiting by a question that was never asked answered a later
 * test's dialog as well as that test's own listener did ('Cannot accept dialog which is already
 * handled!', an unhandled rejection that failed a fresh clone's npm test with every test passed).
 */
async function agreeTo(question: string, action: () => Promise<void>): Promise<void> {
  const asked: string[] = [];
  const onDialog = (dialog: import('playwright-core').Dialog) => (asked.push(dialog.message()), void dialog.accept());
  page.on('dialog', onDialog);
  try {
    await action();
    await expect.poll(() => asked, { timeout: 10_000 }).toEqual([question]);
  } finally {
    page.off('dialog', onDialog);
  }
}

/** The next call to `url` reaches the server at once; its answer reaches the page when the function returned is called. */
async function holdNext(url: string): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(url, async (route) => {
    const response = await route.fetch();
    await held;
    await route.fulfill({ response });
  }, { times: 1 });
  return release;
}

async function shoot(name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS_DIR}/admin-${name}.png`, fullPage: true });
}

// Publishing trains a recognizer twice (preview, then the version): give each test room for that on a busy machine.
describe('admin pages, end to end', { timeout: 150_000 }, () => {
  beforeAll(async () => {
    await mkdir(SHOTS_DIR, { recursive: true });
    server = await startTestServer({ env: { PARLEY_TRACE: '1' } });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    page.setDefaultTimeout(60_000);
    customer = await openDirectLine(server.url, { webSocket: true });
  });
  afterAll(async () => {
    customer?.end();
    await browser?.close();
    await server?.cleanup();
  });

  it('an admin adds an intent, tries it and publishes; the customer gets it at once; a restore takes it back', async () => {
    expect((await ask('can I order a pizza')).intent).not.toBe('pizza_delivery');

    await page.goto(`${server.url}/admin`);
    await signInAsAdmin();

    await page.getByRole('button', { name: 'New intent' }).click();
    await page.locator('#f-name').fill('pizza_delivery');
    await page.locator('#f-category').fill('food');
    await page.locator('#f-utterances-en').fill('do you deliver pizza\ncan I order a pizza\npizza delivery please\nI want a pizza');
    await page.locator('#f-utterances-zh').fill('你们送披萨吗\n我想订披萨\n披萨外卖\n能点披萨吗');
    await page.locator('#f-answers-zh').fill(PIZZA_ZH);
    await page.getByRole('button', { name: 'Save to draft' }).click();
    // The English answer is missing: the error sits under that field.
    await expect.poll(() => page.locator('[data-error-for="answers.en"]').textContent()).toBe('needs at least one answer');

    await page.locator('#f-answers-en').fill(PIZZA_EN);
    await page.getByRole('button', { name: 'Save to draft' }).click();
    await page.getByText('Saved to the draft.').waitFor();
    expect(await page.locator('.publish-bar .badge').textContent()).toBe('1 unpublished change');

    await page.getByLabel('Try it').fill('could I order pizza from you');
    await page.getByRole('button', { name: 'Try it', exact: true }).click();
    const draftCard = page.getByTestId('try-draft');
    await expect.poll(() => draftCard.locator('.answer').textContent()).toBe(PIZZA_EN);
    expect(await draftCard.locator('li.top .intent-name').textContent()).toBe('pizza_delivery');
    expect(await page.getByTestId('try-published').locator('.answer').textContent().catch(() => null)).not.toBe(PIZZA_EN);
    await shoot('editor');
    // Opening another intent redraws the page: the sentence and its result stay, as still current.
    await page.locator('.intent-list button', { hasText: 'return_item' }).click();
    await page.locator('.intent-list button.selected', { hasText: 'return_item' }).waitFor();
    expect(await page.getByLabel('Try it').inputValue()).toBe('could I order pizza from you');
    expect(await draftCard.locator('.answer').textContent()).toBe(PIZZA_EN);
    expect(await page.locator('.try-results .stale').count()).toBe(0);

    await publish('publish');
    // Publishing changed what the result compared with: it stays, and says it is out of date.
    expect(await page.locator('.try-results .stale').textContent()).toMatch(/^Tried before your last change/);
    await shoot('try-after-publish');
    expect(await page.getByLabel('Try it').inputValue()).toBe('could I order pizza from you');
    // Same conversation, no restart: the next message gets the new answer, in either language.
    expect(await ask('can I order a pizza')).toEqual({ reply: PIZZA_EN, intent: 'pizza_delivery' });
    expect(await ask('我想订披萨')).toEqual({ reply: PIZZA_ZH, intent: 'pizza_delivery' });
    // Typed by its sound, 皮萨 for 披萨 (pi sa): answered all the same, and the card says how it was read.
    await page.getByLabel('Try it').fill('能点皮萨吗');
    await page.getByRole('button', { name: 'Try it', exact: true }).click();
    await expect.poll(() => draftCard.getByTestId('read-as').textContent().catch(() => null)).toBe('Read as “能点披萨吗” (a character typed by its sound, put right)');
    expect(await draftCard.locator('.answer').textContent()).toBe(PIZZA_ZH);
    await shoot('try-read-as');

    await page.getByRole('link', { name: 'Versions' }).click();
    const v1 = page.locator('tr[data-version="1"]');
    await v1.getByRole('button', { name: 'Restore' }).click();
    await v1.getByRole('button', { name: 'Confirm restore of v1' }).click();
    await page.getByText('Version 1 is live again (as version 3).').waitFor();
    await page.locator('tr[data-version="2"]').getByRole('button', { name: 'Diff with previous' }).click();
    await page.locator('.diff-added', { hasText: 'pizza_delivery' }).waitFor();
    await shoot('versions');
    const after = await ask('can I order a pizza');
    expect(after.intent).not.toBe('pizza_delivery');
    expect(after.reply).not.toBe(PIZZA_EN);
  });

  it('an unanswered question shows up, is added as an example, and is answered after publishing', async () => {
    // A word the knowledge base has never seen: the bot is not sure, until an admin teaches it.
    const question = 'zorblax quintessence manifold';
    expect((await ask(question)).intent).toBeNull();

    await page.getByRole('link', { name: 'Unanswered' }).click();
    const group = page.locator('.unanswered-group', { hasText: question });
    await group.waitFor();
    await shoot('unanswered');
    // Nothing came close: no guess is offered, and Add asks for the intent rather than adding it to an arbitrary one.
    expect(await group.getByText(/^Best guesses: —/).count()).toBe(1);
    expect(await group.getByRole('combobox').evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent)).toBe('Choose an intent…');
    await group.getByRole('button', { name: 'Add as example' }).click();
    await group.getByText('Choose the intent this question is an example of first.').waitFor();
    await group.getByRole('combobox').selectOption('payment_methods');
    await group.getByRole('button', { name: 'Add as example' }).click();
    await page.getByText('Added to Payment methods (draft).').waitFor();
    expect(await page.locator('.unanswered-group', { hasText: question }).count()).toBe(0);

    await publish();
    expect((await ask(question)).intent).toBe('payment_methods');
  });

  it('a rollback that takes an added example out puts its question back under review, saying why; publishing the example again makes it added again', async () => {
    const question = 'zorblax quintessence manifold';
    const live = () => page.evaluate(async () => ((await (await fetch('/api/knowledge/versions')).json()).versions as { number: number; current: boolean }[]).find((version) => version.current)!.number);
    const restore = (number: number) => page.evaluate(async (v) => (await fetch(`/api/knowledge/versions/${v}/restore`, { method: 'POST' })).status, number);
    const withExample = await live();
    // The version before it had no such example: customers lose it, and the question is to review again.
    expect(await restore(withExample - 1)).toBe(201);
    await openFresh('unanswered');
    const group = page.locator('.unanswered-group', { hasText: question });
    await group.getByText('Added to Payment methods before, but that example is no longer in the knowledge base (a rollback or an edit took it out): review it again.').waitFor();
    expect(await group.getByRole('button', { name: 'Add as example' }).isVisible()).toBe(true);
    await shoot('unanswered-after-rollback');
    await page.getByRole('button', { name: 'Added', exact: true }).click();
    await page.getByText('Nothing to review. Questions the bot could not answer appear here.').waitFor();
    expect(await page.locator('.unanswered-group', { hasText: question }).count()).toBe(0);
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('button', { name: '待处理' }).click();
    await group.getByText('曾添加到 支付方式，但该示例已不在知识库中（被回滚或编辑移除），请重新处理。').waitFor();
    await page.locator('header [data-lang="en"]').click();

    // The version with the example, live again: the question is added, and says so.
    expect(await restore(withExample)).toBe(201);
    await page.getByRole('button', { name: 'Added', exact: true }).click();
    await group.getByText('Example of Payment methods, live.').waitFor();
    expect(await page.locator('.groups .unanswered-group', { hasText: question }).count()).toBe(1);
    await shoot('unanswered-added-again');
    await page.getByRole('button', { name: 'To review' }).click();
    await page.locator('.tab[aria-pressed="true"]', { hasText: 'To review' }).waitFor();
    expect(await page.locator('.unanswered-group', { hasText: question }).count()).toBe(0);
  });

  it('preselects an intent only for a guess the bot would have answered with; a 0.01 guess leaves the choice to the admin, who is told so (en, zh)', async () => {
    const at = new Date().toISOString();
    const group = (id: string, text: string, score: number, suggestedIntent: string | null) => ({
      id, text, language: 'en', count: 1, kinds: { fallback: 1 }, bestGuesses: [{ intent: 'payment_methods', score }], suggestedIntent, firstAt: at, lastAt: at,
      questions: [{ id, text, at, kind: 'fallback', conversationId: 'c-seeded' }],
    });
    // What the server lists, as it would for these scores: the page is what is under test.
    const listed = (url: URL) => url.pathname === '/api/unanswered' && url.searchParams.get('status') === 'new';
    await page.route(listed, (route) => route.fulfill({ json: { status: 'new', total: 2, groups: [group('g-weak', 'quibble florp tender', 0.01, null), group('g-sure', 'can I pay by card', 0.83, 'payment_methods')] } }));
    try {
      await openFresh('unanswered');
      const weak = page.locator('.unanswered-group', { hasText: 'quibble florp tender' });
      const sure = page.locator('.unanswered-group', { hasText: 'can I pay by card' });
      const chosen = (card: typeof weak) => card.getByRole('combobox').evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent);
      await weak.getByText('Best guesses: Payment methods 0.01').waitFor();
      expect(await chosen(weak)).toBe('Choose an intent…');
      expect(await weak.locator('.choose-hint').textContent()).toBe('No guess is likely enough to preselect (the bot would not have answered with any of them): choose the intent yourself.');
      expect(await chosen(sure)).toBe('Payment methods');
      expect(await sure.locator('.choose-hint').count()).toBe(0);
      await shoot('unanswered-no-preselection');
      // One click adds nothing to a guessed intent: the admin is asked to choose.
      await weak.getByRole('button', { name: 'Add as example' }).click();
      await weak.getByText('Choose the intent this question is an example of first.').waitFor();
      await page.getByRole('button', { name: '中文' }).click();
      await page.locator('.unanswered-group', { hasText: 'quibble florp tender' }).locator('.choose-hint', { hasText: '没有足够可信的猜测（机器人不会据此回答），因此未预先选择：请自行选择意图。' }).waitFor();
      expect(await chosen(weak)).toBe('选择意图…');
      await shoot('unanswered-no-preselection-zh');
      await page.locator('header [data-lang="en"]').click();
      await page.getByRole('heading', { name: 'Unanswered' }).waitFor();
    } finally {
      await page.unroute(listed);
    }
  });

  it('shows the numbers on the dashboard, and speaks Chinese', async () => {
    // Two weeks of earlier service beside this test's own conversation.
    await seedHistory(server.parley.storage, Date.now());
    // Three answers to "would you recommend us?": two promoters and a detractor.
    const surveys = server.parley.storage.collection<{ id: string; customerId: string; conversationId: string; askedAt: string; score: number; answeredAt: string }>('nps-surveys');
    for (const [i, score] of [10, 9, 3].entries()) {
      const at = new Date(Date.now() - (i + 1) * 3_600_000).toISOString();
      await surveys.put({ id: `nps-seed-${i}`, customerId: `cu_seed_${i}`, conversationId: `seed-${i}`, askedAt: at, score, answeredAt: at });
    }
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.locator('.kpi').first().waitFor();
    expect(Number((await page.locator('.kpi').first().locator('.kpi-value').textContent())?.replace(/,/g, ''))).toBeGreaterThan(20);
    expect(await page.locator('.chart-card', { hasText: 'Top intents' }).locator('svg text.label', { hasText: 'pizza_delivery' }).count()).toBe(1);
    expect(await page.locator('.chart-card', { hasText: 'Tickets by status' }).locator('svg text.label').allTextContents()).toEqual(expect.arrayContaining(['open', 'resolved']));
    // The last 30 days, today included.
    expect(await page.locator('.chart-card', { hasText: 'Conversations per day' }).locator('rect.bar').count()).toBe(30);
    // The axis labels are drawn inside the chart, not cut off at its left edge.
    const perDay = page.locator('.chart-card', { hasText: 'Conversations per day' }).locator('svg');
    const chartLeft = (await perDay.boundingBox())!.x;
    for (const label of await perDay.locator('text.axis').all()) expect((await label.boundingBox())!.x).toBeGreaterThanOrEqual(chartLeft);
    // And the counts after the longest bars end inside theirs.
    const intents = page.locator('.chart-card', { hasText: 'Top intents' }).locator('svg');
    const { x, width } = (await intents.boundingBox())!;
    for (const count of await intents.locator('text.value').all()) {
      const box = (await count.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(x + width);
    }
    const agents = page.locator('.chart-card', { hasText: 'Agents' }).locator('tbody tr');
    expect(await agents.allTextContents()).toEqual([expect.stringMatching(/^Mei\d+5\.0 \/ 5 \(n = \d+\)45 s$/), expect.stringMatching(/^Ravi\d+3\.0 \/ 5 \(n = \d+\)45 s$/)]);
    // How conversations felt (touchpoint temperature), beside CSAT.
    const temperature = page.locator('.kpi', { hasText: 'Touchpoint temperature' });
    expect(await temperature.locator('.kpi-value').textContent()).toMatch(/^[+-]?\d\.\d\d$/);
    expect(await temperature.locator('small').textContent()).toMatch(/^cold \d+ · cool \d+ · warm [1-9]\d*$/);
    // NPS beside CSAT: promoters minus detractors, with the counts behind it.
    const nps = page.locator('.kpi', { hasText: 'NPS' });
    expect(await nps.locator('.kpi-value').textContent()).toBe('+33');
    expect(await nps.locator('small').textContent()).toBe('n = 3 · promoters 2 · passives 0 · detractors 1');
    await shoot('dashboard');

    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '数据看板' }).waitFor();
    // Tickets' statuses and categories are named in Chinese, not by their ids.
    // The dates come first, the numbers when they arrive.
    await expect.poll(() => page.locator('.chart-card', { hasText: '工单状态' }).locator('svg text.label').allTextContents()).toEqual(expect.arrayContaining(['待处理', '已解决']));
    expect(await page.locator('.chart-card', { hasText: '工单类别' }).locator('svg text.label').allTextContents()).not.toContain('delivery');
    expect(await page.locator('.kpi', { hasText: '触点温度' }).locator('small').textContent()).toMatch(/^冷 \d+ · 温 \d+ · 暖 \d+$/);
    expect(await page.locator('.kpi', { hasText: '净推荐值' }).locator('small').textContent()).toBe('n = 3 · 推荐者 2 · 中立者 0 · 贬损者 1');
    await shoot('dashboard-zh');
    await page.getByRole('link', { name: '用户' }).click();
    await page.getByRole('cell', { name: 'admin@example.com' }).waitFor();
    await shoot('users-zh');

    // Guard rails speak the admin's language too: a draft intent with too few English examples.
    const saved = await page.evaluate(async () => {
      const intent = { name: 'gift_wrap', category: 'products', utterances: { en: ['gift wrap', 'can you wrap it'], zh: ['可以包装吗', '礼品包装', '能帮我包成礼物吗'] }, answers: { en: ['Yes, for $3.'], zh: ['可以，3 美元。'] } };
      return (await fetch('/api/knowledge/intents/gift_wrap', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(intent) })).status;
    });
    expect(saved).toBeLessThan(300);
    await page.getByRole('link', { name: '知识库' }).click();
    // A rejected field is explained in Chinese under the field.
    await page.getByRole('button', { name: '新建意图' }).click();
    // The editor still shows the intent an earlier test opened until the new form is drawn: typed
    // into before then, its edits went with it, and the publish below had nothing unsaved to ask about.
    await page.locator('.editor h2', { hasText: '新建意图' }).waitFor();
    await page.locator('#f-name').fill('Gift Wrap');
    await page.locator('#f-category').fill('products');
    await page.getByRole('button', { name: '保存到草稿' }).click();
    await page.locator('[data-field="name"] .field-error', { hasText: '只能用小写字母、数字和下划线（snake_case），2–64 个字符' }).waitFor();
    expect(await page.locator('[data-field="answers.en"] .field-error').textContent()).toBe('至少需要一条答案');
    await shoot('field-errors-zh');
    // The rejected new intent is still in the form, unsaved: publishing and switching language ask first.
    await agreeTo(DISCARD_ZH, () => page.getByRole('button', { name: '发布…' }).click());
    await page.locator('.warnings li', { hasText: 'gift_wrap 只有 2 条英文例句，至少需要 3 条' }).waitFor();
    await shoot('publish-warnings-zh');
    await agreeTo(DISCARD_ZH, () => page.locator('header [data-lang="en"]').click());
  });

  it('a new intent under a taken name is refused next to the name, and the existing intent is kept', async () => {
    await openFresh('intents');
    await page.getByRole('button', { name: 'New intent' }).click();
    await page.locator('#f-name').fill('thanks');
    await page.locator('#f-category').fill('smalltalk');
    await page.locator('#f-utterances-en').fill('dup test');
    await page.locator('#f-answers-en').fill('DUPLICATE OVERWRITE');
    await page.locator('#f-utterances-zh').fill('重复');
    await page.locator('#f-answers-zh').fill('重复覆盖');
    await page.getByRole('button', { name: 'Save to draft' }).click();
    await page.locator('[data-field="name"] .field-error', { hasText: 'another intent has this name' }).waitFor();
    await shoot('new-intent-name-taken');
    const thanks = await page.evaluate(async () => (await (await fetch('/api/knowledge')).json()).intents.find((intent: { name: string }) => intent.name === 'thanks'));
    expect(thanks.answers.en).not.toContain('DUPLICATE OVERWRITE');
  });

  it('an agent who signs in here is told the page is for admins, also after a reload, and can sign out', async () => {
    const created = await page.evaluate(async () => (await fetch('/api/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'agent7@example.com', password: 'agent password 7', role: 'agent' }) })).status);
    expect(created).toBe(201);
    const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
    const agentPage = await context.newPage();
    try {
      await agentPage.goto(`${server.url}/admin`);
      await agentPage.getByLabel('E-mail').fill('agent7@example.com');
      await agentPage.getByLabel('Password').fill('agent password 7');
      await agentPage.getByRole('button', { name: 'Sign in' }).click();
      await agentPage.getByRole('heading', { name: 'This page is for admins.' }).waitFor();
      await agentPage.reload();
      await agentPage.getByRole('heading', { name: 'This page is for admins.' }).waitFor();
      expect(await agentPage.getByRole('link', { name: 'Open the agent console' }).getAttribute('href')).toBe('/agent');
      await agentPage.screenshot({ path: `${SHOTS_DIR}/admin-agent-reload.png` });
      await agentPage.locator('#not-admin-logout').click();
      await agentPage.getByRole('button', { name: 'Sign in' }).waitFor();
      expect(await agentPage.getByRole('heading', { name: 'This page is for admins.' }).isVisible()).toBe(false);
    } finally {
      await context.close();
    }
  });

  it('an export after the session ended shows the sign-in form instead of saving the error as the file', async () => {
    await openFresh('intents');
    await page.getByText('Import / export').click();
    const downloads: string[] = [];
    page.on('download', (download) => downloads.push(download.suggestedFilename()));
    await page.evaluate(() => fetch('/api/auth/logout', { method: 'POST' }));
    await page.getByRole('button', { name: 'Export utterances CSV' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(downloads).toEqual([]);
    await signInAsAdmin();
    await page.getByText('Import / export').click();
    const saved = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export utterances CSV' }).click();
    expect((await saved).suggestedFilename()).toBe('utterances.csv');
  });

  it('a bad date range is explained next to the dates and the dashboard keeps working', async () => {
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.locator('.kpi').first().waitFor();
    const to = await page.getByLabel('To', { exact: true }).inputValue();
    await page.getByLabel('From', { exact: true }).fill('2999-12-20');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.locator('.range-error', { hasText: '“From” must not be after “To”.' }).waitFor();
    expect(await page.locator('.kpi').first().isVisible()).toBe(true);
    await shoot('dashboard-bad-range');
    await page.getByLabel('From', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.locator('.range-error', { hasText: 'Pick both dates.' }).waitFor();

    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.locator('.kpi').first().waitFor();
    expect(await page.getByLabel('To', { exact: true }).inputValue()).toBe(to);
    expect(await page.locator('.range-error').textContent()).toBe('');
    expect(pageErrors).toEqual([]);
  });

  it('names the {order} placeholder in the Links label', async () => {
    await openFresh('intents');
    await page.getByRole('button', { name: / · order_status$/ }).click();
    expect(await page.locator('[data-field="links"] label').textContent()).toContain("one order's URL with {order}]");
  });

  it('the greeting is first in the list; the admin rewrites it, publishes, and the next customer is greeted with it', async () => {
    await openFresh('intents');
    await signInUnlessSignedIn();
    const first = page.locator('.intent-list button').first();
    expect(await first.innerText()).toBe('welcome\ngreets every new chat');
    await first.click();
    await page.getByText('The greeting every new conversation starts with').waitFor();
    // Only what a greeting uses: no examples, button label, check set or dialog to fill in.
    for (const key of ['utterances.en', 'utterances.zh', 'title.en', 'check.zh', 'dialog']) expect(await page.locator(`[data-field="${key}"]`).isVisible(), key).toBe(false);
    expect(await page.locator('[data-field="quickReplies.en"]').isVisible()).toBe(true);
    await page.locator('#f-answers-en').fill('Welcome to Lotus Tea! Ask me about your order or our teas.');
    await page.locator('#f-answers-zh').fill('欢迎光临莲花茶！订单和茶叶的问题都可以问我。');
    await page.getByRole('button', { name: 'Save to draft' }).click();
    await page.getByText('Saved to the draft.').waitFor();
    await publish('admin-welcome-edited');

    const next = await openDirectLine(server.url, { webSocket: true });
    try {
      const greeting = await next.next((activity) => activity.type === 'message' && activity.from.role === 'bot');
      expect(greeting.text).toBe('Welcome to Lotus Tea! Ask me about your order or our teas.\n欢迎光临莲花茶！订单和茶叶的问题都可以问我。');
    } finally {
      next.end();
    }
  });

  it('starts in Chinese for a Chinese browser until the admin picks a language', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1360, height: 900 } });
    const zhPage = await context.newPage();
    try {
      await zhPage.goto(`${server.url}/admin`);
      await zhPage.getByRole('heading', { name: '登录' }).waitFor();
      await zhPage.getByLabel('邮箱').fill('admin@example.com');
      await zhPage.getByLabel('密码').fill('correct horse battery');
      await zhPage.getByRole('button', { name: '登录' }).click();
      await zhPage.getByRole('button', { name: / · order_status$/ }).click();
      expect(await zhPage.locator('[data-field="links"] label').textContent()).toContain('订单号写作 {order}]');
      await zhPage.screenshot({ path: `${SHOTS_DIR}/admin-zh-browser.png` });
      await zhPage.locator('header [data-lang="en"]').click();
      await zhPage.reload();
      await zhPage.getByRole('link', { name: 'Knowledge' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('says so where the action was when a delete or an add-as-example fails because another admin changed the draft', async () => {
    const removeIntent = (name: string) => page.evaluate(async (intent) => (await fetch(`/api/knowledge/intents/${intent}`, { method: 'DELETE' })).status, name);
    const created = await page.evaluate(async () => {
      const intent = { name: 'stale_one', category: 'test', utterances: { en: ['stale one'], zh: ['过期'] }, answers: { en: ['Stale.'], zh: ['过期。'] } };
      return (await fetch('/api/knowledge/intents', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(intent) })).status;
    });
    expect(created).toBe(201);
    await openFresh('intents');
    await page.getByRole('button', { name: / · stale_one$/ }).click();
    // The intent is open in the editor before the other admin removes it (else it opens as gone).
    await page.getByRole('button', { name: 'Delete', exact: true }).waitFor();
    expect(await removeIntent('stale_one')).toBe(204);
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('button', { name: 'Click again to delete' }).click();
    await page.locator('.editor [role=status]', { hasText: 'Not found; it may have been removed.' }).waitFor();
    expect(await page.getByRole('button', { name: 'Delete', exact: true }).isVisible()).toBe(true);
    await shoot('stale-delete');

    const question = 'florbnax wibble sprocket';
    expect((await ask(question)).intent).toBeNull();
    await page.getByRole('link', { name: 'Unanswered' }).click();
    const group = page.locator('.unanswered-group', { hasText: question });
    await group.waitFor();
    await group.getByRole('combobox').selectOption('gift_wrap');
    expect(await removeIntent('gift_wrap')).toBe(204);
    await group.getByRole('button', { name: 'Add as example' }).click();
    await group.locator('.error', { hasText: 'Not found; it may have been removed.' }).waitFor();
  });

  it('a restore says how many unpublished changes it discards, and a version like the live one cannot be restored', async () => {
    const probe = { name: 'restore_probe', category: 'test', utterances: { en: ['restore probe'], zh: ['恢复测试'] }, answers: { en: ['Probe.'], zh: ['测试。'] } };
    expect(await page.evaluate(async (intent) => (await fetch('/api/knowledge/intents', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(intent) })).status, probe)).toBe(201);
    const { versions, unpublished } = await page.evaluate(async () => {
      const { versions } = await (await fetch('/api/knowledge/versions')).json();
      const live = versions.find((version: { current: boolean }) => version.current).number;
      const { diff } = await (await fetch(`/api/knowledge/diff?from=${live}&to=draft`)).json();
      return { versions: versions as { number: number; sameAsLive: boolean }[], unpublished: diff.added.length + diff.removed.length + diff.changed.length };
    });
    const other = versions.find((version) => !version.sameAsLive)!;
    await openFresh('versions');
    const restoreOf = (number: number) => page.locator(`tr[data-version="${number}"]`).getByRole('button', { name: 'Restore' });
    expect(await restoreOf(versions[0]!.number).isDisabled()).toBe(true);
    const row = page.locator(`tr[data-version="${other.number}"]`);
    await row.getByRole('button', { name: 'Restore' }).click();
    const confirm = row.getByRole('button', { name: `Confirm restore of v${other.number}: discards ${unpublished} unpublished change(s)` });
    await confirm.waitFor();
    await shoot('restore-armed');
    await confirm.click();
    await page.getByText(`Version ${other.number} is live again`).waitFor();
    const draft = await page.evaluate(async () => (await (await fetch('/api/knowledge')).json()).intents.map((intent: { name: string }) => intent.name));
    expect(draft).not.toContain('restore_probe');
    // The restored version is now what customers get: restoring it again is not offered.
    expect(await restoreOf(other.number).isDisabled()).toBe(true);
    expect(await restoreOf(versions[0]!.number).isDisabled()).toBe(false);
  });

  it('the versions page and its audit log read in Chinese, Parley’s own notes included', async () => {
    await openFresh('versions');
    // An intent saved as it was (Enter in one of its fields).
    expect(await page.evaluate(async () => {
      const thanks = (await (await fetch('/api/knowledge')).json()).intents.find((intent: { name: string }) => intent.name === 'thanks');
      return (await fetch('/api/knowledge/intents/thanks', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(thanks) })).status;
    })).toBe(200);
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '版本' }).waitFor();
    const rows = page.locator('tr[data-version]');
    await expect.poll(() => rows.last().textContent()).toContain('从 KNOWLEDGE_DIR 载入');
    expect(await rows.first().textContent()).toMatch(/恢复自 v\d+/);
    await page.locator('details.audit summary').click();
    const audit = (await page.locator('details.audit li').allTextContents()).join('\n');
    expect(audit).toMatch(/将版本 \d+ 恢复为版本 \d+：(新增|修改|删除) \d+ 个（[a-z_]+/);
    expect(audit).toContain('新建了 restore_probe');
    expect(audit).toContain('保存了 thanks，内容没有改动');
    expect(audit).toMatch(/从 KNOWLEDGE_DIR 载入 \d+ 个意图，作为版本 1/);
    // Nothing of the server's English wording is left on the page.
    expect(await page.locator('.versions-page').textContent()).not.toMatch(/published version|restored version|created |added \(|removed \(|restore of/);
    await shoot('versions-zh');
    await page.locator('header [data-lang="en"]').click();
  });

  it('asks before unsaved edits are lost: another intent, another language, another page, leaving', async () => {
    const asked: string[] = [];
    let answer = false;
    const onDialog = (dialog: import('playwright-core').Dialog) => {
      asked.push(dialog.message());
      void (answer ? dialog.accept() : dialog.dismiss());
    };
    page.on('dialog', onDialog);
    try {
      await openFresh('intents');
      await page.getByRole('button', { name: / · thanks$/ }).click();
      const answerEn = page.locator('#f-answers-en');
      await answerEn.fill('An edit not saved yet.');
      const preventsUnload = () => page.evaluate(() => !window.dispatchEvent(new Event('beforeunload', { cancelable: true })));
      expect(await preventsUnload()).toBe(true);

      await page.getByRole('button', { name: / · goodbye$/ }).click();
      await page.locator('header [data-lang="zh"]').click();
      await page.getByRole('link', { name: 'Versions' }).click();
      expect(asked).toEqual(Array(3).fill(DISCARD_EN));
      expect(await page.locator('.editor h2').textContent()).toBe('thanks');
      expect(await answerEn.inputValue()).toBe('An edit not saved yet.');
      expect(await page.getByRole('button', { name: 'Save to draft' }).isVisible()).toBe(true);

      answer = true;
      await page.getByRole('button', { name: / · goodbye$/ }).click();
      await expect.poll(() => page.locator('.editor h2').textContent()).toBe('goodbye');
      expect(await preventsUnload()).toBe(false);
      await page.getByRole('button', { name: / · thanks$/ }).click();
      expect(await answerEn.inputValue()).not.toBe('An edit not saved yet.');
      expect(asked.length).toBe(4);
    } finally {
      page.off('dialog', onDialog);
    }
  });

  it('a new user gets the name customers will see, and an admin renames them and changes their role on the Users page', async () => {
    await openFresh('users');
    await signInUnlessSignedIn();
    const form = page.locator('form.create-user');
    await form.getByLabel('E-mail').fill('carol.smith@example.com');
    await form.getByLabel(/^New password/).fill('carol password 1');
    await form.getByRole('button', { name: 'Create user' }).click();
    // The name is required: the browser keeps the form until it is given.
    expect(await form.getByLabel('Name', { exact: true }).evaluate((input: HTMLInputElement) => input.validity.valueMissing)).toBe(true);
    await form.getByLabel('Name', { exact: true }).fill('Carol Smith');
    await form.getByRole('button', { name: 'Create user' }).click();
    await page.getByText('User created.').waitFor();
    const userBy = (email: string) => page.evaluate(async (wanted) => (await (await fetch('/api/users')).json()).users.find((user: { email: string }) => user.email === wanted), email);
    expect(await userBy('carol.smith@example.com')).toMatchObject({ name: 'Carol Smith', role: 'agent' });

    const row = page.locator('tr[data-email="carol.smith@example.com"]');
    const save = row.getByRole('button', { name: 'Save', exact: true });
    expect(await save.isDisabled()).toBe(true);
    await row.getByLabel('Name of carol.smith@example.com').fill('Carol S.');
    await row.getByLabel('Role of carol.smith@example.com').selectOption('admin');
    await save.click();
    await page.getByText('Saved the changes to carol.smith@example.com.').waitFor();
    expect(await userBy('carol.smith@example.com')).toMatchObject({ name: 'Carol S.', role: 'admin' });
    expect(await page.locator('tr[data-email="carol.smith@example.com"]').getByLabel('Name of carol.smith@example.com').inputValue()).toBe('Carol S.');
    // An admin cannot demote themselves: their own role is not offered for change.
    expect(await page.locator('tr[data-email="admin@example.com"]').getByLabel('Role of admin@example.com').isDisabled()).toBe(true);
    await shoot('users');
  });

  it('an utterance CSV shows what it will change before it is imported, and keeps the languages it has no lines for', async () => {
    await openFresh('intents');
    await signInUnlessSignedIn();
    const goodbye = () => page.evaluate(async () => (await (await fetch('/api/knowledge')).json()).intents.find((intent: { name: string }) => intent.name === 'goodbye'));
    const before = await goodbye();
    await page.getByText('Import / export').click();
    const file = { name: 'goodbye.csv', mimeType: 'text/csv', buffer: Buffer.from('intent,language,text\ngoodbye,en,see you around\n') };
    await page.getByLabel('Import utterances CSV into the draft').setInputFiles(file);
    const preview = page.locator('.csv-preview');
    await preview.getByText(`goodbye, English: 1 added, ${before.utterances.en.length} removed (1 after the import)`).waitFor();
    await shoot('csv-preview');
    // Nothing is written until the admin says so; Cancel leaves the draft alone.
    expect(await goodbye()).toEqual(before);
    await preview.getByRole('button', { name: 'Cancel' }).click();
    expect(await preview.isVisible()).toBe(false);

    await page.getByLabel('Import utterances CSV into the draft').setInputFiles(file);
    await preview.getByRole('button', { name: 'Import these changes' }).click();
    await page.getByText('Imported into the draft.').waitFor();
    expect((await goodbye()).utterances).toEqual({ en: ['see you around'], zh: before.utterances.zh });
  });

  it('a JSON import shows what it does to the draft first: one category’s file would delete every other intent', async () => {
    await openFresh('intents');
    await signInUnlessSignedIn();
    const draftNames = () => page.evaluate(async () => (await (await fetch('/api/knowledge')).json()).intents.map((intent: { name: string }) => intent.name).sort());
    const before = await draftNames();
    const orders = await readFile(path.resolve(import.meta.dirname, '../../knowledge/orders.json'));
    const kept = JSON.parse(orders.toString()).intents.length as number;
    // A file edited by hand, single quotes on line 3: the line, the column and the words there, marked.
    const line3 = `    { "name": "refund", "category": 'orders' }`;
    const handEdited = Buffer.from(`{\n  "intents": [\n${line3}\n  ]\n}\n`);
    const column = line3.indexOf("'") + 1;
    await page.getByText('Import / export').click();
    await page.getByLabel('Import JSON into the draft').setInputFiles({ name: 'refund.json', mimeType: 'application/json', buffer: handEdited });
    const said = page.locator('.import-export p[role=status]');
    await said.locator('.excerpt').waitFor();
    expect(await said.evaluate((status) => status.firstChild?.textContent)).toBe(`refund.json is not valid JSON: the error is at line 3, column ${column}, marked here:`);
    expect(await said.locator('.excerpt').textContent()).toBe(line3);
    expect(await said.locator('.excerpt mark').textContent()).toBe("'");
    // The marked character is in sight, inside the intent column (the line is wrapped there, not scrolled).
    const navRight = await page.evaluate(() => document.querySelector('.intents-nav')!.getBoundingClientRect().right);
    const mark = (await said.locator('.excerpt mark').boundingBox())!;
    expect(mark.x + mark.width).toBeLessThan(navRight);
    await shoot('json-import-error');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByText('导入 / 导出').click();
    await page.getByLabel('导入 JSON 到草稿').setInputFiles({ name: 'refund.json', mimeType: 'application/json', buffer: handEdited });
    await said.locator('.excerpt').waitFor();
    expect(await said.evaluate((status) => status.firstChild?.textContent)).toBe(`refund.json 不是有效的 JSON：错误位于第 3 行第 ${column} 列，标记如下：`);
    await shoot('json-import-error-zh');
    await page.locator('header [data-lang="en"]').click();
    await page.getByText('Import / export').waitFor();
    expect(await draftNames()).toEqual(before);

    // An unsaved edit in the editor is asked about before an import replaces the draft.
    await page.getByRole('button', { name: / · thanks$/ }).click();
    await page.locator('#f-answers-en').fill('An edit not saved yet.');
    await page.getByText('Import / export').click();
    const importJson = page.getByLabel('Import JSON into the draft');
    const status = page.locator('.import-export p[role=status]');
    // The file pickers stay inside the intent column (they stuck out over the editor's edge).
    const overflow = await page.evaluate(() => {
      const column = document.querySelector('.intents-nav')!.getBoundingClientRect().right;
      return [...document.querySelectorAll('.import-export input[type=file]')].map((input) => Math.max(0, Math.round(input.getBoundingClientRect().right - column)));
    });
    expect(overflow).toEqual([0, 0]);

    // Not JSON at all: said in the page's language, naming the file and where it breaks.
    await importJson.setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{ not json') });
    await expect.poll(() => status.textContent()).toBe('notes.json is not valid JSON: the error is at line 1, column 3, marked here:{ not json');
    // An empty file has no place to point at.
    await importJson.setInputFiles({ name: 'empty.json', mimeType: 'application/json', buffer: Buffer.from('\n') });
    await expect.poll(() => status.textContent()).toBe('empty.json is not a JSON file. Import a file exported here (Export JSON), or a bundle of the knowledge folder (npm run knowledge -- bundle).');

    await importJson.setInputFiles({ name: 'orders.json', mimeType: 'application/json', buffer: orders });
    const preview = page.locator('.json-preview');
    await preview.getByText(`This file replaces the whole draft with its ${kept} intents:`).waitFor();
    expect(await preview.locator('li', { hasText: 'Removed' }).textContent()).toMatch(new RegExp(`^Removed \\(${before.length - kept}\\): `));
    expect(await preview.getByRole('alert').textContent()).toBe(`${before.length - kept} intents of the draft are not in this file and would be deleted from it. To add or change a few intents, import a whole export, not one category’s file.`);
    await shoot('json-import-preview');
    // Nothing is written until the admin says so; Cancel leaves the draft and the edit alone.
    expect(await draftNames()).toEqual(before);
    await preview.getByRole('button', { name: 'Cancel' }).click();
    expect(await preview.isVisible()).toBe(false);
    expect(await page.locator('#f-answers-en').inputValue()).toBe('An edit not saved yet.');

    const asked: string[] = [];
    const onDialog = (dialog: import('playwright-core').Dialog) => (asked.push(dialog.message()), void dialog.accept());
    page.on('dialog', onDialog);
    try {
      await importJson.setInputFiles({ name: 'orders.json', mimeType: 'application/json', buffer: orders });
      await preview.getByRole('button', { name: 'Replace the draft' }).click();
      await page.getByText('Imported into the draft.').waitFor();
    } finally {
      page.off('dialog', onDialog);
    }
    expect(asked).toEqual([DISCARD_EN]);
    expect(await draftNames()).toHaveLength(kept);
    // Put the draft back as it was for the tests that follow.
    const published = await page.evaluate(async () => (await fetch('/api/knowledge/export?version=' + (await (await fetch('/api/knowledge')).json()).publishedVersion)).json());
    await page.evaluate(async (body) => fetch('/api/knowledge/import', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }), published);
    expect(await draftNames()).toEqual(before);
  });

  it('keeps the keyboard in the editor: opening an intent, saving it and deleting one do not drop the focus to the top of the page', async () => {
    await openFresh('intents');
    await signInUnlessSignedIn();
    const focused = () => page.evaluate(() => {
      const element = document.activeElement as HTMLElement;
      return element === document.body ? 'body' : `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''} ${element.textContent?.trim() ?? ''}`.trim();
    });
    await page.getByRole('button', { name: / · store_hours$/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('h2 store_hours');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('input#f-name');

    // Enter in a field saves the intent; the keyboard stays in the editor, one Tab from the fields.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('Saved to the draft.').waitFor();
    await expect.poll(focused).toBe('h2 store_hours');

    // A new intent, saved and deleted from the keyboard: the keyboard goes to the intent search.
    await page.getByRole('button', { name: 'New intent' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('h2 New intent');
    await page.locator('#f-name').fill('keyboard_only');
    await page.locator('#f-category').fill('test');
    await page.locator('#f-answers-en').fill('Typed without a mouse.');
    await page.locator('#f-answers-zh').fill('不用鼠标输入的。');
    await page.locator('#f-category').press('Enter');
    await page.getByText('Saved to the draft.').waitFor();
    await expect.poll(focused).toBe('h2 keyboard_only');
    await page.getByRole('button', { name: 'Delete', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.getByText('Deleted from the draft.').waitFor();
    await expect.poll(focused).toBe('input');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search');
  });

  it('while the next intent loads, the one on screen takes no typing: nothing typed there changes it, and the new form comes up empty', async () => {
    await openFresh('intents');
    await signInUnlessSignedIn();
    await page.getByRole('button', { name: / · store_hours$/ }).click();
    await page.locator('.editor h2', { hasText: 'store_hours' }).waitFor();
    // A slow line: the draft for the new form takes its time.
    const release = await holdNext('**/api/knowledge');
    try {
      await page.getByRole('button', { name: 'New intent' }).click();
      // The admin starts on the name at once, in the box still on screen: store_hours's.
      await page.locator('#f-name').focus();
      await page.keyboard.type('gift_cards');
      expect(await page.locator('#f-name').inputValue()).toBe('store_hours');
      expect(await page.locator('.editor').evaluate((editor) => getComputedStyle(editor).opacity)).toBe('0.55');
      await shoot('editor-loading');
    } finally {
      release();
    }
    await page.locator('.editor h2', { hasText: 'New intent' }).waitFor();
    expect(await page.locator('#f-name').inputValue()).toBe('');
    expect(await page.locator('.editor').evaluate((editor) => getComputedStyle(editor).opacity)).toBe('1');
  });

  it('the publish check names an answer written in the other language, in English and in Chinese', async () => {
    await openFresh('intents');
    await signInUnlessSignedIn();
    const intent = {
      name: 'swapped_answers',
      category: 'test',
      utterances: { en: ['swapped answer test one', 'swapped answer test two', 'swapped answer test three'], zh: ['答案放错栏一', '答案放错栏二', '答案放错栏三'] },
      answers: { en: ['这是中文回答。'], zh: ['This is the English answer.'] },
    };
    const call = (method: string, url: string, body?: unknown) =>
      page.evaluate(async ([method, url, body]) => (await fetch(url as string, { method: method as string, headers: { 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined })).status, [method, url, body] as const);
    expect(await call('POST', '/api/knowledge/intents', intent)).toBe(201);
    try {
      await page.reload();
      await page.getByRole('button', { name: 'Publish…' }).click();
      const panel = page.locator('.publish-panel');
      await panel.getByRole('button', { name: /^Publish (now|anyway)$/ }).waitFor({ timeout: 60_000 });
      expect(await panel.locator('.warning-wrong_language').allTextContents()).toEqual([
        'The English answer “这是中文回答。” of swapped_answers is written in Chinese: customers who write in English would get it in Chinese. Translate it, or move it to the Chinese column.',
        'The Chinese answer “This is the English answer.” of swapped_answers is written in English: customers who write in Chinese would get it in English. Translate it, or move it to the English column.',
      ]);
      await shoot('publish-wrong-language');
      await page.locator('header [data-lang="zh"]').click();
      await page.getByRole('button', { name: '发布…' }).click();
      await panel.getByRole('button', { name: /^(立即发布|仍然发布)$/ }).waitFor({ timeout: 60_000 });
      expect(await panel.locator('.warning-wrong_language').first().textContent()).toBe('swapped_answers 的英文回答“这是中文回答。”是用中文写的：用英文提问的客户会收到中文内容。请译成英文，或移到中文一栏。');
    } finally {
      await page.locator('header [data-lang="en"]').click();
      expect(await call('DELETE', '/api/knowledge/intents/swapped_answers')).toBe(204);
    }
  });

  it('two admins and one publish: what another admin saved after the check is not published unseen; Check again shows it', async () => {
    await openFresh('intents');
    await signInUnlessSignedIn();
    const intent = (name: string) => ({
      name,
      category: 'test',
      utterances: { en: [`${name} one`, `${name} two`, `${name} three`], zh: ['测试一', '测试二', '测试三'] },
      answers: { en: [`About ${name}.`], zh: [`关于 ${name}。`] },
    });
    const call = (method: string, url: string, body?: unknown) =>
      page.evaluate(async ([method, url, body]) => (await fetch(url as string, { method: method as string, headers: { 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined })).status, [method, url, body] as const);
    const liveVersion = () => page.evaluate(async () => (await (await fetch('/api/knowledge')).json()).publishedVersion as number);
    expect(await call('POST', '/api/knowledge/intents', intent('mine_reviewed'))).toBe(201);
    await page.reload();
    const before = await liveVersion();
    await page.getByRole('button', { name: 'Publish…' }).click();
    const panel = page.locator('.publish-panel');
    const go = panel.getByRole('button', { name: /^Publish (now|anyway)$/ });
    await go.waitFor({ timeout: 60_000 });
    expect(await panel.locator('.changes').textContent()).toBe('Added: mine_reviewed');

    // The other admin saves while this one reads the check.
    expect(await call('POST', '/api/knowledge/intents', intent('theirs_unseen'))).toBe(201);
    await panel.getByRole('textbox', { name: 'Note (what and why)' }).fill('mine, reviewed');
    await go.click();
    await panel.getByText('The draft changed after you checked it (another admin saved meanwhile), so nothing was published. Check it again to see what would go live.').waitFor();
    await shoot('publish-draft-changed');
    expect(await liveVersion()).toBe(before);

    await panel.getByRole('button', { name: 'Check again' }).click();
    await go.waitFor({ timeout: 60_000 });
    expect(await panel.locator('.changes').textContent()).toBe('Added: mine_reviewed, theirs_unseen');
    expect(await panel.getByRole('textbox', { name: 'Note (what and why)' }).inputValue()).toBe('mine, reviewed');
    await go.click();
    await page.getByText(`Published version ${before + 1}.`).waitFor({ timeout: 60_000 });
    expect(await call('DELETE', '/api/knowledge/intents/mine_reviewed')).toBe(204);
    expect(await call('DELETE', '/api/knowledge/intents/theirs_unseen')).toBe(204);
    expect(await call('POST', '/api/knowledge/publish', {})).toBe(201);
  });

  it('an error in a one-per-line field names the line as the admin sees it, and how long a line that is too long is', async () => {
    await openFresh('intents');
    await signInUnlessSignedIn();
    await page.getByRole('button', { name: 'New intent' }).click();
    await page.locator('#f-name').fill('long_answers');
    await page.locator('#f-category').fill('test');
    // The third answer, after a blank line: the server calls it answers.en.2.
    await page.locator('#f-answers-en').fill(`A short answer.\nAnother one.\n\n${'x'.repeat(2100)}`);
    await page.locator('#f-answers-zh').fill('好的。');
    await page.locator('#f-quickReplies-zh').fill(`查询订单\n${'长'.repeat(61)}`);
    await page.getByRole('button', { name: 'Save to draft' }).click();
    const error = (key: string) => page.locator(`[data-error-for="${key}"]`);
    await expect.poll(() => error('answers.en').textContent()).toBe('must be at most 2000 characters (line 4 has 2100)');
    expect(await error('quickReplies.zh').textContent()).toBe('must be at most 60 characters (line 2 has 61)');
    // In Chinese (the switch redraws the form, once the admin agrees to drop the edits).
    await agreeTo(DISCARD_EN, () => page.locator('header [data-lang="zh"]').click());
    await page.locator('#f-name').fill('long_answers');
    await page.locator('#f-category').fill('test');
    await page.locator('#f-answers-en').fill(`A short answer.\nAnother one.\n\n${'x'.repeat(2100)}`);
    await page.locator('#f-answers-zh').fill('好的。');
    await page.getByRole('button', { name: '保存到草稿' }).click();
    await expect.poll(() => error('answers.en').textContent()).toBe('最多 2000 个字符（第 4 行有 2100 个）');
    await shoot('long-answer-zh');
    await page.locator('#f-answers-en').fill('A short answer.');
    await page.locator('#f-quickReplies-zh').fill('查询订单');
    await page.getByRole('button', { name: '保存到草稿' }).click();
    await page.getByText('已保存到草稿').waitFor();
    await page.locator('header [data-lang="en"]').click();
    expect(await page.evaluate(async () => (await fetch('/api/knowledge/intents/long_answers', { method: 'DELETE' })).status)).toBe(204);
  });

  it('an intent another admin deleted while this one edited it is not lost: the edits can be saved as a new intent', async () => {
    await openFresh('intents');
    await signInUnlessSignedIn();
    const call = (method: string, url: string, body?: unknown) =>
      page.evaluate(async ([method, url, body]) => (await fetch(url as string, { method: method as string, headers: { 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined })).status, [method, url, body] as const);
    const stored = () => page.evaluate(async () => (await (await fetch('/api/knowledge')).json()).intents.find((intent: { name: string }) => intent.name === 'store_pickup'));
    const intent = { name: 'store_pickup', category: 'shipping', utterances: { en: ['can I pick it up'], zh: ['可以自提吗'] }, answers: { en: ['Not yet.'], zh: ['暂时不行。'] } };
    expect(await call('POST', '/api/knowledge/intents', intent)).toBe(201);
    await page.reload();
    await page.getByRole('button', { name: / · store_pickup$/ }).click();
    await page.locator('#f-answers-en').fill('Yes, from our Shanghai shop.');
    expect(await call('DELETE', '/api/knowledge/intents/store_pickup')).toBe(204);
    await page.getByRole('button', { name: 'Save to draft' }).click();
    const status = page.locator('.editor [role=status]');
    await status.getByText('Another admin deleted this intent after you opened it, so your save was not applied.').waitFor();
    await shoot('intent-gone');
    expect(await stored()).toBeUndefined();
    await status.getByRole('button', { name: 'Save as a new intent' }).click();
    await page.getByText('Saved to the draft.').waitFor();
    expect((await stored()).answers.en).toEqual(['Yes, from our Shanghai shop.']);
    expect(await call('DELETE', '/api/knowledge/intents/store_pickup')).toBe(204);
  });

  it('answers that arrive late still land: "try it" after the page was redrawn, and a refusal sent before signing in again does not sign the admin out', async () => {
    await openFresh('intents');
    await signInUnlessSignedIn();
    // "Try it" answers slowly (a busy server trains the draft first); meanwhile the admin opens an intent.
    const releaseTry = await holdNext('**/api/knowledge/test');
    try {
      await page.getByLabel('Try it').fill('when are you open');
      await page.getByRole('button', { name: 'Try it', exact: true }).click();
      await page.getByRole('button', { name: / · store_hours$/ }).click();
      await page.locator('.editor h2', { hasText: 'store_hours' }).waitFor();
      expect(await page.getByLabel('Try it').inputValue()).toBe('when are you open');
      expect(await page.locator('.try-results').textContent()).toBe('Loading…');
    } finally {
      releaseTry();
    }
    await page.getByTestId('try-draft').waitFor();
    expect(await page.getByTestId('try-draft').locator('li.top .intent-name').getAttribute('title')).toBe('store_hours');

    // Signed out elsewhere. The page asks for the knowledge (held), then for the versions, which
    // shows the sign-in form; the admin signs in, and only then is the first call refused.
    await page.evaluate(() => fetch('/api/auth/logout', { method: 'POST' }));
    const releaseKnowledge = await holdNext('**/api/knowledge');
    const lateRefusal = page.waitForResponse((response) => response.url().endsWith('/api/knowledge') && response.status() === 401);
    try {
      await page.getByRole('button', { name: / · return_item$/ }).click();
      await page.locator('#nav a[href="#versions"]').click();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await signInAsAdmin();
      await page.locator('tr[data-version]').first().waitFor();
    } finally {
      releaseKnowledge();
    }
    await lateRefusal;
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
    expect(await page.locator('#login-view').isHidden()).toBe(true);
    expect(await page.locator('tr[data-version]').first().isVisible()).toBe(true);
  });

  it('a session that ends while an answer is being written keeps the edits through signing in again, and Save then goes through', async () => {
    await openFresh('intents');
    await signInUnlessSignedIn();
    const answer = 'Open every day, 8 am to 10 pm — written over a long coffee.';
    await page.getByRole('button', { name: / · store_hours$/ }).click();
    await page.locator('#f-answers-en').fill(answer);
    // The session ends meanwhile (30 idle minutes; here, signed out from elsewhere).
    await page.evaluate(() => fetch('/api/auth/logout', { method: 'POST' }));
    await page.getByRole('button', { name: 'Save to draft' }).click();
    await page.getByText('Your session ended. Sign in again to carry on: your unsaved edits are kept.').waitFor();
    await shoot('session-ended-edits-kept');
    await signInAsAdmin();
    expect(await page.locator('#f-answers-en').inputValue()).toBe(answer);
    expect(await page.locator('.editor [role=status]').textContent()).toBe('');
    await page.getByRole('button', { name: 'Save to draft' }).click();
    await page.getByText('Saved to the draft.').waitFor();
    const stored = await page.evaluate(async () => (await (await fetch('/api/knowledge')).json()).intents.find((intent: { name: string }) => intent.name === 'store_hours').answers.en);
    expect(stored).toEqual([answer]);

    // Signing out on purpose asks first, and leaves nothing for the next one to sign in.
    await page.locator('#f-answers-en').fill('Not kept.');
    await agreeTo(DISCARD_EN, () => page.getByRole('button', { name: 'Sign out' }).click());
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.getByText('Your session ended.').count()).toBe(0);
    await signInAsAdmin();
    expect(await page.locator('.editor h2').textContent()).toBe('store_hours');
    expect(await page.locator('#f-answers-en').inputValue()).toBe(answer);
  });

  it('edits kept through a session that ended are not handed to someone else who signs in on that browser: another admin gets a fresh page, an agent none of it', async () => {
    await openFresh('intents');
    await signInUnlessSignedIn();
    const created = await page.evaluate(async () => {
      const add = (email: string, password: string, role: string) => fetch('/api/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password, role }) }).then((response) => response.status);
      return [await add('second.admin@example.com', 'second admin password', 'admin'), await add('agent8@example.com', 'agent password 8', 'agent')];
    });
    expect(created).toEqual([201, 201]);
    const signInAs = async (email: string, password: string) => {
      await page.getByLabel('E-mail').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
    };
    const unsaved = 'Half-written by the first admin, not for anyone else.';
    /** What the (hidden or shown) admin page holds: its markup and what its fields hold. */
    const pageHolds = () => page.locator('#app-view').evaluate((view) => [view.innerHTML, ...[...view.querySelectorAll('input, textarea')].map((field) => (field as HTMLInputElement).value)].join('\n'));
    const leaveUnsaved = async () => {
      // The editor is redrawn for the intent chosen: typing before that would go into the form it
      // replaces. The page may already show this intent (it stays chosen across sign-ins), so the
      // editor on the page now is marked, and the test waits for a new one.
      await page.evaluate(() => document.querySelector('.editor')?.setAttribute('data-before-click', ''));
      await page.getByRole('button', { name: / · store_hours$/ }).click();
      await page.locator('.editor:not([data-before-click]) h2', { hasText: 'store_hours' }).waitFor();
      await page.locator('#f-answers-en').fill(unsaved);
      await page.evaluate(() => fetch('/api/auth/logout', { method: 'POST' }));
      await page.getByRole('button', { name: 'Save to draft' }).click();
      await page.getByText('Your session ended. Sign in again to carry on: your unsaved edits are kept.').waitFor();
    };

    await leaveUnsaved();
    await signInAs('second.admin@example.com', 'second admin password');
    await page.getByRole('link', { name: 'Knowledge' }).waitFor();
    await page.getByRole('button', { name: 'New intent' }).waitFor();
    expect(await pageHolds()).not.toContain('Half-written');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();

    await signInAsAdmin();
    await leaveUnsaved();
    await signInAs('agent8@example.com', 'agent password 8');
    await page.getByRole('heading', { name: 'This page is for admins.' }).waitFor();
    expect(await pageHolds()).not.toContain('Half-written');
    await page.locator('#not-admin-logout').click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.getByText('unsaved edits').count()).toBe(0);
  });

  it('counts the dashboard days in the admin time zone: a chat at 04:41 in Shanghai is on that day', async () => {
    // Tuesday 11 March 2025, 04:41 in Shanghai: still 10 March in UTC (a date no other test writes on).
    const now = new Date('2025-03-10T20:41:00.000Z');
    await server.parley.storage.collection('conversations').put({ id: 'tz-probe', userId: 'u-tz-probe', customerId: 'c-tz-probe', createdAt: '2025-03-10T20:30:00.000Z', startedAt: '2025-03-10T20:30:00.000Z', status: 'bot' } as never);
    const context = await browser.newContext({ timezoneId: 'Asia/Shanghai', viewport: { width: 1360, height: 900 } });
    await context.clock.setFixedTime(now);
    const shanghai = await context.newPage();
    try {
      await shanghai.goto(`${server.url}/admin#dashboard`);
      await shanghai.getByLabel('E-mail').fill('admin@example.com');
      await shanghai.getByLabel('Password').fill('correct horse battery');
      const asked = shanghai.waitForRequest(/\/api\/analytics\/summary/);
      await shanghai.getByRole('button', { name: 'Sign in' }).click();
      const query = new URL((await asked).url()).searchParams;
      expect([query.get('from'), query.get('to'), query.get('tz')]).toEqual(['2025-02-10', '2025-03-11', 'Asia/Shanghai']);
      expect(await shanghai.getByLabel('To', { exact: true }).inputValue()).toBe('2025-03-11');
      const bars = shanghai.locator('.chart-card', { hasText: 'Conversations per day' }).locator('rect.bar title');
      await expect.poll(() => bars.count()).toBe(30);
      expect(await bars.last().textContent()).toBe('2025-03-11: 1');
      await shanghai.screenshot({ path: `${SHOTS_DIR}/admin-dashboard-shanghai.png`, fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('two admins edit the same intent: the later save is refused, says why in both languages, and reloads the other version', async () => {
    await openFresh('intents');
    await signInUnlessSignedIn();
    /** Another admin saves goodbye with this English answer. */
    const otherAdminSaves = (text: string) =>
      page.evaluate(async (answer) => {
        const intent = (await (await fetch('/api/knowledge')).json()).intents.find((each: { name: string }) => each.name === 'goodbye');
        const body = { ...intent, answers: { ...intent.answers, en: [answer] } };
        return (await fetch('/api/knowledge/intents/goodbye', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).status;
      }, text);
    const storedAnswer = async () => (await page.evaluate(async () => (await (await fetch('/api/knowledge')).json()).intents.find((each: { name: string }) => each.name === 'goodbye'))).answers.en;
    const status = page.locator('.editor [role=status]');

    await page.getByRole('button', { name: / · goodbye$/ }).click();
    await page.locator('#f-answers-en').fill('Mine, typed while someone else saved theirs.');
    expect(await otherAdminSaves('Theirs.')).toBe(200);
    await page.getByRole('button', { name: 'Save to draft' }).click();
    await status.getByText('Someone else changed this intent after you opened it, so your save was not applied.').waitFor();
    await shoot('intent-changed');
    expect(await storedAnswer()).toEqual(['Theirs.']);
    await status.getByRole('button', { name: 'Reload this intent (discards your edits)' }).click();
    await expect.poll(() => page.locator('#f-answers-en').inputValue()).toBe('Theirs.');

    // The same in Chinese; after the reload, saving on top of their version goes through.
    await page.locator('header [data-lang="zh"]').click();
    await page.locator('#f-answers-en').fill('Mine again.');
    expect(await otherAdminSaves('Theirs, again.')).toBe(200);
    await page.getByRole('button', { name: '保存到草稿' }).click();
    await status.getByText('您打开此意图后，其他人修改了它，因此您的保存未生效。').waitFor();
    await shoot('intent-changed-zh');
    await status.getByRole('button', { name: '重新加载此意图（放弃您的修改）' }).click();
    await expect.poll(() => page.locator('#f-answers-en').inputValue()).toBe('Theirs, again.');
    await page.locator('#f-answers-en').fill('Mine, on top of theirs.');
    await page.getByRole('button', { name: '保存到草稿' }).click();
    await page.getByText('已保存到草稿').waitFor();
    expect(await storedAnswer()).toEqual(['Mine, on top of theirs.']);
    await page.locator('header [data-lang="en"]').click();
  });
});
