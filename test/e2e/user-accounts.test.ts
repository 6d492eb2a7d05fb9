/**
 * Agent accounts as the people behind them meet them, in a real browser: an agent whose account
 * was disabled, and the admin who disables it.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SHOTS_DIR } from '../support/browser.js';
import { useBrowserApp } from '../support/browser-app.js';
import { request } from '../support/http.js';

const app = useBrowserApp({ agents: ['Gina'] });
const GINA = { email: 'gina@example.com', password: 'agent password 1' };

async function adminCookie(): Promise<string> {
  const signedIn = await request(app.server.url, 'POST', '/api/auth/login', { body: { email: 'admin@example.com', password: 'correct horse battery' } });
  return signedIn.headers.get('set-cookie')!.split(';')[0]!;
}

async function setDisabled(email: string, disabled: boolean): Promise<void> {
  const cookie = await adminCookie();
  const { users } = (await request(app.server.url, 'GET', '/api/users', { cookie })).body as { users: { id: string; email: string }[] };
  const user = users.find((each) => each.email === email)!;
  expect((await request(app.server.url, 'PATCH', `/api/users/${user.id}`, { cookie, body: { disabled } })).status).toBe(200);
}

/** The console's sign-in form, filled in and sent; what it then says under the fields. */
async function signInSays(page: Page, password: string): Promise<string> {
  await page.fill('input[name=email]', GINA.email);
  await page.fill('input[name=password]', password);
  await page.evaluate(() => (document.querySelector('#login-error')!.textContent = ''));
  await page.click('#login-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#login-error')!.textContent !== '');
  return (await page.textContent('#login-error'))!;
}

describe('a disabled agent at the sign-in form', () => {
  it('with the right password is told the account is disabled and to ask an admin, in English and Chinese; with a wrong one, only that it is wrong', async () => {
    await setDisabled(GINA.email, true);
    try {
      for (const [locale, disabled, wrong] of [
        ['en-US', 'This account is disabled. Ask an admin to enable it again.', 'Wrong e-mail or password.'],
        ['zh-CN', '该账号已停用，请联系管理员重新启用。', '邮箱或密码不正确。'],
      ] as const) {
        const page = await (await app.browser.newContext({ viewport: { width: 1280, height: 720 }, locale })).newPage();
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        await page.goto(`${app.server.url}/agent`);
        await page.waitForSelector('#login-view:not([hidden])');
        expect(await signInSays(page, GINA.password)).toBe(disabled);
        await page.screenshot({ path: `${SHOTS_DIR}/console-sign-in-disabled-${locale.slice(0, 2)}.png` });
        expect(await page.isHidden('#app-view')).toBe(true);
        // Nothing more about the account for whoever does not know its password.
        expect(await signInSays(page, 'a guessed password')).toBe(wrong);
        expect(errors).toEqual([]);
        await page.context().close();
      }
    } finally {
      await setDisabled(GINA.email, false);
    }
  });
});
