import type { MirrorAction, OwnerState } from '../core/mirror-messages.js';
import { syncLockName } from '../core/ownership.js';
import type { CallSync, CallSyncHost, CallSyncOptions, MirrorStatus } from './call-sync.js';
import { loadSync } from './on-demand.js';

/**
 * The session's side of CallSync, which loads on demand: a HubSpot tab alone (the usual case)
 * never fetches it. TabSync takes the owner's lock itself; the first message from another of
 * the user's frames, a lock that is already taken, or a calling window loads CallSync, which
 * then does everything (it adopts the lock and the channel TabSync holds).
 */
export class TabSync {
  #host: CallSyncHost;
  #options: CallSyncOptions;
  #full: CallSync | null = null;
  #loading = false;
  #closed = false;
  #release?: () => void;
  #channel?: BroadcastChannel;
  #inbox: unknown[] = [];

  constructor(host: CallSyncHost, options: CallSyncOptions) {
    this.#host = host;
    this.#options = options;
  }

  get done(): readonly string[] {
    return this.#full?.done ?? this.#options.done ?? [];
  }

  get lastState(): OwnerState | null {
    return this.#full?.lastState ?? null;
  }

  get waiting(): boolean {
    return !!this.#full?.waiting;
  }

  get status(): MirrorStatus {
    return this.#full?.status ?? 'waiting';
  }

  start(): void {
    const locks = globalThis.navigator?.locks;
    const { elect, wait, channel, scope } = this.#options;
    // A calling window always has frames to sync with; a browser without these APIs is CallSync's to explain.
    if (!elect || wait || !locks?.request || typeof BroadcastChannel !== 'function') return this.#load();
    locks
      .request(syncLockName(channel, scope), { ifAvailable: true }, (lock) => {
        if (!lock) return void this.#load();
        if (this.#closed) return;
        return new Promise<void>((resolve) => {
          this.#release = resolve;
          addEventListener('pagehide', this.#leave);
          this.#channel = new BroadcastChannel(channel);
          this.#channel.onmessage = ({ data }) => (this.#inbox.push(data), this.#load());
          this.#host.ownership(true);
        });
      })
      .catch(() => {});
  }

  /** Nobody to tell until another frame has spoken (a new frame always says hello first). */
  publish(): void {
    this.#full?.publish();
  }

  forward(action: MirrorAction): void {
    this.#full!.forward(action);
  }

  /**
   * A tab alone lets go as its page goes for good (a reload, a closed tab, a removed frame), not
   * into the back-forward cache: the next page then need not wait for this one's teardown, which
   * in Chromium also slowed the frames loading after it. Once CallSync has taken over, the lock is its.
   */
  #leave = (event: PageTransitionEvent): void => {
    if (!event.persisted && !this.#full) this.#release?.();
  };

  close(): void {
    this.#closed = true;
    removeEventListener('pagehide', this.#leave);
    if (this.#full) return this.#full.close();
    this.#channel?.close();
    this.#release?.();
  }

  #load(): void {
    if (this.#loading) return;
    this.#loading = true;
    loadSync().then(
      ({ CallSync }) => {
        if (this.#closed) return;
        const full = (this.#full = new CallSync(this.#host, this.#options));
        if (this.#release) full.adopt(this.#release, this.#channel!, this.#inbox);
        else full.start();
      },
      () => {
        this.#host.unavailable('extras/sync.js', 'each HubSpot tab works alone and may ring (serve dist/extras/ beside the script)');
        // Without it a tab still works, alone.
        if (!this.#release && !this.#closed) this.#host.ownership(true);
      },
    );
  }
}
