/**
 * The element from each framework, built by that framework's own toolchain and driven through
 * the real cross-origin protocol in headless Chromium. For each app in demo/frameworks/:
 *
 *   1. install: `npm ci` (or `npm install` when it has no package-lock.json yet, which writes one);
 *   2. build: `npm run build` (type-check, then the app's bundler) into the app's own dist/;
 *      the plain HTML app has neither step;
 *   3. HubSpot's side (demo/frameworks/host.html: HubSpotHost) on the host origin loads the
 *      built app from the app origin (`start()` from scripts/start.mjs serves the repository on
 *      both), and the check clicks through one inbound and one outbound call.
 *
 * One `ok N - app: step` / `not ok N - app: step` line per step; a failed step skips the rest of
 * that app, the other apps still run; exits 1 if anything failed. Needs `npm run build` first
 * (the apps import the package from ../../.. and its dist/).
 *
 *   node scripts/frameworks.mjs                 every app
 *   node scripts/frameworks.mjs vue plain       only these
 *   SKIP_INSTALL=1 node scripts/frameworks.mjs  keep the installed node_modules as they are
 *   SCREENSHOTS=/tmp/fw node scripts/frameworks.mjs   also saves a PNG per app there
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, findBrowser } from './browsers.mjs';
import { start } from './start.mjs';
import { assert, createSteps } from './tap.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TIMEOUT = 10_000;
const INSTALL_TIMEOUT = 10 * 60_000;
const BUILD_TIMEOUT = 5 * 60_000;
const DIALLED = '+16175550142';
const TEST_CALLER = '+16175550134';

/** `page`: the page to load, relative to the repository root (both servers serve the root). */
const APPS = [
  { name: 'plain', dir: 'demo/frameworks/plain', page: 'demo/frameworks/plain/index.html', build: false },
  { name: 'vue', dir: 'demo/frameworks/vue', page: 'demo/frameworks/vue/dist/index.html', build: true },
  { name: 'angular', dir: 'demo/frameworks/angular', page: 'demo/frameworks/angular/dist/index.html', build: true },
  { name: 'react', dir: 'demo/frameworks/react', page: 'demo/frameworks/react/dist/index.html', build: true },
];

const REQUIRED_BUILD = ['dist/index.js', 'dist/react/index.js', 'dist/hubspot-softphone.min.js', 'dist/host/hubspot-host.js'];

const screenshots = process.env.SCREENSHOTS;
if (screenshots) mkdirSync(screenshots, { recursive: true });

const { step, counts } = createSteps();

/* ------------------------------------------------------------------ install and build */

/**
 * The environment for npm in an app: this script may itself run under `npm run`, whose
 * npm_* variables (the root package, its prefix) must not leak into the app's npm.
 */
function appEnv() {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_(?!config_(cache|registry|userconfig)$)/i.test(key)));
  return {
    ...env,
    PUPPETEER_SKIP_DOWNLOAD: '1',
    NG_CLI_ANALYTICS: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
  };
}

/** Installs and builds under way: each runs in its own process group, ended with it. */
const running = new Set();

function endGroup(child) {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of running) endGroup(child);
    process.exit(130);
  });
}

