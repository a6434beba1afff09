/**
 * The benchmark's HubSpot side: `HubSpotHost` (the SDK's IFrameManager in host mode) on the
 * host origin, loading the bench app pages from the app origin (`?app=ORIGIN`).
 * scripts/bench.mjs drives it through `window.bench`; every time here is this page's
 * `performance.now()` unless it says "abs" (timeOrigin + now, comparable across processes).
 */
import { HubSpotHost } from '/dist/host/hubspot-host.js';
import { SAMPLE_MATCHES as MATCHES } from '/demo/sample-matches.js';

const APP_ORIGIN = new URLSearchParams(location.search).get('app');
const PAGES = { element: '/bench/app-element.html', bare: '/bench/app-bare.html' };
const CONTAINER = '#app';

// The SDK logs every message with console.debug; on the host side that is only simulator
// overhead (and CDP traffic to the driver), so it is silenced here. The app frames keep theirs.
console.debug = () => {};

const absNow = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function appUrl(kind) {
  if (!PAGES[kind]) throw new Error(`No bench app page "${kind}"`);
  return `${APP_ORIGIN}${PAGES[kind]}?host=${encodeURIComponent(location.origin)}`;
}

/**
 * Creates the calling iframe and resolves once the app's INITIALIZED arrives. `t0` is taken
 * right before `new HubSpotHost` (which creates and inserts the iframe).
 */
function createHost(kind, { timeout = 15000, onMessage } = {}) {
  return new Promise((resolve, reject) => {
    let host;
    let loadedAt = NaN;
    const timer = setTimeout(() => {
      const seen = host ? host.log.map((m) => `${m.direction === 'to-app' ? '>' : '<'}${m.type}`).join(' ') : '';
      host?.destroy();
      reject(new Error(`No INITIALIZED from the ${kind} app within ${timeout} ms; log: ${seen || '(empty)'}`));
    }, timeout);
    const t0 = performance.now();
    host = new HubSpotHost({
      src: appUrl(kind),
      container: CONTAINER,
      sync: { portalId: 2450012, userId: 9001, ownerId: 7001, iframeLocation: 'widget', usesCallingWindow: false },
      onMessage(message) {
        if (message.direction === 'from-app' && message.type === 'INITIALIZED' && host.received('INITIALIZED').length === 1) {
          const t1 = performance.now();
          clearTimeout(timer);
          const syncs = host.log.filter((m) => m.direction === 'to-app' && m.type === 'SYNC').length;
          const abs = (t) => performance.timeOrigin + t;
          resolve({ host, ms: t1 - t0, loadMs: loadedAt - t0, syncs, createdAbs: abs(t0), loadAbs: abs(loadedAt), initializedAbs: abs(t1) });
        }
        onMessage?.(message, host);
      },
    });
    host.iframe.addEventListener('load', () => (loadedAt = performance.now()), { once: true });
  });
}

let current = null;
let autoMatch = false;
/** (f): a calling window and a remote, each its own HubSpotHost. */
let mirror = [];

