/** Wire values of `callEndStatus`, as the SDK defines them. */
export type EndStatus =
  | 'COMPLETED'
  | 'FAILED'
  | 'CANCELED'
  | 'BUSY'
  | 'NO_ANSWER'
  | 'REJECTED'
  | 'MISSED';

export type CallDirection = 'INBOUND' | 'OUTBOUND';
export type CallStatus = 'ringing' | 'dialing' | 'connected' | 'ended';
export type IframeLocation = 'widget' | 'remote' | 'window';

export interface ObjectCoordinates {
  portalId: number;
  objectId: number;
  /** `0-1` contact, `0-2` company, or a custom object type id. */
  objectTypeId: string;
}

export interface ContactIdMatch {
  callerIdType: 'CONTACT';
  objectCoordinates: ObjectCoordinates;
  firstName: string;
  lastName: string;
  email: string;
}

export interface CompanyIdMatch {
  callerIdType: 'COMPANY';
  objectCoordinates: ObjectCoordinates;
  name: string;
}

export type CallerIdMatch = ContactIdMatch | CompanyIdMatch;

/** An immutable picture of the current call. */
export interface CallSnapshot {
  readonly externalCallId: string;
  readonly direction: CallDirection;
  readonly status: CallStatus;
  readonly fromNumber: string;
  readonly toNumber: string;
  readonly engagementId?: number;
  readonly callerIdMatches: readonly CallerIdMatch[];
  /** Outbound from HubSpot's click-to-call: the record the user clicked to call (DIAL_NUMBER's callee). */
  readonly callee?: ObjectCoordinates;
  /** Epoch milliseconds. */
  readonly startedAt: number;
  readonly answeredAt?: number;
  readonly endedAt?: number;
  readonly endStatus?: EndStatus;
  /** The telephony's state, set with `setMuted()`, `setHeld()` and `setRecording()`. */
  readonly muted?: boolean;
  readonly held?: boolean;
  readonly recording?: boolean;
  /** Where the recording is (https), from `setRecording()`; sent as `hs_call_recording_url`. */
  readonly recordingUrl?: string;
}

/** What HubSpot told the app in its SYNC handshake. */
export interface HostContext {
  portalId?: number;
  userId?: number;
  ownerId?: number;
  engagementId?: number;
  iframeLocation?: IframeLocation;
  usesCallingWindow?: boolean;
  hostUrl?: string;
}

/**
 * HubSpot's DIAL_NUMBER payload, passed on as it came (known fields typed), plus `callee`;
 * `objectId` is normalised to the callee's id (see src/core/dial-number.ts).
 */
export interface DialNumberDetail {
  phoneNumber: string;
  /** HubSpot's own copy of the number, as it came. */
  phone_number?: string;
  ownerId?: number;
  subjectId?: number;
  objectId?: number;
  objectType?: string;
  portalId?: number;
  countryCode?: string;
  calleeInfo?: Record<string, unknown>;
  /** The record being called: from `calleeInfo`, else from `objectId` and `objectType`. */
  callee?: ObjectCoordinates;
  startTimestamp?: number;
  toPhoneNumberSrc?: string;
  [key: string]: unknown;
}

export interface SizeInfo {
  width: number;
  height: number;
}
