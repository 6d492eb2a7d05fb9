import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SHOTS_DIR } from '../support/browser.js';
import { useBrowserApp } from '../support/browser-app.js';

/** What an admin sees of the admin pages on a laptop and on a phone: what they did, answered where they look. */
const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

const app = useBrowserApp();

async function signedIn(viewport: { width: number; height: number }, language: 'en' | 'zh' = 'en'): Promise<Page> {
  const page = await app.browser.newPage({ viewport, locale: language === 'zh' ? 'zh-CN' : 'en-GB' });
  page.setDefaultTimeout(30_000);
  await page.goto(`${app.server.url}/admin`);
  await page.locator('input[name=email]').fill('admin@example.com');
  await page.locator('input[name=password]').fill('correct horse battery');
  await page.locator('#login-form button[type=submit]').click();
  await page.locator('#nav a').first().waitFor();
  return page;
}

/** On screen, and not under the sticky top bar or anything else: where the admin would read it. */
const onScreen = (locator: Locator) =>
  locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    if (box.bottom <= 0 || box.top >= innerHeight) return false;
    return element.contains(document.elementFromPoint(box.left + Math.min(box.width / 2, 20), (box.top + box.bottom) / 2));
  });

async function openIntent(page: Page, name: string): Promise<void> {
  await page.locator('.intent-list button', { hasText: name }).first().click();
  await page.locator('.editor h2', { hasText: name }).waitFor();
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS_DIR}/admin-screen-${name}.png` });
}

describe('an admin’s everyday tasks, on a laptop and a phone', { timeout: 120_000 }, () => {
  it('says a save went through under the Save button, where the admin scrolled to press it', async () => {
    for (const [viewport, name] of [[LAPTOP, 'laptop'], [PHONE, 'phone']] as const) {
      const page = await signedIn(viewport);
      await openIntent(page, 'store_hours');
      await page.locator('#f-category').fill(`support_${name}`);
      const save = page.getByRole('button', { name: 'Save to draft' });
      await save.scrollIntoViewIfNeeded();
      await save.click();
      const saved = page.getByText('Saved to the draft. Customers see it after you publish.');
      await saved.waitFor();
      await shoot(page, `saved-${name}`);
      expect(await onScreen(saved)).toBe(true);
      await page.close();
    }
  });

  it('takes the admin to the field at fault when a save is refused, a screen above the Save button', async () => {
    for (const [viewport, name, language] of [[LAPTOP, 'laptop', 'en'], [PHONE, 'phone', 'zh']] as const) {
      const page = await signedIn(viewport, language);
      await openIntent(page, 'store_hours');
      await page.locator('#f-name').fill('Store Hours');
      const save = page.getByRole('button', { name: language === 'en' ? 'Save to draft' : '保存到草稿' });
      await save.scrollIntoViewIfNeeded();
      await save.click();
      const problem = page.locator('[data-error-for="name"]');
      await problem.filter({ hasText: language === 'en' ? 'must be snake_case' : '只能用小写字母' }).waitFor();
      await shoot(page, `refused-${name}`);
      expect(await onScreen(problem)).toBe(true);
      expect(await onScreen(page.locator('#f-name'))).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-name');
      await page.close();
    }
  });

  it('on a phone, an intent tapped in the list opens on screen, as does a new one', async () => {
    const page = await signedIn(PHONE);
    await page.locator('.intent-list button', { hasText: 'shipping_time' }).click();
    const heading = page.locator('.editor h2', { hasText: 'shipping_time' });
    await heading.waitFor();
    await shoot(page, 'opened-phone');
    expect(await onScreen(heading)).toBe(true);
    expect(await onScreen(page.locator('#f-name'))).toBe(true);

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByRole('button', { name: 'New intent' }).click();
    await page.locator('.editor h2', { hasText: 'New intent' }).waitFor();
    expect(await onScreen(page.locator('#f-name'))).toBe(true);
    await page.close();
  });

  it('on a phone, the users and versions pages fit the screen: an agent is added, disabled and given a new password without panning sideways', async () => {
    const page = await signedIn(PHONE);
    const pansSideways = () => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    const withinWidth = (locator: Locator) => locator.evaluate((element) => element.getBoundingClientRect().left >= 0 && element.getBoundingClientRect().right <= innerWidth);
    await page.getByRole('link', { name: 'Users' }).click();
    const create = page.locator('form.create-user');
    await create.getByLabel('E-mail').fill('dana@example.com');
    await create.getByLabel('Name').fill('Dana');
    await create.getByLabel(/^New password/).fill('dana password 1');
    await create.getByRole('button', { name: 'Create user' }).click();
    await page.getByText('User created.').waitFor();
    expect(await pansSideways()).toBe(false);
    const dana = page.locator('tr[data-email="dana@example.com"]');
    const disable = dana.getByRole('button', { name: 'Disable' });
    const reset = dana.getByRole('button', { name: 'Reset password' });
    for (const control of [dana.getByLabel('Name of dana@example.com'), disable, reset]) expect(await withinWidth(control)).toBe(true);
    await dana.getByPlaceholder(/^New password/).fill('a new dana password');
    await reset.click();
    const confirmReset = dana.getByRole('button', { name: 'Click again to replace the password' });
    const confirmDisable = dana.getByRole('button', { name: 'Click again to disable and sign out' });
    expect(await withinWidth(confirmReset)).toBe(true);
    await confirmReset.click();
    await dana.getByText('Password changed.').waitFor();
    await disable.click();
    expect(await withinWidth(confirmDisable)).toBe(true);
    await confirmDisable.click();
    await page.locator('tr[data-email="dana@example.com"]', { hasText: 'Disabled' }).waitFor();
    await shoot(page, 'users-phone');

    await page.getByRole('link', { name: 'Versions' }).click();
    const v1 = page.locator('tr[data-version="1"]');
    await v1.waitFor();
    expect(await pansSideways()).toBe(false);
    expect(await withinWidth(v1.getByRole('button', { name: 'Diff with previous' }))).toBe(true);
    await shoot(page, 'versions-phone');
    await page.close();
  });

  it('says what is wrong with a new user’s password in the page’s language, and with a reset one', async () => {
    const page = await signedIn(LAPTOP, 'zh');
    await page.getByRole('link', { name: '用户' }).click();
    const create = page.locator('form.create-user');
    await create.getByLabel('邮箱').fill('wei@example.com');
    await create.getByLabel('姓名').fill('小魏');
    await create.getByLabel(/^新密码/).fill('short');
    await create.getByRole('button', { name: '创建用户' }).click();
    await create.getByText('密码除空格外至少需要 10 个字符。').waitFor();

    await page.locator('header [data-lang="en"]').click();
    const admin = page.locator('tr[data-email="admin@example.com"]');
    await admin.getByPlaceholder(/^New password/).fill('too short');
    await admin.getByRole('button', { name: 'Reset password' }).click();
    await admin.getByText('Password must have at least 10 characters besides spaces.').waitFor();
    await shoot(page, 'password-refused');
    await page.close();
  });

  it('finds an intent by the words of its answer, as the customer read them, in either language', async () => {
    const page = await signedIn(LAPTOP);
    const search = page.getByRole('searchbox', { name: 'Search intents…' });
    const found = () => page.locator('.intent-list button > span:first-child').allTextContents();
    await search.fill('3-5 business days');
    await expect.poll(found).toContain('Delivery times');
    await search.fill('3-5个工作日');
    await expect.poll(found).toContain('Delivery times');
    await page.close();
  });

  it('lists intents by their button label in the page language, grouped by category, each with its name under it', async () => {
    const page = await signedIn(LAPTOP);
    const shipping = page.locator('.intent-list button', { hasText: 'shipping_time' });
    expect(await shipping.innerText()).toBe('Delivery times\nshipping · shipping_time');
    const categories = await page.locator('.intent-list button small').allTextContents();
    const inOrder = categories.slice(1).map((line) => line.split(' · ')[0]!);
    expect(inOrder).toEqual([...inOrder].sort());
    await page.locator('header [data-lang="zh"]').click();
    await expect.poll(() => shipping.innerText()).toBe('配送时效\nshipping · shipping_time');
    await page.locator('header [data-lang="en"]').click();
    await page.close();
  });

  it('from the keyboard, a section picked in the top bar takes the keyboard into that section', async () => {
    const page = await signedIn(LAPTOP);
    const focused = () => page.evaluate(() => `${document.activeElement?.tagName} ${document.activeElement?.textContent?.trim().slice(0, 20)}`);
    const inSection = () => page.evaluate(() => document.querySelector('#app-view')!.contains(document.activeElement));
    for (const [link, heading] of [['Users', 'H2 Users'], ['Versions', 'H2 Versions'], ['Dashboard', 'H2 Dashboard']]) {
      await page.getByRole('link', { name: link }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(focused).toBe(heading);
      await page.keyboard.press('Tab');
      expect(await inSection()).toBe(true);
    }
    await page.close();
  });

  it('on a phone, says a user was created under Create user, and does not keep saying it beside the next refusal', async () => {
    const page = await signedIn(PHONE);
    await page.getByRole('link', { name: 'Users' }).click();
    const create = page.locator('form.create-user');
    const add = async (email: string) => {
      await create.getByLabel('E-mail').fill(email);
      await create.getByLabel('Name').fill('Lee');
      await create.getByLabel(/^New password/).fill('lee password 12');
      await create.getByRole('button', { name: 'Create user' }).click();
    };
    await add('lee@example.com');
    const created = page.getByText('User created.');
    await created.waitFor();
    await shoot(page, 'user-created-phone');
    expect(await onScreen(created)).toBe(true);

    await add('lee@example.com');
    await page.getByText('This e-mail address is already in use.').waitFor();
    expect(await created.count()).toBe(0);
    await page.close();
  });
});
