/**
 * How the simulator (`npm start`) holds up over a long session: drives CALLS complete calls
 * through its own buttons in headless Chromium and prints the time per call around call 100
 * and call 500 (medians of the WINDOW calls ending there). A benchmark, not a test: exits 1
 * only when it could not run. Needs `npm run build` first.
 *
 * One call: the demo softphone's "Ring me"; the simulator's "Created" and "Match succeeded"
 * buttons (auto-respond off, so no fixed 300 ms waits); Answer, Hang up and Done in the
 * element; it ends when the simulator has logged the call in the CRM's activity and painted.
 * Per call it reports the wall time and the simulator page's own main-thread time (CDP
 * Performance.getMetrics TaskDuration of the host page's renderer; the calling app runs in
 * another process).
 *
 *   node scripts/simulator-bench.mjs          CALLS=500 WINDOW=20, free ports
 *   CALLS=100 node scripts/simulator-bench.mjs
 */
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, findBrowser } from './browsers.mjs';
import { start } from './start.mjs';

const CALLS = Number(process.env.CALLS ?? 500);
const WINDOW = Number(process.env.WINDOW ?? 20);
const CHECKPOINTS = [...new Set([100, 250, 500, 1000].filter((n) => n < CALLS).concat(CALLS))];
const TIMEOUT = 10000;

const median = (values) => {
  const asc = [...values].sort((a, b) => a - b);
  const mid = asc.length >> 1;
  return asc.length % 2 ? asc[mid] : (asc[mid - 1] + asc[mid]) / 2;
};

const server = await start({ hostPort: Number(process.env.HOST_PORT ?? 0), appPort: Number(process.env.APP_PORT ?? 0) });
const browser = await puppeteer.launch({ executablePath: findBrowser('chromium'), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1500, height: 940 });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(server.hostUrl, { waitUntil: 'load' });
  await page.waitForFunction(() => window.simulator?.frames.widget?.handshake === 'ready', { timeout: TIMEOUT });
  await page.$eval('#auto-respond', (box) => box.checked && box.click());
  const appFrame = page.frames().find((f) => f.url().startsWith(server.appUrl));
  if (!appFrame) throw new Error('no calling app frame');
  const cdp = await page.createCDPSession();
  await cdp.send('Performance.enable');
  const taskSeconds = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;

  /** In the calling app: waits for a shadow part, clicks it. */
  const clickPart = (name) =>
    appFrame.waitForFunction(
      (part) => {
        const el = document.querySelector('hubspot-softphone')?.shadowRoot?.querySelector(`[part~="${part}"]`);
        if (!el || el.disabled) return false;
        el.click();
        return true;
      },
      { timeout: TIMEOUT, polling: 'raf' },
      name,
    );

  const wall = [];
  const busy = [];
  for (let n = 1; n <= CALLS; n++) {
    const cpuBefore = await taskSeconds();
    const started = performance.now();
    await appFrame.$eval('#ring-me', (button) => button.click());
    await page.waitForFunction(() => window.simulator.state.call?.status === 'ringing', { timeout: TIMEOUT, polling: 'raf' });
    await page.evaluate(() => {
      document.querySelector('[data-send=CREATE_ENGAGEMENT_SUCCEEDED]').click();
      document.querySelector('[data-send=CALLER_ID_MATCH_SUCCEEDED]').click();
    });
    await appFrame.waitForFunction(() => document.querySelector('hubspot-softphone').call?.engagementId, { timeout: TIMEOUT, polling: 'raf' });
    await clickPart('answer-button');
    await clickPart('hangup-button');
    await clickPart('done-button');
    await page.waitForFunction(
      (count) => window.simulator.state.timeline.length >= count && !window.simulator.state.call && new Promise((resolve) => requestAnimationFrame(() => resolve(true))),
      { timeout: TIMEOUT, polling: 'raf' },
      n,
    );
    wall.push(performance.now() - started);
    busy.push((await taskSeconds()) - cpuBefore);
    if (CHECKPOINTS.includes(n)) {
      const from = Math.max(0, n - WINDOW);
      const rows = await page.$$eval('#log > *', (items) => items.length);
      console.log(
        `calls ${String(from + 1).padStart(4)}-${String(n).padEnd(4)}  per call: wall ${median(wall.slice(from, n)).toFixed(1).padStart(6)} ms` +
          `  simulator main thread ${(median(busy.slice(from, n)) * 1000).toFixed(1).padStart(6)} ms  (log rows in the DOM: ${rows})`,
      );
    }
  }
  if (errors.length) console.log(`page errors:\n  ${errors.join('\n  ')}`);
} finally {
  await browser.close().catch(() => {});
  await server.stop();
}
