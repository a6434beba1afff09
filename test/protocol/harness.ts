/**
 * The test page plays HubSpot with the same host module as the simulator, and talks to the
 * frame driver for what a vendor's page would do inside the iframe.
 */
import { HubSpotHost, type SyncContext } from '../../src/host/hubspot-host.js';
import type { DriverCommand } from './fixtures/frame-driver.js';

/** Lets the browser (and the other frames) run for `ms`. */
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const HOST_ORIGIN = location.origin;
/** Same server, other host name: a different origin, as HubSpot and the vendor are. */
export const APP_ORIGIN = HOST_ORIGIN.includes('localhost')
  ? HOST_ORIGIN.replace('localhost', '127.0.0.1')
  : HOST_ORIGIN.replace('127.0.0.1', 'localhost');

export interface HostMessageSummary {
  type: string;
  data?: unknown;
}

export interface DriverEvent {
  event: string;
  detail: any;
}

export class Softphone {
  readonly events: DriverEvent[] = [];
  #pending = new Map<number, { resolve: (v: any) => void; reject: (e: any) => void }>();
  #nextId = 1;
  #loaded: Promise<void>;
  #listener: (event: MessageEvent) => void;
  #waiters = new Set<() => void>();

  constructor(readonly host: HubSpotHost) {
    let loaded!: () => void;
    this.#loaded = new Promise((resolve) => (loaded = resolve));
    this.#listener = ({ data, source }: MessageEvent) => {
      if (source !== host.iframe.contentWindow || !data?.__driver) return;
      if (data.loaded || data.event === 'cdn-ready') loaded();
      if (data.event) {
        this.events.push({ event: data.event, detail: data.detail });
        for (const check of [...this.#waiters]) check();
      }
      const pending = this.#pending.get(data.id);
      if (!pending) return;
      this.#pending.delete(data.id);
      if (data.error) pending.reject(Object.assign(new Error(data.error.message), data.error));
      else pending.resolve(data.value);
    };
    addEventListener('message', this.#listener);
  }

  loaded(): Promise<void> {
    return this.#loaded;
  }

  /** A command posted while the frame navigates can land in the document that is leaving: it then fails after `timeout`. */
  command(command: DriverCommand, { timeout = 5000 } = {}): Promise<any> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`The frame did not answer ${command.op} within ${timeout} ms.`));
      }, timeout);
      const settle = (fn: (v: any) => void) => (v: any) => (clearTimeout(timer), fn(v));
      this.#pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
      this.host.iframe.contentWindow!.postMessage({ __driver: true, id, command }, APP_ORIGIN);
    });
  }

  batch(...commands: DriverCommand[]): Promise<any[]> {
    return this.command({ op: 'batch', commands });
  }

  call(method: string, ...args: unknown[]): Promise<any> {
    return this.command({ op: 'call', method, args });
  }

  set(prop: string, value: unknown) {
    return this.command({ op: 'set', prop, value });
  }

  click(part: string, index?: number) {
    return this.command({ op: 'click', part, index });
  }

  input(part: string, value: string) {
    return this.command({ op: 'input', part, value });
  }

  attribute(part: string, name: string, index?: number): Promise<string | null> {
    return this.command({ op: 'attribute', part, name, index });
  }

  choose(part: string, value: string) {
    return this.command({ op: 'choose', part, value });
  }

  read(part: string): Promise<string[]> {
    return this.command({ op: 'read', part });
  }

  value(part: string): Promise<string> {
    return this.command({ op: 'value', part });
  }

  inspect(): Promise<{
    ready: boolean; isOwner: boolean; call: any; hostContext: any; available: boolean;
    selfMessages: unknown[]; uncaught: string[]; polluted: string[]; warnings: string[]; text: string;
  }> {
    return this.command({ op: 'inspect' });
  }

  /** Polls the frame until `check` passes on what it shows, or fails naming what it last saw. */
  async until(check: (state: Awaited<ReturnType<Softphone['inspect']>>) => boolean, { timeout = 3000, what = 'the expected state' } = {}) {
    const deadline = Date.now() + timeout;
    let text = '(no answer)';
    for (;;) {
      // A reloading frame may drop one inspect: ask again.
      const state = await this.command({ op: 'inspect' }, { timeout: 500 }).catch(() => null);
      if (state && check(state)) return state;
      if (state) text = state.text;
      if (Date.now() > deadline) throw new Error(`No ${what} within ${timeout} ms; the frame shows: ${text}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  eventsOf(type: string): DriverEvent[] {
    return this.events.filter((e) => e.event === type);
  }

  /** The `index`-th event of `type` (whose detail passes `where`, if given), waiting for it if need be. */
  waitForEvent(type: string, { index = 0, timeout = 3000, where = (_detail: any) => true } = {}): Promise<DriverEvent> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.eventsOf(type).filter((e) => where(e.detail))[index];
        if (!found) return;
        this.#waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`No ${type} #${index} within ${timeout} ms; saw ${this.events.map((e) => e.event).join(', ') || 'nothing'}.`));
      }, timeout);
      this.#waiters.add(check);
      check();
    });
  }

  dispose(): void {
    removeEventListener('message', this.#listener);
    removeHostFrame(this.host);
  }
}

