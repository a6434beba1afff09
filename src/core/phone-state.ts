import { END_STATUSES, MAX_NOTES, RECORDING_URL, type PhoneState } from './call-machine.js';
import { isObject, positiveInt, readCallerIdMatches, readObjectCoordinates } from './host-events.js';
import { E164 } from './phone-number.js';
import type { CallSnapshot, EndStatus } from './types.js';

/**
 * Reads a PhoneState that crossed a boundary (another frame's BroadcastChannel message,
 * sessionStorage): a clean frozen copy, or null when anything is off. Never throws.
 */
const STATUS_DIRECTION: Record<string, string> = { ringing: 'INBOUND', dialing: 'OUTBOUND' };
const epoch = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0;
const optional = (value: unknown, valid: (v: unknown) => boolean) => value === undefined || valid(value);
const flag = (value: unknown) => typeof value === 'boolean';
const FLAGS = ['muted', 'held', 'recording'] as const;

export function readCallSnapshot(value: unknown): CallSnapshot | null {
  if (!isObject(value)) return null;
  const { externalCallId: id, direction, status, fromNumber, toNumber, engagementId, startedAt, answeredAt, endedAt, endStatus } = value;
  const callee = value.callee === undefined ? undefined : readObjectCoordinates(value.callee);
  const matches = readCallerIdMatches(value);
  const ended = status === 'ended';
  const valid =
    typeof id === 'string' && id.trim() !== '' && id.length <= 255 &&
    (direction === 'INBOUND' || direction === 'OUTBOUND') &&
    ['ringing', 'dialing', 'connected', 'ended'].includes(status as string) &&
    optional(STATUS_DIRECTION[status as string], (d) => d === direction) &&
    (fromNumber === '' ? direction === 'OUTBOUND' : E164.test(fromNumber as string)) &&
    E164.test(toNumber as string) &&
    optional(engagementId, positiveInt) &&
    matches !== null &&
    callee !== null &&
    epoch(startedAt) &&
    optional(answeredAt, epoch) &&
    (ended ? epoch(endedAt) && END_STATUSES.includes(endStatus as EndStatus) : endedAt === undefined && endStatus === undefined) &&
    FLAGS.every((name) => optional(value[name], flag)) &&
    optional(value.recordingUrl, (url) => typeof url === 'string' && RECORDING_URL.test(url));
  if (!valid) return null;
  return Object.freeze({
    externalCallId: id,
    direction,
    status,
    fromNumber,
    toNumber,
    ...(engagementId !== undefined && { engagementId }),
    callerIdMatches: Object.freeze(matches),
    ...(callee && { callee }),
    startedAt,
    ...(answeredAt !== undefined && { answeredAt }),
    ...(ended && { endedAt, endStatus }),
    ...Object.fromEntries(FLAGS.filter((name) => value[name] !== undefined).map((name) => [name, value[name]])),
    ...(value.recordingUrl !== undefined && { recordingUrl: value.recordingUrl }),
  } as CallSnapshot);
}

export function readPhoneState(value: unknown): PhoneState | null {
  if (!isObject(value) || typeof value.notes !== 'string' || value.notes.length > MAX_NOTES) return null;
  const { outcome } = value;
  // '' is "No outcome" picked after an outcome.
  if (!optional(outcome, (id) => typeof id === 'string' && id.length <= 255)) return null;
  if (value.call === null) return { call: null, notes: '' };
  const call = readCallSnapshot(value.call);
  return call && { call, notes: value.notes, ...(outcome !== undefined && { outcome: outcome as string }) };
}
