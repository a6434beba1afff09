import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { E164 } from '../core/phone-number.js';
import { CONTROLS_EN, type SoftphoneStrings } from '../core/strings.js';
import type { CallSnapshot } from '../core/types.js';
import { TOGGLES, type ControlAction } from '../core/mirror-messages.js';
import type { HubSpotSoftphone } from '../element/hubspot-softphone.js';
import { PHONE_PATH } from '../element/views/icons.js';
import type { ViewContext } from '../element/views/view-context.js';
import type { PhoneSession } from '../session/phone-session.js';
import { isCountry, nationalToE164 } from './calling-codes.js';
import { asYouType, dialable } from '../core/dial-input.js';

/**
 * The built-in call controls, dialpad and outcome picker: loaded on demand (src/session/on-demand.ts)
 * once `controls`, `dialpad` or `outcomes` is set, so a page without them never parses this.
 *
 * It only draws and asks. Every click becomes a `control` action that the frame owning the call
 * carries out (src/session/phone-session.ts): it fires the event where the telephony runs and,
 * unless a listener prevents it, calls the method that shows the new state. A calling-window
 * remote draws the owner's state and hands its clicks over, like the rest of the element.
 *
 * lit is not imported: the element passes its own `html`, so this file works beside the CDN
 * script (which has lit inlined) and in a bundle alike.
 */

/** A number to call from: the help-desk webhook's shape. */
export interface FromNumber {
  e164PhoneNumber: string;
  friendlyName?: string;
}

/** A call outcome offered in wrap-up; `id` is sent as `hs_call_disposition` (HubSpot's outcome GUIDs). */
export interface CallOutcome {
  id: string;
  label: string;
}

export const CONTROL_TOKENS = ['mute', 'hold', 'keypad', 'transfer', 'record'] as const;
type Token = (typeof CONTROL_TOKENS)[number];

type Html = (strings: TemplateStringsArray, ...values: unknown[]) => unknown;

/** What this needs of the element: its attributes for the built-ins, and its channel. */
export type ControlsHost = ReactiveControllerHost &
  HTMLElement &
  Pick<HubSpotSoftphone, 'controls' | 'dialpad' | 'defaultCountry' | 'dialConfirm' | 'outcomeRequired' | 'fromNumbers' | 'outcomes' | 'channel'>;

/** Keys with their DTMF-style letters. */
const KEYS: [string, string][] = [
  ['1', ''], ['2', 'ABC'], ['3', 'DEF'],
  ['4', 'GHI'], ['5', 'JKL'], ['6', 'MNO'],
  ['7', 'PQRS'], ['8', 'TUV'], ['9', 'WXYZ'],
  ['*', ''], ['0', '+'], ['#', ''],
];

const ICONS: Record<Token, string> = {
  mute: 'M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.9V21h2v-3.1a7 7 0 0 0 6-6.9z',
  hold: 'M7 5h4v14H7zm6 0h4v14h-4z',
  keypad: 'M6 3a2 2 0 1 1 0 4 2 2 0 0 1 0-4zm6 0a2 2 0 1 1 0 4 2 2 0 0 1 0-4zm6 0a2 2 0 1 1 0 4 2 2 0 0 1 0-4zM6 9a2 2 0 1 1 0 4 2 2 0 0 1 0-4zm6 0a2 2 0 1 1 0 4 2 2 0 0 1 0-4zm6 0a2 2 0 1 1 0 4 2 2 0 0 1 0-4zM6 15a2 2 0 1 1 0 4 2 2 0 0 1 0-4zm6 0a2 2 0 1 1 0 4 2 2 0 0 1 0-4zm6 0a2 2 0 1 1 0 4 2 2 0 0 1 0-4z',
  transfer: 'M16 4l5 5-5 5v-3.5H9v-3h7zM8 20l-5-5 5-5v3.5h7v3H8z',
  record: 'M12 6a6 6 0 1 1 0 12 6 6 0 0 1 0-12z',
};

/** How long the 0 key is held to type '+'. */
const LONG_PRESS_MS = 500;

