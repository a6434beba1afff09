/**
 * Clicks through the simulator like a new user would, in headless Chromium:
 *   a. inbound: Ring me -> caller ID -> open record -> Answer -> Hang up -> notes -> Done
 *   b. outbound: HubSpot click-to-call -> the app dials -> Callee answers -> Remote hangs up
 *   c. a caller-ID name made of markup shows as text
 *   d. a call made while HubSpot holds SYNC is delivered after the handshake, in order
 * One line per step; exits 1 on the first failure. Needs `npm run build` first.
 *
 *   node demo/simulator.check.mjs            (free ports; HOST_PORT / APP_PORT to pin them)
 *   SCREENSHOTS=/tmp/sim node demo/simulator.check.mjs   (also saves PNGs there)
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, findBrowser } from '../scripts/browsers.mjs';
import { start } from '../scripts/start.mjs';
import { assert, createSteps } from '../scripts/tap.mjs';

const TIMEOUT = 5000;
const NOTES = 'Asked about the Analytical Engine.\nWants a demo next week.';
const screenshots = process.env.SCREENSHOTS;
if (screenshots) mkdirSync(screenshots, { recursive: true });

let server;
let browser;
let page;
const problems = [];
const steps = createSteps();

/** A failed step ends the check: later steps build on it. */
async function step(name, action) {
  if (!(await steps.step(name, action))) throw Object.assign(new Error(name), { reported: true });
}

/* ------------------------------------------------------------------ host page helpers */

/** The `index`-th message of `type` in the host's log, waiting for it. */
async function hostMessage(type, { direction = 'from-app', index = 0, timeout = TIMEOUT } = {}) {
  try {
    await page.waitForFunction(
      (t, d, i) => window.simulator?.host.log.filter((m) => m.type === t && m.direction === d).length > i,
      { timeout, polling: 50 },
      type,
      direction,
      index,
    );
  } catch {
    const seen = await page.evaluate(() => window.simulator?.host.log.map((m) => `${m.direction === 'to-app' ? '>' : '<'}${m.type}`).join(' '));
    throw new Error(`No ${direction} ${type} #${index} within ${timeout} ms. Log: ${seen || '(empty)'}`);
  }
  return page.evaluate((t, d, i) => {
    const m = window.simulator.host.log.filter((x) => x.type === t && x.direction === d)[i];
    return JSON.parse(JSON.stringify(m));
  }, type, direction, index);
}

const hostCount = (type, direction = 'from-app') =>
  page.evaluate((t, d) => window.simulator.host.log.filter((m) => m.type === t && m.direction === d).length, type, direction);

const text = (selector, root = page) => root.$eval(selector, (el) => el.textContent.trim());

async function waitForText(root, selector, expected, timeout = TIMEOUT) {
  try {
    await root.waitForFunction(
      (sel, want) => {
        const el = document.querySelector(sel);
        return !!el && el.textContent.includes(want);
      },
      { timeout, polling: 50 },
      selector,
      expected,
    );
  } catch {
    const got = await root.$eval(selector, (el) => el.textContent.trim()).catch(() => '(missing)');
    throw new Error(`${selector} should contain ${JSON.stringify(expected)}; it says ${JSON.stringify(got)}.`);
  }
}

/* ------------------------------------------------------------------ calling app (iframe) helpers */

function app() {
  const frame = page.frames().find((f) => f.url().startsWith(server.appUrl));
  assert(frame, `No iframe on ${server.appUrl}; frames: ${page.frames().map((f) => f.url()).join(', ')}`);
  return frame;
}

/** A shadow part of <hubspot-softphone>, found through the shadow root. */
const part = (name) => `pierce/[part~="${name}"]`;

async function clickPart(name, index = 0) {
  const frame = app();
  await frame.waitForSelector(part(name), { visible: true, timeout: TIMEOUT });
  const handles = await frame.$$(part(name));
  assert(handles[index], `Only ${handles.length} [part=${name}] in the calling app.`);
  await handles[index].click();
}

async function partTexts(name) {
  const handles = await app().$$(part(name));
  return Promise.all(handles.map((h) => h.evaluate((el) => el.textContent.trim())));
}

