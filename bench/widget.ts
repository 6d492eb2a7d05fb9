/**
 * `npm run bench:widget`: builds the front ends, then measures what embedding the widget costs
 * a host page:
 *  - bytes: everything the page downloads from Parley before the first chat message shows
 *    (widget.js plus the Direct Line JSON), gzipped, against the 20 KB budget;
 *  - time: from the widget.js request (and from its arrival) to the launcher on screen, in
 *    headless Chromium with a cold cache, median of several runs.
 * The demo shop at `/` is the host page; its own HTML and CSS are not counted.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser } from '../test/support/browser.js';
import { startTestServer } from '../test/support/server.js';

const root = path.resolve(import.meta.dirname, '..');
const RUNS = 15;
const BUDGET_BYTES = 20 * 1024;

const gzipped = (data: Uint8Array) => gzipSync(data, { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'build-web.ts')], { stdio: 'inherit' });
const widgetBytes = readFileSync(path.join(root, 'dist', 'web', 'widget.js'));

const server = await startTestServer();
const browser = await launchBrowser();
try {
  // Bytes: a new visitor opens the chat and waits for the bot's first message.
  const context = await browser.newContext();
  const page = await context.newPage();
  const downloads: { url: string; raw: number; gzip: number }[] = [];
  const pending: Promise<void>[] = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin !== server.url || !(url.pathname === '/widget.js' || url.pathname.startsWith('/v3/'))) return;
    if (response.request().method() === 'OPTIONS') return;
    pending.push(
      response.body().then(
        (body) => void downloads.push({ url: url.pathname.replace(/\/conversations\/[^/]+/, '/conversations/:id'), raw: body.length, gzip: gzipped(body) }),
        () => undefined,
      ),
    );
  });
  page.on('websocket', (socket) => {
    socket.on('framereceived', ({ payload }) => {
      const body = Buffer.from(payload);
      downloads.push({ url: 'WebSocket frame', raw: body.length, gzip: gzipped(body) });
    });
  });
  await page.goto(`${server.url}/`);
  await page.locator('parley-chat .launcher').click();
  await page.locator('parley-chat [role=log] > .bot').first().waitFor({ timeout: 15_000 });
  await Promise.all(pending);
  await context.close();

  // Time: cold loads of the demo page, launcher paint observed from inside the page.
  const fromRequest: number[] = [];
  const fromArrival: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const cold = await browser.newContext();
    const probe = await cold.newPage();
    // No named functions in here: tsx would wrap them in a helper the page does not have.
    await probe.addInitScript(() => {
      new MutationObserver((_records, observer) => {
        const launcher = document.querySelector('parley-chat')?.shadowRoot?.querySelector('.launcher');
        if (!launcher || launcher.getBoundingClientRect().width === 0) return;
        observer.disconnect();
        // The frame after insertion is the one that paints the launcher.
        requestAnimationFrame(() => ((window as unknown as { __launcherAt: number }).__launcherAt = performance.now()));
      }).observe(document, { childList: true, subtree: true });
    });
    await probe.goto(`${server.url}/`);
    const timing = await probe.waitForFunction(() => {
      const at = (window as unknown as { __launcherAt?: number }).__launcherAt;
      const entry = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/widget.js')) as PerformanceResourceTiming | undefined;
      return at && entry ? { fromRequest: at - entry.startTime, fromArrival: at - entry.responseEnd } : null;
    });
    const value = (await timing.jsonValue())!;
    fromRequest.push(value.fromRequest);
    fromArrival.push(value.fromArrival);
    await cold.close();
  }

  const total = downloads.reduce((sum, item) => sum + item.gzip, 0);
  const lines = [
    `widget.js: ${kb(widgetBytes.length)} minified, ${kb(gzipped(widgetBytes))} gzipped`,
    'downloaded from Parley before the first message (gzipped):',
    ...downloads.map((item) => `  ${item.url.padEnd(48)} ${String(item.gzip).padStart(6)} B  (raw ${item.raw} B)`),
    `  total ${kb(total)} of the ${kb(BUDGET_BYTES)} budget — ${total <= BUDGET_BYTES ? 'within' : 'OVER'}`,
    `launcher visible, median of ${RUNS} cold loads: ${median(fromRequest).toFixed(1)} ms after widget.js was requested, ${median(fromArrival).toFixed(1)} ms after it arrived`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  process.stdout.write(
    `${JSON.stringify({
      widgetGzipBytes: gzipped(widgetBytes),
      firstMessageGzipBytes: total,
      budgetBytes: BUDGET_BYTES,
      launcherMsFromRequest: Number(median(fromRequest).toFixed(1)),
      launcherMsFromArrival: Number(median(fromArrival).toFixed(1)),
      runs: RUNS,
    })}\n`,
  );
  if (total > BUDGET_BYTES) process.exitCode = 1;
} finally {
  await browser.close();
  await server.cleanup();
}
