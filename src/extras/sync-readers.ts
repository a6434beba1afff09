/**
 * Loaded on demand (see src/session/on-demand.ts) the first time another frame of this user
 * speaks on the BroadcastChannel, or a reload finds a stored call: the checks for what crosses
 * frames and reloads. A page alone in its tab never fetches it.
 */
export { readMirrorMessage } from '../core/mirror-messages.js';
export { readStoredCall, restorable } from '../core/stored-call.js';
