import { SoftphoneError } from './errors.js';
import { isObject } from './host-events.js';
import { requireE164 } from './phone-number.js';
import type { CallSnapshot, CallerIdMatch, EndStatus, ObjectCoordinates } from './types.js';

/**
 * The call state machine: `transition(state, input)` returns the next state and the
 * messages to send to HubSpot, or throws a SoftphoneError and changes nothing.
 * No DOM, no timers, no SDK: time and ids come in with the input.
 */
export interface PhoneState {
  readonly call: CallSnapshot | null;
  /** Wrap-up notes typed so far; sent as `hs_call_body`. */
  readonly notes: string;
  /** The call outcome picked (an `outcomes` id); sent as `hs_call_disposition`. */
  readonly outcome?: string;
}

export const IDLE: PhoneState = Object.freeze({ call: null, notes: '' });

/** Notes are bounded so that every state fits a BroadcastChannel message and sessionStorage. */
export const MAX_NOTES = 65_536;

export const END_STATUSES: readonly EndStatus[] = [
  'COMPLETED',
  'FAILED',
  'CANCELED',
  'BUSY',
  'NO_ANSWER',
  'REJECTED',
  'MISSED',
];

export type EngagementProperties = Record<string, string | number>;

/** A message for HubSpot, with the wire type the SDK gives it. */
export type Outbound =
  | { type: 'INCOMING_CALL'; data: { externalCallId: string; fromNumber: string; toNumber: string; callStartTime: number; createEngagement: boolean } }
  | { type: 'OUTGOING_CALL_STARTED'; data: { externalCallId: string; phoneNumber: string; toNumber: string; fromNumber?: string; callStartTime: number; createEngagement: boolean } }
  | { type: 'CALL_ANSWERED' | 'CALL_TRANSFERRED'; data: { externalCallId: string } }
  | { type: 'CALL_ENDED'; data: { externalCallId: string; engagementId?: number; callEndStatus: EndStatus } }
  | { type: 'CALL_COMPLETED'; data: { externalCallId: string; engagementId?: number; hideWidget: boolean; engagementProperties: EngagementProperties } }
  | { type: 'FINALIZE_ENGAGEMENT'; data: { externalCallId: string; engagementId: number } }
  | { type: 'NAVIGATE_TO_RECORD'; data: { objectCoordinates: ObjectCoordinates; openIn?: 'CURRENT_TAB' | 'NEW_TAB'; engagementId?: number } }
  | { type: 'ERROR'; data: { message: string } }
  | { type: 'SET_WIDGET_URL'; data: { iFrameUrl: string } }
  | { type: 'RESIZE_WIDGET'; data: { width: number; height: number } }
  | { type: 'USER_AVAILABLE' | 'USER_UNAVAILABLE' | 'LOGGED_IN' | 'LOGGED_OUT'; data?: undefined };

export interface StartCall {
  fromNumber?: unknown;
  toNumber?: unknown;
  externalCallId?: unknown;
  callStartTime?: unknown;
}

export type CallInput =
  | { type: 'incoming' | 'outgoing'; args: StartCall; externalCallId: string; createEngagement: boolean; now: number; callee?: ObjectCoordinates }
  | { type: 'answer'; now: number }
  | { type: 'end'; status?: unknown; now: number }
  | { type: 'complete'; engagementProperties?: unknown; hideWidget?: unknown }
  | { type: 'transfer' }
  | { type: 'finalize' }
  | { type: 'engagement'; engagementId: number }
  | { type: 'callerId'; matches: readonly CallerIdMatch[] }
  | { type: 'notes'; text: string }
  /** `text`: the outcome's id. */
  | { type: 'outcome'; text: string }
  | { type: 'flag'; method: string; name: 'muted' | 'held' | 'recording'; value: unknown; recordingUrl?: unknown };

export interface Transition {
  state: PhoneState;
  send: Outbound[];
}

const ACTIVE = ['ringing', 'dialing', 'connected'];

/** HubSpot accepts only secure recording URLs. */
export const RECORDING_URL = /^https:\/\/[^\s]{1,2040}$/;

function fail(code: 'INVALID_ARGUMENT' | 'INVALID_STATE', message: string): never {
  throw new SoftphoneError(code, message);
}