/**
 * A fresh HubSpotHost whose iframe loads the frame driver from `origin`, with the element's
 * attributes (allowed-origins = this page, signed in, a channel of its own, then `attrs`; null
 * leaves one out). Frames that play one HubSpot user's tabs each get their own `id` and share a `channel`.
 */
export function hostFrame(options: { origin: string; attrs?: Record<string, string | null>; sync: SyncContext; holdSync?: boolean; src?: string; id?: string; query?: Record<string, string> }): HubSpotHost {
  const id = options.id ?? 'hubspot-host';
  document.getElementById(id)?.remove();
  document.body.append(Object.assign(document.createElement('div'), { id }));
  // Its own channel (which also names the stored call), so no test inherits another's call.
  const channel = `test-${Math.random().toString(36).slice(2)}`;
  const query = new URLSearchParams({ attrs: JSON.stringify({ 'allowed-origins': HOST_ORIGIN, 'logged-in': '', channel, ...options.attrs }), ...options.query });
  const src = options.src ?? `${options.origin}/test/protocol/fixtures/frame.html?${query}`;
  return new HubSpotHost({ src, container: `#${id}`, sync: options.sync, holdSync: options.holdSync });
}

export function removeHostFrame(host: HubSpotHost): void {
  const container = host.iframe?.parentElement;
  host.destroy();
  container?.remove();
}

export interface OpenOptions {
  attrs?: Record<string, string | null>;
  sync?: SyncContext;
  holdSync?: boolean;
  /** Wait for the handshake (default true unless the SYNC is held). */
  waitReady?: boolean;
  src?: string;
  /** The container's id: one per frame when a test opens several. */
  id?: string;
  /** More of the frame driver's URL parameters (`disable`: `locks` or `channel`). */
  query?: Record<string, string>;
}

export const SYNC: SyncContext = { portalId: 123, userId: 456, ownerId: 789, iframeLocation: 'widget', usesCallingWindow: false };

/** Opens the softphone in a cross-origin iframe hosted by the SDK's IFrameManager. */
export async function openSoftphone(options: OpenOptions = {}): Promise<Softphone> {
  const { attrs, sync = SYNC, holdSync = false, src, id, query } = options;
  const phone = new Softphone(hostFrame({ origin: APP_ORIGIN, attrs, sync, holdSync, src, id, query }));
  await phone.loaded();
  if (options.waitReady ?? !holdSync) {
    await phone.host.waitFor('INITIALIZED');
    // The election takes a lock round trip after the handshake; until then what the page does is held.
    await phone.waitForEvent('softphone-ownership-change');
  }
  return phone;
}

/** One HubSpot user's frames: each its own container and SYNC context, all on one channel. */
export async function openFrames(syncs: SyncContext[], attrs: Record<string, string | null> = {}): Promise<Softphone[]> {
  const channel = `test-${Math.random().toString(36).slice(2)}`;
  const phones: Softphone[] = [];
  for (const [i, sync] of syncs.entries()) phones.push(await openSoftphone({ sync, id: `hubspot-host-${i}`, attrs: { channel, ...attrs } }));
  return phones;
}

export const CONTACT = {
  callerIdType: 'CONTACT' as const,
  objectCoordinates: { portalId: 123, objectId: 1001, objectTypeId: '0-1' },
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
};

export const COMPANY = {
  callerIdType: 'COMPANY' as const,
  objectCoordinates: { portalId: 123, objectId: 2002, objectTypeId: '0-2' },
  name: 'Analytical Engines Ltd',
};

export const nextFrame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r)));

/** A small seeded generator, so a fuzz failure can be replayed. */
export function seededRandom(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
