/**
 * Loaded right after HubSpot's handshake (see src/session/on-demand.ts): syncing with the user's
 * other frames and tabs (the owner's Web Lock, the BroadcastChannel), and the checks for a call
 * kept across a reload, keeping it, and matching HubSpot's late answers to their calls. Without it a
 * frame still works, alone: no call comes back after a reload, and an answer is about the call it
 * names or the current one.
 */
export { CallSync } from '../session/call-sync.js';
export { readStoredCall, restorable } from '../core/stored-call.js';
export { finishedCalls, keepCall } from '../session/call-store.js';
export { expectAnswers, takeAnswer } from '../core/answers.js';
