import { expect } from '@open-wc/testing';
import type { HubSpotSoftphone } from '../../src/index.js';
import { mount, unmount } from './mount.js';

/** Counts what a window has running: listeners on it, pending timeouts, live intervals. */
function instrument(win: Window & typeof globalThis) {
  const listeners: [string, unknown, boolean][] = [];
  const timeouts = new Set<unknown>();
  const intervals = new Set<unknown>();
  const { addEventListener, removeEventListener, setTimeout, clearTimeout, setInterval, clearInterval } = win;
  // A bare `addEventListener(...)` call in module code arrives with `this` undefined.
  const onWindow = (self: unknown) => self === win || self === undefined;
  const capture = (options: unknown) => (typeof options === 'boolean' ? options : !!(options as AddEventListenerOptions | undefined)?.capture);
  win.addEventListener = function (this: unknown, type: string, fn: unknown, options?: unknown) {
    if (onWindow(this) && !listeners.some(([t, f, c]) => t === type && f === fn && c === capture(options))) listeners.push([type, fn, capture(options)]);
    return addEventListener.call(this ?? win, type, fn as EventListener, options as boolean);
  } as typeof win.addEventListener;
  win.removeEventListener = function (this: unknown, type: string, fn: unknown, options?: unknown) {
    const index = listeners.findIndex(([t, f, c]) => t === type && f === fn && c === capture(options));
    if (onWindow(this) && index >= 0) listeners.splice(index, 1);
    return removeEventListener.call(this ?? win, type, fn as EventListener, options as boolean);
  } as typeof win.removeEventListener;
  win.setTimeout = ((fn: () => void, ms?: number) => {
    const id: unknown = setTimeout(() => {
      timeouts.delete(id);
      fn();
    }, ms);
    timeouts.add(id);
    return id;
  }) as typeof win.setTimeout;
  win.clearTimeout = ((id: number) => {
    timeouts.delete(id);
    clearTimeout(id);
  }) as typeof win.clearTimeout;
  win.setInterval = ((fn: () => void, ms?: number) => {
    const id = setInterval(fn, ms);
    intervals.add(id);
    return id;
  }) as typeof win.setInterval;
  win.clearInterval = ((id: number) => {
    intervals.delete(id);
    clearInterval(id);
  }) as typeof win.clearInterval;
  return {
    count: () => ({ listeners: listeners.map(([t, , c]) => `${t}${c ? ' (capture)' : ''}`).sort(), timeouts: timeouts.size, intervals: intervals.size }),
    restore: () => Object.assign(win, { addEventListener, removeEventListener, setTimeout, clearTimeout, setInterval, clearInterval }),
  };
}

const microtasks = async (n: number) => {
  for (let i = 0; i < n; i++) await Promise.resolve();
};

describe('no leaks', () => {
  afterEach(unmount);

  it('1,000 mount/unmount cycles, half of them mid-call, leave no listeners or timers behind', async function () {
    this.timeout(60_000);
    const { win, host } = await mount();
    const probe = instrument(win);
    try {
      const before = probe.count();
      for (let i = 0; i < 1000; i++) {
        const el = win.document.createElement('hubspot-softphone') as HubSpotSoftphone;
        el.setAttribute('allowed-origins', location.origin);
        el.setAttribute('logged-in', '');
        win.document.body.append(el);
        // Let it load the SDK and adopt the handshake (a task or two, depending on the browser).
        for (let tries = 0; !el.ready && tries < 100; tries++) await new Promise((r) => setTimeout(r));
        await el.updateComplete;
        if (i % 2) {
          el.incomingCall({ fromNumber: '+15551230001', toNumber: '+15551230002' });
          await el.updateComplete;
        }
        el.remove();
        await microtasks(5);
      }
      await new Promise((r) => setTimeout(r, 50));
      expect(probe.count()).to.deep.equal(before);
      // The cycles really ran: each element that connected said hello to HubSpot.
      await host.waitFor('INITIALIZED', { index: 1000 });
      await host.waitFor('INCOMING_CALL', { index: 499 });
    } finally {
      probe.restore();
    }
  });
});
