import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { HubSpotBridge, type HostEventName, type InitializedPayload } from '../bridge/hubspot-bridge.js';
import { IDLE, transition, type CallInput, type EngagementProperties, type Outbound, type PhoneState, type StartCall } from '../core/call-machine.js';
import type { SoftphoneErrorCode } from '../core/errors.js';
import { matchName, remoteNumber } from '../core/format.js';
import { readCallerIdMatches, readDialNumber, readEngagementId, readFailureMessage, readVisibility } from '../core/host-events.js';
import { parseAllowedOrigins, type OriginPolicy } from '../core/origins.js';
import { formatPhoneNumber } from '../core/phone-number.js';
import { errorReport, navigateRequest } from '../core/requests.js';
import { EN_STRINGS, type SoftphoneStrings } from '../core/strings.js';
import type { CallSnapshot, CallerIdMatch, EndStatus, HostContext, ObjectCoordinates } from '../core/types.js';
import { emit, type SoftphoneErrorDetail } from './events.js';
import { styles } from './styles.js';
import { inCallView } from './views/in-call.js';
import { idleView } from './views/idle.js';
import { ringingView } from './views/ringing.js';
import { errorBanner, statusView } from './views/status.js';
import type { ViewContext } from './views/view-context.js';
import { wrapUpView } from './views/wrap-up.js';

export type NavigateOn = 'none' | 'match' | 'answer';
export type Theme = 'light' | 'dark' | 'auto';

/** HubSpot's failure callbacks and the error code each becomes. */
const FAILURES: Partial<Record<HostEventName, SoftphoneErrorCode>> = {
  onCreateEngagementFailed: 'CREATE_ENGAGEMENT_FAILED',
  onUpdateEngagementFailed: 'UPDATE_ENGAGEMENT_FAILED',
  onCallerIdMatchFailed: 'CALLER_ID_MATCH_FAILED',
  onNavigateToRecordFailed: 'NAVIGATE_TO_RECORD_FAILED',
  onFinalizeEngagementFailed: 'FINALIZE_ENGAGEMENT_FAILED',
  onPublishToChannelFailed: 'FINALIZE_ENGAGEMENT_FAILED',
};

let warnedAllowAll = false;

const booleanDefaultTrue = { fromAttribute: (value: string | null) => value !== 'false' };

