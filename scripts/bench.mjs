/**
 * `npm run bench`: how fast and how small <hubspot-softphone> is, in headless Chromium, through
 * the real cross-origin iframe protocol (bench/host.html on the host origin, the bench app
 * pages on the app origin). A benchmark, not a test: it prints PASS / MISS next to each target
 * and exits 0 either way; it exits 1 only when it could not run. Needs `npm run build` first.
 *
 *   (a) iframe created -> INITIALIZED received by the host: the element page (CDN script and
 *       the element only) against the bare SDK handshake (the SDK's UMD build), interleaved
 *   (b) incomingCall() -> first animation frame with the ringing card rendered
 *   (c) softphone-caller-id -> first animation frame with the caller's name rendered; and
 *       HubSpot's send -> that frame across the two processes (absolute clocks)
 *   (d) 10,000 complete calls through the protocol: time per call, app JS heap after GC; then
 *       3,000 more with the SDK's console.debug silenced (see manyCalls)
 *   (e) bytes of dist/hubspot-softphone.min.js against lit + the SDK alone, min and gzip -9
 *
 * Writes bench-results/bench.json. BENCH_QUICK=1 runs a small version (numbers not comparable).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import puppeteer from 'puppeteer-core';
import { rollup } from 'rollup';
import { CHROMIUM_ARGS, findBrowser } from './browsers.mjs';
import { start } from './start.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const QUICK = !!process.env.BENCH_QUICK;

const RUNS = QUICK
  ? {
      loads: { warmup: 3, n: 6, breakdown: 3 },
      ringing: { warmup: 5, n: 20 },
      callerId: { warmup: 3, n: 20 },
      calls: { warmup: 100, n: 1000, checkpoints: 4 },
      callsQuiet: { warmup: 50, n: 300, checkpoints: 1 },
    }
  : {
      loads: { warmup: 3, n: 40, breakdown: 7 },
      ringing: { warmup: 10, n: 150 },
      callerId: { warmup: 5, n: 150 },
      calls: { warmup: 1000, n: 10000, checkpoints: 4 },
      callsQuiet: { warmup: 200, n: 3000, checkpoints: 1 },
    };

const TARGETS = {
  loadRatio: 1.15,
  paintMs: 16.7,
  heapGrowthBytes: 1024 * 1024,
  gzipBytes: 16384,
};

const CALLER = { fromNumber: '+16175550134', toNumber: '+16175550100' };
const CALLER_NAME = 'Ada Lovelace';

/* ------------------------------------------------------------------ statistics */

/** Median (mean of the middle two), p95 (nearest rank), n, min, max, mean. */
function stats(values) {
  // A NaN or an infinity here is a measurement bug (a timestamp that was never taken), not a result.
  if (!values.every(Number.isFinite)) throw new Error(`a sample is not a finite number: ${values.find((v) => !Number.isFinite(v))}`);
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (!n) throw new Error('no samples');
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  const p95 = sorted[Math.min(n - 1, Math.ceil(0.95 * n) - 1)];
  const mean = sorted.reduce((a, b) => a + b, 0) / n;
  return { n, median: round(median), p95: round(p95), mean: round(mean), min: round(sorted[0]), max: round(sorted[n - 1]) };
}

