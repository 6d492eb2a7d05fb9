import { describe, expect, it } from 'vitest';
import { SHOTS_DIR } from '../support/browser.js';
import { useBrowserApp } from '../support/browser-app.js';
import { send, startConversation } from '../support/http.js';

/** The admin dashboard as a shop manager reads it, on a small day whose numbers are known. */
describe('dashboard, as a manager reads it', () => {
  const app = useBrowserApp();

  it('says how many of the conversations opened had a customer message: the shares are of those', async () => {
    // Two customers ask and are answered; two more open the chat and leave without a word.
    for (const question of ['where is my order', 'how long does shipping take']) await send(app.server.url, await startConversation(app.server.url, 'en-US'), question);
    for (let n = 0; n < 2; n++) await startConversation(app.server.url, 'en-US');
    await app.server.parley.adapter.idle();

    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(`${app.server.url}/admin#dashboard`);
      await page.getByLabel('E-mail').fill('admin@example.com');
      await page.getByLabel('Password').fill('correct horse battery');
      await page.getByRole('button', { name: 'Sign in' }).click();
      const card = (label: string) => page.locator('.kpi', { has: page.locator('.kpi-label', { hasText: new RegExp(`^${label}$`) }) });
      await card('Conversations').waitFor();
      expect(await card('Conversations').innerText()).toBe('Conversations\n4\n2 in which the customer wrote');
      expect(await card('Containment').innerText()).toBe('Containment\n100.0%\n2 / 2');
      expect(await card('Escalation').innerText()).toBe('Escalation\n0.0%\n0 / 2');
      // The top intents read as the knowledge base's labels in the page's language, not as ids.
      const { intents } = app.server.parley.knowledge.runtime.current();
      const labels = async (title: string) => page.locator('.chart-card', { has: page.locator('h3', { hasText: title }) }).locator('text.label').allTextContents();
      const top = (await labels('Top intents')).filter(Boolean);
      expect(top.length).toBeGreaterThanOrEqual(1);
      const byTitle = (language: 'en' | 'zh') => new Map([...intents.values()].filter((intent) => intent.title).map((intent) => [intent.title![language], intent.name]));
      for (const label of top) expect(byTitle('en').has(label), `"${label}" is an intent's English label`).toBe(true);
      await page.screenshot({ path: `${SHOTS_DIR}/dashboard-engaged-en.png`, fullPage: true });

      await page.getByRole('button', { name: '中文' }).click();
      await expect.poll(() => card('会话数').innerText()).toBe('会话数\n4\n其中客户发过消息的 2 个');
      expect(await card('自助解决率').innerText()).toBe('自助解决率\n100.0%\n2 / 2');
      // The last bar of the day chart is labelled with the range's last day (today), whatever the range's length.
      const to = await page.locator('input[type=date]').last().inputValue();
      expect((await page.locator('.chart-card', { has: page.locator('h3', { hasText: '每日会话数' }) }).locator('text.axis').allTextContents()).at(-1)).toBe(`${to.slice(5, 7)}/${to.slice(8, 10)}`);
      const topZh = (await labels('热门意图')).filter(Boolean);
      expect(topZh.map((label) => byTitle('zh').get(label))).toEqual(top.map((label) => byTitle('en').get(label)));
      await page.screenshot({ path: `${SHOTS_DIR}/dashboard-engaged-zh.png`, fullPage: true });
    } finally {
      await context.close();
    }
  });
});