/**
 * The whole HubSpot calling integration in one element: handshake, availability,
 * incoming-call card with caller ID, outbound calls, engagements and wrap-up.
 *
 * @tagname hubspot-softphone
 * @summary HubSpot calling-extension softphone UI and protocol.
 * @slot - The vendor's own idle UI (a dialpad, recent calls).
 * @slot login - Shown while `logged-in` is off: the vendor's sign-in.
 * @slot actions - Extra in-call controls (mute, hold, keypad).
 * @slot wrap-up - Extra wrap-up fields (disposition, tags).
 * @csspart availability-toggle - The availability switch.
 * @csspart incoming-card - The ringing call card.
 * @csspart caller-name - The caller's name (first caller-ID match).
 * @csspart caller-number - The other party's number.
 * @csspart record-link - One caller-ID match; opens its record.
 * @csspart answer-button - Answers the ringing call.
 * @csspart decline-button - Declines the ringing call.
 * @csspart ring-time - How long the call has been ringing.
 * @csspart call - The dialing / connected view.
 * @csspart timer - Call duration.
 * @csspart hangup-button - Ends the call.
 * @csspart wrap-up - The ended-call view.
 * @csspart notes - The notes field, sent as `hs_call_body`.
 * @csspart done-button - Completes the call.
 * @csspart status - Connecting, not-in-HubSpot and signed-out messages.
 * @csspart error - A dismissable error.
 * @fires {CustomEvent<HostContext>} softphone-ready - HubSpot's handshake is done.
 * @fires {CustomEvent<DialNumberDetail>} softphone-dial-number - A HubSpot user clicked to call a number.
 * @fires {CustomEvent<{ available: boolean }>} softphone-availability-change - The user flipped the availability switch. Cancelable: the switch stays.
 * @fires {CustomEvent<CallDetail>} softphone-answer - The user clicked Answer. Cancelable: call `answerCall()` yourself.
 * @fires {CustomEvent<CallDetail>} softphone-decline - The user clicked Decline (ends REJECTED). Cancelable.
 * @fires {CustomEvent<CallDetail>} softphone-hangup - The user clicked Hang up. Cancelable.
 * @fires {CustomEvent<CallDetail>} softphone-complete - The user clicked Done. Cancelable: call `completeCall()` with your own properties.
 * @fires {CustomEvent<CallDetail>} softphone-end-call-request - HubSpot asked to end the call.
 * @fires {CustomEvent<{ call: CallSnapshot; matches: CallerIdMatch[] }>} softphone-caller-id - HubSpot's caller-ID lookup answered.
 * @fires {CustomEvent<{ call: CallSnapshot | null; engagementId: number }>} softphone-engagement - An engagement was created or updated.
 * @fires {CustomEvent<{ objectCoordinates: ObjectCoordinates }>} softphone-navigate - A record is being opened. Cancelable.
 * @fires {CustomEvent<{ isMinimized: boolean; isHidden: boolean }>} softphone-visibility-change - The widget was minimized or hidden.
 * @fires {CustomEvent<{ call: CallSnapshot | null; previous: CallSnapshot | null }>} softphone-call-change - Any call transition.
 * @fires {CustomEvent<SoftphoneErrorDetail>} softphone-error - Something failed: `{ code, message }`.
 * @cssprop --hubspot-softphone-background - Background (light #fff, dark #1b2836).
 * @cssprop --hubspot-softphone-surface - Raised surfaces (light #f5f8fa, dark #253648).
 * @cssprop --hubspot-softphone-text - Text (light #213343, dark #eaf0f6).
 * @cssprop --hubspot-softphone-muted - Secondary text (light #516f90, dark #a9bdd1).
 * @cssprop --hubspot-softphone-border - Borders (light #cbd6e2, dark #3e5974).
 * @cssprop --hubspot-softphone-focus - Focus ring (light #0091ae, dark #7fd1e3).
 * @cssprop --hubspot-softphone-accent - Done button and ringing pulse (#ff7a59).
 * @cssprop --hubspot-softphone-answer - Answer button and the switch when on (#0b7a55).
 * @cssprop --hubspot-softphone-hangup - Decline and hang-up buttons (#c8243a).
 * @cssprop --hubspot-softphone-font - Font family (system-ui).
 */
export class HubSpotSoftphone extends LitElement {
  static override styles = styles;

  static override properties = {
    loggedIn: { type: Boolean, attribute: 'logged-in', reflect: true },
    available: { type: Boolean, reflect: true },
    width: { type: Number },
    height: { type: Number },
    allowedOrigins: { attribute: 'allowed-origins' },
    createEngagement: { attribute: 'create-engagement', converter: booleanDefaultTrue },
    navigateOn: { attribute: 'navigate-on' },
    ringTimeout: { type: Number, attribute: 'ring-timeout' },
    syncTimeout: { type: Number, attribute: 'sync-timeout' },
    channel: {},
    theme: { reflect: true },
    debug: { type: Boolean },
    strings: { attribute: false },
    formatPhoneNumber: { attribute: false },
    _phase: { state: true },
    _phone: { state: true },
    _error: { state: true },
    _now: { state: true },
  };

  /** The user is signed in to the vendor; sent in `initialized`, then `userLoggedIn`/`userLoggedOut`. */
  loggedIn = false;
  /** Available for inbound calls; the built-in switch flips it. */
  available = false;
  /** Widget width in px, sent as `sizeInfo` and `resizeWidget`. */
  width?: number;
  /** Widget height in px, sent as `sizeInfo` and `resizeWidget`. */
  height?: number;
  /** Space-separated origins that may talk to the element; `*` only in the leftmost host label. */
  allowedOrigins?: string;
  /** Ask HubSpot to create an engagement for each call. */
  createEngagement = true;
  /** Open the record of a single caller-ID match automatically. */
  navigateOn: NavigateOn = 'none';
  /** Seconds an incoming call rings before it ends as MISSED; 0 rings until answered. */
  ringTimeout = 0;
  /** Milliseconds to wait for HubSpot's SYNC before showing the not-in-HubSpot state. */
  syncTimeout = 30000;
  /** BroadcastChannel name shared by the calling window and remote frames. */
  channel = 'hubspot-softphone';
  /** Colour scheme. */
  theme: Theme = 'light';
  /** SDK debug logging. */
  debug = false;
  /** Overrides for any UI label. */
  strings: Partial<SoftphoneStrings> = {};
  /** Turns an E.164 number into its display form. */
  formatPhoneNumber: (phoneNumber: string) => string = formatPhoneNumber;

