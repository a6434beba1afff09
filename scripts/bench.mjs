/**
 * `npm run bench`: how fast and how small <hubspot-softphone> is, in headless Chromium, through
 * the real cross-origin iframe protocol (bench/host.html on the host origin, the bench app
 * pages on the app origin). A benchmark, not a test: it prints PASS / MISS next to each target
 * and exits 0 either way; it exits 1 only when it could not run. Needs `npm run build` first.
 *
 *   (a) iframe created -> INITIALIZED received by the host: the element page (CDN script and
 *       the element only) against the bare SDK handshake (the SDK's UMD build), in adjacent
 *       pairs of fresh iframes, both scripts from V8's code cache; the ratio is the median of
 *       the per-pair ratios, with its 95 % CI (see measureHandshake and paired)
 *   (b) incomingCall() -> first animation frame with the ringing card rendered
 *   (c) softphone-caller-id -> first animation frame with the caller's name rendered; and
 *       HubSpot's send -> that frame across the two processes (absolute clocks)
 *   (d) 10,000 complete calls through the protocol: time per call, app JS heap after GC; then
 *       3,000 more with the SDK's console.debug silenced (see manyCalls)
 *   (e) bytes of dist/hubspot-softphone.min.js against lit + the SDK alone, min and gzip -9
 *
 * Writes bench-results/bench.json. BENCH_QUICK=1 runs a small version (numbers not comparable).
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
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
      loads: { warmup: 3, pairs: 8, block: 4 },
      ringing: { warmup: 5, n: 20 },
      callerId: { warmup: 3, n: 20 },
      calls: { warmup: 100, n: 1000, checkpoints: 4 },
      callsQuiet: { warmup: 50, n: 300, checkpoints: 1 },
      mirror: { warmup: 5, n: 20 },
    }
  : {
      loads: { warmup: 3, pairs: 128, block: 32 },
      ringing: { warmup: 10, n: 150 },
      callerId: { warmup: 5, n: 150 },
      calls: { warmup: 1000, n: 10000, checkpoints: 4 },
      callsQuiet: { warmup: 200, n: 3000, checkpoints: 1 },
      mirror: { warmup: 10, n: 150 },
    };

const TARGETS = {
  loadRatio: 1.15,
  paintMs: 16.7,
  heapGrowthBytes: 1024 * 1024,
  gzipBytes: 20480,
  gzipAimBytes: 18432,
};

const CALLER = { fromNumber: '+16175550134', toNumber: '+16175550100' };
const CALLER_NAME = 'Ada Lovelace';

/* ------------------------------------------------------------------ statistics */

/** Ascending copy; a NaN or an infinity is a measurement bug (a timestamp never taken), not a result. */
function sorted(values) {
  if (!values.every(Number.isFinite)) throw new Error(`a sample is not a finite number: ${values.find((v) => !Number.isFinite(v))}`);
  if (!values.length) throw new Error('no samples');
  return Float64Array.from(values).sort();
}

/** Nearest-rank p-quantile of ascending values. */
const quantile = (asc, p) => asc[Math.min(asc.length - 1, Math.max(0, Math.ceil(p * asc.length) - 1))];
const medianOf = (asc) => (asc.length % 2 ? asc[(asc.length - 1) / 2] : (asc[asc.length / 2 - 1] + asc[asc.length / 2]) / 2);

/** Median (mean of the middle two), p95 (nearest rank), n, min, max, mean. */
function stats(values) {
  const asc = sorted(values);
  const n = asc.length;
  const mean = asc.reduce((a, b) => a + b, 0) / n;
  return { n, median: round(medianOf(asc)), p95: round(quantile(asc, 0.95)), mean: round(mean), min: round(asc[0]), max: round(asc[n - 1]) };
}

/**
 * Distribution-free confidence interval of the median: [x(j), x(n+1-j)] of the sorted samples,
 * j as large as possible while the count of samples below the true median (Binomial(n, 1/2))
 * leaves that interval with probability <= 1 - level. Exact for any continuous distribution,
 * deterministic (unlike a bootstrap); it assumes independent samples. `coverage` is the real
 * level, >= `level` unless n is too small (n < 6 for 95 %), when it is just [min, max].
 */
function medianCI(asc, level = 0.95) {
  const n = asc.length;
  let j = 1;
  let coverage = 1 - 2 ** (1 - n);
  let cdf = 0;
  let logPmf = -n * Math.LN2; // log P(B = 0), in logs since 2^-n underflows for large n
  for (let k = 0; k < n / 2; k += 1) {
    cdf += Math.exp(logPmf); // P(B <= k)
    if (2 * cdf > 1 - level) break;
    j = k + 1; // x(k+1) .. x(n-k) misses the median with probability 2 P(B <= k)
    coverage = 1 - 2 * cdf;
    logPmf += Math.log((n - k) / (k + 1));
  }
  return { low: asc[j - 1], high: asc[n - j], coverage };
}

