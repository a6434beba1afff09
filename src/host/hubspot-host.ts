import { Constants, IFrameManager } from '@hubspot/calling-extensions-sdk';
import type { CallerIdMatch, HostContext } from '../core/types.js';

/**
 * Plays HubSpot's side of the calling protocol with the SDK's own `IFrameManager` in host
 * mode: it creates the calling iframe, SYNCs with it, and sends and logs real messages.
 * The simulator (`npm start`) and the protocol tests both drive the element through it.
 */
export type SyncContext = Omit<HostContext, 'hostUrl'>;

export interface HostMessage {
  direction: 'to-app' | 'from-app';
  type: string;
  data?: unknown;
  at: number;
}

export interface HubSpotHostOptions {
  /** The calling app's URL (on another origin, as in HubSpot). */
  src: string;
  /** CSS selector of the element the iframe goes into (IFrameManager's `hostElementSelector`). */
  container: string;
  width?: number;
  height?: number;
  /** What the SYNC handshake tells the app. */
  sync?: SyncContext;
  /** Hold the SYNC until `sync()`: for testing what happens before the handshake. */
  holdSync?: boolean;
  debug?: boolean;
  onMessage?: (message: HostMessage) => void;
}

const { messageType } = Constants;

export class HubSpotHost {
  /** Every message both ways, oldest first. */
  readonly log: HostMessage[] = [];
  readonly manager: IFrameManager;
  #options: HubSpotHostOptions;
  #context: SyncContext;
  #holding: boolean;
  #waiters = new Set<() => void>();

  constructor(options: HubSpotHostOptions) {
    this.#options = options;
    this.#context = options.sync ?? {};
    this.#holding = !!options.holdSync;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const host = this;
    // The SDK's host mode sends a bare SYNC; HubSpot's carries the context, so add it here.
    class SimulatedHubSpot extends IFrameManager {
      override sendSync() {
        if (!host.#holding) super.sendSync();
      }
      // HubSpot's tabs and its calling window are separate pages; in one test page (or the simulator)
      // several hosts share a window, so each hears only its own iframe.
      override onMessage(event: { data: unknown; origin?: string; source?: unknown }) {
        if (event.source && event.source !== this.iFrame?.contentWindow) return;
        const message = event.data as { type?: string; data?: unknown } | null;
        // The SDK's host code reads a SET_WIDGET_URL's iFrameUrl where the SDK's app code does not put it: log it as sent.
        if (message?.type === messageType.SET_WIDGET_URL && event.origin === this.destinationHost) return host.#record('from-app', message.type, message.data);
        super.onMessage(event);
      }
      override sendMessage(message: { type: string; messageId?: string | number; hostUrl?: string }, callback?: Function) {
        const outgoing = message.type === messageType.SYNC ? { ...host.#context, ...message } : message;
        if (!this.isReady && message.type !== messageType.SYNC) throw new Error(`The app has not answered SYNC yet; cannot send ${message.type}: await host.waitFor('INITIALIZED') first.`);
        host.#record('to-app', outgoing.type, (outgoing as { data?: unknown }).data ?? (message.type === messageType.SYNC ? outgoing : undefined));
        super.sendMessage(outgoing, callback);
      }
    }
    this.manager = new SimulatedHubSpot({
      debugMode: !!options.debug,
      iFrameOptions: {
        src: options.src,
        width: `${options.width ?? 400}px`,
        height: `${options.height ?? 600}px`,
        hostElementSelector: options.container,
      },
      onMessageHandler: (message: { type: string; data?: unknown }) => this.#record('from-app', message.type, message.data),
    });
    this.manager.iFrame!.title = 'Calling app';
  }

  get iframe(): HTMLIFrameElement {
    return this.manager.iFrame!;
  }

  /** The app answered SYNC. */
  get ready(): boolean {
    return this.manager.isReady;
  }

  get context(): SyncContext {
    return this.#context;
  }

  /** Releases a held SYNC. */
  sync(): void {
    if (!this.#holding) return;
    this.#holding = false;
    this.manager.firstSyncSent = Date.now();
    this.manager.sendSync();
  }

  /** Reloads the app, as HubSpot does on navigation, and SYNCs again with the new context. */
  reload(context: SyncContext = this.#context, { holdSync = false } = {}): void {
    this.#context = context;
    this.#holding = holdSync;
    this.manager.isReady = false;
    this.iframe.src = this.#options.src;
  }

  /** Sends a host -> app event such as `DIAL_NUMBER`. */
  send(type: string, data?: unknown): void {
    this.manager.sendMessage({ type, data } as { type: string });
  }

  dialNumber(phoneNumber: string, extra: Record<string, unknown> = {}): void {
    this.send(messageType.DIAL_NUMBER, { phoneNumber, startTimestamp: Date.now(), ...extra });
  }

  callerIdMatchSucceeded(callerIdMatches: CallerIdMatch[]): void {
    this.send(messageType.CALLER_ID_MATCH_SUCCEEDED, { callerIdMatches });
  }

  createEngagementSucceeded(engagementId: number): void {
    this.send(messageType.CREATE_ENGAGEMENT_SUCCEEDED, { engagementId });
  }

  updateEngagementSucceeded(engagementId: number): void {
    this.send(messageType.UPDATE_ENGAGEMENT_SUCCEEDED, { engagementId });
  }

  /** Any `*_FAILED` event, e.g. `CREATE_ENGAGEMENT_FAILED`, with HubSpot's error shape. */
  fail(type: string, message: string): void {
    this.send(type, { error: { message } });
  }

  endCall(): void {
    this.send(messageType.END_CALL);
  }

  visibilityChanged(isMinimized: boolean, isHidden = false): void {
    this.send(messageType.VISIBILITY_CHANGED, { isMinimized, isHidden });
  }

  /** Messages the app sent, optionally of one type. */
  received(type?: string): HostMessage[] {
    return this.log.filter((m) => m.direction === 'from-app' && (!type || m.type === type));
  }

  /** Resolves with the `index`-th (0-based) message of `type` from the app, waiting for it if need be. */
  waitFor(type: string, { index = 0, timeout = 3000 } = {}): Promise<HostMessage> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.received(type)[index];
        if (!found) return false;
        this.#waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        const got = this.received().map((m) => m.type);
        const recent = got.length > 12 ? `…${got.slice(-12).join(', ')} (${got.length} in all)` : got.join(', ') || 'nothing';
        reject(new Error(`No ${type} #${index} from the app within ${timeout} ms; got ${recent}.`));
      }, timeout);
      if (!check()) this.#waiters.add(check);
    });
  }

  destroy(): void {
    this.manager.remove();
    this.#waiters.clear();
  }

  #record(direction: HostMessage['direction'], type: string, data: unknown): void {
    const message: HostMessage = { direction, type, data, at: Date.now() };
    this.log.push(message);
    this.#options.onMessage?.(message);
    for (const check of [...this.#waiters]) check();
  }
}
