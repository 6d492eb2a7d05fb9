/**
 * The widget embedded the way a customer's site would: from another origin, themed by options,
 * next to hostile host CSS, with WebSockets unavailable, and started by `Parley.init`.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scriptOf } from '../../src/nlu/traditional.js';
import { launchBrowser, savedState, SHOTS_DIR, widgetOn } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

let parley: TestServer;
let browser: Browser;
let host: Server;
let hostUrl: string;
const IDENTITY_SECRET = 'the-shop-and-parley-share-this';
/** What the shop's server computes for its signed-in user and writes into the page. */
const signed = (id: string) => ({ id, hash: createHmac('sha256', IDENTITY_SECRET).update(id).digest('hex'), name: 'Mei Lin' });

/** Host pages on their own origin; the query picks the widget options. */
async function startHostSite(): Promise<void> {
  host = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host');
    if (url.pathname !== '/') {
      res.writeHead(404).end();
      return;
    }
    const options = url.searchParams.get('options') ?? '{}';
    const manual = url.searchParams.has('manual');
    const dir = url.searchParams.get('dir') === 'rtl' ? ' dir="rtl"' : '';
    const lang = url.searchParams.get('lang')?.replace(/[^a-zA-Z-]/g, '') || 'en';
    // A sticky shop header at the highest z-index there is, as some themes have.
    const header = url.searchParams.has('header') ? '<header style="position:fixed;top:0;left:0;right:0;height:90px;z-index:2147483647;background:#222">Shop header</header>' : '';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="${lang}"${dir}><head><title>Another shop</title>
      <style>
        * { color: rgb(255, 0, 0) !important; font-family: serif !important; font-size: 30px !important; }
        button { background: lime !important; border-radius: 0 !important; }
        div { padding: 7px; }
      </style></head>
      <body>${header}<h1>Another shop</h1><button id="hostButton">Host button</button>
      <div class="launcher panel t" id="lookalike">host element with the widget's class names</div>
      <script src="${parley.url}/widget.js" data-parley='${options.replace(/'/g, '&#39;')}' ${manual ? 'data-manual onload="Parley.init({title:\'Manual init\',locale:\'zh\'})"' : ''} async></script>
      </body></html>`);
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://127.0.0.1:${(host.address() as { port: number }).port}`;
}

beforeAll(async () => {
  parley = await startTestServer({ env: { PARLEY_IDENTITY_SECRET: IDENTITY_SECRET } });
  await startHostSite();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => host?.close(resolve));
  await parley?.cleanup();
});