/**
 * Kind a against kind b over rounds of `interleaved()`, one pair per round (adjacent loads,
 * so whatever else the machine does at that moment hits both). The headline is the median of
 * the per-pair ratios a/b. Its spread comes two ways: the interquartile range of the pair
 * ratios (how much one pair scatters) and the 95 % CI of their median (how well this run pins
 * the headline down, see medianCI: pairs are treated as independent, which interleaving makes
 * closer to true, since slow drift of the machine cancels inside each pair). The ratio of the
 * two medians is kept for comparison with earlier runs, which reported only that.
 */
function paired(rounds, a, b, value = (sample) => sample.ms) {
  const ratios = sorted(rounds.map((r) => value(r.samples[a]) / value(r.samples[b])));
  const differences = sorted(rounds.map((r) => value(r.samples[a]) - value(r.samples[b])));
  const medianA = medianOf(sorted(rounds.map((r) => value(r.samples[a]))));
  const medianB = medianOf(sorted(rounds.map((r) => value(r.samples[b]))));
  const ci = medianCI(ratios);
  const differenceCi = medianCI(differences);
  return {
    pairs: ratios.length,
    [`${a}First`]: rounds.filter((r) => r.order[0] === a).length,
    ratio: {
      median: round(medianOf(ratios)),
      p5: round(quantile(ratios, 0.05)),
      p25: round(quantile(ratios, 0.25)),
      p75: round(quantile(ratios, 0.75)),
      p95: round(quantile(ratios, 0.95)),
      ci95: [round(ci.low), round(ci.high)],
      ciCoverage: round(ci.coverage, 4),
    },
    differenceMs: { median: round(medianOf(differences)), ci95: [round(differenceCi.low), round(differenceCi.high)] },
    ratioOfMedians: round(medianA / medianB),
    differenceOfMediansMs: round(medianA - medianB),
  };
}

