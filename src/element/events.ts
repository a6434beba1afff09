import type { SoftphoneErrorCode } from '../core/errors.js';
import type { CallSnapshot, CallerIdMatch, DialNumberDetail, HostContext, ObjectCoordinates } from '../core/types.js';

export interface CallDetail {
  call: CallSnapshot;
}

export interface SoftphoneErrorDetail {
  code: SoftphoneErrorCode;
  message: string;
  /** The call a failure from HubSpot is about, when known. */
  externalCallId?: string;
}

/** A HubSpot payload passed on as flat data: its string, number and boolean fields. */
export type HostPayload = Record<string, string | number | boolean>;

/** Every event the element fires, with its detail. Also merged into `HTMLElementEventMap`. */
export interface SoftphoneEventMap {
  'softphone-ready': CustomEvent<HostContext>;
  'softphone-dial-number': CustomEvent<DialNumberDetail>;
  'softphone-availability-change': CustomEvent<{ available: boolean }>;
  'softphone-answer': CustomEvent<CallDetail>;
  'softphone-decline': CustomEvent<CallDetail>;
  'softphone-hangup': CustomEvent<CallDetail>;
  /** Done was clicked; prevent it to call `completeCall()` with your own engagement properties. */
  'softphone-complete': CustomEvent<CallDetail>;
  'softphone-end-call-request': CustomEvent<CallDetail>;
  'softphone-caller-id': CustomEvent<{ call: CallSnapshot; matches: readonly CallerIdMatch[] }>;
  /** `call`: the call the engagement belongs to, which may have finished already. */
  'softphone-engagement': CustomEvent<{ call: CallSnapshot | null; engagementId: number }>;
  /** HubSpot finalized a help-desk engagement (FINALIZE_ENGAGEMENT_SUCCEEDED, or the older PUBLISH_TO_CHANNEL_SUCCEEDED). */
  'softphone-finalized': CustomEvent<{ call: CallSnapshot | null; engagementId?: number }>;
  /** HubSpot's INITIATE_CALL_ID_SUCCEEDED, with its payload. */
  'softphone-call-id-initiated': CustomEvent<HostPayload>;
  /** HubSpot's SET_CALL_STATE, with its payload. */
  'softphone-call-state': CustomEvent<HostPayload>;
  'softphone-navigate': CustomEvent<{ objectCoordinates: ObjectCoordinates }>;
  'softphone-visibility-change': CustomEvent<{ isMinimized: boolean; isHidden: boolean }>;
  /** `restored`: the call came back after a reload, a re-render or an ownership move; reattach or end your media. */
  'softphone-call-change': CustomEvent<{ call: CallSnapshot | null; previous: CallSnapshot | null; restored: boolean }>;
  /** Whether this instance talks to HubSpot about calls (run your telephony where true): once known, and on every change. */
  'softphone-ownership-change': CustomEvent<{ isOwner: boolean }>;
  'softphone-error': CustomEvent<SoftphoneErrorDetail>;
  /** Call pressed on the dialpad (or HubSpot's click-to-call, with a dialpad). Cancelable: by default `outgoingCall()` with these numbers. */
  'softphone-dial': CustomEvent<{ toNumber: string; fromNumber?: string }>;
  /** Mute pressed. Cancelable: by default `setMuted(muted)`. */
  'softphone-mute-change': CustomEvent<{ muted: boolean; call: CallSnapshot }>;
  /** Hold pressed. Cancelable: by default `setHeld(held)`. */
  'softphone-hold-change': CustomEvent<{ held: boolean; call: CallSnapshot }>;
  /** Record pressed. Cancelable: by default `setRecording(recording)`. */
  'softphone-record-change': CustomEvent<{ recording: boolean; call: CallSnapshot }>;
  /** A keypad key pressed during a call: send it as DTMF. */
  'softphone-dtmf': CustomEvent<{ digit: string; call: CallSnapshot }>;
  /** Transfer pressed. Cancelable: by default `transferCall()`; prevent it to hand the call over first. */
  'softphone-transfer-request': CustomEvent<CallDetail>;
}

export type SoftphoneEventName = keyof SoftphoneEventMap;
export type SoftphoneEventDetail<K extends SoftphoneEventName> = SoftphoneEventMap[K]['detail'];

/** Fires a composed, bubbling event; returns false when a listener prevented its default. */
export function emit<K extends SoftphoneEventName>(
  target: EventTarget,
  name: K,
  detail: SoftphoneEventDetail<K>,
  cancelable = false,
): boolean {
  return target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable }));
}
