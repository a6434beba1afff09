import type { CallSnapshot, CallerIdMatch } from './types.js';

export function matchName(match: CallerIdMatch): string {
  if (match.callerIdType === 'COMPANY') return match.name;
  return `${match.firstName} ${match.lastName}`.trim() || match.email;
}

/** The other party's number: the caller when inbound, the callee when outbound. */
export function remoteNumber(call: CallSnapshot): string {
  return call.direction === 'INBOUND' ? call.fromNumber : call.toNumber;
}

/** `m:ss`, or `h:mm:ss` past an hour. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Which clock a call's timer shows: ring/dial time until answered, then talk time. */
export function callElapsed(call: CallSnapshot, now: number): number {
  const end = call.endedAt ?? now;
  return end - (call.answeredAt ?? call.startedAt);
}
