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

/** The admin's Users page, in `locale`'s language. */
async function usersPage(locale: string): Promise<Page> {
  const page = await (await app.browser.newContext({ viewport: { width: 1280, height: 800 }, locale })).newPage();
  await page.goto(`${app.server.url}/admin`);
  await page.fill('input[name=email]', 'admin@example.com');
  await page.fill('input[name=password]', 'correct horse battery');
  await page.click('#login-form button[type=submit]');
  await page.locator('#nav a').first().waitFor();
  await page.goto(`${app.server.url}/admin#users`);
  await page.locator('tr[data-email="gina@example.com"]').waitFor();
  return page;
}

/** Whether Gina's account is disabled, as the server has it. */
async function isDisabled(): Promise<boolean> {
  const { users } = (await request(app.server.url, 'GET', '/api/users', { cookie: await adminCookie() })).body as { users: { email: string; disabled: boolean }[] };
  return users.find((each) => each.email === GINA.email)!.disabled;
}

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

async function setPassword(email: string, password: string): Promise<void> {
  const cookie = await adminCookie();
  const { users } = (await request(app.server.url, 'GET', '/api/users', { cookie })).body as { users: { id: string; email: string }[] };
  const user = users.find((each) => each.email === email)!;
  expect((await request(app.server.url, 'POST', `/api/users/${user.id}/password`, { cookie, body: { password } })).status).toBe(200);
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

describe('the admin disabling an agent or replacing their password', () => {
  it('is asked to click again first, in English and Chinese; the first click changes nothing, enabling needs no second', async () => {
    for (const [locale, disable, confirmDisable, enable, reset, confirmReset, changed] of [
      ['en-GB', 'Disable', 'Click again to disable and sign out', 'Enable', 'Reset password', 'Click again to replace the password', 'Password changed.'],
      ['zh-CN', '停用', '再次点击确认停用并退出登录', '启用', '重置密码', '再次点击确认更换密码', '密码已修改。'],
    ] as const) {
      // Gina at work in the console meanwhile.
      const console = await (await app.browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-US' })).newPage();
      await console.goto(`${app.server.url}/agent`);
      await console.fill('input[name=email]', GINA.email);
      await console.fill('input[name=password]', GINA.password);
      await console.click('#login-form button[type=submit]');
      await console.waitForSelector('#app-view:not([hidden])');

      const page = await usersPage(locale);
      const gina = page.locator('tr[data-email="gina@example.com"]');
      await gina.getByRole('button', { name: disable, exact: true }).click();
      const armed = gina.getByRole('button', { name: confirmDisable });
      await armed.waitFor();
      expect(await isDisabled()).toBe(false);
      expect(await console.isVisible('#app-view')).toBe(true);
      await page.screenshot({ path: `${SHOTS_DIR}/admin-users-confirm-disable-${locale.slice(0, 2)}.png` });
      await armed.click();
      await gina.getByRole('button', { name: enable, exact: true }).waitFor();
      expect(await isDisabled()).toBe(true);
      await console.waitForSelector('#login-view:not([hidden])');

      await gina.getByRole('button', { name: enable, exact: true }).click();
      await gina.getByRole('button', { name: disable, exact: true }).waitFor();
      expect(await isDisabled()).toBe(false);

      await gina.locator('input[type=password]').fill('a fresh gina password');
      await gina.getByRole('button', { name: reset }).click();
      await gina.getByRole('button', { name: confirmReset }).waitFor();
      await page.screenshot({ path: `${SHOTS_DIR}/admin-users-confirm-reset-${locale.slice(0, 2)}.png` });
      // Not replaced yet: her password still signs her in.
      expect((await request(app.server.url, 'POST', '/api/auth/login', { body: GINA })).status).toBe(200);
      await gina.getByRole('button', { name: confirmReset }).click();
      await gina.getByText(changed).waitFor();
      expect(await gina.getByRole('button', { name: reset }).isVisible()).toBe(true);
      expect((await request(app.server.url, 'POST', '/api/auth/login', { body: { ...GINA, password: 'a fresh gina password' } })).status).toBe(200);
      await setPassword(GINA.email, GINA.password);
      await page.context().close();
      await console.context().close();
    }
  });
});
