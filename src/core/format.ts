import type { CallSnapshot, CallerIdMatch } from './types.js';

/**
 * The text without bidi and other control characters (so it cannot reorder the number beside
 * it), or '' when nothing in it is visible: spaces, controls, format characters, marks with no
 * letter to sit on.
 */
const visible = (text: string) => (/[^\s\p{Cc}\p{Cf}\p{DI}\p{M}\u2800]/u.test(text) ? text.replace(/[\p{Bidi_C}\p{Cc}]/gu, '').trim() : '');

/** A match's name; a contact with no visible name goes by email. */
export function matchName(match: CallerIdMatch): string {
  if (match.callerIdType === 'COMPANY') return visible(match.name);
  return visible(`${match.firstName} ${match.lastName}`) || visible(match.email);
}

/** The other party's number: the caller when inbound, the callee when outbound. */
export function remoteNumber(call: CallSnapshot): string {
  return call.direction === 'INBOUND' ? call.fromNumber : call.toNumber;
}

/** `m:ss`, or `h:mm:ss` past an hour, in the language's digits. */
export function formatDuration(ms: number, lang = 'en'): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const n = (value: number, digits = 1) => value.toLocaleString(lang, { minimumIntegerDigits: digits, useGrouping: false });
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  return h ? `${n(h)}:${n(m, 2)}:${n(total % 60, 2)}` : `${n(m)}:${n(total % 60, 2)}`;
}

/** Which clock a call's timer shows: ring/dial time until answered, then talk time. */
export function callElapsed(call: CallSnapshot, now: number): number {
  const end = call.endedAt ?? now;
  return end - (call.answeredAt ?? call.startedAt);
}
