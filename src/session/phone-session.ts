import { HubSpotBridge } from '../bridge/hubspot-bridge.js';
import { IDLE, transition, type CallInput, type Outbound, type PhoneState, type StartCall } from '../core/call-machine.js';
import { SoftphoneError, type SoftphoneErrorCode } from '../core/errors.js';
import type { Awaiting } from '../core/answers.js';
import { isObject, primitives, readCallerIdMatches, readEngagementId, readFailureMessage, readVisibility } from '../core/host-events.js';
import { QUIET_ERRORS, outcomeOf, type HostMessageType } from '../core/host-outcomes.js';
import { CLICK_ACTIONS, FORWARDED_HOST_EVENTS, type Click, type MethodName, type MirrorAction, type OwnerState } from '../core/mirror-messages.js';
import { DEFAULT_ALLOWED_ORIGINS, parseAllowedOrigins } from '../core/origins.js';
import { roleFor, syncScope } from '../core/ownership.js';
import { errorReport, navigateRequest } from '../core/requests.js';
import type { CallSnapshot, DialNumberDetail, HostContext, ObjectCoordinates } from '../core/types.js';
import { emit, type HostPayload, type SoftphoneErrorDetail, type SoftphoneEventDetail, type SoftphoneEventName } from '../element/events.js';
import { loadCall } from './call-store.js';
import { randomId } from '../core/ids.js';
import { warn } from './warn.js';
import type { DiagnosedElement, Diagnosis, SessionFacts } from '../extras/diagnose.js';
import type { CallSync, CallSyncHost } from './call-sync.js';

type SyncKit = typeof import('../extras/sync.js');
import { loadDiagnose, loadDialNumber, loadSync, loadWidgetUrl } from './on-demand.js';

/**
 * The page's one connection to HubSpot and its call. It outlives the elements that show it,
 * so a framework that replaces the element mid-call (Vue `v-if`, React `key`) finds the same
 * call, with whatever HubSpot said in between. Elements attach as views: the newest one
 * configures it and receives its events.
 *
 * Roles: `pending` until it knows whether it owns the call (HubSpot's SYNC, then the
 * election); the `owner` talks to HubSpot; a `mirror` shows the owner's state and forwards
 * clicks, method calls and HubSpot's click-to-call to it (see CallSync, in extras/sync.js).
 */
export type NavigateOn = 'none' | 'match' | 'answer';
export type Phase = 'connecting' | 'ready' | 'timeout';
type Role = 'pending' | 'owner' | 'mirror';

export interface SessionConfig {
  loggedIn: boolean;
  available: boolean;
  width?: number;
  height?: number;
  allowedOrigins?: string;
  createEngagement: boolean;
  navigateOn: NavigateOn;
  ringTimeout: number;
  syncTimeout: number;
  channel: string;
  debug: boolean;
  /** Reads HubSpot's national click-to-call numbers (extras/dial-number.js). */
  defaultCountry?: string;
}

/** A connected element: the session reads its attributes, renders it and fires its events on it. */
export interface SessionView {
  readonly element: HTMLElement & SessionConfig & { requestUpdate(): void };
  showError(detail: SoftphoneErrorDetail): void;
}

/** What the page did before it knew its role, to carry out (or forward) once it does. */
type Recorded = { method: MethodName; args: unknown[] } | { host: HostMessageType; data: unknown };

const START: Partial<Record<MethodName, 'incoming' | 'outgoing'>> = { incomingCall: 'incoming', outgoingCall: 'outgoing' };

/**
 * What HubSpot hears about the user and the frame rather than a call (login, availability:
 * no data; the size): kept when a restore replaces the held call messages.
 */
const aboutUser = (message: Outbound) => !message.data || message.type === 'RESIZE_WIDGET';

/** A call dialled this soon after HubSpot's click-to-call, to the same number, is that click's. */
const CALLEE_MS = 600_000;

/** How long a frame waits for extras/sync.js before it works alone. */
const SYNC_LOAD_MS = 5000;

/** An element that goes away is often replaced a moment later (a transition, a route change): the session waits this long. */
export const DETACH_GRACE_MS = 2000;

const sameCall = (a: CallSnapshot | null, b: CallSnapshot | null) => a === b || JSON.stringify(a) === JSON.stringify(b);

let current: PhoneSession | null = null;
/** Browser features this page lacks, reported once. */
const missingApis = new Set<string>();

interface HostState {
  loggedIn: boolean;
  available: boolean;
  size?: { width: number; height: number };
}

/** What HubSpot last heard of login, availability and size from this page, across sessions: `initialized` goes once per page. */
let told: HostState | null = null;

export class PhoneSession {
  /** The page's session, made on first use. */
  static get(view: SessionView): PhoneSession {
    return (current ??= new PhoneSession(view));
  }