/** Runs a command in an app's folder; rejects with the tail of its output when it fails. */
function run(command, args, { cwd, timeout }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: appEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    running.add(child);
    let output = '';
    const keep = (chunk) => {
      output += chunk;
      if (output.length > 200_000) output = output.slice(-100_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      endGroup(child);
      reject(new Error(`${command} ${args.join(' ')} took over ${timeout / 1000} s\n${tail(output)}`));
    }, timeout);
    child.on('error', (error) => {
      clearTimeout(timer);
      running.delete(child);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} exited with ${signal ?? code}\n${tail(output)}`));
    });
  });
}

/**
 * What to show of a failed command: from npm's own error (`npm error code …`, which is followed
 * by its explanation, then often by the whole usage text) or else the end of the output.
 * npm's warnings about unknown user config are left out.
 */
function tail(output, lines = 25) {
  const all = output.split('\n').filter((line) => line.trim() && !/Unknown (user|env) config/.test(line));
  const npmError = all.findIndex((line) => /^npm error code /.test(line));
  return (npmError >= 0 ? all.slice(npmError, npmError + lines) : all.slice(-lines)).join('\n');
}

/** How an app gets its node_modules: `npm ci`, or `npm install` the first time (it writes the lockfile). */
function installCommand(app) {
  const cwd = join(ROOT, app.dir);
  if (process.env.SKIP_INSTALL && existsSync(join(cwd, 'node_modules'))) return null;
  return existsSync(join(cwd, 'package-lock.json')) ? ['ci'] : ['install'];
}

async function installApp(app, command) {
  const cwd = join(ROOT, app.dir);
  // With a node_modules in place, `npm install` reads the installed tree, and through the link
  // to ../../.. the repository's whole node_modules, into the new lockfile; start clean.
  if (command[0] === 'install') await rm(join(cwd, 'node_modules'), { recursive: true, force: true });
  await run('npm', command, { cwd, timeout: INSTALL_TIMEOUT });
  const lock = await readFile(join(cwd, 'package-lock.json'), 'utf8');
  assert(!lock.includes('"../../../node_modules/'), `${app.dir}/package-lock.json lists the repository's own node_modules; delete it and run again`);
}

async function build(app) {
  const cwd = join(ROOT, app.dir);
  await run('npm', ['run', 'build'], { cwd, timeout: BUILD_TIMEOUT });
  assert(existsSync(join(ROOT, app.page)), `the build wrote no ${app.page}`);
}

/* ------------------------------------------------------------------ the browser check */

/** Drives one app through HubSpotHost; each step a line. Returns when a step fails. */
async function check(app, { browser, server }) {
  const appOrigin = new URL(server.appUrl).origin;
  const hostOrigin = new URL(server.hostUrl).origin;
  const appUrl = `${appOrigin}/${app.page}`;
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('dialog', async (dialog) => {
    problems.push(`unexpected ${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  // `pageerror` covers the host page only: the app is an out-of-process frame (another site).
  // Its console reaches `console` above, so its uncaught errors are turned into console errors.
  await page.evaluateOnNewDocument(() => {
    if (window.parent === window) return;
    addEventListener('error', (event) => console.error(`uncaught in the app: ${event.message}`));
    addEventListener('unhandledrejection', (event) => console.error(`unhandled rejection in the app: ${event.reason}`));
  });

  /** The host's log as `>SYNC ×12 <READY <INITIALIZED …` (> to the app, < from it). */
  async function log() {
    const entries = await page.evaluate(() => (window.host?.log ?? []).map((m) => `${m.direction === 'to-app' ? '>' : '<'}${m.type}`));
    const runs = [];
    for (const entry of entries) {
      if (runs.at(-1)?.entry === entry) runs.at(-1).count += 1;
      else runs.push({ entry, count: 1 });
    }
    return runs.map(({ entry, count }) => (count > 1 ? `${entry} ×${count}` : entry)).join(' ');
  }

  /** The `index`-th message of `type` in the host's log, waiting for it. */
  async function hostMessage(type, { direction = 'from-app', index = 0 } = {}) {
    try {
      await page.waitForFunction(
        (t, d, i) => (window.host?.log ?? []).filter((m) => m.type === t && m.direction === d).length > i,
        { timeout: TIMEOUT, polling: 50 },
        type,
        direction,
        index,
      );
    } catch {
      throw new Error(`No ${direction} ${type} #${index} at the host within ${TIMEOUT} ms. Host log: ${(await log()) || '(empty)'}`);
    }
    return page.evaluate(
      (t, d, i) => JSON.parse(JSON.stringify(window.host.log.filter((m) => m.type === t && m.direction === d)[i])),
      type,
      direction,
      index,
    );
  }

  function frame() {
    const found = page.frames().find((f) => f.url().startsWith(appUrl));
    assert(found, `No iframe on ${appUrl}; frames: ${page.frames().map((f) => f.url()).join(', ')}`);
    return found;
  }

  /** Waits until the app's `selector` has text containing `expected`. */
  async function appText(selector, expected) {
    try {
      await frame().waitForFunction(
        (sel, want) => document.querySelector(sel)?.textContent.includes(want),
        { timeout: TIMEOUT, polling: 50 },
        selector,
        expected,
      );
    } catch {
      const got = await frame()
        .$eval(selector, (el) => el.textContent.trim())
        .catch(() => '(missing)');
      throw new Error(`The app's ${selector} should contain ${JSON.stringify(expected)}; it says ${JSON.stringify(got.slice(-600))}.`);
    }
  }

  const status = () => frame().$eval('#status', (el) => el.textContent.trim());

  async function clickPart(name) {
    const selector = `pierce/[part~="${name}"]`;
    await frame().waitForSelector(selector, { visible: true, timeout: TIMEOUT });
    await frame().click(selector);
  }

  const steps = [
    [
      'the host loads the app from the other origin and gets INITIALIZED',
      async () => {
        await page.goto(`${hostOrigin}/demo/frameworks/host.html?app=${encodeURIComponent(appUrl)}`, { waitUntil: 'load' });
        const init = await hostMessage('INITIALIZED');
        assert(init.data.isLoggedIn === true, `INITIALIZED should say isLoggedIn (logged-in); it has ${JSON.stringify(init.data)}`);
        assert(
          init.data.sizeInfo?.width === 400 && init.data.sizeInfo?.height === 600,
          `sizeInfo should be 400 x 600 (width, height); it is ${JSON.stringify(init.data.sizeInfo)}`,
        );
        assert(new URL(frame().url()).origin !== hostOrigin, 'the app must be on another origin than the host');
        await appText('#events', 'softphone-ready');
        assert((await status()) === 'idle', `the status should say "idle", not ${JSON.stringify(await status())}`);
      },
    ],
    [
      '"ring me" -> INCOMING_CALL at the host, the app shows "ringing"',
      async () => {
        await frame().click('#ring-me');
        const incoming = await hostMessage('INCOMING_CALL');
        assert(incoming.data.fromNumber === TEST_CALLER, `INCOMING_CALL fromNumber is ${incoming.data.fromNumber}`);
        await appText('#status', 'ringing');
        await frame().waitForSelector('pierce/[part~="incoming-card"]', { visible: true, timeout: TIMEOUT });
      },
    ],
    [
      'Answer (inside the shadow root) -> CALL_ANSWERED at the host, the app saw softphone-answer',
      async () => {
        if (screenshots) await page.screenshot({ path: join(screenshots, `${app.name}-ringing.png`) });
        await clickPart('answer-button');
        await hostMessage('CALL_ANSWERED');
        await appText('#events', 'softphone-answer');
        await appText('#status', 'connected');
      },
    ],
    [
      'Hang up, then Done -> CALL_ENDED and CALL_COMPLETED, the app is idle',
      async () => {
        await clickPart('hangup-button');
        const ended = await hostMessage('CALL_ENDED');
        assert(ended.data.callEndStatus === 'COMPLETED', `callEndStatus is ${ended.data.callEndStatus}`);
        await clickPart('done-button');
        await hostMessage('CALL_COMPLETED');
        await appText('#status', 'idle');
      },
    ],
    [
      `the host sends DIAL_NUMBER -> the app calls outgoingCall -> OUTGOING_CALL_STARTED to ${DIALLED}`,
      async () => {
        await page.evaluate((number) => window.host.dialNumber(number, { objectId: 101, objectType: 'CONTACT' }), DIALLED);
        await appText('#events', 'softphone-dial-number');
        const outgoing = await hostMessage('OUTGOING_CALL_STARTED');
        assert(outgoing.data.toNumber === DIALLED, `OUTGOING_CALL_STARTED toNumber is ${outgoing.data.toNumber}`);
        await appText('#status', 'dialing');
        if (screenshots) await page.screenshot({ path: join(screenshots, `${app.name}-dialing.png`) });
      },
    ],
    [
      'no page errors, console errors or dialogs',
      async () => {
        assert(problems.length === 0, problems.join('\n'));
      },
    ],
  ];

  try {
    for (const [index, [name, action]] of steps.entries()) {
      if (!(await step(`${app.name}: ${name}`, action))) {
        if (screenshots) await page.screenshot({ path: join(screenshots, `${app.name}-failure.png`) }).catch(() => {});
        // The last step reports them itself.
        if (problems.length && index < steps.length - 1) console.log(`  also seen:\n    ${problems.join('\n    ')}`);
        return;
      }
    }
  } finally {
    await page.close().catch(() => {});
  }
}

/* ------------------------------------------------------------------ main */

async function main() {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !APPS.some((app) => app.name === name));
  if (unknown.length) throw new Error(`No app ${unknown.join(', ')}; the apps are ${APPS.map((app) => app.name).join(', ')}.`);
  const apps = wanted.length ? APPS.filter((app) => wanted.includes(app.name)) : APPS;
  const missing = REQUIRED_BUILD.filter((file) => !existsSync(join(ROOT, file)));
  if (missing.length) throw new Error(`Missing ${missing.join(', ')}: run "npm run build" first.`);

  const started = Date.now();
  const server = await start({ hostPort: Number(process.env.HOST_PORT ?? 0), appPort: Number(process.env.APP_PORT ?? 0) });
  let browser;
  try {
    console.log(`# host origin ${new URL(server.hostUrl).origin}, app origin ${new URL(server.appUrl).origin}`);
    browser = await puppeteer.launch({ executablePath: findBrowser('chromium'), args: CHROMIUM_ARGS });
    for (const app of apps) {
      if (app.build) {
        const install = installCommand(app);
        if (!install) console.log(`# ${app.name}: SKIP_INSTALL, node_modules kept as they are`);
        const name = `${app.name}: npm ${install?.join(' ')}${install?.[0] === 'install' ? ' (no package-lock.json yet: writes it)' : ''}`;
        if (install && !(await step(name, () => installApp(app, install)))) continue;
        if (!(await step(`${app.name}: build (type-check and bundle)`, () => build(app)))) continue;
      }
      await check(app, { browser, server });
    }
  } finally {
    await browser?.close().catch(() => {});
    await server.stop().catch(() => {});
  }
  console.log(`# ${apps.map((app) => app.name).join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

let exitCode = 0;
try {
  await main();
} catch (error) {
  counts.failed += 1;
  console.log(`not ok - could not run the check: ${error?.message ?? error}`);
}
if (counts.failed) exitCode = 1;
console.log(`# frameworks: ${counts.passed} steps passed, ${counts.failed} failed`);
process.exit(exitCode);
