import { isObject, positiveInt, primitives, readObjectCoordinates } from './host-events.js';
import { E164 } from './phone-number.js';
import type { DialNumberDetail } from './types.js';

/** HubSpot's click-to-call fires DIAL_NUMBER twice for one click at times (calling-extensions-sdk#210). */
const REPEAT_WINDOW_MS = 2000;

/**
 * HubSpot's DIAL_NUMBER payload, as untrusted data: flat primitives, bounded strings, never throws.
 * `callee` is the record being called: `calleeInfo` when HubSpot sends it, else the top-level
 * `objectId` (when positive) if `objectType` is CONTACT or COMPANY.
 *
 * `objectId` is normalised: HubSpot sends 0 or nothing (calling-extensions-sdk#216, #228), or the
 * record the user is viewing rather than the one called (#207). It becomes the callee's id unless
 * `objectType` names another kind of record (a TICKET, a DEAL…): that is the record the call was made from.
 */
export function readDialNumber(data: unknown): DialNumberDetail | null {
  if (!isObject(data) || typeof data.phoneNumber !== 'string') return null;
  const phoneNumber = data.phoneNumber.trim();
  // Cut short, a longer one could read as another real number: no number is that long.
  if (!phoneNumber || phoneNumber.length > 64) return null;
  const detail = { ...primitives(data), phoneNumber } as DialNumberDetail;
  const { calleeInfo, objectId, objectType } = data;
  // The kind of record objectId names: contacts and companies by type id, other objectTypes by name.
  const recordType = objectType === 'CONTACT' ? '0-1' : objectType === 'COMPANY' ? '0-2' : objectType;
  const hasCalleeInfo = isObject(calleeInfo);
  if (hasCalleeInfo) detail.calleeInfo = primitives(calleeInfo);
  const callee = readObjectCoordinates({
    portalId: data.portalId,
    objectId: hasCalleeInfo ? calleeInfo.calleeId : objectId,
    objectTypeId: hasCalleeInfo ? calleeInfo.calleeObjectTypeId : recordType,
  });
  if (callee) {
    detail.callee = callee;
    if (!positiveInt(objectId) || recordType === undefined || recordType === callee.objectTypeId) detail.objectId = callee.objectId;
  }
  return detail;
}

/**
 * The same click delivered again: the same number with the same `startTimestamp` when both
 * carry one, else the same number within two seconds. A later click has a new startTimestamp.
 */
export function isRepeatDial(previous: { detail: DialNumberDetail; at: number } | null, detail: DialNumberDetail, now: number): boolean {
  const [before, after] = [previous?.detail.startTimestamp, detail.startTimestamp];
  return (
    previous?.detail.phoneNumber === detail.phoneNumber &&
    (typeof before === 'number' && typeof after === 'number' ? before === after : Math.abs(now - previous.at) <= REPEAT_WINDOW_MS)
  );
}

/** A national number (digits, not E.164) that the country code HubSpot sent can turn into E.164. */
export function needsCountry(detail: DialNumberDetail): boolean {
  return !E164.test(detail.phoneNumber) && /\d/.test(detail.phoneNumber) && /^[a-z]{2}$/i.test(String(detail.countryCode));
}