  #views: SessionView[] = [];
  /** The newest element, kept once it is detached: the session's events go to it while no other is attached, and its attributes still count. */
  #last: SessionView;
  /** Which elements have had their greeting (ready, ownership, the call), so a move does not repeat it. */
  #greeted = new WeakSet<HTMLElement>();
  #context: HostContext | null = null;
  /** Fixed at the handshake: the BroadcastChannel, the lock and the stored call all use it. */
  #channel = '';
  /** A calling-window remote: it never speaks for the user to HubSpot. */
  #remote = false;
  #phase: Phase = 'connecting';
  #role: Role = 'pending';
  #state: PhoneState = IDLE;
  /** Mirror: notes typed here that the owner has not echoed yet (so typing is never overwritten). */
  #localNotes: { callId: string; text: string } | null = null;
  /** Loaded after the handshake (extras/sync.js); null until then, and without it. */
  #sync: CallSync | null = null;
  /** The rest of extras/sync.js: keeping the call across a reload, matching HubSpot's late answers. */
  #kit: SyncKit | null = null;
  #recorded: Recorded[] = [];
  #outbox: Outbound[] = [];
  #restore: PhoneState | null = null;
  /** HubSpot's click-to-call while no element was attached: the next one gets it. */
  #undelivered: SoftphoneEventDetail<'softphone-dial-number'> | null = null;
  #origins?: string;
  #debug: boolean;
  #published?: boolean;
  /** The call, ring-timeout and role the ring timer was set for. */
  #ringArmed: unknown[] = [];
  #syncTimer?: ReturnType<typeof setTimeout>;
  #ringTimer?: ReturnType<typeof setTimeout>;
  #disposeTimer?: ReturnType<typeof setTimeout>;
  /** The call last written to storage, to mark it finished for every tab once it is gone. */
  #saved?: string;
  /** Who was refused, and why: once each (a refused host keeps repeating its SYNC), for `diagnose()` and ORIGIN_REJECTED. */
  #rejected = new Map<string, string>();
  /** The parent frame's origin, when allowed-origins refused it: the element says so. */
  #refused?: string;
  /** When the element connected, HubSpot's SYNC got through and `initialized` went: for `diagnose()`. */
  #times: Partial<Record<'connected' | 'synced' | 'initialized', number>> = {};
  /** The last errors, for `diagnose()`. */
  #errors: (SoftphoneErrorDetail & { at: number })[] = [];
  #syncArmed?: number;
  /** Calls still waiting for HubSpot's answers, and the last few calls, which a late answer may be about. */
  #awaiting: Awaiting[] = [];
  /** HubSpot's last click-to-call: the call dialled for it shows whom the user clicked. */
  #dialled: { detail: DialNumberDetail; at: number; started?: boolean } | null = null;
  #dials = Promise.resolve();
  #recent: CallSnapshot[] = [];
  #connected = false;

  #bridge = new HubSpotBridge({
    handshake: (context) => this.#handshake(context),
    hostEvent: (name, data) => this.#onHostEvent(name, data),
    rejected: (origin, reason, host) => {
      // The parent is named whatever else was refused from its origin first, and again with each allowed-origins value (warn() says each once).
      if (host) {
        this.#refused = origin;
        warn('refusedHost', origin, this.#origins ?? DEFAULT_ALLOWED_ORIGINS);
        this.#render();
      }
      if (this.#rejected.has(origin)) return;
      this.#rejected.set(origin, reason);
      this.#fail('ORIGIN_REJECTED', `Ignored a message from ${origin}: ${reason}.`);
    },
  });

  private constructor(view: SessionView) {
    this.#last = view;
    this.#debug = view.element.debug;
  }

  get phone(): PhoneState {
    const local = this.#localNotes;
    return local && local.callId === this.#state.call?.externalCallId ? { ...this.#state, notes: local.text } : this.#state;
  }

  get phase(): Phase {
    return this.#phase;
  }

  get ready(): boolean {
    return this.#bridge.ready;
  }

  get context(): HostContext | null {
    return this.#context;
  }

  get isOwner(): boolean {
    return this.#role === 'owner';
  }

  /** HubSpot's click-to-call of the last 10 s that no call has followed yet: the dialpad's code, loaded after it, still dials it. */
  get pendingDial(): DialNumberDetail | null {
    const dial = this.#dialled;
    return dial && !dial.started && Date.now() - dial.at < 10_000 ? dial.detail : null;
  }

  /** The parent frame's origin while allowed-origins refuses it. */
  get refusedHost(): string | undefined {
    return this.ready ? undefined : this.#refused;
  }

  /** A calling-window remote whose window is gone: where to open it again, or '' if unknown. */
  get closedWindowUrl(): string | null {
    return this.#role === 'mirror' ? this.#sync?.closedWindowUrl(this.#context!) ?? null : null;
  }

