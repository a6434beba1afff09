/**
 * Loaded right after HubSpot's handshake (see src/session/on-demand.ts): syncing with the user's
 * other frames and tabs (the owner's Web Lock, the BroadcastChannel), and the checks for a call
 * kept across a reload. Without it a frame still works, alone.
 */
export { CallSync } from '../session/call-sync.js';
export { readStoredCall, restorable } from '../core/stored-call.js';
export { finishedCalls } from '../session/call-store.js';
