import { MAX_NOTES, type PhoneState } from './call-machine.js';
import { isObject, readObjectCoordinates } from './host-events.js';
import { readPhoneState } from './phone-state.js';
import { E164 } from './phone-number.js';
import type { CallSnapshot, CallStatus, ObjectCoordinates } from './types.js';

/**
 * The protocol between the owner of the call and its mirrors, over BroadcastChannel.
 * Messages from other frames are untrusted like HubSpot's: `readMirrorMessage` returns a
 * clean copy or null (unknown kinds, wrong types, another user's scope).
 *
 *   mirror -> all:    hello                       (owner, announce yourself)
 *   owner  -> all:    state {seq, state, done}    on every change, and to answer a hello
 *   owner  -> all:    bye                         leaving (closed, reloading)
 *   mirror -> owner:  action {id, action}         a click or a method call, carried out once
 */
export const METHODS = [
  'incomingCall', 'outgoingCall', 'answerCall', 'endCall', 'completeCall',
  'transferCall', 'finalizeEngagement', 'navigateToRecord', 'reportError',
  'setMuted', 'setHeld', 'setRecording',
] as const;
export type MethodName = (typeof METHODS)[number];

/** The call's own buttons: each fires `softphone-<name>`. */
export type Click = 'answer' | 'decline' | 'hangup' | 'complete';

/** What each of the call's own buttons does by default, after its event. */
export const CLICK_ACTIONS: Record<Click, [MethodName, unknown[]]> = {
  answer: ['answerCall', []],
  decline: ['endCall', ['REJECTED']],
  hangup: ['endCall', []],
  complete: ['completeCall', []],
};

/** HubSpot events a mirror's frame may get that belong to the owner, where the telephony runs. */
export const FORWARDED_HOST_EVENTS = ['DIAL_NUMBER', 'END_CALL'] as const;
export type ForwardedHostEvent = (typeof FORWARDED_HOST_EVENTS)[number];

export type MirrorAction =
  | { type: 'notes'; callId: string; text: string }
  /** `text`: the outcome's id ('' for none). */
  | { type: 'outcome'; callId: string; text: string }
  | ControlAction
  | { type: 'record'; callId: string; objectCoordinates: ObjectCoordinates }
  | { type: 'availability'; available: boolean }
  | { type: 'method'; name: MethodName; args: unknown[]; callId?: string }
  | { type: 'host'; name: ForwardedHostEvent; data: unknown; callId?: string };

/** The events a button fires where the telephony runs: the call's own, and the built-in controls'. */
export const CONTROL_EVENTS = [
  'softphone-answer', 'softphone-decline', 'softphone-hangup', 'softphone-complete',
  'softphone-mute-change', 'softphone-hold-change', 'softphone-record-change',
  'softphone-dtmf', 'softphone-transfer-request', 'softphone-dial',
] as const;

/**
 * A button used: the owner fires `event` with `detail` (and the call), and unless a listener
 * prevents it, calls `then`. With no `then` the event is not cancelable. `callId` and `status`
 * are the call's as the button was shown (none: the dialpad, with no call); a click on a view
 * that has moved on is dropped.
 */
export interface ControlAction {
  type: 'control';
  callId?: string;
  status?: CallStatus;
  event: (typeof CONTROL_EVENTS)[number];
  detail: Record<string, string | boolean>;
  then?: [MethodName, unknown[]];
}

export interface OwnerState {
  phone: PhoneState;
  available: boolean;
}

export type MirrorMessage =
  | { kind: 'hello' | 'bye'; from: string }
  | { kind: 'state'; from: string; seq: number; state: OwnerState; done: string[] }
  | { kind: 'action'; from: string; id: string; action: MirrorAction };

const VERSION = 1;
const MAX_DONE = 64;

const shortId = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 64;
const callId = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 255;
const STATUSES: readonly CallStatus[] = ['ringing', 'dialing', 'connected', 'ended'];
const oneOf = <T extends string>(list: readonly T[], value: unknown): value is T => list.includes(value as T);

export function envelope(scope: string, message: MirrorMessage): Record<string, unknown> {
  return { v: VERSION, scope, ...message };
}

/** The built-in toggles, by control token: the call's flag each shows, its event, and the method that is its default. */
export const TOGGLES = {
  mute: ['muted', 'softphone-mute-change', 'setMuted'],
  hold: ['held', 'softphone-hold-change', 'setHeld'],
  record: ['recording', 'softphone-record-change', 'setRecording'],
} as const satisfies Record<string, [keyof CallSnapshot, ControlAction['event'], MethodName]>;

/** The toggle whose event this is, if any (looked up, not built at load: the CDN core imports this module). */
const toggleOf = (event: ControlAction['event']) => Object.values(TOGGLES).find(([, e]) => e === event);