  attach(view: SessionView): void {
    clearTimeout(this.#disposeTimer);
    this.#views = [...this.#views.filter((v) => v !== view), view];
    this.#last = view;
    if (this.#views.length > 1) {
      warn('twoElements');
      // The newest one leads (rings) from now on.
      this.#render();
    }
    const config = this.#cfg();
    if (!this.#connected) {
      this.#connected = true;
      this.#origins = config.allowedOrigins;
      this.#bridge.connect({ policy: this.#policy(), debug: config.debug });
    }
    if (this.#bridge.ready) this.#greet(view);
    // The deadline counts from the first element; a later one (a re-render) does not move it.
    else if (this.#phase === 'connecting') this.#armSyncTimer((this.#times.connected ??= Date.now()));
  }

  /** HubSpot's SYNC is due `sync-timeout` ms after the element connected; outside any frame it can never come. */
  #armSyncTimer(from = this.#times.connected!): void {
    const { syncTimeout } = this.#cfg();
    const framed = parent !== window;
    clearTimeout(this.#syncTimer);
    this.#syncArmed = syncTimeout;
    this.#syncTimer = setTimeout(
      () => {
        if (this.#bridge.ready) return;
        this.#phase = 'timeout';
        this.#fail('SYNC_TIMEOUT', `${framed ? `No SYNC from HubSpot in ${syncTimeout} ms` : 'Not in a frame, so no SYNC from HubSpot'}: open this page in HubSpot's call widget.`);
        this.#render();
      },
      framed ? from + syncTimeout - Date.now() : 0,
    );
  }

  detach(view: SessionView): void {
    this.#views = this.#views.filter((v) => v !== view);
    // The next newest element, if any, now leads (it rings).
    this.#render();
    this.#disposeLater();
  }

  /** The element whose attributes count and that gets the events: with two on a page, the only one that rings. */
  leads(element: SessionView['element']): boolean {
    return this.#cfg() === element;
  }

  /**
   * With no element attached, the session ends after a grace (a replacement usually comes
   * sooner), and never while there is a call or a click waiting for an owner: HubSpot's
   * answers keep arriving, and the next element carries on.
   */
  #disposeLater(): void {
    clearTimeout(this.#disposeTimer);
    if (this.#views.length) return;
    this.#disposeTimer = setTimeout(() => {
      if (this.#views.length || this.#state.call || this.#sync?.waiting) return;
      // Ownership now moves to another tab: the page should stop its telephony here.
      if (this.isOwner) emit(this.#last.element, 'softphone-ownership-change', { isOwner: false });
      clearTimeout(this.#syncTimer);
      clearTimeout(this.#ringTimer);
      this.#sync?.close();
      this.#bridge.disconnect();
      if (current === this) current = null;
    }, DETACH_GRACE_MS);
  }

  /** A view rendered: tell HubSpot what changed in its attributes. */
  configChanged(): void {
    const config = this.#cfg();
    if (config.allowedOrigins !== this.#origins) {
      this.#origins = config.allowedOrigins;
      this.#bridge.updatePolicy(this.#policy());
    }
    if (config.debug !== this.#debug) this.#bridge.setDebug((this.#debug = config.debug));
    if (config.syncTimeout !== this.#syncArmed && this.#phase === 'connecting' && this.#times.connected) this.#armSyncTimer();
    if (this.#channel && config.channel !== this.#channel) warn('lateChannel');
    this.#sendStateChanges();
    if (config.available !== this.#published) this.#sync?.publish();
    this.#armRingTimer();
  }

  /** Every public method of the element comes through here, so a mirror can hand it to the owner. */
  invoke(name: MethodName, args: unknown[]): CallSnapshot | null | undefined {
    const config = this.#cfg();
    const [first, second] = args;
    const now = Date.now();
    const start = START[name];
    let input: CallInput | undefined;
    let message: Outbound | undefined;
    if (start) {
      // The id is fixed here, so a replay or the owner carrying it out makes the same call.
      const externalCallId = isObject(first) && first.externalCallId !== undefined ? first.externalCallId : randomId();
      args = [isObject(first) ? { ...first, externalCallId } : first];
      const dial = this.#dialled;
      if (dial) dial.started = true;
      const callee = dial && now - dial.at < CALLEE_MS && isObject(first) && dial.detail.phoneNumber === String(first.toNumber).trim() ? dial.detail.callee : undefined;
      input = { type: start, args: args[0] as StartCall, externalCallId: externalCallId as string, createEngagement: config.createEngagement, now, callee };
    } else if (name === 'navigateToRecord') {
      message = navigateRequest(first, second, this.#state.call?.engagementId);
    } else if (name === 'reportError') {
      message = errorReport(first);
    } else {
      const options = isObject(first) ? first : {};
      // setMuted, setHeld, setRecording: the only methods here whose name starts with "set".
      input = name[0] === 's'
        ? { type: 'flag', method: name, name: name.slice(3).toLowerCase() as 'muted', value: first, recordingUrl: second }
        : ({
            answerCall: { type: 'answer', now },
            endCall: { type: 'end', status: first, now },
            completeCall: { type: 'complete', engagementProperties: options.engagementProperties, hideWidget: options.hideWidget },
            transferCall: { type: 'transfer' },
            finalizeEngagement: { type: 'finalize' },
          } as Record<string, CallInput>)[name];
    }

    if (this.#role === 'mirror') {
      if (this.#sync?.status === 'gone' && this.#context?.usesCallingWindow) {
        throw new SoftphoneError('INVALID_STATE', `${name}(): the calling window is closed; open it.`);
      }
      // Validate (throwing just as the owner would), then let the owner do it.
      const predicted = input ? transition(this.#state, input).state.call : undefined;
      const callId = start ? undefined : this.#state.call?.externalCallId;
      this.#forward({ type: 'method', name, args, ...(callId && { callId }) });
      return predicted;
    }
    let call: CallSnapshot | null | undefined;
    if (message) this.#send(message);
    else call = this.#apply(input!);
    if (this.#role === 'pending') this.#recorded.push({ method: name, args });
    if (name === 'answerCall' && config.navigateOn === 'answer') this.#navigateToSingleMatch();
    return call;
  }

  /** A failure the page should hear of, not shown in the element. */
  fail(code: SoftphoneErrorCode, message: string): void {
    this.#fail(code, message);
  }

  /** A report for a support ticket; its code loads on first use. */
  async diagnose(): Promise<Diagnosis> {
    const facts: SessionFacts = [this.#rejected, this.#times, this.#errors, this.#phase, this.#role, this.#sync?.status];
    return (await loadDiagnose()).diagnose(this.#cfg() as unknown as DiagnosedElement, facts);
  }

  /** This frame's own page, not the call's: never handed to the owner. */
  async setWidgetUrl(url: unknown): Promise<void> {
    this.#bridge.send((await loadWidgetUrl()).widgetUrlRequest(url));
  }

  /** The user clicked Answer, Decline, Hang up or Done. */
  click(name: Click): void {
    const call = this.#state.call;
    if (call) this.act({ type: 'control', callId: call.externalCallId, status: call.status, event: `softphone-${name}`, detail: {}, then: CLICK_ACTIONS[name] });
  }

  typeNotes(text: string): void {
    const call = this.#state.call;
    if (call) this.act({ type: 'notes', callId: call.externalCallId, text });
  }

  toggleAvailability(): void {
    this.act({ type: 'availability', available: !this.#cfg().available });
  }

  openRecord(objectCoordinates: ObjectCoordinates): void {
    const call = this.#state.call;
    if (call) this.act({ type: 'record', callId: call.externalCallId, objectCoordinates });
  }

  /** What the user did in this frame: the owner carries it out, a mirror hands it over. */
  act(action: MirrorAction): void {
    if (this.#role !== 'mirror') return this.#carryOut(action);
    // Shown as typed at once, so the owner's echo of older text never overwrites it.
    if (action.type === 'notes') this.#localNotes = { callId: action.callId, text: action.text };
    this.#forward(action);
    this.#render();
  }

  /** Arguments cross to the owner by structured clone: a function or a DOM node in them cannot. */
  #forward(action: MirrorAction): void {
    try {
      this.#sync!.forward(action);
    } catch {
      throw new SoftphoneError('INVALID_ARGUMENT', 'Pass plain data only: no functions or DOM nodes.');
    }
  }

  #cfg(): SessionConfig {
    return (this.#views[this.#views.length - 1] ?? this.#last).element;
  }

  #emit<K extends SoftphoneEventName>(name: K, detail: SoftphoneEventDetail<K>, cancelable = false): boolean {
    const view = this.#views[this.#views.length - 1];
    if (!view && name === 'softphone-dial-number') this.#undelivered = detail as SoftphoneEventDetail<'softphone-dial-number'>;
    return view ? emit(view.element, name, detail, cancelable) : true;
  }

  #render(): void {
    for (const view of this.#views) view.element.requestUpdate();
  }

  /** A SoftphoneError thrown where no caller can catch it (a replay, the owner carrying out another frame's call): the page hears of it. */
  #report(error: unknown): void {
    if (error instanceof SoftphoneError) this.#fail(error.code, error.message);
  }

  /** `shown`: in the element's banner too (HubSpot's failures about the current call); otherwise the event only. */
  #fail(code: SoftphoneErrorCode, message: string, shown = false, externalCallId?: string): void {
    const detail = { code, message, ...(externalCallId && { externalCallId }) };
    this.#errors = [...this.#errors.slice(-9), { ...detail, at: Date.now() }];
    if (shown) this.#views[this.#views.length - 1]?.showError(detail);
    this.#emit('softphone-error', detail);
  }

  #policy() {
    const policy = parseAllowedOrigins(this.#origins);
    if (policy.allowsAll) warn('allowsAll');
    policy.invalid.forEach((entry) => warn('notAnOrigin', entry));
    return policy;
  }

  /** An element that joins a session already talking to HubSpot hears what a new one would. */
  #greet(view: SessionView): void {
    if (this.#greeted.has(view.element)) return;
    this.#greeted.add(view.element);
    queueMicrotask(() => {
      if (!this.#views.includes(view)) return;
      const target = view.element;
      emit(target, 'softphone-ready', this.#context!);
      if (this.isOwner) emit(target, 'softphone-ownership-change', { isOwner: true });
      const { call } = this.#state;
      if (call) emit(target, 'softphone-call-change', { call, previous: null, restored: true });
      if (this.#undelivered) emit(target, 'softphone-dial-number', this.#undelivered);
      this.#undelivered = null;
    });
  }

  #handshake(context: HostContext): void {
    clearTimeout(this.#syncTimer);
    this.#times.synced = Date.now();
    this.#context = Object.freeze({ ...context });
    const channel = (this.#channel = this.#cfg().channel);
    const candidate = roleFor(context) === 'candidate';
    this.#remote = !candidate;
    const record = candidate ? loadCall(channel) : null;
    // Without a call kept across a reload HubSpot hears at once; with one, once the code that checks it has loaded.
    if (candidate && !record) this.#initialize();
    // A file that never comes (a stalled CDN) must not leave the frame without an owner: it then works alone.
    let stalled: ReturnType<typeof setTimeout>;
    Promise.race([loadSync(), new Promise<never>((_, late) => (stalled = setTimeout(late, SYNC_LOAD_MS)))])
      .finally(() => clearTimeout(stalled))
      .then(
        (kit) => {
          const { readStoredCall, restorable, finishedCalls, CallSync } = (this.#kit = kit);
          const stored = record ? readStoredCall(record) : null;
          const now = Date.now();
          const restore = restorable(stored, context, now, finishedCalls(channel, now));
          if (restore) this.#awaiting = stored!.awaiting;
          this.#begin(restore, restore ? stored!.done : [], CallSync);
        },
        () => {
          // Without it this frame works alone: it owns its calls, and a call kept across the reload cannot come back.
          this.#host.unavailable('extras/sync.js', 'each HubSpot tab works alone and may ring, and no call comes back after a reload');
          this.#begin(null, [], null);
        },
      );
  }

  /** How CallSync sees this session. */
  #host: CallSyncHost = {
    ownerState: (): OwnerState => ({ phone: this.#state, available: (this.#published = this.#cfg().available) }),
    ownership: (isOwner) => this.#ownership(isOwner),
    mirrored: (state) => this.#mirrored(state),
    action: (action) => this.#carryOut(action),
    unavailable: (api, effect) => missingApis.has(api) || (missingApis.add(api), this.#fail('TAB_SYNC_UNAVAILABLE', `No ${api} here: ${effect}.`)),
  };

  #begin(restore: PhoneState | null, done: readonly string[], Sync: typeof CallSync | null): void {
    if (current !== this) return;
    const context = this.#context!;
    const candidate = !this.#remote;
    this.#restore = restore;
    // A remote answers HubSpot once it knows the owner's availability (see #mirrored).
    if (candidate) this.#initialize();
    if (!Sync) return this.#ownership(true);
    (this.#sync = new Sync(this.#host, { channel: this.#channel, scope: syncScope(context), elect: candidate, wait: context.iframeLocation === 'window', done })).start();
  }

  #initialize(): void {
    if (this.#bridge.ready) return;
    if (told) {
      // This page answered HubSpot before the element was replaced: only what changed since goes now.
      this.#bridge.initialize(null);
      this.#sendStateChanges();
    } else {
      const now = (told = this.#hostState());
      const engagementId = (this.#restore ?? this.#state).call?.engagementId ?? this.#context!.engagementId;
      this.#bridge.initialize({
        isLoggedIn: now.loggedIn,
        isAvailable: now.available,
        ...(now.size && { sizeInfo: now.size }),
        ...(engagementId && { engagementId }),
      });
    }
    this.#phase = 'ready';
    this.#times.initialized = Date.now();
    for (const view of this.#views) this.#greeted.add(view.element);
    this.#emit('softphone-ready', this.#context!);
    this.#render();
  }

  #ownership(isOwner: boolean): void {
    const was = this.#role;
    const recorded = this.#recorded;
    this.#recorded = [];
    if (!isOwner) {
      // Someone else owns the call: what this page did before it knew goes to them.
      this.#role = 'mirror';
      // Its own size, and in a tab of its own the user's state, are still this frame's to tell; calls are the owner's.
      const outbox = this.#outbox;
      this.#outbox = [];
      for (const message of outbox) if (aboutUser(message) && (!this.#remote || message.data)) this.#bridge.send(message);
      for (const r of recorded) {
        try {
          if ('method' in r) this.#forward({ type: 'method', name: r.method, args: r.args });
          else this.#onHostEvent(r.host, r.data);
        } catch (error) {
          this.#report(error);
        }
      }
      this.#emit('softphone-ownership-change', { isOwner: false });
      return this.#render();
    }
    this.#role = 'owner';
    // Alone (no BroadcastChannel), a remote owns at once and answers HubSpot itself.
    this.#initialize();
    const previous = this.#state.call;
    let restored = this.#restore;
    this.#restore = null;
    if (was === 'mirror') {
      // The owner went away (its tab closed): take over the call it last reported, or, if this
      // frame never heard one (it met the lock busy while reloading), its own stored call.
      const last = this.#sync!.lastState;
      restored = last?.phone ?? restored ?? IDLE;
      this.#localNotes = null;
      if (last) this.#setAvailable(last.available);
    }
    this.#sendStateChanges();
    this.#emit('softphone-ownership-change', { isOwner: true });
    // Taken back as it was: HubSpot already heard everything it records, so no call message is
    // re-sent; what the page did meanwhile is done again on top of it.
    const outbox = this.#outbox;
    this.#outbox = [];
    for (const message of outbox) if (!restored || aboutUser(message)) this.#send(message);
    if (restored) {
      this.#state = restored;
      if (restored.call) this.#emit('softphone-call-change', { call: restored.call, previous, restored: true });
      else if (previous) this.#emit('softphone-call-change', { call: null, previous, restored: false });
    }
    for (const r of recorded) if (restored || 'host' in r) this.#replay(r);
    this.#afterChange();
  }

  #replay(r: Recorded): void {
    try {
      if ('method' in r) this.invoke(r.method, r.args);
      else this.#onHostEvent(r.host, r.data);
    } catch (error) {
      this.#report(error);
    }
  }

  #mirrored(state: OwnerState | null): void {
    if (this.#role !== 'mirror') return;
    const previous = this.#state.call;
    this.#state = state?.phone ?? IDLE;
    const local = this.#localNotes;
    if (local && (local.callId !== this.#state.call?.externalCallId || local.text === this.#state.notes)) this.#localNotes = null;
    if (state) this.#setAvailable(state.available);
    if (!sameCall(this.#state.call, previous)) this.#emit('softphone-call-change', { call: this.#state.call, previous, restored: false });
    this.#initialize();
    this.#disposeLater();
    this.#render();
  }

  /** The owner does what the user did here or in a mirror, if it is still about the current call. */
  #carryOut(action: MirrorAction): void {
    const callId = 'callId' in action ? action.callId : undefined;
    if (callId && callId !== this.#state.call?.externalCallId) return;
    try {
      switch (action.type) {
        case 'notes':
        case 'outcome':
          this.#state = transition(this.#state, action).state;
          return this.#afterChange();
        case 'control': {
          // The dialpad's call goes only while there is none; a button, only while its call is as it was shown
          // (another remote may have been quicker), but a call answered since it was dialled is still the one hung up.
          const { call } = this.#state;
          const { then, status } = action;
          if ((!callId && call) || (status !== call?.status && !(status === 'dialing' && call?.status === 'connected'))) return;
          // Ask the page first; a listener that already finished the action leaves nothing to do.
          if (this.#emit(action.event as 'softphone-dial', { ...action.detail, ...(call && { call }) } as never, !!then) && then && this.#state.call === call) this.invoke(...then);
          return;
        }
        case 'record':
          return this.#openRecord(action.objectCoordinates);
        case 'availability':
          return this.#requestAvailability(action.available);
        case 'method':
          return void this.invoke(action.name, action.args);
        case 'host':
          return this.#onHostEvent(action.name, action.data);
      }
    } catch (error) {
      // A click the state moved past is moot; a page's method call that fails here is the page's to know.
      if (action.type === 'method') this.#report(error);
      else if (this.#debug) console.debug('[hubspot-softphone] skipped', action, error);
    }
  }

  #apply(input: CallInput): CallSnapshot | null {
    const previous = this.#state.call;
    const { state, send } = transition(this.#state, input);
    this.#state = state;
    for (const message of send) this.#send(message);
    if (state.call !== previous) this.#emit('softphone-call-change', { call: state.call, previous, restored: false });
    this.#afterChange();
    return state.call;
  }

  /** Every message goes out after any login, availability or size change made before it. */
  #send(message: Outbound): void {
    this.#sendStateChanges();
    if (this.#role === 'pending') return void this.#outbox.push(message);
    if (this.#kit) this.#awaiting = this.#kit.expectAnswers(this.#awaiting, message, Date.now());
    this.#bridge.send(message);
  }

  #save(): void {
    // Without extras/sync.js a call cannot come back after a reload, so none is kept.
    this.#saved = this.#kit?.keepCall(this.#channel, this.#saved, syncScope(this.#context!), this.#state, this.#sync?.done ?? [], this.#awaiting);
  }

  /** Keeps the latest snapshot of each of the last few calls. */
  #remember(call: CallSnapshot): void {
    this.#recent = [call, ...this.#recent.filter((c) => c.externalCallId !== call.externalCallId).slice(0, 7)];
  }

  #afterChange(): void {
    const { call } = this.#state;
    if (call) this.#remember(call);
    if (this.#role === 'owner') {
      this.#save();
      this.#sync?.publish();
      this.#armRingTimer();
    }
    if (!call) this.#disposeLater();
    this.#render();
  }

  #hostState(): HostState {
    const { width, height, loggedIn, available } = this.#cfg();
    return { loggedIn, available, size: width! > 0 && height! > 0 ? { width: width!, height: height! } : undefined };
  }

  /**
   * Login and availability go out in order with the calls; a calling-window remote leaves them
   * to the window, but a tab of its own tells its HubSpot (a mirror's availability is the owner's).
   * Every frame reports its own size.
   */
  #sendStateChanges(): void {
    const before = told;
    if (!before) return;
    const now = this.#hostState();
    const silent = this.#remote && this.#role === 'mirror';
    const changes: Outbound[] = [];
    if (!silent && now.loggedIn !== before.loggedIn) changes.push({ type: now.loggedIn ? 'LOGGED_IN' : 'LOGGED_OUT' });
    if (!silent && now.available !== before.available) changes.push({ type: now.available ? 'USER_AVAILABLE' : 'USER_UNAVAILABLE' });
    if (now.size && JSON.stringify(now.size) !== JSON.stringify(before.size)) changes.push({ type: 'RESIZE_WIDGET', data: now.size });
    told = silent ? { ...before, size: now.size } : now;
    if (this.#role === 'pending') this.#outbox.push(...changes);
    else changes.forEach((message) => this.#bridge.send(message));
  }

  #requestAvailability(available: boolean): void {
    if (available !== this.#cfg().available && this.#emit('softphone-availability-change', { available }, true)) this.#setAvailable(available);
  }

  #setAvailable(available: boolean): void {
    this.#cfg().available = available;
    for (const view of this.#views) view.element.available = available;
    if (!this.#views.length) this.configChanged();
  }

  #openRecord(objectCoordinates: ObjectCoordinates): void {
    if (this.#emit('softphone-navigate', { objectCoordinates }, true)) this.invoke('navigateToRecord', [objectCoordinates]);
  }

  #navigateToSingleMatch(): void {
    const matches = this.#state.call?.callerIdMatches ?? [];
    if (matches.length === 1) this.#openRecord(matches[0]!.objectCoordinates);
  }

  /** An unanswered call ends as MISSED after `ring-timeout`, counted from when it started (a restored one too). */
  #armRingTimer(): void {
    const { call } = this.#state;
    const { ringTimeout } = this.#cfg();
    const armed = [call, ringTimeout, this.#role];
    if (armed.every((value, i) => value === this.#ringArmed[i])) return;
    this.#ringArmed = armed;
    clearTimeout(this.#ringTimer);
    if (this.#role !== 'owner' || call?.status !== 'ringing' || !(ringTimeout > 0)) return;
    this.#ringTimer = setTimeout(() => this.#state.call === call && this.invoke('endCall', ['MISSED']), call.startedAt + ringTimeout * 1000 - Date.now());
  }

  #onHostEvent(name: HostMessageType, data: unknown): void {
    if (this.#role === 'pending') return void this.#recorded.push({ host: name, data });
    const call = this.#state.call;
    if (this.#role === 'mirror' && name !== 'VISIBILITY_CHANGED') {
      // Click-to-call and END_CALL belong where the telephony runs; the rest answer the owner's own messages.
      if ((FORWARDED_HOST_EVENTS as readonly string[]).includes(name)) {
        const callId = name === 'END_CALL' ? call?.externalCallId : undefined;
        this.#sync!.forward({ type: 'host', name: name as 'DIAL_NUMBER', data, ...(callId && { callId }) });
      }
      return;
    }
    const { code, answers } = outcomeOf(name);
    const named = isObject(data) && typeof data.externalCallId === 'string' ? data.externalCallId : undefined;
    const engagementId = readEngagementId(data);
    let callId = named;
    if (answers) {
      // HubSpot repeating an engagement it already gave (the deprecated ENGAGEMENT_CREATED beside its successor) answers nothing new.
      // An update or finalize names its engagement, so its call.
      const known = engagementId ? this.#recent.find((c) => c.engagementId === engagementId)?.externalCallId : undefined;
      if (known && answers === 'engagement') callId = known;
      else {
        // Without extras/sync.js nothing is kept waiting: an answer is about the call it names, or the current one.
        const taken = this.#kit?.takeAnswer(this.#awaiting, answers, named ?? known, Date.now()) ?? { callId: named ?? known ?? null, list: [] };
        ({ callId, list: this.#awaiting } = taken as { callId: string; list: Awaiting[] });
        if (call) this.#save();
      }
    }
    // Nothing was waiting (an ownership move in between): it is about the current call, unless it
    // answers a completion, which the current call has not had.
    const target = callId ? (callId === call?.externalCallId ? call : this.#recent.find((c) => c.externalCallId === callId) ?? null) : answers === 'update' ? null : call;
    const isCurrent = !!call && target === call;
    if (code) {
      // A failure about an earlier call is reported, not shown over the current one.
      return this.#fail(code, readFailureMessage(data, `HubSpot: ${code.toLowerCase().replace(/_/g, ' ')}`), !QUIET_ERRORS.includes(code) && (!callId || isCurrent), callId);
    }
    switch (name) {
      case 'DIAL_NUMBER': {
        const at = Date.now();
        // In order, even while the first one waits for the code that reads it.
        this.#dials = this.#dials.then(async () => {
          let detail: DialNumberDetail | null;
          try {
            detail = (await loadDialNumber()).receiveDial(data, at, this.#cfg().defaultCountry);
            if (!detail) return;
          } catch {
            // Not served beside the script: the vendor still gets the number, as HubSpot sent it.
            if (!isObject(data) || typeof data.phoneNumber !== 'string') return;
            detail = { ...primitives(data), phoneNumber: data.phoneNumber.trim() } as DialNumberDetail;
          }
          this.#dialled = { detail, at };
          this.#emit('softphone-dial-number', detail);
        });
        return;
      }
      case 'END_CALL':
        if (call && call.status !== 'ended') {
          this.#emit('softphone-end-call-request', { call });
          // A listener may already have ended it with its own status. Refusing a ringing call is REJECTED.
          if (this.#state.call === call) this.invoke('endCall', [call.status === 'ringing' ? 'REJECTED' : undefined]);
        }
        return;
      case 'ENGAGEMENT_CREATED':
      case 'CREATE_ENGAGEMENT_SUCCEEDED':
      case 'UPDATE_ENGAGEMENT_SUCCEEDED': {
        if (!engagementId) return;
        let about = target;
        if (name !== 'UPDATE_ENGAGEMENT_SUCCEEDED') {
          // An answer about a call that has gone changes nothing on screen; the page still hears of it, with that call.
          if (isCurrent) about = this.#apply({ type: 'engagement', engagementId });
          else if (about && !about.engagementId) this.#remember((about = Object.freeze({ ...about, engagementId })));
        }
        this.#emit('softphone-engagement', { call: about, engagementId });
        return;
      }
      case 'CALLER_ID_MATCH_SUCCEEDED': {
        const matches = readCallerIdMatches(data);
        if (!matches || !target) return;
        if (!isCurrent) return void this.#emit('softphone-caller-id', { call: target, matches });
        const updated = this.#apply({ type: 'callerId', matches })!;
        this.#emit('softphone-caller-id', { call: updated, matches: updated.callerIdMatches });
        if (this.#cfg().navigateOn === 'match') this.#navigateToSingleMatch();
        return;
      }
      case 'FINALIZE_ENGAGEMENT_SUCCEEDED':
      case 'PUBLISH_TO_CHANNEL_SUCCEEDED':
        this.#emit('softphone-finalized', { call: target, ...(engagementId && { engagementId }) });
        return;
      case 'VISIBILITY_CHANGED': {
        const visibility = readVisibility(data);
        if (visibility) this.#emit('softphone-visibility-change', visibility);
        return;
      }
      case 'INITIATE_CALL_ID_SUCCEEDED':
      case 'SET_CALL_STATE':
        if (isObject(data)) this.#emit(name === 'SET_CALL_STATE' ? 'softphone-call-state' : 'softphone-call-id-initiated', primitives(data) as HostPayload);
        return;
      default:
        if (this.#debug) console.debug('[hubspot-softphone] unhandled', name, data);
    }
  }
}