window.bench = {
  ready: true,
  appOrigin: APP_ORIGIN,
  matches: MATCHES,

  /**
   * Opens an app iframe that stays until close(); resolves once its INITIALIZED arrives, with
   * (a)'s times: iframe created -> INITIALIZED (ms), -> iframe load event (loadMs), SYNCs sent.
   */
  async open(kind) {
    this.close();
    const { host, ms, loadMs, syncs, createdAbs, loadAbs, initializedAbs } = await createHost(kind, {
      onMessage(message, h) {
        // (d): HubSpot answers every incoming call with a caller-ID match.
        // (b): as HubSpot does when nobody has the number, so no call is left waiting for an answer.
        if (autoMatch && message.direction === 'from-app' && message.type === 'INCOMING_CALL') {
          if (autoMatch === 'fail') h.fail('CALLER_ID_MATCH_FAILED', 'No contact or company has this phone number.');
          else h.callerIdMatchSucceeded(MATCHES);
        }
      },
    });
    current = host;
    window.host = host;
    return { ms, loadMs, syncs, createdAbs, loadAbs, initializedAbs };
  },

  close() {
    current?.destroy();
    current = null;
    autoMatch = false;
    for (const host of mirror) host.destroy();
    for (const role of ['window', 'remote']) document.getElementById(`mirror-${role}`)?.remove();
    mirror = [];
  },

  /**
   * (f): HubSpot's calling window (owner) and one HubSpot tab's remote frame, on one channel,
   * side by side; resolves once both have answered SYNC. Frames are told apart by `?role=`.
   */
  async openMirror() {
    this.close();
    const channel = `bench-${Math.random().toString(36).slice(2)}`;
    const base = { portalId: 2450012, userId: 9001, ownerId: 7001, usesCallingWindow: true };
    for (const [i, role] of ['window', 'remote'].entries()) {
      const id = `mirror-${role}`;
      document.getElementById(id)?.remove();
      // Side by side at the top: headless Chromium crashes on rAF in an iframe scrolled out of view.
      const container = Object.assign(document.createElement('div'), { id });
      container.style.cssText = `position: fixed; top: 8px; left: ${8 + i * 410}px; width: 400px; height: 600px; background: #fff`;
      document.body.append(container);
      const host = new HubSpotHost({
        src: `${appUrl('element')}&channel=${channel}&role=${role}`,
        container: `#${id}`,
        sync: { ...base, iframeLocation: role },
      });
      mirror.push(host);
      await host.waitFor('INITIALIZED', { timeout: 15000 });
    }
  },

  /** true: every incoming call gets a caller-ID match; 'fail': a failed lookup; false: no answer. */
  setAutoMatch(on) {
    autoMatch = on === 'fail' ? 'fail' : !!on;
  },

  /** (c) HubSpot answers the caller-ID lookup after `delay` ms (a sub-frame delay); returns the abs send time. */
  async sendMatch(delay = Math.random() * 17) {
    await sleep(delay);
    const sentAt = absNow();
    current.callerIdMatchSucceeded(MATCHES);
    return sentAt;
  },

  /**
   * Clock check between this page and the app frame (another renderer process): ping-pong
   * over postMessage. offset = app abs clock - host abs clock, from the lowest-RTT samples.
   */
  async clockCheck(rounds = 40) {
    const frame = current.iframe.contentWindow;
    const samples = [];
    for (let i = 0; i < rounds; i += 1) {
      const reply = new Promise((resolve) => {
        const onReply = (event) => {
          if (event.origin !== APP_ORIGIN || event.data?.benchClockReply !== i) return;
          removeEventListener('message', onReply);
          resolve(event.data.at);
        };
        addEventListener('message', onReply);
      });
      const sent = absNow();
      frame.postMessage({ benchClock: i }, APP_ORIGIN);
      const appAt = await reply;
      const back = absNow();
      samples.push({ rtt: back - sent, offset: appAt - (sent + back) / 2 });
      await sleep(5);
    }
    samples.sort((x, y) => x.rtt - y.rtt);
    const best = samples.slice(0, Math.max(3, Math.floor(rounds / 4)));
    const offsets = best.map((s) => s.offset).sort((x, y) => x - y);
    return { offset: offsets[Math.floor(offsets.length / 2)], minRtt: samples[0].rtt, maxOffset: Math.max(...offsets.map(Math.abs)) };
  },

  /** (f): what the window's and the remote's HubSpot heard, by type. */
  mirrorCounts() {
    return mirror.map((host) => host.received().reduce((counts, m) => ({ ...counts, [m.type]: (counts[m.type] ?? 0) + 1 }), {}));
  },

  /** Messages of one type the host has logged, for checks. */
  count(type, direction = 'from-app') {
    return current ? current.log.filter((m) => m.type === type && m.direction === direction).length : 0;
  },
};
