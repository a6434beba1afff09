/**
 * Loaded on demand (see src/session/on-demand.ts and tab-sync.ts): syncing with the user's other
 * frames and tabs, and the checks for a call kept across a reload. A HubSpot tab alone, with no
 * call to bring back, never fetches it.
 */
export { CallSync } from '../session/call-sync.js';
export { readStoredCall, restorable } from '../core/stored-call.js';
