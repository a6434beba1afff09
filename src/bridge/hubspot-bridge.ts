import type CallingExtensions from '@hubspot/calling-extensions-sdk';
import type { EventHandlers } from '@hubspot/calling-extensions-sdk';
import type { Outbound } from '../core/call-machine.js';
import { readHostContext } from '../core/host-events.js';
import { originOf, type OriginPolicy } from '../core/origins.js';
import type { HostContext, SizeInfo } from '../core/types.js';

export type HostEventName = keyof EventHandlers;

export interface InitializedPayload {
  isLoggedIn: boolean;
  isAvailable: boolean;
  sizeInfo?: SizeInfo;
  engagementId?: number;
}

export interface BridgeCallbacks {
  /** The current state for the `initialized` message, read at handshake time. */
  initialized(context: HostContext): InitializedPayload;
  ready(context: HostContext): void;
  hostEvent(name: HostEventName, data: unknown): void;
  /** A message that looked like HubSpot's came from somewhere not allowed. */
  rejected(origin: string, reason: string): void;
}

export interface BridgeOptions {
  policy: OriginPolicy;
  debug: boolean;
}

/** The last handshake in this window, so a re-mounted element does not wait for a SYNC that already came. */
let handshake: HostContext | null = null;

/**
 * The only module that touches the SDK. It guards origins, holds messages until the
 * handshake and then delivers them in order, and turns SDK callbacks into plain calls.
 */
export class HubSpotBridge {
  #sdk: CallingExtensions | null = null;
  #queue: Outbound[] = [];
  #ready = false;
  #options: BridgeOptions | null = null;

  constructor(private readonly callbacks: BridgeCallbacks) {}

  get ready(): boolean {
    return this.#ready;
  }

  /** Anything sent before the handshake waits for it; nothing is dropped. */
  send(message: Outbound): void {
    if (this.#ready && this.#sdk) this.#deliver(message);
    else this.#queue.push(message);
  }

  connect(options: BridgeOptions): void {
    if (this.#options) return;
    this.#options = options;
    addEventListener('message', this.#guard, true);
    // Loaded on first connect: the SDK's CommonJS build throws when merely imported in Node (SSR).
    // HubSpot repeats SYNC until answered, so nothing is lost while it loads.
    void import('@hubspot/calling-extensions-sdk').then(({ default: CallingExtensions, Constants }) => {
      if (!this.#options || this.#sdk) return;
      const eventHandlers: Record<string, (data: unknown) => void> = { defaultEventHandler: (data) => this.#onHostEvent('defaultEventHandler', data) };
      // Every handler name the SDK knows (its own table), so no HubSpot message goes unheard.
      for (const name of Object.values(Constants.messageHandlerNames)) {
        eventHandlers[name] = name === 'onReady' ? (data) => this.#onReady(data) : (data) => this.#onHostEvent(name, data);
      }
      // The SDK's type lists every handler as required; it calls only those present.
      const sdk = (this.#sdk = new CallingExtensions({ debugMode: options.debug, eventHandlers } as unknown as ConstructorParameters<typeof CallingExtensions>[0]));
      if (handshake && options.policy.allows(handshake.hostUrl)) {
        sdk.iFrameManager.isReady = true;
        sdk.iFrameManager.destinationHost = handshake.hostUrl!;
        this.#handshakeDone(handshake);
      }
    });
  }

  disconnect(): void {
    removeEventListener('message', this.#guard, true);
    this.#sdk?.iFrameManager.remove();
    this.#sdk = this.#options = null;
    this.#ready = false;
  }

  /** Takes a new allowed-origins policy without reconnecting. */
  updatePolicy(policy: OriginPolicy): void {
    if (this.#options) this.#options.policy = policy;
  }

  #guard = (event: MessageEvent): void => {
    const policy = this.#options!.policy;
    const { data, origin } = event;
    const isSync = typeof data === 'object' && data !== null && data.type === 'SYNC';
    let reason = '';
    if (parent === window || event.source !== parent) reason = 'it did not come from the parent window';
    else if (!policy.allows(origin)) reason = `${origin} is not in allowed-origins`;
    // The SDK would post every later message to hostUrl, so it must be the sender itself.
    else if (isSync && data.hostUrl !== undefined && originOf(data.hostUrl) !== origin) reason = 'its hostUrl is not its origin';
    if (!reason) return;
    event.stopImmediatePropagation();
    if (typeof data === 'object' && data !== null && typeof data.type === 'string') this.callbacks.rejected(origin, reason);
  };

  #onReady(data: unknown): void {
    // SET_WIDGET_URL also lands here; only the first handshake counts.
    if (this.#ready) return;
    const context = readHostContext(data);
    handshake = { ...context, hostUrl: this.#sdk!.iFrameManager.destinationHost };
    this.#handshakeDone(context);
  }

  #handshakeDone(context: HostContext): void {
    this.#ready = true;
    this.#sdk!.initialized(this.callbacks.initialized(context) as Parameters<CallingExtensions['initialized']>[0]);
    const queued = this.#queue;
    this.#queue = [];
    for (const message of queued) this.#deliver(message);
    this.callbacks.ready(context);
  }

  #onHostEvent(name: HostEventName, data: unknown): void {
    try {
      this.callbacks.hostEvent(name, data);
    } catch (error) {
      // A malformed payload must not become an uncaught error in the SDK's listener.
      if (this.#options?.debug) console.debug('[hubspot-softphone] ignored', name, error);
    }
  }

  #deliver({ method, data }: Outbound): void {
    const sdk = this.#sdk! as unknown as Record<string, (payload?: unknown) => void>;
    sdk[method]!.call(this.#sdk, data);
  }
}