const STYLES = `
  .controls { display: grid; grid-template-columns: repeat(3, 1fr); gap: 8px; width: 100%; margin-top: 4px; }
  .controls button, .keys button { display: grid; justify-items: center; gap: 2px; padding: 6px 4px; border: var(--_line); border-radius: 8px; background: var(--_surface); font-size: 12px; font-weight: 600; }
  .controls [aria-pressed=true] { border-color: var(--_muted); background: var(--_muted); color: var(--_bg); }
  .controls [aria-expanded=true] { border-color: currentColor; box-shadow: inset 0 0 0 1px currentColor; }
  .controls svg { width: 20px; }
  .keys { display: grid; grid-template-columns: repeat(3, 1fr); gap: 6px; width: 100%; }
  .keys button { padding: 2px; font-size: 17px; line-height: 1.2; }
  .keys small { min-height: 1.2em; font-size: 10px; letter-spacing: .08em; }
  .badge { padding: 2px 10px; border-radius: 10px; background: var(--_surface); color: inherit; font-weight: 600; }
  section:has(.keys, #call-notes) .avatar, section:has(.keys) :is(ul, [part~=caller-number]) { display: none; }
  section:has(.keys) .clock { margin: 0; font-size: 20px; }
  section h2 { flex-shrink: 0; }
  section:has(.keys) h2 { -webkit-line-clamp: 1; }
  .disclosure { align-self: start; padding: 4px 0; font-weight: 600; }
  .disclosure::before { content: '▸'; display: inline-block; width: 1.2em; transition: rotate .15s; }
  .disclosure[aria-expanded=true]::before { rotate: 90deg; }
  #call-notes { min-height: 64px; }
  .dialpad { display: flex; flex-flow: column; align-items: center; gap: 8px; width: 100%; margin-top: 12px; }
  .dialpad .primary { display: flex; justify-content: center; align-items: center; gap: 8px; margin-top: 0; background: var(--_answer); color: #fff; }
  .dialpad svg { width: 20px; }
  .alert:empty { display: none; }
  .field { display: flex; gap: 6px; width: 100%; }
  .field input, .dialpad select, [part=outcome] { flex: 1; width: 100%; min-width: 0; padding: 8px 12px; border: var(--_line); border-radius: 8px; background: var(--_bg); text-overflow: ellipsis; }
  .field input { font-size: 18px; direction: ltr; }
  .field button { padding: 0 12px; border: var(--_line); border-radius: 8px; }
  .alert { align-self: start; color: light-dark(#c8243a, #ff9b9b); font-weight: 600; }
  [aria-invalid=true] { border-color: var(--_hangup); }
  label[for=outcome] { margin-top: 6px; }
  [part=outcome] { padding-block: 6px; }
`;

