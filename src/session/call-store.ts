import { readStoredCall, type StoredCall } from '../core/stored-call.js';

/**
 * The owner's call in sessionStorage, which survives a reload of the frame. Storage can be
 * missing or throw (sandboxed frames, blocked third-party storage): then there is no restore.
 */
const key = (channel: string) => `hubspot-softphone:${channel}`;

export function loadCall(channel: string): StoredCall | null {
  try {
    return readStoredCall(sessionStorage.getItem(key(channel)));
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
