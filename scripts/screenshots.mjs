/**
 * `npm run screenshots`: the README pictures, one PNG per UI state and theme, in docs/screenshots/.
 *
 * The element is really connected to HubSpot's side of the protocol: docs/screenshots/host.html
 * runs HubSpotHost (the SDK's IFrameManager in host mode) on one origin and loads
 * docs/screenshots/app.html (the CDN script and <hubspot-softphone>, nothing else) from the
 * other, exactly as `npm start` does. Each state is reached through the element's API and
 * HubSpot's messages, checked, then the iframe (fitted to the element, 360 px wide) is shot
 * at deviceScaleFactor 2 under `prefers-reduced-motion: reduce` (no ringing pulse to blur).
 * Then, on a fresh host page per theme, the built-in controls (extras/controls.js, which the
 * element loads on demand from beside the CDN script once `dialpad`, `controls` or `outcomes`
 * is set): the dialpad with a number typed, a connected call muted and on hold with its keypad
 * open, and its wrap-up with an outcome picked (BUILT_IN_STATES).
 * Then the ringing card alone in a few variants (RINGING_SHOTS): six matches in the whole
 * 360x600 widget, German, Japanese (needs a CJK font: apt-get install fonts-noto-cjk; the
 * script fails if the glyphs would be boxes) and a right-to-left page.
 *
 *   npm run screenshots                 (builds, then runs this)
 *   node scripts/screenshots.mjs        (after `npm run build`; picks free ports)
 *
 * Prints each file with its size; exits 1 on the first failure, or when a PNG exceeds
 * MAX_BYTES (they are committed), or when a shot's layout is flawed (a name clipped, a list
 * that scrolls for a few pixels: FLAWED, after all the PNGs are written, to look at).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateSync, inflateSync } from 'node:zlib';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, findBrowser } from './browsers.mjs';
import { start } from './start.mjs';
import { SAMPLE_MATCHES as MATCHES } from '../demo/sample-matches.js';

const OUT_DIR = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const THEMES = ['light', 'dark'];
const STATES = ['idle', 'ringing', 'connected', 'wrap-up', 'error'];
/** The built-in controls' states, each theme on a page of its own (shootBuiltIns). */
const BUILT_IN_STATES = ['dialpad', 'controls', 'outcome'];
const WIDTH = 360;
/** HubSpot's calling widget: 360x600 (host.html's iframe). */
const WIDGET_HEIGHT = 600;
const SCALE = 2;
const TIMEOUT = 10_000;
const MAX_BYTES = 60 * 1024;

const CALLER_NAME = 'Ada Lovelace'; // MATCHES[0], SIX_MATCHES[0]
const INBOUND = { fromNumber: '+16175550142', toNumber: '+18885550100' };
const OUTBOUND = { toNumber: '+14155550187' };
const TALK_MS = 5200;
const NOTES = 'Asked about the Analytical Engine.\nWants a demo next week.';
const ENGAGEMENT_ERROR = 'Could not create the call engagement: the record was deleted.';
/** The built-ins' configuration, as a vendor's page would set it. */
const BUILT_INS = {
  attributes: { dialpad: '', 'default-country': 'US', controls: 'mute hold keypad transfer record', 'outcome-required': '' },
  fromNumbers: [
    { e164PhoneNumber: '+16175550111', friendlyName: 'Nimbus main line' },
    { e164PhoneNumber: '+16175550112', friendlyName: 'Nimbus support' },
  ],
  outcomes: [
    { id: 'f240bbac-87c9-4f6e-bf70-924b57d47db7', label: 'Connected' },
    { id: 'b2cf5968-551e-4856-9783-52b3da59a7d0', label: 'Left voicemail' },
    { id: '73a0d17f-1163-4015-bdd5-ec830791da20', label: 'No answer' },
  ],
};
/** Typed into the dialpad, and how the element shows it (as you type, default-country US). */
const DIALED = { typed: '6175550199', shown: '(617) 555-0199' };
const CONTROL_BUTTONS = ['mute-button', 'hold-button', 'keypad-button', 'transfer-button', 'record-button'];
/** Six records sharing the caller's number: hers, her company's, colleagues', an old duplicate. */
const SIX_MATCHES = [
  ...MATCHES,
  {
    callerIdType: 'CONTACT',
    objectCoordinates: { portalId: 2450012, objectTypeId: '0-1', objectId: 1002 },
    firstName: 'Charles',
    lastName: 'Babbage',
    email: 'charles@analytical-engines.example',
  },
  {
    callerIdType: 'CONTACT',
    objectCoordinates: { portalId: 2450012, objectTypeId: '0-1', objectId: 1003 },
    firstName: 'Mary',
    lastName: 'Somerville',
    email: 'mary.somerville@analytical-engines.example',
  },
  {
    callerIdType: 'COMPANY',
    objectCoordinates: { portalId: 2450012, objectTypeId: '0-2', objectId: 2003 },
    name: 'Difference Engine Works',
  },
  {
    callerIdType: 'CONTACT',
    objectCoordinates: { portalId: 2450012, objectTypeId: '0-1', objectId: 1004 },
    firstName: 'Augusta Ada',
    lastName: 'King',
    email: 'a.king@lovelace-estate.example',
  },
];

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/* ------------------------------------------------------------------ PNG: 24-bit -> 8-bit palette */
// Chromium writes 24-bit PNGs with fast compression. These shots are flat UI: a few dozen
// colours plus anti-aliasing, so a 256-colour palette (the 128 commonest colours exactly, the
// rare anti-aliasing shades median-cut into the other 128) looks the same at a third of the size.

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes) => {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

/** An 8-bit RGB or RGBA, non-interlaced PNG as `{ width, height, rgb }`; null for anything else (or any transparency). */
function decodePng(png) {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  let header;
  const idat = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') header = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), depth: data[8], colour: data[9], interlace: data[12] };
    else if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  if (!header || header.depth !== 8 || header.interlace !== 0 || (header.colour !== 2 && header.colour !== 6)) return null;
  const { width, height } = header;
  const bpp = header.colour === 6 ? 4 : 3;
  const stride = width * bpp;
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)];
    const line = y * stride;
    for (let x = 0; x < stride; x += 1) {
      const a = x >= bpp ? pixels[line + x - bpp] : 0;
      const b = y ? pixels[line - stride + x] : 0;
      const c = x >= bpp && y ? pixels[line - stride + x - bpp] : 0;
      let predicted = 0;
      if (filter === 1) predicted = a;
      else if (filter === 2) predicted = b;
      else if (filter === 3) predicted = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[line + x] = (raw[y * (stride + 1) + 1 + x] + predicted) & 0xff;
    }
  }
  if (bpp === 3) return { width, height, rgb: pixels };
  const rgb = Buffer.alloc(width * height * 3);
  for (let i = 0, j = 0; i < pixels.length; i += 4, j += 3) {
    if (pixels[i + 3] !== 0xff) return null;
    rgb[j] = pixels[i];
    rgb[j + 1] = pixels[i + 1];
    rgb[j + 2] = pixels[i + 2];
  }
  return { width, height, rgb };
}

