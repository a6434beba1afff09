import { randomId } from '../core/ids.js';
import { callingWindowUrl, syncLockName } from '../core/ownership.js';
import type { HostContext } from '../core/types.js';
import { asksNothingNew, envelope, readMirrorMessage, type MirrorAction, type MirrorMessage, type OwnerState } from '../core/mirror-messages.js';

/**
 * One user's instances across HubSpot's frames and tabs, over BroadcastChannel and Web Locks.
 * Candidates elect one owner with a lock, held for the instance's life; the owner broadcasts
 * its state on every change; mirrors show that state and send the user's clicks back, each
 * carried out once.
 *
 * Liveness comes from the lock, not from a heartbeat: browsers throttle timers in hidden
 * tabs (to one a minute in Chrome after five minutes), so an owner in a background tab would
 * look dead, while a lock is released the moment its holder's page closes, reloads or crashes.
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
  /** BroadcastChannel or Web Locks is missing; `effect` says what that means for this instance. */
  unavailable(api: string, effect: string): void;
}

export interface CallSyncOptions {
  channel: string;
  /** `portalId:userId`: only the same HubSpot user's instances sync. */
  scope: string;
  /** Take part in the election; a calling-window remote never does. */
  elect: boolean;
  /**
   * Wait for the lock instead of first asking whether it is free: the calling window, which is
   * the owner, is never a mirror, even for the moment a remote holds the lock to watch it.
   */
  wait?: boolean;
  /** Actions already carried out before a reload. */
  done?: readonly string[];
}

/** How long a fresh mirror waits for an owner's first word before it answers HubSpot anyway. */
export const HELLO_TIMEOUT_MS = 2000;
/** After the calling window leaves: time for a reloaded one to speak before remotes say it is closed. */
export const BYE_GRACE_MS = 1500;
/** A click older than this is not carried out by a new owner. */
const PENDING_MS = 10_000;
const MAX_DONE = 64;

const ALONE = 'each HubSpot tab works alone and may ring (use a current browser; a frame sandboxed without allow-same-origin has neither BroadcastChannel nor Web Locks)';


export class CallSync {
  readonly id = randomId();
  #isOwner = false;
  #status: MirrorStatus = 'waiting';
  #host: CallSyncHost;
  #options: CallSyncOptions;
  #channel: BroadcastChannel | null = null;
  #closed = false;
  #seq = 0;
  /** Owner: the state the mirrors were last sent. */
  #shown?: OwnerState;
  #done: string[];
  #pending = new Map<string, { action: MirrorAction; at: number }>();
  /** The owner this mirror follows and the last state it sent. */
  #owner: { from: string; seq: number } | null = null;
  #last: OwnerState | null = null;
  #publishing = false;
  #timer?: ReturnType<typeof setTimeout>;
  /**
   * An owner that found the lock free owns alone: it posts nothing until another frame speaks.
   * Each post crosses the browser process, and a tab alone has a post for every change of its call.
   */
  #quiet = false;
  #watching = false;
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

  /** A mirror holds clicks that no owner has confirmed yet. */
  get waiting(): boolean {
    return this.#fresh().length > 0;
  }

  /** Gone with its calling window: the URL that opens it again ('' if unknown); else null. */
  closedWindowUrl(context: HostContext): string | null {
    return context.usesCallingWindow && this.#status === 'gone' ? callingWindowUrl(context) ?? '' : null;
  }

  /** A mirror's owner: not heard from yet, present, or gone (a calling window that closed). */
  get status(): MirrorStatus {
    return this.#status;
  }

