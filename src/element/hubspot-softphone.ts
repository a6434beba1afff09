import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { EngagementProperties, StartCall } from '../core/call-machine.js';
import { matchName, remoteNumber } from '../core/format.js';
import type { MethodName } from '../core/mirror-messages.js';
import { formatPhoneNumber } from '../core/phone-number.js';
import { EN_STRINGS, type SoftphoneStrings } from '../core/strings.js';
import type { Diagnosis } from '../extras/diagnose.js';
import type { CallSnapshot, EndStatus, HostContext, ObjectCoordinates } from '../core/types.js';
import type { Ringtone } from '../extras/ringtone.js';
import type { BuiltIns, CallOutcome, FromNumber } from '../extras/controls.js';
import { loadControls, loadRingtone } from '../session/on-demand.js';
import { warn } from '../session/warn.js';
import { PhoneSession, type NavigateOn, type SessionView } from '../session/phone-session.js';
import type { SoftphoneErrorDetail } from './events.js';
import { LocaleController } from './locale-controller.js';
import { styles } from './styles.js';
import { inCallView } from './views/in-call.js';
import { idleView } from './views/idle.js';
import { ringingView } from './views/ringing.js';
import { errorBanner, statusView, windowClosedView } from './views/status.js';
import type { ViewContext } from './views/view-context.js';
import { wrapUpView } from './views/wrap-up.js';

export type { NavigateOn };
export type Theme = 'light' | 'dark' | 'auto';

const booleanDefaultTrue = { fromAttribute: (value: string | null) => value !== 'false' };

/** Above 0 and below 2^31, past which a timer's delay overflows and it fires at once. */
const positive = (value: unknown) => (value as number) > 0 && (value as number) < 2 ** 31;
const oneOf = (values: string) => (value: unknown) => values.split(' ').includes(value as string);
/** Attributes with a value to check: the test, and the default a bad value gives way to. */
const CHECKS: Record<string, [(value: unknown) => boolean, unknown?]> = {
  width: [positive],
  height: [positive],
  ringTimeout: [(value) => value === 0 || positive((value as number) * 1000), 0],
  syncTimeout: [positive, 30000],
  navigateOn: [oneOf('none match answer'), 'none'],
  theme: [oneOf('light dark auto'), 'light'],
};

