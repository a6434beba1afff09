import { envelope, readMirrorMessage, type MirrorAction, type MirrorMessage, type OwnerState } from '../core/mirror-messages.js';

/**
 * One user's instances across HubSpot's frames and tabs, over BroadcastChannel and Web Locks.
 * Candidates elect one owner with a lock (held for the instance's life, so it moves when the
 * owner's tab closes); the owner broadcasts its state on change and as a heartbeat; mirrors
 * show that state and send the user's clicks back, each carried out once.
 */
export type MirrorStatus = 'waiting' | 'present' | 'gone';

export interface CallSyncHost {
  ownerState(): OwnerState;
  /** This instance now owns the call (or, the first time, learnt that it does not). */
  ownership(isOwner: boolean): void;
  /** A mirror's view of the owner changed: its state, or null when there is none (see `status`). */
  mirrored(state: OwnerState | null): void;
  /** The owner carries out a mirror's action (already de-duplicated). */
  action(action: MirrorAction): void;
  /** BroadcastChannel or Web Locks is missing: this instance works alone. */
  unavailable(api: string): void;
}

export interface CallSyncOptions {
  channel: string;
  /** `portalId:userId`: only the same HubSpot user's instances sync. */
  scope: string;
  /** Take part in the election; a calling-window remote never does. */
  elect: boolean;
  /** Actions already carried out before a reload. */
  done?: readonly string[];
}

export const HEARTBEAT_MS = 2000;
/** A mirror that hears nothing from its owner for this long stops showing its call. */
export const OWNER_TIMEOUT_MS = 5000;
/** How long a fresh mirror waits for an owner to answer its hello. */
export const HELLO_TIMEOUT_MS = 2000;
/** After an owner's goodbye: time for a reloaded window, or the tab that takes over, to speak. */
export const BYE_GRACE_MS = 1500;
/** A click older than this is not carried out by a new owner. */
const PENDING_MS = 10_000;
const MAX_DONE = 64;

export const randomId = (): string => globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

export class CallSync {
  readonly id = randomId();
  isOwner = false;
  status: MirrorStatus = 'waiting';
  #host: CallSyncHost;
  #options: CallSyncOptions;
  #channel: BroadcastChannel | null = null;
  #closed = false;
  #seq = 0;
  #done: string[];
  #pending = new Map<string, { action: MirrorAction; at: number }>();
  /** The owner this mirror follows and the last state it sent. */
  #owner: { from: string; seq: number } | null = null;
  #last: OwnerState | null = null;
  #publishing = false;
  #heartbeat?: ReturnType<typeof setInterval>;
  #liveness?: ReturnType<typeof setTimeout>;
  #release?: () => void;
  #abort = new AbortController();

  constructor(host: CallSyncHost, options: CallSyncOptions) {
    this.#host = host;
    this.#options = options;
    this.#done = [...(options.done ?? [])];
  }

  /** Actions carried out lately, kept with a stored call so a reload does not repeat them. */
  get done(): readonly string[] {
    return this.#done;
  }

  /** The last state heard from an owner (what a new owner adopts). */
  get lastState(): OwnerState | null {
    return this.#last;
  }

