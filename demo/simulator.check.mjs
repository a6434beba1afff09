/**
 * Clicks through the simulator like a new user would, in headless Chromium:
 *   a. inbound: Ring me -> caller ID -> open record -> Answer -> the built-in controls (mute, hold,
 *      a keypad digit, record) -> Hang up -> notes and an outcome -> Done
 *   b. outbound: HubSpot click-to-call -> the app dials -> Callee answers -> Remote hangs up; the
 *      built-in dialpad with a from-number; "Confirm click-to-call" and "Outcome required"
 *   c. a caller-ID name made of markup shows as text
 *   d. a call made while HubSpot holds SYNC is delivered after the handshake, in order
 *   e. ?layout=window: the calling window owns the call, two HubSpot tabs mirror it: one ring,
 *      answered in a tab, each frame reloaded mid-call, hung up, notes and Done; the window
 *      closed (the tabs say so) and opened again from a tab's "Open calling window"
 *   f. ?layout=tabs: two HubSpot tabs elect one owner; one ring in both; the owner closes, the other takes over
 *   g. the vendor's own page: ?app=<url> frames it (and survives a reload), the picker loads one and
 *      goes back to the demo, a bad address is refused; `start.mjs --app` with a page that never
 *      answers the handshake (the element keeps HubSpot's origins) shows what to check
 *   h. the message log keeps its last rows and says how many it dropped
 * One line per step; exits 1 on the first failure. Needs `npm run build` first.
 *
 *   node demo/simulator.check.mjs            (free ports; HOST_PORT / APP_PORT to pin them)
 *   SCREENSHOTS=/tmp/sim node demo/simulator.check.mjs   (also saves PNGs there)
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, findBrowser } from '../scripts/browsers.mjs';
import { start } from '../scripts/start.mjs';
import { assert, createSteps } from '../scripts/tap.mjs';
import { parseAppUrl } from './app-url.js';

const TIMEOUT = 5000;
const NOTES = 'Asked about the Analytical Engine.\nWants a demo next week.';
const screenshots = process.env.SCREENSHOTS;
if (screenshots) mkdirSync(screenshots, { recursive: true });

let server;
/** `node scripts/start.mjs --app …`, started by step g. */
let cli;
let browser;
let page;
const problems = [];
const steps = createSteps();

/** A failed step ends the check: later steps build on it. */
async function step(name, action) {
  if (!(await steps.step(name, action))) throw Object.assign(new Error(name), { reported: true });
}

/* ------------------------------------------------------------------ host page helpers */

/**
 * The `index`-th message of `type` in a host's log, waiting for it: the page's first host, or
 * with `frame` the host of that frame of a multi-frame layout ('window', 'tab1', 'tab2').
 */