function requireCall(state: PhoneState, allowed: readonly string[], action: string): CallSnapshot {
  const { call } = state;
  if (!call || !allowed.includes(call.status)) {
    const now = call ? `this call is ${call.status}` : 'there is none: start one with incomingCall() or outgoingCall()';
    fail('INVALID_STATE', `${action}() needs a ${allowed.join(' or ')} call, and ${now}.`);
  }
  return call;
}

function withCall(state: PhoneState, patch: Partial<CallSnapshot>): PhoneState {
  return { ...state, call: Object.freeze({ ...state.call!, ...patch }) };
}

/**
 * Leaving wrap-up for a new call still logs the previous one, notes included. What the call
 * itself says is logged too: talk time in ms, how it ended (HubSpot's `hs_call_status` has no
 * REJECTED: a declined call is CANCELED, as HubSpot's demo logs it), the recording, the outcome
 * picked. The page's own engagement properties win.
 */
function completion({ call, notes, outcome }: PhoneState, engagementProperties: EngagementProperties = {}, hideWidget = false): Outbound {
  const { externalCallId, engagementId, answeredAt, endedAt, endStatus, recordingUrl } = call!;
  return {
    type: 'CALL_COMPLETED',
    data: {
      externalCallId,
      engagementId,
      hideWidget,
      engagementProperties: {
        ...(notes.trim() && { hs_call_body: notes }),
        hs_call_duration: String(answeredAt ? endedAt! - answeredAt : 0),
        hs_call_status: endStatus === 'REJECTED' ? 'CANCELED' : endStatus!,
        ...(recordingUrl && { hs_call_recording_url: recordingUrl }),
        ...(outcome && { hs_call_disposition: outcome }),
        ...engagementProperties,
      },
    },
  };
}

function startCall(state: PhoneState, input: Extract<CallInput, { type: 'incoming' | 'outgoing' }>): Transition {
  const { args, type } = input;
  if (typeof args !== 'object' || args === null) {
    fail('INVALID_ARGUMENT', `${type}Call() takes { fromNumber, toNumber } as E.164 strings.`);
  }
  const { externalCallId, createEngagement } = input;
  if (typeof externalCallId !== 'string' || !externalCallId.trim() || externalCallId.length > 255) {
    fail('INVALID_ARGUMENT', 'externalCallId must be a string of 1 to 255 characters, or left out.');
  }
  const inbound = type === 'incoming';
  const toNumber = requireE164(args.toNumber, 'toNumber');
  const fromNumber = inbound || args.fromNumber !== undefined ? requireE164(args.fromNumber, 'fromNumber') : '';
  const same = state.call?.externalCallId === externalCallId && state.call;
  if (same) {
    // Asking twice for the same call is not a second call; the same id for a different call is a mistake.
    if (same.direction === (inbound ? 'INBOUND' : 'OUTBOUND') && same.toNumber === toNumber && (!inbound || same.fromNumber === fromNumber)) return { state, send: [] };
    fail('INVALID_STATE', `${type}Call(): externalCallId ${externalCallId} is the current call's, which has other numbers or direction; give each call its own id.`);
  }
  if (ACTIVE.includes(state.call?.status!)) {
    fail('INVALID_STATE', `${type}Call(): a call is ${state.call!.status}; end it first.`);
  }
  const { callStartTime = input.now } = args;
  if (typeof callStartTime !== 'number' || !Number.isFinite(callStartTime) || callStartTime <= 0) {
    fail('INVALID_ARGUMENT', 'callStartTime must be epoch ms, e.g. Date.now().');
  }
  const call: CallSnapshot = Object.freeze({
    externalCallId,
    direction: inbound ? 'INBOUND' : 'OUTBOUND',
    status: inbound ? 'ringing' : 'dialing',
    fromNumber,
    toNumber,
    callerIdMatches: [],
    ...(!inbound && input.callee && { callee: input.callee }),
    startedAt: callStartTime,
  });
  const data = { externalCallId, ...(fromNumber && { fromNumber }), toNumber, callStartTime, createEngagement };
  const send: Outbound[] = state.call ? [completion(state)] : [];
  // The SDK's outgoing call also names the callee `phoneNumber`.
  send.push(inbound ? { type: 'INCOMING_CALL', data: { ...data, fromNumber } } : { type: 'OUTGOING_CALL_STARTED', data: { ...data, phoneNumber: toNumber } });
  return { state: { call, notes: '' }, send };
}