const round = (x, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
const ms = (x) => `${x.toFixed(2)} ms`;
const bytes = (x) => `${x.toLocaleString('en-US')} B`;
const kib = (x) => `${(x / 1024).toFixed(1)} KiB`;
const verdict = (pass) => (pass ? 'PASS' : 'MISS');
const range = ([low, high], format = (x) => x.toFixed(3)) => `${format(low)} - ${format(high)}`;
const ciAgainst = ([low, high], target) => (high <= target ? 'lies at or below' : low > target ? 'lies above' : 'straddles');

/* ------------------------------------------------------------------ measurement loops */

const sleep = (t) => new Promise((resolve) => setTimeout(resolve, t));

/**
 * Calls `measure(kind, info)` once per kind per round until `rounds` rounds are kept, in blocks
 * of `block`. Inside a block the order never changes, so kinds strictly alternate (ABAB...,
 * each load follows one of the other kind); from block to block it rotates (AB, then BA), so
 * with an even number of blocks each kind goes first in half the rounds. Each block starts
 * with `warmup` rounds thrown away, to let what the switch disturbs settle. Not ABBA
 * throughout: in this Chromium that order made each (a) script lose its V8 code cache every
 * other visit and compile from scratch in about half its loads; strict alternation keeps it.
 * With one kind it is a plain loop with a warm-up. `info` is { round, position, warmup }.
 * Resolves to the kept rounds, [{ order, samples: { kind: sample } }].
 */
async function interleaved({ kinds, warmup, rounds, block = rounds, measure }) {
  const kept = [];
  for (let b = 0; kept.length < rounds; b += 1) {
    const order = kinds.map((_, k) => kinds[(b + k) % kinds.length]);
    const size = Math.min(block, rounds - kept.length);
    for (let i = 0; i < warmup + size; i += 1) {
      const info = { round: kept.length, warmup: i < warmup };
      const samples = {};
      for (const [position, kind] of order.entries()) samples[kind] = await measure(kind, { ...info, position });
      if (!info.warmup) kept.push({ order, samples });
    }
  }
  return kept;
}

/**
 * Opens a fresh app iframe in the host page (closing the one before) and resolves once HubSpot
 * has its INITIALIZED, with the host's times for it (bench/host.js open()) and its frame.
 */
async function openApp(page, appOrigin, kind) {
  const host = await page.evaluate((k) => window.bench.open(k), kind);
  const frame = await page.waitForFrame((f) => f.url().startsWith(`${appOrigin}/bench/app-${kind}.html`) && !f.detached, { timeout: 5000 });
  return { host, frame };
}

/**
 * n values in [0, max): one uniform draw in each of n equal slices, shuffled. Starting a run at
 * a random point of a frame this way still covers the frame uniformly, but evenly, so a median
 * over the runs no longer moves with where n independent draws happened to cluster.
 */
function stratified(n, max) {
  const values = Array.from({ length: n }, (_, i) => ((i + Math.random()) / n) * max);
  for (let i = n - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [values[i], values[j]] = [values[j], values[i]];
  }
  return values;
}

/* ------------------------------------------------------------------ (e) bundle bytes */

function sizes(code) {
  const buffer = Buffer.from(code);
  return { min: buffer.length, gzip: gzipSync(buffer, { level: 9 }).length };
}

/** lit + the SDK, as the element imports them, built with the project's own rollup plugins. */
async function baselineBundle() {
  // The CDN build is the first of rollup.config.mjs's builds (the others are the optional files).
  const { default: configs } = await import('../rollup.config.mjs');
  const config = [configs].flat()[0];
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
    // (lit's version stamps drop out of this build, as of the element's: scripts/lit-trim.mjs.)
    const missing = ['_$litElement$', 'lit-noChange', 'calling-extensions-sdk@'].filter((marker) => !code.includes(marker));
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

/* ------------------------------------------------------------------ (a) handshake */

/** The script each handshake page loads (bench/app-*.html), as served from the repo root. */
const HANDSHAKE_SCRIPTS = {
  element: 'dist/hubspot-softphone.min.js',
  bare: 'node_modules/@hubspot/calling-extensions-sdk/dist/main.js',
};

/** After an iframe is removed, before the next is created: its renderer process is exiting. */
const SETTLE_MS = 150;

/** Inside the app frame, once it is initialized: its document's navigation timing. */
function navigationInFrame() {
  const nav = performance.getEntriesByType('navigation')[0];
  const script = performance.getEntriesByType('resource').find((r) => r.initiatorType === 'script');
  return { timeOrigin: performance.timeOrigin, responseEnd: nav.responseEnd, scriptEnd: script?.responseEnd ?? NaN, domInteractive: nav.domInteractive, loadEventStart: nav.loadEventStart };
}

async function scriptHashes() {
  const hash = async (path) => createHash('sha256').update(await readFile(join(ROOT, path))).digest('hex').slice(0, 16);
  return Object.fromEntries(await Promise.all(Object.entries(HANDSHAKE_SCRIPTS).map(async ([kind, path]) => [kind, await hash(path)])));
}

/**
 * Both pages and both scripts come with Cache-Control: no-cache, so every load revalidates
 * them (304) alike. V8's code cache sits next to a script's HTTP cache entry: its first load
 * compiles, the second writes the cache, later ones read it (each load is a fresh renderer
 * process, so V8's in-memory cache plays no part). If one page read it and the other compiled,
 * the ratio would measure that, not the element, so (a) runs under a trace of the 'v8'
 * category (cheap: a few kB per load) and each load is marked with what its script did.
 * `loads` are the loads of each kind in the order they ran; each compiles its script once.
 */
function markCodeCache(trace, loads) {
  const events = JSON.parse(Buffer.from(trace).toString('utf8')).traceEvents.filter((e) => e.name === 'v8.compile');
  for (const [kind, path] of Object.entries(HANDSHAKE_SCRIPTS)) {
    const compiles = events.filter((e) => e.args?.data?.url?.endsWith(`/${path}`)).sort((x, y) => x.ts - y.ts);
    if (compiles.length !== loads[kind].length) throw new Error(`the trace has ${compiles.length} compiles of ${path} for ${loads[kind].length} loads`);
    compiles.forEach((e, i) => {
      const { consumedCacheSize, cacheRejected } = e.args.data;
      loads[kind][i].codeCache = cacheRejected ? 'rejected' : consumedCacheSize ? 'read' : 'compiled';
    });
  }
}

/** (a): RUNS.loads.pairs pairs of fresh iframes, an element one and a bare one each. */
async function measureHandshake(page, appOrigin) {
  const { warmup, pairs, block } = RUNS.loads;
  const kinds = Object.keys(HANDSHAKE_SCRIPTS);
  // Each block's warm-up takes both pages past the code cache's first two loads (see markCodeCache).
  if (warmup < 2) throw new Error('RUNS.loads.warmup must be >= 2');
  console.log(`# (a) handshake: ${pairs} pairs of fresh iframes (element, bare) in blocks of ${block}, each after ${warmup} warm-up pairs; which goes first switches every block`);
  const scripts = await scriptHashes();
  const inOrder = Object.fromEntries(kinds.map((kind) => [kind, []]));

  // One fresh iframe: created -> INITIALIZED at the host (timed in the host page), then its
  // navigation timing while it is still there, then removed. Absolute clocks join the processes.
  const load = async (kind) => {
    const { host, frame } = await openApp(page, appOrigin, kind);
    const nav = await frame.evaluate(navigationInFrame);
    // A real calling frame lives on after its handshake: let it finish starting up (the element
    // loads extras/sync.js and takes the owner's lock) before it goes, so no load is cut off
    // mid-flight, which slowed the next frames of both kinds.
    if (kind === 'element') await frame.waitForFunction(() => document.querySelector('hubspot-softphone')?.isOwner === true, { timeout: 5000 });
    await page.evaluate(() => window.bench.close());
    if (nav.timeOrigin < host.createdAbs - 50) throw new Error(`read the navigation timing of an earlier ${kind} frame`);
    await sleep(SETTLE_MS);
    const sample = {
      ms: host.ms,
      loadMs: host.loadMs,
      syncs: host.syncs,
      phases: {
        'iframe created -> app navigation start': nav.timeOrigin - host.createdAbs,
        'navigation start -> HTML received': nav.responseEnd,
        'HTML received -> script received': nav.scriptEnd - nav.responseEnd,
        'script received -> run, DOM parsed (domInteractive)': nav.domInteractive - nav.scriptEnd,
        'domInteractive -> load event': nav.loadEventStart - nav.domInteractive,
        'load event -> INITIALIZED at the host': host.initializedAbs - (nav.timeOrigin + nav.loadEventStart),
      },
    };
    inOrder[kind].push(sample);
    return sample;
  };
  await page.tracing.start({ categories: ['v8'] });
  let all;
  let trace;
  try {
    all = await interleaved({ kinds, warmup, rounds: pairs, block, measure: load });
  } finally {
    trace = await page.tracing.stop();
  }
  markCodeCache(trace, inOrder);
  const scriptsAfter = await scriptHashes();
  const changed = kinds.filter((kind) => scriptsAfter[kind] !== scripts[kind]).map((kind) => HANDSHAKE_SCRIPTS[kind]);
  if (changed.length) throw new Error(`${changed.join(' and ')} changed during (a) (rebuilt?), so its code cache went cold mid-run; run the benchmark again`);

  // Check the floor page really ran the SDK's UMD build from self.default.
  const { frame: bareFrame } = await openApp(page, appOrigin, 'bare');
  const bareUmdCheck = await bareFrame.evaluate(() => ({
    defaultIsCallingExtensions: typeof self.default === 'function' && window.benchCti instanceof self.default,
    hasInitialized: typeof self.default?.prototype?.initialized === 'function',
    iFrameManagerFromUmd: typeof self.IFrameManager === 'function' && window.benchCti.iFrameManager instanceof self.IFrameManager,
    constants: typeof self.Constants?.messageType?.INITIALIZED === 'string',
  }));
  await page.evaluate(() => window.bench.close());
  if (!Object.values(bareUmdCheck).every(Boolean)) throw new Error(`the bare page did not use the SDK UMD build as expected: ${JSON.stringify(bareUmdCheck)}`);

  // Like with like: the figures come from the pairs in which both scripts read their code
  // cache. A load that compiled instead (a race in Chromium, rare with strict alternation)
  // takes its pair out; how many did is reported.
  const warm = all.filter((r) => kinds.every((kind) => r.samples[kind].codeCache === 'read'));
  if (!warm.length) throw new Error('no pair in which both scripts read their code cache');
  const perKind = (kind) => {
    const loads = warm.map((r) => r.samples[kind]);
    return {
      ms: stats(loads.map((s) => s.ms)),
      iframeLoadEventMs: stats(loads.map((s) => s.loadMs)),
      loadEventToInitializedMs: stats(loads.map((s) => s.ms - s.loadMs)),
      syncsSent: stats(loads.map((s) => s.syncs)),
      firstSyncMissed: loads.filter((s) => s.syncs > 1).length,
      // Of all the kept rounds, before the like-with-like filter.
      codeCacheCompiled: all.filter((r) => r.samples[kind].codeCache !== 'read').length,
      // Where the time goes: the median of each phase over the same loads.
      phases: Object.fromEntries(Object.keys(loads[0].phases).map((key) => [key, stats(loads.map((s) => s.phases[key])).median])),
      samples: loads.map((s) => round(s.ms)),
    };
  };
  return {
    element: perKind('element'),
    bare: perKind('bare'),
    ...paired(warm, 'element', 'bare'),
    pairsRun: all.length,
    allPairsRatioMedian: paired(all, 'element', 'bare').ratio.median,
    pairSamples: all.map((r) => ({ first: r.order[0], element: round(r.samples.element.ms), bare: round(r.samples.bare.ms), codeCache: kinds.map((k) => r.samples[k].codeCache).join('/') })),
    scripts,
    bareUmdCheck,
  };
}

/* ------------------------------------------------------------------ (b) to (d), in the app frame */

/** (b), run inside the app frame; `offsets` (ms into a frame) has one entry per measured run. */
async function ringingInFrame({ warmup, n, caller, offsets }) {
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
    await sleep(i < warmup ? Math.random() * 16.7 : offsets[i - warmup]);
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

/**
 * (f) in the remote frame: resolves `window.benchMirror` with the abs time of the first frame
 * painted after the mirrored call reaches `status` (or idle for null).
 */
function armMirrorInFrame(status) {
  const el = document.querySelector('hubspot-softphone');
  window.benchMirror = new Promise((resolve) => {
    const onChange = async (event) => {
      if ((event.detail.call?.status ?? null) !== status) return;
      el.removeEventListener('softphone-call-change', onChange);
      await el.updateComplete;
      requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now()));
    };
    el.addEventListener('softphone-call-change', onChange);
  });
}

/** (f) in the window frame: after `offset` ms into a frame, the owner's transition; returns its abs time. */
async function ownerTransitionInFrame({ method, args, offset }) {
  const el = document.querySelector('hubspot-softphone');
  await new Promise((resolve) => requestAnimationFrame(resolve));
  await new Promise((resolve) => setTimeout(resolve, offset));
  const at = performance.timeOrigin + performance.now();
  el[method](...args);
  return at;
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
  const loadAtStart = loadavg()[0];
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

    results.handshake = await measureHandshake(page, appOrigin);

    /* (b) and (c): one element iframe that stays */
    const probe = await page.evaluateOnNewDocument(arrivalProbe);
    const { frame } = await openApp(page, appOrigin, 'element');
    await frame.waitForFunction(() => document.querySelector('hubspot-softphone')?.ready, { timeout: 5000 });

    console.log(`# (b) incomingCall() -> ringing card painted: ${RUNS.ringing.warmup} + ${RUNS.ringing.n} runs`);
    // HubSpot answers each of these calls' caller-ID lookups, as it does every call's: no answer is left pending for (c).
    await page.evaluate(() => window.bench.setAutoMatch('fail'));
    const ringing = await frame.evaluate(ringingInFrame, { ...RUNS.ringing, caller: CALLER, offsets: stratified(RUNS.ringing.n, 16.7) });
    await page.evaluate(async () => {
      // The last calls' INCOMING_CALL may still be on its way to HubSpot.
      await new Promise((resolve) => setTimeout(resolve, 300));
      window.bench.setAutoMatch(false);
    });
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
    // HubSpot answers after a random delay within a frame (17 ms), spread evenly as in (b).
    const matchDelays = stratified(RUNS.callerId.n, 17);
    for (let i = 0; i < RUNS.callerId.warmup + RUNS.callerId.n; i += 1) {
      await frame.evaluate(armCallerIdInFrame, { caller: CALLER, name: CALLER_NAME });
      const delay = i < RUNS.callerId.warmup ? Math.random() * 17 : matchDelays[i - RUNS.callerId.warmup];
      const sentAbs = await page.evaluate((d) => window.bench.sendMatch(d), delay);
      const sample = await frame.evaluate(() => window.benchCallerId);
      if (i >= RUNS.callerId.warmup) callerId.push({ ...sample, sentAbs });
    }
    const clockAfter = await page.evaluate(() => window.bench.clockCheck());
    // End the last ringing call: the element keeps its call in sessionStorage, which the next
    // element frame on this origin (in (d)) would otherwise take back.
    await frame.evaluate(async () => {
      const el = document.querySelector('hubspot-softphone');
      if (el.call && el.call.status !== 'ended') el.endCall('REJECTED');
      if (el.call) el.completeCall();
      await el.updateComplete;
    });
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
      const { frame: app } = await openApp(page, appOrigin, 'element');
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
      await sleep(200);
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
    /* (f): a calling window and a remote; the owner's transition -> the remote painted */
    console.log(`# (f) mirroring: calling window -> remote painted, ${RUNS.mirror.warmup} + ${RUNS.mirror.n} calls`);
    results.mirror = await measureMirroring(page, appOrigin);
    results.pageErrors = pageErrors;
    // Other work on the machine is the main noise source; the load average shows how much there was.
    const loadAverage = { start: round(loadAtStart, 2), end: round(loadavg()[0], 2) };
    results.environment = { browser: version, node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, platform: process.platform, loadAverage, quick: QUICK };
  } finally {
    await browser?.close().catch(() => {});
    await server.stop().catch(() => {});
  }
  results.runSeconds = round((Date.now() - t0) / 1000, 1);
  return results;
}