async function hostMessage(type, { direction = 'from-app', index = 0, timeout = TIMEOUT, frame = null } = {}) {
  try {
    await page.waitForFunction(
      (f, t, d, i) => {
        const host = f ? window.simulator?.frames[f]?.host : window.simulator?.host;
        return host?.log.filter((m) => m.type === t && m.direction === d).length > i;
      },
      { timeout, polling: 50 },
      frame,
      type,
      direction,
      index,
    );
  } catch {
    const seen = await hostTypes(frame).catch(() => []);
    throw new Error(`No ${direction} ${type} #${index} ${frame ? `in ${frame}'s log ` : ''}within ${timeout} ms. Log: ${seen.join(' ') || '(empty)'}`);
  }
  return page.evaluate((f, t, d, i) => {
    const host = f ? window.simulator.frames[f].host : window.simulator.host;
    const m = host.log.filter((x) => x.type === t && x.direction === d)[i];
    return JSON.parse(JSON.stringify(m));
  }, frame, type, direction, index);
}

const hostCount = (type, direction = 'from-app', frame = null) =>
  page.evaluate(
    (f, t, d) => (f ? window.simulator.frames[f].host : window.simulator.host).log.filter((m) => m.type === t && m.direction === d).length,
    frame,
    type,
    direction,
  );

/** A host's log as `>TYPE` (to the app) and `<TYPE` (from it). */
const hostTypes = (frame = null) =>
  page.evaluate((f) => (f ? window.simulator.frames[f].host : window.simulator.host).log.map((m) => `${m.direction === 'to-app' ? '>' : '<'}${m.type}`), frame);

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

/** The calling app in one frame card of a multi-frame layout (`#frame-window`, `#frame-tab1`…). */
async function appIn(id) {
  const handle = await page.waitForSelector(`#frame-${id} iframe`, { timeout: TIMEOUT });
  const frame = await handle.contentFrame();
  assert(frame, `#frame-${id} has no calling app`);
  return frame;
}

/** A shadow part of <hubspot-softphone>, found through the shadow root. */
const part = (name) => `pierce/[part~="${name}"]`;
/** HubSpot's default call outcomes, as the demo offers them. */
const CONNECTED = 'f240bbac-87c9-4f6e-bf70-924b57d47db7';
const BUSY = '9d9162e7-6cf3-4944-bf63-4dff82258764';

/**
 * A click inside an iframe does not scroll the host page: bring the frame's iframe into view
 * first. A cross-origin iframe learns its new place a moment after the scroll, so wait for
 * that too, or the click lands where the button was.
 */
async function reveal(frame) {
  const iframe = await frame.frameElement();
  const scrolled = await iframe?.evaluate((el) => {
    const box = el.getBoundingClientRect();
    if (box.top >= 0 && box.bottom <= innerHeight) return false;
    el.scrollIntoView({ block: 'nearest' });
    return true;
  });
  if (scrolled) await new Promise((resolve) => setTimeout(resolve, 150));
}

async function clickPart(name, index = 0, frame = app()) {
  await frame.waitForSelector(part(name), { visible: true, timeout: TIMEOUT });
  await reveal(frame);
  const handles = await frame.$$(part(name));
  assert(handles[index], `Only ${handles.length} [part=${name}] in the calling app.`);
  await handles[index].click();
}

async function partTexts(name, frame = app()) {
  const handles = await frame.$$(part(name));
  return Promise.all(handles.map((h) => h.evaluate((el) => el.textContent.trim())));
}

async function waitForPart(name, timeout = TIMEOUT, frame = app()) {
  await frame.waitForSelector(part(name), { visible: true, timeout });
}

async function clickApp(selector, frame = app()) {
  await frame.waitForSelector(`${selector}:not([disabled])`, { visible: true, timeout: TIMEOUT });
  await reveal(frame);
  await frame.click(selector);
}

const appCall = (frame = app()) => frame.$eval('hubspot-softphone', (el) => el.call && JSON.parse(JSON.stringify(el.call)));

/** What the element in a frame says about itself. */
const appState = (frame) =>
  frame.$eval('hubspot-softphone', (el) => ({
    isOwner: el.isOwner,
    text: el.shadowRoot.textContent.replace(/\s+/g, ' ').trim(),
    call: el.call && JSON.parse(JSON.stringify(el.call)),
  }));

/** Seconds on the call timer in a frame ("0:07" -> 7). */
async function timerSeconds(frame) {
  await waitForPart('timer', TIMEOUT, frame);
  const [text] = await partTexts('timer', frame);
  const match = /^(\d+):(\d\d)$/.exec(text ?? '');
  assert(match, `the timer shows ${JSON.stringify(text)}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Waits until `check(frame)` resolves truthy, polling; says what it last saw on timeout. */
async function until(what, check, timeout = TIMEOUT) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) return last;
    } catch (error) {
      last = error.message;
    }
    if (Date.now() > deadline) throw new Error(`No ${what} within ${timeout} ms (last: ${JSON.stringify(last)}).`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const cardText = (id, selector) => page.$eval(`#frame-${id} ${selector}`, (el) => el.textContent.trim());

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

  await step('a. the built-in controls: mute, hold, a keypad digit and record reach the telephony; HubSpot hears none of them', async () => {
    const frame = app();
    const before = (await hostTypes()).length;
    await clickPart('mute-button');
    await until('the call muted', async () => (await appCall())?.muted === true);
    assert((await frame.$eval(part('mute-button'), (el) => el.getAttribute('aria-pressed'))) === 'true', 'Mute is not pressed');
    await clickPart('hold-button');
    await until('the call on hold', async () => (await partTexts('call-state')).join(' ').includes('On hold'));
    await clickPart('hold-button');
    await clickPart('keypad-button');
    await waitForPart('keypad');
    await clickPart('key', 4);
    await clickPart('record-button');
    await until('recording, with the file the telephony named', async () => /^https:\/\/recordings\.nimbus\.example\//.test((await appCall())?.recordingUrl ?? ''));
    const events = await frame.$eval('#events', (el) => el.textContent);
    for (const line of ['microphone off', 're-INVITE: hold', 're-INVITE: resume', 'DTMF 5', 'recording started']) assert(events.includes(`telephony: ${line}`), `the telephony did not hear "${line}"`);
    await shot('a1-controls');
    await clickPart('keypad-button');
    const sent = (await hostTypes()).slice(before).filter((type) => type.startsWith('<'));
    assert(sent.length === 0, `HubSpot heard ${sent.join(' ')}`);
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
    await frame.select(part('outcome'), CONNECTED);
    await shot('a2-wrap-up');
    await clickPart('done-button');
    const completed = await hostMessage('CALL_COMPLETED');
    const props = completed.data.engagementProperties;
    assert(props.hs_call_body === NOTES, `hs_call_body is ${JSON.stringify(props.hs_call_body)}`);
    assert(props.hs_call_disposition === CONNECTED, `hs_call_disposition is ${JSON.stringify(props.hs_call_disposition)}`);
    assert(props.hs_call_status === 'COMPLETED' && /^\d+$/.test(props.hs_call_duration), `status ${props.hs_call_status}, duration ${props.hs_call_duration}`);
    assert(/^https:\/\/recordings\.nimbus\.example\//.test(props.hs_call_recording_url), `hs_call_recording_url is ${props.hs_call_recording_url}`);
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

  await step('b. the built-in dialpad: a typed national number, the support line, Call (OUTGOING_CALL_STARTED)', async () => {
    const frame = app();
    await waitForPart('dial-input');
    await frame.type(part('dial-input'), '6175550199');
    const shown = await frame.$eval(part('dial-input'), (el) => el.value);
    assert(shown === '(617) 555-0199', `the field shows ${shown}`);
    await frame.select(part('from-number'), '+16175550112');
    await shot('b2-dialpad');
    await clickPart('dial-button');
    const outgoing = await hostMessage('OUTGOING_CALL_STARTED', { index: 1 });
    assert(outgoing.data.toNumber === '+16175550199' && outgoing.data.fromNumber === '+16175550112', JSON.stringify(outgoing.data));
    await clickApp('#no-answer');
    await hostMessage('CALL_ENDED', { index: 2 });
    await waitForPart('outcome');
    await clickPart('done-button');
    const completed = await hostMessage('CALL_COMPLETED', { index: 2 });
    assert(completed.data.engagementProperties.hs_call_status === 'NO_ANSWER', JSON.stringify(completed.data.engagementProperties));
  });

  await step('b. "Confirm click-to-call" and "Outcome required": the number waits for Call, Done for an outcome', async () => {
    const frame = app();
    await clickApp('#dial-confirm');
    await clickApp('#outcome-required');
    await page.$eval('#dial-form input[name=phoneNumber]', (input) => (input.value = '+16175550143'));
    await page.click('#dial');
    await hostMessage('DIAL_NUMBER', { direction: 'to-app', index: 1 });
    await until('the number filled in', async () => (await frame.$eval(part('dial-input'), (el) => el.value)) === '+1 (617) 555-0143');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert((await hostCount('OUTGOING_CALL_STARTED')) === 2, 'dialled without Call');
    await clickPart('dial-button');
    await hostMessage('OUTGOING_CALL_STARTED', { index: 2 });
    await clickApp('#busy');
    await waitForPart('outcome');
    await clickPart('done-button');
    await until('Done says to pick an outcome', async () => (await frame.$eval('hubspot-softphone', (el) => el.shadowRoot.getElementById('outcome-error').textContent)).includes('Choose a call outcome'));
    assert((await hostCount('CALL_COMPLETED')) === 3, 'Done went without an outcome');
    await frame.select(part('outcome'), BUSY);
    await clickPart('done-button');
    const completed = await hostMessage('CALL_COMPLETED', { index: 3 });
    assert(completed.data.engagementProperties.hs_call_disposition === BUSY && completed.data.engagementProperties.hs_call_status === 'BUSY', JSON.stringify(completed.data.engagementProperties));
    await clickApp('#dial-confirm');
    await clickApp('#outcome-required');
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

  await step('the demo softphone turns on a language, a ringtone and diagnose()', async () => {
    const frame = app();
    assert((await frame.$eval('hubspot-softphone', (el) => el.getAttribute('ringtone'))).startsWith('blob:'), 'the demo sets a ringtone');
    await frame.select('#lang', 'de');
    await frame.waitForFunction(() => document.querySelector('hubspot-softphone').shadowRoot.textContent.includes('Für Anrufe verfügbar'), { timeout: 5000 });
    await frame.select('#lang', 'en');
    await frame.waitForFunction(() => document.querySelector('hubspot-softphone').shadowRoot.textContent.includes('Available for calls'), { timeout: 5000 });
    await clickApp('#diagnose');
    await frame.waitForFunction(() => document.getElementById('diagnosis').textContent.startsWith('hubspot-softphone diagnosis'), { timeout: 5000 });
    const report = await frame.$eval('#diagnosis', (el) => el.textContent);
    for (const line of ['allowed: true', 'handshake.ready: true', 'ownership.isOwner: true', 'versions.sdk: 0.9.7']) assert(report.includes(line), `the report has no "${line}"`);
    await clickApp('#close-diagnosis');
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
    const ended = await hostMessage('CALL_ENDED', { index: 4 });
    assert(ended.data.callEndStatus === 'REJECTED', `callEndStatus ${ended.data.callEndStatus}`);
    await clickPart('done-button');
    await hostMessage('CALL_COMPLETED', { index: 4 });
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

  /* e. the calling window and two HubSpot tabs */
  const TABS = ['tab1', 'tab2'];
  let win;
  let tab1;
  let tab2;
  await step('e. ?layout=window: a calling window and two HubSpot tabs, each its own HubSpotHost, one portal and user', async () => {
    await page.goto(`${server.hostUrl}?layout=window`, { waitUntil: 'load' });
    // The page builds its frames once it knows the app's origin (after a fetch).
    await page.waitForFunction(() => document.querySelectorAll('#frames > section').length > 0, { timeout: TIMEOUT });
    const ids = await page.$$eval('#frames > section', (cards) => cards.map((c) => c.id));
    assert(JSON.stringify(ids) === JSON.stringify(['frame-window', 'frame-tab1', 'frame-tab2']), `frame cards: ${ids.join(', ')}`);
    const syncs = {};
    for (const id of ['window', ...TABS]) {
      syncs[id] = (await hostMessage('SYNC', { direction: 'to-app', frame: id })).data;
      await hostMessage('INITIALIZED', { frame: id });
    }
    assert(syncs.window.iframeLocation === 'window' && syncs.window.usesCallingWindow === true, `window SYNC ${JSON.stringify(syncs.window)}`);
    for (const id of TABS) assert(syncs[id].iframeLocation === 'remote' && syncs[id].usesCallingWindow === true, `${id} SYNC ${JSON.stringify(syncs[id])}`);
    const users = new Set(Object.values(syncs).map((d) => `${d.portalId}:${d.userId}`));
    assert(users.size === 1, `frames of one layout need one portal and user: ${[...users].join(', ')}`);
    [win, tab1, tab2] = await Promise.all(['window', ...TABS].map(appIn));
    const channels = await Promise.all([win, tab1, tab2].map((f) => f.$eval('hubspot-softphone', (el) => el.channel)));
    assert(new Set(channels).size === 1, `one channel for all frames: ${channels.join(', ')}`);
    await waitForText(page, '#chip-handshake', '3 of 3 frames ready');
  });

  await step('e. the calling window owns the call: its label says Owner, the tabs say Mirror, telephony only in the window', async () => {
    await waitForText(page, '#frame-window .role', 'Owner');
    for (const id of TABS) await waitForText(page, `#frame-${id} .role`, 'Mirror');
    assert((await appState(win)).isOwner === true, 'the window frame should own the call');
    for (const tab of [tab1, tab2]) assert((await appState(tab)).isOwner === false, 'a remote must not own the call');
    await win.waitForSelector('#ring-me:not([disabled])', { visible: true, timeout: TIMEOUT });
    for (const tab of [tab1, tab2]) {
      assert((await tab.$('#ring-me:not([hidden])')) === null, 'a remote must not run the telephony');
      await waitForText(tab, '#telephony-elsewhere', 'calling window');
    }
  });

  await step('e. the availability switch in tab 1 reaches HubSpot from the calling window', async () => {
    await clickPart('availability-toggle', 0, tab1);
    await hostMessage('USER_AVAILABLE', { frame: 'window' });
    await tab2.waitForFunction(() => document.querySelector('hubspot-softphone').available === true, { timeout: TIMEOUT });
    for (const id of TABS) assert((await hostCount('USER_AVAILABLE', 'from-app', id)) === 0, `${id} told HubSpot its availability itself`);
  });

  let windowEngagement;
  await step('e. one ring: "Ring me" in the window sends one INCOMING_CALL, from the window; the card rings in both tabs', async () => {
    await clickApp('#ring-me', win);
    await hostMessage('INCOMING_CALL', { frame: 'window' });
    windowEngagement = (await hostMessage('CREATE_ENGAGEMENT_SUCCEEDED', { direction: 'to-app', frame: 'window' })).data.engagementId;
    await hostMessage('CALLER_ID_MATCH_SUCCEEDED', { direction: 'to-app', frame: 'window' });
    for (const tab of [tab1, tab2]) {
      await waitForPart('incoming-card', TIMEOUT, tab);
      await until('the mirrored caller ID', async () => (await partTexts('caller-name', tab))[0] === 'Ada Lovelace');
      await until('the mirrored engagement', async () => (await appCall(tab))?.engagementId === windowEngagement);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert((await hostCount('INCOMING_CALL', 'from-app', 'window')) === 1, 'one INCOMING_CALL from the window');
    for (const id of TABS) {
      assert((await hostCount('INCOMING_CALL', 'from-app', id)) === 0, `${id} told HubSpot of the call too`);
      assert((await hostCount('CREATE_ENGAGEMENT_SUCCEEDED', 'to-app', id)) === 0, `HubSpot's answers go to the frame that asked, not ${id}`);
    }
    await waitForText(page, '#chip-call', 'ringing');
    await shot('e1-ringing-everywhere');
  });

  await step('e. Answer in tab 2: the window sends CALL_ANSWERED, every frame shows the call connected', async () => {
    await clickPart('answer-button', 0, tab2);
    await hostMessage('CALL_ANSWERED', { frame: 'window' });
    for (const frame of [win, tab1, tab2]) await waitForPart('timer', TIMEOUT, frame);
    assert((await hostCount('CALL_ANSWERED', 'from-app', 'tab2')) === 0, 'tab 2 told HubSpot itself');
    const telephony = await win.$eval('#events', (el) => el.textContent);
    assert(telephony.includes('telephony: accept'), 'the window’s telephony should accept the call');
  });

  let beforeReload;
  await step('e. Reload tab 1 mid-call: SYNC names the engagement, the call comes back with its timer running on', async () => {
    await until('a timer at 0:02 or more', async () => (await timerSeconds(win)) >= 2);
    beforeReload = await timerSeconds(win);
    const syncs = await hostCount('SYNC', 'to-app', 'tab1');
    await page.click('#frame-tab1 [data-action=reload]');
    const sync = await hostMessage('SYNC', { direction: 'to-app', frame: 'tab1', index: syncs });
    assert(sync.data.engagementId === windowEngagement, `SYNC after the reload names engagement ${sync.data.engagementId}`);
    const init = await hostMessage('INITIALIZED', { frame: 'tab1', index: 1 });
    assert(init.data.engagementId === windowEngagement, `INITIALIZED engagementId ${init.data.engagementId}`);
    tab1 = await appIn('tab1');
    const seconds = await timerSeconds(tab1);
    assert(seconds >= beforeReload, `tab 1's timer restarted: ${seconds} s, it was ${beforeReload} s`);
    assert((await appCall(tab1))?.status === 'connected', 'tab 1 should show the connected call');
    const sent = (await hostTypes('tab1')).filter((t) => t.startsWith('<'));
    assert(JSON.stringify(sent) === JSON.stringify(['<READY', '<INITIALIZED', '<READY', '<INITIALIZED']), `tab 1 sent ${sent.join(' ')}`);
  });

  await step('e. Reload the calling window mid-call: the call is restored there, the timer runs on, HubSpot hears nothing twice', async () => {
    const before = await timerSeconds(win);
    const sentBefore = (await hostTypes('window')).filter((t) => t.startsWith('<')).length;
    await page.click('#frame-window [data-action=reload]');
    const init = await hostMessage('INITIALIZED', { frame: 'window', index: 1 });
    assert(init.data.engagementId === windowEngagement, `INITIALIZED engagementId ${init.data.engagementId}`);
    win = await appIn('window');
    await waitForText(win, '#events', '(restored)');
    const seconds = await timerSeconds(win);
    assert(seconds >= before, `the window's timer restarted: ${seconds} s, it was ${before} s`);
    await waitForText(page, '#frame-window .role', 'Owner');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = (await hostTypes('window')).filter((t) => t.startsWith('<')).slice(sentBefore);
    assert(!after.some((t) => /INCOMING_CALL|CALL_ANSWERED/.test(t)), `after the reload the window sent ${after.join(' ')}`);
    for (const tab of [tab1, tab2]) assert((await appCall(tab))?.status === 'connected', 'the tabs should still show the call');
    await shot('e2-after-reloads');
  });

  await step('e. Hang up in tab 1, notes typed in tab 2, Done in tab 1: CALL_ENDED and CALL_COMPLETED once, from the window', async () => {
    await clickPart('hangup-button', 0, tab1);
    const ended = await hostMessage('CALL_ENDED', { frame: 'window' });
    assert(ended.data.callEndStatus === 'COMPLETED' && ended.data.engagementId === windowEngagement, JSON.stringify(ended.data));
    await waitForPart('notes', TIMEOUT, tab2);
    await tab2.type(part('notes'), NOTES);
    await until('the notes in tab 1', () => tab1.$eval(part('notes'), (el, want) => el.value === want, NOTES));
    await clickPart('done-button', 0, tab1);
    const completed = await hostMessage('CALL_COMPLETED', { frame: 'window' });
    assert(completed.data.engagementProperties.hs_call_body === NOTES, `hs_call_body ${JSON.stringify(completed.data.engagementProperties.hs_call_body)}`);
    await waitForText(page, '.timeline', 'Wants a demo next week.');
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const type of ['CALL_ENDED', 'CALL_COMPLETED']) assert((await hostCount(type, 'from-app', 'window')) === 1, `${type} more than once`);
    for (const id of TABS) {
      const sent = (await hostTypes(id)).filter((t) => t.startsWith('<') && !/READY|INITIALIZED/.test(t));
      assert(sent.length === 0, `${id} talked to HubSpot about the call: ${sent.join(' ')}`);
    }
    for (const tab of [tab1, tab2]) await waitForPart('availability-toggle', TIMEOUT, tab);
  });

  await step('e. Close the calling window: both tabs say it is closed and offer "Open calling window"', async () => {
    await page.click('#frame-window [data-action=close]');
    assert((await page.$('#frame-window iframe')) === null, 'the window frame should be gone');
    await waitForText(page, '#frame-window .frame-closed', 'The calling window is closed');
    await waitForText(page, '#frame-window .role', 'Closed');
    for (const tab of [tab1, tab2]) {
      await until('the closed calling window in a tab', async () => (await appState(tab)).text.includes('The calling window is closed'));
      await waitForPart('open-window-button', TIMEOUT, tab);
    }
    await shot('e3-window-closed');
  });

  await step('e. "Open calling window" in tab 1 opens HubSpot’s calling-window page, which brings the window frame back', async () => {
    const popup = browser.waitForTarget((t) => t.url().includes('/demo/calling-window.html?portalId='), { timeout: TIMEOUT });
    await clickPart('open-window-button', 0, tab1);
    const target = await popup.catch(() => {
      throw new Error('No calling-window page opened (is /calling-integration-popup-ui/<portalId> served?).');
    });
    assert(new URL(target.url()).origin === new URL(server.hostUrl).origin, `the calling-window page opened on ${target.url()}`);
    // The stand-in page closes itself only once the simulator said it reopened the window; the
    // user is back in the simulator's tab.
    await until('the calling-window page to close itself', async () => !browser.targets().includes(target));
    await page.bringToFront();
    await page.waitForSelector('#frame-window iframe', { timeout: TIMEOUT });
    await hostMessage('INITIALIZED', { frame: 'window' });
    await waitForText(page, '#frame-window .role', 'Owner');
    win = await appIn('window');
    for (const tab of [tab1, tab2]) {
      await until('the tab idle again', async () => !(await appState(tab)).text.includes('calling window is closed'));
      await waitForPart('availability-toggle', TIMEOUT, tab);
    }
  });

  await step('e. the shared log labels every message with its frame, and filters by frame', async () => {
    const framesSeen = await page.$$eval('#log .msg', (items) => [...new Set(items.map((i) => i.dataset.frame))]);
    assert(['window', 'tab1', 'tab2'].every((id) => framesSeen.includes(id)), `log frames: ${framesSeen.join(', ')}`);
    const tag = await page.$eval('#log .msg[data-frame=tab2] .frame-tag', (el) => el.textContent.trim());
    assert(tag === 'tab 2', `tab 2's label in the log is ${JSON.stringify(tag)}`);
    await page.select('#log-frame', 'tab1');
    const shown = await page.$$eval('#log .msg', (items) => items.filter((i) => !i.hidden).map((i) => i.dataset.frame));
    assert(shown.length > 0 && shown.every((f) => f === 'tab1'), `with the tab 1 filter the log shows ${[...new Set(shown)].join(', ')}`);
    await page.select('#log-frame', '');
  });

  await step('e. click-to-call in tab 2 and END_CALL to tab 1: each tab hands it to the window, which dials and hangs up', async () => {
    // The window reopened with a fresh HubSpotHost: its log starts again.
    await page.select('#dial-from', 'tab2');
    await page.$eval('#dial-form input[name=phoneNumber]', (input) => (input.value = '+16175550142'));
    await page.click('#dial');
    await hostMessage('DIAL_NUMBER', { direction: 'to-app', frame: 'tab2' });
    const outgoing = await hostMessage('OUTGOING_CALL_STARTED', { frame: 'window' });
    assert(outgoing.data.toNumber === '+16175550142', `toNumber ${outgoing.data.toNumber}`);
    await waitForText(win, '#events', 'telephony: INVITE +16175550142');
    for (const tab of [tab1, tab2]) await until('the dialing call in a tab', async () => (await appCall(tab))?.status === 'dialing');
    await page.select('#target', 'tab1');
    await page.click('[data-send=END_CALL]');
    await hostMessage('END_CALL', { direction: 'to-app', frame: 'tab1' });
    const ended = await hostMessage('CALL_ENDED', { frame: 'window' });
    assert(ended.data.callEndStatus === 'CANCELED', `callEndStatus ${ended.data.callEndStatus}`);
    await page.select('#target', 'owner');
    await clickPart('done-button', 0, tab2);
    await hostMessage('CALL_COMPLETED', { frame: 'window' });
    for (const id of TABS) assert((await hostCount('OUTGOING_CALL_STARTED', 'from-app', id)) === 0, `${id} told HubSpot of the call`);
  });

  /* f. two HubSpot tabs, no calling window */
  let owner;
  let other;
  await step('f. ?layout=tabs: two widgets without the calling window elect exactly one owner', async () => {
    await page.goto(`${server.hostUrl}?layout=tabs`, { waitUntil: 'load' });
    for (const id of TABS) {
      const sync = await hostMessage('SYNC', { direction: 'to-app', frame: id });
      assert(sync.data.iframeLocation === 'widget' && sync.data.usesCallingWindow === false, `${id} SYNC ${JSON.stringify(sync.data)}`);
      await hostMessage('INITIALIZED', { frame: id });
    }
    const labels = await until('both frames labelled', async () => {
      const texts = await Promise.all(TABS.map((id) => cardText(id, '.role')));
      return texts.every((t) => t === 'Owner' || t === 'Mirror') && texts;
    });
    assert(labels.filter((t) => t === 'Owner').length === 1, `labels: ${labels.join(', ')}`);
    const [ownerId, otherId] = labels[0] === 'Owner' ? TABS : [...TABS].reverse();
    owner = { id: ownerId, app: await appIn(ownerId) };
    other = { id: otherId, app: await appIn(otherId) };
    assert((await appState(owner.app)).isOwner === true && (await appState(other.app)).isOwner === false, 'the labels should match el.isOwner');
    await owner.app.waitForSelector('#ring-me:not([disabled])', { visible: true, timeout: TIMEOUT });
    assert((await other.app.$('#ring-me:not([hidden])')) === null, 'the other tab must not run the telephony');
  });

  await step('f. one ring in both tabs: one INCOMING_CALL, from the owner; Answer in the other tab connects it there', async () => {
    await clickApp('#ring-me', owner.app);
    await hostMessage('INCOMING_CALL', { frame: owner.id });
    for (const frame of [owner.app, other.app]) await waitForPart('incoming-card', TIMEOUT, frame);
    await hostMessage('CALLER_ID_MATCH_SUCCEEDED', { direction: 'to-app', frame: owner.id });
    await until('the caller ID in the other tab', async () => (await partTexts('caller-name', other.app))[0] === 'Ada Lovelace');
    await shot('f1-tabs-ringing');
    await clickPart('answer-button', 0, other.app);
    await hostMessage('CALL_ANSWERED', { frame: owner.id });
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert((await hostCount('INCOMING_CALL', 'from-app', owner.id)) === 1, 'one INCOMING_CALL');
    const sent = (await hostTypes(other.id)).filter((t) => t.startsWith('<') && !/READY|INITIALIZED/.test(t));
    assert(sent.length === 0, `the other tab talked to HubSpot: ${sent.join(' ')}`);
  });

  await step('f. Reload the owner tab mid-call: the call goes on in both tabs, its timer running on, with one owner', async () => {
    await until('a timer at 0:02 or more', async () => (await timerSeconds(owner.app)) >= 2);
    const before = await timerSeconds(owner.app);
    await page.click(`#frame-${owner.id} [data-action=reload]`);
    const init = await hostMessage('INITIALIZED', { frame: owner.id, index: 1 });
    assert(init.data.engagementId === (await appCall(other.app))?.engagementId, `INITIALIZED after the reload: ${JSON.stringify(init.data)}`);
    owner.app = await appIn(owner.id);
    const labels = await until('one owner again', async () => {
      const texts = await Promise.all(TABS.map((id) => cardText(id, '.role')));
      return texts.filter((t) => t === 'Owner').length === 1 && texts.every((t) => t === 'Owner' || t === 'Mirror') && texts;
    });
    // The tab that waited for the lock takes the call over; the reloaded one mirrors it.
    if (labels[TABS.indexOf(owner.id)] !== 'Owner') [owner, other] = [other, owner];
    for (const frame of [owner.app, other.app]) {
      assert((await appCall(frame))?.status === 'connected', 'the call should still be connected');
      const seconds = await timerSeconds(frame);
      assert(seconds >= before, `a timer restarted: ${seconds} s, it was ${before} s`);
    }
    await clickPart('hangup-button', 0, other.app);
    const ended = await hostMessage('CALL_ENDED', { frame: owner.id });
    assert(ended.data.callEndStatus === 'COMPLETED', `callEndStatus ${ended.data.callEndStatus}`);
    await clickPart('done-button', 0, other.app);
    await hostMessage('CALL_COMPLETED', { frame: owner.id });
    for (const type of ['CALL_ENDED', 'CALL_COMPLETED']) {
      const total = (await hostCount(type, 'from-app', 'tab1')) + (await hostCount(type, 'from-app', 'tab2'));
      assert(total === 1, `HubSpot heard ${type} ${total} times`);
    }
  });

  await step('f. closing the owner tab hands the call to the other tab: it says Owner and runs the telephony', async () => {
    await page.click(`#frame-${owner.id} [data-action=close]`);
    await waitForText(page, `#frame-${other.id} .role`, 'Owner');
    assert((await appState(other.app)).isOwner === true, 'the other tab should own the call now');
    await other.app.waitForSelector('#ring-me:not([disabled])', { visible: true, timeout: TIMEOUT });
    await clickApp('#ring-me', other.app);
    await hostMessage('INCOMING_CALL', { frame: other.id });
    await clickPart('decline-button', 0, other.app);
    await clickPart('done-button', 0, other.app);
    await hostMessage('CALL_COMPLETED', { frame: other.id });
  });

  /* g. the vendor's own page */
  const hostOrigin = new URL(server.hostUrl).origin;
  // The fixture: the demo softphone under an address of its own (a query the demo ignores), allowed to talk to this host.
  const vendorUrl = `${server.appUrl}?host=${encodeURIComponent(hostOrigin)}&fixture=vendor-page`;
  const withApp = (app, extra = '') => `${server.hostUrl}?app=${encodeURIComponent(app)}${extra}`;
  const calling = (selector = '#calling-widget iframe') => page.$eval(selector, (el) => el.src);

  await step('g. only an absolute http(s) address is a calling page: the check says what to give instead', async () => {
    assert(parseAppUrl(' https://phone.example/calling?x=1 ').url === 'https://phone.example/calling?x=1', 'a good URL is kept');
    for (const bad of ['', 'localhost:3000/calling.html', '/calling.html', 'ftp://phone.example/', 'javascript:alert(1)', 'https://me:secret@phone.example/']) {
      const { error } = parseAppUrl(bad);
      assert(error && /http|user name/.test(error), `${JSON.stringify(bad)} gives ${JSON.stringify(error)}`);
    }
    const refused = await start({ hostPort: 0, appPort: 0, app: 'calling.html' }).then(
      (running) => running.stop().then(() => null),
      (error) => error.message,
    );
    assert(refused?.startsWith('--app: "calling.html" is not an http or https address'), `start({ app }) said ${JSON.stringify(refused)}`);
  });

  await step('g. ?app=<url> frames that page instead of the demo softphone, and a reload keeps it', async () => {
    await page.goto(withApp(vendorUrl), { waitUntil: 'load' });
    await hostMessage('INITIALIZED');
    assert((await calling()) === vendorUrl, `the calling iframe loads ${await calling()}`);
    assert((await page.evaluate(() => window.simulator.vendorUrl)) === vendorUrl, 'simulator.vendorUrl');
    assert((await page.$eval('#app-url', (el) => el.value)) === vendorUrl, 'the picker shows the page');
    assert(!(await page.$eval('#app-demo', (el) => el.disabled)), '"Demo softphone" should be offered');
    await page.reload({ waitUntil: 'load' });
    await hostMessage('INITIALIZED');
    assert((await calling()) === vendorUrl, `after a reload the iframe loads ${await calling()}`);
    assert(await page.$eval('.frame-guidance', (el) => el.hidden), 'a page that answered needs no guidance');
  });

  await step('g. ?app= is kept by the layout links, and every frame of a layout loads the page', async () => {
    const href = await page.$eval('#layout-links a[data-layout=tabs]', (a) => a.href);
    assert(new URL(href).searchParams.get('app') === vendorUrl, `the tabs link is ${href}`);
    await page.goto(href, { waitUntil: 'load' });
    for (const id of TABS) {
      await hostMessage('INITIALIZED', { frame: id });
      assert((await calling(`#frame-${id} iframe`)) === vendorUrl, `${id} loads ${await calling(`#frame-${id} iframe`)}`);
    }
  });

  await step('g. "Demo softphone" goes back to the demo; the picker refuses a bad address and loads a good one', async () => {
    await page.goto(withApp(vendorUrl), { waitUntil: 'load' });
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#app-demo')]);
    assert(!new URL(page.url()).searchParams.has('app'), `back to the demo at ${page.url()}`);
    await hostMessage('INITIALIZED');
    assert((await calling()).startsWith(server.appUrl) && !(await calling()).includes('fixture'), `the demo iframe loads ${await calling()}`);
    assert(await page.$eval('#app-demo', (el) => el.disabled), '"Demo softphone" is the page already');
    await page.type('#app-url', 'localhost:3000/calling.html');
    await page.click('#app-load');
    await waitForText(page, '#app-error', 'starting with http:// or https://');
    assert((await page.$eval('#app-url', (el) => el.getAttribute('aria-invalid'))) === 'true', 'the bad address is marked invalid');
    assert(!new URL(page.url()).searchParams.has('app'), 'a bad address does not navigate');
    await page.$eval('#app-url', (el) => (el.value = ''));
    await page.type('#app-url', vendorUrl);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#app-load')]);
    assert(new URL(page.url()).searchParams.get('app') === vendorUrl, `the picker went to ${page.url()}`);
    await hostMessage('INITIALIZED');
  });

  await step('g. a bad ?app= loads the demo softphone and says why', async () => {
    await page.goto(withApp('ftp://phone.example/calling'), { waitUntil: 'load' });
    await waitForText(page, '#alerts', 'The ?app= page was not loaded');
    await waitForText(page, '#app-error', 'is not an http or https address');
    await hostMessage('INITIALIZED');
    assert((await calling()).startsWith(server.appUrl), `the iframe loads ${await calling()}`);
  });

  await step('g. `start.mjs --app <page that never answers>`: the simulator frames it and, after 5 s, shows the exact allowed-origins to add', async () => {
    // The demo softphone without ?host= keeps the element's default origins (HubSpot's): it refuses this simulator.
    const silent = `${server.appUrl}?fixture=keeps-hubspot-origins`;
    cli = spawn(process.execPath, [new URL('../scripts/start.mjs', import.meta.url).pathname, '--app', silent], {
      env: { ...process.env, HOST_PORT: '0', APP_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let printed = '';
    cli.stdout.on('data', (chunk) => (printed += chunk));
    cli.stderr.on('data', (chunk) => (printed += chunk));
    const opened = await until('the address printed by start.mjs', async () => /Open (\S+) in your browser/.exec(printed)?.[1], 15000);
    assert(new URL(opened).searchParams.get('app') === silent, `start.mjs says to open ${opened}`);
    const cliOrigin = new URL(opened).origin;
    assert(printed.includes(`allowed-origins="${cliOrigin}"`), `start.mjs should name the attribute:\n${printed}`);
    await page.goto(opened, { waitUntil: 'load' });
    assert((await calling()) === silent, `the iframe loads ${await calling()}`);
    await page.waitForSelector('.frame-guidance:not([hidden])', { timeout: 9000 });
    const code = await text('.frame-guidance code');
    assert(code === `allowed-origins="${cliOrigin}"`, `the guidance says ${code}`);
    await waitForText(page, '.frame-guidance', 'HubSpot has sent SYNC for more than 5 s');
    await waitForText(page, '.frame-guidance', 'console');
    await waitForText(page, '#chip-handshake', 'SYNC sent');
    assert((await hostCount('INITIALIZED')) === 0, 'the page should not have answered');
    await shot('g1-no-handshake');
  });

  /* h. a long session */
  await step('h. the log keeps its last rows and says how many older ones it dropped', async () => {
    await page.goto(server.hostUrl, { waitUntil: 'load' });
    await hostMessage('INITIALIZED');
    const limit = await page.evaluate(() => window.simulator.logLimit);
    assert(Number.isInteger(limit) && limit >= 100, `logLimit ${limit}`);
    assert(await page.$eval('#log-dropped', (el) => el.hidden), 'nothing dropped yet');
    const before = await page.$$eval('#log > *', (rows) => rows.length);
    const sends = limit + 40;
    // Minimize / Restore: one VISIBILITY_CHANGED row each.
    await page.evaluate((n) => {
      for (let i = 0; i < n; i++) document.querySelector(`[data-visibility=${i % 2 ? 'open' : 'minimized'}]`).click();
    }, sends);
    const rows = await page.$$eval('#log > *', (items) => items.length);
    assert(rows === limit, `the log holds ${rows} rows, not ${limit}`);
    const dropped = before + sends - limit;
    await waitForText(page, '#log-dropped', `${dropped} older entries dropped: the log keeps the last ${limit}.`);
    assert((await text('#log-count')) === String(limit), `the count says ${await text('#log-count')}`);
    const last = await page.$eval('#log > :last-child', (el) => `${el.dataset.type} ${el.textContent}`);
    assert(last.startsWith('VISIBILITY_CHANGED') && last.includes('open'), `the newest row is ${last}`);
    await page.type('#log-filter', '"isMinimized": true');
    assert((await text('#log-count')) === `${limit / 2} / ${limit}`, `filtered, the count says ${await text('#log-count')}`);
    await page.click('#log-clear');
    assert(await page.$eval('#log-dropped', (el) => el.hidden), 'Clear starts again');
    await page.$eval('#log-filter', (el) => {
      el.value = '';
      el.dispatchEvent(new Event('input'));
    });
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
  cli?.kill('SIGTERM');
}
process.exit(exitCode);