/**
 * A toggle pressed in a frame that had not yet shown another frame's press of it (two remotes
 * at once) asks for what the call already shows: nothing new to ask the page.
 */
export function asksNothingNew(action: MirrorAction, call: CallSnapshot | null | undefined): boolean {
  const toggle = action.type === 'control' ? toggleOf(action.event) : undefined;
  return !!toggle && !!call && !!call[toggle[0]] === (action as ControlAction).detail[toggle[0]];
}

/**
 * The default a control event with this detail has (undefined: none, the event is not
 * cancelable), or null when the detail is not what that event carries: another frame's button
 * may only ask for what the built-in one would.
 */
function defaultOf(event: ControlAction['event'], detail: ControlAction['detail']): ControlAction['then'] | null {
  const keys = Object.keys(detail).join(' ');
  const toggle = toggleOf(event);
  if (toggle) return keys === toggle[0] && typeof detail[toggle[0]] === 'boolean' ? [toggle[2], [detail[toggle[0]]]] : null;
  switch (event) {
    case 'softphone-dtmf':
      return keys === 'digit' && /^[\d*#]$/.test(String(detail.digit)) ? undefined : null;
    case 'softphone-dial':
      return /^toNumber( fromNumber)?$/.test(keys) && E164.test(String(detail.toNumber)) && (detail.fromNumber === undefined || E164.test(String(detail.fromNumber)))
        ? ['outgoingCall', [{ ...detail }]]
        : null;
    case 'softphone-transfer-request':
      return keys ? null : ['transferCall', []];
  }
  const click = CLICK_ACTIONS[event.slice('softphone-'.length) as Click];
  return keys ? null : [click[0], [...click[1]]];
}

function readAction(value: unknown): MirrorAction | null {
  if (!isObject(value)) return null;
  const { type, name, available, text, args, data } = value;
  const id = value.callId;
  const withCall = callId(id) ? { callId: id } : id === undefined ? {} : null;
  switch (type) {
    case 'notes':
      return callId(id) && typeof text === 'string' && text.length <= MAX_NOTES ? { type, callId: id, text } : null;
    case 'outcome':
      return callId(id) && typeof text === 'string' && text.length <= 255 ? { type, callId: id, text } : null;
    case 'control': {
      const { event, detail, then, status } = value;
      const plain = isObject(detail) && Object.keys(detail).length <= 4 && Object.values(detail).every((v) => typeof v === 'boolean' || callId(v));
      const copy = { ...(detail as ControlAction['detail']) };
      const expected = plain && oneOf(CONTROL_EVENTS, event) ? defaultOf(event, copy) : null;
      // A status goes with the call it was shown with; the dialpad's call, only with none or one in wrap-up.
      const shown = withCall !== null && (status === undefined || (oneOf(STATUSES, status) && 'callId' in withCall)) && (event !== 'softphone-dial' || status === undefined || status === 'ended');
      return expected !== null && JSON.stringify(then) === JSON.stringify(expected) && withCall && shown
        ? { type, event: event as ControlAction['event'], detail: copy, ...(expected && { then: expected }), ...(status !== undefined && { status }), ...withCall }
        : null;
    }
    case 'record': {
      const objectCoordinates = readObjectCoordinates(value.objectCoordinates);
      return objectCoordinates && callId(id) ? { type, callId: id, objectCoordinates } : null;
    }
    case 'availability':
      return typeof available === 'boolean' ? { type, available } : null;
    case 'method':
      // Only setRecording() takes a second argument among the flags (its URL).
      return oneOf(METHODS, name) && Array.isArray(args) && args.length <= (name === 'setMuted' || name === 'setHeld' ? 1 : 2) && withCall ? { type, name, args, ...withCall } : null;
    case 'host':
      return oneOf(FORWARDED_HOST_EVENTS, name) && withCall ? { type, name, data, ...withCall } : null;
  }
  return null;
}

function readOwnerState(value: unknown): OwnerState | null {
  if (!isObject(value) || typeof value.available !== 'boolean') return null;
  const phone = readPhoneState(value.phone);
  return phone && { phone, available: value.available };
}

export function readMirrorMessage(data: unknown, scope: string): MirrorMessage | null {
  if (!isObject(data) || data.v !== VERSION || data.scope !== scope || !shortId(data.from)) return null;
  const { kind, from } = data;
  switch (kind) {
    case 'hello':
    case 'bye':
      return { kind, from };
    case 'state': {
      const state = readOwnerState(data.state);
      const { seq, done } = data;
      if (!state || !Number.isSafeInteger(seq) || (seq as number) < 0 || !Array.isArray(done) || done.length > MAX_DONE || !done.every(shortId)) return null;
      return { kind, from, seq: seq as number, state, done: [...done] };
    }
    case 'action': {
      const action = readAction(data.action);
      return action && shortId(data.id) ? { kind, from, id: data.id, action } : null;
    }
  }
  return null;
}
