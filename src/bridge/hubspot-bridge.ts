import type { IFrameManager } from '@hubspot/calling-extensions-sdk';
import type { Outbound } from '../core/call-machine.js';
import { readHostContext } from '../core/host-events.js';
import { isHostMessageType, type HostMessageType } from '../core/host-outcomes.js';
import { originOf, type OriginPolicy } from '../core/origins.js';
import type { HostContext, SizeInfo } from '../core/types.js';

export interface InitializedPayload {
  isLoggedIn: boolean;
  isAvailable: boolean;
  sizeInfo?: SizeInfo;
  engagementId?: number;
}

export interface BridgeCallbacks {
  /** HubSpot's SYNC got through: answer it with `initialize()`, now or once the app knows its state. */
  handshake(context: HostContext): void;
  /** A message from HubSpot other than the handshake, by its wire type. */
  hostEvent(type: HostMessageType, data: unknown): void;
  /** A message that looked like HubSpot's came from somewhere not allowed; `host`: the parent frame, refused by allowed-origins. */
  rejected(origin: string, reason: string, host: boolean): void;
}

export interface BridgeOptions {
  policy: OriginPolicy;
  debug: boolean;
}

type HostMessage = { type: string; data?: unknown };

/** This window or a frame inside it: the page's own messages, never HubSpot's. */
function ownFrame(source: MessageEventSource | null): boolean {
  for (let w = source as Window | null; w; w = w === w.parent ? null : w.parent) if (w === window) return true;
  return false;
}

/** The last handshake in this window, so a re-mounted element does not wait for a SYNC that already came. */
let handshake: HostContext | null = null;

/**
 * The only module that touches the SDK. It talks through the SDK's own `IFrameManager`
 * (the transport under `CallingExtensions`, whose methods each just name a message type),
 * guards origins before the SDK sees a message, holds messages until the handshake and
 * then delivers them in order, and passes HubSpot's messages on by type.
 */
export class HubSpotBridge {
  #manager: IFrameManager | null = null;
  #queue: Outbound[] = [];
  #ready = false;
  #options: BridgeOptions | null = null;
  /** A SYNC has passed the guard: only then is a READY the handshake. */
  #synced = false;
  #handshook = false;
  constructor(private readonly callbacks: BridgeCallbacks) {}

  get ready(): boolean {
    return this.#ready;
  }

