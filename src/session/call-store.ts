import type { Awaiting } from '../core/answers.js';
import type { PhoneState } from '../core/call-machine.js';
import { storedCall, type StoredCall } from '../core/stored-call.js';

/**
 * The owner's call in sessionStorage, which survives a reload of the frame, and the ids of
 * calls lately finished in localStorage, which every tab sees: a tab whose own record is older
 * than another tab's Done must not bring that call back. Storage can be missing or throw
 * (sandboxed frames, blocked third-party storage): then there is no restore.
 */
const key = (channel: string) => `hubspot-softphone:${channel}`;
const FINISHED_KEPT = 50;
const FINISHED_MS = 12 * 3_600_000;

/** The stored record as written, unchecked (`readStoredCall` checks it, loaded on demand). */
export function loadCall(channel: string): string | null {
  try {
    return sessionStorage.getItem(key(channel));
  } catch {
    return null;
  }
}

export function saveCall(channel: string, record: StoredCall | null): void {
  try {
    if (record) sessionStorage.setItem(key(channel), JSON.stringify(record));
    else sessionStorage.removeItem(key(channel));
  } catch {
    // Full or blocked: the call goes on, it just cannot come back after a reload.
  }
}

type Finished = [callId: string, at: number];

function finishedEntries(channel: string, now: number): Finished[] {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(`${key(channel)}:finished`) ?? '[]');
    return Array.isArray(list) ? list.filter((e): e is Finished => Array.isArray(e) && typeof e[0] === 'string' && now - e[1] < FINISHED_MS) : [];
  } catch {
    return [];
  }
}

/** Ids of calls completed or transferred in the last hours, in any tab. */
export function finishedCalls(channel: string, now: number): string[] {
  return finishedEntries(channel, now).map(([id]) => id);
}

export function markFinished(channel: string, callId: string, now: number): void {
  try {
    const entries = [...finishedEntries(channel, now).slice(1 - FINISHED_KEPT), [callId, now]];
    localStorage.setItem(`${key(channel)}:finished`, JSON.stringify(entries));
  } catch {
    // Without it a stale record in another tab may come back; nothing else changes.
  }
}

/**
 * Keeps the owner's call for a reload (in extras/sync.js: without it no call comes back). A call
 * that is gone (completed, transferred) is marked for every tab, so no stale copy of it comes
 * back. Returns the id now kept.
 */
export function keepCall(channel: string, saved: string | undefined, scope: string, state: PhoneState, done: readonly string[], awaiting: readonly Awaiting[], now = Date.now()): string | undefined {
  const id = state.call?.externalCallId;
  if (saved && saved !== id) markFinished(channel, saved, now);
  saveCall(channel, storedCall(scope, state, done, now, awaiting));
  return id;
}