const channel = (colour, k) => (colour >> (16 - 8 * k)) & 0xff;

/** Median cut of `colours` ([colour, count] pairs) into at most `boxes` weighted-mean colours. */
function medianCut(colours, boxes) {
  const spread = (box) => {
    let best = { range: -1, k: 0 };
    for (let k = 0; k < 3; k += 1) {
      const values = box.map(([c]) => channel(c, k));
      const range = Math.max(...values) - Math.min(...values);
      if (range > best.range) best = { range, k };
    }
    return best;
  };
  const list = colours.length ? [colours] : [];
  while (list.length < boxes) {
    let pick = -1;
    let pickScore = 0;
    list.forEach((box, i) => {
      if (box.length < 2) return;
      const score = spread(box).range * Math.sqrt(box.reduce((sum, [, n]) => sum + n, 0));
      if (score > pickScore) [pick, pickScore] = [i, score];
    });
    if (pick < 0) break;
    const box = list[pick];
    const { k } = spread(box);
    box.sort((x, y) => channel(x[0], k) - channel(y[0], k));
    const total = box.reduce((sum, [, n]) => sum + n, 0);
    let cut = 1;
    for (let seen = box[0][1]; cut < box.length - 1 && seen + box[cut][1] <= total / 2; cut += 1) seen += box[cut][1];
    list.splice(pick, 1, box.slice(0, cut), box.slice(cut));
  }
  return list.map((box) => {
    const total = box.reduce((sum, [, n]) => sum + n, 0);
    const mean = [0, 1, 2].map((k) => Math.round(box.reduce((sum, [c, n]) => sum + channel(c, k) * n, 0) / total));
    return (mean[0] << 16) | (mean[1] << 8) | mean[2];
  });
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** The PNG as an 8-bit palette PNG when that is smaller; `{ png, maxError }` (largest channel change). */
function shrinkPng(original) {
  const image = decodePng(original);
  if (!image) return { png: original, maxError: 0 };
  const { width, height, rgb } = image;
  const counts = new Map();
  for (let i = 0; i < rgb.length; i += 3) {
    const colour = (rgb[i] << 16) | (rgb[i + 1] << 8) | rgb[i + 2];
    counts.set(colour, (counts.get(colour) ?? 0) + 1);
  }
  const byCount = [...counts].sort((x, y) => y[1] - x[1]);
  const palette = byCount.length <= 256 ? byCount.map(([c]) => c) : [...byCount.slice(0, 128).map(([c]) => c), ...medianCut(byCount.slice(128), 128)];
  const indexOf = new Map();
  let maxError = 0;
  for (const [colour] of byCount) {
    let best = 0;
    let bestDistance = Infinity;
    palette.forEach((entry, i) => {
      let distance = 0;
      for (let k = 0; k < 3; k += 1) distance += (channel(entry, k) - channel(colour, k)) ** 2;
      if (distance < bestDistance) [best, bestDistance] = [i, distance];
    });
    indexOf.set(colour, best);
    for (let k = 0; k < 3; k += 1) maxError = Math.max(maxError, Math.abs(channel(palette[best], k) - channel(colour, k)));
  }
  // Filter type 0 on every row: the usual best for palette images.
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0, i = 0; y < height; y += 1) {
    raw[y * (width + 1)] = 0;
    for (let x = 0; x < width; x += 1, i += 3) raw[y * (width + 1) + 1 + x] = indexOf.get((rgb[i] << 16) | (rgb[i + 1] << 8) | rgb[i + 2]);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 3; // palette
  const plte = Buffer.alloc(palette.length * 3);
  palette.forEach((c, i) => plte.writeUIntBE(c, i * 3, 3));
  const png = Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('PLTE', plte),
    chunk('IDAT', deflateSync(raw, { level: 9, memLevel: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return png.length < original.length ? { png, maxError } : { png: original, maxError: 0 };
}

/**
 * A fresh host page and its calling app, through the handshake; `options` go to the app page
 * (theme, and optionally lang on the element, pageLang and dir on its <html>). Returns the
 * helpers each sequence of shots needs.
 */
async function openSession(browser, { hostOrigin, appOrigin }, options) {
  const { theme } = options;
  const problems = [];
  const page = await browser.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error in ${message.location()?.url ?? 'a page'}: ${message.text()}`);
  });
  const checkProblems = () => assert(!problems.length, problems.join('\n'));

  await page.setViewport({ width: WIDTH + 120, height: 900, deviceScaleFactor: SCALE });
  const url = new URL('/docs/screenshots/host.html', hostOrigin);
  url.search = new URLSearchParams(Object.entries({ app: appOrigin, ...options }).filter(([, v]) => v)).toString();
  await page.goto(url.href, { waitUntil: 'load' });

  /* -------------------------------------------------------------- HubSpot's side (host page) */
  const host = (method, ...args) => page.evaluate((m, a) => window.host[m](...a), method, args);
  /** The `index`-th message of `type` from the app, waiting for it. */
  const fromApp = (type, index = 0) =>
    page.evaluate((t, i, timeout) => window.host.waitFor(t, { index: i, timeout }).then((m) => JSON.parse(JSON.stringify(m))), type, index, TIMEOUT);

  await page.waitForFunction(() => window.host, { polling: 50 });
  const initialized = await fromApp('INITIALIZED');
  assert(initialized.data?.isLoggedIn === true && initialized.data?.isAvailable === true, `INITIALIZED says ${JSON.stringify(initialized.data)}`);

  /* -------------------------------------------------------------- the calling app (iframe) */
  const frame = page.frames().find((f) => f.url().startsWith(appOrigin));
  assert(frame, `No calling-app iframe on ${appOrigin}; frames: ${page.frames().map((f) => f.url()).join(', ')}`);
  const media = await frame.evaluate(() => ({ reduced: matchMedia('(prefers-reduced-motion: reduce)').matches, dpr: devicePixelRatio }));
  assert(media.reduced, 'The calling-app iframe does not see prefers-reduced-motion: reduce.');
  assert(media.dpr === SCALE, `The calling-app iframe renders at devicePixelRatio ${media.dpr}, not ${SCALE}.`);

  /** Calls a method of <hubspot-softphone> in the app, as the vendor's telephony code would. */
  const phone = (method, ...args) =>
    frame.evaluate((m, a) => JSON.parse(JSON.stringify(document.querySelector('hubspot-softphone')[m](...a) ?? null)), method, args);
  /**
   * What the element shows: the text of each shadow part, the theme, the notes, the value of
   * each input and select and each select's options (by part), and each toggle's aria-pressed
   * or aria-expanded (by part).
   */
  const view = () =>
    frame.evaluate(() => {
      const el = document.querySelector('hubspot-softphone');
      const root = el.shadowRoot;
      const parts = {};
      for (const node of root.querySelectorAll('[part]')) {
        for (const name of node.getAttribute('part').split(/\s+/)) (parts[name] ??= []).push(node.textContent.trim().replace(/\s+/g, ' '));
      }
      return {
        parts,
        theme: el.getAttribute('theme'),
        toggle: root.querySelector('[part~="availability-toggle"]')?.getAttribute('aria-checked') ?? null,
        notes: root.querySelector('[part~="notes"]')?.value ?? null,
        values: Object.fromEntries([...root.querySelectorAll('input[part], select[part]')].map((node) => [node.getAttribute('part'), node.value])),
        options: Object.fromEntries([...root.querySelectorAll('select[part]')].map((node) => [node.getAttribute('part'), [...node.options].map((o) => o.textContent.trim())])),
        pressed: Object.fromEntries(
          [...root.querySelectorAll('[part][aria-pressed], [part][aria-expanded]')].map((node) => [
            node.getAttribute('part'),
            node.getAttribute('aria-pressed') ?? node.getAttribute('aria-expanded'),
          ]),
        ),
        focused: root.activeElement?.getAttribute('part') ?? null,
      };
    });
  /** Waits until `test(view)` holds (polling the element's shadow DOM), then returns that view. */
  const waitForView = async (what, test) => {
    const deadline = Date.now() + TIMEOUT;
    for (;;) {
      const v = await view();
      if (test(v)) return v;
      if (Date.now() > deadline) throw new Error(`The element never showed ${what}; it shows ${JSON.stringify(v)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  /** A timer part just turned to `text`: a whole second to take the shot before it moves on. */
  const waitForClock = (what, partName, text, extra = () => true) =>
    waitForView(`${what} with ${partName} ${text}`, (v) => v.parts[partName]?.[0] === text && extra(v));

  /** Sets the iframe's height and waits until the app's viewport has it. */
  const frameHeight = async (h) => {
    await page.evaluate((px) => window.host.iframe.setAttribute('height', `${px}px`), h);
    await frame.waitForFunction((px) => window.innerHeight === px, { polling: 'raf' }, h);
  };

  /**
   * Shoots the iframe as `file` and checks the view did not change meanwhile. By default the
   * iframe is fitted to the element. The element fills its container up to the viewport's
   * height, so a shorter iframe from the shot before would cap it: it is measured without
   * that cap (as in HubSpot's 600 px widget, where it fits). `height` keeps the iframe at that
   * many pixels instead (the element then fills it). `check` runs once the iframe has its
   * height, before the shot; `flaws` then too, and what it returns (sentences) fails the run
   * once every PNG is written.
   */
  async function shoot(file, written, { height, check, flaws } = {}) {
    if (!height) {
      height = await frame.evaluate(() => {
        const el = document.querySelector('hubspot-softphone');
        el.style.maxHeight = 'none';
        const natural = Math.ceil(el.getBoundingClientRect().height);
        el.style.maxHeight = '';
        return natural;
      });
      assert(height < WIDGET_HEIGHT, `${file}: the element is ${height} px tall, more than the ${WIDGET_HEIGHT} px widget; shoot it with a fixed height.`);
    }
    await frameHeight(height);
    await frame.evaluate(() => document.fonts.ready.then(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))));
    await check?.();
    const flawed = (await flaws?.()) ?? [];
    const before = JSON.stringify(await view());
    const iframe = await page.$('#widget iframe');
    const shot = Buffer.from(await iframe.screenshot());
    const after = JSON.stringify(await view());
    assert(before === after, `${file}: the view changed while it was being shot:\n  ${before}\n  ${after}`);
    assert(JSON.parse(after).theme === theme, `${file}: the element's theme is ${JSON.parse(after).theme}`);
    checkProblems();
    // Shrunk and written at the end: the palette takes CPU time a running clock cannot spare.
    written.push({ file, shot, width: WIDTH * SCALE, height: height * SCALE, flaws: flawed });
  }

  return { page, frame, host, fromApp, phone, view, waitForView, waitForClock, shoot };
}

/** An inbound call from the sample caller, ringing with `matches`, until the ring time reads 0:03 (in the element's digits). */
async function ring({ frame, host, fromApp, phone, waitForClock }, matches, extra = () => true) {
  await phone('incomingCall', INBOUND);
  await fromApp('INCOMING_CALL');
  await host('createEngagementSucceeded', 7_700_001);
  await host('callerIdMatchSucceeded', matches);
  // formatDuration's digits: the element's language through Intl (lang="ar-EG" would count in Arabic-Indic).
  const clock = await frame.evaluate(() => {
    const lang = document.querySelector('hubspot-softphone').closest('[lang]')?.getAttribute('lang') || 'en';
    const n = (value, digits = 1) => value.toLocaleString(lang, { minimumIntegerDigits: digits, useGrouping: false });
    return `${n(0)}:${n(3, 2)}`;
  });
  return waitForClock(
    `the ringing card with ${matches.length} caller-ID matches`,
    'ring-time',
    clock,
    (v) => v.parts['caller-name']?.[0] === CALLER_NAME && v.parts['record-link']?.length === matches.length && extra(v),
  );
}

/**
 * The remote party hangs up TALK_MS into the answered call (a steady 0:05 of talk time); in
 * wrap-up the user types NOTES, then leaves the field (no caret, no focus ring). `extra` is
 * more of the wrap-up view to wait for.
 */
async function wrapUp({ frame, fromApp, waitForView }, shotBefore, extra = () => true) {
  const waited = await frame.evaluate(async (talk) => {
    const el = document.querySelector('hubspot-softphone');
    const wait = el.call.answeredAt + talk - Date.now();
    await new Promise((resolve) => setTimeout(resolve, wait));
    el.endCall();
    return wait;
  }, TALK_MS);
  assert(waited > 0, `The ${shotBefore} shot ran ${-waited} ms past the planned hang-up at ${TALK_MS} ms.`);
  await fromApp('CALL_ENDED');
  await waitForView('the wrap-up view', (v) => v.parts['wrap-up'] && v.parts.timer?.[0] === '0:05' && v.notes === '' && extra(v));
  await frame.type('pierce/[part~="notes"]', NOTES);
  await frame.evaluate(() => document.querySelector('hubspot-softphone').shadowRoot.activeElement?.blur());
  await waitForView('the typed notes', (v) => v.notes === NOTES && v.focused === null && extra(v));
}

/** One theme: a fresh host page, the element's handshake, then each state in turn. */
async function shootTheme(browser, theme, origins) {
  const session = await openSession(browser, origins, { theme });
  const { page, host, fromApp, phone, waitForView, waitForClock, shoot } = session;
  const written = [];
  const file = (state) => `${state}-${theme}.png`;

  // idle: signed in, available, handshake done.
  await waitForView('the idle view (available)', (v) => v.toggle === 'true' && !v.parts.status);
  await shoot(file('idle'), written);

  // ringing: an inbound call; HubSpot creates the engagement and matches a contact and a company.
  await ring(session, MATCHES);
  await shoot(file('ringing'), written);

  // connected: answered, a few seconds on the timer.
  await phone('answerCall');
  await fromApp('CALL_ANSWERED');
  await waitForClock('the connected view', 'timer', '0:04', (v) => !!v.parts.call);
  await shoot(file('connected'), written);

  // wrap-up: the remote party hangs up 5.2 s into the call (a steady 0:05 of talk time); the
  // user types notes, then leaves the field (no caret, no focus ring).
  await wrapUp(session, 'connected');
  await shoot(file('wrap-up'), written);

  // error: the call is logged, then HubSpot fails to create the next call's engagement.
  await phone('completeCall');
  const completed = await fromApp('CALL_COMPLETED');
  assert(completed.data.engagementProperties?.hs_call_body === NOTES, `CALL_COMPLETED carries ${JSON.stringify(completed.data)}`);
  await phone('outgoingCall', OUTBOUND);
  await fromApp('OUTGOING_CALL_STARTED');
  await host('fail', 'CREATE_ENGAGEMENT_FAILED', ENGAGEMENT_ERROR);
  await waitForClock('the CREATE_ENGAGEMENT_FAILED banner over the dialing view', 'timer', '0:02', (v) => v.parts.error?.[0]?.startsWith(ENGAGEMENT_ERROR));
  await shoot(file('error'), written);

  await page.close();
  return written;
}

/**
 * Where each of `selectors` (in the element's shadow root) is in the app's viewport, its
 * scrollHeight and clientHeight (what it clips), and the viewport's size.
 */
const boxes = (frame, selectors) =>
  frame.evaluate((list) => {
    const root = document.querySelector('hubspot-softphone').shadowRoot;
    return {
      viewport: { width: innerWidth, height: innerHeight },
      boxes: list.map((selector) => {
        const node = root.querySelector(selector);
        if (!node) return null;
        const { left, right, top, bottom } = node.getBoundingClientRect();
        return { selector, left, right, top, bottom, scrollHeight: node.scrollHeight, clientHeight: node.clientHeight };
      }),
    };
  }, selectors);

/** Each of `selectors` is on screen, below the one before it. */
async function checkStack(frame, what, selectors) {
  const at = await boxes(frame, selectors);
  const why = JSON.stringify(at);
  at.boxes.forEach((box, i) => {
    assert(box && inside(box, at.viewport), `${selectors[i]} is missing or off screen in ${what}: ${why}`);
    assert(!i || at.boxes[i - 1].bottom <= box.top + 0.5, `${selectors[i - 1]} overlaps ${selectors[i]} in ${what}: ${why}`);
  });
}

/** Sentences for each of `selectors` that clips its content (more than half a pixel of it). */
async function clipped(frame, selectors, say) {
  const { boxes: found } = await boxes(frame, selectors);
  return found.filter((box) => box && box.scrollHeight > box.clientHeight + 0.5).map((box) => say(box));
}

/**
 * One theme's built-in controls (BUILT_IN_STATES): a fresh host page whose element is given
 * BUILT_INS through its API once the handshake is done; extras/controls.js then loads.
 */
async function shootBuiltIns(browser, theme, origins) {
  const session = await openSession(browser, origins, { theme });
  const { page, frame, fromApp, phone, waitForView, waitForClock, shoot } = session;
  const written = [];
  const file = (state) => `${state}-${theme}.png`;
  const [main, second] = BUILT_INS.fromNumbers;
  const [connected] = BUILT_INS.outcomes;

  await waitForView('the idle view (available)', (v) => v.toggle === 'true' && !v.parts.status);
  await frame.evaluate(({ attributes, fromNumbers, outcomes }) => {
    const el = document.querySelector('hubspot-softphone');
    for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
    el.fromNumbers = fromNumbers;
    el.outcomes = outcomes;
  }, BUILT_INS);

  // dialpad: idle with the built-in dialpad (once extras/controls.js is in); the user types a
  // national number, which the field shows formatted as you type; the first from-number is picked.
  const fromLabel = (n) => `${n.friendlyName} (${n.e164PhoneNumber})`;
  await waitForView(
    'the built-in dialpad',
    (v) =>
      v.toggle === 'true' &&
      v.parts.dialpad &&
      v.values['dial-input'] === '' &&
      v.options['from-number']?.join('|') === `${fromLabel(main)}|${fromLabel(second)}` &&
      v.values['from-number'] === main.e164PhoneNumber &&
      v.parts.key?.length === 12 &&
      v.parts['dial-button']?.[0] === 'Call',
  );
  await frame.evaluate((digits) => {
    const input = document.querySelector('hubspot-softphone').shadowRoot.querySelector('[part~="dial-input"]');
    input.value = digits;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }, DIALED.typed);
  await waitForView(
    `the dialpad showing ${DIALED.shown}`,
    (v) => v.values['dial-input'] === DIALED.shown && v.values['from-number'] === main.e164PhoneNumber && v.focused === null,
  );
  const invalid = await frame.evaluate(() => document.querySelector('hubspot-softphone').shadowRoot.querySelector('[part~="dial-input"]').getAttribute('aria-invalid'));
  assert(invalid === 'false', `The dialpad marks ${DIALED.shown} invalid (aria-invalid=${invalid}).`);
  await shoot(file('dialpad'), written);

  // controls: the connected call's built-in controls; the telephony mutes and holds the call (an
  // "On hold" badge), and the user opens the keypad (the caller's number and matches make room).
  // Shot in the whole 360x600 widget, as HubSpot shows it: five controls take two rows, and with
  // the keypad the view needs about 610 px. Each piece is checked on screen and clear of the
  // next; `flaws` tells whether the caller's name is what gives way.
  await ring(session, MATCHES);
  await phone('answerCall');
  await fromApp('CALL_ANSWERED');
  await waitForView('the built-in call controls', (v) => v.parts.call && CONTROL_BUTTONS.every((part) => v.parts[part]) && !v.parts.keypad);
  const muted = await phone('setMuted', true);
  const held = await phone('setHeld', true);
  assert(muted.muted === true && held.muted === true && held.held === true, `setMuted/setHeld returned ${JSON.stringify({ muted, held })}`);
  await frame.click('pierce/[part~="keypad-button"]');
  // A click leaves focus on the button; off it, as in the wrap-up shot (no focus ring).
  await frame.evaluate(() => document.querySelector('hubspot-softphone').shadowRoot.activeElement?.blur());
  await waitForClock(
    'the connected view, muted and on hold, with the keypad open',
    'timer',
    // 0:03, not the connected shot's 0:04: the shot in the whole widget, its checks and the
    // controls' steps before it all come out of the time until the hang-up at TALK_MS.
    '0:03',
    (v) =>
      v.parts['caller-name']?.[0] === CALLER_NAME &&
      v.parts['call-state']?.[0] === 'On hold' &&
      v.pressed['mute-button'] === 'true' &&
      v.pressed['hold-button'] === 'true' &&
      v.pressed['record-button'] === 'false' &&
      v.pressed['keypad-button'] === 'true' &&
      v.pressed['notes-button'] === 'false' &&
      v.parts.keypad &&
      v.parts.key?.length === 12 &&
      v.focused === null,
  );
  await shoot(file('controls'), written, {
    height: WIDGET_HEIGHT,
    check: () =>
      checkStack(frame, 'the controls view', ['[part~="caller-name"]', '[part~="timer"]', '[part~="call-state"]', '.controls', '[part~="keypad"]', '[part~="notes-button"]', '[part~="hangup-button"]']),
    flaws: () =>
      clipped(frame, ['[part~="caller-name"]'], (box) => `The caller's name is clipped: ${box.clientHeight} of its ${box.scrollHeight} px show (the view is taller than the widget and the name gives way).`),
  });

  // outcome: that call's wrap-up with the outcome picker (required: it starts on "Choose an
  // outcome"); notes as in the wrap-up shot, then the user picks Connected.
  const picker = (v) => v.options.outcome?.join('|') === ['Choose an outcome', ...BUILT_INS.outcomes.map((o) => o.label)].join('|');
  await wrapUp(session, 'controls', (v) => picker(v) && v.values.outcome === '');
  await frame.evaluate((id) => {
    const select = document.querySelector('hubspot-softphone').shadowRoot.querySelector('[part~="outcome"]');
    select.value = id;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  }, connected.id);
  await waitForView(`the outcome ${connected.label} picked`, (v) => picker(v) && v.values.outcome === connected.id && v.notes === NOTES && v.focused === null);
  const shown = await frame.evaluate(() => {
    const select = document.querySelector('hubspot-softphone').shadowRoot.querySelector('[part~="outcome"]');
    return { label: select.selectedOptions[0]?.textContent.trim(), invalid: select.getAttribute('aria-invalid') };
  });
  assert(shown.label === connected.label && shown.invalid === 'false', `The outcome picker shows ${JSON.stringify(shown)}`);
  // In the whole widget too: the picker under the notes makes the view about 605 px, and the
  // match list (the piece meant to give way) then scrolls; `flaws` tells.
  await shoot(file('outcome'), written, {
    height: WIDGET_HEIGHT,
    check: () => checkStack(frame, 'the outcome view', ['[part~="caller-name"]', 'ul', '[part~="notes"]', '[part~="outcome"]', '[part~="done-button"]']),
    flaws: () =>
      clipped(frame, ['[part~="caller-name"]', 'ul'], (box) =>
        box.selector === 'ul'
          ? `The caller-ID match list scrolls: ${box.clientHeight} of its ${box.scrollHeight} px show, with a scrollbar (the view is taller than the widget).`
          : `The caller's name is clipped: ${box.clientHeight} of its ${box.scrollHeight} px show.`,
      ),
  });

  // The pick is what HubSpot logs.
  await phone('completeCall');
  const completed = await fromApp('CALL_COMPLETED');
  const logged = completed.data.engagementProperties ?? {};
  assert(logged.hs_call_disposition === connected.id && logged.hs_call_body === NOTES, `CALL_COMPLETED carries ${JSON.stringify(completed.data)}`);

  await page.close();
  return written;
}

/** Where each of the ringing card's round buttons is, in the app's viewport, and what scrolls. */
const layout = (frame) =>
  frame.evaluate(() => {
    const el = document.querySelector('hubspot-softphone');
    const root = el.shadowRoot;
    const box = (node) => {
      const { left, right, top, bottom } = node.getBoundingClientRect();
      return { left, right, top, bottom };
    };
    const list = root.querySelector('ul');
    return {
      viewport: { width: innerWidth, height: innerHeight },
      element: box(el),
      direction: getComputedStyle(el).direction,
      answer: box(root.querySelector('[part~="answer-button"]')),
      decline: box(root.querySelector('[part~="decline-button"]')),
      list: list && { ...box(list), scrollHeight: list.scrollHeight, clientHeight: list.clientHeight },
    };
  });

/** Whether the answer button's font draws each of `text`'s characters as a glyph of its own (no font: all the same empty box). */
const distinctGlyphs = (frame, text) =>
  frame.evaluate((chars) => {
    const button = document.querySelector('hubspot-softphone').shadowRoot.querySelector('[part~="answer-button"]');
    const style = getComputedStyle(button);
    const canvas = new OffscreenCanvas(48, 48);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    context.font = `${style.fontWeight} 40px ${style.fontFamily}`;
    const drawn = chars.map((char) => {
      context.clearRect(0, 0, 48, 48);
      context.fillText(char, 2, 40);
      return context.getImageData(0, 0, 48, 48).data.join();
    });
    return new Set(drawn).size === chars.length;
  }, [...new Set(text)]);

const inside = (box, viewport) => box.top >= 0 && box.left >= 0 && box.bottom <= viewport.height && box.right <= viewport.width;

/**
 * The ringing card alone, in one variant each: six matches in the 360x600 widget (both themes),
 * German and Japanese (`lang` on the element; their strings load on demand from
 * dist/locales/), and a right-to-left page.
 */
const RINGING_SHOTS = [
  ...THEMES.map((theme) => ({
    file: `ringing-six-${theme}.png`,
    options: { theme },
    matches: SIX_MATCHES,
    height: WIDGET_HEIGHT,
    async check(frame) {
      const at = await layout(frame);
      const why = JSON.stringify(at);
      assert(Math.round(at.element.bottom - at.element.top) === WIDGET_HEIGHT, `The element is not ${WIDGET_HEIGHT} px tall in the widget: ${why}`);
      assert(at.list && at.list.scrollHeight > at.list.clientHeight + 20, `Six matches do not make the match list scroll: ${why}`);
      assert(inside(at.answer, at.viewport) && inside(at.decline, at.viewport), `Answer or Decline is off screen with six matches: ${why}`);
      assert(at.list.bottom <= at.decline.top && at.list.bottom <= at.answer.top, `The match list overlaps the buttons: ${why}`);
    },
  })),
  { file: 'ringing-de.png', options: { theme: 'light', lang: 'de' }, matches: MATCHES, locale: 'de' },
  {
    file: 'ringing-ja.png',
    options: { theme: 'light', lang: 'ja' },
    matches: MATCHES,
    locale: 'ja',
    async check(frame, strings) {
      const text = strings.answer + strings.decline + strings.incomingCall;
      assert(await distinctGlyphs(frame, text), `No font draws ${text} (all boxes): install one, e.g. apt-get install fonts-noto-cjk`);
    },
  },
  {
    file: 'ringing-rtl.png',
    options: { theme: 'light', pageLang: 'ar', dir: 'rtl' },
    matches: MATCHES,
    async check(frame) {
      const at = await layout(frame);
      assert(at.direction === 'rtl', `The element's direction is ${at.direction} on a dir="rtl" page.`);
      assert(at.decline.left > at.answer.right, `Decline is not right of Answer on a right-to-left page: ${JSON.stringify(at)}`);
    },
  },
];

/** One variant of the ringing card, on a fresh host page. */
async function shootRinging(browser, origins, { file, options, matches, height, locale, check }) {
  const session = await openSession(browser, origins, options);
  // The language's own strings, as the element loads them (dist/locales/<lang>.js); English is built in.
  const strings = locale ? (await import(`../dist/locales/${locale}.js`)).default : { answer: 'Answer', decline: 'Decline' };
  await ring(session, matches, (v) => v.parts['answer-button']?.[0] === strings.answer && v.parts['decline-button']?.[0] === strings.decline);
  await check?.(session.frame, strings);
  const written = [];
  await session.shoot(file, written, { height });
  await session.page.close();
  return written;
}

async function main() {
  mkdirSync(OUT_DIR, { recursive: true });
  const server = await start({ hostPort: 0, appPort: 0 });
  let browser;
  try {
    const origins = { hostOrigin: new URL(server.hostUrl).origin, appOrigin: new URL(server.appUrl).origin };
    // Switches, not page.emulateMediaFeatures() and the viewport's deviceScaleFactor alone: those
    // do not reach the cross-origin iframe's renderer process.
    browser = await puppeteer.launch({
      executablePath: findBrowser('chromium'),
      // Puppeteer hides scrollbars by default; the six-match shot shows its list's, as a desktop
      // browser with classic scrollbars would (no other shot has anything to scroll).
      ignoreDefaultArgs: ['--hide-scrollbars'],
      args: [...CHROMIUM_ARGS, '--force-prefers-reduced-motion', `--force-device-scale-factor=${SCALE}`],
    });
    // One page after the other: a page in the background gets no animation frames.
    const results = [];
    for (const theme of THEMES) results.push(...(await shootTheme(browser, theme, origins)));
    for (const theme of THEMES) results.push(...(await shootBuiltIns(browser, theme, origins)));
    for (const shot of RINGING_SHOTS) results.push(...(await shootRinging(browser, origins, shot)));
    const files = [...[...STATES, ...BUILT_IN_STATES].flatMap((state) => THEMES.map((theme) => `${state}-${theme}.png`)), ...RINGING_SHOTS.map((shot) => shot.file)];
    results.sort((a, b) => files.indexOf(a.file) - files.indexOf(b.file));
    for (const result of results) {
      const { png, maxError } = shrinkPng(result.shot);
      writeFileSync(`${OUT_DIR}${result.file}`, png);
      Object.assign(result, { bytes: png.length, rawBytes: result.shot.length, maxError });
    }
    let tooBig = 0;
    let flawed = 0;
    const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
    for (const { file, bytes, rawBytes, maxError, width, height, flaws = [] } of results) {
      const big = bytes > MAX_BYTES;
      tooBig += big;
      flawed += flaws.length > 0;
      console.log(`${big ? 'TOO BIG ' : ''}${flaws.length ? 'FLAWED ' : ''}docs/screenshots/${file}  ${width}x${height}  ${kb(bytes)} (Chromium's: ${kb(rawBytes)}; palette error ≤ ${maxError}/255)`);
      for (const flaw of flaws) console.log(`  ${flaw}`);
    }
    const missing = files.filter((file) => !results.some((r) => r.file === file));
    assert(!missing.length && results.length === files.length, `Wrote ${results.map((r) => r.file).join(', ')}; expected ${files.join(', ')}.`);
    assert(!tooBig, `${tooBig} PNG(s) over ${MAX_BYTES / 1024} KB.`);
    assert(!flawed, `${flawed} PNG(s) with a flawed layout (above).`);
  } finally {
    await browser?.close();
    await server.stop();
  }
}

// A run takes about a minute (nine host pages, most with a call's seconds to wait out); a hung
// browser must not hang the script.
const watchdog = setTimeout(() => {
  console.error('\nscreenshots failed: still running after 180 s.');
  process.exit(1);
}, 180_000);
watchdog.unref();

try {
  await main();
} catch (error) {
  console.error(`\nscreenshots failed: ${error?.stack ?? error}`);
  process.exit(1);
}
