/**
 * The agent console's Waiting list, in a real browser: what an agent in a hurry must tell apart
 * at a glance.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SHOTS_DIR } from '../support/browser.js';
import { openConsole, useBrowserApp } from '../support/browser-app.js';
import { generateToken } from '../support/directline.js';
import { request } from '../support/http.js';

const app = useBrowserApp({ agents: ['Alice'] });

const signIn = (errors: string[], locale = 'en-US'): Promise<Page> => openConsole(app, { errors, locale });

/** A customer on the raw Direct Line routes who says each of `lines`. */
async function customer(lines: string[], locale = 'en-US') {
  const { token, conversationId } = await generateToken(app.server.url);
  const say = async (text: string) => {
    const sent = await request(app.server.url, 'POST', `/v3/directline/conversations/${conversationId}/activities`, { token, body: { type: 'message', text, locale } });
    expect(sent.status).toBe(200);
    await app.server.parley.adapter.idle();
  };
  for (const line of lines) await say(line);
  return { token, conversationId, say };
}

async function waitingList(): Promise<{ id: string; timedOut: boolean; ticketId: string | null; priority: string }[]> {
  const admin = (await request(app.server.url, 'POST', '/api/auth/login', { body: { email: 'admin@example.com', password: 'correct horse battery' } })).headers.get('set-cookie')!.split(';')[0]!;
  return (await request(app.server.url, 'GET', '/api/conversations?status=waiting', { cookie: admin })).body.conversations;
}

describe('the Waiting list', () => {
  it('a chat that timed out into a ticket is marked so, in English and Chinese, and listed after the customers still waiting live, though it is more urgent', async () => {
    // Nobody online: an upset customer's request times out at once and becomes a ticket.
    const gone = await customer(['This is awful, I am furious with you', 'I want to talk to a person']);
    const [ticketed] = await waitingList();
    expect(ticketed).toMatchObject({ id: gone.conversationId, timedOut: true, ticketId: expect.stringMatching(/^T-\d+$/), priority: 'high' });
    const ticketId = ticketed!.ticketId!;

    const errors: string[] = [];
    const alice = await signIn(errors);
    await alice.locator(`.queue-item[data-conversation="${gone.conversationId}"]`).waitFor();
    // Nobody is waiting live: the tab and the page title count no one, the ticket is counted apart.
    const waitingTab = alice.locator('[data-tab="waiting"]');
    expect(await waitingTab.locator('.count:not(.ticketed-count)').textContent()).toBe('0');
    expect(await waitingTab.locator('.ticketed-count').textContent()).toBe('+1');
    expect(await waitingTab.locator('.ticketed-count').getAttribute('title')).toBe('1 no longer waiting live, saved as tickets');
    expect(await alice.title()).toBe('Parley agent console');
    // Alice is online now: the next customer waits for her, live.
    const live = await customer(['I want to talk to a person']);
    const liveItem = alice.locator(`.queue-item[data-conversation="${live.conversationId}"]`);
    await liveItem.waitFor();

    const order = () => alice.locator('[aria-label="Waiting"] .queue-item').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.conversation));
    expect(await order()).toEqual([live.conversationId, gone.conversationId]);
    const goneItem = alice.locator(`.queue-item[data-conversation="${gone.conversationId}"]`);
    expect(await goneItem.locator('.badge.ticketed').textContent()).toBe(`Turned into ticket ${ticketId}`);
    expect(await liveItem.locator('.badge.ticketed').count()).toBe(0);
    expect(await alice.locator('.queue-group').textContent()).toBe('No longer waiting live · saved as tickets');
    expect(await waitingTab.locator('.count:not(.ticketed-count)').textContent()).toBe('1');
    expect(await waitingTab.locator('.ticketed-count').textContent()).toBe('+1');
    await alice.waitForFunction(() => document.title.startsWith('(1) '));
    await alice.screenshot({ path: `${SHOTS_DIR}/console-queue-ticketed-en.png` });

    await alice.click('[data-lang="zh"]');
    expect(await goneItem.locator('.badge.ticketed').textContent()).toBe(`已转为工单 ${ticketId}`);
    expect(await alice.locator('.queue-group').textContent()).toBe('已不在线等待 · 已转为工单');
    expect(await waitingTab.locator('.ticketed-count').getAttribute('title')).toBe('1 个已不在线等待，已转为工单');
    await alice.screenshot({ path: `${SHOTS_DIR}/console-queue-ticketed-zh.png` });
    await alice.click('[data-lang="en"]');

    // Still there to be picked up.
    await goneItem.click();
    await alice.waitForFunction((id) => location.hash === `#${id}`, gone.conversationId);
    await alice.click('[data-action="claim"]');
    await alice.locator('#composer-text:not([disabled])').waitFor();
    await alice.click('[data-action="release"]');
    await alice.locator('[data-action="claim"]').waitFor();
    await liveItem.click();
    await alice.waitForFunction((id) => location.hash === `#${id}`, live.conversationId);
    await alice.click('[data-action="claim"]');
    await alice.locator('#composer-text:not([disabled])').waitFor();
    await alice.click('[data-action="release"]');
    await alice.locator('[data-action="claim"]').waitFor();
    expect(errors).toEqual([]);
    await alice.context().close();
  });
});