  start(): void {
    if (typeof BroadcastChannel !== 'function') {
      this.#host.unavailable('BroadcastChannel');
      return this.#own();
    }
    this.#channel = new BroadcastChannel(this.#options.channel);
    this.#channel.onmessage = ({ data }) => this.#receive(data);
    addEventListener('pagehide', this.#bye);
    if (!this.#options.elect) return this.#follow();
    const locks = globalThis.navigator?.locks;
    if (!locks?.request) {
      this.#host.unavailable('Web Locks');
      return this.#own();
    }
    const name = `hubspot-softphone:${this.#options.channel}:${this.#options.scope}`;
    const hold = () => (this.#closed ? undefined : new Promise<void>((resolve) => ((this.#release = resolve), this.#own())));
    // Ask without waiting first, so a second tab knows at once that it mirrors.
    locks
      .request(name, { ifAvailable: true }, (lock) => {
        if (lock) return hold();
        if (this.#closed) return;
        this.#follow();
        locks.request(name, { signal: this.#abort.signal }, hold).catch(() => {});
      })
      .catch(() => {});
  }

  /** Owner: broadcast the state soon (several changes in one task go out once). */
  publish(): void {
    if (!this.isOwner || this.#publishing || !this.#channel) return;
    this.#publishing = true;
    queueMicrotask(() => {
      this.#publishing = false;
      this.#sendState();
    });
  }

  /** Mirror: ask the owner to carry out an action; kept until the owner confirms it. */
  forward(action: MirrorAction): void {
    const now = Date.now();
    for (const [id, { at }] of this.#pending) if (now - at > PENDING_MS) this.#pending.delete(id);
    const id = randomId();
    this.#post({ kind: 'action', from: this.id, id, action });
    this.#pending.set(id, { action, at: now });
  }

  close(): void {
    if (this.#closed) return;
    this.#bye();
    this.#closed = true;
    clearInterval(this.#heartbeat);
    clearTimeout(this.#liveness);
    removeEventListener('pagehide', this.#bye);
    this.#channel?.close();
    this.#release?.();
    this.#abort.abort();
  }

  #bye = (): void => {
    if (this.isOwner) this.#post({ kind: 'bye', from: this.id });
  };

  #post(message: MirrorMessage): void {
    if (!this.#closed) this.#channel?.postMessage(envelope(this.#options.scope, message));
  }

  #sendState(): void {
    this.#post({ kind: 'state', from: this.id, seq: ++this.#seq, state: this.#host.ownerState(), done: this.#done });
  }

  #own(): void {
    if (this.#closed) return;
    clearTimeout(this.#liveness);
    this.isOwner = true;
    this.status = 'present';
    this.#host.ownership(true);
    // Clicks that the previous owner never confirmed are carried out here, once.
    const pending = [...this.#pending];
    this.#pending.clear();
    for (const [id, { action }] of pending) this.#carryOut(id, action);
    if (!this.#channel) return;
    this.#heartbeat = setInterval(() => this.#sendState(), HEARTBEAT_MS);
    this.#sendState();
  }

  #follow(): void {
    this.#host.ownership(false);
    this.#post({ kind: 'hello', from: this.id });
    this.#watch(HELLO_TIMEOUT_MS);
  }

  /** No word from an owner for `ms`: its call is stale. */
  #watch(ms: number): void {
    clearTimeout(this.#liveness);
    this.#liveness = setTimeout(() => this.#lose(), ms);
  }

  #lose(): void {
    this.#owner = null;
    this.status = 'gone';
    this.#host.mirrored(null);
  }

  #carryOut(id: string, action: MirrorAction): void {
    if (this.#done.includes(id)) return;
    this.#done = [...this.#done.slice(1 - MAX_DONE), id];
    this.#host.action(action);
  }

  #receive(data: unknown): void {
    const message = readMirrorMessage(data, this.#options.scope);
    if (!message || message.from === this.id) return;
    if (this.isOwner) {
      if (message.kind === 'hello') this.#sendState();
      if (message.kind === 'action') {
        this.#carryOut(message.id, message.action);
        // Also confirms a repeat, so that mirror stops resending it.
        this.publish();
      }
      return;
    }
    if (message.kind === 'state') {
      const owner = this.#owner;
      if (owner?.from === message.from && message.seq <= owner.seq) return;
      this.#owner = { from: message.from, seq: message.seq };
      this.#last = message.state;
      this.#done = message.done;
      for (const id of message.done) this.#pending.delete(id);
      // A new owner (the window reloaded, another tab took over) has not seen these yet.
      if (owner?.from !== message.from) for (const [id, { action }] of this.#pending) this.#post({ kind: 'action', from: this.id, id, action });
      this.status = 'present';
      this.#watch(OWNER_TIMEOUT_MS);
      this.#host.mirrored(message.state);
    } else if (message.kind === 'bye' && message.from === this.#owner?.from) {
      // A reload or a handover is over in a moment: keep the call (and the clicks on it) until then.
      this.#watch(BYE_GRACE_MS);
    }
  }
}
