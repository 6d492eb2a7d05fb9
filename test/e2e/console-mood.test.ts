/**
 * The customer's mood in the agent console's side panel, in a real browser: read at a glance by
 * an agent in a hurry, not worked out from scores.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SHOTS_DIR } from '../support/browser.js';
import { openConsole, useBrowserApp } from '../support/browser-app.js';
import { generateToken } from '../support/directline.js';
import { request } from '../support/http.js';

const app = useBrowserApp({ agents: ['Alice'] });

const signIn = (locale = 'en-US'): Promise<Page> => openConsole(app, { locale, viewport: { width: 1280, height: 800 } });

/** A customer who agreed to profiling (their mood is kept) and says each of `lines`. */
async function customer(lines: string[], locale = 'en-US') {
  const { token, conversationId } = await generateToken(app.server.url);
  const post = async (body: object) => expect((await request(app.server.url, 'POST', `/v3/directline/conversations/${conversationId}/activities`, { token, body: { locale, ...body } })).status).toBe(200);
  await post({ type: 'event', name: 'parley.consent', value: { profiling: true } });
  for (const text of lines) {
    await post({ type: 'message', text });
    await app.server.parley.adapter.idle();
  }
  return { conversationId, say: (text: string) => post({ type: 'message', text }) };
}

describe('the mood in the side panel', () => {
  it('says how the customer feels in a word and which way it is going, in English and Chinese, with no scores to work out', async () => {
    const alice = await signIn();
    const c = await customer(['hello, thanks for the quick delivery last time, great job', 'but my new order is late', 'this is terrible, I am really angry', 'I want to talk to a person']);
    await alice.locator(`.queue-item[data-conversation="${c.conversationId}"]`).click();
    const profile = alice.locator('#side .panel').first();
    const now = profile.locator('.mood-now');
    await now.waitFor();
    // The queue's word for the chat, and the side panel's, are the same.
    expect(await alice.locator(`.queue-item[data-conversation="${c.conversationId}"] .badge.mood`).textContent()).toBe('upset');
    expect(await now.locator('strong').textContent()).toBe('Upset');
    expect(await now.locator('.trend').innerText()).toBe('↘getting worse');
    expect(await profile.locator('.sparkline').getAttribute('aria-label')).toBe('Mood of the last 4 messages, oldest first: happy, upset, upset, neutral');
    expect(await profile.locator('.chart-caption').textContent()).toBe('Last 4 messages, oldest to newest');
    expect(await profile.locator('.temperature').textContent()).toMatch(/^This chat overall: (cold|cool|warm) · service (poor|so-so|good)$/);
    // No "-0.09", "(+0.17)": the scores are there only for whoever points at the line.
    expect(await profile.innerText()).not.toMatch(/\d\.\d/);
    expect(await profile.locator('.temperature').getAttribute('title')).toMatch(/^temperature [+-]?\d\.\d\d · mood [+-]?\d\.\d\d, service [+-]?\d\.\d\d$/);
    await profile.screenshot({ path: `${SHOTS_DIR}/console-mood-panel-en.png` });
    await alice.screenshot({ path: `${SHOTS_DIR}/console-mood-en.png` });

    await alice.click('[data-lang="zh"]');
    await now.locator('strong', { hasText: '不满' }).waitFor();
    expect(await now.locator('.trend').innerText()).toBe('↘越来越差');
    expect(await profile.locator('.sparkline').getAttribute('aria-label')).toBe('最近 4 条消息的情绪（从早到晚）：满意、不满、不满、平静');
    expect(await profile.locator('.temperature').textContent()).toMatch(/^本次会话整体：(冷|温|暖) · 服务(较差|一般|良好)$/);
    expect(await profile.innerText()).not.toMatch(/\d\.\d/);
    await profile.screenshot({ path: `${SHOTS_DIR}/console-mood-panel-zh.png` });
    await alice.click('[data-lang="en"]');

    // A customer who did not agree to profiling: their mood in this chat, and why there is no more.
    const { token, conversationId } = await generateToken(app.server.url);
    for (const text of ['you lost my parcel again, this is awful', 'I want to talk to a person']) {
      await request(app.server.url, 'POST', `/v3/directline/conversations/${conversationId}/activities`, { token, body: { type: 'message', text, locale: 'en-US' } });
      await app.server.parley.adapter.idle();
    }
    await alice.locator(`.queue-item[data-conversation="${conversationId}"]`).click();
    await alice.waitForFunction((id) => location.hash === `#${id}`, conversationId);
    await profile.locator('.mood-now strong', { hasText: 'Upset' }).waitFor();
    expect(await profile.locator('p.muted', { hasText: 'Not kept' }).textContent()).toBe('Not kept: the customer has not agreed to profiling, so only their mood in this chat is shown.');
    expect(await profile.locator('.mood-now .trend').count()).toBe(0);
    await alice.context().close();
  });
});
