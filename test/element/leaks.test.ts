import { expect } from '@open-wc/testing';
import type { HubSpotSoftphone } from '../../src/index.js';
import { DETACH_GRACE_MS } from '../../src/session/phone-session.js';
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
  // BroadcastChannels open, and Web Locks held or waited for, counted where they are made.
  const channels = new Set<BroadcastChannel>();
  const NativeChannel = win.BroadcastChannel;
  win.BroadcastChannel = class extends NativeChannel {
    constructor(name: string) {
      super(name);
      channels.add(this);
    }
    override close() {
      channels.delete(this);
      super.close();
    }
  };
  const locks = { held: 0, waiting: 0 };
  const { locks: lockManager } = win.navigator;
  const request = lockManager.request;
  lockManager.request = function (name: string, options: LockOptions, callback: LockGrantedCallback) {
    locks.waiting++;
    let granted = false;
    const promise = request.call(lockManager, name, options, async (lock) => {
      granted = true;
      locks.waiting--;
      if (lock) locks.held++;
      try {
        return await callback(lock);
      } finally {
        if (lock) locks.held--;
      }
    });
    promise.catch(() => !granted && locks.waiting--);
    return promise;
  } as typeof lockManager.request;
  return {
    count: () => ({
      listeners: listeners.map(([t, , c]) => `${t}${c ? ' (capture)' : ''}`).sort(),
      timeouts: timeouts.size,
      intervals: intervals.size,
      channels: channels.size,
      locks: { ...locks },
    }),
    restore: () => {
      Object.assign(win, { addEventListener, removeEventListener, setTimeout, clearTimeout, setInterval, clearInterval, BroadcastChannel: NativeChannel });
      lockManager.request = request;
    },
  };
}

const microtasks = async (n: number) => {
  for (let i = 0; i < n; i++) await Promise.resolve();
};

describe('no leaks', () => {
  afterEach(unmount);

  it('1,000 mount/unmount cycles, half of them mid-call, leave no listeners, timers, channels or locks behind', async function () {
    this.timeout(90_000);
    const { win, host, el: first } = await mount();
    // Only the cycles' elements: the fixture's own would be a second view of the same call.
    first.remove();
    await new Promise((r) => setTimeout(r, DETACH_GRACE_MS + 100));
    const probe = instrument(win);
    try {
      const before = probe.count();
      let running: HubSpotSoftphone['call'] = null;
      let peak = 0;
      for (let i = 0; i < 1000; i++) {
        const el = win.document.createElement('hubspot-softphone') as HubSpotSoftphone;
        el.setAttribute('allowed-origins', location.origin);
        el.setAttribute('logged-in', '');
        win.document.body.append(el);
        // Let it load the SDK, adopt the handshake and win the election (a few tasks, depending on the browser).
        for (let tries = 0; !el.isOwner && tries < 100; tries++) await new Promise((r) => setTimeout(r));
        await el.updateComplete;
        if (running) {
          // The element removed mid-call left the call to its replacement, which finishes it.
          expect(el.call?.externalCallId).to.equal(running.externalCallId);
          el.endCall();
          el.completeCall();
          running = null;
        } else if (i % 2 === 0) {
          running = el.incomingCall({ fromNumber: '+15551230001', toNumber: '+15551230002' });
          await el.updateComplete;
        }
        peak = Math.max(peak, probe.count().channels);
        el.remove();
        await microtasks(5);
      }
      // The page's session outlives its last element by a grace, in case a replacement comes.
      await new Promise((r) => setTimeout(r, DETACH_GRACE_MS + 100));
      expect(probe.count()).to.deep.equal(before);
      // The cycles really ran and really used a channel and a lock.
      expect(peak).to.equal(1);
      expect((await host.waitFor('CALL_COMPLETED', { index: 499 })).data).to.have.property('externalCallId');
      expect(host.received('INCOMING_CALL')).to.have.length(500);
    } finally {
      probe.restore();
    }
  });
});
