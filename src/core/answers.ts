import type { Outbound } from './call-machine.js';

/**
 * Which call each of HubSpot's late answers belongs to. HubSpot answers every INCOMING_CALL
 * with one caller-ID result (and one engagement result when it creates the engagement),
 * every outgoing call with one engagement result, a completion with one update result and a
 * finalize with one finalize result, each kind in order. Most payloads do not say which call
 * they are about: the calls still waiting for each kind of answer are kept in order, and an
 * answer goes to the oldest. A lost answer must not shift every later one onto the wrong
 * call, so a wait expires.
 */
export const ANSWER_KINDS = ['engagement', 'callerId', 'update', 'finalize'] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];

export interface Awaiting {
  readonly kind: AnswerKind;
  readonly callId: string;
  readonly at: number;
}

/** Well beyond the second or two HubSpot takes to create an engagement or look up a caller; short enough that a lost answer is soon forgotten. */
export const ANSWER_TIMEOUT_MS = 15_000;
/** No more waits than this are kept (or stored with the call). */
export const MAX_AWAITING = 32;

/** The answers a message to HubSpot will bring. */
export function answersFor(message: Outbound): AnswerKind[] {
  switch (message.type) {
    case 'INCOMING_CALL':
      return message.data.createEngagement ? ['engagement', 'callerId'] : ['callerId'];
    case 'OUTGOING_CALL_STARTED':
      return message.data.createEngagement ? ['engagement'] : [];
    case 'CALL_COMPLETED':
      return message.data.engagementId ? ['update'] : [];
    case 'FINALIZE_ENGAGEMENT':
      return ['finalize'];
    default:
      return [];
  }
}

export function expectAnswers(list: readonly Awaiting[], message: Outbound, now: number): Awaiting[] {
  const callId = (message.data as { externalCallId?: string } | undefined)?.externalCallId;
  const kinds = callId ? answersFor(message) : [];
  // Bounded too: a burst of calls that HubSpot does not answer cannot grow it without end.
  return [...list.filter((a) => now - a.at < ANSWER_TIMEOUT_MS), ...kinds.map((kind) => ({ kind, callId: callId!, at: now }))].slice(-MAX_AWAITING);
}

/**
 * The call an answer of `kind` is about: the one HubSpot names, else the oldest still waiting,
 * else null (nothing was waiting: a reload or an ownership move emptied the list).
 */
export function takeAnswer(list: readonly Awaiting[], kind: AnswerKind, named: string | undefined, now: number): { callId: string | null; list: Awaiting[] } {
  const live = list.filter((a) => now - a.at < ANSWER_TIMEOUT_MS);
  const index = live.findIndex((a) => a.kind === kind && (!named || a.callId === named));
  const callId = index < 0 ? named ?? null : live[index]!.callId;
  return { callId, list: index < 0 ? live : live.filter((_, i) => i !== index) };
}