/**
 * (f): each round rings in the window (the owner) at a point of a frame spread as in (b), and
 * times until the remote has painted the mirrored card; then the answer, then the idle after
 * Done. Both frames are on the app origin, so they share one clock.
 */
async function measureMirroring(page, appOrigin) {
  const { warmup, n } = RUNS.mirror;
  await page.evaluate(() => window.bench.openMirror());
  const find = (role) => page.waitForFrame((f) => f.url().startsWith(`${appOrigin}/bench/app-element.html`) && f.url().includes(`role=${role}`), { timeout: 5000 });
  const [owner, remote] = [await find('window'), await find('remote')];
  await owner.waitForFunction(() => document.querySelector('hubspot-softphone')?.isOwner, { timeout: 5000 });
  const offsets = { ringing: stratified(n, 16.7), connected: stratified(n, 16.7) };
  const samples = { ringing: [], connected: [] };
  const step = async (status, method, args, i) => {
    await remote.evaluate(armMirrorInFrame, status);
    const offset = i < warmup || !offsets[status] ? Math.random() * 16.7 : offsets[status][i - warmup];
    const at = await owner.evaluate(ownerTransitionInFrame, { method, args, offset });
    const painted = await remote.evaluate(() => window.benchMirror);
    if (i >= warmup && samples[status]) samples[status].push(painted - at);
  };
  for (let i = 0; i < warmup + n; i += 1) {
    await step('ringing', 'incomingCall', [CALLER], i);
    await step('connected', 'answerCall', [], i);
    await owner.evaluate(() => document.querySelector('hubspot-softphone').endCall());
    await step(null, 'completeCall', [], i);
  }
  // One ring per call, from the window only; the remote said nothing but its handshake.
  await sleep(200);
  const [windowHeard, remoteHeard] = await page.evaluate(() => window.bench.mirrorCounts());
  await page.evaluate(() => window.bench.close());
  const calls = warmup + n;
  if (windowHeard.INCOMING_CALL !== calls || windowHeard.CALL_COMPLETED !== calls || Object.keys(remoteHeard).sort().join() !== 'INITIALIZED,READY') {
    throw new Error(`(f) expected ${calls} calls from the window and nothing from the remote; window ${JSON.stringify(windowHeard)}, remote ${JSON.stringify(remoteHeard)}`);
  }
  return { ringingMs: stats(samples.ringing), connectedMs: stats(samples.connected), n, warmup, windowHeard, remoteHeard };
}

