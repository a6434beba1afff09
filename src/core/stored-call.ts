import { ANSWER_KINDS, MAX_AWAITING, type Awaiting } from './answers.js';
import type { PhoneState } from './call-machine.js';
import { isObject } from './host-events.js';
import { syncScope } from './ownership.js';
import { readPhoneState } from './phone-state.js';
import type { HostContext } from './types.js';

/**
 * What the owner keeps in sessionStorage so a reload finds its call again, and the rules for
 * taking it back. The record says what HubSpot was already told, so restoring sends nothing.
 */
export interface StoredCall {
  v: 1;
  /** `portalId:userId` of the HubSpot user the call belongs to. */
  scope: string;
  savedAt: number;
  state: PhoneState;
  /** Ids of the last actions from other frames already carried out (exactly once across a reload). */
  done: string[];
  /** The calls still waiting for HubSpot's answers, so a late answer after the reload finds its call. */
  awaiting: Awaiting[];
}

/** Nobody rings or dials for ten minutes; no call lasts twelve hours. Older records are stale. */
export const RINGING_LIMIT_MS = 10 * 60_000;
export const CALL_LIMIT_MS = 12 * 3_600_000;
const MAX_DONE = 64;

export function storedCall(scope: string, state: PhoneState, done: readonly string[], now: number, awaiting: readonly Awaiting[] = []): StoredCall | null {
  return state.call ? { v: 1, scope, savedAt: now, state, done: done.slice(-MAX_DONE), awaiting: awaiting.slice(-MAX_AWAITING) } : null;
}

function readAwaiting(value: unknown): Awaiting[] {
  const list = Array.isArray(value) ? value.slice(-MAX_AWAITING) : [];
  return list.flatMap((a) =>
    isObject(a) && ANSWER_KINDS.includes(a.kind as Awaiting['kind']) && typeof a.callId === 'string' && a.callId.length <= 255 && Number.isFinite(a.at)
      ? [{ kind: a.kind as Awaiting['kind'], callId: a.callId, at: a.at as number }]
      : [],
  );
}

export function readStoredCall(raw: unknown): StoredCall | null {
  let value: unknown;
  try {
    value = typeof raw === 'string' ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
  if (!isObject(value) || value.v !== 1 || typeof value.scope !== 'string' || typeof value.savedAt !== 'number') return null;
  const state = readPhoneState(value.state);
  const done = Array.isArray(value.done) ? value.done.filter((id): id is string => typeof id === 'string').slice(-MAX_DONE) : [];
  return state?.call ? { v: 1, scope: value.scope, savedAt: value.savedAt, state, done, awaiting: readAwaiting(value.awaiting) } : null;
}

/**
 * The call to take back after HubSpot's SYNC, or null to discard the record: it belongs to
 * another portal or user, it is stale, HubSpot names a different engagement, or another tab
 * has finished it meanwhile (`finished`: ids of calls completed or transferred lately).
 */
export function restorable(stored: StoredCall | null, context: HostContext, now: number, finished: readonly string[] = []): PhoneState | null {
  const call = stored?.state.call;
  if (!stored || !call || stored.scope !== syncScope(context) || finished.includes(call.externalCallId)) return null;
  const limit = call.status === 'ringing' || call.status === 'dialing' ? RINGING_LIMIT_MS : CALL_LIMIT_MS;
  // A clock a minute ahead is a clock problem; more is a record from nowhere.
  if (now - call.startedAt > limit || Math.max(stored.savedAt, call.startedAt) > now + 60_000) return null;
  const { engagementId } = context;
  if (engagementId && call.engagementId && engagementId !== call.engagementId) return null;
  // HubSpot made the engagement but the reload came before its answer reached us.
  if (engagementId && !call.engagementId) return { ...stored.state, call: Object.freeze({ ...call, engagementId }) };
  return stored.state;
}