async function openPage(options: Record<string, unknown>, extra = '', viewport = { width: 1280, height: 800 }): Promise<{ page: Page; widget: ReturnType<typeof widgetOn>; errors: string[] }> {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${hostUrl}/?options=${encodeURIComponent(JSON.stringify(options))}${extra}`);
  const widget = widgetOn(page);
  await widget.launcher.waitFor();
  return { page, widget, errors };
}

async function askAndWait(widget: ReturnType<typeof widgetOn>, text: string): Promise<string> {
  const before = await widget.replies.count();
  await widget.input.fill(text);
  await widget.input.press('Enter');
  await expect.poll(() => widget.replies.count(), { timeout: 10_000 }).toBeGreaterThan(before);
  return (await widget.replies.nth(before).locator('.t').textContent()) ?? '';
}

type Rgb = [number, number, number];
const rgbOf = (css: string): Rgb => css.match(/\d+(\.\d+)?/g)!.slice(0, 3).map(Number) as Rgb;
function contrast(a: Rgb, b: Rgb): number {
  const lum = (c: Rgb) => c.map((v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)).reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0);
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('the widget on another site', () => {
  it('chats cross-origin, themed by options, with styles isolated both ways', async () => {
    const { page, widget, errors } = await openPage({ title: 'Acme Help', color: '#ffd400', position: 'left', greeting: 'Hello from Acme!' });
    const launcherBox = (await widget.launcher.boundingBox())!;
    expect(launcherBox.x).toBeLessThan(100);
    await widget.launcher.click();
    expect(await widget.root.locator('h2').textContent()).toBe('Acme Help');
    expect(await widget.log.locator('.t').first().textContent()).toBe('Hello from Acme!');

    // A light brand colour gets dark text; everything stays AA readable.
    const colours = await widget.root.locator('header').evaluate((header) => {
      const style = getComputedStyle(header);
      const link = header.getRootNode() as ShadowRoot;
      return { bg: style.backgroundColor, fg: style.color, bubbleFont: getComputedStyle(link.querySelector('.t')!).fontSize, bubbleColor: getComputedStyle(link.querySelector('.t')!).color };
    });
    expect(colours.bg).toBe('rgb(255, 212, 0)');
    expect(contrast(rgbOf(colours.fg), rgbOf(colours.bg))).toBeGreaterThanOrEqual(4.5);
    // The host's `* { … !important }` does not reach inside.
    expect(colours.bubbleFont).toBe('15px');
    expect(colours.bubbleColor).not.toBe('rgb(255, 0, 0)');

    const reply = await askAndWait(widget, 'where is my order?');
    expect(reply).toMatch(/order/i);
    const link = widget.replies.last().locator('a').first();
    const inkOnBubble = contrast(rgbOf(await link.evaluate((a) => getComputedStyle(a).color)), [241, 243, 245]);
    expect(inkOnBubble).toBeGreaterThanOrEqual(4.5);

    // And the widget's CSS does not reach out: host elements keep the host's look.
    const hostLook = await page.evaluate(() => {
      const lookalike = getComputedStyle(document.getElementById('lookalike')!);
      const button = getComputedStyle(document.getElementById('hostButton')!);
      return { position: lookalike.position, fontSize: button.fontSize, radius: button.borderRadius };
    });
    expect(hostLook).toEqual({ position: 'static', fontSize: '30px', radius: '0px' });
    // The conversation is remembered by the host site's origin, keyed by the Parley server.
    expect(await page.evaluate((key) => localStorage.getItem(key) !== null, `parley:${parley.url}`)).toBe(true);
    await page.screenshot({ path: path.join(SHOTS_DIR, 'cross-origin-themed.png'), animations: 'disabled' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('speaks Traditional Chinese on a zh-TW site: its labels, the welcome and the answers', async () => {
    const { page, widget, errors } = await openPage({ locale: 'zh-TW' });
    await widget.launcher.click();
    expect(await widget.input.getAttribute('placeholder')).toBe('請輸入消息…');
    const welcome = (await widget.replies.first().locator('.t').textContent({ timeout: 10_000 })) ?? '';
    expect(welcome).toContain('您好');
    expect(scriptOf(welcome), welcome).toBe('traditional');
    // A customer there who writes Simplified is answered in Simplified; writing Traditional brings it back.
    expect(scriptOf(await askAndWait(widget, '怎么退货'))).toBe('simplified');
    const traditional = await askAndWait(widget, '我想退貨，怎麼辦');
    expect(scriptOf(traditional), traditional).toBe('traditional');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('uses polling when told to, without opening a WebSocket', async () => {
    const sockets: string[] = [];
    const page = await browser.newPage();
    page.on('websocket', (socket) => sockets.push(socket.url()));
    await page.goto(`${hostUrl}/?options=${encodeURIComponent(JSON.stringify({ transport: 'polling' }))}`);
    const widget = widgetOn(page);
    await widget.launcher.click();
    await widget.replies.first().waitFor({ timeout: 10_000 });
    expect(await askAndWait(widget, '怎么退货')).toMatch(/[\u4e00-\u9fff]/);
    expect(sockets).toEqual([]);
    await page.close();
  });

  it('falls back to polling when WebSockets cannot connect', async () => {
    const page = await browser.newPage();
    // A proxy that refuses WebSockets: every socket fails before it opens.
    await page.addInitScript(() => {
      (window as unknown as { __socketAttempts: number }).__socketAttempts = 0;
      class RefusedSocket extends EventTarget {
        readyState = 0;
        onopen: (() => void) | null = null;
        onmessage: (() => void) | null = null;
        onclose: (() => void) | null = null;
        onerror: (() => void) | null = null;
        constructor() {
          super();
          (window as unknown as { __socketAttempts: number }).__socketAttempts++;
          setTimeout(() => {
            this.readyState = 3;
            this.onerror?.();
            this.onclose?.();
          }, 10);
        }
        close() {}
        send() {}
      }
      (window as unknown as { WebSocket: unknown }).WebSocket = RefusedSocket;
    });
    await page.goto(`${hostUrl}/`);
    const widget = widgetOn(page);
    await widget.launcher.click();
    await widget.replies.first().waitFor({ timeout: 10_000 });
    expect(await askAndWait(widget, 'where is my order?')).toMatch(/order/i);
    expect(await page.evaluate(() => (window as unknown as { __socketAttempts: number }).__socketAttempts)).toBe(2);
    await page.close();
  });

  it('waits for Parley.init when the tag says data-manual', async () => {
    const { page, widget } = await openPage({ title: 'From the tag' }, '&manual=1');
    expect(await page.locator('parley-chat').count()).toBe(1);
    await widget.launcher.click();
    expect(await widget.root.locator('h2').textContent()).toBe('Manual init');
    expect(await widget.input.getAttribute('placeholder')).toBe('请输入消息…');
    await page.close();
  });

  it("knows the shop's signed-in user on every device, continues their chat on the next, and forgets it when they sign out", async () => {
    const customerOf = async (page: Page) => {
      const { session } = await savedState(page, parley.url);
      return (await parley.parley.storage.collection<{ id: string; customerId: string }>('conversations').get(session!.conversationId))!.customerId;
    };
    const laptop = await openPage({ user: signed('shopper-42') });
    await laptop.widget.launcher.click();
    await askAndWait(laptop.widget, 'my parcel secret-bluebird never came');
    const signedIn = await customerOf(laptop.page);
    expect(signedIn).toMatch(/^cu_/);

    // The same user on a phone is the same customer, and carries on the chat they left on the laptop.
    const phone = await openPage({ user: signed('shopper-42') });
    await phone.widget.launcher.click();
    await expect.poll(() => phone.widget.log.textContent(), { timeout: 10_000 }).toContain('my parcel secret-bluebird never came');
    await askAndWait(phone.widget, 'where is my order?');
    expect(await customerOf(phone.page)).toBe(signedIn);
    expect((await savedState(phone.page, parley.url)).session!.conversationId).toBe((await savedState(laptop.page, parley.url)).session!.conversationId);
    await phone.page.close();

    // Signed out on the shared laptop: the next visitor neither sees the chat nor is that customer.
    await laptop.page.goto(`${hostUrl}/?options=${encodeURIComponent('{}')}`);
    // The panel stays open from page to page of the visit.
    await laptop.widget.panel.waitFor();
    await expect.poll(() => laptop.widget.replies.count(), { timeout: 10_000 }).toBe(1);
    expect(await laptop.widget.log.textContent()).not.toContain('secret-bluebird');
    await askAndWait(laptop.widget, 'how do I return an item?');
    expect(await customerOf(laptop.page)).not.toBe(signedIn);
    // A hash the shop did not sign is ignored: an anonymous customer, not shopper-42.
    await laptop.page.goto(`${hostUrl}/?options=${encodeURIComponent(JSON.stringify({ user: { id: 'shopper-42', hash: 'f'.repeat(64) } }))}`);
    await laptop.widget.panel.waitFor();
    await askAndWait(laptop.widget, 'how do I return an item?');
    expect(await customerOf(laptop.page)).not.toMatch(/^cu_/);
    expect(laptop.errors).toEqual([]);
    await laptop.page.close();
  });

  it('takes the title and greeting in the language of the page when the shop gives one per language', async () => {
    const options = { title: { en: 'Lotus Tea help', zh: '莲花茶客服' }, greeting: { en: 'Welcome to Lotus Tea!', zh: '欢迎光临莲花茶！' } };
    for (const [lang, title, greeting] of [['en', 'Lotus Tea help', 'Welcome to Lotus Tea!'], ['zh-CN', '莲花茶客服', '欢迎光临莲花茶！'], ['zh-TW', '莲花茶客服', '欢迎光临莲花茶！']] as const) {
      const { page, widget, errors } = await openPage(options, `&lang=${lang}`);
      await widget.launcher.click();
      expect(await widget.root.locator('header h2').textContent(), `the title on a ${lang} page`).toBe(title);
      expect(await widget.log.locator('.m.bot .t').first().textContent(), `the greeting on a ${lang} page`).toBe(greeting);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('takes any CSS colour the shop names, and says in the console when it does not know one', async () => {
    for (const [color, background] of [['seagreen', 'rgb(46, 139, 87)'], ['hsl(0 0% 20%)', 'rgb(51, 51, 51)'], ['not-a-colour', 'rgb(31, 79, 209)']] as const) {
      const warnings: string[] = [];
      const page = await browser.newPage();
      page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
      await page.goto(`${hostUrl}/?options=${encodeURIComponent(JSON.stringify({ color }))}`);
      const widget = widgetOn(page);
      await widget.launcher.click();
      expect(await widget.root.locator('header').evaluate((header) => getComputedStyle(header).backgroundColor), color).toBe(background);
      expect(warnings.filter((text) => text.includes('not a CSS colour'))).toHaveLength(color === 'not-a-colour' ? 1 : 0);
      await page.close();
    }
  });

  it("speaks the browser's language on a page in a language it does not speak", async () => {
    for (const [browserLocale, placeholder] of [['zh-CN', '请输入消息…'], ['fr-FR', 'Type your message…']] as const) {
      const page = await browser.newPage({ locale: browserLocale });
      await page.goto(`${hostUrl}/?lang=ar`);
      const widget = widgetOn(page);
      await widget.launcher.click();
      expect(await widget.input.getAttribute('placeholder'), `an Arabic page in a ${browserLocale} browser`).toBe(placeholder);
      await page.close();
    }
  });

  it('reads left to right on a right-to-left page: its English and Chinese are not mirrored', async () => {
    const { page, widget, errors } = await openPage({}, '&dir=rtl');
    await widget.launcher.click();
    await widget.replies.first().waitFor({ timeout: 10_000 });
    // The send button stays after the text box, the launcher in its corner, the text left-aligned.
    const send = (await widget.root.locator('.send').boundingBox())!;
    const input = (await widget.input.boundingBox())!;
    expect(send.x).toBeGreaterThan(input.x);
    expect((await widget.launcher.boundingBox())!.x).toBeGreaterThan(1000);
    expect(await widget.replies.first().locator('.t').evaluate((bubble) => getComputedStyle(bubble).direction)).toBe('ltr');
    // What a customer writes in Arabic or Hebrew still reads right to left.
    await widget.input.fill('مرحبا، أين طلبي؟');
    await widget.input.press('Enter');
    expect(await widget.customerMessages.last().locator('.t').evaluate((bubble) => bubble.matches(':dir(rtl)'))).toBe(true);
    await page.screenshot({ path: path.join(SHOTS_DIR, 'rtl-host.png'), animations: 'disabled' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("stays above the shop's own fixed header on a phone, so the chat can be closed", async () => {
    const { page, widget, errors } = await openPage({}, '&header=1', { width: 360, height: 740 });
    await widget.launcher.click();
    const close = widget.root.locator('header .ib').last();
    const box = (await close.boundingBox())!;
    // What the customer's finger lands on is the widget, not the shop's header over it.
    expect(await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.tagName, [box.x + box.width / 2, box.y + box.height / 2])).toBe('PARLEY-CHAT');
    await page.screenshot({ path: path.join(SHOTS_DIR, 'phone-under-host-header.png'), animations: 'disabled' });
    await close.click({ timeout: 2_000 });
    expect(await widget.panel.isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps the conversation in order when the customer writes before the history has loaded on the next page', async () => {
    const { page, widget, errors } = await openPage({});
    await widget.launcher.click();
    await askAndWait(widget, 'where is my order?');
    // The next page of the shop, on a slow line: the conversation takes a while to come back.
    await page.route(/\/v3\/directline\/conversations$/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    await page.reload();
    await widget.panel.waitFor();
    await widget.input.fill('how do I return an item?');
    await widget.input.press('Enter');
    await expect.poll(() => widget.replies.count(), { timeout: 10_000 }).toBe(3);
    const texts = await widget.log.locator(':scope > .m .t').allTextContents();
    expect(texts.length).toBe(5);
    expect(texts[1]).toBe('where is my order?');
    expect(texts[3]).toBe('how do I return an item?');
    expect(texts[4]).toMatch(/return/i);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows one conversation in two tabs of the shop, also after the customer starts a new one in either', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const [first, second] = [await context.newPage(), await context.newPage()];
    const errors: string[] = [];
    for (const tab of [first, second]) tab.on('pageerror', (error) => errors.push(error.message));
    const [inFirst, inSecond] = [widgetOn(first), widgetOn(second)];
    await first.goto(`${hostUrl}/`);
    await inFirst.launcher.click();
    await askAndWait(inFirst, 'where is my order?');
    await second.goto(`${hostUrl}/`);
    await inSecond.launcher.click();
    await expect.poll(() => inSecond.customerMessages.locator('.t').allTextContents(), { timeout: 10_000 }).toEqual(['where is my order?']);

    // A new conversation in the first tab: the second one follows it rather than keep the old one going.
    first.once('dialog', (dialog) => void dialog.accept());
    await inFirst.root.locator('footer button').click();
    await expect.poll(() => inSecond.customerMessages.count(), { timeout: 10_000 }).toBe(0);
    await askAndWait(inSecond, 'how do I return an item?');
    await expect.poll(() => inFirst.customerMessages.locator('.t').allTextContents(), { timeout: 10_000 }).toEqual(['how do I return an item?']);
    // And a reload of either brings back that conversation, not the old one.
    await first.reload();
    await expect.poll(() => inFirst.customerMessages.locator('.t').allTextContents(), { timeout: 10_000 }).toEqual(['how do I return an item?']);
    expect((await savedState(first, parley.url)).session!.conversationId).toBe((await savedState(second, parley.url)).session!.conversationId);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a long answer from its first line, not scrolled to its end, also when the welcome came late', async () => {
    const { page, widget, errors } = await openPage({}, '', { width: 1280, height: 600 });
    await widget.launcher.click();
    await askAndWait(widget, 'where is my order?');
    const answer = widget.replies.last();
    const startInView = async () => {
      await page.waitForTimeout(300);
      const scroller = (await widget.root.locator('.scroll').boundingBox())!;
      const box = (await answer.boundingBox())!;
      // The answer is taller than the chat's window: its start is in view, the rest below it.
      expect(box.height).toBeGreaterThan(scroller.height);
      expect(box.y).toBeGreaterThanOrEqual(scroller.y);
      expect(box.y).toBeLessThan(scroller.y + 40);
      return scroller;
    };
    const scroller = await startInView();
    await page.screenshot({ path: path.join(SHOTS_DIR, 'long-answer.png'), animations: 'disabled' });

    // A new conversation on a slow line: the customer asks before the welcome has arrived. The
    // welcome, arriving late, goes above the question and is not the answer to read from.
    await page.route(/\/v3\/directline\/conversations$/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    page.once('dialog', (dialog) => void dialog.accept());
    await widget.root.getByRole('button', { name: 'Start a new conversation' }).click();
    await widget.input.fill('where is my order?');
    await widget.input.press('Enter');
    await expect.poll(() => widget.replies.count(), { timeout: 15_000 }).toBe(2);
    await startInView();
    await page.unroute(/\/v3\/directline\/conversations$/);
    // The customer's next message still brings the end of the chat into view.
    await widget.input.fill('thanks');
    await widget.input.press('Enter');
    const mine = (await widget.customerMessages.last().boundingBox())!;
    expect(mine.y + mine.height).toBeLessThanOrEqual(scroller.y + scroller.height);
    expect(errors).toEqual([]);
    await page.close();
  });
});