/** A page's value in a warning: as JSON where it can be (a cyclic object or a BigInt cannot). */
function shown(value: unknown): string {
  try {
    return String(JSON.stringify(value));
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** Warned once per page. */
const warned = new Set<string>();
const warnOnce = (message: string) => warned.has(message) || (warned.add(message), console.warn(`[hubspot-softphone] ${message}`));

export class BuiltIns implements ReactiveController {
  /** What the user is typing on the dialpad (as shown), and why it cannot be dialled. */
  #typed = '';
  #dialError: 'needCountry' | 'notANumber' | '' = '';
  #keypadOpen = false;
  #notesOpen = false;
  /** The call the keypad or the notes were opened on: the next call starts with both closed. */
  #openOn?: string;
  /** The call whose Done was pressed without the outcome it needs. */
  #needOutcome?: string;
  /** The outcome picked in this frame, until the call's state has it. */
  #picked?: { callId: string; id: string };
  /** The from-number picked in this frame. */
  #from?: string;
  #focusAfter?: string;
  /** Holding the dialpad's 0: its timer, and whether it typed '+' (the click that ends the press types nothing). */
  #held?: ReturnType<typeof setTimeout>;
  #longPressed = false;

  constructor(
    private host: ControlsHost,
    private session: () => PhoneSession,
    private html: Html,
  ) {
    // Connected already (it loads after the first render): addController calls hostConnected.
    host.addController(this);
    host.requestUpdate();
    // A click-to-call that came while this code loaded (the attribute set late, a re-render then).
    const dial = session().pendingDial;
    if (dial) this.#clickToCall(dial.phoneNumber);
  }

  hostConnected(): void {
    const root = this.host.shadowRoot;
    const styles = sheet();
    if (root && !root.adoptedStyleSheets.includes(styles)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, styles];
    this.host.addEventListener('softphone-dial-number', this.#onDialNumber);
  }

  hostDisconnected(): void {
    clearTimeout(this.#held);
    this.host.removeEventListener('softphone-dial-number', this.#onDialNumber);
  }

  hostUpdated(): void {
    const id = this.#focusAfter;
    this.#focusAfter = undefined;
    if (id) this.host.shadowRoot?.getElementById(id)?.focus();
  }

  /** The controls for one view of the element. */
  render(where: 'idle' | 'call' | 'wrap-up', ctx: ViewContext): unknown {
    const s = { ...CONTROLS_EN, ...ctx.s } as SoftphoneStrings;
    const { phone } = this.session();
    if (where === 'idle') return this.host.dialpad ? this.#dialpad(s) : '';
    if (where === 'wrap-up') return this.#outcome(s, this.#chosenOutcome());
    const { call } = phone;
    const tokens = call?.status === 'connected' ? this.#tokens() : [];
    return tokens.length ? this.#inCall(call!, tokens, s, phone.notes) : '';
  }

  /** Done waits for the outcome it needs: the picker says so and takes focus. */
  holdsDone(): boolean {
    const chosen = this.#chosenOutcome();
    // An outcome no longer offered (`outcomes` changed during wrap-up) is not sent.
    if (chosen && !this.#outcomes().some((o) => o.id === chosen)) this.#pick('');
    const needed = !!(this.host.outcomeRequired && this.#outcomes().length && !this.#chosenOutcome());
    this.#needOutcome = needed ? this.session().phone.call?.externalCallId : undefined;
    if (needed) this.#refocus('outcome');
    return needed;
  }

  #tokens(): Token[] {
    const tokens = (this.host.controls ?? '').split(/\s+/).filter(Boolean);
    for (const token of tokens) {
      if (!(CONTROL_TOKENS as readonly string[]).includes(token)) warnOnce(`controls: "${token}" is not a control; use any of ${CONTROL_TOKENS.join(' ')}.`);
    }
    return CONTROL_TOKENS.filter((token) => tokens.includes(token));
  }

  /** The keypad and the notes take the same room in the 600 px widget: one at a time. */
  #open(keypad: boolean, notes: boolean): void {
    this.#keypadOpen = keypad;
    this.#notesOpen = notes;
    this.#openOn = this.session().phone.call?.externalCallId;
    this.host.requestUpdate();
  }

  #refocus(id: string): void {
    this.#focusAfter = id;
    this.host.requestUpdate();
  }

  /** A control used: the frame that owns the call fires its event and, unless prevented, shows the new state. */
  #control(event: ControlAction['event'], detail: ControlAction['detail'], then?: ControlAction['then']): void {
    const call = this.session().phone.call;
    this.session().act({ type: 'control', event, detail, ...(then && { then }), ...(call && { callId: call.externalCallId, status: call.status }) });
  }

  #inCall(call: CallSnapshot, tokens: Token[], s: SoftphoneStrings, notes: string) {
    const { html } = this;
    if (this.#openOn !== call.externalCallId) this.#keypadOpen = this.#notesOpen = false;
    const buttons = tokens.map((token) => {
      const toggle = token in TOGGLES ? TOGGLES[token as keyof typeof TOGGLES] : undefined;
      const label = s[token];
      const icon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d=${ICONS[token]} /></svg>`;
      if (toggle) {
        const [flag, event, method] = toggle;
        const on = !!call[flag];
        return html`<button part="${token}-button" aria-pressed=${String(on)} @click=${() => this.#control(event, { [flag]: !on }, [method, [!on]])}>${icon}${label}</button>`;
      }
      if (token === 'keypad') {
        return html`<button part="keypad-button" aria-expanded=${String(this.#keypadOpen)} aria-controls="keypad" @click=${() => this.#open(!this.#keypadOpen, false)}>${icon}${label}</button>`;
      }
      return html`<button part="transfer-button" @click=${() => this.#control('softphone-transfer-request', {}, ['transferCall', []])}>${icon}${label}</button>`;
    });
    const states = [call.held && s.onHold, call.recording && s.recording].filter(Boolean);
    return html`${states.length ? html`<p class="badge" part="call-state">${states.join(' · ')}</p>` : ''}
      <div class="controls" role="group" aria-label=${s.callControls}>${buttons}</div>
      ${this.#keypadOpen ? this.#keys('keypad', s.keypad, (digit) => this.#control('softphone-dtmf', { digit })) : ''}
      <button part="notes-button" class="disclosure" aria-expanded=${String(this.#notesOpen)} aria-controls="call-notes" @click=${() => this.#open(false, !this.#notesOpen)}>${s.notes}</button>
      ${this.#notesOpen
        ? html`<textarea id="call-notes" part="notes" aria-label=${s.notes} placeholder=${s.notesPlaceholder} .value=${notes}
            @input=${(e: Event) => this.session().typeNotes((e.target as HTMLTextAreaElement).value)}></textarea>`
        : ''}`;
  }

  /**
   * Twelve keys; a digit typed while one has focus presses it too. On the dialpad (`label`
   * none: the form names it) holding 0 types '+', as on a phone.
   */
  #keys(part: string, label: string | undefined, press: (digit: string) => void) {
    const { html } = this;
    const onKey = (e: KeyboardEvent) => {
      if (e.key.length === 1 && KEYS.some(([digit]) => digit === e.key)) press(e.key);
    };
    const hold = (digit: string) => {
      if (label || digit !== '0') return;
      this.#longPressed = false;
      this.#held = setTimeout(() => ((this.#longPressed = true), press('+')), LONG_PRESS_MS);
    };
    const release = () => clearTimeout(this.#held);
    return html`<div id=${part} part=${part} class="keys" role=${label ? 'group' : 'none'} aria-label=${label ?? ''} @keydown=${onKey}>
      ${KEYS.map(
        ([digit, letters]) =>
          html`<button type="button" part="key" @pointerdown=${() => hold(digit)} @pointerup=${release} @pointerleave=${release}
            @click=${() => (this.#longPressed ? (this.#longPressed = false) : press(digit))}><span>${digit}</span><small aria-hidden="true">${letters}</small></button>`,
      )}
    </div>`;
  }

  #dialpad(s: SoftphoneStrings) {
    const { html } = this;
    const from = this.#fromNumbers();
    const chosen = this.#chosenFrom(from);
    const type = (text: string) => {
      this.#typed = asYouType(text, this.host.defaultCountry);
      this.#dialError = '';
      this.host.requestUpdate();
    };
    // Typing in the field: it shows the number formatted at once, the caret after the same digit as before.
    const typeIn = (field: HTMLInputElement) => {
      const before = significant(field.value.slice(0, field.selectionStart ?? field.value.length));
      type(field.value);
      if (field.value === this.#typed) return;
      field.value = this.#typed;
      const caret = caretAfter(this.#typed, before);
      field.setSelectionRange(caret, caret);
    };
    return html`<form part="dialpad" class="dialpad" aria-label=${s.dialpad} @submit=${(e: Event) => (e.preventDefault(), this.#dial(this.#typed))}>
      <label for="dial-input" class="sr">${s.phoneNumber}</label>
      <div class="field">
        <input id="dial-input" part="dial-input" type="tel" inputmode="tel" autocomplete="tel" .value=${this.#typed}
          aria-invalid=${String(!!this.#dialError)} aria-describedby="dial-error" @input=${(e: Event) => typeIn(e.target as HTMLInputElement)} />
        <button type="button" part="backspace-button" aria-label=${s.deleteDigit} title=${s.deleteDigit}
          @click=${() => type(this.#typed.replace(/[^\d+*#]*.[^\d+*#]*$/, ''))}>⌫</button>
      </div>
      <p id="dial-error" class="alert" role="alert">${this.#dialError && s[this.#dialError]}</p>
      ${from.length > 1
        ? html`<label for="from-number" class="sr">${s.callFrom}</label>
            <select id="from-number" part="from-number" @change=${(e: Event) => this.#pickFrom((e.target as HTMLSelectElement).value)}>
              ${from.map((n) => html`<option value=${n.e164PhoneNumber} .selected=${n.e164PhoneNumber === chosen}>${n.friendlyName ? `${n.friendlyName} (${n.e164PhoneNumber})` : n.e164PhoneNumber}</option>`)}
            </select>`
        : ''}
      ${this.#keys('dialpad-keys', undefined, (digit) => type(this.#typed + digit))}
      <button id="dial-button" part="dial-button" class="primary dial" type="submit"><svg viewBox="0 0 24 24" aria-hidden="true"><path d=${PHONE_PATH} /></svg>${s.call}</button>
    </form>`;
  }

  /** The outcomes that can be offered, sent and so waited for (an id of 1 to 255 characters). */
  #outcomes(): CallOutcome[] {
    const { outcomes } = this.host;
    return (Array.isArray(outcomes) ? outcomes : []).filter((o) => o && typeof o.id === 'string' && o.id && o.id.length <= 255);
  }

  /** The call's outcome, or the one picked here that the owner has not echoed yet (a mirror's pick is not lost to Done). */
  #chosenOutcome(): string {
    const { call, outcome = '' } = this.session().phone;
    const picked = this.#picked;
    if (picked && (picked.callId !== call?.externalCallId || picked.id === outcome)) this.#picked = undefined;
    return this.#picked?.id ?? outcome;
  }

  /** The outcome picked here (`''`: none), handed to the owner; shown at once. */
  #pick(id: string): void {
    const callId = this.session().phone.call?.externalCallId;
    if (!callId) return;
    this.#picked = { callId, id };
    this.session().act({ type: 'outcome', callId, text: id });
    this.host.requestUpdate();
  }

  #outcome(s: SoftphoneStrings, chosen: string) {
    const { html } = this;
    const list = this.#outcomes();
    if (!list.length) return '';
    const required = this.host.outcomeRequired;
    const missing = !!this.#needOutcome && this.#needOutcome === this.session().phone.call?.externalCallId && !chosen;
    const pick = (id: string) => {
      this.#needOutcome = undefined;
      this.#pick(id);
    };
    return html`<label for="outcome">${s.outcome}</label>
      <select id="outcome" part="outcome" ?required=${required} aria-invalid=${String(missing)} aria-describedby="outcome-error"
        @change=${(e: Event) => pick((e.target as HTMLSelectElement).value)}>
        <option value="" .selected=${!chosen}>${required ? s.chooseOutcome : s.noOutcome}</option>
        ${list.map((o) => html`<option value=${o.id} .selected=${o.id === chosen}>${String(o.label ?? o.id)}</option>`)}
      </select>
      <p id="outcome-error" class="alert" role="alert">${missing ? s.outcomeNeeded : ''}</p>`;
  }

  /** The from-numbers that are E.164; the rest are reported once. */
  #fromNumbers(): FromNumber[] {
    const list = Array.isArray(this.host.fromNumbers) ? this.host.fromNumbers : [];
    return list.filter((n) => {
      const ok = n && typeof n.e164PhoneNumber === 'string' && E164.test(n.e164PhoneNumber);
      if (!ok) warnOnce(`fromNumbers: ${shown(n)} has no E.164 e164PhoneNumber (like +15550100100), so it is left out.`);
      return ok;
    });
  }

  /** This frame's pick, else the last one used (kept per channel), else the first. */
  #chosenFrom(list: FromNumber[]): string | undefined {
    const numbers = list.map((n) => n.e164PhoneNumber);
    let stored: string | null = null;
    try {
      stored = localStorage.getItem(this.#fromKey());
    } catch {
      // No storage (a sandboxed frame): the first number.
    }
    return [this.#from, stored].find((n): n is string => !!n && numbers.includes(n)) ?? numbers[0];
  }

  #pickFrom(number: string): void {
    this.#from = number;
    try {
      localStorage.setItem(this.#fromKey(), number);
    } catch {
      // Remembered in this frame only.
    }
  }

  #fromKey(): string {
    return `hubspot-softphone:${this.host.channel}:from-number`;
  }

  /** The typed number as E.164; else null, and why. */
  #e164(text: string): string | null {
    const country = this.host.defaultCountry;
    const known = isCountry(country);
    if (country && !known) warnOnce(`default-country="${country}" is not an ISO 3166 country code (like US or GB), so national numbers cannot be dialled.`);
    const number = dialable(text);
    const e164 = E164.test(number) ? number : known ? nationalToE164(number, country!) : null;
    if (!e164) this.#dialError = /^\d+$/.test(number) && !known ? 'needCountry' : 'notANumber';
    return e164;
  }

  /** Call: `softphone-dial` where the telephony runs; unless prevented, `outgoingCall()`. */
  #dial(text: string): void {
    const toNumber = this.#e164(text);
    if (!toNumber) return this.#refocus('dial-input');
    const fromNumber = this.#chosenFrom(this.#fromNumbers());
    const call = { toNumber, ...(fromNumber && { fromNumber }) };
    this.#typed = '';
    this.#dialError = '';
    this.#control('softphone-dial', call, ['outgoingCall', [call]]);
    this.host.requestUpdate();
  }

  #onDialNumber = (e: Event): void => this.#clickToCall((e as CustomEvent<{ phoneNumber: string }>).detail.phoneNumber);

  /**
   * HubSpot's click-to-call with a dialpad: it dials at once, as Call would, once the page's own
   * listeners have run (one that started the call itself wins); with `dial-confirm` it fills the
   * number in for the user to press Call. In wrap-up it dials too (the call ending is logged
   * first), unless that would skip a required outcome: then the number waits in the dialpad for
   * after Done. During a call it is the page's (softphone-dial-number).
   */
  #clickToCall(phoneNumber: string): void {
    const { call } = this.session().phone;
    if (!this.host.dialpad || (call && call.status !== 'ended')) return;
    if (this.host.dialConfirm || (call && this.host.outcomeRequired && this.#outcomes().length && !this.#chosenOutcome())) {
      this.#typed = asYouType(phoneNumber, this.host.defaultCountry);
      this.#dialError = '';
      return this.#refocus('dial-button');
    }
    queueMicrotask(() => {
      if (this.session().phone.call !== call) return;
      this.#dial(phoneNumber);
      if (this.#dialError) {
        this.#typed = asYouType(phoneNumber, this.host.defaultCountry);
        this.host.requestUpdate();
      }
    });
  }
}

/** How many characters that dial (digits, '+', '*', '#') `text` has. */
const significant = (text: string) => text.replace(/[^\d+*#]/g, '').length;

/** The position in `text` just after its `count`-th character that dials (with none, just before the first). */
function caretAfter(text: string, count: number): number {
  let seen = 0;
  for (let i = 0; i < text.length; i++) {
    if (!/[\d+*#]/.test(text[i]!)) continue;
    if (seen === count) return count ? text.slice(0, i).replace(/[^\d+*#]+$/, '').length : i;
    seen++;
  }
  return text.length;
}

let shared: CSSStyleSheet | undefined;
/** One stylesheet for every element on the page, made at the first one's controls. */
function sheet(): CSSStyleSheet {
  if (!shared) {
    shared = new CSSStyleSheet();
    shared.replaceSync(STYLES);
  }
  return shared;
}
