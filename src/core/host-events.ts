import type { CallerIdMatch, HostContext, IframeLocation, ObjectCoordinates } from './types.js';

/**
 * Everything from HubSpot is untrusted data. These readers return a clean, typed copy
 * or null; they never throw and never copy keys they do not know (no `__proto__`).
 */
type Data = Record<string, unknown>;

const MAX_TEXT = 256;
const MAX_MATCHES = 50;

export const isObject = (value: unknown): value is Data =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const positiveInt = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0;

const text = (value: unknown): string => (typeof value === 'string' ? value.slice(0, MAX_TEXT) : '');

const LOCATIONS: readonly IframeLocation[] = ['widget', 'remote', 'window'];

/** Each SYNC field with the check its value must pass. */
const CONTEXT: [keyof HostContext, (value: unknown) => boolean][] = [
  ['portalId', positiveInt],
  ['userId', positiveInt],
  ['ownerId', positiveInt],
  ['engagementId', positiveInt],
  ['iframeLocation', (v) => LOCATIONS.includes(v as IframeLocation)],
  ['usesCallingWindow', (v) => typeof v === 'boolean'],
  ['hostUrl', (v) => typeof v === 'string' && v.length < 2048],
];

export function readHostContext(data: unknown): HostContext {
  const d = isObject(data) ? data : {};
  return Object.fromEntries(CONTEXT.filter(([key, valid]) => valid(d[key])).map(([key]) => [key, d[key]]));
}

export function readEngagementId(data: unknown): number | null {
  return isObject(data) && positiveInt(data.engagementId) ? data.engagementId : null;
}

export function readObjectCoordinates(value: unknown): ObjectCoordinates | null {
  if (!isObject(value)) return null;
  const { portalId, objectId, objectTypeId } = value;
  return positiveInt(portalId) && positiveInt(objectId) && /^\d+-\d+$/.test(objectTypeId as string)
    ? { portalId, objectId, objectTypeId: objectTypeId as string }
    : null;
}

function readMatch(value: unknown): CallerIdMatch | null {
  if (!isObject(value)) return null;
  const objectCoordinates = readObjectCoordinates(value.objectCoordinates);
  if (!objectCoordinates) return null;
  if (value.callerIdType === 'CONTACT') {
    return {
      callerIdType: 'CONTACT',
      objectCoordinates,
      firstName: text(value.firstName),
      lastName: text(value.lastName),
      email: text(value.email),
    };
  }
  if (value.callerIdType === 'COMPANY') {
    return { callerIdType: 'COMPANY', objectCoordinates, name: text(value.name) };
  }
  return null;
}

/** Valid matches in HubSpot's order; malformed entries are skipped, not fatal. */
export function readCallerIdMatches(data: unknown): CallerIdMatch[] | null {
  if (!isObject(data) || !Array.isArray(data.callerIdMatches)) return null;
  return data.callerIdMatches
    .slice(0, MAX_MATCHES)
    .map(readMatch)
    .filter((m): m is CallerIdMatch => m !== null);
}

export function readVisibility(data: unknown): { isMinimized: boolean; isHidden: boolean } | null {
  if (!isObject(data)) return null;
  return { isMinimized: data.isMinimized === true, isHidden: data.isHidden === true };
}

/** Top-level string, number and boolean fields only: HubSpot's payload stays flat and bounded. */
export function primitives(data: Data): Data {
  const kept = Object.entries(data).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v));
  return Object.fromEntries(kept.map(([k, v]) => [k, typeof v === 'string' ? text(v) : v]));
}

/** HubSpot's `*_FAILED` payloads carry `{ error: { message } }`. */
export function readFailureMessage(data: unknown, fallback: string): string {
  const error = isObject(data) && isObject(data.error) ? data.error : null;
  const message = error && typeof error.message === 'string' ? error.message.trim() : '';
  return message ? message.slice(0, MAX_TEXT) : fallback;
}