const round = (x, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
const ms = (x) => `${x.toFixed(2)} ms`;
const bytes = (x) => `${x.toLocaleString('en-US')} B`;
const kib = (x) => `${(x / 1024).toFixed(1)} KiB`;
const verdict = (pass) => (pass ? 'PASS' : 'MISS');

/* ------------------------------------------------------------------ (e) bundle bytes */

function sizes(code) {
  const buffer = Buffer.from(code);
  return { min: buffer.length, gzip: gzipSync(buffer, { level: 9 }).length };
}

/** lit + the SDK, as the element imports them, built with the project's own rollup plugins. */
async function baselineBundle() {
  const { default: config } = await import('../rollup.config.mjs');
  const dir = await mkdtemp(join(tmpdir(), 'hubspot-softphone-bench-'));
  try {
    const entry = join(dir, 'lit-sdk-baseline.js');
    await writeFile(
      entry,
      [
        "import { LitElement, html, css, nothing } from 'lit';",
        "import { IFrameManager, Constants } from '@hubspot/calling-extensions-sdk';",
        'window.x = { LitElement, html, css, nothing, IFrameManager, Constants };',
        '',
      ].join('\n'),
    );
    // The entry lives in a temp dir: resolve its bare imports as if it sat in the repo.
    const fromRepo = {
      name: 'bench-resolve-from-repo',
      resolveId(source, importer, options) {
        if (importer !== entry || source.startsWith('.') || source.startsWith('/')) return null;
        return this.resolve(source, join(ROOT, 'package.json'), { ...options, skipSelf: true });
      },
    };
    const warnings = [];
    const bundle = await rollup({ input: entry, plugins: [fromRepo, ...config.plugins], onwarn: (w) => warnings.push(w.message) });
    const file = join(dir, 'lit-sdk-baseline.min.js');
    await bundle.write({ file, format: 'iife', inlineDynamicImports: true, sourcemap: false });
    await bundle.close();
    const code = await readFile(file, 'utf8');
    // Both must really be in it (the build could quietly tree-shake an unused import away).
    const missing = ['litElementVersions', 'litHtmlVersions', 'calling-extensions-sdk@'].filter((marker) => !code.includes(marker));
    if (missing.length) throw new Error(`the lit + SDK baseline bundle lacks ${missing.join(', ')}`);
    return { ...sizes(code), warnings };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function measureBundles() {
  const element = sizes(await readFile(join(ROOT, 'dist/hubspot-softphone.min.js')));
  const baseline = await baselineBundle();
  return {
    element,
    litAndSdk: { min: baseline.min, gzip: baseline.gzip },
    elementOwn: { min: element.min - baseline.min, gzip: element.gzip - baseline.gzip },
    baselineWarnings: baseline.warnings,
  };
}

/* ------------------------------------------------------------------ in the app frame */

/** (b), run inside the app frame. */
async function ringingInFrame({ warmup, n, caller }) {
  const el = document.querySelector('hubspot-softphone');
  const sleep = (t) => new Promise((resolve) => setTimeout(resolve, t));
  const frame = () => new Promise((resolve) => requestAnimationFrame((ts) => resolve({ now: performance.now(), ts })));
  const card = () => el.shadowRoot.querySelector('[part~="incoming-card"]');
  if (!el?.ready) throw new Error('the element has not completed the handshake');

  // rAF cadence in this frame: throttling would show here.
  const ticks = [];
  for (let i = 0; i < 61; i += 1) ticks.push((await frame()).now);
  const intervals = ticks.slice(1).map((t, i) => t - ticks[i]);

  const out = [];
  for (let i = 0; i < warmup + n; i += 1) {
    // Start at a random point of the frame, as a call from the network would.
    await frame();
    await sleep(Math.random() * 16.7);
    const t0 = performance.now();
    el.incomingCall(caller);
    let updates = 0;
    do {
      await el.updateComplete;
      updates += 1;
    } while (!card() && updates < 5);
    if (!card()) throw new Error('no [part=incoming-card] after incomingCall()');
    const inDom = performance.now();
    const painted = await frame();
    if (i >= warmup) out.push({ ms: painted.now - t0, domMs: inDom - t0, rafArgMs: painted.ts - t0, updates });
    el.endCall('REJECTED');
    el.completeCall();
    await el.updateComplete;
    await frame();
  }
  return { samples: out, rafIntervals: intervals };
}

/** (c) part 1, inside the app frame: a ringing call, painted, and a listener for the match. */
async function armCallerIdInFrame({ caller, name }) {
  const el = document.querySelector('hubspot-softphone');
  const frame = () => new Promise((resolve) => requestAnimationFrame((ts) => resolve({ now: performance.now(), ts })));
  const shownName = () => el.shadowRoot.querySelector('[part~="caller-name"]')?.textContent.trim();
  if (el.call) {
    if (el.call.status !== 'ended') el.endCall('REJECTED');
    el.completeCall();
  }
  el.incomingCall(caller);
  await el.updateComplete;
  await frame();
  await frame();
  if (shownName() === name) throw new Error('the name shows before the caller-ID match');
  window.benchMatchArrivedAt = NaN;
  window.benchCallerId = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no softphone-caller-id within 5 s')), 5000);
    el.addEventListener(
      'softphone-caller-id',
      async () => {
        const t0 = performance.now();
        // Set by arrivalProbe, whose message listener runs first (listeners on window run in the order they were added).
        const receivedAt = window.benchMatchArrivedAt;
        clearTimeout(timer);
        let updates = 0;
        do {
          await el.updateComplete;
          updates += 1;
        } while (shownName() !== name && updates < 5);
        if (shownName() !== name) return reject(new Error(`[part=caller-name] shows ${JSON.stringify(shownName())}`));
        const inDom = performance.now();
        const painted = await frame();
        resolve({
          ms: painted.now - t0,
          domMs: inDom - t0,
          rafArgMs: painted.ts - t0,
          receivedToEventMs: t0 - receivedAt,
          receivedAbs: performance.timeOrigin + receivedAt,
          paintedAbs: performance.timeOrigin + painted.now,
        });
      },
      { once: true },
    );
  });
}

/**
 * Installed before the app page's own scripts run (evaluateOnNewDocument), for (c) only: the
 * first window 'message' listener, so it sees HubSpot's message before the element and the SDK.
 */
function arrivalProbe() {
  if (!location.pathname.startsWith('/bench/app-element')) return;
  addEventListener(
    'message',
    (event) => {
      if (event.data?.type === 'CALLER_ID_MATCH_SUCCEEDED') window.benchMatchArrivedAt = performance.now();
    },
    true,
  );
}

/** Answers the host page's clock pings with this frame's absolute clock. */
function clockResponderInFrame() {
  if (window.benchClockResponder) return;
  window.benchClockResponder = true;
  addEventListener('message', (event) => {
    if (event.source !== parent || typeof event.data?.benchClock !== 'number') return;
    event.source.postMessage({ benchClockReply: event.data.benchClock, at: performance.timeOrigin + performance.now() }, event.origin);
  });
}

/** (d), inside the app frame: complete calls through the protocol, heap after GC before and after. */
async function callsInFrame({ warmup, n, checkpoints, caller, name }) {
  const el = document.querySelector('hubspot-softphone');
  if (typeof gc !== 'function') throw new Error('gc() is not exposed (--js-flags=--expose-gc)');
  if (!performance.memory) throw new Error('performance.memory is missing');
  const sleep = (t) => new Promise((resolve) => setTimeout(resolve, t));
  const heap = async () => {
    for (let i = 0; i < 4; i += 1) {
      gc();
      await sleep(25);
    }
    return performance.memory.usedJSHeapSize;
  };
  const times = new Float64Array(n);
  const matchWaits = new Float64Array(n);
  let matchWait = 0;
  const shownName = () => el.shadowRoot.querySelector('[part~="caller-name"]')?.textContent.trim();
  let matched = null;
  let done = 0;
  el.addEventListener('softphone-caller-id', () => matched?.());
  // One watchdog for the whole run instead of a timer per call.
  let stuck = null;
  let lastDone = -1;
  const watchdog = setInterval(() => {
    if (done === lastDone) stuck?.(new Error(`no progress for 5 s after ${done} calls`));
    lastDone = done;
  }, 5000);
  const call = async () => {
    const match = new Promise((resolve, reject) => {
      matched = resolve;
      stuck = reject;
    });
    const t0 = performance.now();
    el.incomingCall(caller); // HubSpot (the host page) answers INCOMING_CALL with a caller-ID match
    await el.updateComplete;
    await match;
    matchWait = performance.now() - t0;
    await el.updateComplete;
    if (shownName() !== name) throw new Error(`[part=caller-name] shows ${JSON.stringify(shownName())}`);
    el.answerCall();
    await el.updateComplete;
    el.endCall();
    await el.updateComplete;
    el.completeCall();
    await el.updateComplete;
    if (el.call) throw new Error('the call did not complete');
    done += 1;
  };
  try {
    for (let i = 0; i < warmup; i += 1) await call();
    const before = await heap();
    const heapCheckpoints = [];
    const every = Math.ceil(n / checkpoints);
    let checkpointMs = 0;
    const started = performance.now();
    for (let i = 0; i < n; i += 1) {
      const t0 = performance.now();
      await call();
      times[i] = performance.now() - t0;
      matchWaits[i] = matchWait;
      if ((i + 1) % every === 0 && i + 1 < n) {
        const c0 = performance.now();
        heapCheckpoints.push({ calls: i + 1, bytes: await heap() });
        checkpointMs += performance.now() - c0;
      }
    }
    const totalMs = performance.now() - started - checkpointMs;
    const after = await heap();
    return { times: Array.from(times), matchWaits: Array.from(matchWaits), totalMs, before, after, heapCheckpoints };
  } finally {
    clearInterval(watchdog);
  }
}

/* ------------------------------------------------------------------ the run */

async function run() {
  const t0 = Date.now();
  const results = {};

  console.log('# (e) bundle bytes: building the lit + SDK baseline');
  results.bundle = await measureBundles();

  const server = await start({ hostPort: 0, appPort: 0 });
  let browser;
  try {
    const hostOrigin = new URL(server.hostUrl).origin;
    const appOrigin = new URL(server.appUrl).origin;
    const executablePath = findBrowser('chromium');
    browser = await puppeteer.launch({
      executablePath,
      args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc', '--enable-precise-memory-info'],
      protocolTimeout: 10 * 60 * 1000,
    });
    const version = await browser.version();
    console.log(`# ${version}, Node ${process.version}, ${cpus().length} CPUs; host ${hostOrigin}, app ${appOrigin}${QUICK ? ' (BENCH_QUICK)' : ''}`);
    const page = await browser.newPage();
    await page.setViewport({ width: 1024, height: 768 });
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${hostOrigin}/bench/host.html?app=${encodeURIComponent(appOrigin)}`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.bench?.ready, { timeout: 10000 });

    /* (a) */
    const { warmup, n } = RUNS.loads;
    console.log(`# (a) handshake: ${warmup} + ${n} fresh iframes of each page, interleaved`);
    const loads = { element: [], bare: [] };
    for (let i = 0; i < warmup + n; i += 1) {
      // ABBA: neither page always goes first.
      for (const kind of i % 2 ? ['bare', 'element'] : ['element', 'bare']) {
        const sample = await page.evaluate((k) => window.bench.loadOnce(k), kind);
        if (i >= warmup) loads[kind].push(sample);
      }
    }
    const loadStats = (kind) => ({
      ms: stats(loads[kind].map((s) => s.ms)),
      iframeLoadEventMs: stats(loads[kind].map((s) => s.loadMs)),
      loadEventToInitializedMs: stats(loads[kind].map((s) => s.ms - s.loadMs)),
      syncsSent: stats(loads[kind].map((s) => s.syncs)),
      firstSyncMissed: loads[kind].filter((s) => s.syncs > 1).length,
      samples: loads[kind].map((s) => round(s.ms)),
    });
    results.handshake = { element: loadStats('element'), bare: loadStats('bare') };
    results.handshake.ratio = round(results.handshake.element.ms.median / results.handshake.bare.ms.median);
    results.handshake.differenceMs = round(results.handshake.element.ms.median - results.handshake.bare.ms.median);

    // Where the time goes: a few more loads (not in the samples above) that stay open, so the
    // app document's navigation timing can be read. Absolute clocks join the two processes.
    const phases = { element: [], bare: [] };
    for (let i = 0; i < RUNS.loads.breakdown; i += 1) {
      for (const kind of ['element', 'bare']) {
        const host = await page.evaluate((k) => window.bench.open(k), kind);
        const app = await page.waitForFrame((f) => f.url().startsWith(`${appOrigin}/bench/app-${kind}.html`) && !f.detached, { timeout: 5000 });
        const nav = await app.evaluate(() => {
          const n = performance.getEntriesByType('navigation')[0];
          const script = performance.getEntriesByType('resource').find((r) => r.initiatorType === 'script');
          return { timeOrigin: performance.timeOrigin, responseEnd: n.responseEnd, scriptEnd: script?.responseEnd ?? NaN, domInteractive: n.domInteractive, loadEventStart: n.loadEventStart };
        });
        phases[kind].push({
          'iframe created -> app navigation start': nav.timeOrigin - host.createdAbs,
          'navigation start -> HTML received': nav.responseEnd,
          'HTML received -> script received': nav.scriptEnd - nav.responseEnd,
          'script received -> run, DOM parsed (domInteractive)': nav.domInteractive - nav.scriptEnd,
          'domInteractive -> load event': nav.loadEventStart - nav.domInteractive,
          'load event -> INITIALIZED at the host': host.initializedAbs - (nav.timeOrigin + nav.loadEventStart),
        });
      }
    }
    await page.evaluate(() => window.bench.close());
    results.handshake.breakdown = Object.fromEntries(
      Object.entries(phases).map(([kind, rows]) => [kind, Object.fromEntries(Object.keys(rows[0]).map((key) => [key, stats(rows.map((row) => row[key])).median]))]),
    );

    // Check the floor page really ran the SDK's UMD build from self.default.
    await page.evaluate(() => window.bench.open('bare'));
    const bareFrame = await page.waitForFrame((f) => f.url().startsWith(`${appOrigin}/bench/app-bare.html`), { timeout: 5000 });
    const umd = await bareFrame.evaluate(() => ({
      defaultIsCallingExtensions: typeof self.default === 'function' && window.benchCti instanceof self.default,
      hasInitialized: typeof self.default?.prototype?.initialized === 'function',
      iFrameManagerFromUmd: typeof self.IFrameManager === 'function' && window.benchCti.iFrameManager instanceof self.IFrameManager,
      constants: typeof self.Constants?.messageType?.INITIALIZED === 'string',
    }));
    if (!Object.values(umd).every(Boolean)) throw new Error(`the bare page did not use the SDK UMD build as expected: ${JSON.stringify(umd)}`);
    results.handshake.bareUmdCheck = umd;

    /* (b) and (c): one element iframe that stays */
    const probe = await page.evaluateOnNewDocument(arrivalProbe);
    await page.evaluate(() => window.bench.open('element'));
    const appFrame = async () =>
      page.waitForFrame((f) => f.url().startsWith(`${appOrigin}/bench/app-element.html`) && !f.detached, { timeout: 5000 });
    let frame = await appFrame();
    await frame.waitForFunction(() => document.querySelector('hubspot-softphone')?.ready, { timeout: 5000 });

    console.log(`# (b) incomingCall() -> ringing card painted: ${RUNS.ringing.warmup} + ${RUNS.ringing.n} runs`);
    const ringing = await frame.evaluate(ringingInFrame, { ...RUNS.ringing, caller: CALLER });
    results.ringing = {
      ms: stats(ringing.samples.map((s) => s.ms)),
      inDomMs: stats(ringing.samples.map((s) => s.domMs)),
      rafArgumentMs: stats(ringing.samples.map((s) => s.rafArgMs)),
      rafArgumentBeforeT0: ringing.samples.filter((s) => s.rafArgMs < 0).length,
      rafIntervalMs: stats(ringing.rafIntervals),
    };

    console.log(`# (c) caller-ID match -> names painted: ${RUNS.callerId.warmup} + ${RUNS.callerId.n} runs`);
    await frame.evaluate(clockResponderInFrame);
    const clockBefore = await page.evaluate(() => window.bench.clockCheck());
    const callerId = [];
    for (let i = 0; i < RUNS.callerId.warmup + RUNS.callerId.n; i += 1) {
      await frame.evaluate(armCallerIdInFrame, { caller: CALLER, name: CALLER_NAME });
      const sentAbs = await page.evaluate(() => window.bench.sendMatch());
      const sample = await frame.evaluate(() => window.benchCallerId);
      if (i >= RUNS.callerId.warmup) callerId.push({ ...sample, sentAbs });
    }
    const clockAfter = await page.evaluate(() => window.bench.clockCheck());
    const clockOffset = (clockBefore.offset + clockAfter.offset) / 2;
    results.callerId = {
      ms: stats(callerId.map((s) => s.ms)),
      inDomMs: stats(callerId.map((s) => s.domMs)),
      rafArgumentMs: stats(callerId.map((s) => s.rafArgMs)),
      rafArgumentBeforeT0: callerId.filter((s) => s.rafArgMs < 0).length,
      messageToEventMs: stats(callerId.map((s) => s.receivedToEventMs)),
      hostSendToPaintedMs: stats(callerId.map((s) => s.paintedAbs - s.sentAbs)),
      hostSendToReceivedMs: stats(callerId.map((s) => s.receivedAbs - s.sentAbs)),
      hostSendToPaintedClockCorrectedMs: stats(callerId.map((s) => s.paintedAbs - clockOffset - s.sentAbs)),
      clock: { before: clockBefore, after: clockAfter, offsetMs: round(clockOffset) },
    };

    /* (d): a fresh element iframe per run, without the probe */
    await page.removeScriptToEvaluateOnNewDocument(probe.identifier);
    const manyCalls = async ({ warmup: callWarmup, n: calls, checkpoints }, { silenceSdkLog }) => {
      await page.evaluate(() => window.bench.open('element'));
      const app = await appFrame();
      await app.waitForFunction(() => document.querySelector('hubspot-softphone')?.ready, { timeout: 5000 });
      // The SDK logs every message with console.debug. With the DevTools protocol attached (as
      // here), each line is also serialized and sent to this script, which a user's browser
      // with DevTools closed does not do: the second run silences it to show that share.
      if (silenceSdkLog) await app.evaluate(() => (console.debug = () => {}));
      await page.evaluate(() => window.bench.setAutoMatch(true));
      const wallStarted = Date.now();
      const many = await app.evaluate(callsInFrame, { warmup: callWarmup, n: calls, checkpoints, caller: CALLER, name: CALLER_NAME });
      const wallMs = Date.now() - wallStarted;
      // Give the last CALL_COMPLETED time to land, then check HubSpot heard every call.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const heard = await page.evaluate(() => ({
        incoming: window.bench.count('INCOMING_CALL'),
        answered: window.bench.count('CALL_ANSWERED'),
        ended: window.bench.count('CALL_ENDED'),
        completed: window.bench.count('CALL_COMPLETED'),
        matchesSent: window.bench.count('CALLER_ID_MATCH_SUCCEEDED', 'to-app'),
      }));
      await page.evaluate(() => window.bench.close());
      const expected = callWarmup + calls;
      if (Object.values(heard).some((count) => count !== expected)) {
        throw new Error(`HubSpot should have seen ${expected} of each message; it saw ${JSON.stringify(heard)}`);
      }
      return {
        n: calls,
        warmup: callWarmup,
        sdkLogSilenced: silenceSdkLog,
        perCallMs: round(many.totalMs / calls, 4),
        totalMs: round(many.totalMs),
        callMs: stats(many.times),
        incomingCallToMatchMs: stats(many.matchWaits),
        heap: { before: many.before, after: many.after, growth: many.after - many.before, checkpoints: many.heapCheckpoints },
        hostHeard: heard,
        wallMs,
      };
    };
    console.log(`# (d) ${RUNS.calls.warmup} warm-up + ${RUNS.calls.n.toLocaleString('en-US')} complete calls through the protocol`);
    results.calls = await manyCalls(RUNS.calls, { silenceSdkLog: false });
    console.log(`# (d) again, ${RUNS.callsQuiet.warmup} + ${RUNS.callsQuiet.n.toLocaleString('en-US')} calls with the SDK's console.debug silenced in the app`);
    results.callsSdkLogSilenced = await manyCalls(RUNS.callsQuiet, { silenceSdkLog: true });
    results.pageErrors = pageErrors;
    results.environment = { browser: version, node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, platform: process.platform, quick: QUICK };
  } finally {
    await browser?.close().catch(() => {});
    await server.stop().catch(() => {});
  }
  results.runSeconds = round((Date.now() - t0) / 1000, 1);
  return results;
}