  start(): void {
    const locks = globalThis.navigator?.locks;
    const { elect, wait } = this.#options;
    if (typeof BroadcastChannel !== 'function') {
      this.#host.unavailable('BroadcastChannel', ALONE);
      return this.#own();
    }
    // Without locks the calling window still owns and remotes still mirror it; tabs without a window cannot elect.
    const alone = elect && !wait;
    if (!locks?.request) {
      this.#host.unavailable('Web Locks', alone ? ALONE : 'a calling window that closes without a goodbye goes unnoticed');
      if (alone) return this.#own();
    }
    this.#channel = new BroadcastChannel(this.#options.channel);
    this.#channel.onmessage = ({ data }) => this.#receive(data);
    addEventListener('pagehide', this.#leave);
    if (!elect) return this.#follow();
    if (!locks?.request) return this.#own();
    // A frame removed while this code loaded may still be granted the lock: it must not keep it (nothing would free it until its teardown).
    const hold = () => (this.#closed || window.closed ? undefined : new Promise<void>((resolve) => ((this.#release = resolve), this.#own())));
    const queue = () => locks.request(this.#lockName, { signal: this.#abort.signal }, hold).catch(() => {});
    if (wait) return void queue();
    // Ask without waiting first, so a second tab knows at once that it mirrors.
    locks
      .request(this.#lockName, { ifAvailable: true }, (lock) => {
        // First of the user's frames: nobody to tell until another speaks (a new frame always says hello first).
        if (lock) {
          this.#quiet = true;
          return hold();
        }
        if (this.#closed) return;
        this.#follow();
        queue();
      })
      .catch(() => {});
  }

  get #lockName(): string {
    return syncLockName(this.#options.channel, this.#options.scope);
  }

  /** Owner: broadcast the state soon (several changes in one task go out once). */
  publish(): void {
    if (!this.#isOwner || this.#publishing || !this.#channel) return;
    this.#publishing = true;
    queueMicrotask(() => {
      this.#publishing = false;
      this.#sendState();
    });
  }

  /** Mirror: ask the owner to carry out an action; kept until the owner confirms it. */
  forward(action: MirrorAction): void {
    const id = randomId();
    this.#post({ kind: 'action', from: this.id, id, action });
    this.#pending.set(id, { action, at: Date.now() });
  }

  /** Actions still waiting for an owner, without those too old to carry out now. */
  #fresh(): [string, MirrorAction][] {
    const now = Date.now();
    for (const [id, { at }] of this.#pending) if (now - at > PENDING_MS) this.#pending.delete(id);
    return [...this.#pending].map(([id, { action }]) => [id, action]);
  }

  close(): void {
    if (this.#closed) return;
    this.#bye();
    this.#closed = true;
    clearTimeout(this.#timer);
    removeEventListener('pagehide', this.#leave);
    this.#channel?.close();
    this.#release?.();
    this.#abort.abort();
  }

  #bye = (): void => {
    if (this.#isOwner) this.#post({ kind: 'bye', from: this.id });
  };

  /**
   * A page going for good (a reload, a closed tab, a removed frame; not into the back-forward
   * cache) says goodbye and lets go of its lock at once: the next owner, or the next page, need
   * not wait for this one's teardown, which in Chromium also slowed the frames loading after it.
   */
  #leave = (event: PageTransitionEvent): void => {
    this.#bye();
    if (!event.persisted) this.#release?.();
  };

  #post(message: MirrorMessage): void {
    if (!this.#closed) this.#channel?.postMessage(envelope(this.#options.scope, message));
  }

  #sendState(): void {
    if (this.#quiet) return;
    this.#shown = this.#host.ownerState();
    this.#post({ kind: 'state', from: this.id, seq: ++this.#seq, state: this.#shown, done: this.#done });
  }

  #own(): void {
    if (this.#closed) return;
    clearTimeout(this.#timer);
    this.#isOwner = true;
    this.#status = 'present';
    this.#host.ownership(true);
    // Clicks that the previous owner never confirmed are carried out here, once.
    const pending = this.#fresh();
    this.#pending.clear();
    for (const [id, action] of pending) this.#carryOut(id, action);
    this.#sendState();
  }

  #follow(): void {
    this.#host.ownership(false);
    this.#post({ kind: 'hello', from: this.id });
    this.#watchOwner();
    // Answer HubSpot in time even if an owner is slow to speak.
    this.#timer = setTimeout(() => this.#status === 'waiting' && this.#host.mirrored(null), HELLO_TIMEOUT_MS);
  }

  /**
   * A remote learns that the window's owner left when the lock it held comes free; it lets go
   * at once, so a window that reloads takes it straight back. (A candidate waits in the queue instead.)
   */
  #watchOwner(): void {
    const locks = globalThis.navigator?.locks;
    if (this.#options.elect || this.#watching || !locks?.request) return;
    this.#watching = true;
    locks
      .request(this.#lockName, { signal: this.#abort.signal }, () => {
        this.#watching = false;
        if (!this.#closed) this.#ownerLeft();
      })
      .catch(() => {});
  }

  #ownerLeft(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#owner = null;
      this.#status = 'gone';
      this.#host.mirrored(null);
    }, this.#status === 'present' ? BYE_GRACE_MS : 0);
  }

  #carryOut(id: string, action: MirrorAction): void {
    if (this.#done.includes(id)) return;
    this.#done = [...this.#done.slice(1 - MAX_DONE), id];
    // Against what the mirrors were last shown: a toggle they had not yet seen pressed elsewhere asks nothing new.
    if (asksNothingNew(action, this.#shown?.phone.call)) return;
    this.#host.action(action);
  }

  #receive(data: unknown): void {
    const message = readMirrorMessage(data, this.#options.scope);
    if (!message || message.from === this.id) return;
    this.#quiet = false;
    if (this.#isOwner) {
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
      clearTimeout(this.#timer);
      this.#owner = { from: message.from, seq: message.seq };
      this.#last = message.state;
      this.#done = message.done;
      for (const id of message.done) this.#pending.delete(id);
      // A new owner (the window reloaded, another tab took over) has not seen these yet.
      if (owner?.from !== message.from) for (const [id, action] of this.#fresh()) this.#post({ kind: 'action', from: this.id, id, action });
      this.#status = 'present';
      this.#watchOwner();
      this.#host.mirrored(message.state);
    } else if (message.kind === 'bye' && message.from === this.#owner?.from) {
      if (!this.#options.elect) this.#ownerLeft();
    }
  }
}