  private _phase: 'connecting' | 'ready' | 'timeout' = 'connecting';
  private _phone: PhoneState = IDLE;
  private _error: SoftphoneErrorDetail | null = null;
  private _now = Date.now();

  #context: HostContext | null = null;
  #rejectedOrigins = new Set<string>();
  #syncTimer?: ReturnType<typeof setTimeout>;
  #ticker?: ReturnType<typeof setInterval>;
  #focusInside = false;
  /** What HubSpot last heard of login, availability and size; changes are sent as they happen. */
  #told: { loggedIn: boolean; available: boolean; size?: { width: number; height: number } } | null = null;

  #bridge = new HubSpotBridge({
    initialized: (context): InitializedPayload => {
      this.#told = this.#hostState();
      const { loggedIn, available, size } = this.#told;
      const engagementId = this._phone.call?.engagementId ?? context.engagementId;
      return { isLoggedIn: loggedIn, isAvailable: available, ...(size && { sizeInfo: size }), ...(engagementId && { engagementId }) };
    },
    ready: (context) => {
      clearTimeout(this.#syncTimer);
      this.#context = Object.freeze(context);
      this._phase = 'ready';
      emit(this, 'softphone-ready', this.#context);
    },
    hostEvent: (name, data) => this.#onHostEvent(name, data),
    rejected: (origin, reason) => {
      // Once per origin: a refused host keeps repeating its SYNC.
      if (this.#rejectedOrigins.has(origin)) return;
      this.#rejectedOrigins.add(origin);
      this.#fail('ORIGIN_REJECTED', `Ignored a message from ${origin}: ${reason}.`, false);
    },
  });

  /** HubSpot's handshake is done. */
  get ready(): boolean {
    return this.#bridge.ready;
  }

  /** What HubSpot said in its handshake, or null before it. */
  get hostContext(): HostContext | null {
    return this.#context;
  }

  /** The current call, or null. */
  get call(): CallSnapshot | null {
    return this._phone.call;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A move (disconnect + connect) stopped the ticker; the update restarts it.
    this.requestUpdate();
    this.#bridge.connect({ policy: this.#policy(), debug: this.debug });
    if (!this.#bridge.ready) {
      clearTimeout(this.#syncTimer);
      this.#syncTimer = setTimeout(() => {
        if (this.#bridge.ready) return;
        this._phase = 'timeout';
        this.#fail('SYNC_TIMEOUT', `No SYNC from HubSpot in ${this.syncTimeout} ms: open this page in HubSpot's call widget.`, false);
      }, this.syncTimeout);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#syncTimer);
    this.#stopTicker();
    // Moving the element in the DOM reconnects it in the same task: keep the handshake.
    queueMicrotask(() => {
      if (this.isConnected) return;
      this.#bridge.disconnect();
      this.#told = null;
    });
  }

  /** Shows the incoming-call card and tells HubSpot; returns the new call. */
  incomingCall(call: StartCall & { fromNumber: string; toNumber: string }): CallSnapshot {
    return this.#start('incoming', call);
  }

  /** Shows the dialing view and tells HubSpot; returns the new call. */
  outgoingCall(call: StartCall & { toNumber: string }): CallSnapshot {
    return this.#start('outgoing', call);
  }

  /** The ringing or dialing call is connected. */
  answerCall(): CallSnapshot {
    const call = this.#apply({ type: 'answer', now: Date.now() })!;
    if (this.navigateOn === 'answer') this.#navigateToSingleMatch();
    return call;
  }

  /** Ends the call; the status defaults by state (connected COMPLETED, ringing MISSED, dialing CANCELED). */
  endCall(status?: EndStatus): CallSnapshot {
    return this.#apply({ type: 'end', status, now: Date.now() })!;
  }

  /** Logs the ended call (notes as `hs_call_body`) and goes back to idle. */
  completeCall(options: { engagementProperties?: EngagementProperties; hideWidget?: boolean } = {}): void {
    this.#apply({ type: 'complete', engagementProperties: options?.engagementProperties, hideWidget: options?.hideWidget });
  }

  /** The call was handed to someone else; back to idle. */
  transferCall(): void {
    this.#apply({ type: 'transfer' });
  }

  /** Help-desk: tells HubSpot the current call's engagement is final. */
  finalizeEngagement(): void {
    this.#apply({ type: 'finalize' });
  }

  /** Opens a HubSpot record (for example a caller-ID match). */
  navigateToRecord(objectCoordinates: ObjectCoordinates, openIn?: 'CURRENT_TAB' | 'NEW_TAB'): void {
    this.#send(navigateRequest(objectCoordinates, openIn, this._phone.call?.engagementId));
  }

  /** Shows an error alert inside HubSpot. */
  reportError(message: string): void {
    this.#send(errorReport(message));
  }

  /** Every message goes out after any login, availability or size change made before it. */
  #send(message: Outbound): void {
    if (this.#told) this.#sendStateChanges();
    this.#bridge.send(message);
  }

  #start(type: 'incoming' | 'outgoing', args: StartCall): CallSnapshot {
    const externalCallId = args?.externalCallId ?? globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`;
    return this.#apply({ type, args, externalCallId: externalCallId as string, createEngagement: this.createEngagement, now: Date.now() })!;
  }

  /** Runs one transition: new state, its messages, one call-change event. Throws before changing anything. */
  #apply(input: CallInput): CallSnapshot | null {
    const previous = this._phone.call;
    const { state, send } = transition(this._phone, input);
    this._phone = state;
    for (const message of send) this.#send(message);
    if (state.call !== previous) emit(this, 'softphone-call-change', { call: state.call, previous });
    return state.call;
  }

  #onHostEvent(name: HostEventName, data: unknown): void {
    const call = this._phone.call;
    const code = FAILURES[name];
    if (code) {
      // No caller-ID match is common and not the user's problem: the event is enough.
      return this.#fail(code, readFailureMessage(data, `HubSpot: ${code.toLowerCase().replace(/_/g, ' ')}`), code !== 'CALLER_ID_MATCH_FAILED');
    }
    switch (name) {
      case 'onDialNumber': {
        const detail = readDialNumber(data);
        if (detail) emit(this, 'softphone-dial-number', detail);
        return;
      }
      case 'onEndCall':
        if (call && call.status !== 'ended') {
          emit(this, 'softphone-end-call-request', { call });
          // A listener may already have ended it with its own status. Refusing a ringing call is REJECTED.
          if (this._phone.call === call) this.endCall(call.status === 'ringing' ? 'REJECTED' : undefined);
        }
        return;
      case 'onEngagementCreated':
      case 'onCreateEngagementSucceeded':
      case 'onUpdateEngagementSucceeded': {
        const engagementId = readEngagementId(data);
        if (!engagementId) return;
        if (name !== 'onUpdateEngagementSucceeded') this.#apply({ type: 'engagement', engagementId });
        emit(this, 'softphone-engagement', { call: this._phone.call, engagementId });
        return;
      }
      case 'onCallerIdMatchSucceeded': {
        const matches = readCallerIdMatches(data);
        if (!matches || !call) return;
        const updated = this.#apply({ type: 'callerId', matches })!;
        emit(this, 'softphone-caller-id', { call: updated, matches: updated.callerIdMatches });
        if (this.navigateOn === 'match') this.#navigateToSingleMatch();
        return;
      }
      case 'onVisibilityChanged': {
        const visibility = readVisibility(data);
        if (visibility) emit(this, 'softphone-visibility-change', visibility);
        return;
      }
      default:
        if (this.debug) console.debug('[hubspot-softphone] unhandled', name, data);
    }
  }

  #fail(code: SoftphoneErrorCode, message: string, shown = true): void {
    const detail = { code, message };
    if (shown) this._error = detail;
    emit(this, 'softphone-error', detail);
  }

  #openRecord(match: CallerIdMatch): void {
    const { objectCoordinates } = match;
    if (emit(this, 'softphone-navigate', { objectCoordinates }, true)) this.navigateToRecord(objectCoordinates);
  }

  #navigateToSingleMatch(): void {
    const matches = this._phone.call?.callerIdMatches ?? [];
    if (matches.length === 1) this.#openRecord(matches[0]!);
  }

  /** User actions: each asks the page first; `preventDefault()` means the page finishes it. */
  #userAction(name: 'softphone-answer' | 'softphone-decline' | 'softphone-hangup' | 'softphone-complete', action: () => unknown): void {
    const call = this._phone.call;
    // A listener that already finished the action itself leaves nothing to do.
    if (call && emit(this, name, { call }, true) && this._phone.call === call) action();
  }

  #toggleAvailability = (): void => {
    const available = !this.available;
    if (emit(this, 'softphone-availability-change', { available }, true)) this.available = available;
  };

  #policy(): OriginPolicy {
    const policy = parseAllowedOrigins(this.allowedOrigins);
    if (policy.allowsAll && !warnedAllowAll) {
      warnedAllowAll = true;
      console.warn('[hubspot-softphone] allowed-origins="*" lets any site drive this softphone: for local testing only.');
    }
    return policy;
  }

  #stopTicker(): void {
    clearInterval(this.#ticker);
    this.#ticker = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('allowedOrigins')) this.#bridge.updatePolicy(this.#policy());
    this.#focusInside = !!this.shadowRoot?.activeElement;
  }

  protected override updated(): void {
    if (this.#told) this.#sendStateChanges();
    const { call } = this._phone;
    if (call && call.status !== 'ended' && this.isConnected) this.#ticker ??= setInterval(this.#tick, 1000);
    else this.#stopTicker();
    // The control that had focus may be gone with its view. Focus moves to the new view's heading
    // (never to a button a held Enter key could press) or to the availability switch.
    if (this.#focusInside && !this.shadowRoot!.activeElement) this.renderRoot.querySelector<HTMLElement>('[data-primary]')?.focus();
  }

  #hostState() {
    const { width, height, loggedIn, available } = this;
    return { loggedIn, available, size: width! > 0 && height! > 0 ? { width: width!, height: height! } : undefined };
  }

  #sendStateChanges(): void {
    const told = this.#told!;
    const now = (this.#told = this.#hostState());
    if (now.loggedIn !== told.loggedIn) this.#bridge.send({ type: now.loggedIn ? 'LOGGED_IN' : 'LOGGED_OUT' });
    if (now.available !== told.available) this.#bridge.send({ type: now.available ? 'USER_AVAILABLE' : 'USER_UNAVAILABLE' });
    if (now.size && JSON.stringify(now.size) !== JSON.stringify(told.size)) this.#bridge.send({ type: 'RESIZE_WIDGET', data: now.size });
  }

  /** A live call ticks every second: the timers repaint and an unanswered call may time out. */
  #tick = (): void => {
    const call = this._phone.call;
    this._now = Date.now();
    if (call?.status === 'ringing' && this.ringTimeout > 0 && this._now - call.startedAt >= this.ringTimeout * 1000) this.endCall('MISSED');
  };

  #strings(): SoftphoneStrings {
    return { ...EN_STRINGS, ...this.strings };
  }

  #announcement(s: SoftphoneStrings): string {
    const call = this._phone.call;
    if (call?.status !== 'ringing') return '';
    const match = call.callerIdMatches[0];
    const caller = match ? matchName(match) : this.formatPhoneNumber(remoteNumber(call));
    return s.announceIncoming.replace('{caller}', () => caller);
  }

  protected override render() {
    const s = this.#strings();
    const ctx: ViewContext = {
      s,
      format: (n) => (n ? this.formatPhoneNumber(n) : ''),
      now: this._now,
      openRecord: (match) => this.#openRecord(match),
    };
    return html`<div class="sr" role="status" aria-live="assertive" aria-atomic="true">${this.#announcement(s)}</div>
      ${this._error ? errorBanner(this._error.message, s.dismiss, () => (this._error = null)) : nothing} ${this.#view(ctx)}`;
  }

  #view(ctx: ViewContext) {
    const { call, notes } = this._phone;
    if (call?.status === 'ringing') {
      return ringingView(
        call,
        ctx,
        () => this.#userAction('softphone-answer', () => this.answerCall()),
        () => this.#userAction('softphone-decline', () => this.endCall('REJECTED')),
      );
    }
    if (call?.status === 'ended') {
      return wrapUpView(
        call,
        notes,
        ctx,
        (text) => (this._phone = transition(this._phone, { type: 'notes', text }).state),
        () => this.#userAction('softphone-complete', () => this.completeCall()),
      );
    }
    if (call) return inCallView(call, ctx, () => this.#userAction('softphone-hangup', () => this.endCall()));
    const { s } = ctx;
    if (this._phase === 'connecting') return statusView(s.connecting);
    if (this._phase === 'timeout') return statusView(s.notInHubSpotTitle, s.notInHubSpot);
    if (!this.loggedIn) return html`<slot name="login">${statusView(s.loggedOut)}</slot>`;
    return idleView(this.available, ctx, this.#toggleAvailability);
  }
}