/* ------------------------------------------------------------------ report */

function report(r) {
  const { handshake: a, ringing: b, callerId: c, calls: d, callsSdkLogSilenced: q, bundle: e } = r;
  const targets = {
    a: { what: 'element / bare median', value: a.ratio, target: `<= ${TARGETS.loadRatio}`, pass: a.ratio <= TARGETS.loadRatio },
    b: { what: 'median', value: b.ms.median, target: `<= ${TARGETS.paintMs} ms`, pass: b.ms.median <= TARGETS.paintMs },
    c: { what: 'median', value: c.ms.median, target: `<= ${TARGETS.paintMs} ms`, pass: c.ms.median <= TARGETS.paintMs },
    d: { what: 'heap growth', value: d.heap.growth, target: `< ${TARGETS.heapGrowthBytes} B`, pass: d.heap.growth < TARGETS.heapGrowthBytes },
    e: { what: 'gzip -9 bytes', value: e.element.gzip, target: `<= ${TARGETS.gzipBytes} B`, pass: e.element.gzip <= TARGETS.gzipBytes },
  };
  const rows = [
    ['(a) iframe -> INITIALIZED, element page', a.element.ms.n, ms(a.element.ms.median), ms(a.element.ms.p95), '', ''],
    ['(a) iframe -> INITIALIZED, bare SDK page', a.bare.ms.n, ms(a.bare.ms.median), ms(a.bare.ms.p95), '', ''],
    ['(a) ratio element / bare (medians)', '', a.ratio.toFixed(3), '', '<= 1.15', verdict(targets.a.pass)],
    ['(b) incomingCall() -> ringing card painted', b.ms.n, ms(b.ms.median), ms(b.ms.p95), '<= 16.7 ms', verdict(targets.b.pass)],
    ['(c) softphone-caller-id -> name painted', c.ms.n, ms(c.ms.median), ms(c.ms.p95), '<= 16.7 ms', verdict(targets.c.pass)],
    ['(c) host send -> name painted (abs clocks)', c.hostSendToPaintedMs.n, ms(c.hostSendToPaintedMs.median), ms(c.hostSendToPaintedMs.p95), '', ''],
    [`(d) one complete call (${d.n.toLocaleString('en-US')} calls)`, d.callMs.n, ms(d.callMs.median), ms(d.callMs.p95), '', ''],
    ['(d) total / calls', '', ms(d.perCallMs), '', '', ''],
    [`(d) one call, SDK console.debug silenced (${q.n.toLocaleString('en-US')})`, q.callMs.n, ms(q.callMs.median), ms(q.callMs.p95), '', ''],
    ['(d) total / calls, SDK console.debug silenced', '', ms(q.perCallMs), '', '', ''],
    ['(d) app JS heap after gc(): before -> after', '', `${kib(d.heap.before)} -> ${kib(d.heap.after)}`, '', '', ''],
    ['(d) heap growth', '', bytes(d.heap.growth), '', '< 1 MB', verdict(targets.d.pass)],
    ['(e) dist/hubspot-softphone.min.js, min', '', bytes(e.element.min), '', '', ''],
    ['(e) dist/hubspot-softphone.min.js, gzip -9', '', bytes(e.element.gzip), '', '<= 16384 B', verdict(targets.e.pass)],
    ['(e) lit + SDK alone, min / gzip -9', '', `${bytes(e.litAndSdk.min)} / ${bytes(e.litAndSdk.gzip)}`, '', '', ''],
    ['(e) the element itself, min / gzip -9', '', `${bytes(e.elementOwn.min)} / ${bytes(e.elementOwn.gzip)}`, '', '', ''],
  ];
  const head = ['measure', 'n', 'median', 'p95', 'target', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
  const line = (row) => row.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  ').trimEnd();
  console.log(`\n${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(line(row));

  console.log(`
notes:
  rAF interval in the app frame: median ${ms(b.rafIntervalMs.median)}, p95 ${ms(b.rafIntervalMs.p95)} (16.7 = not throttled)
  (a) element - bare medians: ${ms(a.differenceMs)} (the ratio also moves with how long the shared part, serving and loading a page, takes)
  (a) iframe load event: element ${ms(a.element.iframeLoadEventMs.median)}, bare ${ms(a.bare.iframeLoadEventMs.median)}; load event -> INITIALIZED: element ${ms(a.element.loadEventToInitializedMs.median)}, bare ${ms(a.bare.loadEventToInitializedMs.median)}
  (a) runs whose first SYNC went unanswered (the host repeats it every 100 ms): element ${a.element.firstSyncMissed}/${a.element.ms.n}, bare ${a.bare.firstSyncMissed}/${a.bare.ms.n}
  (a) where the time goes (medians of ${RUNS.loads.breakdown} more loads of each page), element | bare:
${Object.keys(a.breakdown.element).map((key) => `        ${key.padEnd(52)} ${ms(a.breakdown.element[key]).padStart(9)} | ${ms(a.breakdown.bare[key]).padStart(9)}`).join('\n')}
  (b)/(c) the work alone (call -> updateComplete, DOM updated): (b) median ${ms(b.inDomMs.median)}, p95 ${ms(b.inDomMs.p95)}; (c) median ${ms(c.inDomMs.median)}, p95 ${ms(c.inDomMs.p95)}; the rest is waiting for the next frame (t0 is at a random point of a frame)
  (b)/(c) t1 is performance.now() in the first rAF callback; rAF's own timestamp argument is the frame's start, which was before t0 in ${b.rafArgumentBeforeT0}/${b.ms.n} (b) and ${c.rafArgumentBeforeT0}/${c.ms.n} (c) runs (medians with it: ${ms(b.rafArgumentMs.median)}, ${ms(c.rafArgumentMs.median)})
  (c) message arrives in the app -> softphone-caller-id: median ${ms(c.messageToEventMs.median)}; host send -> app receives (abs clocks): median ${ms(c.hostSendToReceivedMs.median)}
  (c) clock offset app - host: ${ms(c.clock.offsetMs)} (min ping RTT ${ms(c.clock.before.minRtt)}); host send -> painted, offset-corrected: median ${ms(c.hostSendToPaintedClockCorrectedMs.median)}
  (d) incomingCall() -> HubSpot's caller-ID match back in the app (the cross-process round trip): median ${ms(d.incomingCallToMatchMs.median)}, p95 ${ms(d.incomingCallToMatchMs.p95)}
  (d) with the SDK's console.debug silenced (the driver no longer receives every log line): round trip median ${ms(q.incomingCallToMatchMs.median)}; heap growth over ${q.n.toLocaleString('en-US')} calls ${bytes(q.heap.growth)}
  (d) HubSpot heard ${d.hostHeard.completed.toLocaleString('en-US')} CALL_COMPLETED for ${(d.n + d.warmup).toLocaleString('en-US')} calls; heap at checkpoints: ${d.heap.checkpoints.map((p) => `${p.calls}: ${kib(p.bytes)}`).join(', ')}
  run time ${r.runSeconds} s${r.pageErrors.length ? `\n  page errors: ${r.pageErrors.join(' | ')}` : ''}${r.environment.quick ? '\n  BENCH_QUICK: fewer runs, not comparable' : ''}`);
  return targets;
}

let exitCode = 0;
try {
  const results = await run();
  const targets = report(results);
  await mkdir(join(ROOT, 'bench-results'), { recursive: true });
  const file = join(ROOT, 'bench-results/bench.json');
  await writeFile(file, `${JSON.stringify({ date: new Date().toISOString(), runs: RUNS, targets, results }, null, 2)}\n`);
  console.log(`\nwrote ${file}`);
} catch (error) {
  exitCode = 1;
  console.error(`\nThe benchmark could not run: ${error?.stack ?? error}`);
}
process.exit(exitCode);