  /** Anything sent before the handshake waits for it; nothing is dropped. */
  send(message: Outbound): void {
    if (this.#ready) this.#manager!.sendMessage(message);
    else this.#queue.push(message);
  }

  /**
   * Answers the handshake with `initialized` (null: this page already did, before a re-render),
   * then delivers what waited for it, in order.
   */
  initialize(payload: InitializedPayload | null): void {
    if (this.#ready || !this.#manager) return;
    this.#ready = true;
    if (payload) this.#manager.sendMessage({ type: 'INITIALIZED', data: payload } as HostMessage);
    const queued = this.#queue;
    this.#queue = [];
    for (const message of queued) this.#manager.sendMessage(message);
  }

  connect(options: BridgeOptions): void {
    if (this.#options) return;
    this.#options = options;
    addEventListener('message', this.#guard);
    // Loaded on first connect: the SDK's CommonJS build throws when merely imported in Node (SSR).
    // HubSpot repeats SYNC until answered, so nothing is lost while it loads.
    void import('@hubspot/calling-extensions-sdk').then(({ IFrameManager }) => {
      if (!this.#options || this.#manager) return;
      const manager = (this.#manager = new IFrameManager({ debugMode: options.debug, onMessageHandler: (m: HostMessage) => this.#receive(m) }));
      removeEventListener('message', manager.messageHandler);
      this.setDebug(options.debug);
      if (handshake && options.policy.allows(handshake.hostUrl)) {
        manager.isReady = true;
        manager.destinationHost = handshake.hostUrl!;
        this.#handshook = true;
        this.callbacks.handshake(handshake);
      }
    });
  }

  disconnect(): void {
    removeEventListener('message', this.#guard);
    this.#manager?.remove();
    this.#manager = this.#options = null;
    this.#ready = this.#synced = this.#handshook = false;
  }

  /** The SDK logs every message, which costs milliseconds per call with DevTools open: only with `debug`. */
  setDebug(debug: boolean): void {
    if (this.#options) this.#options.debug = debug;
    const manager = this.#manager as (IFrameManager & { logDebugMessage: (...args: unknown[]) => void }) | null;
    if (!manager) return;
    manager.debugMode = debug;
    if (debug) delete (manager as Partial<typeof manager>).logDebugMessage;
    else manager.logDebugMessage = () => {};
  }

  /** Takes a new allowed-origins policy without reconnecting. */
  updatePolicy(policy: OriginPolicy): void {
    if (this.#options) this.#options.policy = policy;
  }

  /**
   * The SDK's own listener is off: this one hands it only what comes from the parent window
   * on an allowed origin. It looks only at what the SDK would act on (a SYNC, or a typed
   * message with an id). The page's own messages (from itself or its frames), and those from
   * elsewhere that the SDK would not have taken either (another origin than HubSpot's), pass unremarked.
   */
  #guard = (event: MessageEvent): void => {
    const { data, origin } = event;
    const manager = this.#manager;
    if (typeof data !== 'object' || data === null) return;
    const isSync = data.type === 'SYNC';
    if (!isSync && !(data.type && data.messageId)) return;
    const fromParent = parent !== window && event.source === parent;
    if (!fromParent && (ownFrame(event.source) || (!isSync && origin !== manager?.destinationHost))) return;
    const widgetUrl = data.type === 'SET_WIDGET_URL';
    const refused = fromParent && !this.#options!.policy.allows(origin);
    let reason = '';
    if (!fromParent) reason = 'not from the parent window';
    else if (refused) reason = 'origin not in allowed-origins';
    // The SDK posts every later message to hostUrl, so it must be the sender itself.
    else if (isSync && data.hostUrl !== origin) reason = 'SYNC hostUrl is not its origin';
    else if (widgetUrl && data.iFrameUrl && originOf(data.iFrameUrl) !== origin) reason = 'SET_WIDGET_URL iFrameUrl is not its origin';
    if (reason) return this.callbacks.rejected(origin, reason, refused);
    // Until the SDK has loaded nothing listens; HubSpot repeats its SYNC. A SET_WIDGET_URL would make
    // the SDK post to that URL and stop hearing HubSpot (it compares the URL with each sender's origin): the app has no use for it.
    if (!manager || widgetUrl) return;
    this.#synced ||= isSync;
    manager.onMessage(event);
  };

  /** Routes a message as `CallingExtensions` would: READY is the handshake; the rest go on by type, if HubSpot can send it. */
  #receive(message: HostMessage): void {
    const { type, data } = message;
    if (type === 'READY') return void (this.#synced && this.#onReady(data));
    // The SDK tells HubSpot when it gets a type it does not know.
    if (!isHostMessageType(type)) {
      this.#manager!.sendMessage({ type: 'ERROR', data: { type: 'UNKNOWN_MESSAGE_TYPE', data: { originalMessage: message } } } as HostMessage);
      if (this.#options?.debug) console.debug('[hubspot-softphone] unknown message', message);
      return;
    }
    try {
      this.callbacks.hostEvent(type, data);
    } catch (error) {
      // A malformed payload must not become an uncaught error in the SDK's listener.
      if (this.#options?.debug) console.debug('[hubspot-softphone] ignored', type, error);
    }
  }

  #onReady(data: unknown): void {
    // SET_WIDGET_URL also lands here; only the first handshake counts.
    if (this.#handshook) return;
    this.#handshook = true;
    const context = readHostContext(data);
    handshake = { ...context, hostUrl: this.#manager!.destinationHost };
    this.callbacks.handshake(context);
  }
}
