import type { AnswerKind } from './answers.js';
import type { SoftphoneErrorCode } from './errors.js';

/**
 * What the element does with each message HubSpot can send, by its wire type (the SDK's
 * `messageHandlerNames` lists the same types; a test checks that the two agree, so an SDK
 * with a new message fails until it has an outcome here and in the README's protocol table).
 *
 * `[error, answers]`: the `softphone-error` code it becomes (`1`: its own type is the code;
 * `0` or nothing: no error), and which of the app's messages it answers (see answers.ts).
 * Messages without an error become events or state changes in PhoneSession#onHostEvent.
 */
export type HostOutcome = [error?: 0 | 1 | SoftphoneErrorCode, answers?: AnswerKind];

export const HOST_OUTCOMES = {
  READY: [],
  DIAL_NUMBER: [],
  END_CALL: [],
  VISIBILITY_CHANGED: [],
  INITIATE_CALL_ID_SUCCEEDED: [],
  SET_CALL_STATE: [],
  CREATE_ENGAGEMENT_SUCCEEDED: [0, 'engagement'],
  ENGAGEMENT_CREATED: [0, 'engagement'],
  CREATE_ENGAGEMENT_FAILED: [1, 'engagement'],
  CALLER_ID_MATCH_SUCCEEDED: [0, 'callerId'],
  CALLER_ID_MATCH_FAILED: [1, 'callerId'],
  UPDATE_ENGAGEMENT_SUCCEEDED: [0, 'update'],
  UPDATE_ENGAGEMENT_FAILED: [1, 'update'],
  FINALIZE_ENGAGEMENT_SUCCEEDED: [0, 'finalize'],
  PUBLISH_TO_CHANNEL_SUCCEEDED: [0, 'finalize'],
  FINALIZE_ENGAGEMENT_FAILED: [1, 'finalize'],
  PUBLISH_TO_CHANNEL_FAILED: ['FINALIZE_ENGAGEMENT_FAILED', 'finalize'],
  NAVIGATE_TO_RECORD_FAILED: [1],
  INITIATE_CALL_ID_FAILED: [1],
  SET_WIDGET_URL_FAILED: [1],
  FAILED: ['HUBSPOT_FAILED'],
} satisfies Record<string, HostOutcome>;

export type HostMessageType = keyof typeof HOST_OUTCOMES;

export const isHostMessageType = (type: string): type is HostMessageType => Object.hasOwn(HOST_OUTCOMES, type);

export function outcomeOf(type: HostMessageType): { code?: SoftphoneErrorCode; answers?: AnswerKind } {
  const [error, answers] = HOST_OUTCOMES[type] as HostOutcome;
  return { code: error === 1 ? (type as SoftphoneErrorCode) : error || undefined, answers };
}

/** Failures the user cannot act on: the event is enough, no banner (no caller-ID match is common). */
export const QUIET_ERRORS: readonly SoftphoneErrorCode[] = ['CALLER_ID_MATCH_FAILED', 'SET_WIDGET_URL_FAILED'];