/* ------------------------------------------------------------------ report */

function report(r) {
  const { handshake: a, ringing: b, callerId: c, calls: d, callsSdkLogSilenced: q, bundle: e, mirror: f } = r;
  const targets = {
    a: { what: 'median of per-pair element / bare ratios', value: a.ratio.median, ci95: a.ratio.ci95, target: `<= ${TARGETS.loadRatio}`, pass: a.ratio.median <= TARGETS.loadRatio },
    b: { what: 'median', value: b.ms.median, target: `<= ${TARGETS.paintMs} ms`, pass: b.ms.median <= TARGETS.paintMs },
    c: { what: 'median', value: c.ms.median, target: `<= ${TARGETS.paintMs} ms`, pass: c.ms.median <= TARGETS.paintMs },
    d: { what: 'heap growth', value: d.heap.growth, target: `< ${TARGETS.heapGrowthBytes} B`, pass: d.heap.growth < TARGETS.heapGrowthBytes },
    e: { what: 'gzip -9 bytes', value: e.element.gzip, target: `<= ${TARGETS.gzipBytes} B`, pass: e.element.gzip <= TARGETS.gzipBytes },
    eAim: { what: 'gzip -9 bytes', value: e.element.gzip, target: `<= ${TARGETS.gzipAimBytes} B (aim)`, pass: e.element.gzip <= TARGETS.gzipAimBytes },
  };
  const rows = [
    ['(a) iframe -> INITIALIZED, element page', a.element.ms.n, ms(a.element.ms.median), ms(a.element.ms.p95), '', ''],
    ['(a) iframe -> INITIALIZED, bare SDK page', a.bare.ms.n, ms(a.bare.ms.median), ms(a.bare.ms.p95), '', ''],
    ['(a) ratio element / bare, median of pair ratios', a.pairs, a.ratio.median.toFixed(3), '', '<= 1.15', verdict(targets.a.pass)],
    ['(a)   95% CI of that median', '', range(a.ratio.ci95), '', '', ''],
    ['(a)   the pair ratios: p25 - p75, p95', '', range([a.ratio.p25, a.ratio.p75]), a.ratio.p95.toFixed(3), '', ''],
    ['(a) ratio of the medians', '', a.ratioOfMedians.toFixed(3), '', '', ''],
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
    ['(e) dist/hubspot-softphone.min.js, gzip -9', '', bytes(e.element.gzip), '', `<= ${TARGETS.gzipBytes} B`, verdict(targets.e.pass)],
    ['(e)   against the aim', '', '', '', `<= ${TARGETS.gzipAimBytes} B`, verdict(targets.eAim.pass)],
    ['(e) lit + SDK alone, min / gzip -9', '', `${bytes(e.litAndSdk.min)} / ${bytes(e.litAndSdk.gzip)}`, '', '', ''],
    ['(e) the element itself, min / gzip -9', '', `${bytes(e.elementOwn.min)} / ${bytes(e.elementOwn.gzip)}`, '', '', ''],
    ['(f) window incomingCall() -> remote card painted', f.ringingMs.n, ms(f.ringingMs.median), ms(f.ringingMs.p95), '', ''],
    ['(f) window answerCall() -> remote timer painted', f.connectedMs.n, ms(f.connectedMs.median), ms(f.connectedMs.p95), '', ''],
  ];
  const head = ['measure', 'n', 'median', 'p95', 'target', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
  const line = (row) => row.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  ').trimEnd();
  console.log(`\n${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(line(row));

  console.log(`
notes:
  rAF interval in the app frame: median ${ms(b.rafIntervalMs.median)}, p95 ${ms(b.rafIntervalMs.p95)} (16.7 = not throttled)
  (a) element - bare: median of the per-pair differences ${ms(a.differenceMs.median)} (95% CI ${range(a.differenceMs.ci95, ms)}), difference of the medians ${ms(a.differenceOfMediansMs)}; the ratio also moves with how long the shared part, serving and loading a page, takes
  (a) against the target: the 95% CI of the median pair ratio ${ciAgainst(a.ratio.ci95, TARGETS.loadRatio)} ${TARGETS.loadRatio}; ${a.pairs} pairs, element first in ${a.elementFirst}
  (a) V8 code cache: the figures use the ${a.pairs} of ${a.pairsRun} pairs in which both scripts read it; loads that compiled instead: element ${a.element.codeCacheCompiled}, bare ${a.bare.codeCacheCompiled}; over all ${a.pairsRun} pairs the median ratio is ${a.allPairsRatioMedian.toFixed(3)}${!r.environment.quick && a.pairs < 100 ? ' -- FEWER THAN 100 PAIRS KEPT, run again' : ''}
  (a) iframe load event: element ${ms(a.element.iframeLoadEventMs.median)}, bare ${ms(a.bare.iframeLoadEventMs.median)}; load event -> INITIALIZED: element ${ms(a.element.loadEventToInitializedMs.median)}, bare ${ms(a.bare.loadEventToInitializedMs.median)}
  (a) runs whose first SYNC went unanswered (the host repeats it every 100 ms): element ${a.element.firstSyncMissed}/${a.element.ms.n}, bare ${a.bare.firstSyncMissed}/${a.bare.ms.n}
  (a) where the time goes (medians over the same loads), element | bare:
${Object.keys(a.element.phases).map((key) => `        ${key.padEnd(52)} ${ms(a.element.phases[key]).padStart(9)} | ${ms(a.bare.phases[key]).padStart(9)}`).join('\n')}
  (b)/(c) the work alone (call -> updateComplete, DOM updated): (b) median ${ms(b.inDomMs.median)}, p95 ${ms(b.inDomMs.p95)}; (c) median ${ms(c.inDomMs.median)}, p95 ${ms(c.inDomMs.p95)}; the rest is waiting for the next frame (t0 is at a random point of a frame)
  (b)/(c) t1 is performance.now() in the first rAF callback; rAF's own timestamp argument is the frame's start, which was before t0 in ${b.rafArgumentBeforeT0}/${b.ms.n} (b) and ${c.rafArgumentBeforeT0}/${c.ms.n} (c) runs (medians with it: ${ms(b.rafArgumentMs.median)}, ${ms(c.rafArgumentMs.median)})
  (c) message arrives in the app -> softphone-caller-id: median ${ms(c.messageToEventMs.median)}; host send -> app receives (abs clocks): median ${ms(c.hostSendToReceivedMs.median)}
  (c) clock offset app - host: ${ms(c.clock.offsetMs)} (min ping RTT ${ms(c.clock.before.minRtt)}); host send -> painted, offset-corrected: median ${ms(c.hostSendToPaintedClockCorrectedMs.median)}
  (d) incomingCall() -> HubSpot's caller-ID match back in the app (the cross-process round trip): median ${ms(d.incomingCallToMatchMs.median)}, p95 ${ms(d.incomingCallToMatchMs.p95)}
  (d) with the SDK's console.debug silenced (the driver no longer receives every log line): round trip median ${ms(q.incomingCallToMatchMs.median)}; heap growth over ${q.n.toLocaleString('en-US')} calls ${bytes(q.heap.growth)}
  (d) HubSpot heard ${d.hostHeard.completed.toLocaleString('en-US')} CALL_COMPLETED for ${(d.n + d.warmup).toLocaleString('en-US')} calls; heap at checkpoints: ${d.heap.checkpoints.map((p) => `${p.calls}: ${kib(p.bytes)}`).join(', ')}
  load average (1 min) at start ${r.environment.loadAverage.start}, at the end ${r.environment.loadAverage.end}, on ${r.environment.cpus} CPUs (other work adds noise)
  run time ${r.runSeconds} s${r.pageErrors.length ? `\n  page errors: ${r.pageErrors.join(' | ')}` : ''}${r.environment.quick ? '\n  BENCH_QUICK: fewer runs, not comparable' : ''}`);
  return targets;
}

/** The README's Performance table, in its own wording, from these results. */
function readmeTable(r, targets) {
  const { handshake: a, ringing: b, callerId: c, calls: d, bundle: e, mirror: f, environment: env } = r;
  const n = (x) => x.toLocaleString('en-US');
  const t = (x) => `${x.toFixed(1)} ms`;
  const target = (key, text) => `${text}${targets[key].pass ? '' : ' (missed)'}`;
  const row = (...cells) => `|${cells.map((cell) => (cell === '' ? ' ' : ` ${cell} `)).join('|')}|`;
  const major = (version) => version.match(/\d+/)?.[0];
  const ci = a.ratio.ci95.map((x) => x.toFixed(2)).join('–');
  const iqr = [a.ratio.p25, a.ratio.p75].map((x) => x.toFixed(2)).join('–');
  return [
    `Chromium ${major(env.browser.split('/')[1] ?? '')}, Node ${major(env.node)}, ${env.cpus} cores, headless:`,
    '',
    row('measure', 'n', 'median', 'p95', 'target'),
    '|---|---|---|---|---|',
    row('iframe created → `INITIALIZED` at HubSpot, this element (CDN script + element)', n(a.element.ms.n), t(a.element.ms.median), t(a.element.ms.p95), ''),
    row('same, the bare SDK handshake (its UMD build, `initialized()` in `onReady`)', n(a.bare.ms.n), t(a.bare.ms.median), t(a.bare.ms.p95), ''),
    row(`ratio element / bare, median of the ${a.pairs} adjacent pairs' ratios (95 % CI ${ci}; the pairs' IQR ${iqr})`, n(a.pairs), a.ratio.median.toFixed(2), '', target('a', '≤ 1.15')),
    row('ratio of the two medians', '', a.ratioOfMedians.toFixed(2), '', ''),
    row('`incomingCall()` → ringing card painted', n(b.ms.n), t(b.ms.median), t(b.ms.p95), target('b', '≤ 16.7 ms')),
    row('caller-ID match (`softphone-caller-id`) → name painted', n(c.ms.n), t(c.ms.median), t(c.ms.p95), target('c', '≤ 16.7 ms')),
    row('HubSpot sends the match → name painted (across processes)', n(c.hostSendToPaintedMs.n), t(c.hostSendToPaintedMs.median), t(c.hostSendToPaintedMs.p95), ''),
    row(`one complete call through the protocol (${n(d.n)} calls)`, n(d.callMs.n), t(d.callMs.median), t(d.callMs.p95), ''),
    row(`app JS heap growth over those ${n(d.n)} calls (after \`gc()\`)`, '', kib(d.heap.growth), '', target('d', '< 1 MB')),
    row('calling window `incomingCall()` → the remote frame has painted the ringing card', n(f.ringingMs.n), t(f.ringingMs.median), t(f.ringingMs.p95), ''),
    row('calling window `answerCall()` → the remote frame has painted the connected view', n(f.connectedMs.n), t(f.connectedMs.median), t(f.connectedMs.p95), ''),
    row(`\`dist/hubspot-softphone.min.js\`, gzip -9 (${bytes(e.element.min)} minified)`, '', bytes(e.element.gzip), '', `${target('e', '≤ 20,480 B')}; aim 18,432 B${targets.eAim.pass ? '' : ' (missed)'}`),
    row(`lit + SDK alone, gzip -9 (${bytes(e.litAndSdk.min)} minified)`, '', bytes(e.litAndSdk.gzip), '', ''),
  ].join('\n');
}

let exitCode = 0;
try {
  const results = await run();
  const targets = report(results);
  console.log(`\nREADME Performance table:\n\n${readmeTable(results, targets)}`);
  await mkdir(join(ROOT, 'bench-results'), { recursive: true });
  const file = join(ROOT, 'bench-results/bench.json');
  await writeFile(file, `${JSON.stringify({ date: new Date().toISOString(), runs: RUNS, targets, results }, null, 2)}\n`);
  console.log(`\nwrote ${file}`);
} catch (error) {
  exitCode = 1;
  console.error(`\nThe benchmark could not run: ${error?.stack ?? error}`);
}
process.exit(exitCode);