async function waitForPart(name, timeout = TIMEOUT) {
  await app().waitForSelector(part(name), { visible: true, timeout });
}

async function clickApp(selector) {
  const frame = app();
  await frame.waitForSelector(`${selector}:not([disabled])`, { visible: true, timeout: TIMEOUT });
  await frame.click(selector);
}

const appCall = () => app().$eval('hubspot-softphone', (el) => el.call && JSON.parse(JSON.stringify(el.call)));

async function shot(name) {
  if (!screenshots) return;
  await page.screenshot({ path: join(screenshots, `${name}.png`) });
}

/* ------------------------------------------------------------------ the flows */

async function run() {
  server = await start({ hostPort: Number(process.env.HOST_PORT ?? 0), appPort: Number(process.env.APP_PORT ?? 0) });
  console.log(`# simulator on ${server.hostUrl}, calling app on ${server.appUrl}`);
  browser = await puppeteer.launch({ executablePath: findBrowser('chromium'), args: CHROMIUM_ARGS });
  page = await browser.newPage();
  await page.setViewport({ width: 1500, height: 940 });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('dialog', async (dialog) => {
    problems.push(`unexpected ${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });

  await step('host page loads and the app completes the handshake', async () => {
    await page.goto(server.hostUrl, { waitUntil: 'load' });
    const sync = await hostMessage('SYNC', { direction: 'to-app' });
    assert(sync.data.hostUrl === new URL(server.hostUrl).origin, `SYNC hostUrl is ${sync.data.hostUrl}`);
    await hostMessage('READY');
    const init = await hostMessage('INITIALIZED');
    assert(init.data.isLoggedIn === true, 'INITIALIZED should say isLoggedIn');
    assert(init.data.sizeInfo?.width === 360 && init.data.sizeInfo?.height === 600, `sizeInfo is ${JSON.stringify(init.data.sizeInfo)}`);
    await waitForText(page, '#chip-handshake', 'ready');
    await waitForText(page, '#chip-login', 'signed in');
    assert(new URL(app().url()).origin !== new URL(page.url()).origin, 'the app must be on another origin');
  });

  await step('the availability switch reaches HubSpot', async () => {
    await clickPart('availability-toggle');
    await hostMessage('USER_AVAILABLE');
    await waitForText(page, '#chip-availability', 'available');
  });

  /* a. inbound */
  let engagementId;
  await step('a. "Ring me" sends INCOMING_CALL and shows the incoming card', async () => {
    await clickApp('#ring-me');
    const incoming = await hostMessage('INCOMING_CALL');
    assert(/^\+1617555\d{4}$/.test(incoming.data.fromNumber), `fromNumber ${incoming.data.fromNumber}`);
    assert(incoming.data.createEngagement === true, 'createEngagement should be true');
    await waitForPart('incoming-card');
    await waitForText(page, '#chip-call', 'ringing');
  });

  await step('a. HubSpot auto-responds: engagement created, caller ID matched', async () => {
    const created = await hostMessage('CREATE_ENGAGEMENT_SUCCEEDED', { direction: 'to-app' });
    engagementId = created.data.engagementId;
    await hostMessage('CALLER_ID_MATCH_SUCCEEDED', { direction: 'to-app' });
    await app().waitForFunction(() => document.querySelector('hubspot-softphone').call?.callerIdMatches.length === 2, { timeout: TIMEOUT });
    const [name] = await partTexts('caller-name');
    assert(name === 'Ada Lovelace', `caller-name is ${JSON.stringify(name)}`);
    const links = await partTexts('record-link');
    assert(links.length === 2 && links[1].includes('Analytical Engines Ltd'), `record links: ${JSON.stringify(links)}`);
    assert((await appCall()).engagementId === engagementId, 'the app should hold the engagement id');
    await shot('a1-ringing');
  });

  await step('a. a record link opens the record in HubSpot', async () => {
    await clickPart('record-link', 1);
    const nav = await hostMessage('NAVIGATE_TO_RECORD');
    assert(nav.data.objectCoordinates.objectTypeId === '0-2' && nav.data.objectCoordinates.objectId === 2002, JSON.stringify(nav.data));
    await waitForText(page, '.record-name', 'Analytical Engines Ltd');
    await waitForText(page, '.record-note', 'Opened by the calling app');
  });

  await step('a. Answer sends CALL_ANSWERED and the timer runs', async () => {
    await clickPart('answer-button');
    await hostMessage('CALL_ANSWERED');
    await waitForPart('timer');
    const before = (await partTexts('timer'))[0];
    await app().waitForFunction((was) => {
      const timer = document.querySelector('hubspot-softphone').shadowRoot.querySelector('[part~="timer"]');
      return timer && timer.textContent.trim() !== was;
    }, { timeout: 3000 }, before);
    await waitForText(page, '#chip-call', 'connected');
  });

  await step('a. Hang up sends CALL_ENDED (COMPLETED) with the engagement', async () => {
    await clickPart('hangup-button');
    const ended = await hostMessage('CALL_ENDED');
    assert(ended.data.callEndStatus === 'COMPLETED', `callEndStatus ${ended.data.callEndStatus}`);
    assert(ended.data.engagementId === engagementId, `engagementId ${ended.data.engagementId}, expected ${engagementId}`);
    await waitForPart('wrap-up');
  });

  await step('a. notes and outcome, then Done sends CALL_COMPLETED', async () => {
    const frame = app();
    await frame.type(part('notes'), NOTES);
    await frame.select('#disposition', 'connected');
    await shot('a2-wrap-up');
    await clickPart('done-button');
    const completed = await hostMessage('CALL_COMPLETED');
    const props = completed.data.engagementProperties;
    assert(props.hs_call_body === NOTES, `hs_call_body is ${JSON.stringify(props.hs_call_body)}`);
    assert(props.hs_call_disposition === 'connected', `hs_call_disposition is ${JSON.stringify(props.hs_call_disposition)}`);
    assert(completed.data.engagementId === engagementId, `engagementId ${completed.data.engagementId}`);
    await waitForText(page, '.timeline', 'Wants a demo next week.');
    await waitForPart('availability-toggle');
    assert((await appCall()) === null, 'the app should be idle again');
  });

  /* b. outbound */
  await step('b. HubSpot click-to-call: DIAL_NUMBER, the app dials (OUTGOING_CALL_STARTED)', async () => {
    await page.$eval('#dial-form input[name=phoneNumber]', (input) => (input.value = '(617) 555-0142'));
    await page.click('#dial');
    const dial = await hostMessage('DIAL_NUMBER', { direction: 'to-app' });
    assert(dial.data.phoneNumber === '(617) 555-0142', JSON.stringify(dial.data));
    const outgoing = await hostMessage('OUTGOING_CALL_STARTED');
    assert(outgoing.data.toNumber === '+16175550142', `toNumber ${outgoing.data.toNumber}`);
    await waitForPart('call');
    await hostMessage('CREATE_ENGAGEMENT_SUCCEEDED', { direction: 'to-app', index: 1 });
    await waitForText(page, '#chip-call', 'dialing');
    await shot('b1-dialing');
  });

  await step('b. "Callee answers" sends CALL_ANSWERED', async () => {
    await clickApp('#callee-answers');
    await hostMessage('CALL_ANSWERED', { index: 1 });
    const call = await appCall();
    assert(call.status === 'connected' && call.direction === 'OUTBOUND', JSON.stringify(call));
  });

  await step('b. "Remote hangs up" sends CALL_ENDED, then the call is logged', async () => {
    await clickApp('#remote-hangs-up');
    const ended = await hostMessage('CALL_ENDED', { index: 1 });
    assert(ended.data.callEndStatus === 'COMPLETED', `callEndStatus ${ended.data.callEndStatus}`);
    await waitForPart('wrap-up');
    await clickPart('done-button');
    const completed = await hostMessage('CALL_COMPLETED', { index: 1 });
    assert(!('hs_call_body' in completed.data.engagementProperties), 'no notes were typed, so no hs_call_body');
  });

  await step('every message both ways is in the visible log', async () => {
    const rows = await page.$$eval('#log .msg', (items) => items.map((li) => `${li.dataset.direction}:${li.dataset.type}`));
    for (const expected of [
      'to-app:SYNC',
      'from-app:INITIALIZED',
      'from-app:USER_AVAILABLE',
      'from-app:INCOMING_CALL',
      'to-app:CREATE_ENGAGEMENT_SUCCEEDED',
      'to-app:CALLER_ID_MATCH_SUCCEEDED',
      'from-app:NAVIGATE_TO_RECORD',
      'from-app:CALL_ANSWERED',
      'from-app:CALL_ENDED',
      'from-app:CALL_COMPLETED',
      'to-app:DIAL_NUMBER',
      'from-app:OUTGOING_CALL_STARTED',
    ]) {
      assert(rows.includes(expected), `the log has no ${expected}`);
    }
    assert((await page.$eval('#log', (el) => el.getAttribute('role'))) === 'log', 'the log needs role="log"');
  });

  /* c. markup in HubSpot's data */
  await step('c. a caller-ID name made of markup renders as text', async () => {
    await page.click('input[name=matches][value=markup]');
    await clickApp('#ring-me');
    await hostMessage('CALLER_ID_MATCH_SUCCEEDED', { direction: 'to-app', index: 1 });
    await app().waitForFunction(() => document.querySelector('hubspot-softphone').call?.callerIdMatches.length === 1, { timeout: TIMEOUT });
    const [name] = await partTexts('caller-name');
    assert(name === '<img src=x onerror=alert(1)>', `caller-name is ${JSON.stringify(name)}`);
    const images = await app().$$('pierce/img');
    assert(images.length === 0, 'no <img> may be created from the name');
    await clickPart('decline-button');
    const ended = await hostMessage('CALL_ENDED', { index: 2 });
    assert(ended.data.callEndStatus === 'REJECTED', `callEndStatus ${ended.data.callEndStatus}`);
    await clickPart('done-button');
    await hostMessage('CALL_COMPLETED', { index: 2 });
    await page.click('input[name=matches][value=contact-company]');
  });

  /* d. before the handshake */
  await step('d. with SYNC held, a call waits in the app and arrives after the handshake', async () => {
    const initializedBefore = await hostCount('INITIALIZED');
    const incomingBefore = await hostCount('INCOMING_CALL');
    await page.click('#sync-form input[name=holdSync]');
    await page.click('#reload');
    await waitForText(page, '#chip-handshake', 'SYNC held');
    // The reloaded app: its element is up but has had no SYNC.
    await app().waitForFunction(() => customElements.get('hubspot-softphone') && document.querySelector('#ring-me:not([disabled])'), { timeout: TIMEOUT });
    await clickApp('#ring-me');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert((await hostCount('INCOMING_CALL')) === incomingBefore, 'nothing may reach HubSpot before SYNC');
    await page.click('#release-sync');
    await hostMessage('INITIALIZED', { index: initializedBefore });
    await hostMessage('INCOMING_CALL', { index: incomingBefore });
    const order = await page.evaluate(() => window.simulator.host.log.filter((m) => m.direction === 'from-app').map((m) => m.type));
    assert(order.lastIndexOf('INITIALIZED') < order.lastIndexOf('INCOMING_CALL'), `order: ${order.join(' ')}`);
    await waitForText(page, '#chip-handshake', 'ready');
    await clickPart('decline-button');
    await clickPart('done-button');
  });

  await step('no page errors and no dialogs', async () => {
    assert(problems.length === 0, problems.join('\n'));
  });
}

let exitCode = 0;
try {
  await run();
  console.log(`# all ${steps.counts.passed} steps passed`);
} catch (error) {
  exitCode = 1;
  if (!error?.reported) console.log(`not ok - could not run the check: ${error?.message ?? error}`);
  if (page && screenshots) await page.screenshot({ path: join(screenshots, 'failure.png') }).catch(() => {});
  if (problems.length) console.log(`# also seen:\n#  ${problems.join('\n#  ')}`);
} finally {
  await browser?.close().catch(() => {});
  await server?.stop().catch(() => {});
}
process.exit(exitCode);