/**
 * The whole HubSpot calling integration in one element: handshake, availability,
 * incoming-call card with caller ID, outbound calls, engagements and wrap-up.
 *
 * @tagname hubspot-softphone
 * @summary HubSpot calling-extension softphone UI and protocol.
 * @slot - The vendor's own idle UI (a dialpad, recent calls).
 * @slot login - Shown while `logged-in` is off: the vendor's sign-in.
 * @slot actions - Your own in-call controls (below the built-in ones, if any).
 * @slot wrap-up - Your own wrap-up fields (below the built-in outcome, if any).
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
 * @csspart status - Connecting, not-in-HubSpot, calling-window-closed and signed-out messages.
 * @csspart open-window-button - Opens HubSpot's calling window again (a remote frame whose window was closed).
 * @csspart error - A dismissable error.
 * @csspart mute-button - Built-in control (`controls`): mute, a toggle.
 * @csspart hold-button - Built-in control: hold, a toggle.
 * @csspart keypad-button - Built-in control: shows the in-call keypad.
 * @csspart transfer-button - Built-in control: transfer.
 * @csspart record-button - Built-in control: record, a toggle.
 * @csspart keypad - The in-call keypad (DTMF).
 * @csspart key - One key of the in-call keypad or the dialpad.
 * @csspart call-state - "On hold · Recording" on the call.
 * @csspart notes-button - Shows the notes field during the call.
 * @csspart dialpad - The built-in dialpad (`dialpad`).
 * @csspart dial-input - The dialpad's number field.
 * @csspart backspace-button - Deletes the last digit.
 * @csspart dialpad-keys - The dialpad's keys.
 * @csspart from-number - The number to call from (`fromNumbers`).
 * @csspart dial-button - Call.
 * @csspart outcome - The call-outcome picker in wrap-up (`outcomes`).
 * @fires {CustomEvent<HostContext>} softphone-ready - HubSpot's handshake is done.
 * @fires {CustomEvent<DialNumberDetail>} softphone-dial-number - A HubSpot user clicked to call a number.
 * @fires {CustomEvent<{ available: boolean }>} softphone-availability-change - The user flipped the availability switch. Cancelable: the switch stays.
 * @fires {CustomEvent<CallDetail>} softphone-answer - The user clicked Answer. Cancelable: call `answerCall()` yourself.
 * @fires {CustomEvent<CallDetail>} softphone-decline - The user clicked Decline (ends REJECTED). Cancelable.
 * @fires {CustomEvent<CallDetail>} softphone-hangup - The user clicked Hang up. Cancelable.
 * @fires {CustomEvent<CallDetail>} softphone-complete - The user clicked Done. Cancelable: call `completeCall()` with your own properties.
 * @fires {CustomEvent<CallDetail>} softphone-end-call-request - HubSpot asked to end the call.
 * @fires {CustomEvent<{ call: CallSnapshot; matches: CallerIdMatch[] }>} softphone-caller-id - HubSpot's caller-ID lookup answered.
 * @fires {CustomEvent<{ call: CallSnapshot | null; engagementId: number }>} softphone-engagement - An engagement was created or updated; `call` is the call it belongs to, which may have finished.
 * @fires {CustomEvent<{ call: CallSnapshot | null; engagementId?: number }>} softphone-finalized - HubSpot finalized the help-desk engagement.
 * @fires {CustomEvent<HostPayload>} softphone-call-id-initiated - HubSpot's INITIATE_CALL_ID_SUCCEEDED, with its flat fields.
 * @fires {CustomEvent<HostPayload>} softphone-call-state - HubSpot's SET_CALL_STATE, with its flat fields.
 * @fires {CustomEvent<{ objectCoordinates: ObjectCoordinates }>} softphone-navigate - A record is being opened. Cancelable.
 * @fires {CustomEvent<{ isMinimized: boolean; isHidden: boolean }>} softphone-visibility-change - The widget was minimized or hidden.
 * @fires {CustomEvent<{ call: CallSnapshot | null; previous: CallSnapshot | null; restored: boolean }>} softphone-call-change - Any call transition; `restored` when the call came back after a reload, a re-render or an ownership move.
 * @fires {CustomEvent<{ isOwner: boolean }>} softphone-ownership-change - This instance learnt whether it is the one that talks to HubSpot about calls (run your telephony there), or that changed.
 * @fires {CustomEvent<SoftphoneErrorDetail>} softphone-error - Something failed: `{ code, message, externalCallId? }`.
 * @fires {CustomEvent<{ toNumber: string; fromNumber?: string }>} softphone-dial - Call on the dialpad, or HubSpot's click-to-call with a dialpad. Cancelable: by default `outgoingCall()`.
 * @fires {CustomEvent<{ muted: boolean; call: CallSnapshot }>} softphone-mute-change - Mute pressed. Cancelable: by default `setMuted()`.
 * @fires {CustomEvent<{ held: boolean; call: CallSnapshot }>} softphone-hold-change - Hold pressed. Cancelable: by default `setHeld()`.
 * @fires {CustomEvent<{ recording: boolean; call: CallSnapshot }>} softphone-record-change - Record pressed. Cancelable: by default `setRecording()`.
 * @fires {CustomEvent<{ digit: string; call: CallSnapshot }>} softphone-dtmf - A key of the in-call keypad: send it as DTMF.
 * @fires {CustomEvent<CallDetail>} softphone-transfer-request - Transfer pressed. Cancelable: by default `transferCall()`.
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
    ringtone: {},
    controls: {},
    dialpad: { type: Boolean },
    defaultCountry: { attribute: 'default-country' },
    dialConfirm: { type: Boolean, attribute: 'dial-confirm' },
    outcomeRequired: { type: Boolean, attribute: 'outcome-required' },
    fromNumbers: { attribute: false },
    outcomes: { attribute: false },
    strings: { attribute: false },
    formatPhoneNumber: { attribute: false },
    _error: { state: true },
    _now: { state: true },
  };

  /** The user is signed in to the vendor; sent in `initialized`, then `userLoggedIn`/`userLoggedOut`. */
  loggedIn = false;
  /** Available for inbound calls; the built-in switch flips it. In a mirror it follows the owner. */
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
  /** BroadcastChannel name shared by the calling window, remote frames and tabs; also names the stored call. */
  channel = 'hubspot-softphone';
  /** Colour scheme. */
  theme: Theme = 'light';
  /** SDK debug logging. */
  debug = false;
  /** An audio file's URL, played in a loop while a call rings (in the instance that owns the call). */
  ringtone?: string;
  /** Built-in in-call controls, space-separated: `mute hold keypad transfer record` (extras/controls.js); with any, a notes field too. */
  controls?: string;
  /** A built-in dialpad while idle (extras/controls.js). Off by default. */
  dialpad?: boolean;
  /** ISO 3166 alpha-2 country (`US`) whose national numbers the dialpad and HubSpot's click-to-call turn into E.164. */
  defaultCountry?: string;
  /** HubSpot's click-to-call fills the dialpad for the user to confirm, instead of dialling at once. Off by default. */
  dialConfirm?: boolean;
  /** Done needs an outcome picked when `outcomes` is set. Off by default. */
  outcomeRequired?: boolean;
  /** Numbers to call from, picked on the dialpad (the first by default, then the last one used). */
  fromNumbers?: readonly FromNumber[];
  /** Call outcomes offered in wrap-up; the pick is sent as `hs_call_disposition`. */
  outcomes?: readonly CallOutcome[];
  /** Overrides for any UI label. */
  strings: Partial<SoftphoneStrings> = {};
  /** Turns an E.164 number into its display form. */
  formatPhoneNumber: (phoneNumber: string) => string = formatPhoneNumber;

  private _error: SoftphoneErrorDetail | null = null;
  private _now = Date.now();
  /** The call an error was shown with: it goes with that call. */
  #errorCall?: string;
  #locale = new LocaleController(this);

  #ticker?: ReturnType<typeof setInterval>;
  #focusInside = false;

  /** How the page's session sees this element. */
  #view: SessionView = {
    element: this,
    showError: (detail) => {
      this.#errorCall = this.call?.externalCallId;
      this._error = detail;
    },
  };
  /** The ringtone player, loaded once `ringtone` is set. */
  #ringtone?: Promise<Ringtone>;
  /** The built-in controls, dialpad and outcome, loaded once one is asked for (a promise until then). */
  #builtIns?: BuiltIns | Promise<void>;

  /** The page's one session: it outlives this element, so a replacement finds the same call. */
  get #session(): PhoneSession {
    return PhoneSession.get(this.#view);
  }

  /** HubSpot's handshake is done. */
  get ready(): boolean {
    return this.#session.ready;
  }

  /** What HubSpot said in its handshake, or null before it. */
  get hostContext(): HostContext | null {
    return this.#session.context;
  }

  /** The current call (in a mirror, the owner's), or null. */
  get call(): CallSnapshot | null {
    return this.#session.phone.call;
  }

  /** This instance talks to HubSpot about calls: run your telephony where this is true. */
  get isOwner(): boolean {
    return this.#session.isOwner;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A move (disconnect + connect) stopped the ticker; the update restarts it.
    this.requestUpdate();
    this.#session.attach(this.#view);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopTicker();
    this.#ring();
    this.#session.detach(this.#view);
  }

  /** Shows the incoming-call card and tells HubSpot; returns the new call. */
  incomingCall(call: StartCall & { fromNumber: string; toNumber: string }): CallSnapshot {
    return this.#invoke('incomingCall', call)!;
  }

  /** Shows the dialing view and tells HubSpot; returns the new call. */
  outgoingCall(call: StartCall & { toNumber: string }): CallSnapshot {
    return this.#invoke('outgoingCall', call)!;
  }

  /** The ringing or dialing call is connected. */
  answerCall(): CallSnapshot {
    return this.#invoke('answerCall')!;
  }

  /** Ends the call; the status defaults by state (connected COMPLETED, ringing MISSED, dialing CANCELED). */
  endCall(status?: EndStatus): CallSnapshot {
    return this.#invoke('endCall', status)!;
  }

  /** Logs the ended call (notes as `hs_call_body`) and goes back to idle. */
  completeCall(options: { engagementProperties?: EngagementProperties; hideWidget?: boolean } = {}): void {
    this.#invoke('completeCall', options);
  }

  /** The call was handed to someone else; back to idle. */
  transferCall(): void {
    this.#invoke('transferCall');
  }

  /** Help-desk: tells HubSpot the current call's engagement is final. */
  finalizeEngagement(): void {
    this.#invoke('finalizeEngagement');
  }

  /** Opens a HubSpot record (for example a caller-ID match). */
  navigateToRecord(objectCoordinates: ObjectCoordinates, openIn?: 'CURRENT_TAB' | 'NEW_TAB'): void {
    this.#invoke('navigateToRecord', objectCoordinates, openIn);
  }

  /** Shows an error alert inside HubSpot. */
  reportError(message: string): void {
    this.#invoke('reportError', message);
  }

  /**
   * Asks HubSpot to load another page of yours into this calling frame (an absolute https URL;
   * http only for localhost). Resolves once it is sent (its check loads on first use); rejects
   * with `INVALID_ARGUMENT` for any other URL. HubSpot's refusal comes back as `softphone-error`
   * `SET_WIDGET_URL_FAILED`.
   */
  setWidgetUrl(url: string): Promise<void> {
    return this.#session.setWidgetUrl(url);
  }

  /** A report for a support ticket (origins, handshake, permissions, storage, ownership, versions, last errors); its code loads on first use. */
  diagnose(): Promise<Diagnosis> {
    return this.#session.diagnose();
  }

  /** The telephony's mute state, shown (and mirrored) on the call. */
  setMuted(muted: boolean): CallSnapshot {
    return this.#invoke('setMuted', muted)!;
  }

  /** The telephony's hold state: a held call says so, and its timer keeps counting. */
  setHeld(held: boolean): CallSnapshot {
    return this.#invoke('setHeld', held)!;
  }

  /** The telephony's recording state, and where the recording is (https; sent as `hs_call_recording_url`). */
  setRecording(recording: boolean, recordingUrl?: string): CallSnapshot {
    return this.#invoke('setRecording', recording, recordingUrl)!;
  }

  /** Trailing `undefined`s are dropped, so `endCall()` and `endCall(undefined)` travel alike. */
  #invoke(name: MethodName, ...args: unknown[]): CallSnapshot | null | undefined {
    while (args.length && args[args.length - 1] === undefined) args.pop();
    return this.#session.invoke(name, args);
  }

  #stopTicker(): void {
    clearInterval(this.#ticker);
    this.#ticker = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    this.#focusInside = !!this.shadowRoot?.activeElement;
    // An error goes with the call it was shown with: once that call is gone, so is the error, for good.
    if (this.#errorCall !== this.call?.externalCallId) this._error = null;
    const self = this as unknown as Record<string, unknown>;
    // Only what changed: most updates are the call timer's tick.
    for (const key of changed.keys() as IterableIterator<string>) {
      const [valid, fallback] = CHECKS[key] ?? [];
      const value = self[key];
      if (!valid || value === fallback) continue;
      if (value != null && !valid(value)) {
        const attribute = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
        warn('badAttribute', attribute, this.getAttribute(attribute) ?? String(value), String(fallback ?? 'none'));
      } else if (value != null) continue;
      self[key] = fallback;
    }
  }

  protected override updated(): void {
    this.#session.configChanged();
    if (this.controls || this.dialpad || this.outcomes) {
      // A file that cannot load is named once on the console (see on-demand.ts); the element goes on without it.
      this.#builtIns ??= loadControls().then(({ BuiltIns }) => {
        this.#builtIns = new BuiltIns(this, () => this.#session, html);
      }, () => {});
    }
    const { call } = this.#session.phone;
    if (call && call.status !== 'ended' && this.isConnected) this.#ticker ??= setInterval(this.#tick, 1000);
    else this.#stopTicker();
    // Only the instance that owns the call rings: one ring per user, however many frames (or elements) show it.
    // An element removed before its update ran (a re-render in the same task) never rings.
    this.#ring(call?.status === 'ringing' && this.isOwner && this.isConnected && this.#session.leads(this) ? this.ringtone : undefined);
    // The control that had focus may be gone with its view. Focus moves to the new view's heading
    // (never to a button a held Enter key could press) or to the availability switch.
    if (this.#focusInside && !this.shadowRoot!.activeElement) this.renderRoot.querySelector<HTMLElement>('[data-primary]')?.focus();
  }

  #ring(url?: string): void {
    // Loaded as soon as a ringtone is set, so the first ring does not wait for it.
    if (this.ringtone) this.#ringtone ??= loadRingtone().then(({ Ringtone }) => new Ringtone((message) => this.#session.fail('RINGTONE_BLOCKED', message)));
    this.#ringtone?.then((ringtone) => ringtone.play(url), () => {});
  }

  /** A live call ticks every second so its timers repaint. */
  #tick = (): void => {
    this._now = Date.now();
  };

  #strings(): SoftphoneStrings {
    return { ...EN_STRINGS, ...this.#locale.strings, ...this.strings } as SoftphoneStrings;
  }

  #announcement(s: SoftphoneStrings): string {
    const { call } = this.#session.phone;
    if (call?.status !== 'ringing') return '';
    const match = call.callerIdMatches[0];
    const caller = (match && matchName(match)) || this.formatPhoneNumber(remoteNumber(call));
    return s.announceIncoming.replace('{caller}', () => caller);
  }

  protected override render() {
    const s = this.#strings();
    const session = this.#session;
    const ctx: ViewContext = {
      s,
      format: (n) => (n ? this.formatPhoneNumber(n) : ''),
      now: this._now,
      lang: this.#locale.lang,
      openRecord: (coordinates) => session.openRecord(coordinates),
      more: (where) => (this.#builtIns as BuiltIns | undefined)?.render?.(where, ctx),
    };
    return html`<div class="sr" role="status" aria-live="assertive" aria-atomic="true">${this.#announcement(s)}</div>
      ${this._error ? errorBanner(this._error.message, s.dismiss, () => (this._error = null)) : nothing} ${this.#content(session, ctx)}`;
  }

  #content(session: PhoneSession, ctx: ViewContext) {
    const { call, notes } = session.phone;
    const { s } = ctx;
    if (call?.status === 'ringing') return ringingView(call, ctx, () => session.click('answer'), () => session.click('decline'));
    if (call?.status === 'ended') return wrapUpView(call, notes, ctx, (text) => session.typeNotes(text), () => (this.#builtIns as BuiltIns | undefined)?.holdsDone?.() || session.click('complete'));
    if (call) return inCallView(call, ctx, () => session.click('hangup'));
    const refused = session.refusedHost;
    if (refused) return statusView(s.notAllowedTitle, s.notAllowed.replace('{origin}', () => refused));
    if (session.phase === 'connecting') return statusView(s.connecting);
    if (session.phase === 'timeout') return statusView(s.notInHubSpotTitle, s.notInHubSpot);
    const windowUrl = session.closedWindowUrl;
    if (windowUrl !== null) return windowClosedView(s, windowUrl);
    if (!this.loggedIn) return html`<slot name="login">${statusView(s.loggedOut)}</slot>`;
    return idleView(this.available, ctx, () => session.toggleAvailability());
  }
}