function defaultEndStatus(call: CallSnapshot): EndStatus {
  if (call.status === 'connected') return 'COMPLETED';
  return call.direction === 'INBOUND' ? 'MISSED' : 'CANCELED';
}

function readEngagementProperties(value: unknown): EngagementProperties {
  if (value === undefined) return {};
  const entries = isObject(value) ? Object.entries(value) : null;
  if (!entries || !entries.every(([, v]) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))) {
    fail('INVALID_ARGUMENT', 'engagementProperties must map names to strings or numbers.');
  }
  return Object.fromEntries(entries) as EngagementProperties;
}

export function transition(state: PhoneState, input: CallInput): Transition {
  switch (input.type) {
    case 'incoming':
    case 'outgoing':
      return startCall(state, input);

    case 'answer': {
      const call = requireCall(state, ['ringing', 'dialing'], 'answerCall');
      return {
        state: withCall(state, { status: 'connected', answeredAt: input.now }),
        send: [{ type: 'CALL_ANSWERED', data: { externalCallId: call.externalCallId } }],
      };
    }

    case 'end': {
      const call = requireCall(state, ACTIVE, 'endCall');
      const { status = defaultEndStatus(call) } = input;
      if (!END_STATUSES.includes(status as EndStatus)) {
        fail('INVALID_ARGUMENT', `endCall() status must be one of ${END_STATUSES.join(', ')}.`);
      }
      const callEndStatus = status as EndStatus;
      return {
        state: withCall(state, { status: 'ended', endedAt: input.now, endStatus: callEndStatus }),
        send: [
          {
            type: 'CALL_ENDED',
            data: { externalCallId: call.externalCallId, engagementId: call.engagementId, callEndStatus },
          },
        ],
      };
    }

    case 'complete': {
      requireCall(state, ['ended'], 'completeCall');
      const properties = readEngagementProperties(input.engagementProperties);
      if (input.hideWidget !== undefined && typeof input.hideWidget !== 'boolean') {
        fail('INVALID_ARGUMENT', 'hideWidget must be a boolean.');
      }
      return { state: IDLE, send: [completion(state, properties, input.hideWidget === true)] };
    }

    case 'transfer': {
      const call = requireCall(state, ACTIVE, 'transferCall');
      return { state: IDLE, send: [{ type: 'CALL_TRANSFERRED', data: { externalCallId: call.externalCallId } }] };
    }

    case 'finalize': {
      const { call } = state;
      if (!call || call.engagementId === undefined) {
        fail('INVALID_STATE', 'finalizeEngagement() needs a call whose engagementId HubSpot has sent.');
      }
      return {
        state,
        send: [{ type: 'FINALIZE_ENGAGEMENT', data: { externalCallId: call.externalCallId, engagementId: call.engagementId } }],
      };
    }

    case 'engagement':
      // The first id wins: a late answer about the previous call must not relabel this one.
      return { state: state.call && !state.call.engagementId ? withCall(state, { engagementId: input.engagementId }) : state, send: [] };

    case 'callerId':
      return { state: state.call ? withCall(state, { callerIdMatches: Object.freeze([...input.matches]) }) : state, send: [] };

    case 'notes':
    case 'outcome':
      return { state: state.call ? { ...state, [input.type]: input.text.slice(0, MAX_NOTES) } : state, send: [] };

    case 'flag': {
      // The telephony's true state, shown and mirrored; HubSpot has no message for it.
      const { method, name, value, recordingUrl } = input;
      requireCall(state, [...ACTIVE, 'ended'], method);
      if (typeof value !== 'boolean' || (recordingUrl !== undefined && !(typeof recordingUrl === 'string' && RECORDING_URL.test(recordingUrl)))) {
        fail('INVALID_ARGUMENT', `${method}() takes true or false${recordingUrl === undefined ? '' : ', and an https recording URL'}.`);
      }
      return { state: withCall(state, { [name]: value, ...(recordingUrl !== undefined && { recordingUrl: recordingUrl as string }) }), send: [] };
    }
  }
}
